//! Rate limits at send time: a token bucket per transport. Messages are queued as fast as flows
//! make them; the bucket decides when each may leave, so a burst never trips a provider's limit.

use std::time::Duration;

/// A token bucket: `rate` tokens a second, at most `burst` saved up.
#[derive(Debug, Clone, PartialEq)]
pub struct TokenBucket {
    rate: f64,
    burst: f64,
    tokens: f64,
    /// Milliseconds of the last refill.
    at: i64,
}

impl TokenBucket {
    /// Full at `now_ms`.
    pub fn new(rate_per_second: f64, burst: u32, now_ms: i64) -> Self {
        let rate = rate_per_second.max(0.001);
        let burst = f64::from(burst.max(1));
        TokenBucket { rate, burst, tokens: burst, at: now_ms }
    }

    /// Takes a token if one is there at `now_ms`; otherwise how long until one is.
    pub fn take(&mut self, now_ms: i64) -> Result<(), Duration> {
        let elapsed = (now_ms - self.at).max(0) as f64 / 1000.0;
        self.tokens = (self.tokens + elapsed * self.rate).min(self.burst);
        self.at = now_ms.max(self.at);
        if self.tokens >= 1.0 {
            self.tokens -= 1.0;
            Ok(())
        } else {
            Err(Duration::from_secs_f64((1.0 - self.tokens) / self.rate))
        }
    }
}

/// How long to wait after the `retries`-th temporary failure: 1, 2, 4 … minutes, at most an hour.
pub fn backoff(retries: i64) -> Duration {
    let minutes = 1u64 << retries.clamp(0, 6);
    Duration::from_secs((minutes * 60).min(3600))
}

/// Sending rates a transport is held to (messages a second, burst): Resend's documented default
/// of 2 requests a second, and a conservative 10 a second for providers that do not publish a
/// fixed per-second sending limit.
pub fn default_rate(transport: &str) -> (f64, u32) {
    match transport {
        "outbox" => (1000.0, 1000),
        "resend" => (2.0, 2),
        "postmark" | "sendgrid" | "mailgun" => (10.0, 10),
        // A shared host's SMTP server: gentle.
        _ => (5.0, 5),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_burst_then_the_rate() {
        let mut b = TokenBucket::new(2.0, 3, 0);
        assert!(b.take(0).is_ok() && b.take(0).is_ok() && b.take(0).is_ok());
        let wait = b.take(0).unwrap_err();
        assert_eq!(wait, Duration::from_millis(500));
        assert!(b.take(499).is_err());
        assert!(b.take(500).is_ok());
        // Saving up never exceeds the burst.
        assert!(b.take(60_000).is_ok() && b.take(60_000).is_ok() && b.take(60_000).is_ok());
        assert!(b.take(60_000).is_err());
    }

    #[test]
    fn backoff_doubles_up_to_an_hour() {
        assert_eq!(backoff(0), Duration::from_secs(60));
        assert_eq!(backoff(3), Duration::from_secs(480));
        assert_eq!(backoff(20), Duration::from_secs(3600));
    }
}
