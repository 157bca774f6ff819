//! The HTTP both platforms are read over: JSON requests with a time limit, retried with
//! exponential backoff and jitter on 429, 5xx and timeouts, honouring `Retry-After`. Waiting
//! goes through an injected sleep so tests run at full speed. Keys are sent as headers and never
//! appear in an error.

use std::sync::Arc;
use std::time::Duration;

use super::SyncError;

/// Waits between retries (real sleeping in the app; recorded in tests).
pub type Sleep = Arc<dyn Fn(Duration) + Send + Sync>;

/// The most bytes of one answer read: a page of 100 orders is well under a megabyte; a bulk
/// file is read as a stream elsewhere.
const MAX_BODY: u64 = 64 * 1024 * 1024;
/// The most bytes of a bulk file read.
const MAX_FILE: u64 = 4 * 1024 * 1024 * 1024;
/// The longest wait a platform may ask for before the sync gives up for now.
const MAX_WAIT: Duration = Duration::from_secs(300);

/// An answer.
#[derive(Debug, Clone)]
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Reply {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }
}

/// A client for one platform's host.
#[derive(Clone)]
pub struct Http {
    agent: ureq::Agent,
    sleep: Sleep,
    pub retries: u32,
    /// Who is asked, for messages ("Shopify", "WooCommerce").
    pub who: &'static str,
}

impl std::fmt::Debug for Http {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Http").field("who", &self.who).field("retries", &self.retries).finish_non_exhaustive()
    }
}

impl Http {
    pub fn new(who: &'static str, timeout: Duration) -> Http {
        let config = ureq::Agent::config_builder()
            .timeout_global(Some(timeout))
            .timeout_connect(Some(Duration::from_secs(10)))
            .http_status_as_error(false)
            .user_agent("Storeloop")
            .build();
        Http { agent: config.into(), sleep: Arc::new(std::thread::sleep), retries: 4, who }
    }

    /// Waits with `sleep` instead of sleeping.
    pub fn with_sleep(mut self, sleep: Sleep) -> Http {
        self.sleep = sleep;
        self
    }

    /// Waits `d` (through the injected sleep).
    pub fn wait(&self, d: Duration) {
        (self.sleep)(d);
    }

    /// GET `url` with `headers`, retried as needed.
    pub fn get(&self, url: &str, headers: &[(&str, String)]) -> Result<Reply, SyncError> {
        self.send(url, headers, None)
    }

    /// GET a large file (a bulk export: hundreds of megabytes), retried as needed.
    pub fn get_large(&self, url: &str) -> Result<Reply, SyncError> {
        self.send_limited(url, &[], None, MAX_FILE)
    }

    /// POST `body` (JSON) to `url` with `headers`, retried as needed.
    pub fn post(&self, url: &str, headers: &[(&str, String)], body: &str) -> Result<Reply, SyncError> {
        self.send(url, headers, Some(body))
    }

    fn send(&self, url: &str, headers: &[(&str, String)], body: Option<&str>) -> Result<Reply, SyncError> {
        self.send_limited(url, headers, body, MAX_BODY)
    }

    fn send_limited(
        &self,
        url: &str,
        headers: &[(&str, String)],
        body: Option<&str>,
        limit: u64,
    ) -> Result<Reply, SyncError> {
        let mut backoff = Duration::from_millis(500);
        let mut attempt = 0;
        loop {
            let result = self.once(url, headers, body, limit);
            let (retry, wait) = match &result {
                Ok(r) if r.status == 429 || (500..=599).contains(&r.status) || r.status == 408 => {
                    (true, retry_after(r))
                }
                Ok(_) => return result,
                Err(SyncError::Unreachable { retryable: true, .. }) => (true, None),
                Err(_) => return result,
            };
            if !retry || attempt >= self.retries {
                return result;
            }
            if let Some(w) = wait.filter(|w| *w > MAX_WAIT) {
                return Err(SyncError::Busy {
                    who: self.who,
                    said: format!("asks to wait {} minutes before the next request", w.as_secs() / 60),
                });
            }
            attempt += 1;
            // Jitter keeps two windows from retrying in step.
            let jitter = Duration::from_millis(u64::from(std::process::id() % 7) * 37 + u64::from(attempt) * 11);
            self.wait(wait.unwrap_or(backoff + jitter));
            backoff = (backoff * 2).min(Duration::from_secs(30));
        }
    }

    fn once(&self, url: &str, headers: &[(&str, String)], body: Option<&str>, limit: u64) -> Result<Reply, SyncError> {
        let unreachable = |e: &ureq::Error| {
            let retryable = !matches!(e, ureq::Error::HostNotFound | ureq::Error::BadUri(_) | ureq::Error::Tls(_));
            SyncError::Unreachable { who: self.who, said: e.to_string(), retryable }
        };
        let answer = match body {
            Some(b) => {
                let mut req = self.agent.post(url).header("Content-Type", "application/json");
                for (k, v) in headers {
                    req = req.header(*k, v);
                }
                req.send(b)
            }
            None => {
                let mut req = self.agent.get(url);
                for (k, v) in headers {
                    req = req.header(*k, v);
                }
                req.call()
            }
        };
        let mut r = answer.map_err(|e| unreachable(&e))?;
        let headers = r
            .headers()
            .iter()
            .filter_map(|(k, v)| v.to_str().ok().map(|v| (k.as_str().to_owned(), v.to_owned())))
            .collect();
        let status = r.status().as_u16();
        let body = r.body_mut().with_config().limit(limit).read_to_string().map_err(|e| unreachable(&e))?;
        Ok(Reply { status, headers, body })
    }
}

/// `Retry-After` in seconds (an HTTP date is treated as "a little while").
fn retry_after(r: &Reply) -> Option<Duration> {
    let h = r.header("retry-after")?.trim();
    match h.parse::<f64>() {
        Ok(s) if s >= 0.0 => Some(Duration::from_secs_f64(s)),
        _ => Some(Duration::from_secs(5)),
    }
}
