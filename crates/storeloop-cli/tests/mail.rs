//! Sending against a real SMTP server (aiosmtpd on 127.0.0.1, Debian's python3-aiosmtpd):
//! what arrives is parsed and checked, a dead server leaves the message queued, marketing is
//! refused to anyone without consent, and a process killed at random points while sending never
//! makes a message arrive twice.

#![allow(clippy::unwrap_used)] // test code: a panic is the failure report

use std::collections::HashMap;
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

use mail_parser::MessageParser;
use storeloop_core::clock::{Clock, ManualClock};
use storeloop_core::mail::compose::{Kind, Outgoing, Unsubscribe};
use storeloop_core::mail::send;
use storeloop_core::mail::smtp::{Security, Smtp};
use storeloop_core::mail::template::{Template, Utm, Values};
use storeloop_core::store::{Mode, Store};

const AS_OF: &str = "--as-of=2026-11-25T12:00:00Z";

fn storeloop(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_storeloop")).args(args).env_remove("STORELOOP_DATA_DIR").output().unwrap()
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// aiosmtpd writing every message it accepts into a Maildir.
struct Server {
    child: Child,
    port: u16,
    maildir: PathBuf,
    _dir: tempfile::TempDir,
}

impl Server {
    fn start() -> Server {
        let dir = tempfile::tempdir().unwrap();
        let maildir = dir.path().join("maildir");
        let port = free_port();
        let python = if Path::new("/usr/bin/python3").exists() { "/usr/bin/python3" } else { "python3" };
        let child = Command::new(python)
            .args(["-m", "aiosmtpd", "-n", "-l", &format!("127.0.0.1:{port}"), "-c", "aiosmtpd.handlers.Mailbox"])
            .arg(&maildir)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("python3 with aiosmtpd (Debian: python3-aiosmtpd) is needed for the SMTP tests");
        let until = Instant::now() + Duration::from_secs(15);
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(Instant::now() < until, "aiosmtpd did not start on port {port} (is python3-aiosmtpd installed?)");
            std::thread::sleep(Duration::from_millis(50));
        }
        Server { child, port, maildir, _dir: dir }
    }

    /// Every message received so far.
    fn received(&self) -> Vec<Vec<u8>> {
        let Ok(entries) = std::fs::read_dir(self.maildir.join("new")) else { return Vec::new() };
        entries.map(|e| std::fs::read(e.unwrap().path()).unwrap()).collect()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn demo(customers: &str) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    let out =
        storeloop(&["demo", "--customers", customers, AS_OF, "--quiet", "--data-dir", tmp.path().to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    tmp
}

fn header<'a>(m: &'a mail_parser::Message<'a>, name: &str) -> Option<String> {
    m.header_raw(name).map(|v| v.split_whitespace().collect::<Vec<_>>().join(" "))
}

#[test]
fn a_test_email_arrives_with_both_parts_and_tagged_links() {
    let server = Server::start();
    let tmp = demo("30");
    let d = tmp.path().to_str().unwrap();
    let port = server.port.to_string();
    let out = storeloop(&[
        "send",
        "test",
        "--to",
        "anna@example.com",
        "--via",
        "smtp",
        "--smtp-port",
        &port,
        "--smtp-security",
        "none",
        "--json",
        "--data-dir",
        d,
    ]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let delivery: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(delivery["state"], "sent");
    let received = server.received();
    assert_eq!(received.len(), 1);
    let m = MessageParser::default().parse(&received[0]).unwrap();
    assert_eq!(m.subject(), Some("Test email from Fernhill Tea Co. (Storeloop)"));
    assert_eq!(header(&m, "X-RcptTo").as_deref(), Some("anna@example.com"));
    let text = m.body_text(0).unwrap();
    assert!(text.contains("This is a test email sent by Storeloop"), "{text}");
    let html = m.body_html(0).unwrap();
    assert!(html.contains("utm_source=storeloop&amp;utm_medium=email&amp;utm_campaign=test&amp;utm_content=test"));
    // A test is not marketing: no unsubscribe headers.
    assert!(header(&m, "List-Unsubscribe").is_none());
    // The preview the app shows at 375 and 600 px is exactly what the server received.
    let dir = storeloop_core::paths::DataDir {
        path: tmp.path().to_path_buf(),
        source: storeloop_core::paths::DataDirSource::Flag,
    };
    let clock = std::sync::Arc::new(ManualClock::new("2026-11-25T13:00:00Z".parse().unwrap()));
    let preview = storeloop_core::api::Storeloop::open_read_only(&dir, clock).unwrap().preview_test_email().unwrap();
    assert_eq!(m.body_html(0).unwrap().trim_end(), preview.html.trim_end());
    assert_eq!(m.body_text(0).unwrap().trim_end(), preview.text.trim_end());
    assert_eq!(m.subject(), Some(preview.subject.as_str()));
    // The ledger lists it once, sent.
    let list: serde_json::Value =
        serde_json::from_slice(&storeloop(&["outbox", "list", "--json", "--data-dir", d]).stdout).unwrap();
    assert_eq!(list.as_array().unwrap().len(), 1);
    assert_eq!(list[0]["state"], "sent");
    assert_eq!(list[0]["transport"], "smtp");
}

#[test]
fn a_dead_server_leaves_the_message_queued_and_says_so() {
    let tmp = demo("30");
    let d = tmp.path().to_str().unwrap();
    let port = free_port().to_string(); // nobody listens
    let out = storeloop(&[
        "send",
        "test",
        "--to",
        "anna@example.com",
        "--via",
        "smtp",
        "--smtp-port",
        &port,
        "--smtp-security",
        "none",
        "--data-dir",
        d,
    ]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("not sent"), "{}", String::from_utf8_lossy(&out.stderr));
    let list: serde_json::Value =
        serde_json::from_slice(&storeloop(&["outbox", "list", "--json", "--data-dir", d]).stdout).unwrap();
    // A test is sent by hand: now or not at all (other mail would wait in the queue).
    assert_eq!(list[0]["state"], "failed");
    let detail = list[0]["detail"].as_str().unwrap();
    assert!(detail.contains("not sent") && detail.contains("could not talk to 127.0.0.1"), "{detail}");
    // Bad addresses and header injection are refused before anything is recorded or sent.
    for bad in ["anna", "anna@example.com\r\nBcc: x@example.com"] {
        let out = storeloop(&["send", "test", "--to", bad, "--data-dir", d]);
        assert_eq!(out.status.code(), Some(2), "{bad}");
    }
    // ...and recorded as refused, with the reason, the line break shown harmlessly.
    let list: serde_json::Value =
        serde_json::from_slice(&storeloop(&["outbox", "list", "--json", "--data-dir", d]).stdout).unwrap();
    let refused: Vec<&serde_json::Value> = list
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["detail"].as_str().unwrap_or("").starts_with("refused before sending"))
        .collect();
    assert_eq!(refused.len(), 2, "{list}");
    assert!(refused.iter().all(|m| m["state"] == "failed" && !m["to"].as_str().unwrap().contains('\n')));
}

const MARKETING: &str = r#"<mjml><mj-body><mj-section><mj-column>
<mj-text>Hello {{ customer.first_name | "there" }}, your sencha is nearly out.</mj-text>
<mj-button href="https://fernhill-tea.example/products/sencha">Reorder</mj-button>
<mj-text><a href="{{ unsubscribe.url }}">Unsubscribe</a> · {{ store.postal_address }}</mj-text>
</mj-column></mj-section></mj-body></mjml>"#;

#[test]
fn marketing_reaches_only_consenting_addresses_with_one_click_unsubscribe() {
    let server = Server::start();
    let tmp = demo("200");
    let clock = ManualClock::new("2026-11-25T13:00:00Z".parse().unwrap());
    let mut store = Store::open(tmp.path(), Mode::ReadWrite, &clock).unwrap();
    let postal = store.settings().unwrap().unwrap().postal_address.unwrap();
    let template = Template::parse(MARKETING).unwrap();
    let smtp = Smtp::new("127.0.0.1", server.port, Security::None, None).unwrap();
    let mut outcomes: HashMap<String, String> = HashMap::new();
    let mut previews: HashMap<String, String> = HashMap::new();
    for id in 1..=40 {
        let Some(rec) = person(&store, id) else { continue };
        let (email, consent) = rec;
        let mut v = Values::new();
        v.insert("unsubscribe.url", format!("https://fernhill-tea.example/u/{id}"));
        v.insert("store.postal_address", postal.clone());
        let utm = Utm { source: "storeloop".into(), campaign: "replenishment".into(), content: "a".into() };
        let body = template.render(&v, Some(&utm)).unwrap();
        previews.insert(email.clone(), body.html.clone());
        let o = Outgoing {
            key: format!("flow:replenishment:v1:step:1:customer:{id}:enrolment:1"),
            kind: Kind::Marketing,
            from_name: "Fernhill Tea Co.".into(),
            from: "hello@fernhill-tea.example".into(),
            to_name: None,
            to: email.clone(),
            subject: "Your sencha is nearly out".into(),
            body,
            unsubscribe: Some(Unsubscribe {
                https: format!("https://fernhill-tea.example/u/{id}"),
                mailto: format!("mailto:unsubscribe@fernhill-tea.example?subject={id}"),
            }),
            postal_address: Some(postal.clone()),
            date: clock.now().as_second(),
            send_at: None,
        };
        let d = send::send(&mut store, &smtp, &clock, &o, Some(id)).unwrap();
        assert_eq!(d.state == "sent", consent == "subscribed", "{email} ({consent}): {d:?}");
        outcomes.insert(email, d.state);
        // The same key again sends nothing.
        let again = send::send(&mut store, &smtp, &clock, &o, Some(id)).unwrap();
        assert!(again.already);
    }
    // A suppressed subscriber is not mailed either.
    let subscribed: Vec<&String> = outcomes.iter().filter(|(_, s)| *s == "sent").map(|(e, _)| e).collect();
    assert!(!subscribed.is_empty() && outcomes.values().any(|s| s == "suppressed"));
    let received = server.received();
    assert_eq!(received.len(), subscribed.len());
    for raw in &received {
        let m = MessageParser::default().parse(raw).unwrap();
        let to = header(&m, "X-RcptTo").unwrap();
        assert_eq!(outcomes[&to], "sent");
        assert_eq!(header(&m, "List-Unsubscribe-Post").as_deref(), Some("List-Unsubscribe=One-Click"));
        let lu = header(&m, "List-Unsubscribe").unwrap();
        assert!(lu.starts_with("<https://fernhill-tea.example/u/") && lu.contains("<mailto:unsubscribe@"), "{lu}");
        assert!(m.body_text(0).unwrap().contains(postal.lines().next().unwrap()));
        // What arrived is exactly the preview the app shows.
        assert_eq!(m.body_html(0).unwrap().trim_end(), previews[&to].trim_end());
    }
}

/// A customer's email and consent.
fn person(store: &Store, id: i64) -> Option<(String, String)> {
    let facts = store.customer_facts(id).unwrap()?;
    Some((facts.email, facts.consent))
}

#[test]
fn a_sender_killed_at_random_points_never_delivers_twice() {
    let server = Server::start();
    let tmp = demo("20");
    let d = tmp.path().to_str().unwrap();
    let port = server.port.to_string();
    let drill = || {
        Command::new(env!("CARGO_BIN_EXE_storeloop"))
            .args(["send", "drill", "--count", "200", "--smtp-port", &port, "--data-dir", d])
            .env_remove("STORELOOP_DATA_DIR")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap()
    };
    // A fixed pseudo-random sequence of kill times, so a failure can be replayed.
    let mut seed: u64 = 0x5EED_2026;
    for _ in 0..50 {
        seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        let delay = 5 + (seed >> 33) % 60;
        let mut child = drill();
        std::thread::sleep(Duration::from_millis(delay));
        let _ = child.kill();
        let _ = child.wait();
    }
    // Then let one run finish whatever never started.
    assert!(drill().wait().unwrap().success());

    let mut copies: HashMap<String, u32> = HashMap::new();
    for raw in server.received() {
        let m = MessageParser::default().parse(&raw).unwrap();
        *copies.entry(header(&m, "X-RcptTo").unwrap()).or_default() += 1;
    }
    let list: serde_json::Value =
        serde_json::from_slice(&storeloop(&["outbox", "list", "--limit", "1000", "--json", "--data-dir", d]).stdout)
            .unwrap();
    let ledger = list.as_array().unwrap();
    assert_eq!(ledger.len(), 200, "every key is in the ledger once");
    let (mut sent, mut unknown) = (0, 0);
    for m in ledger {
        let got = copies.get(m["to"].as_str().unwrap()).copied().unwrap_or(0);
        match m["state"].as_str().unwrap() {
            "sent" => {
                assert_eq!(got, 1, "{m}");
                sent += 1;
            }
            "unknown" => {
                assert!(got <= 1, "{m}");
                unknown += 1;
            }
            other => panic!("a message ended {other}: {m}"),
        }
    }
    assert!(copies.values().all(|&c| c == 1), "a message arrived twice: {copies:?}");
    eprintln!("crash drill: {sent} sent, {unknown} unknown (for a person to decide)");
    // A person decides an unknown one; a decided message cannot be decided again.
    if let Some(m) = ledger.iter().find(|m| m["state"] == "unknown") {
        let id = m["id"].to_string();
        let arrived = copies.get(m["to"].as_str().unwrap()).copied().unwrap_or(0) == 1;
        let flag = if arrived { "--arrived" } else { "--not-arrived" };
        let out = storeloop(&["outbox", "resolve", &id, flag, "--json", "--data-dir", d]);
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let after: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let decided = after.as_array().unwrap().iter().find(|x| x["id"] == m["id"]).unwrap();
        assert_eq!(decided["state"], if arrived { "sent" } else { "failed" });
        assert_eq!(storeloop(&["outbox", "resolve", &id, "--arrived", "--data-dir", d]).status.code(), Some(2));
    }
    assert!(sent >= 150, "each of the 50 kills can cut off at most one message");
}

#[test]
fn provider_events_become_suppressions_once() {
    let tmp = demo("20");
    let d = tmp.path().to_str().unwrap();
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("../storeloop-core/tests/data/esp");
    let events: Vec<serde_json::Value> = ["failed_permanent", "failed_temporary", "complained", "unsubscribed"]
        .iter()
        .map(|n| {
            serde_json::from_str(&std::fs::read_to_string(data.join(format!("mailgun_event_{n}.json"))).unwrap())
                .unwrap()
        })
        .chain([serde_json::json!({"event": "teleported", "recipient": "x@example.com"})])
        .collect();
    let file = tmp.path().join("mailgun-events.json");
    std::fs::write(&file, serde_json::to_string(&events).unwrap()).unwrap();
    let f = file.to_str().unwrap();
    let run = || {
        let out = storeloop(&["events", "import", "mailgun", f, "--json", "--data-dir", d]);
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        serde_json::from_slice::<serde_json::Value>(&out.stdout).unwrap()
    };
    let first = run();
    assert_eq!(
        (first["events"].as_u64(), first["suppressed"].as_u64(), first["informational"].as_u64()),
        (Some(5), Some(3), Some(1))
    );
    assert_eq!(first["unknown"].as_array().unwrap().len(), 1);
    assert!(first["unknown"][0].as_str().unwrap().contains("teleported"));
    let second = run();
    assert_eq!((second["suppressed"].as_u64(), second["already_suppressed"].as_u64()), (Some(0), Some(3)));
    // A damaged file names its line and changes nothing; an unknown provider is named.
    std::fs::write(&file, "{\"event\":\"complained\",\"recipient\":\"a@example.com\"}\n{oops\n").unwrap();
    let out = storeloop(&["events", "import", "mailgun", f, "--data-dir", d]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("line 2"));
    let out = storeloop(&["events", "import", "pigeon-post", f, "--data-dir", d]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("postmark, sendgrid, mailgun or resend"));
}
