//! Sending exactly once. The ledger holds every message under its idempotency key before any
//! transport sees it; each step commits before the next:
//!
//! 1. `queued` — the key is new (or was queued and never started). A key already past `queued`
//!    is never sent again: the caller gets the ledger's answer.
//! 2. Marketing to a suppressed or non-consenting address → `suppressed`, and it stops here.
//! 3. `sending` is committed, then the transport is called.
//! 4. `sent` (with the provider's id), `failed` (permanent), back to `queued` (temporary: a later
//!    call retries; a test email, sent by hand, is `failed` instead), or `unknown` (the hand-over
//!    broke off; a human decides).
//!
//! A crash between 3 and 4 leaves `sending`; opening the store again turns it into `unknown`. So
//! a message reaches the transport at most once per key, and a message that may have left is
//! never re-sent without a person saying so — except through a provider that deduplicates by the
//! key itself (Resend's `Idempotency-Key`, kept 24 h), where sending the same key again is safe.
//! A provider's "inactive recipient" rejection suppresses the address.

use super::compose::{self, Built, Kind, Outgoing};
use super::transport::{SendError, Transport};
use crate::clock::Clock;
use crate::store::{self, NewMessage, Step, Store};

/// What happened to a message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Delivery {
    pub id: i64,
    /// The ledger state after this call.
    pub state: String,
    /// True when the key was already in the ledger past `queued`: nothing was sent now.
    pub already: bool,
    pub provider_message_id: Option<String>,
    pub detail: Option<String>,
}

