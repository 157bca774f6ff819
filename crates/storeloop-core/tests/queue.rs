//! The send queue: a temporary failure waits (1, 2, 4 … minutes) and is retried from the ledger's
//! copy of the message; the token bucket spaces sends at the provider's rate; an address that
//! unsubscribes while its message waits is not mailed. Time is a manual clock: minutes pass in
//! microseconds.

#![allow(clippy::unwrap_used)] // test code: a panic is the failure report

use std::sync::Mutex;

use jiff::SignedDuration;
use storeloop_core::clock::{Clock, ManualClock};
use storeloop_core::demo::{self, DemoOptions};
use storeloop_core::mail::compose::{Built, Kind, Outgoing, Unsubscribe};
use storeloop_core::mail::rate::TokenBucket;
use storeloop_core::mail::send;
use storeloop_core::mail::template::Rendered;
use storeloop_core::mail::transport::{SendError, Transport};
use storeloop_core::store::{Mode, Store};

/// A transport that fails temporarily while `busy` > 0, and records when each call came.
#[derive(Debug)]
struct Flaky<'c> {
    clock: &'c ManualClock,
    busy: Mutex<u32>,
    calls: Mutex<Vec<(i64, String)>>,
}

impl Transport for Flaky<'_> {
    fn name(&self) -> &'static str {
        "postmark"
    }
    fn send(&self, m: &Built, _key: &str) -> Result<String, SendError> {
        self.calls.lock().unwrap().push((self.clock.now().as_millisecond(), m.parts.to.clone()));
        let mut busy = self.busy.lock().unwrap();
        if *busy > 0 {
            *busy -= 1;
            return Err(SendError::Temporary("429 Too Many Requests".into()));
        }
        Ok(format!("id-{}", m.parts.to))
    }
}

fn marketing(key: &str, to: &str) -> Outgoing {
    Outgoing {
        key: key.to_owned(),
        kind: Kind::Marketing,
        from_name: "Fernhill Tea Co.".into(),
        from: "hello@fernhill-tea.example".into(),
        to_name: None,
        to: to.to_owned(),
        subject: "Your sencha is nearly out".into(),
        body: Rendered { html: "<p>Reorder</p><p>Farnweg 7</p>".into(), text: "Reorder\n\nFarnweg 7\n".into() },
        unsubscribe: Some(Unsubscribe {
            https: "https://fernhill-tea.example/u/1".into(),
            mailto: "mailto:u@fernhill-tea.example".into(),
        }),
        postal_address: Some("Farnweg 7".into()),
        date: 1_795_000_000,
        send_at: None,
    }
}

fn subscribers(store: &Store, n: usize) -> Vec<String> {
    (1..=200)
        .filter_map(|id| store.customer_facts(id).unwrap())
        .filter(|f| f.consent == "subscribed")
        .map(|f| f.email)
        .take(n)
        .collect()
}

#[test]
fn temporary_failures_wait_then_go_at_the_providers_pace() {
    let dir = tempfile::tempdir().unwrap();
    let clock = ManualClock::new("2026-11-25T12:00:00Z".parse().unwrap());
    let mut store = Store::open(dir.path(), Mode::ReadWrite, &clock).unwrap();
    demo::generate(&mut store, &DemoOptions { customers: 200, seed: 3, as_of: clock.now() }, &mut |_| {}).unwrap();
    let people = subscribers(&store, 6);
    assert_eq!(people.len(), 6);
    let flaky = Flaky { clock: &clock, busy: Mutex::new(6), calls: Mutex::new(Vec::new()) };

    // The provider is busy: every message waits in the queue.
    for (i, to) in people.iter().enumerate() {
        let d = send::send(&mut store, &flaky, &clock, &marketing(&format!("k{i}"), to), None).unwrap();
        assert_eq!(d.state, "queued");
    }
    // Nothing is due before the first minute of backoff.
    let mut bucket = TokenBucket::new(2.0, 1, clock.now().as_millisecond());
    let mut wait = |d: std::time::Duration| clock.advance(SignedDuration::try_from(d).unwrap());
    let none = send::drain(&mut store, &flaky, &clock, &mut bucket, &mut wait, 100).unwrap();
    assert_eq!(none.tried, 0);

    // One of them unsubscribes while waiting.
    store.apply_suppression(&people[5].to_ascii_lowercase(), "unsubscribed", "test", clock.now().as_second()).unwrap();

    clock.advance(SignedDuration::from_secs(61));
    let before = flaky.calls.lock().unwrap().len();
    let mut wait = |d: std::time::Duration| clock.advance(SignedDuration::try_from(d).unwrap());
    let report = send::drain(&mut store, &flaky, &clock, &mut bucket, &mut wait, 100).unwrap();
    assert_eq!((report.sent, report.suppressed), (5, 1), "{report:?}");
    // The five went out at 2 a second: at least 500 ms apart.
    let calls = flaky.calls.lock().unwrap();
    let times: Vec<i64> = calls[before..].iter().map(|c| c.0).collect();
    assert_eq!(times.len(), 5);
    for w in times.windows(2) {
        assert!(w[1] - w[0] >= 500, "{times:?}");
    }
    assert!(calls[before..].iter().all(|c| c.1 != people[5]), "the unsubscribed address was not mailed");
    // Each message was sent once; the ledger says so and keeps no copy any more.
    drop(calls);
    let ledger = store.ledger(100).unwrap();
    assert_eq!(ledger.iter().filter(|m| m.state == "sent").count(), 5);
    assert_eq!(ledger.iter().filter(|m| m.state == "suppressed").count(), 1);
    assert!(store.due_messages(i64::MAX, 100).unwrap().is_empty());
    let again = send::drain(&mut store, &flaky, &clock, &mut bucket, &mut |_| {}, 100).unwrap();
    assert_eq!(again.tried, 0);
}
