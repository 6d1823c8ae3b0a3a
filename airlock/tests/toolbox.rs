//! `Toolbox::call` driven with the kind of output models really produce, hostile included.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use airlock::policy::{Access, READ_ONLY};
use airlock::{Airlock, Caller, GhostArguments, ToolError, Toolbox};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

#[derive(Debug, Deserialize, Serialize, schemars::JsonSchema, PartialEq)]
#[serde(rename_all = "lowercase")]
enum Folder {
    Inbox,
    Sent,
    Archive,
}

#[derive(Debug, Deserialize, schemars::JsonSchema)]
struct Search {
    /// Words to look for.
    query: String,
    /// How many messages to return.
    limit: u32,
    folder: Folder,
    #[serde(default)]
    #[allow(dead_code)]
    unread_only: Option<bool>,
}

async fn search(args: Search) -> Result<Value, String> {
    Ok(json!({
        "query": args.query,
        "messages": [{"from": "ann@example.org", "subject": "card 4111 1111 1111 1111"}],
        "limit": args.limit,
        "folder": args.folder,
    }))
}

#[derive(Debug, Deserialize, schemars::JsonSchema, validator::Validate)]
struct Send {
    #[validate(email)]
    to: String,
    #[validate(length(min = 1, max = 200))]
    subject: String,
}

fn send(args: Send) -> Result<String, String> {
    if args.subject == "fail" {
        return Err(format!(
            "SMTP refused {} with key AKIAIOSFODNN7EXAMPLE",
            args.to
        ));
    }
    Ok(format!("sent to {}", args.to))
}

fn toolbox(runtime: Airlock) -> Toolbox {
    let mut tools = Toolbox::with_runtime(runtime);
    tools
        .tool("search_mail", "Searches the mailbox.", Access::Read, search)
        .unwrap()
        .validated_tool("send_mail", "Sends an email.", Access::Execute, send)
        .unwrap();
    tools
}

fn anyone() -> Caller {
    Caller::new("agent-1")
}

async fn call(tools: &Toolbox, name: &str, args: Value) -> airlock::AirlockResponse {
    tools.call(name, args, &anyone()).await
}

fn problems(response: &airlock::AirlockResponse) -> Vec<(String, String)> {
    let error = response.error().expect("an error");
    assert_eq!(error.kind(), "invalid_arguments", "{error}");
    error
        .problems()
        .iter()
        .map(|p| (p.path.clone(), p.received.clone()))
        .collect()
}

#[tokio::test]
async fn a_good_call_runs_masked() {
    let tools = toolbox(Airlock::default());
    let r = call(
        &tools,
        "search_mail",
        json!({"query": "invoice", "limit": 5, "folder": "inbox"}),
    )
    .await;
    let result = r.outcome.clone().unwrap();
    assert_eq!(result["messages"][0]["from"], "[EMAIL]");
    assert_eq!(result["messages"][0]["subject"], "card [CREDIT_CARD]");
    assert_eq!(r.masked.get("email"), Some(&1));
    assert_eq!(r.masked.get("credit_card"), Some(&1));
    assert!(!r.truncated);
    let json = r.to_json();
    assert_eq!(json["ok"], true);
    assert_eq!(json["tool"], "search_mail");
}

#[tokio::test]
async fn wrong_types_everywhere_are_all_reported_with_paths() {
    let tools = toolbox(Airlock::default());
    let r = call(
        &tools,
        "search_mail",
        json!({"query": null, "limit": "12", "folder": "spam", "unread_only": "yes"}),
    )
    .await;
    let found = problems(&r);
    let paths: Vec<&str> = found.iter().map(|(p, _)| p.as_str()).collect();
    for path in ["/query", "/limit", "/folder", "/unread_only"] {
        assert!(paths.contains(&path), "{path} missing from {paths:?}");
    }
    let error = r.error().unwrap();
    let limit = error
        .problems()
        .iter()
        .find(|p| p.path == "/limit")
        .unwrap();
    assert_eq!(limit.fix, "Send 12 as a number, without quotes.");
    assert!(error.retry());
    // The model-facing text lists every problem.
    let text = error.to_string();
    assert_eq!(text.lines().count(), 1 + error.problems().len(), "{text}");
}

#[tokio::test]
async fn no_coercion() {
    let tools = toolbox(Airlock::default());
    for limit in [
        json!(1.5),
        json!(2.0),
        json!(true),
        json!("3"),
        json!(null),
        json!(-1),
        json!(4_294_967_296u64),
    ] {
        let r = call(
            &tools,
            "search_mail",
            json!({"query": "q", "limit": limit, "folder": "sent"}),
        )
        .await;
        let found = problems(&r);
        assert_eq!(found.len(), 1, "{limit}: {found:?}");
        assert_eq!(found[0].0, "/limit");
    }
}

