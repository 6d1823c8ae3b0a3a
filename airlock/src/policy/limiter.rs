//! Keyed rate limits (GCRA) with bounded memory, whose charges can be taken back.
//!
//! Each key holds one number, its *theoretical arrival time* (TAT): the instant at which
//! its bucket would be full again. A call at `now` is allowed when
//! `now >= tat - tolerance`, and then moves the TAT to `max(tat, now) + interval`, where
//! `interval` is the time one call's allowance takes to come back and
//! `tolerance = interval × (burst - 1)`. A TAT at or before `now` is a full bucket.
//!
//! A call checked against several limits is admitted only if every one allows it (see
//! `admit_all` in the engine): the limits passed are charged as it goes, and taken back
//! with [`Limiter::refund`] when a later one refuses.

use std::collections::HashMap;
use std::hash::{BuildHasher, BuildHasherDefault, Hasher};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{PoisonError, RwLock, RwLockReadGuard};
use std::time::Duration;

use super::clock::Clock;
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

/// Key → TAT in nanoseconds of the clock's monotonic count (`0`: never charged).
type Shard = HashMap<u64, AtomicU64, BuildHasherDefault<PreHashed>>;

/// Shards of the key map: callers of different keys rarely wait on the same lock. A power
/// of two, so choosing one is a mask.
const SHARDS: usize = 16;
/// How often (in takes) the limiter considers evicting idle keys.
const SWEEP_EVERY: u64 = 4096;
/// Keys kept before the first eviction pass is worth its O(keys) walk.
const SWEEP_FLOOR: usize = 4096;

/// One rate, one bucket per key. Idle keys (whose bucket is full again) are evicted now and
/// then, so memory follows the number of *active* keys, not every key ever seen.
pub(crate) struct Limiter {
    /// Nanoseconds for one call's allowance to come back.
    interval: u64,
    /// How far ahead of now the TAT may be and still allow a call: `interval × (burst - 1)`.
    tolerance: u64,
    clock: Clock,
    shards: [RwLock<Shard>; SHARDS],
    /// Keys are hashed with a per-limiter random key, so callers cannot aim collisions.
    hasher: std::hash::RandomState,
    takes: AtomicU64,
    /// Size after the last eviction pass: the next one runs once the map has doubled.
    kept: AtomicUsize,
}

/// A call taken from a bucket, to give back with [`Limiter::refund`] if the call is
/// refused by another limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Taken {
    key: u64,
    /// The clock's count when the call was taken.
    at: u64,
    /// The TAT the take left.
    tat: u64,
}

