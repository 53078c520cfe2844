//! The server's clock. Calendar work (dates, RFC 3339) is `api::dates`,
//! through the `time` crate; this is only "now".
//!
//! One [`Clock`] lives in the server state and everything that decides by
//! time (sessions, enquiry tokens, retention) reads it, so a test moves it
//! on rather than sleeping until a session would have ended.

use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// The system clock, plus however far a test has moved it on.
#[derive(Clone, Debug, Default)]
pub struct Clock {
    ahead_millis: Arc<AtomicI64>,
}

impl Clock {
    /// Now, in Unix seconds.
    pub fn now(&self) -> i64 {
        self.now_millis().div_euclid(1000)
    }

    /// Now, in Unix milliseconds.
    pub fn now_millis(&self) -> i64 {
        system_millis() + self.ahead_millis.load(Ordering::Relaxed)
    }

    /// Moves this clock (and every copy of it) on by `by`.
    pub fn advance(&self, by: Duration) {
        let by = i64::try_from(by.as_millis()).unwrap_or(i64::MAX);
        self.ahead_millis.fetch_add(by, Ordering::Relaxed);
    }
}

fn system_millis() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or(0)
}

/// Now, in Unix seconds, by the system clock: for what no test moves on
/// (metrics, the seed's timestamps, a background task's schedule).
pub fn now() -> i64 {
    system_millis().div_euclid(1000)
}

/// Now, in Unix milliseconds, by the system clock.
pub fn now_millis() -> i64 {
    system_millis()
}

/// A Unix time as RFC 3339 in UTC: `2026-11-26T12:07:19Z`.
pub use api::dates::rfc3339;

/// The calendar year (UTC) of a Unix time.
pub use api::dates::year_of;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_moved_clock_moves_every_copy() {
        let clock = Clock::default();
        let copy = clock.clone();
        let before = copy.now();
        clock.advance(Duration::from_secs(3600));
        assert!(copy.now() >= before + 3600);
        assert!(copy.now() < before + 3600 + 60);
    }
}
