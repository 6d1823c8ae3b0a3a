//! Throughput and latency of the sanitizer.
#![allow(clippy::expect_used)]
//!
//! `cargo bench --bench sanitizer` (a few minutes on two cores). Inputs come from
//! `airlock-corpus`, so every run measures the same bytes.

use std::hint::black_box;
use std::num::NonZeroUsize;
use std::time::Duration;

use airlock::sanitize::Sanitizer;
use criterion::{BatchSize, BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};

const BIG: usize = 16 << 20;
const KIB: usize = 1024;
const HOSTILE: usize = 1 << 20;

/// A slice of `text` of about `len` bytes starting at the first line break at or after
/// `from`, cut on a char boundary.
fn slice_at(text: &str, from: usize, len: usize) -> &str {
    let start = text[from..].find('\n').map_or(from, |i| from + i + 1);
    let mut end = (start + len).min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[start..end]
}

fn big_inputs() -> [(&'static str, String); 2] {
    [
        ("clean_prose", airlock_corpus::clean_prose(BIG, 1)),
        ("tool_output", airlock_corpus::tool_output(BIG, 1).text),
    ]
}

fn throughput(c: &mut Criterion) {
    let sanitizer = Sanitizer::new();
    // The same work on the caller's thread alone: what one core does.
    let one_thread = Sanitizer::builder()
        .max_threads(NonZeroUsize::MIN)
        .build()
        .expect("a default configuration builds");
    let inputs = big_inputs();
    for (name, text) in &inputs {
        let mut group = c.benchmark_group(format!("{name}_16MiB"));
        group.sample_size(10);
        group.warm_up_time(Duration::from_secs(1));
        group.measurement_time(Duration::from_secs(8));
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_function("sanitize", |b| {
            b.iter(|| sanitizer.sanitize(black_box(text)))
        });
        group.bench_function("sanitize_one_thread", |b| {
            b.iter(|| one_thread.sanitize(black_box(text)))
        });
        group.finish();
    }

    // The floor: one `regex` alternation of the usual patterns (ASCII mode, no look-around),
    // the approach this sanitizer replaces, over the same bytes.
    let baseline = regex_alternation();
    let mut group = c.benchmark_group("regex_alternation_baseline");
    group.sample_size(10);
    group.warm_up_time(Duration::from_secs(1));
    group.measurement_time(Duration::from_secs(8));
    for (name, text) in &inputs {
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_with_input(
            BenchmarkId::from_parameter(name),
            text.as_bytes(),
            |b, bytes| b.iter(|| baseline.find_iter(black_box(bytes)).count()),
        );
    }
    group.finish();

    let mut group = c.benchmark_group("memchr_ceiling");
    group.sample_size(10);
    group.warm_up_time(Duration::from_secs(1));
    group.measurement_time(Duration::from_secs(3));
    for (name, text) in &inputs {
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_with_input(
            BenchmarkId::from_parameter(name),
            text.as_bytes(),
            |b, bytes| b.iter(|| memchr::memchr(0xFF, black_box(bytes))),
        );
    }
    group.finish();
}

/// 27 patterns of the kind single-regex maskers use, joined in one alternation.
fn regex_alternation() -> regex::bytes::Regex {
    const PATTERNS: &[&str] = &[
        r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}",
        r"\(?\d{3}\)?[-.\s]?\d{3}[-.\s]?\d{4}",
        r"\+\d{1,3}[\s-]?\d{1,4}[\s-]?\d{3,4}[\s-]?\d{3,4}",
        r"\d{3}-\d{2}-\d{4}",
        r"\b\d{4}[ -]?\d{4}[ -]?\d{4}[ -]?\d{4}\b",
        r"\b(?:\d{1,3}\.){3}\d{1,3}\b",
        r"[A-Z]{2}\d{2}[A-Z0-9]{11,30}",
        r"(?:AKIA|ASIA)[A-Z0-9]{16}",
        r"gh[pousr]_[A-Za-z0-9]{36,}",
        r"github_pat_[A-Za-z0-9_]{50,}",
        r"glpat-[A-Za-z0-9_-]{20,}",
        r"xox[baprs]-[A-Za-z0-9-]{10,}",
        r"https://hooks\.slack\.com/services/[A-Za-z0-9/]+",
        r"[sr]k_(?:live|test)_[A-Za-z0-9]{10,}",
        r"sk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,}",
        r"sk-ant-[a-z0-9]+-[A-Za-z0-9_-]{20,}",
        r"AIza[A-Za-z0-9_-]{35}",
        r"npm_[A-Za-z0-9]{36}",
        r"pypi-AgE[A-Za-z0-9_-]{50,}",
        r"SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}",
        r"SK[0-9a-f]{32}",
        r"eyJ[A-Za-z0-9_-]+\.eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*",
        r"-----BEGIN [A-Z ]*PRIVATE KEY-----",
        r"[a-z][a-z0-9+.-]*://[^:\s/]+:[^@\s/]+@",
        r"(?:password|passwd|secret|token|api_?key|PASSWORD|SECRET|TOKEN|API_?KEY)\s*[:=]\s*\S+",
        r"[Bb]earer\s+[A-Za-z0-9._~+/=-]+",
        r"\b[0-9a-fA-F:]*::[0-9a-fA-F:]+\b",
    ];
    let alternation: Vec<String> = PATTERNS.iter().map(|p| format!("(?:{p})")).collect();
    regex::bytes::Regex::new(&format!("(?-u){}", alternation.join("|")))
        .expect("the baseline patterns compile")
}

