//! The cost of the guard: a trivial tool called directly, through `#[airlock]`, and through
//! `Toolbox::call` with JSON arguments.
//!
//! `cargo bench --bench pipeline`. The figures to read are the differences between the
//! direct call and each guarded one: `direct_call` for the attribute, `direct_call_json`
//! (the same call read from and written to JSON by hand) for `Toolbox::call`.
#![allow(clippy::expect_used, missing_docs)]

use std::future::Future;
use std::hint::black_box;
use std::pin::pin;
use std::task::{Context, Poll, Waker};

use airlock::policy::{Access, READ_ONLY};
use airlock::{Airlock, Caller, ToolError, Toolbox, airlock};
use criterion::{Criterion, criterion_group, criterion_main};
use serde::Deserialize;
use serde_json::json;

#[derive(Deserialize, schemars::JsonSchema)]
struct Args {
    /// A number.
    n: u32,
    /// A word.
    word: String,
}

#[inline(never)]
fn direct(args: Args) -> Result<String, ToolError> {
    Ok(format!("{} {}", args.word, args.n))
}

#[airlock(policy = READ_ONLY, access = read)]
#[inline(never)]
fn guarded(args: Args) -> Result<String, ToolError> {
    Ok(format!("{} {}", args.word, args.n))
}

/// Runs a future that never waits (every handler here is synchronous).
fn ready<F: Future>(future: F) -> F::Output {
    let mut future = pin!(future);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(out) = future.as_mut().poll(&mut cx) {
            return out;
        }
    }
}

fn pipeline(c: &mut Criterion) {
    // Direct calls run under the installed runtime: with none, a call outside every scope
    // fails closed once the toolbox below has scoped its runtime.
    airlock::install(Airlock::default()).expect("the first install");
    let mut group = c.benchmark_group("guard_overhead");
    group.bench_function("direct_call", |b| {
        b.iter(|| {
            direct(black_box(Args {
                n: 7,
                word: "blue".into(),
            }))
        })
    });
    group.bench_function("airlock_attribute", |b| {
        b.iter(|| {
            guarded(black_box(Args {
                n: 7,
                word: "blue".into(),
            }))
        })
    });

    // What a hand-written loop does with a model's JSON call and no guard: read the
    // arguments, call, write the result. The baseline of the toolbox's JSON calls below.
    group.bench_function("direct_call_json", |b| {
        b.iter(|| {
            let args = json!({"n": 7, "word": "blue"});
            let args: Args = serde_json::from_value(black_box(args)).expect("readable");
            serde_json::to_value(direct(args).expect("a string")).expect("serializable")
        })
    });

    let mut tools = Toolbox::with_runtime(Airlock::builder().policy(READ_ONLY).build());
    tools
        .tool("direct", "A trivial tool.", Access::Read, direct)
        .expect("registers");
    tools.add(airlock::tool!(guarded)).expect("registers");
    let caller = Caller::new("bench");
    group.bench_function("toolbox_call_json", |b| {
        b.iter(|| {
            let args = json!({"n": 7, "word": "blue"});
            ready(tools.call(black_box("direct"), args, &caller))
        })
    });
    group.bench_function("toolbox_call_json_string", |b| {
        b.iter(|| {
            let args = json!("{\"n\": 7, \"word\": \"blue\", \"verbose\": true}");
            ready(tools.call(black_box("direct"), args, &caller))
        })
    });
    group.bench_function("toolbox_call_declared_tool", |b| {
        b.iter(|| {
            let args = json!({"n": 7, "word": "blue"});
            ready(tools.call(black_box("guarded"), args, &caller))
        })
    });
    group.bench_function("toolbox_call_invalid", |b| {
        b.iter(|| {
            let args = json!({"n": "7", "word": null});
            ready(tools.call(black_box("direct"), args, &caller))
        })
    });
    group.finish();
}

criterion_group!(benches, pipeline);
criterion_main!(benches);