/// Why a send could not even be recorded.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(transparent)]
    Store(#[from] store::Error),
    #[error(transparent)]
    Compose(#[from] compose::ComposeError),
}

/// Sends `o` through `transport` at most once for its key.
pub fn send(
    store: &mut Store,
    transport: &dyn Transport,
    clock: &dyn Clock,
    o: &Outgoing,
    customer_id: Option<i64>,
) -> Result<Delivery, Error> {
    let now = || clock.now().as_second();
    // Build first: a message that cannot be built never enters the ledger as sendable; it is
    // recorded as failed with the reason, so the owner sees what was refused and why.
    let built: Built = match compose::build(o) {
        Ok(b) => b,
        Err(e) => {
            record_refusal(store, o, transport.name(), customer_id, &e.to_string(), now())?;
            return Err(e.into());
        }
    };
    let payload = built.to_payload();
    let (state, _created) = store.enqueue(
        &NewMessage {
            idempotency_key: &o.key,
            kind: o.kind.code(),
            customer_id,
            to_address: &o.to,
            subject: &o.subject,
            transport: transport.name(),
            payload: Some(&payload),
        },
        now(),
    )?;
    // A provider that deduplicates by key (Resend) makes retrying an unknown fate safe.
    let retry_unknown = state.state == "unknown" && transport.idempotent();
    if state.state != "queued" && !retry_unknown {
        return Ok(Delivery {
            id: state.id,
            state: state.state,
            already: true,
            provider_message_id: state.provider_message_id,
            detail: state.detail,
        });
    }
    let id = state.id;
    if o.kind == Kind::Marketing {
        if let Some(why) = refusal(store, &o.to)? {
            let step =
                Step { from: "queued", to: "suppressed", outcome: "permanent", provider_id: None, detail: Some(&why) };
            store.transition(id, &step, now())?;
            return Ok(Delivery {
                id,
                state: "suppressed".into(),
                already: false,
                provider_message_id: None,
                detail: Some(why),
            });
        }
    }
    if let Some(held) = hold_for_later(store, transport, clock, id, &built)? {
        return Ok(held);
    }
    let from = if retry_unknown { "unknown" } else { "queued" };
    hand_over(store, transport, clock, id, from, &o.key, &built, 0)
}

/// A message to deliver later that the transport cannot hold yet stays queued here until it
/// can (the provider's window) or until its time (no provider scheduling).
fn hold_for_later(
    store: &mut Store,
    transport: &dyn Transport,
    clock: &dyn Clock,
    id: i64,
    built: &Built,
) -> Result<Option<Delivery>, Error> {
    let now = clock.now().as_second();
    let Some(at) = built.parts.send_at.filter(|&t| t > now) else { return Ok(None) };
    let window = transport.schedule_window().map(|d| d.as_secs() as i64);
    if window.is_some_and(|w| at - now <= w) {
        return Ok(None);
    }
    let when = window.map_or(at, |w| at - w);
    store.reschedule(id, when)?;
    let detail = match window {
        Some(_) => format!("to be delivered {}; handed to {} on {}", rfc3339(at), transport.name(), rfc3339(when)),
        None => format!("to be delivered {}; kept here until then (this computer must be on)", rfc3339(at)),
    };
    Ok(Some(Delivery { id, state: "queued".into(), already: false, provider_message_id: None, detail: Some(detail) }))
}

fn rfc3339(at: i64) -> String {
    crate::time::rfc3339(at)
}

/// Cancels the message under `key` (an exit condition was met): a queued message is marked not
/// sent; one a provider holds for later is cancelled there when the provider allows it, and
/// otherwise the answer says it will still be delivered.
pub fn cancel(
    store: &mut Store,
    transport: &dyn Transport,
    clock: &dyn Clock,
    key: &str,
    why: &str,
) -> Result<Delivery, Error> {
    let now = clock.now().as_second();
    let Some(m) = store.message_by_key(key)? else {
        return Ok(Delivery {
            id: 0,
            state: "none".into(),
            already: false,
            provider_message_id: None,
            detail: Some("no such message".into()),
        });
    };
    let detail = format!("cancelled: {why}");
    let step = |from| Step { from, to: "suppressed", outcome: "permanent", provider_id: None, detail: Some(&detail) };
    match m.state.as_str() {
        "queued" => {
            store.transition(m.id, &step("queued"), now)?;
            Ok(Delivery {
                id: m.id,
                state: "suppressed".into(),
                already: false,
                provider_message_id: None,
                detail: Some(detail.clone()),
            })
        }
        "sent" if m.detail.as_deref().is_some_and(|d| d.starts_with("scheduled by")) => {
            let provider_id = m.provider_message_id.clone().unwrap_or_default();
            match transport.cancel(&provider_id) {
                Ok(()) => {
                    store.transition(m.id, &step("sent"), now)?;
                    Ok(Delivery {
                        id: m.id,
                        state: "suppressed".into(),
                        already: false,
                        provider_message_id: Some(provider_id),
                        detail: Some(detail.clone()),
                    })
                }
                Err(e) => Ok(Delivery {
                    id: m.id,
                    state: "sent".into(),
                    already: true,
                    provider_message_id: Some(provider_id),
                    detail: Some(format!("could not cancel ({e}); it will be delivered as scheduled")),
                }),
            }
        }
        other => Ok(Delivery {
            id: m.id,
            state: other.to_owned(),
            already: true,
            provider_message_id: m.provider_message_id,
            detail: Some("already handed over; nothing to cancel".into()),
        }),
    }
}

/// Records a message that could not be built (bad address, header injection, missing postal
/// address…) as failed, once per key. Control characters are shown as `?` in the ledger.
fn record_refusal(
    store: &mut Store,
    o: &Outgoing,
    transport: &str,
    customer_id: Option<i64>,
    why: &str,
    now: i64,
) -> Result<(), Error> {
    let clean = |t: &str| t.chars().map(|c| if c.is_control() { '?' } else { c }).collect::<String>();
    let (to, subject) = (clean(&o.to), clean(&o.subject));
    let (state, created) = store.enqueue(
        &NewMessage {
            idempotency_key: &o.key,
            kind: o.kind.code(),
            customer_id,
            to_address: &to,
            subject: &subject,
            transport,
            payload: None,
        },
        now,
    )?;
    if created {
        let detail = format!("refused before sending: {why}");
        store.transition(
            state.id,
            &Step { from: "queued", to: "failed", outcome: "permanent", provider_id: None, detail: Some(&detail) },
            now,
        )?;
    }
    Ok(())
}

/// Why marketing must not go to `to`, if it must not.
fn refusal(store: &Store, to: &str) -> Result<Option<String>, Error> {
    let to = to.to_ascii_lowercase();
    Ok(match store.suppression(&to)? {
        Some((reason, source)) => Some(format!("suppressed: {reason} ({source})")),
        None => match store.consent_of(&to)? {
            Some((_, consent)) if consent == "subscribed" => None,
            Some((_, consent)) => Some(format!("no marketing consent ({consent})")),
            None => Some("not a customer with marketing consent".to_owned()),
        },
    })
}

/// Steps 3 and 4: `sending` committed, the transport called, the outcome committed.
#[allow(clippy::too_many_arguments)]
fn hand_over(
    store: &mut Store,
    transport: &dyn Transport,
    clock: &dyn Clock,
    id: i64,
    from: &str,
    key: &str,
    built: &Built,
    retries: i64,
) -> Result<Delivery, Error> {
    let now = || clock.now().as_second();
    let start = Step { from, to: "sending", outcome: "started", provider_id: None, detail: None };
    if !store.transition(id, &start, now())? {
        // Someone else moved it first: report what the ledger says now.
        let s = store.message_by_key(key)?.map(|s| s.state).unwrap_or_default();
        return Ok(Delivery { id, state: s, already: true, provider_message_id: None, detail: None });
    }
    let test = built.parts.kind == Kind::Test;
    // A time that has come is "now": send without asking the provider to hold it.
    let later = built.parts.send_at.filter(|&t| t > now());
    let stripped;
    let built = if built.parts.send_at.is_some() && later.is_none() {
        let mut b = built.clone();
        b.parts.send_at = None;
        stripped = b;
        &stripped
    } else {
        built
    };
    let (to, outcome, provider, detail) = match transport.send(built, key) {
        Ok(provider_id) => {
            let held = later.map(|t| format!("scheduled by {} for {}", transport.name(), rfc3339(t)));
            ("sent", "sent", Some(provider_id), held)
        }
        // A test is sent by hand, now or not at all; anything else waits for the next try.
        Err(SendError::Temporary(why)) if test => ("failed", "temporary", None, Some(format!("not sent: {why}"))),
        Err(SendError::Temporary(why)) => ("queued", "temporary", None, Some(format!("waiting to try again: {why}"))),
        Err(e @ SendError::Permanent(_)) => {
            if super::providers::inactive_recipient(&e) {
                // The provider will never deliver to it: never try marketing there again.
                store.suppress(&built.parts.to.to_ascii_lowercase(), "inactive", transport.name(), now())?;
            }
            ("failed", "permanent", None, Some(e.to_string()))
        }
        Err(SendError::Unknown(why)) => ("unknown", "cut_off", None, Some(why)),
    };
    let end = Step { from: "sending", to, outcome, provider_id: provider.as_deref(), detail: detail.as_deref() };
    store.transition(id, &end, now())?;
    if to == "queued" {
        let wait = super::rate::backoff(retries).as_secs() as i64;
        store.reschedule(id, now() + wait)?;
    }
    Ok(Delivery { id, state: to.into(), already: false, provider_message_id: provider, detail })
}

/// What a pass over the queue did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Drained {
    pub tried: u64,
    pub sent: u64,
    pub waiting: u64,
    pub failed: u64,
    pub unknown: u64,
    pub suppressed: u64,
}