#[tokio::test]
async fn missing_fields_are_reported_at_their_own_path() {
    let tools = toolbox(Airlock::default());
    let r = call(&tools, "search_mail", json!({"folder": "sent"})).await;
    let found = problems(&r);
    assert_eq!(
        found,
        [
            ("/limit".to_owned(), "missing".to_owned()),
            ("/query".to_owned(), "missing".to_owned())
        ]
    );
}

#[tokio::test]
async fn ghost_arguments_are_stripped_and_reported_or_rejected() {
    let tools = toolbox(Airlock::default());
    let r = call(
        &tools,
        "search_mail",
        json!({"query": "q", "limit": 1, "folder": "sent", "verbose": true, "admin": "yes"}),
    )
    .await;
    assert!(r.is_ok(), "{:?}", r.error());
    let mut stripped = r.stripped_arguments.clone();
    stripped.sort();
    assert_eq!(stripped, ["/admin", "/verbose"]);

    let strict = toolbox(
        Airlock::builder()
            .ghost_arguments(GhostArguments::Reject)
            .build(),
    );
    let r = call(
        &strict,
        "search_mail",
        json!({"query": "q", "limit": 1, "folder": "sent", "verbose": true}),
    )
    .await;
    assert_eq!(problems(&r)[0].0, "/verbose");
}

