//! The policy engine end to end: rate limits and time windows through `Toolbox::call` and
//! `#[airlock]`, on a manual clock; policy files, and the priority env > code > file.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use airlock::policy::{
    Access, BUSINESS_HOURS, Clock, Engine, LimitRule, ManualClock, PERMISSIVE, Per, Policy,
};
use airlock::{Airlock, Caller, ToolError, Toolbox, airlock};
use serde::Deserialize;
use serde_json::{Value, json};

#[derive(Debug, Deserialize, schemars::JsonSchema, validator::Validate)]
struct Send {
    #[validate(email)]
    to: String,
}

static SENT: AtomicUsize = AtomicUsize::new(0);

fn send(args: Send) -> Result<String, String> {
    SENT.fetch_add(1, Ordering::SeqCst);
    Ok(format!("queued for {}", args.to.len()))
}

#[derive(Debug, Deserialize, schemars::JsonSchema)]
struct NoArgs {}

fn list(_: NoArgs) -> Result<Value, String> {
    Ok(json!([]))
}

fn clock_at(at: &str) -> ManualClock {
    ManualClock::new(at.parse().unwrap())
}

fn toolbox(policy: Policy, clock: &ManualClock) -> Toolbox {
    let runtime = Airlock::builder()
        .policy(policy)
        .clock(Clock::from(clock.clone()))
        .build();
    let mut tools = Toolbox::with_runtime(runtime);
    tools
        .validated_tool("send_mail", "Sends mail.", Access::Write, send)
        .unwrap()
        .tool("list_mail", "Lists mail.", Access::Read, list)
        .unwrap();
    tools
}

fn limited(rate: &str, per: Per) -> Policy {
    PERMISSIVE.clone().limit(
        LimitRule::new("mail", rate.parse().unwrap())
            .per(per)
            .tool("send_*"),
    )
}

#[tokio::test]
async fn a_rate_limited_call_says_when_to_retry_and_bad_arguments_cost_nothing() {
    let clock = clock_at("2026-11-23T10:00:00Z");
    let tools = toolbox(limited("2/min", Per::Caller), &clock);
    let me = Caller::new("agent-1");
    // Malformed calls are refused before the policy: they take no tokens.
    for _ in 0..5 {
        let r = tools
            .call("send_mail", json!({"to": "not-an-address"}), &me)
            .await;
        assert_eq!(r.error().unwrap().kind(), "invalid_arguments");
        let r = tools.call("send_mail", json!({"to": 7}), &me).await;
        assert_eq!(r.error().unwrap().kind(), "invalid_arguments");
    }
    for _ in 0..2 {
        let r = tools
            .call("send_mail", json!({"to": "a@example.org"}), &me)
            .await;
        assert!(r.is_ok(), "{r:?}");
    }
    let r = tools
        .call("send_mail", json!({"to": "a@example.org"}), &me)
        .await;
    let error = r.error().unwrap();
    assert_eq!(error.kind(), "rate_limited");
    assert_eq!(error.retry_after_ms(), Some(30_000));
    assert_eq!(
        error.to_string(),
        "`send_mail` is rate limited; call it again in 30s or later."
    );
    let json = serde_json::to_value(&r).unwrap();
    assert_eq!(json["error"]["retry"], true);
    assert_eq!(json["error"]["retry_after_ms"], 30_000);
    // Other tools are not throttled, and another agent has its own bucket.
    assert!(tools.call("list_mail", json!({}), &me).await.is_ok());
    let other = Caller::new("agent-2");
    assert!(
        tools
            .call("send_mail", json!({"to": "b@example.org"}), &other)
            .await
            .is_ok()
    );
    clock.advance(Duration::from_secs(30));
    assert!(
        tools
            .call("send_mail", json!({"to": "a@example.org"}), &me)
            .await
            .is_ok()
    );
}