/// Sends up to `limit` queued messages that are due, no faster than `bucket` allows: when no
/// token is there, `wait` is called with how long to wait (the real clock sleeps; tests move a
/// manual clock). Marketing is checked against suppressions again: an address may have
/// unsubscribed while its message waited.
pub fn drain(
    store: &mut Store,
    transport: &dyn Transport,
    clock: &dyn Clock,
    bucket: &mut super::rate::TokenBucket,
    wait: &mut dyn FnMut(std::time::Duration),
    limit: i64,
) -> Result<Drained, Error> {
    let mut report = Drained::default();
    for due in store.due_messages(clock.now().as_second(), limit)? {
        let built = match Built::from_payload(&due.payload) {
            Ok(b) => b,
            Err(e) => {
                // A queued flow email that cannot be built (an address that does not parse)
                // fails with its reason; the rest of the queue goes on.
                let why = format!("could not be built: {e}");
                let step =
                    Step { from: "queued", to: "failed", outcome: "permanent", provider_id: None, detail: Some(&why) };
                store.transition(due.id, &step, clock.now().as_second())?;
                report.failed += 1;
                continue;
            }
        };
        if built.parts.kind == Kind::Marketing {
            if let Some(why) = refusal(store, &built.parts.to)? {
                let step = Step {
                    from: "queued",
                    to: "suppressed",
                    outcome: "permanent",
                    provider_id: None,
                    detail: Some(&why),
                };
                store.transition(due.id, &step, clock.now().as_second())?;
                report.suppressed += 1;
                continue;
            }
        }
        if hold_for_later(store, transport, clock, due.id, &built)?.is_some() {
            continue;
        }
        loop {
            let now_ms = clock.now().as_millisecond();
            match bucket.take(now_ms) {
                Ok(()) => break,
                Err(d) => wait(d),
            }
        }
        let d = hand_over(store, transport, clock, due.id, "queued", &due.idempotency_key, &built, due.retries)?;
        report.tried += 1;
        match d.state.as_str() {
            "sent" => report.sent += 1,
            "queued" => report.waiting += 1,
            "unknown" => report.unknown += 1,
            _ => report.failed += 1,
        }
    }
    Ok(report)
}
