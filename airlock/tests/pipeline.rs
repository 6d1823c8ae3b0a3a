//! The call pipeline's promises, each one a bug this project once had: what a tool declares
//! holds wherever it runs, errors keep their kind and are masked, a refused caller runs none
//! of the tool's code, what the model sees never echoes what it sent unmasked, and a tool
//! that panics fails its call without taking the toolbox down.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::sync::atomic::{AtomicUsize, Ordering};

use airlock::policy::{Access, LimitRule, PERMISSIVE, Per, READ_ONLY};
use airlock::{Airlock, Caller, GhostArguments, Sanitize, ToolError, Toolbox, airlock};
use serde::Deserialize;
use serde_json::{Value, json};

const EMAIL: &str = "ann@example.org";
const KEY: &str = "AKIAIOSFODNN7EXAMPLE";

fn agent() -> Caller {
    Caller::new("agent")
}

/// Direct calls here run under an installed default runtime: while a toolbox of another test
/// in this binary lives, a call outside every scope with none installed would fail closed
/// (`tests/scope.rs` tests that).
fn installed() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let _ = airlock::install(Airlock::default());
    });
}

// ---------------------------------------------------------------------------------------
// A tool's declared `mask` holds in a `Toolbox` (a toolbox used to mask again with the
// defaults).

/// Returns an email and a key, unmasked.
#[airlock(access = read, mask = off)]
fn raw_contact() -> Result<String, ToolError> {
    Ok(format!("{EMAIL} {KEY}"))
}

/// Returns an email and a key, secrets masked only.
#[airlock(access = read, mask = secret)]
fn secret_contact() -> Result<String, ToolError> {
    Ok(format!("{EMAIL} {KEY}"))
}

/// Returns an email, partially masked.
#[airlock(access = read, mask = partial, max_output = 64)]
fn partial_contact() -> Result<Value, ToolError> {
    Ok(json!({"email": EMAIL, "notes": "word ".repeat(50)}))
}

#[tokio::test]
async fn a_declared_mask_holds_in_a_toolbox_as_in_a_direct_call() {
    let mut tools = Toolbox::with_runtime(Airlock::default());
    tools
        .add(airlock::tool!(raw_contact))
        .unwrap()
        .add(airlock::tool!(secret_contact))
        .unwrap()
        .add(airlock::tool!(partial_contact))
        .unwrap();
    let raw = tools.call("raw_contact", json!({}), &agent()).await;
    assert_eq!(raw.outcome, Ok(json!(format!("{EMAIL} {KEY}"))));
    assert!(raw.masked.is_empty());
    let secret = tools.call("secret_contact", json!({}), &agent()).await;
    assert_eq!(
        secret.outcome,
        Ok(json!(format!("{EMAIL} [AWS_ACCESS_KEY_ID]")))
    );
    assert_eq!(secret.masked.get("aws_access_key_id"), Some(&1));
    let partial = tools.call("partial_contact", json!({}), &agent()).await;
    let text = partial.outcome.unwrap().to_string();
    assert!(text.contains("a***@example.org"), "{text}");
    assert!(partial.truncated, "the tool's own budget applies too");

    // The same declarations, called directly.
    installed();
    assert_eq!(raw_contact().unwrap(), format!("{EMAIL} {KEY}"));
    assert_eq!(
        secret_contact().unwrap(),
        format!("{EMAIL} [AWS_ACCESS_KEY_ID]")
    );
}

// ---------------------------------------------------------------------------------------
// Errors keep their kind and text, and are masked.

#[airlock(access = read)]
fn lookup_order(id: u32) -> Result<String, ToolError> {
    Err(ToolError::failed(format!(
        "order {id}: postgres://app:hunter2@db.internal/orders refused {EMAIL}"
    )))
}

#[airlock(access = read)]
fn fetch_page(page: u32) -> Result<String, ToolError> {
    Err(ToolError::RateLimited {
        tool: "upstream_api".into(),
        retry_after_ms: 2_000 + u64::from(page),
    })
}

#[derive(Debug)]
struct DriverError(String);

impl std::fmt::Display for DriverError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<ToolError> for DriverError {
    fn from(error: ToolError) -> Self {
        DriverError(error.to_string())
    }
}

#[airlock(access = read)]
fn query_crm(q: String) -> Result<String, DriverError> {
    Err(DriverError(format!(
        "GET https://crm.example/api?q={q}&api_key=sk_live_51HxQ2eKp9Vb3TzR8wYbLmP4sKd failed"
    )))
}