fn latency(c: &mut Criterion) {
    let sanitizer = Sanitizer::new();
    let corpus = airlock_corpus::tool_output(256 * KIB, 3);
    // The 1 KiB window with the most labels in it, so the slice has a few findings.
    let mut best = 0;
    let mut best_count = 0;
    for from in (0..corpus.text.len() - 2 * KIB).step_by(512) {
        let count = corpus
            .labels
            .iter()
            .filter(|l| l.start >= from && l.end <= from + KIB)
            .count();
        if count > best_count {
            best = from;
            best_count = count;
        }
    }
    let with_findings = slice_at(&corpus.text, best.saturating_sub(1), KIB);
    let prose = airlock_corpus::clean_prose(4 * KIB, 3);
    let clean = slice_at(&prose, 0, KIB);

    let mut group = c.benchmark_group("latency_1KiB");
    group.measurement_time(Duration::from_secs(3));
    for (name, text) in [("tool_output", with_findings), ("clean", clean)] {
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_with_input(BenchmarkId::from_parameter(name), text, |b, text| {
            b.iter(|| sanitizer.sanitize(black_box(text)))
        });
    }
    group.finish();
}

fn build(c: &mut Criterion) {
    let mut group = c.benchmark_group("build_default");
    group.measurement_time(Duration::from_secs(3));
    group.bench_function("Sanitizer::new", |b| b.iter(|| black_box(Sanitizer::new())));
    group.finish();
}

/// 1 MiB inputs that make naive scanners backtrack or rescan (`airlock_corpus::hostile`:
/// every token prefix, assignment, IPv6 run, digit and escape flood), each on one thread, and
/// an object keyed by 40,000 email addresses through `sanitize_json`.
fn hostile(c: &mut Criterion) {
    let one_thread = Sanitizer::builder()
        .max_threads(NonZeroUsize::MIN)
        .build()
        .expect("a default configuration builds");
    let mut group = c.benchmark_group("hostile");
    group.sample_size(10);
    group.warm_up_time(Duration::from_millis(500));
    group.measurement_time(Duration::from_secs(2));
    for (name, text) in airlock_corpus::hostile(HOSTILE) {
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_with_input(
            BenchmarkId::from_parameter(name),
            text.as_str(),
            |b, text| b.iter(|| one_thread.sanitize(black_box(text))),
        );
    }
    let object = airlock_corpus::email_keyed_object(40_000);
    let value: serde_json::Value = serde_json::from_str(&object).expect("the object is JSON");
    group.throughput(Throughput::Bytes(object.len() as u64));
    group.bench_function("sanitize_json/email_keys", |b| {
        b.iter_batched(
            || value.clone(),
            |mut value| one_thread.sanitize_json(black_box(&mut value)),
            BatchSize::LargeInput,
        )
    });
    group.finish();
}

criterion_group!(benches, throughput, latency, build, hostile);
criterion_main!(benches);
