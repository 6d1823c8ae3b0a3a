//! The sanitizer's time grows linearly with its input, whatever the input: for each hostile
//! input of `airlock_corpus::hostile` (floods of token prefixes, assignments, IPv6 runs,
//! digits, escapes) and for a JSON object keyed by email addresses, four times the input
//! takes at most about five times as long.
//!
//! This measures growth, not speed: both times come from the same run on the same machine,
//! each the least of a few interleaved measurements of the time this thread ran (on Unix;
//! elsewhere the time that passed), so a slow or busy machine slows both alike. A scan that
//! rereads what it has read grows sixteen-fold and fails at once; a ratio just over the
//! limit is measured again before it counts. The benches measure speed
//! (`cargo bench --bench sanitizer -- hostile`).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::num::NonZeroUsize;
use std::time::Duration;

use airlock::sanitize::Sanitizer;
use serde_json::Value;

/// The smaller input, in bytes; the larger is four times as large. Both are larger than a
/// core's first-level cache, so the bytes cost alike in both. Debug builds are some ten
/// times slower, so they take smaller inputs (still large enough for a scan that rereads its
/// input to show it).
const SMALL: usize = if cfg!(debug_assertions) {
    32 * 1024
} else {
    128 * 1024
};

/// The most the time may grow for four times the input: linear, plus a margin for noise.
const LIMIT: f64 = 5.0;

/// Measurements of each size, interleaved; the least of them counts.
const ROUNDS: usize = 3;

/// How often a ratio over the limit (but under twice it) is measured again.
const ATTEMPTS: usize = 3;

/// How long one measurement lasts at least: shorter work is repeated in a batch, so the
/// timer's resolution and the machine's jitter stay small beside it.
const MIN_BATCH: Duration = Duration::from_millis(2);

/// The time this thread has run: on a busy machine a thread waits for a core, and the wait
/// would count against whichever input it fell on.
#[cfg(unix)]
fn thread_time() -> Duration {
    let now = rustix::time::clock_gettime(rustix::time::ClockId::ThreadCPUTime);
    Duration::new(
        u64::try_from(now.tv_sec).unwrap(),
        u32::try_from(now.tv_nsec).unwrap(),
    )
}

/// The time that has passed (where a thread's own time is not at hand).
#[cfg(not(unix))]
fn thread_time() -> Duration {
    static START: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();
    START.get_or_init(std::time::Instant::now).elapsed()
}

fn one_thread() -> Sanitizer {
    Sanitizer::builder()
        .max_threads(NonZeroUsize::MIN)
        .build()
        .unwrap()
}

/// How much longer `work(true)` (the large input) takes than `work(false)`.
fn growth(work: &mut dyn FnMut(bool)) -> f64 {
    let started = thread_time();
    work(false);
    let once = (thread_time() - started).as_secs_f64().max(1e-9);
    let batch = (MIN_BATCH.as_secs_f64() / once).ceil().clamp(1.0, 10_000.0) as usize;
    let mut timed = |large: bool| {
        let started = thread_time();
        for _ in 0..batch {
            work(large);
        }
        (thread_time() - started).as_secs_f64()
    };
    let (mut small, mut large) = (f64::MAX, f64::MAX);
    for _ in 0..ROUNDS {
        small = small.min(timed(false));
        large = large.min(timed(true));
    }
    large / small
}

/// `None` when the growth of `work` is within the limit, else the ratios measured.
fn over_limit(work: &mut dyn FnMut(bool)) -> Option<Vec<f64>> {
    let mut ratios = Vec::new();
    for _ in 0..ATTEMPTS {
        let ratio = growth(work);
        ratios.push(ratio);
        if ratio <= LIMIT {
            return None;
        }
        // Far over the limit is no noise.
        if ratio > 2.0 * LIMIT {
            break;
        }
    }
    Some(ratios)
}

#[test]
fn time_grows_linearly_on_every_hostile_input() {
    let sanitizer = one_thread();
    let small = airlock_corpus::hostile(SMALL);
    let large = airlock_corpus::hostile(4 * SMALL);
    assert_eq!(small.len(), large.len());
    let mut failures = Vec::new();

    for ((name, small), (large_name, large)) in small.iter().zip(&large) {
        assert_eq!(name, large_name);
        assert!(large.len() >= 3 * small.len(), "{name}");
        let mut work = |big: bool| {
            let text = if big { large } else { small };
            std::hint::black_box(sanitizer.sanitize(std::hint::black_box(text)));
        };
        if let Some(ratios) = over_limit(&mut work) {
            failures.push(format!("sanitize {name}: {ratios:.1?}"));
        }
    }

    // A directory keyed by email: every key masks to `[EMAIL]`, and each must stay apart.
    let keys = SMALL / 16;
    let objects: Vec<Value> = [keys, 4 * keys]
        .into_iter()
        .map(|n| serde_json::from_str(&airlock_corpus::email_keyed_object(n)).unwrap())
        .collect();
    let mut work = |big: bool| {
        let mut value = objects[usize::from(big)].clone();
        std::hint::black_box(sanitizer.sanitize_json(&mut value));
    };
    if let Some(ratios) = over_limit(&mut work) {
        failures.push(format!("sanitize_json email keys: {ratios:.1?}"));
    }

    assert!(
        failures.is_empty(),
        "time for 4x the input over {LIMIT}x the time for 1x:\n{}",
        failures.join("\n")
    );
}