#[tokio::test]
async fn arguments_as_a_json_string_and_malformed_json() {
    let tools = toolbox(Airlock::default());
    let r = call(
        &tools,
        "search_mail",
        json!(r#"{"query": "q", "limit": 2, "folder": "archive"}"#),
    )
    .await;
    assert!(r.is_ok(), "{:?}", r.error());
    let r = call(
        &tools,
        "search_mail",
        json!("{\"query\": \"q\", \"limit\": 2,, }"),
    )
    .await;
    let found = problems(&r);
    assert!(found[0].1.contains("column 27 (byte 26)"), "{found:?}");
    for junk in ["[1,2]", "42", "\"just text\"", "{", "}", "\u{0}"] {
        let r = call(&tools, "search_mail", json!(junk)).await;
        assert_eq!(r.error().unwrap().kind(), "invalid_arguments", "{junk}");
    }
}

#[tokio::test]
async fn deep_nesting_and_huge_strings() {
    let tools = toolbox(Airlock::default());
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let r = call(
        &tools,
        "search_mail",
        json!(format!("{{\"query\": {deep}}}")),
    )
    .await;
    assert_eq!(r.error().unwrap().kind(), "invalid_arguments");

    let huge = "x".repeat(10 << 20);
    let r = call(
        &tools,
        "search_mail",
        json!({"query": huge, "limit": 1, "folder": "inbox"}),
    )
    .await;
    assert!(r.is_ok());
    let r = call(
        &tools,
        "search_mail",
        json!({"query": "q", "limit": huge, "folder": "inbox"}),
    )
    .await;
    let found = problems(&r);
    assert!(found[0].1.len() < 80, "{}", found[0].1.len());
    assert!(r.error().unwrap().to_string().len() < 1000);
}

#[tokio::test]
async fn unknown_tools_get_the_closest_names_and_never_echo_secrets() {
    let tools = toolbox(Airlock::default());
    let r = call(&tools, "serch_mail", json!({})).await;
    match r.error().unwrap() {
        ToolError::UnknownTool { suggestions, .. } => assert_eq!(suggestions[0], "search_mail"),
        other => panic!("{other:?}"),
    }
    let r = call(
        &tools,
        "ghp_0123456789abcdefghijklmnopqrstuvwxyz",
        json!({}),
    )
    .await;
    let text = serde_json::to_string(&r).unwrap();
    assert!(!text.contains("ghp_0123456789"), "{text}");
    let r = call(&tools, &"y".repeat(100_000), json!({})).await;
    assert!(r.tool.len() <= 64 * 4);
}

#[tokio::test]
async fn validator_constraints_report_problems_without_values() {
    let tools = toolbox(Airlock::default());
    let r = call(
        &tools,
        "send_mail",
        json!({"to": "not an address 123-45-6789", "subject": ""}),
    )
    .await;
    let found = problems(&r);
    assert_eq!(
        found.iter().map(|(p, _)| p.as_str()).collect::<Vec<_>>(),
        ["/subject", "/to"]
    );
    assert!(!serde_json::to_string(&r).unwrap().contains("123-45-6789"));
}

#[tokio::test]
async fn policy_denies_by_declared_access_after_the_arguments_are_checked() {
    let tools = toolbox(Airlock::builder().policy(READ_ONLY).build());
    let r = call(
        &tools,
        "send_mail",
        json!({"to": "bob@example.org", "subject": "hi"}),
    )
    .await;
    let error = r.error().unwrap();
    assert_eq!(error.kind(), "policy_denied");
    assert!(!error.retry());
    assert!(error.to_string().contains("declared execute"), "{error}");
    // A malformed call the policy refuses gets the refusal: fixing its arguments would not
    // help, and the tool's `validator` code never runs for a refused caller.
    let r = call(&tools, "send_mail", json!({"to": 5})).await;
    assert_eq!(r.error().unwrap().kind(), "policy_denied");
    // Reads still run.
    let r = call(
        &tools,
        "search_mail",
        json!({"query": "q", "limit": 1, "folder": "inbox"}),
    )
    .await;
    assert!(r.is_ok());
}

#[tokio::test]
async fn tool_failures_are_masked() {
    let tools = toolbox(Airlock::default());
    let r = call(
        &tools,
        "send_mail",
        json!({"to": "bob@example.org", "subject": "fail"}),
    )
    .await;
    let error = r.error().unwrap();
    assert_eq!(error.kind(), "tool_failed");
    let text = error.to_string();
    assert!(
        text.contains("[EMAIL]") && text.contains("[AWS_ACCESS_KEY_ID]"),
        "{text}"
    );
    assert!(!text.contains("bob@"), "{text}");
}

#[tokio::test]
async fn output_is_cut_to_the_budget() {
    async fn long(_: Empty) -> Result<String, String> {
        Ok("word ".repeat(10_000))
    }
    #[derive(Deserialize, schemars::JsonSchema)]
    struct Empty {}
    let mut tools = Toolbox::with_runtime(Airlock::builder().max_output(100).build());
    tools
        .tool("long", "Long output.", Access::Read, long)
        .unwrap();
    let r = call(&tools, "long", json!({})).await;
    assert!(r.truncated);
    assert!(r.outcome.unwrap().as_str().unwrap().chars().count() <= 100);
}

#[tokio::test]
async fn handlers_run_in_a_scope_that_guarded_functions_see() {
    #[derive(Deserialize, schemars::JsonSchema, validator::Validate)]
    struct Id {
        #[validate(range(min = 1))]
        id: u32,
    }
    static RUNS: AtomicUsize = AtomicUsize::new(0);
    #[airlock::airlock(access = read)]
    async fn lookup(args: Id) -> Result<String, ToolError> {
        RUNS.fetch_add(1, Ordering::SeqCst);
        Ok(format!("{}: ann@example.org", args.id))
    }
    #[airlock::airlock(access = delete)]
    async fn purge(args: Id) -> Result<String, ToolError> {
        RUNS.fetch_add(1, Ordering::SeqCst);
        Ok(format!("purged {}", args.id))
    }
    let runtime = Arc::new(Airlock::builder().policy(READ_ONLY).build());
    let mut tools = Toolbox::with_shared_runtime(Arc::clone(&runtime));
    tools.add(airlock::tool!(lookup)).unwrap();
    // Wrapped in a closure registered as `read` by mistake: the guarded function is a call of
    // its own inside it, and its own declaration (`delete`) still refuses it.
    tools.tool("purge", "Purges.", Access::Read, purge).unwrap();

    let r = call(&tools, "lookup", json!({"id": 3})).await;
    assert_eq!(r.outcome, Ok(json!("3: [EMAIL]")));
    assert_eq!(r.masked.get("email"), Some(&1));

    let r = call(&tools, "lookup", json!({"id": 0})).await;
    assert_eq!(problems(&r)[0].0, "/id");

    let before = RUNS.load(Ordering::SeqCst);
    let r = call(&tools, "purge", json!({"id": 3})).await;
    assert_eq!(r.error().unwrap().kind(), "policy_denied");
    assert_eq!(RUNS.load(Ordering::SeqCst), before);
}

#[tokio::test]
async fn definitions_in_each_api_shape() {
    let tools = toolbox(Airlock::default());
    let openai = tools.definitions_openai();
    assert_eq!(openai.len(), 2);
    let f = &openai[0]["function"];
    assert_eq!(f["name"], "search_mail");
    assert_eq!(f["description"], "Searches the mailbox.");
    assert_eq!(f["parameters"]["type"], "object");
    assert_eq!(
        f["parameters"]["properties"]["query"]["description"],
        "Words to look for."
    );
    assert!(f["parameters"].get("$schema").is_none());
    let anthropic = tools.definitions_anthropic();
    assert_eq!(anthropic[1]["name"], "send_mail");
    assert_eq!(anthropic[1]["input_schema"]["type"], "object");
    let mcp = tools.definitions_mcp();
    assert_eq!(mcp[0]["inputSchema"]["type"], "object");
    assert_eq!(mcp[0]["annotations"]["readOnlyHint"], true);
    assert_eq!(mcp[1]["annotations"]["destructiveHint"], true);
}

#[test]
fn registration_errors() {
    fn plain(_: u32) -> Result<String, String> {
        Ok(String::new())
    }
    let mut tools = Toolbox::new();
    let err = tools.tool("n", "d", Access::Read, plain).unwrap_err();
    assert!(err.to_string().contains("must be a struct"), "{err}");
    let err = tools
        .tool("bad name!", "d", Access::Read, search)
        .unwrap_err();
    assert!(err.to_string().contains("not a valid tool name"), "{err}");
    tools.tool("s", "d", Access::Read, search).unwrap();
    let err = tools.tool("s", "d", Access::Read, search).unwrap_err();
    assert_eq!(err.to_string(), "a tool named `s` is already registered");
}

#[tokio::test]
async fn an_f32_out_of_range_is_refused_not_infinite() {
    #[derive(Deserialize, schemars::JsonSchema)]
    struct Scale {
        factor: f32,
        offset: f64,
    }
    async fn scale(args: Scale) -> Result<String, String> {
        Ok(format!("{:e} {:e}", args.factor, args.offset))
    }
    let mut tools = Toolbox::with_runtime(Airlock::default());
    tools.tool("scale", "Scales.", Access::Read, scale).unwrap();

    for factor in [json!(1e39), json!(-1e39), json!(3.5e38)] {
        let r = call(&tools, "scale", json!({"factor": factor, "offset": 1e300})).await;
        let error = r.error().expect("refused");
        assert_eq!(error.kind(), "invalid_arguments", "{factor}: {error}");
        let p = &error.problems()[0];
        assert_eq!(error.problems().len(), 1, "{:?}", error.problems());
        assert_eq!(p.path, "/factor");
        assert_eq!(
            p.expected, "number from -3.4028235e38 to 3.4028235e38",
            "{factor}"
        );
    }
    // The largest f32 and numbers that round to it still fit; an f64 takes any JSON number.
    let r = call(
        &tools,
        "scale",
        json!({"factor": 3.4028235e38, "offset": -1e300}),
    )
    .await;
    assert_eq!(r.outcome, Ok(json!("3.4028235e38 -1e300")));
}

#[tokio::test]
async fn strict_mode_definitions_and_the_nulls_strict_mode_sends() {
    #[derive(Debug, Deserialize, schemars::JsonSchema)]
    struct Page {
        #[serde(default)]
        size: u8,
        cursor: Option<String>,
    }
    #[derive(Debug, Deserialize, schemars::JsonSchema)]
    struct List {
        folder: Folder,
        #[serde(default = "fifty")]
        limit: u32,
        #[serde(default)]
        labels: Vec<String>,
        note: Option<String>,
        page: Page,
    }
    fn fifty() -> u32 {
        50
    }
    async fn list(args: List) -> Result<String, String> {
        Ok(format!(
            "{:?} {} {:?} {:?} {} {:?}",
            args.folder, args.limit, args.labels, args.note, args.page.size, args.page.cursor
        ))
    }
    let mut tools = Toolbox::with_runtime(Airlock::default());
    tools
        .tool("list_mail", "Lists messages.", Access::Read, list)
        .unwrap()
        .tool("search_mail", "Searches the mailbox.", Access::Read, search)
        .unwrap();

    let defs = tools.definitions_openai_strict();
    assert_eq!(defs.len(), 2);
    let f = &defs[0]["function"];
    assert_eq!(f["name"], "list_mail");
    assert_eq!(f["strict"], true);
    assert_eq!(
        f["parameters"]["required"],
        json!(["folder", "labels", "limit", "note", "page"])
    );
    assert_eq!(f["parameters"]["additionalProperties"], false);
    assert_eq!(
        f["parameters"]["properties"]["limit"],
        json!({"type": ["integer", "null"], "minimum": 0})
    );
    assert_eq!(
        f["parameters"]["$defs"]["Page"]["required"],
        json!(["cursor", "size"])
    );
    assert_eq!(defs[1]["function"]["strict"], true);

    // What a strict-mode model sends: every field, null for the ones it leaves out.
    let sent = json!({
        "folder": "sent", "limit": null, "labels": null, "note": null,
        "page": {"size": null, "cursor": null},
    });
    let r = call(&tools, "list_mail", json!(sent.to_string())).await;
    assert_eq!(r.outcome, Ok(json!("Sent 50 [] None 0 None")));
    assert!(r.stripped_arguments.is_empty());

    // Null is still refused where the field is required.
    let r = call(
        &tools,
        "list_mail",
        json!({"folder": null, "limit": 3, "labels": [], "note": "n", "page": null}),
    )
    .await;
    let found = problems(&r);
    let paths: Vec<&str> = found.iter().map(|(p, _)| p.as_str()).collect();
    assert_eq!(paths, ["/folder", "/page"]);
}
