//! The one source of "now". Everything that needs the current time takes a `&dyn Clock`, so a
//! test can fix or advance time and a 14-day flow runs in milliseconds.

use std::sync::Mutex;

use jiff::{SignedDuration, Timestamp};

/// Where the current instant comes from.
pub trait Clock: Send + Sync + std::fmt::Debug {
    /// The current instant, in UTC.
    fn now(&self) -> Timestamp;
}

/// The operating system's clock.
#[derive(Debug, Default, Clone, Copy)]
pub struct SystemClock;

impl Clock for SystemClock {
    #[allow(clippy::disallowed_methods)] // the one place allowed to read the OS clock
    fn now(&self) -> Timestamp {
        Timestamp::now()
    }
}

/// The system clock moved by a number of seconds read from a file on every call: how an
/// end-to-end test advances the desktop app's days (a 14-day rollout in a minute) without
/// sleeping. Used only when `STORELOOP_CLOCK_OFFSET_FILE` names the file (see `from_env`); an
/// unreadable or empty file means no offset.
#[derive(Debug, Clone)]
pub struct OffsetFileClock {
    path: std::path::PathBuf,
}

impl OffsetFileClock {
    pub fn new(path: impl Into<std::path::PathBuf>) -> Self {
        Self { path: path.into() }
    }
}

impl Clock for OffsetFileClock {
    fn now(&self) -> Timestamp {
        let offset = std::fs::read_to_string(&self.path).ok().and_then(|s| s.trim().parse::<i64>().ok()).unwrap_or(0);
        let now = SystemClock.now();
        now.checked_add(SignedDuration::from_secs(offset)).unwrap_or(now)
    }
}

/// The app's clock: the system's, or — when `STORELOOP_CLOCK_OFFSET_FILE` is set (tests) — the
/// system's moved by the file's seconds.
pub fn from_env() -> std::sync::Arc<dyn Clock> {
    match std::env::var_os("STORELOOP_CLOCK_OFFSET_FILE") {
        Some(path) if !path.is_empty() => std::sync::Arc::new(OffsetFileClock::new(path)),
        _ => std::sync::Arc::new(SystemClock),
    }
}

/// A clock that stands still until it is told to move: for tests and replays.
#[derive(Debug)]
pub struct ManualClock {
    now: Mutex<Timestamp>,
}

impl ManualClock {
    /// A clock standing at `start`.
    pub fn new(start: Timestamp) -> Self {
        Self { now: Mutex::new(start) }
    }

    /// Moves the clock forward (or back, with a negative duration).
    pub fn advance(&self, by: SignedDuration) {
        let mut now = self.now.lock().unwrap_or_else(|e| e.into_inner());
        *now = now.checked_add(by).unwrap_or(*now);
    }

    /// Puts the clock at `at`.
    pub fn set(&self, at: Timestamp) {
        *self.now.lock().unwrap_or_else(|e| e.into_inner()) = at;
    }
}

impl Clock for ManualClock {
    fn now(&self) -> Timestamp {
        *self.now.lock().unwrap_or_else(|e| e.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_offset_file_moves_the_clock_by_its_seconds() {
        let dir = tempfile::TempDir::new().unwrap();
        let file = dir.path().join("offset");
        let clock = OffsetFileClock::new(&file);
        let before = SystemClock.now().as_second();
        assert!((clock.now().as_second() - before).abs() < 5, "no file: no offset");
        std::fs::write(&file, "86400\n").unwrap();
        assert!((clock.now().as_second() - before - 86_400).abs() < 5);
        std::fs::write(&file, "nonsense").unwrap();
        assert!((clock.now().as_second() - before).abs() < 5, "unreadable: no offset");
    }

    #[test]
    fn manual_clock_moves_only_when_told() {
        let start = Timestamp::from_second(1_700_000_000).unwrap();
        let clock = ManualClock::new(start);
        assert_eq!(clock.now(), start);
        clock.advance(SignedDuration::from_hours(24 * 14));
        assert_eq!(clock.now().as_second(), 1_700_000_000 + 14 * 86_400);
    }
}
