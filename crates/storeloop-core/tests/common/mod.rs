//! A local HTTP server for contract tests: it plays a list of replies in order (an answer with
//! status, headers and body; a hang-up; silence) and records every request it saw. Shared by the
//! test files that talk to a provider's API.

#![allow(dead_code, clippy::unwrap_used)] // each test file uses part of it; a panic is a failure

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::sync::{Arc, Mutex};

/// A request as the server saw it.
#[derive(Debug, Clone)]
pub struct Seen {
    pub line: String,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Seen {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|h| h.0.eq_ignore_ascii_case(name)).map(|h| h.1.as_str())
    }
}

/// What the server does with the next request: answer (status, headers, body), hang up, or
/// say nothing for a while (a timeout).
#[derive(Debug, Clone)]
pub enum Reply {
    Answer(u16, Vec<(&'static str, String)>, String),
    HangUp,
    Silent(std::time::Duration),
}

/// A local server that plays `replies` in order and records every request.
pub fn server(replies: Vec<Reply>) -> (String, Arc<Mutex<Vec<Seen>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let seen = Arc::new(Mutex::new(Vec::new()));
    let log = Arc::clone(&seen);
    std::thread::spawn(move || {
        for reply in replies {
            let Ok((stream, _)) = listener.accept() else { return };
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut line = String::new();
            reader.read_line(&mut line).unwrap();
            let mut headers = Vec::new();
            loop {
                let mut h = String::new();
                reader.read_line(&mut h).unwrap();
                let h = h.trim_end();
                if h.is_empty() {
                    break;
                }
                if let Some((k, v)) = h.split_once(':') {
                    headers.push((k.trim().to_owned(), v.trim().to_owned()));
                }
            }
            let len: usize =
                headers.iter().find(|h| h.0.eq_ignore_ascii_case("content-length")).map_or(0, |h| h.1.parse().unwrap());
            let mut body = vec![0; len];
            reader.read_exact(&mut body).unwrap();
            log.lock().unwrap().push(Seen {
                line: line.trim().to_owned(),
                headers,
                body: String::from_utf8(body).unwrap(),
            });
            let mut stream = stream;
            match reply {
                Reply::HangUp => drop(stream),
                Reply::Silent(d) => {
                    std::thread::sleep(d);
                    drop(stream);
                }
                Reply::Answer(status, extra, body) => {
                    let mut head =
                        format!("HTTP/1.1 {status} X\r\nContent-Length: {}\r\nConnection: close\r\n", body.len());
                    for (k, v) in extra {
                        head.push_str(&format!("{k}: {v}\r\n"));
                    }
                    head.push_str("\r\n");
                    stream.write_all(head.as_bytes()).unwrap();
                    stream.write_all(body.as_bytes()).unwrap();
                }
            }
        }
    });
    (base, seen)
}

/// The fake store (tests/platforms/fake_store.py) running on a free port.
pub struct FakeStore {
    pub base: String,
    child: std::process::Child,
}

impl FakeStore {
    /// Starts the fake WooCommerce store with `args` (e.g. `--orders 300`).
    pub fn start(args: &[&str]) -> FakeStore {
        FakeStore::script("fake_store.py", args)
    }

    /// Starts the fake Shopify shop with `args`.
    pub fn shopify(args: &[&str]) -> FakeStore {
        FakeStore::script("fake_shopify.py", args)
    }

    /// Starts `tests/platforms/{script}` with `args` and waits until it listens.
    pub fn script(script: &str, args: &[&str]) -> FakeStore {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        let port = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let python = if std::path::Path::new("/usr/bin/python3").exists() { "/usr/bin/python3" } else { "python3" };
        let mut child = std::process::Command::new(python)
            .arg(root.join("tests/platforms").join(script))
            .args(["--port", &port.to_string()])
            .args(args)
            .stdout(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
        assert_eq!(line.trim(), "ready", "the fake store did not start");
        FakeStore { base: format!("http://127.0.0.1:{port}"), child }
    }

    /// Sends a control request (faults, changes to the shop).
    pub fn control(&self, body: &serde_json::Value) {
        let agent: ureq::Agent = ureq::Agent::config_builder().http_status_as_error(false).build().into();
        let r = agent
            .post(&format!("{}/__control", self.base))
            .content_type("application/json")
            .send(body.to_string())
            .unwrap();
        assert_eq!(r.status().as_u16(), 200);
    }

    /// Every request path the store has seen.
    pub fn requests(&self) -> Vec<String> {
        let agent: ureq::Agent = ureq::Agent::config_builder().build().into();
        let mut r = agent.get(&format!("{}/__stats", self.base)).call().unwrap();
        let v: serde_json::Value = serde_json::from_str(&r.body_mut().read_to_string().unwrap()).unwrap();
        v["requests"].as_array().unwrap().iter().map(|x| x.as_str().unwrap().to_owned()).collect()
    }
}

impl Drop for FakeStore {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A store connected to a platform, empty, for the sync tests.
pub struct SyncShop {
    pub _dir: tempfile::TempDir,
    pub store: storeloop_core::store::Store,
    pub clock: storeloop_core::clock::ManualClock,
}

/// A new store of `source` named `name` in `currency`, connected as `platform`.
pub fn sync_shop(platform: &str, source: storeloop_core::model::StoreSource, name: &str, currency: &str) -> SyncShop {
    use storeloop_core::clock::Clock;
    let dir = tempfile::tempdir().unwrap();
    let clock = storeloop_core::clock::ManualClock::new("2026-11-25T12:00:00Z".parse().unwrap());
    let mut store =
        storeloop_core::store::Store::open(dir.path(), storeloop_core::store::Mode::ReadWrite, &clock).unwrap();
    store
        .ensure_store(&storeloop_core::model::StoreSettings {
            name: name.into(),
            currency: currency.into(),
            timezone: "UTC".into(),
            source,
            domain: None,
            postal_address: None,
            demo_seed: None,
            created_at: clock.now().as_second(),
        })
        .unwrap();
    store.save_connection(platform, "http://127.0.0.1", Some(name), None, 0).unwrap();
    SyncShop { _dir: dir, store, clock }
}
