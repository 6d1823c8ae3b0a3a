//! Where the policy engine reads the time: the system clock, or a manual clock for tests.

use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};
use std::time::{Duration, Instant};

use jiff::Timestamp;

/// The time source of a policy [`Engine`](super::Engine): wall-clock time for time windows
/// and a monotonic count for rate limits.
///
/// [`Clock::system`] is the real clock (the default). A [`ManualClock`] stands still until
/// moved, so tests can cross a DST change or refill a rate limit without waiting:
///
/// ```rust
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// use std::time::Duration;
/// use airlock::policy::{Clock, ManualClock};
///
/// let manual = ManualClock::new("2026-11-23T08:00:00-05:00".parse()?);
/// let clock = Clock::from(manual.clone());
/// manual.advance(Duration::from_secs(90));
/// assert_eq!(clock.now().to_string(), "2026-11-23T13:01:30Z");
/// # Ok(())
/// # }
/// ```
#[derive(Clone, Debug)]
pub struct Clock(Source);

#[derive(Clone, Debug)]
enum Source {
    System { origin: Instant },
    Manual(ManualClock),
}

impl Clock {
    /// The system clock: `jiff::Timestamp::now()` for windows, a monotonic [`Instant`] for
    /// rate limits (so a wall-clock jump never refills or drains a bucket). It is also
    /// [`Clock::default`] and what [`Engine::new`](super::Engine::new) uses.
    ///
    /// It reads the machine's time:
    ///
    /// ```rust
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// use airlock::policy::Clock;
    ///
    /// let clock = Clock::system();
    /// assert!(clock.now() > "2024-01-01T00:00:00Z".parse()?);
    /// # Ok(())
    /// # }
    /// ```
    pub fn system() -> Clock {
        Clock(Source::System {
            origin: Instant::now(),
        })
    }

    /// The current wall-clock time: what time windows are checked against.
    ///
    /// A clock made from a [`ManualClock`] shows the manual clock's time:
    ///
    /// ```rust
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// use airlock::policy::{Clock, ManualClock};
    ///
    /// let start: jiff::Timestamp = "2026-03-08T06:59:00Z".parse()?;
    /// let clock = Clock::from(ManualClock::new(start));
    /// assert_eq!(clock.now(), start);
    /// # Ok(())
    /// # }
    /// ```
    pub fn now(&self) -> Timestamp {
        match &self.0 {
            Source::System { .. } => Timestamp::now(),
            Source::Manual(manual) => manual.now(),
        }
    }

    /// Monotonic nanoseconds since the clock was made, for rate limiting. A manual clock set
    /// backwards reads as standing still.
    pub(crate) fn monotonic_nanos(&self) -> u64 {
        match &self.0 {
            Source::System { origin } => {
                u64::try_from(origin.elapsed().as_nanos()).unwrap_or(u64::MAX)
            }
            Source::Manual(manual) => manual.elapsed_nanos(),
        }
    }
}

impl Default for Clock {
    /// [`Clock::system`].
    fn default() -> Clock {
        Clock::system()
    }
}

impl From<ManualClock> for Clock {
    fn from(manual: ManualClock) -> Clock {
        Clock(Source::Manual(manual))
    }
}

/// A clock that moves only when told to; clones share the same time.
///
/// ```rust
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// use std::time::Duration;
/// use airlock::policy::ManualClock;
///
/// let clock = ManualClock::new(jiff::Timestamp::UNIX_EPOCH);
/// clock.advance(Duration::from_millis(1500));
/// assert_eq!(clock.now().as_millisecond(), 1500);
/// clock.set("2026-03-08T06:59:00Z".parse()?);
/// assert_eq!(clock.now().to_string(), "2026-03-08T06:59:00Z");
/// # Ok(())
/// # }
/// ```
#[derive(Clone, Debug)]
pub struct ManualClock {
    state: Arc<ManualState>,
}

#[derive(Debug)]
struct ManualState {
    /// Where the clock started, in nanoseconds since the Unix epoch.
    start: i64,
    /// The furthest the clock has been, in nanoseconds since `start`: what rate limits see.
    furthest: AtomicI64,
    /// Now, in nanoseconds since the Unix epoch.
    now: AtomicI64,
}

impl ManualClock {
    /// A clock standing at `start`.
    ///
    /// The clock keeps nanoseconds in an `i64`, so a `start` outside 1677-09-21 to
    /// 2262-04-11 (UTC) is moved to the nearer end of that range.
    ///
    /// It shows `start` until it is moved:
    ///
    /// ```rust
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// use airlock::policy::ManualClock;
    ///
    /// let clock = ManualClock::new("2026-11-23T09:00:00Z".parse()?);
    /// assert_eq!(clock.now().to_string(), "2026-11-23T09:00:00Z");
    /// assert_eq!(clock.now(), clock.now());
    /// # Ok(())
    /// # }
    /// ```
    pub fn new(start: Timestamp) -> ManualClock {
        let start = clamp_nanos(start.as_nanosecond());
        ManualClock {
            state: Arc::new(ManualState {
                start,
                furthest: AtomicI64::new(0),
                now: AtomicI64::new(start),
            }),
        }
    }

    /// The time it shows, the same for every clone.
    ///
    /// Moving one clone moves them all:
    ///
    /// ```rust
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// use std::time::Duration;
    /// use airlock::policy::ManualClock;
    ///
    /// let clock = ManualClock::new("2026-11-23T09:00:00Z".parse()?);
    /// let shared = clock.clone();
    /// clock.advance(Duration::from_secs(60));
    /// assert_eq!(shared.now().to_string(), "2026-11-23T09:01:00Z");
    /// # Ok(())
    /// # }
    /// ```
    pub fn now(&self) -> Timestamp {
        let nanos = self.state.now.load(Ordering::Acquire);
        // Every stored value came from a `Timestamp` or was clamped to one's range.
        Timestamp::from_nanosecond(i128::from(nanos)).unwrap_or(Timestamp::MAX)
    }

