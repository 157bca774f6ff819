//! The four providers' HTTP APIs against local servers that answer as the providers do
//! (bodies from their documentation and issue reports; see data/esp and SOURCES.md): what is
//! sent, how each answer is judged, 429 and broken connections, Postmark's inactive recipients,
//! and Resend's idempotency key making a retry after an unknown fate safe.

#![allow(clippy::unwrap_used)] // test code: a panic is the failure report

mod common;

use common::{server, Reply};

use std::path::Path;

use storeloop_core::clock::{Clock, ManualClock};
use storeloop_core::demo::{self, DemoOptions};
use storeloop_core::mail::compose::{Kind, Outgoing, Unsubscribe};
use storeloop_core::mail::providers::{Http, Provider};
use storeloop_core::mail::send;
use storeloop_core::mail::template::Rendered;
use storeloop_core::store::{Mode, Store};

fn fixture(name: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/esp").join(name)).unwrap()
}

struct Shop {
    _dir: tempfile::TempDir,
    store: Store,
    clock: ManualClock,
    /// A subscribed customer's email.
    subscriber: String,
}

fn shop() -> Shop {
    let dir = tempfile::tempdir().unwrap();
    let clock = ManualClock::new("2026-11-25T12:00:00Z".parse().unwrap());
    let mut store = Store::open(dir.path(), Mode::ReadWrite, &clock).unwrap();
    demo::generate(&mut store, &DemoOptions { customers: 60, seed: 7, as_of: clock.now() }, &mut |_| {}).unwrap();
    let subscriber =
        (1..=60).filter_map(|id| store.customer_facts(id).unwrap()).find(|f| f.consent == "subscribed").unwrap().email;
    Shop { _dir: dir, store, clock, subscriber }
}