#[tokio::test]
async fn a_tool_error_keeps_its_kind_and_text_and_is_masked() {
    let mut tools = Toolbox::new();
    tools
        .add(airlock::tool!(lookup_order))
        .unwrap()
        .add(airlock::tool!(fetch_page))
        .unwrap()
        .add(airlock::tool!(query_crm))
        .unwrap();

    let failed = tools.call("lookup_order", json!({"id": 7}), &agent()).await;
    let error = failed.error().unwrap();
    assert_eq!(error.kind(), "tool_failed");
    let text = error.to_string();
    assert!(
        text.starts_with("`lookup_order` failed: order 7: "),
        "{text}"
    );
    assert_eq!(text.matches("failed").count(), 1, "{text}");
    assert!(!text.contains("hunter2") && !text.contains(EMAIL), "{text}");

    let limited = tools.call("fetch_page", json!({"page": 1}), &agent()).await;
    assert_eq!(limited.error().unwrap().kind(), "rate_limited");
    assert_eq!(limited.error().unwrap().retry_after_ms(), Some(2_001));

    let crm = tools.call("query_crm", json!({"q": "x"}), &agent()).await;
    let text = crm.error().unwrap().to_string();
    assert!(!text.contains("sk_live_51HxQ2"), "{text}");

    // Called directly: the `ToolError` is named and masked too.
    installed();
    let direct = lookup_order(7).unwrap_err();
    let text = direct.to_string();
    assert!(text.starts_with("`lookup_order` failed"), "{text}");
    assert!(!text.contains("hunter2") && !text.contains(EMAIL), "{text}");
}

/// An error type that implements `Sanitize` is masked in a direct call as well.
#[derive(Debug)]
struct MaskedError(String);

impl From<ToolError> for MaskedError {
    fn from(error: ToolError) -> Self {
        MaskedError(error.to_string())
    }
}

impl Sanitize for MaskedError {
    fn sanitize(&mut self, sanitizer: &airlock::Sanitizer, report: &mut airlock::sanitize::Report) {
        self.0.sanitize(sanitizer, report);
    }
}

#[airlock(access = read)]
fn connect() -> Result<(), MaskedError> {
    Err(MaskedError(format!("cannot reach {EMAIL} with {KEY}")))
}

#[test]
fn error_values_are_masked_in_a_direct_call() {
    installed();
    let MaskedError(text) = connect().unwrap_err();
    assert_eq!(text, "cannot reach [EMAIL] with [AWS_ACCESS_KEY_ID]");
}

// ---------------------------------------------------------------------------------------
// A refused caller runs none of the tool's code, and spends no token.

static VALIDATIONS: AtomicUsize = AtomicUsize::new(0);

fn counted(_: &str) -> Result<(), validator::ValidationError> {
    VALIDATIONS.fetch_add(1, Ordering::SeqCst);
    Ok(())
}

#[derive(Debug, Deserialize, schemars::JsonSchema, validator::Validate)]
struct Wipe {
    #[validate(custom(function = "counted"))]
    #[allow(dead_code)]
    target: String,
}

#[airlock(access = delete)]
fn wipe(args: Wipe) -> Result<String, ToolError> {
    Ok(format!("wiped {}", args.target))
}

#[tokio::test]
async fn validator_code_does_not_run_for_a_refused_caller() {
    let mut tools = Toolbox::with_runtime(Airlock::builder().policy(READ_ONLY).build());
    tools.add(airlock::tool!(wipe)).unwrap();
    let before = VALIDATIONS.load(Ordering::SeqCst);
    let refused = tools.call("wipe", json!({"target": "all"}), &agent()).await;
    assert_eq!(refused.error().unwrap().kind(), "policy_denied");
    // Malformed as well: still the refusal, not the arguments.
    let refused = tools.call("wipe", json!({"target": 5}), &agent()).await;
    assert_eq!(refused.error().unwrap().kind(), "policy_denied");
    assert_eq!(VALIDATIONS.load(Ordering::SeqCst), before);
    // And in a direct call.
    let runtime = std::sync::Arc::new(Airlock::builder().policy(READ_ONLY).build());
    let direct = runtime.scope(agent()).run_sync(|| {
        wipe(Wipe {
            target: "all".into(),
        })
    });
    assert_eq!(direct.unwrap_err().kind(), "policy_denied");
    assert_eq!(VALIDATIONS.load(Ordering::SeqCst), before);
}

#[tokio::test]
async fn invalid_arguments_spend_no_token() {
    let policy = PERMISSIVE
        .clone()
        .limit(LimitRule::new("one", "1/hour".parse().unwrap()).per(Per::Tool));
    let mut tools = Toolbox::with_runtime(Airlock::builder().policy(policy).build());
    tools.add(airlock::tool!(lookup_order)).unwrap();
    for _ in 0..3 {
        let bad = tools
            .call("lookup_order", json!({"id": "7"}), &agent())
            .await;
        assert_eq!(bad.error().unwrap().kind(), "invalid_arguments");
    }
    let first = tools.call("lookup_order", json!({"id": 7}), &agent()).await;
    assert_eq!(first.error().unwrap().kind(), "tool_failed");
    let second = tools.call("lookup_order", json!({"id": 7}), &agent()).await;
    assert_eq!(second.error().unwrap().kind(), "rate_limited");
}