    /// Moves the clock forward by `by`, saturating at the last instant it can show
    /// (2262-04-11T23:47:16.854775807Z, the most nanoseconds an `i64` holds).
    ///
    /// Crossing a DST change in New York (clocks go from 02:00 to 03:00 on 2026-03-08):
    ///
    /// ```rust
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// use std::time::Duration;
    /// use airlock::policy::ManualClock;
    ///
    /// let clock = ManualClock::new("2026-03-08T01:30:00-05:00".parse()?);
    /// clock.advance(Duration::from_secs(3600));
    /// let in_new_york = clock.now().in_tz("America/New_York")?;
    /// assert_eq!(in_new_york.time().to_string(), "03:30:00");
    /// clock.advance(Duration::MAX);
    /// assert_eq!(clock.now().to_string(), "2262-04-11T23:47:16.854775807Z");
    /// # Ok(())
    /// # }
    /// ```
    pub fn advance(&self, by: Duration) {
        let by = i64::try_from(by.as_nanos()).unwrap_or(i64::MAX);
        let mut now = self.state.now.load(Ordering::Acquire);
        loop {
            let next = clamp_nanos(i128::from(now) + i128::from(by));
            match self.state.now.compare_exchange_weak(
                now,
                next,
                Ordering::AcqRel,
                Ordering::Acquire,
            ) {
                Ok(_) => break self.note_furthest(next),
                Err(actual) => now = actual,
            }
        }
    }

    /// Sets the clock to `at`, forwards or backwards. Rate limits never see time go back:
    /// they stand still until the clock passes the furthest point it reached.
    ///
    /// Setting the clock back an hour does not refill a `1/min` limit; passing the furthest
    /// point reached by a minute does:
    ///
    /// ```rust
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// use airlock::Caller;
    /// use airlock::policy::{Clock, Engine, LimitRule, ManualClock, PERMISSIVE};
    ///
    /// let clock = ManualClock::new("2026-11-23T09:00:00Z".parse()?);
    /// let policy = PERMISSIVE.clone().limit(LimitRule::new("slow", "1/min".parse()?));
    /// let engine = Engine::with_clock(policy, Clock::from(clock.clone()));
    /// let me = Caller::new("agent-7");
    /// assert!(engine.admit("deploy", &me).is_allowed());
    ///
    /// clock.set("2026-11-23T08:00:00Z".parse()?);
    /// assert_eq!(clock.now().to_string(), "2026-11-23T08:00:00Z");
    /// assert!(!engine.admit("deploy", &me).is_allowed());
    /// clock.set("2026-11-23T09:01:00Z".parse()?);
    /// assert!(engine.admit("deploy", &me).is_allowed());
    /// # Ok(())
    /// # }
    /// ```
    pub fn set(&self, at: Timestamp) {
        let at = clamp_nanos(at.as_nanosecond());
        self.state.now.store(at, Ordering::Release);
        self.note_furthest(at);
    }

    fn note_furthest(&self, now: i64) {
        let since_start = now.saturating_sub(self.state.start);
        self.state.furthest.fetch_max(since_start, Ordering::AcqRel);
    }

    fn elapsed_nanos(&self) -> u64 {
        u64::try_from(self.state.furthest.load(Ordering::Acquire)).unwrap_or(0)
    }
}

/// Nanoseconds since the epoch, clamped to what both `i64` and `Timestamp` hold.
fn clamp_nanos(nanos: i128) -> i64 {
    let min = Timestamp::MIN.as_nanosecond().max(i128::from(i64::MIN));
    let max = Timestamp::MAX.as_nanosecond().min(i128::from(i64::MAX));
    let clamped = nanos.clamp(min, max);
    // In range by the clamp just above.
    i64::try_from(clamped).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn manual_clock_moves_only_when_told_and_limits_never_see_it_go_back() {
        let manual = ManualClock::new("2026-01-01T00:00:00Z".parse().unwrap());
        let clock = Clock::from(manual.clone());
        assert_eq!(clock.monotonic_nanos(), 0);
        manual.advance(Duration::from_secs(2));
        assert_eq!(clock.monotonic_nanos(), 2_000_000_000);
        manual.set("2025-12-31T23:00:00Z".parse().unwrap());
        assert_eq!(clock.now().to_string(), "2025-12-31T23:00:00Z");
        assert_eq!(clock.monotonic_nanos(), 2_000_000_000);
        manual.advance(Duration::MAX);
        assert_eq!(clock.now(), Timestamp::MAX.min(clock.now()));
        assert!(clock.monotonic_nanos() > 2_000_000_000);
    }

    #[test]
    fn extreme_starts_do_not_panic() {
        for start in [Timestamp::MIN, Timestamp::MAX, Timestamp::UNIX_EPOCH] {
            let manual = ManualClock::new(start);
            manual.advance(Duration::MAX);
            manual.set(Timestamp::MIN);
            let _ = Clock::from(manual).monotonic_nanos();
        }
    }

    #[test]
    fn system_clock_is_monotonic() {
        let clock = Clock::system();
        let a = clock.monotonic_nanos();
        let b = clock.monotonic_nanos();
        assert!(b >= a);
        assert!(clock.now() > "2024-01-01T00:00:00Z".parse().unwrap());
    }
}
