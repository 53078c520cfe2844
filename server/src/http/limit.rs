//! A per-address limit on submissions (survey responses, enquiries), held in
//! memory only: the addresses are never written anywhere and are forgotten
//! when their window ends.

use std::collections::HashMap;
use std::hash::Hash;
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Counts per key (an address by default; sign-in also counts per account).
pub struct RateLimit<K = IpAddr> {
    per_window: u32,
    window: Duration,
    seen: Mutex<HashMap<K, (Instant, u32)>>,
}

impl<K: Hash + Eq> RateLimit<K> {
    /// `per_minute` submissions per address per minute; 0 turns it off.
    pub fn new(per_minute: u32) -> Self {
        Self::per(per_minute, Duration::from_secs(60))
    }

    /// `limit` submissions per address per `window`; 0 turns it off.
    pub fn per(limit: u32, window: Duration) -> Self {
        Self {
            per_window: limit,
            window,
            seen: Mutex::new(HashMap::new()),
        }
    }

    /// `Err(seconds to wait)` when `addr` has used up this window.
    pub fn check(&self, addr: K) -> Result<(), u64> {
        if self.per_window == 0 {
            return Ok(());
        }
        let now = Instant::now();
        let mut seen = self.seen.lock().unwrap_or_else(|p| p.into_inner());
        if seen.len() > 10_000 {
            seen.retain(|_, (start, _)| now.duration_since(*start) < self.window);
        }
        let entry = seen.entry(addr).or_insert((now, 0));
        if now.duration_since(entry.0) >= self.window {
            *entry = (now, 0);
        }
        if entry.1 >= self.per_window {
            let wait = self.window.saturating_sub(now.duration_since(entry.0));
            return Err(wait.as_secs().max(1));
        }
        entry.1 += 1;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_each_address_separately() {
        let limit = RateLimit::new(3);
        let a: IpAddr = "192.0.2.1".parse().unwrap();
        let b: IpAddr = "192.0.2.2".parse().unwrap();
        for _ in 0..3 {
            assert!(limit.check(a).is_ok());
        }
        let wait = limit.check(a).unwrap_err();
        assert!((1..=60).contains(&wait));
        assert!(limit.check(b).is_ok());
        let off = RateLimit::new(0);
        for _ in 0..1000 {
            assert!(off.check(a).is_ok());
        }
    }
}