fn marketing(key: &str, to: &str) -> Outgoing {
    Outgoing {
        key: key.to_owned(),
        kind: Kind::Marketing,
        from_name: "Fernhill Tea Co.".into(),
        from: "hello@fernhill-tea.example".into(),
        to_name: Some("Anna".into()),
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

#[test]
fn postmark_sends_marketing_in_the_broadcast_stream_and_suppresses_inactive_recipients() {
    let mut s = shop();
    let ok = r#"{"To":"anna@example.com","SubmittedAt":"2026-11-25T12:00:00Z","MessageID":"0a129aee-e1cd-480d-b08d-4f48548ff48d","ErrorCode":0,"Message":"OK"}"#;
    let (base, seen) = server(vec![
        Reply::Answer(200, vec![], ok.into()),
        Reply::Answer(422, vec![], fixture("postmark_error_422_inactive_recipient.json")),
    ]);
    let pm = Http::new(Provider::Postmark, Some(&base), "server-token", None);
    let to = s.subscriber.clone();
    let d = send::send(&mut s.store, &pm, &s.clock, &marketing("k1", &to), None).unwrap();
    assert_eq!(
        (d.state.as_str(), d.provider_message_id.as_deref()),
        ("sent", Some("0a129aee-e1cd-480d-b08d-4f48548ff48d"))
    );
    let r = seen.lock().unwrap()[0].clone();
    assert_eq!(r.line, "POST /email HTTP/1.1");
    assert_eq!(r.header("X-Postmark-Server-Token"), Some("server-token"));
    let body: serde_json::Value = serde_json::from_str(&r.body).unwrap();
    assert_eq!(body["MessageStream"], "broadcast");
    assert_eq!(body["Headers"][1]["Value"], "List-Unsubscribe=One-Click");
    assert_eq!(body["TextBody"], "Reorder\n\nFarnweg 7\n");

    // 406: inactive. The message fails, the address is suppressed, and later marketing stops.
    let d = send::send(&mut s.store, &pm, &s.clock, &marketing("k2", &to), None).unwrap();
    assert_eq!(d.state, "failed");
    assert!(d.detail.unwrap().contains("inactive"));
    assert_eq!(s.store.suppression(&to.to_ascii_lowercase()).unwrap().map(|x| x.0).as_deref(), Some("inactive"));
    let d = send::send(&mut s.store, &pm, &s.clock, &marketing("k3", &to), None).unwrap();
    assert_eq!(d.state, "suppressed");
    assert_eq!(seen.lock().unwrap().len(), 2, "nothing reached the provider for the suppressed address");
}

#[test]
fn sendgrid_429_waits_in_the_queue_then_goes_once() {
    let mut s = shop();
    let (base, seen) = server(vec![
        Reply::Answer(429, vec![], r#"{"errors":[{"message":"too many requests"}]}"#.into()),
        Reply::Answer(202, vec![("X-Message-Id", "sg-5Ej4".into())], String::new()),
    ]);
    let sg = Http::new(Provider::SendGrid, Some(&base), "SG.key", None);
    let to = s.subscriber.clone();
    let first = send::send(&mut s.store, &sg, &s.clock, &marketing("k", &to), None).unwrap();
    assert_eq!(first.state, "queued");
    assert!(first.detail.unwrap().contains("429"));
    let second = send::send(&mut s.store, &sg, &s.clock, &marketing("k", &to), None).unwrap();
    assert_eq!((second.state.as_str(), second.provider_message_id.as_deref()), ("sent", Some("sg-5Ej4")));
    let third = send::send(&mut s.store, &sg, &s.clock, &marketing("k", &to), None).unwrap();
    assert!(third.already);
    let r = seen.lock().unwrap()[1].clone();
    assert_eq!(r.header("Authorization"), Some("Bearer SG.key"));
    let body: serde_json::Value = serde_json::from_str(&r.body).unwrap();
    assert_eq!(body["personalizations"][0]["to"][0]["email"], to.as_str());
    assert_eq!(body["headers"]["List-Unsubscribe-Post"], "List-Unsubscribe=One-Click");
    assert_eq!(body["custom_args"]["storeloop_key"], "k");
}

#[test]
fn mailgun_takes_a_form_with_headers_and_basic_auth() {
    let mut s = shop();
    let (base, seen) = server(vec![Reply::Answer(200, vec![], fixture("mailgun_send_response.json"))]);
    let mg = Http::new(Provider::Mailgun, Some(&base), "key-123", Some("mg.fernhill-tea.example"));
    let to = s.subscriber.clone();
    let d = send::send(&mut s.store, &mg, &s.clock, &marketing("k", &to), None).unwrap();
    assert_eq!(d.provider_message_id.as_deref(), Some("<20111114174239.25659.5817@samples.mailgun.org>"));
    let r = seen.lock().unwrap()[0].clone();
    assert_eq!(r.line, "POST /v3/mg.fernhill-tea.example/messages HTTP/1.1");
    assert_eq!(r.header("Authorization"), Some("Basic YXBpOmtleS0xMjM="));
    assert!(r.body.contains("h%3AList-Unsubscribe-Post=List-Unsubscribe%3DOne-Click"), "{}", r.body);
}

#[test]
fn resend_retries_an_unknown_fate_under_the_same_idempotency_key() {
    let mut s = shop();
    let (base, seen) = server(vec![
        Reply::HangUp,
        Reply::Answer(200, vec![], r#"{"id":"4ef9a417-02e9-4d39-ad75-9611e0fcc33c"}"#.into()),
    ]);
    let rs = Http::new(Provider::Resend, Some(&base), "re_key", None);
    let to = s.subscriber.clone();
    let first =
        send::send(&mut s.store, &rs, &s.clock, &marketing("flow:1:step:1:customer:3:enrolment:1", &to), None).unwrap();
    assert_eq!(first.state, "unknown", "{first:?}");
    let again =
        send::send(&mut s.store, &rs, &s.clock, &marketing("flow:1:step:1:customer:3:enrolment:1", &to), None).unwrap();
    assert_eq!(again.state, "sent");
    let seen = seen.lock().unwrap();
    assert_eq!(seen.len(), 2);
    assert_eq!(seen[0].header("Idempotency-Key"), seen[1].header("Idempotency-Key"));
    assert_eq!(seen[1].header("Idempotency-Key"), Some("flow:1:step:1:customer:3:enrolment:1"));
}

#[test]
fn without_provider_idempotency_an_unknown_fate_is_never_retried() {
    let mut s = shop();
    let (base, seen) = server(vec![Reply::HangUp]);
    let pm = Http::new(Provider::Postmark, Some(&base), "t", None);
    let to = s.subscriber.clone();
    assert_eq!(send::send(&mut s.store, &pm, &s.clock, &marketing("k", &to), None).unwrap().state, "unknown");
    let again = send::send(&mut s.store, &pm, &s.clock, &marketing("k", &to), None).unwrap();
    assert!(again.already && again.state == "unknown");
    assert_eq!(seen.lock().unwrap().len(), 1);
}

#[test]
fn saved_provider_settings_keep_the_key_in_the_secret_store_and_send_through_it() {
    use std::sync::Arc;
    use storeloop_core::api::{SendVia, Storeloop};
    use storeloop_core::paths::{DataDir, DataDirSource};
    use storeloop_core::secrets::{MemorySecrets, Secrets};

    let tmp = tempfile::tempdir().unwrap();
    let dir = DataDir { path: tmp.path().to_path_buf(), source: DataDirSource::Flag };
    let clock = Arc::new(ManualClock::new("2026-11-25T12:00:00Z".parse().unwrap()));
    let secrets = Arc::new(MemorySecrets::default());
    let mut app = Storeloop::open(&dir, clock).unwrap().with_secrets(Arc::clone(&secrets) as Arc<dyn Secrets>);
    app.create_demo(30, 7, None, &mut |_| {}).unwrap();
    assert_eq!(app.sending_settings().unwrap().via, SendVia::Outbox);

    let (base, seen) = server(vec![Reply::Answer(200, vec![], r#"{"id":"re-1"}"#.into())]);
    let mut s = app.sending_settings().unwrap();
    // Mailgun without its domain is refused, and nothing is saved.
    s.via = SendVia::Provider { provider: "mailgun".into(), domain: None, base_url: None };
    assert!(app.save_sending_settings(&s, Some("key")).unwrap_err().message.contains("domain"));
    assert_eq!(app.sending_settings().unwrap().via, SendVia::Outbox);
    assert_eq!(secrets.get("provider:mailgun").unwrap(), None);

    s.via = SendVia::Provider { provider: "resend".into(), domain: None, base_url: Some(base.clone()) };
    s.from = Some("hello@fernhill-tea.example".into());
    s.postal_address = Some("Farnweg 7, 79098 Freiburg".into());
    let saved = app.save_sending_settings(&s, Some("re_secret_key")).unwrap();
    assert!(saved.secret_saved);
    assert_eq!(secrets.get("provider:resend").unwrap().as_deref(), Some("re_secret_key"));
    let db = std::fs::read(tmp.path().join("storeloop.db")).unwrap();
    assert!(!db.windows(13).any(|w| w == b"re_secret_key"), "the key must not be in the database");

    let d = app.send_test("anna@example.com", &saved.via).unwrap();
    assert_eq!((d.state.as_str(), d.transport.as_str()), ("sent", "resend"));
    let r = seen.lock().unwrap()[0].clone();
    assert_eq!(r.header("Authorization"), Some("Bearer re_secret_key"));
    assert!(r.body.contains("Farnweg 7"), "the footer carries the saved postal address");
}

#[test]
fn later_delivery_is_held_by_the_provider_when_it_can_and_cancelled_where_it_allows() {
    use jiff::SignedDuration;
    use storeloop_core::mail::rate::TokenBucket;

    let mut s = shop();
    let now = s.clock.now().as_second();
    let to = s.subscriber.clone();
    let later = |key: &str, hours: i64| {
        let mut o = marketing(key, &to);
        o.send_at = Some(now + hours * 3600);
        o
    };

    // SendGrid holds it for 2 hours: handed over now with send_at.
    let (base, seen) = server(vec![Reply::Answer(202, vec![("X-Message-Id", "sg-later".into())], String::new())]);
    let sg = Http::new(Provider::SendGrid, Some(&base), "SG.key", None);
    let d = send::send(&mut s.store, &sg, &s.clock, &later("sg", 2), None).unwrap();
    assert_eq!(d.state, "sent");
    assert!(d.detail.unwrap().starts_with("scheduled by sendgrid"));
    let body: serde_json::Value = serde_json::from_str(&seen.lock().unwrap()[0].body).unwrap();
    assert_eq!(body["send_at"], now + 7200);

    // Mailgun, five days ahead: beyond its 3 days, so it waits here, then goes with o:deliverytime.
    let (base, seen) = server(vec![Reply::Answer(200, vec![], fixture("mailgun_send_response.json"))]);
    let mg = Http::new(Provider::Mailgun, Some(&base), "key", Some("mg.example.com"));
    let d = send::send(&mut s.store, &mg, &s.clock, &later("mg", 120), None).unwrap();
    assert_eq!(d.state, "queued");
    assert!(d.detail.unwrap().contains("handed to mailgun on"));
    assert!(seen.lock().unwrap().is_empty());
    s.clock.advance(SignedDuration::from_hours(49));
    let mut bucket = TokenBucket::new(10.0, 10, s.clock.now().as_millisecond());
    let r = send::drain(&mut s.store, &mg, &s.clock, &mut bucket, &mut |_| {}, 10).unwrap();
    assert_eq!(r.sent, 1, "{r:?}");
    let form = seen.lock().unwrap()[0].body.clone();
    assert!(form.contains("o%3Adeliverytime="), "{form}");
    // Mailgun cannot cancel one message: said plainly, and the ledger still says it will go.
    let c = send::cancel(&mut s.store, &mg, &s.clock, "mg", "customer ordered").unwrap();
    assert_eq!(c.state, "sent");
    assert!(c.detail.unwrap().contains("will be delivered"));

    // Resend holds it and cancels on request.
    let (base, seen) = server(vec![
        Reply::Answer(200, vec![], r#"{"id":"49a3999c-0ce1-4ea6-ab68-afcd6dc2e794"}"#.into()),
        Reply::Answer(200, vec![], r#"{"object":"email","id":"49a3999c-0ce1-4ea6-ab68-afcd6dc2e794"}"#.into()),
    ]);
    let rs = Http::new(Provider::Resend, Some(&base), "re_key", None);
    let mut o = marketing("rs", &to);
    o.send_at = Some(s.clock.now().as_second() + 3600);
    let d = send::send(&mut s.store, &rs, &s.clock, &o, None).unwrap();
    assert_eq!(d.state, "sent");
    let c = send::cancel(&mut s.store, &rs, &s.clock, "rs", "customer ordered").unwrap();
    assert_eq!(c.state, "suppressed", "{c:?}");
    let seen = seen.lock().unwrap();
    assert!(serde_json::from_str::<serde_json::Value>(&seen[0].body).unwrap()["scheduled_at"].as_str().is_some());
    assert_eq!(seen[1].line, "POST /emails/49a3999c-0ce1-4ea6-ab68-afcd6dc2e794/cancel HTTP/1.1");
    drop(seen);

    // Postmark has no scheduling: the message waits here, and a cancel before its time stops it.
    let (base, seen) = server(vec![]);
    let pm = Http::new(Provider::Postmark, Some(&base), "t", None);
    let mut o = marketing("pm", &to);
    o.send_at = Some(s.clock.now().as_second() + 30 * 3600);
    let d = send::send(&mut s.store, &pm, &s.clock, &o, None).unwrap();
    assert_eq!(d.state, "queued");
    assert!(d.detail.unwrap().contains("kept here until then"));
    assert_eq!(send::cancel(&mut s.store, &pm, &s.clock, "pm", "exit condition").unwrap().state, "suppressed");
    assert!(seen.lock().unwrap().is_empty());
}

#[test]
fn a_5xx_waits_and_a_timeout_after_the_request_is_unknown() {
    let mut s = shop();
    let to = s.subscriber.clone();
    let (base, _seen) = server(vec![
        Reply::Answer(503, vec![], r#"{"ErrorCode":100,"Message":"Maintenance"}"#.into()),
        Reply::Silent(std::time::Duration::from_millis(1500)),
    ]);
    let pm = Http::with_timeout(Provider::Postmark, Some(&base), "t", None, std::time::Duration::from_millis(400));
    let d = send::send(&mut s.store, &pm, &s.clock, &marketing("five", &to), None).unwrap();
    assert_eq!(d.state, "queued", "{d:?}");
    assert!(d.detail.unwrap().contains("503"));
    // The provider takes the request and never answers: it may have sent it.
    let d = send::send(&mut s.store, &pm, &s.clock, &marketing("slow", &to), None).unwrap();
    assert_eq!(d.state, "unknown", "{d:?}");
}