// ---------------------------------------------------------------------------------------
// What the model sees never echoes what it sent unmasked.

/// Takes a count.
#[airlock(access = read)]
fn count_items(limit: u32) -> Result<u32, ToolError> {
    Ok(limit)
}

#[tokio::test]
async fn received_values_are_masked_before_they_are_cut() {
    let mut tools = Toolbox::new();
    tools.add(airlock::tool!(count_items)).unwrap();
    // 51 characters: cut to 32 first, the key was no longer a key and came back as sent.
    let key = "sk-ant-api03-AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_AbCdEfGh";
    let r = tools
        .call("count_items", json!({"limit": key}), &agent())
        .await;
    let text = serde_json::to_string(&r).unwrap();
    assert_eq!(r.error().unwrap().kind(), "invalid_arguments");
    assert!(!text.contains("AbCdEfGhIjKl"), "{text}");
    // An email cut in half was not an email either.
    let long_email = format!("{}@example.org", "a".repeat(28));
    let r = tools
        .call("count_items", json!({"limit": long_email}), &agent())
        .await;
    let text = serde_json::to_string(&r).unwrap();
    assert!(!text.contains("aaaaaaaaaaaaaaaaaaaa"), "{text}");
}

#[tokio::test]
async fn ghost_argument_names_are_masked() {
    let ghost = "ghp_0123456789abcdefghijklmnopqrstuvwxyz";
    for mode in [GhostArguments::Strip, GhostArguments::Reject] {
        let mut tools = Toolbox::with_runtime(Airlock::builder().ghost_arguments(mode).build());
        tools.add(airlock::tool!(count_items)).unwrap();
        let r = tools
            .call("count_items", json!({"limit": 1, ghost: true}), &agent())
            .await;
        let text = serde_json::to_string(&r).unwrap();
        assert!(!text.contains("0123456789abcdef"), "{mode:?}: {text}");
        match mode {
            GhostArguments::Strip => assert_eq!(r.stripped_arguments.len(), 1),
            GhostArguments::Reject => {
                assert_eq!(r.error().unwrap().kind(), "invalid_arguments");
            }
        }
    }
}

/// A type whose `Deserialize` quotes what it refuses.
#[derive(Debug, schemars::JsonSchema)]
struct Account(#[allow(dead_code)] String);

impl<'de> Deserialize<'de> for Account {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        if text.starts_with("acct_") {
            Ok(Account(text))
        } else {
            Err(serde::de::Error::custom(format!(
                "`{text}` is not an account id"
            )))
        }
    }
}

#[airlock(access = read)]
fn open_account(account: Account) -> Result<String, ToolError> {
    Ok(format!("{account:?}"))
}

fn must_not_be_empty(text: &str) -> Result<(), validator::ValidationError> {
    if text.contains('@') {
        let mut error = validator::ValidationError::new("no_addresses");
        error.message = Some(format!("{text} looks like an address").into());
        return Err(error);
    }
    Ok(())
}

#[derive(Debug, Deserialize, schemars::JsonSchema, validator::Validate)]
struct Note {
    #[validate(custom(function = "must_not_be_empty"))]
    text: String,
}

#[airlock(access = write)]
fn add_note(note: Note) -> Result<String, ToolError> {
    Ok(note.text)
}

#[tokio::test]
async fn custom_deserializer_and_validator_messages_are_masked() {
    let mut tools = Toolbox::new();
    tools
        .add(airlock::tool!(open_account))
        .unwrap()
        .add(airlock::tool!(add_note))
        .unwrap();
    let r = tools
        .call("open_account", json!({"account": EMAIL}), &agent())
        .await;
    let text = serde_json::to_string(&r).unwrap();
    assert_eq!(r.error().unwrap().kind(), "invalid_arguments", "{text}");
    assert!(!text.contains(EMAIL), "{text}");
    let r = tools
        .call(
            "add_note",
            json!({"text": format!("mail {EMAIL}")}),
            &agent(),
        )
        .await;
    let text = serde_json::to_string(&r).unwrap();
    assert_eq!(r.error().unwrap().kind(), "invalid_arguments", "{text}");
    assert!(!text.contains(EMAIL), "{text}");
}

// ---------------------------------------------------------------------------------------
// A tool that panics fails its call; the toolbox keeps serving.

#[airlock(access = read)]
fn divide(a: i64, b: i64) -> Result<i64, ToolError> {
    if b == 0 {
        panic!("division of {a} by zero for {EMAIL}");
    }
    Ok(a / b)
}

