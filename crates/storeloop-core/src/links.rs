//! Checking that product and image links still answer: HEAD requests with a timeout, a few at a
//! time. Addresses on domains reserved for examples (`.example`, `example.com`, …) are never
//! requested, and when nothing can be reached at all the links count as "not checked".
//!
//! The network is injected through [`LinkChecker`]; tests use the real [`HttpChecker`] against a
//! local server.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

/// What one link check found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkState {
    /// The server answered with success (after redirects).
    Ok,
    /// The server answered, with an error status.
    Broken(String),
    /// Nothing answered (no connection, name not found, timeout).
    Unreachable(String),
    /// A reserved example address: never requested.
    Example,
}

/// Checks one link.
pub trait LinkChecker: Send + Sync + std::fmt::Debug {
    /// What requesting `url` found.
    fn check(&self, url: &str) -> LinkState;
}

/// The real checker: HTTP(S) HEAD requests.
#[derive(Debug)]
pub struct HttpChecker {
    agent: ureq::Agent,
}

impl Default for HttpChecker {
    fn default() -> Self {
        Self::new(Duration::from_secs(6))
    }
}

impl HttpChecker {
    /// A checker giving each request at most `timeout`.
    pub fn new(timeout: Duration) -> Self {
        let config = ureq::Agent::config_builder()
            .timeout_global(Some(timeout))
            .http_status_as_error(false)
            .user_agent("Storeloop link check")
            .build();
        Self { agent: config.into() }
    }
}

impl LinkChecker for HttpChecker {
    fn check(&self, url: &str) -> LinkState {
        if is_example(url) {
            return LinkState::Example;
        }
        match self.agent.head(url).call() {
            Ok(response) if response.status().is_success() => LinkState::Ok,
            Ok(response) => LinkState::Broken(response.status().to_string()),
            Err(e) => LinkState::Unreachable(e.to_string()),
        }
    }
}

/// True for addresses on domains reserved for documentation and tests (RFC 2606, RFC 6761).
pub fn is_example(url: &str) -> bool {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host = host.rsplit_once('@').map_or(host, |(_, h)| h);
    let host = host.split(':').next().unwrap_or("").trim_end_matches('.').to_ascii_lowercase();
    [".example", ".invalid", ".test", ".localhost"].iter().any(|tld| host.ends_with(tld))
        || ["example.com", "example.net", "example.org"].iter().any(|d| host == *d || host.ends_with(&format!(".{d}")))
}

/// Checks every link with up to `workers` requests at a time; results are in `urls` order.
pub fn check_all(checker: &dyn LinkChecker, urls: &[String], workers: usize) -> Vec<LinkState> {
    let next = AtomicUsize::new(0);
    let mut results: Vec<Option<LinkState>> = vec![None; urls.len()];
    let slots: Vec<std::sync::Mutex<&mut Option<LinkState>>> = results.iter_mut().map(std::sync::Mutex::new).collect();
    std::thread::scope(|s| {
        for _ in 0..workers.clamp(1, 16).min(urls.len().max(1)) {
            s.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(url) = urls.get(i) else { break };
                let state = checker.check(url);
                if let Ok(mut slot) = slots[i].lock() {
                    **slot = Some(state);
                }
            });
        }
    });
    drop(slots);
    results.into_iter().map(|r| r.unwrap_or(LinkState::Unreachable("not checked".into()))).collect()
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use std::io::{Read, Write};
    use std::net::TcpListener;

    /// A tiny local web server: `/ok` answers 200, anything else 404. Serves `n` requests.
    pub(crate) fn serve(n: usize) -> String {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        std::thread::spawn(move || {
            for stream in listener.incoming().take(n) {
                let mut stream = stream.unwrap();
                let mut buf = [0u8; 2048];
                let got = stream.read(&mut buf).unwrap_or(0);
                let request = String::from_utf8_lossy(&buf[..got]);
                let status = if request.starts_with("HEAD /ok ") { "200 OK" } else { "404 Not Found" };
                let _ = write!(stream, "HTTP/1.1 {status}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
            }
        });
        format!("http://{addr}")
    }

    #[test]
    fn links_are_checked_against_a_real_server() {
        let base = serve(2);
        let checker = HttpChecker::new(Duration::from_secs(5));
        let urls = vec![format!("{base}/ok"), format!("{base}/gone"), "https://shop.example/p/1".to_owned()];
        let got = check_all(&checker, &urls, 4);
        assert_eq!(got[0], LinkState::Ok);
        assert!(matches!(&got[1], LinkState::Broken(s) if s.starts_with("404")), "{:?}", got[1]);
        assert_eq!(got[2], LinkState::Example);
    }

    #[test]
    fn a_closed_port_is_unreachable_not_broken() {
        let port = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let checker = HttpChecker::new(Duration::from_secs(2));
        assert!(matches!(checker.check(&format!("http://127.0.0.1:{port}/x")), LinkState::Unreachable(_)));
    }

    #[test]
    fn example_domains_are_recognised() {
        assert!(is_example("https://fernhill-tea.example/products/x"));
        assert!(is_example("https://cdn.example.com/a.jpg"));
        assert!(is_example("http://user@shop.test:8080/"));
        assert!(!is_example("https://examples.com/"));
        assert!(!is_example("http://127.0.0.1:9/x"));
    }
}
