//! The policy engine's cost per call, over a realistic policy: 20 roles, 100 tool rules,
//! 3 time windows and 5 rate limits.
//!
//! `cargo bench --bench policy`. Targets: a decision ≤ 300 ns, a keyed rate-limit check
//! ≤ 150 ns (medians).
#![allow(clippy::expect_used, missing_docs)]

use std::hint::black_box;
use std::time::Duration;

use airlock::Caller;
use airlock::policy::{
    Access, Clock, Engine, Glob, LimitRule, ManualClock, PERMISSIVE, Per, Policy, Role, ToolRule,
    WindowRule,
};
use criterion::{Criterion, criterion_group, criterion_main};

const AREAS: [&str; 10] = [
    "mail", "calendar", "drive", "crm", "billing", "tickets", "wiki", "chat", "deploy", "db",
];
const VERBS: [&str; 10] = [
    "list", "get", "search", "create", "update", "send", "archive", "delete", "export", "run",
];

/// 20 roles, 100 tool rules, 3 windows, 5 limits, in Europe/Berlin.
fn realistic() -> Policy {
    let mut policy = PERMISSIVE
        .clone()
        .named("bench")
        .deny("*_purge")
        .deny("db_drop*")
        .time_zone("Europe/Berlin");
    for (i, area) in AREAS.iter().enumerate() {
        policy = policy
            .role(
                Role::new(format!("{area}_reader"))
                    .allow(Glob::new(format!("list_{area}*")))
                    .allow(Glob::new(format!("get_{area}*")))
                    .allow(Glob::new(format!("search_{area}*")))
                    .max_access(Access::Read),
            )
            .role(
                Role::new(format!("{area}_editor"))
                    .allow(Glob::new(format!("*_{area}*")))
                    .deny(Glob::new(format!("delete_{area}_all")))
                    .max_access(if i % 2 == 0 {
                        Access::Write
                    } else {
                        Access::Delete
                    }),
            );
        for verb in VERBS {
            let mut rule = ToolRule::new(Glob::new(format!("{verb}_{area}")));
            if verb == "delete" {
                rule = rule.max_access(Access::Delete);
            }
            policy = policy.tool(rule);
        }
    }
    let span = |s: &str| s.parse().expect("a valid span");
    let mut office = WindowRule::new("office", &[]).with_min_access(Access::Write);
    office.open = vec![span("Mon-Fri 08:00-18:00")].into();
    let mut deploys = WindowRule::new("deploys", &[])
        .with_min_access(Access::Execute)
        .tool("run_deploy*");
    deploys.open = vec![span("Tue-Thu 10:00-16:00")].into();
    let mut nightly = WindowRule::new("exports", &[]).tool("export_*");
    nightly.open = vec![span("daily 22:00-06:00"), span("Sat,Sun 00:00-24:00")].into();
    let rate = |r: &str| r.parse().expect("a valid rate");
    policy
        .window(office)
        .window(deploys)
        .window(nightly)
        .limit(LimitRule::new("per_agent_tool", rate("1000000/s")))
        .limit(LimitRule::new("per_agent", rate("1000000/s")).per(Per::Caller))
        .limit(LimitRule::new("mail", rate("1000000/s")).tool("send_mail*"))
        .limit(
            LimitRule::new("deploys", rate("10/hour"))
                .per(Per::Global)
                .tool("run_deploy*"),
        )
        .limit(
            LimitRule::new("exports", rate("1000000/s"))
                .per(Per::Tool)
                .tool("export_*"),
        )
}

fn decide(c: &mut Criterion) {
    let clock = ManualClock::new("2026-11-24T10:30:00+01:00".parse().expect("a timestamp"));
    let policy = realistic();
    assert_eq!((policy.roles.len(), policy.tools.len()), (20, 100));
    let engine = Engine::with_clock(policy.clone(), Clock::from(clock.clone()));
    let caller = Caller::new("agent-7").with_roles(["mail_reader", "crm_editor"]);
    let at = clock.now();
    assert!(
        engine
            .decide("update_crm", Access::Write, &caller)
            .is_allowed()
    );
    assert!(
        !engine
            .decide("send_mail", Access::Write, &caller)
            .is_allowed()
    );

    let mut group = c.benchmark_group("policy");
    group.measurement_time(Duration::from_secs(4));
    group.bench_function("decide allowed (2 roles, 1 window)", |b| {
        b.iter(|| engine.decide_at(black_box("update_crm"), Access::Write, &caller, at));
    });
    group.bench_function("decide denied (no role allows)", |b| {
        b.iter(|| engine.decide_at(black_box("send_mail"), Access::Write, &caller, at));
    });
    group.bench_function("decide reading the clock", |b| {
        b.iter(|| engine.decide(black_box("list_mail"), Access::Read, &caller));
    });
    group.bench_function("admit (2 keyed limits)", |b| {
        b.iter(|| engine.admit(black_box("update_crm"), &caller));
    });
    group.bench_function("check: decide + admit", |b| {
        b.iter(|| engine.check(black_box("update_crm"), Access::Write, &caller));
    });

    let one = Engine::with_clock(
        PERMISSIVE
            .clone()
            .limit(LimitRule::new("one", "1000000/s".parse().expect("a rate"))),
        Clock::from(clock.clone()),
    );
    group.bench_function("keyed rate-limit check (1 limit)", |b| {
        b.iter(|| one.admit(black_box("update_crm"), &caller));
    });
    group.bench_function("Policy::decide_at without an engine", |b| {
        b.iter(|| policy.decide_at(black_box("update_crm"), Access::Write, &caller, at));
    });
    let schedule = airlock::policy::Schedule::new(
        ["Mon-Fri 08:00-18:00".parse().expect("a span")],
        "Europe/Berlin",
    )
    .expect("a zone");
    group.bench_function("one window's is_open", |b| {
        b.iter(|| schedule.is_open(black_box(at)));
    });
    group.finish();
}

criterion_group!(benches, decide);
criterion_main!(benches);
