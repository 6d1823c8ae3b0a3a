//! Throughput and latency of the sanitizer.
//!
//! `cargo bench --bench sanitizer` (a few minutes on two cores). Inputs come from
//! `airlock-corpus`, so every run measures the same bytes.

use std::hint::black_box;
use std::time::Duration;

use airlock::sanitize::Sanitizer;
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};

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
        group.finish();
    }

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

/// 1 MiB inputs that make naive regex engines backtrack or rescan.
fn hostile_inputs() -> Vec<(&'static str, String)> {
    let repeat = |unit: &str| unit.repeat(HOSTILE / unit.len());
    let digits: String = (0..HOSTILE)
        .map(|i| char::from(b'0' + (i * 7 % 10) as u8))
        .collect();
    vec![
        ("a_at", repeat("a@")),
        ("token_eq", repeat("token=")),
        ("one_dash", repeat("1-")),
        ("colons", repeat(":")),
        ("ghp_prefix", repeat("ghp_")),
        ("digits", digits),
        ("pem_begin_no_end", repeat("-----BEGIN PRIVATE KEY-----")),
        // Two more prefixes whose confirmers look far ahead.
        ("xoxb_prefix", repeat("xoxb-")),
        ("jwt_prefix", repeat("eyJ")),
    ]
}

fn hostile(c: &mut Criterion) {
    let sanitizer = Sanitizer::new();
    let mut group = c.benchmark_group("hostile");
    group.sample_size(10);
    group.warm_up_time(Duration::from_secs(1));
    group.measurement_time(Duration::from_secs(3));
    for (name, text) in hostile_inputs() {
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_with_input(
            BenchmarkId::from_parameter(name),
            text.as_str(),
            |b, text| b.iter(|| sanitizer.sanitize(black_box(text))),
        );
    }
    group.finish();
}

criterion_group!(benches, throughput, latency, build, hostile);
criterion_main!(benches);