#[tokio::test]
async fn a_call_refused_by_the_global_policy_spends_no_token_of_the_tools_own() {
    let clock = clock_at("2026-11-23T10:00:00Z");
    // The runtime's policy: one send a minute per caller.
    let mut tools = toolbox(limited("1/min", Per::Caller), &clock);
    // The tool's own: two sends a minute for everyone together.
    let own = PERMISSIVE
        .clone()
        .named("send_mail's")
        .limit(LimitRule::new("shared", "2/min".parse().unwrap()).per(Per::Global));
    tools.set_policy("send_mail", own).unwrap();
    let send = |who: &'static str| {
        let tools = &tools;
        async move {
            tools
                .call(
                    "send_mail",
                    json!({"to": "a@example.org"}),
                    &Caller::new(who),
                )
                .await
        }
    };
    assert!(send("a").await.is_ok());
    // `a`, over its own limit, retrying cannot drain the shared one.
    for _ in 0..5 {
        let r = send("a").await;
        assert_eq!(r.error().unwrap().kind(), "rate_limited");
        assert_eq!(r.error().unwrap().retry_after_ms(), Some(60_000));
    }
    assert!(send("b").await.is_ok());
    let r = send("c").await;
    assert_eq!(r.error().unwrap().kind(), "rate_limited");
    assert_eq!(r.error().unwrap().retry_after_ms(), Some(30_000));
}

#[tokio::test]
async fn a_closed_window_names_itself_and_when_it_opens_across_a_dst_change() {
    // Saturday evening before the US spring-forward (2026-03-08): Monday 09:00 EDT is 37 h of
    // wall clock away, 36 h of real time.
    let clock = clock_at("2026-03-07T20:00:00-05:00");
    let hours = BUSINESS_HOURS.clone().time_zone("America/New_York");
    let tools = toolbox(hours, &clock);
    let me = Caller::new("agent-1");
    assert!(tools.call("list_mail", json!({}), &me).await.is_ok());
    let r = tools
        .call("send_mail", json!({"to": "a@example.org"}), &me)
        .await;
    let error = r.error().unwrap();
    assert_eq!(error.kind(), "outside_time_window");
    assert_eq!(error.retry_after_ms(), Some(36 * 3_600_000));
    assert_eq!(
        error.to_string(),
        "`send_mail` is allowed only Mon–Fri 09:00–17:00 America/New_York; it opens in 1d 12h."
    );
    clock.set("2026-03-09T09:00:00-04:00".parse().unwrap());
    assert!(
        tools
            .call("send_mail", json!({"to": "a@example.org"}), &me)
            .await
            .is_ok()
    );
    clock.set("2026-03-09T16:59:59-04:00".parse().unwrap());
    assert!(
        tools
            .call("send_mail", json!({"to": "a@example.org"}), &me)
            .await
            .is_ok()
    );
    clock.set("2026-03-09T17:00:00-04:00".parse().unwrap());
    let r = tools
        .call("send_mail", json!({"to": "a@example.org"}), &me)
        .await;
    assert_eq!(r.error().unwrap().retry_after_ms(), Some(16 * 3_600_000));
}

#[airlock(access = write)]
fn guarded_send(to: String) -> Result<String, ToolError> {
    Ok(format!("sent {}", to.len()))
}

#[tokio::test]
async fn an_airlock_tool_in_a_toolbox_is_decided_and_charged_once_per_call() {
    let clock = clock_at("2026-11-23T10:00:00Z");
    let runtime = Airlock::builder()
        .policy(
            PERMISSIVE
                .clone()
                .limit(LimitRule::new("g", "3/hour".parse().unwrap()).per(Per::Global)),
        )
        .clock(Clock::from(clock.clone()))
        .build();
    let mut tools = Toolbox::with_runtime(runtime);
    tools.add(airlock::tool!(guarded_send)).unwrap();
    let me = Caller::new("a");
    for _ in 0..3 {
        let r = tools.call("guarded_send", json!({"to": "x"}), &me).await;
        assert!(r.is_ok(), "{r:?}");
    }
    let r = tools.call("guarded_send", json!({"to": "x"}), &me).await;
    assert_eq!(r.error().unwrap().kind(), "rate_limited");
}

