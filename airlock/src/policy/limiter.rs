//! Keyed token buckets (GCRA, `governor`) with bounded memory.

use std::hash::{BuildHasher, BuildHasherDefault, Hasher};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::time::Duration;

use governor::clock::Clock as _;
use governor::middleware::NoOpMiddleware;
use governor::nanos::Nanos;
use governor::state::keyed::DashMapStateStore;
use governor::{Quota, RateLimiter};

use super::clock::{Clock, LimiterClock};
use super::rate::Rate;

/// Keys are already uniformly distributed 64-bit hashes (see [`Limiter::key`]): the map
/// uses them as they are instead of hashing them a second time.
#[derive(Default, Clone, Copy)]
struct PreHashed(u64);

impl Hasher for PreHashed {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        // Only `write_u64` is used for `u64` keys; fold anything else in rather than drop it.
        for &b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(b);
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

type Buckets = RateLimiter<
    u64,
    DashMapStateStore<u64, BuildHasherDefault<PreHashed>>,
    LimiterClock,
    NoOpMiddleware<Nanos>,
>;

/// How often (in checks) the limiter considers evicting idle keys.
const SWEEP_EVERY: u64 = 4096;
/// Keys kept before the first eviction pass is worth its O(keys) walk.
const SWEEP_FLOOR: usize = 4096;

/// One rate, one bucket per key. Idle keys (whose bucket is full again) are evicted now and
/// then, so memory follows the number of *active* keys, not every key ever seen.
pub(crate) struct Limiter {
    buckets: Buckets,
    clock: LimiterClock,
    /// Keys are hashed with a per-limiter random key, so callers cannot aim collisions.
    hasher: std::hash::RandomState,
    checks: AtomicU64,
    /// Size after the last eviction pass: the next one runs once the map has doubled.
    kept: AtomicUsize,
}

impl Limiter {
    pub(crate) fn new(rate: Rate, clock: Clock) -> Limiter {
        let clock = LimiterClock(clock);
        let quota = quota(rate);
        Limiter {
            buckets: RateLimiter::dashmap_with_clock_and_hasher(
                quota,
                clock.clone(),
                BuildHasherDefault::default(),
            ),
            clock,
            hasher: std::hash::RandomState::new(),
            checks: AtomicU64::new(0),
            kept: AtomicUsize::new(0),
        }
    }

    /// The bucket key for `parts` (a caller id, a tool name, or both).
    pub(crate) fn key(&self, parts: &[&str]) -> u64 {
        let mut hasher = self.hasher.build_hasher();
        for part in parts {
            hasher.write(part.as_bytes());
            // Separates ("ab", "c") from ("a", "bc").
            hasher.write_u8(0xff);
        }
        hasher.finish()
    }

    /// Takes one call from `key`'s bucket, or says how long until one is available.
    pub(crate) fn check(&self, key: u64) -> Result<(), Duration> {
        let outcome = self.buckets.check_key(&key);
        if self.checks.fetch_add(1, Ordering::Relaxed) % SWEEP_EVERY == SWEEP_EVERY - 1 {
            self.sweep();
        }
        outcome.map_err(|not_until| not_until.wait_time_from(self.clock.now()))
    }

    /// Evicts idle keys if the map has doubled since the last pass.
    fn sweep(&self) {
        let len = self.buckets.len();
        if len > SWEEP_FLOOR.max(self.kept.load(Ordering::Relaxed).saturating_mul(2)) {
            self.buckets.retain_recent();
            self.buckets.shrink_to_fit();
            self.kept.store(self.buckets.len(), Ordering::Relaxed);
        }
    }

    /// Keys currently held.
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.buckets.len()
    }
}

impl std::fmt::Debug for Limiter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Limiter")
            .field("keys", &self.buckets.len())
            .finish_non_exhaustive()
    }
}

/// `rate` as a GCRA quota: one call back every `period / count`, at most `burst` at once.
fn quota(rate: Rate) -> Quota {
    let burst = std::num::NonZeroU32::new(rate.burst()).unwrap_or(std::num::NonZeroU32::MIN);
    // `Rate::interval` is never zero (at least 1 ns), which is all `with_period` requires.
    Quota::with_period(rate.interval())
        .unwrap_or_else(|| Quota::per_second(burst))
        .allow_burst(burst)
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::policy::ManualClock;

    fn manual() -> (ManualClock, Clock) {
        let manual = ManualClock::new(jiff::Timestamp::UNIX_EPOCH);
        let clock = Clock::from(manual.clone());
        (manual, clock)
    }

    #[test]
    fn a_bucket_empties_then_refills_with_the_clock() {
        let (manual, clock) = manual();
        let limiter = Limiter::new("3/min".parse().unwrap(), clock);
        let k = limiter.key(&["agent"]);
        for _ in 0..3 {
            assert_eq!(limiter.check(k), Ok(()));
        }
        assert_eq!(limiter.check(k), Err(Duration::from_secs(20)));
        manual.advance(Duration::from_secs(19));
        assert_eq!(limiter.check(k), Err(Duration::from_secs(1)));
        manual.advance(Duration::from_secs(1));
        assert_eq!(limiter.check(k), Ok(()));
        assert!(limiter.check(k).is_err());
    }

    #[test]
    fn burst_is_separate_from_the_rate() {
        let (manual, clock) = manual();
        let limiter = Limiter::new("5/s burst 10".parse().unwrap(), clock);
        let k = limiter.key(&["a"]);
        for _ in 0..10 {
            assert!(limiter.check(k).is_ok());
        }
        assert_eq!(limiter.check(k), Err(Duration::from_millis(200)));
        manual.advance(Duration::from_millis(400));
        assert!(limiter.check(k).is_ok());
        assert!(limiter.check(k).is_ok());
        assert!(limiter.check(k).is_err());
    }

    #[test]
    fn keys_do_not_share_buckets() {
        let (_manual, clock) = manual();
        let limiter = Limiter::new("1/hour".parse().unwrap(), clock);
        assert!(limiter.check(limiter.key(&["a", "t"])).is_ok());
        assert!(limiter.check(limiter.key(&["a", "t"])).is_err());
        assert!(limiter.check(limiter.key(&["b", "t"])).is_ok());
        assert!(limiter.check(limiter.key(&["a", "u"])).is_ok());
        assert!(limiter.check(limiter.key(&["at", ""])).is_ok());
    }

    #[test]
    fn idle_keys_are_evicted_so_memory_stays_bounded() {
        let (manual, clock) = manual();
        let limiter = Limiter::new("10/s".parse().unwrap(), clock);
        let mut peak = 0;
        for i in 0..1_000_000u32 {
            let key = limiter.key(&[&i.to_string()]);
            assert!(limiter.check(key).is_ok());
            // A new caller every 10 ms: each bucket is full again a second after its call.
            manual.advance(Duration::from_millis(10));
            peak = peak.max(limiter.len());
        }
        assert!(peak <= 3 * SWEEP_FLOOR, "peak {peak} keys");
    }

    #[test]
    fn threads_get_exactly_the_limit() {
        let (_manual, clock) = manual();
        let limiter = Arc::new(Limiter::new("50/hour".parse().unwrap(), clock));
        let key = limiter.key(&["shared"]);
        let admitted = std::thread::scope(|s| {
            let handles: Vec<_> = (0..8)
                .map(|_| {
                    let limiter = &limiter;
                    s.spawn(move || (0..1000).filter(|_| limiter.check(key).is_ok()).count())
                })
                .collect();
            handles
                .into_iter()
                .map(|h| h.join().unwrap())
                .sum::<usize>()
        });
        assert_eq!(admitted, 50);
    }
}