impl Limiter {
    pub(crate) fn new(rate: Rate, clock: Clock) -> Limiter {
        // `Rate::interval` is at least 1 ns; a longer one than `u64` nanoseconds (584
        // years) is as good as never.
        let interval = u64::try_from(rate.interval().as_nanos())
            .unwrap_or(u64::MAX)
            .max(1);
        let tolerance = interval.saturating_mul(u64::from(rate.burst().saturating_sub(1)));
        Limiter {
            interval,
            tolerance,
            clock,
            shards: std::array::from_fn(|_| RwLock::default()),
            hasher: std::hash::RandomState::new(),
            takes: AtomicU64::new(0),
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

    /// Takes one call from `key`'s bucket, or says how long until one is available (and
    /// takes nothing).
    pub(crate) fn take(&self, key: u64) -> Result<Taken, Duration> {
        let now = self.clock.monotonic_nanos();
        let shard = self.shard(key);
        let outcome = {
            let map = read(shard);
            match map.get(&key) {
                Some(tat) => self.take_from(tat, key, now),
                None => {
                    drop(map);
                    let mut map = shard.write().unwrap_or_else(PoisonError::into_inner);
                    self.take_from(map.entry(key).or_default(), key, now)
                }
            }
        };
        if self.takes.fetch_add(1, Ordering::Relaxed) % SWEEP_EVERY == SWEEP_EVERY - 1 {
            self.sweep();
        }
        outcome
    }

    /// The GCRA test and update, atomic by compare-and-swap.
    fn take_from(&self, tat: &AtomicU64, key: u64, now: u64) -> Result<Taken, Duration> {
        let mut current = tat.load(Ordering::Acquire);
        loop {
            let earliest = current.saturating_sub(self.tolerance);
            if now < earliest {
                return Err(Duration::from_nanos(earliest - now));
            }
            let next = current.max(now).saturating_add(self.interval);
            match tat.compare_exchange_weak(current, next, Ordering::AcqRel, Ordering::Acquire) {
                Ok(_) => {
                    return Ok(Taken {
                        key,
                        at: now,
                        tat: next,
                    });
                }
                Err(actual) => current = actual,
            }
        }
    }

    /// Gives back a call [`Limiter::take`] took, as if it had never been taken.
    ///
    /// If no other call touched the bucket since, its TAT goes back by one interval: exactly
    /// the state before the take. If others took from it meanwhile, their takes may have
    /// counted from a later clock reading than the refunded call's, and then the refunded
    /// call weighed less than a whole interval on the TAT; but never less than
    /// `interval - elapsed`, with `elapsed` the time between the take and this refund. So
    /// that much is given back: never more than the call cost (a refund can never let more
    /// calls through than the rate allows), and short of it by at most `elapsed` (zero while
    /// the clock stands still).
    pub(crate) fn refund(&self, taken: Taken) {
        let now = self.clock.monotonic_nanos();
        let map = read(self.shard(taken.key));
        // An evicted key was idle (its bucket full again): nothing is left to give back.
        let Some(tat) = map.get(&taken.key) else {
            return;
        };
        let least = self.interval.saturating_sub(now.saturating_sub(taken.at));
        // The closure always returns `Some`, so this never fails.
        let _ = tat.fetch_update(Ordering::AcqRel, Ordering::Acquire, |current| {
            let back = if current == taken.tat {
                self.interval
            } else {
                least
            };
            Some(current.saturating_sub(back))
        });
    }

    fn shard(&self, key: u64) -> &RwLock<Shard> {
        // The middle bits: the map inside uses the low bits for its slots and the high ones
        // for its tags, so shards chosen by either would crowd them.
        let index = usize::try_from(key >> 32).unwrap_or(0) % SHARDS;
        &self.shards[index]
    }

    /// Evicts idle keys if the map has doubled since the last pass.
    fn sweep(&self) {
        let len = self.len();
        if len <= SWEEP_FLOOR.max(self.kept.load(Ordering::Relaxed).saturating_mul(2)) {
            return;
        }
        let now = self.clock.monotonic_nanos();
        let mut kept = 0;
        for shard in &self.shards {
            let mut map = shard.write().unwrap_or_else(PoisonError::into_inner);
            map.retain(|_, tat| *tat.get_mut() > now);
            map.shrink_to_fit();
            kept += map.len();
        }
        self.kept.store(kept, Ordering::Relaxed);
    }

    /// Keys currently held.
    fn len(&self) -> usize {
        self.shards.iter().map(|shard| read(shard).len()).sum()
    }
}

/// A shard's map for reading. A panic while it was written leaves it usable: every update
/// inside is a single atomic store or insertion.
fn read(shard: &RwLock<Shard>) -> RwLockReadGuard<'_, Shard> {
    shard.read().unwrap_or_else(PoisonError::into_inner)
}

impl std::fmt::Debug for Limiter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Limiter")
            .field("interval_ns", &self.interval)
            .field("keys", &self.len())
            .finish_non_exhaustive()
    }
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

    fn ok(limiter: &Limiter, key: u64) -> bool {
        limiter.take(key).is_ok()
    }

    #[test]
    fn a_bucket_empties_then_refills_with_the_clock() {
        let (manual, clock) = manual();
        let limiter = Limiter::new("3/min".parse().unwrap(), clock);
        let k = limiter.key(&["agent"]);
        for _ in 0..3 {
            assert!(ok(&limiter, k));
        }
        assert_eq!(limiter.take(k), Err(Duration::from_secs(20)));
        manual.advance(Duration::from_secs(19));
        assert_eq!(limiter.take(k), Err(Duration::from_secs(1)));
        manual.advance(Duration::from_secs(1));
        assert!(ok(&limiter, k));
        assert!(!ok(&limiter, k));
    }

    #[test]
    fn burst_is_separate_from_the_rate() {
        let (manual, clock) = manual();
        let limiter = Limiter::new("5/s burst 10".parse().unwrap(), clock);
        let k = limiter.key(&["a"]);
        for _ in 0..10 {
            assert!(ok(&limiter, k));
        }
        assert_eq!(limiter.take(k), Err(Duration::from_millis(200)));
        manual.advance(Duration::from_millis(400));
        assert!(ok(&limiter, k));
        assert!(ok(&limiter, k));
        assert!(!ok(&limiter, k));
    }

    #[test]
    fn keys_do_not_share_buckets() {
        let (_manual, clock) = manual();
        let limiter = Limiter::new("1/hour".parse().unwrap(), clock);
        assert!(ok(&limiter, limiter.key(&["a", "t"])));
        assert!(!ok(&limiter, limiter.key(&["a", "t"])));
        assert!(ok(&limiter, limiter.key(&["b", "t"])));
        assert!(ok(&limiter, limiter.key(&["a", "u"])));
        assert!(ok(&limiter, limiter.key(&["at", ""])));
    }

    #[test]
    fn a_refund_gives_the_call_back_exactly() {
        let (manual, clock) = manual();
        let limiter = Limiter::new("3/min".parse().unwrap(), clock);
        let k = limiter.key(&["a"]);
        let first = limiter.take(k).unwrap();
        limiter.refund(first);
        // The whole burst is there again, and no more.
        let first = limiter.take(k).unwrap();
        let second = limiter.take(k).unwrap();
        assert!(ok(&limiter, k));
        assert_eq!(limiter.take(k), Err(Duration::from_secs(20)));
        // Given back after other calls took from the bucket: still one whole call each.
        limiter.refund(first);
        limiter.refund(second);
        assert!(ok(&limiter, k));
        assert!(ok(&limiter, k));
        assert_eq!(limiter.take(k), Err(Duration::from_secs(20)));
        manual.advance(Duration::from_secs(20));
        assert!(ok(&limiter, k));
        assert!(!ok(&limiter, k));
    }

    #[test]
    fn a_late_refund_never_gives_back_more_than_the_call_cost() {
        let (manual, clock) = manual();
        let limiter = Limiter::new("1/min".parse().unwrap(), clock);
        let k = limiter.key(&["a"]);
        let taken = limiter.take(k).unwrap();
        // Another call takes after the bucket would have refilled without `taken`...
        manual.advance(Duration::from_secs(10));
        let mut other = limiter.take(k);
        assert!(other.is_err());
        manual.advance(Duration::from_secs(50));
        other = limiter.take(k);
        let other = other.unwrap();
        // ...so `taken`, refunded now, weighs nothing: the other call's charge stays whole.
        limiter.refund(taken);
        assert_eq!(limiter.take(k), Err(Duration::from_secs(60)));
        limiter.refund(other);
        assert!(ok(&limiter, k));
    }

    #[test]
    fn a_refund_after_eviction_changes_nothing() {
        let (manual, clock) = manual();
        let limiter = Limiter::new("1/s".parse().unwrap(), clock);
        let k = limiter.key(&["a"]);
        let taken = limiter.take(k).unwrap();
        manual.advance(Duration::from_secs(2));
        for shard in limiter.shards.iter() {
            shard.write().unwrap().clear();
        }
        limiter.refund(taken);
        assert!(ok(&limiter, k));
        assert!(!ok(&limiter, k));
    }

    #[test]
    fn idle_keys_are_evicted_so_memory_stays_bounded() {
        let (manual, clock) = manual();
        let limiter = Limiter::new("10/s".parse().unwrap(), clock);
        let mut peak = 0;
        for i in 0..1_000_000u32 {
            let key = limiter.key(&[&i.to_string()]);
            assert!(ok(&limiter, key));
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
                    s.spawn(move || (0..1000).filter(|_| ok(limiter, key)).count())
                })
                .collect();
            handles
                .into_iter()
                .map(|h| h.join().unwrap())
                .sum::<usize>()
        });
        assert_eq!(admitted, 50);
    }

    #[test]
    fn threads_taking_and_refunding_never_exceed_the_limit_nor_keep_a_refund() {
        let (_manual, clock) = manual();
        let limiter = Limiter::new("50/hour".parse().unwrap(), clock);
        let key = limiter.key(&["shared"]);
        // Every thread gives back every other call it took: half the takes stay charged.
        let kept: usize = std::thread::scope(|s| {
            let handles: Vec<_> = (0..8)
                .map(|_| {
                    let limiter = &limiter;
                    s.spawn(move || {
                        let mut kept = 0;
                        for i in 0..1000 {
                            if let Ok(taken) = limiter.take(key) {
                                if i % 2 == 0 {
                                    limiter.refund(taken);
                                } else {
                                    kept += 1;
                                }
                            }
                        }
                        kept
                    })
                })
                .collect();
            handles.into_iter().map(|h| h.join().unwrap()).sum()
        });
        assert!(kept <= 50);
        // What is left is exactly what the kept calls did not use.
        let left = (0..100).filter(|_| ok(&limiter, key)).count();
        assert_eq!(kept + left, 50);
    }
}