#[tokio::test]
async fn a_guarded_call_inside_a_tool_is_a_call_of_its_own() {
    let clock = clock_at("2026-11-23T10:00:00Z");
    let runtime = Airlock::builder()
        .policy(
            PERMISSIVE
                .clone()
                .limit(LimitRule::new("t", "3/hour".parse().unwrap()).per(Per::Tool)),
        )
        .clock(Clock::from(clock.clone()))
        .build();
    let mut tools = Toolbox::with_runtime(runtime);
    tools
        .tool("send_guarded", "Sends.", Access::Write, |args: SendTo| {
            guarded_send(args.to)
        })
        .unwrap();
    tools.add(airlock::tool!(guarded_send)).unwrap();
    let me = Caller::new("a");
    // Each outer call takes one token of `send_guarded`'s bucket, and its inner call one of
    // `guarded_send`'s: three of each.
    for _ in 0..3 {
        let r = tools.call("send_guarded", json!({"to": "x"}), &me).await;
        assert!(r.is_ok(), "{r:?}");
    }
    let r = tools.call("send_guarded", json!({"to": "x"}), &me).await;
    assert_eq!(r.error().unwrap().kind(), "rate_limited");
    assert!(r.error().unwrap().to_string().contains("`send_guarded`"));
    // The inner calls were charged under the inner tool's own name.
    let r = tools.call("guarded_send", json!({"to": "x"}), &me).await;
    assert_eq!(r.error().unwrap().kind(), "rate_limited");
    assert!(r.error().unwrap().to_string().contains("`guarded_send`"));
}

#[derive(Debug, Deserialize, schemars::JsonSchema)]
struct SendTo {
    to: String,
}

#[airlock(access = write)]
fn send_checked(to: Email) -> Result<&'static str, ToolError> {
    drop(to);
    Ok("sent")
}

#[derive(Debug, validator::Validate)]
struct Email {
    #[validate(email)]
    #[allow(dead_code)]
    address: String,
}

#[test]
fn outside_a_toolbox_the_attribute_charges_after_its_argument_checks() {
    let clock = clock_at("2026-11-23T10:00:00Z");
    let runtime = Arc::new(
        Airlock::builder()
            .policy(
                PERMISSIVE
                    .clone()
                    .limit(LimitRule::new("one", "1/hour".parse().unwrap())),
            )
            .clock(Clock::from(clock))
            .build(),
    );
    let scope = runtime.scope(Caller::new("a"));
    let bad = || Email {
        address: "nope".into(),
    };
    let good = || Email {
        address: "a@example.org".into(),
    };
    for _ in 0..3 {
        let e = scope.run_sync(|| send_checked(bad())).unwrap_err();
        assert_eq!(e.kind(), "invalid_arguments");
    }
    assert!(scope.run_sync(|| send_checked(good())).is_ok());
    let e = scope.run_sync(|| send_checked(good())).unwrap_err();
    assert_eq!(e.kind(), "rate_limited");
    assert_eq!(e.retry_after_ms(), Some(3_600_000));
    // Another caller's bucket is untouched.
    let other = runtime.scope(Caller::new("b"));
    assert!(other.run_sync(|| send_checked(good())).is_ok());
}

#[test]
fn threads_racing_for_a_limit_get_exactly_k() {
    const THREADS: usize = 8;
    const CALLS: usize = 500;
    const K: usize = 37;
    let clock = clock_at("2026-11-23T10:00:00Z");
    for per in [Per::Global, Per::Tool, Per::Caller, Per::CallerTool] {
        let engine = Engine::with_clock(
            limited(&format!("{K}/hour"), per),
            Clock::from(clock.clone()),
        );
        let caller = Caller::new("shared");
        let admitted: usize = std::thread::scope(|s| {
            let handles: Vec<_> = (0..THREADS)
                .map(|_| {
                    s.spawn(|| {
                        (0..CALLS)
                            .filter(|_| {
                                engine
                                    .check("send_mail", Access::Write, &caller)
                                    .is_allowed()
                            })
                            .count()
                    })
                })
                .collect();
            handles.into_iter().map(|h| h.join().unwrap()).sum()
        });
        assert_eq!(admitted, K, "{per:?}");
    }
}