#[airlock(access = read)]
async fn divide_later(a: i64, b: i64) -> Result<i64, ToolError> {
    tokio::task::yield_now().await;
    if b == 0 {
        panic!("later: division of {a} by zero for {EMAIL}");
    }
    Ok(a / b)
}

#[tokio::test]
async fn a_panicking_tool_fails_its_call_and_the_toolbox_keeps_serving() {
    let mut tools = Toolbox::new();
    tools
        .add(airlock::tool!(divide))
        .unwrap()
        .add(airlock::tool!(divide_later))
        .unwrap();
    for name in ["divide", "divide_later"] {
        let r = tools.call(name, json!({"a": 1, "b": 0}), &agent()).await;
        let error = r.error().unwrap();
        assert_eq!(error.kind(), "tool_failed");
        let text = error.to_string();
        assert!(
            text.contains("panicked") && text.contains("[EMAIL]"),
            "{text}"
        );
        assert!(!text.contains(EMAIL), "{text}");
        let r = tools.call(name, json!({"a": 6, "b": 3}), &agent()).await;
        assert_eq!(r.outcome, Ok(json!(2)));
    }
}

// ---------------------------------------------------------------------------------------
// Declared once: ordinary parameters, no parameters, the doc comment as the description.

/// Finds orders.
///
/// Searches by customer.
#[airlock(access = read)]
fn find_orders(customer: String, limit: Option<u8>, open_only: bool) -> Result<Value, ToolError> {
    Ok(json!({"customer": customer, "limit": limit, "open_only": open_only}))
}

/// Says what time it is.
#[airlock(name = "what_time", access = read)]
fn now() -> Result<&'static str, ToolError> {
    Ok("noon")
}

#[tokio::test]
async fn ordinary_parameters_form_the_arguments_object() {
    let mut tools = Toolbox::new();
    tools
        .add(airlock::tool!(find_orders))
        .unwrap()
        .add(airlock::tool!(now))
        .unwrap();
    let definitions = tools.definitions_openai();
    let find = &definitions[0]["function"];
    assert_eq!(find["name"], "find_orders");
    assert_eq!(
        find["description"],
        "Finds orders.\n\nSearches by customer."
    );
    assert_eq!(
        find["parameters"]["required"],
        json!(["customer", "open_only"])
    );
    assert_eq!(
        find["parameters"]["properties"]["customer"]["type"],
        "string"
    );
    let r = tools
        .call(
            "find_orders",
            json!({"customer": "c-1", "open_only": true}),
            &agent(),
        )
        .await;
    assert_eq!(
        r.outcome,
        Ok(json!({"customer": "c-1", "limit": null, "open_only": true}))
    );
    let r = tools
        .call(
            "find_orders",
            json!({"customer": 5, "limit": 300}),
            &agent(),
        )
        .await;
    let paths: Vec<&str> = r
        .error()
        .unwrap()
        .problems()
        .iter()
        .map(|p| p.path.as_str())
        .collect();
    assert_eq!(paths, ["/customer", "/limit", "/open_only"]);

    // The declared name is the only name.
    assert_eq!(
        tools.names().collect::<Vec<_>>(),
        ["find_orders", "what_time"]
    );
    let r = tools.call("what_time", json!({}), &agent()).await;
    assert_eq!(r.outcome, Ok(json!("noon")));
    assert_eq!(r.tool, "what_time");
}

#[tokio::test]
async fn a_tool_without_parameters_takes_an_empty_object() {
    let mut strip = Toolbox::new();
    strip.add(airlock::tool!(now)).unwrap();
    for empty in [json!({}), json!(""), json!(null), json!("{}")] {
        let r = strip.call("what_time", empty, &agent()).await;
        assert_eq!(r.outcome, Ok(json!("noon")));
    }
    let r = strip
        .call("what_time", json!({"tz": "UTC"}), &agent())
        .await;
    assert_eq!(r.outcome, Ok(json!("noon")));
    assert_eq!(r.stripped_arguments, ["/tz"]);

    let mut reject = Toolbox::with_runtime(
        Airlock::builder()
            .ghost_arguments(GhostArguments::Reject)
            .build(),
    );
    reject.add(airlock::tool!(now)).unwrap();
    let r = reject
        .call("what_time", json!({"tz": "UTC"}), &agent())
        .await;
    assert_eq!(r.error().unwrap().kind(), "invalid_arguments");
    assert_eq!(r.error().unwrap().problems()[0].path, "/tz");
}

#[test]
fn an_empty_caller_id_is_anonymous() {
    assert_eq!(Caller::new(""), Caller::anonymous());
    assert!(!Caller::new(String::new()).is_identified());
}

#[test]
fn registration_names_the_access_once() {
    let def = airlock::tool!(find_orders);
    assert_eq!(def.tool().access(), Access::Read);
    assert_eq!(def.tool().name(), "find_orders");
}