#[test]
fn many_callers_each_get_their_own_budget() {
    let clock = clock_at("2026-11-23T10:00:00Z");
    let engine = Engine::with_clock(limited("2/hour", Per::Caller), Clock::from(clock));
    for id in 0..10_000 {
        let caller = Caller::new(format!("agent-{id}"));
        assert!(
            engine
                .check("send_mail", Access::Write, &caller)
                .is_allowed()
        );
        assert!(
            engine
                .check("send_mail", Access::Write, &caller)
                .is_allowed()
        );
        assert!(
            !engine
                .check("send_mail", Access::Write, &caller)
                .is_allowed()
        );
    }
}

fn write_policy(name: &str, text: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("airlock-tests-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn environment_beats_code_beats_file() {
    let file = write_policy(
        "layers.toml",
        "name = \"from-file\"\nmax_access = \"delete\"\n",
    );
    let env = |v: &str| vec![("AIRLOCK_POLICY_MAX_ACCESS".to_owned(), v.to_owned())];

    let only_file = Airlock::builder().policy_file(&file).unwrap().build();
    assert_eq!(only_file.policy().max_access, Access::Delete);
    assert_eq!(
        only_file.policy().file.as_deref(),
        Some(file.display().to_string().as_str())
    );

    let code = Airlock::builder()
        .policy_file(&file)
        .unwrap()
        .map_policy(|p| p.with_max_access(Access::Write))
        .build();
    assert_eq!(code.policy().max_access, Access::Write);

    // Environment first or last in the chain: it wins either way.
    let env_first = Airlock::builder()
        .env_overrides_from(env("read"))
        .unwrap()
        .policy_file(&file)
        .unwrap()
        .map_policy(|p| p.with_max_access(Access::Write))
        .build();
    assert_eq!(env_first.policy().max_access, Access::Read);
    let env_last = Airlock::builder()
        .policy_file(&file)
        .unwrap()
        .map_policy(|p| p.with_max_access(Access::Write))
        .env_overrides_from(env("read"))
        .unwrap()
        .build();
    assert_eq!(env_last.policy().max_access, Access::Read);
    assert_eq!(env_last.policy().name, "from-file");

    let decision = env_last
        .engine()
        .decide("drop", Access::Write, &Caller::new("a"));
    assert_eq!(decision.file(), Some(file.display().to_string().as_str()));

    let bad = Airlock::builder()
        .env_overrides_from(env("root"))
        .unwrap_err();
    assert!(
        bad.to_string().contains("AIRLOCK_POLICY_MAX_ACCESS"),
        "{bad}"
    );
}

#[test]
fn a_malformed_file_fails_at_load_never_at_the_first_call() {
    let file = write_policy(
        "typo.toml",
        "default = \"deny\"\nallow = [\"list_*\"]\n\n[roles.ops]\nallow = [\"*\"]\ndeny_tools = [\"drop_*\"]\n",
    );
    let err = Airlock::builder()
        .policy_file(&file)
        .unwrap_err()
        .to_string();
    assert!(
        err.starts_with(&format!(
            "{}:6:1: unknown field `deny_tools`, expected one of",
            file.display()
        )),
        "{err}"
    );
    let missing = Airlock::builder()
        .policy_file("/nonexistent/airlock.toml")
        .unwrap_err();
    assert!(
        missing
            .to_string()
            .starts_with("cannot read policy file /nonexistent/airlock.toml")
    );
}

#[test]
fn the_example_policy_loads_and_lints_clean() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../examples/airlock.toml");
    let policy = Policy::from_toml_file(path).unwrap();
    assert!(!policy.roles.is_empty());
    assert!(!policy.windows.is_empty());
    assert!(!policy.limits.is_empty());
    assert_eq!(
        policy.lint(),
        vec![],
        "examples/airlock.toml should lint clean"
    );
}
