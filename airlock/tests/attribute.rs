//! `#[airlock]` on the functions it must guard: sync and async, free and methods, generic,
//! with patterns and `impl Trait` arguments; what a denial, a validation failure and masking
//! do; and the examples of the attribute's documentation.
//!
//! No test here installs a global runtime or makes a scope: calls use the default runtime
//! (permissive, default masking, no budget). Scopes are tested in `tests/scope.rs`: while a
//! scoped runtime is alive, a call outside every scope fails closed.
#![warn(clippy::pedantic)]

use std::sync::atomic::{AtomicUsize, Ordering};

use airlock::policy::{Access, Policy, READ_ONLY};
use airlock::sanitize::Sanitize;
use airlock::{ToolError, airlock};
use serde_json::{Value, json};

const EMAIL: &str = "ann@example.org";

/// The problems' paths of an `invalid_arguments` error.
fn problem_paths(error: &ToolError) -> Vec<&str> {
    error.problems().iter().map(|p| p.path.as_str()).collect()
}

// ---------------------------------------------------------------------------------------
// The documented examples.

mod documented {
    use airlock::policy::READ_ONLY;
    use airlock::{ToolError, airlock};

    #[airlock(policy = READ_ONLY, access = read)]
    fn lookup_customer(id: u32) -> Result<String, ToolError> {
        Ok(format!("customer {id}: ann@example.org"))
    }

    #[airlock(policy = READ_ONLY, access = delete)]
    fn delete_customer(id: u32) -> Result<String, ToolError> {
        Ok(format!("deleted {id}"))
    }

    #[test]
    fn policy_example() {
        assert_eq!(lookup_customer(7).unwrap(), "customer 7: [EMAIL]");
        assert_eq!(delete_customer(7).unwrap_err().kind(), "policy_denied");
    }

    #[derive(Debug, validator::Validate)]
    struct Search {
        #[validate(range(min = 1, max = 100))]
        limit: u32,
    }

    #[derive(Debug)]
    enum MailError {
        Refused(ToolError),
        Offline,
    }

    impl From<ToolError> for MailError {
        fn from(error: ToolError) -> Self {
            MailError::Refused(error)
        }
    }

    #[airlock(name = "search_mail", access = read, mask = [pii, partial])]
    async fn search(query: Search) -> Result<Vec<String>, MailError> {
        let online = true;
        if !online {
            return Err(MailError::Offline);
        }
        Ok(vec![format!(
            "{} results for jane@example.com",
            query.limit
        )])
    }

    #[tokio::test]
    async fn async_example() {
        assert_eq!(
            search(Search { limit: 3 }).await.unwrap(),
            ["3 results for j***@example.com"]
        );
        let Err(MailError::Refused(error)) = search(Search { limit: 0 }).await else {
            panic!("a limit of 0 must be refused")
        };
        assert_eq!(error.kind(), "invalid_arguments");
        assert_eq!(
            error.to_string().lines().nth(1).unwrap().split(':').next(),
            Some("- /limit")
        );
        assert!(matches!(MailError::Offline, MailError::Offline));
    }
}

// ---------------------------------------------------------------------------------------
// Denial: the body does not run.

static DELETES: AtomicUsize = AtomicUsize::new(0);

#[airlock(policy = READ_ONLY, access = delete)]
fn delete_everything() -> Result<String, ToolError> {
    DELETES.fetch_add(1, Ordering::SeqCst);
    Ok("deleted".into())
}

#[test]
fn denied_calls_do_not_run() {
    let error = delete_everything().unwrap_err();
    assert_eq!(error.kind(), "policy_denied");
    assert!(error.to_string().contains("delete_everything"), "{error}");
    assert_eq!(DELETES.load(Ordering::SeqCst), 0);
}

static ASYNC_DELETES: AtomicUsize = AtomicUsize::new(0);

#[airlock(policy = READ_ONLY, access = delete)]
async fn delete_later() -> Result<String, ToolError> {
    ASYNC_DELETES.fetch_add(1, Ordering::SeqCst);
    Ok("deleted".into())
}

#[tokio::test]
async fn denied_async_calls_do_not_run() {
    assert_eq!(delete_later().await.unwrap_err().kind(), "policy_denied");
    assert_eq!(ASYNC_DELETES.load(Ordering::SeqCst), 0);
}

#[airlock(name = "custom", policy = READ_ONLY, access = write)]
fn renamed() -> Result<(), ToolError> {
    Ok(())
}

#[test]
fn the_name_key_names_the_tool() {
    let error = renamed().unwrap_err();
    assert!(error.to_string().contains("`custom`"), "{error}");
    assert!(!error.to_string().contains("renamed"), "{error}");
}

/// A `static` policy works as well as a `const` one.
static WRITERS: Policy = Policy::new("WRITERS").with_max_access(Access::Write);

#[airlock(policy = WRITERS, access = write)]
fn write_note() -> Result<&'static str, ToolError> {
    Ok("written")
}

#[airlock(policy = WRITERS, access = execute)]
fn run_script() -> Result<&'static str, ToolError> {
    Ok("ran")
}

#[test]
fn static_policies_work() {
    assert_eq!(write_note().unwrap(), "written");
    let error = run_script().unwrap_err();
    assert_eq!(error.kind(), "policy_denied");
    assert!(error.to_string().contains("WRITERS"), "{error}");
}

// ---------------------------------------------------------------------------------------
// User error types, `return` and `?` in the body.

#[derive(Debug, PartialEq)]
enum AppError {
    Tool(String),
    BadNumber,
}

impl From<ToolError> for AppError {
    fn from(error: ToolError) -> Self {
        AppError::Tool(error.kind().to_owned())
    }
}

impl From<std::num::ParseIntError> for AppError {
    fn from(_: std::num::ParseIntError) -> Self {
        AppError::BadNumber
    }
}

#[airlock(access = read)]
fn parse_count(text: &str) -> Result<u32, AppError> {
    if text.is_empty() {
        return Ok(0);
    }
    let n: u32 = text.trim().parse()?;
    Ok(n * 2)
}

#[airlock(policy = READ_ONLY, access = execute)]
fn forbidden_parse(text: &str) -> Result<u32, AppError> {
    Ok(text.parse()?)
}

#[airlock(access = read)]
async fn parse_count_later(text: String) -> Result<u32, AppError> {
    if text.is_empty() {
        return Ok(0);
    }
    tokio::task::yield_now().await;
    let n: u32 = text.trim().parse()?;
    Ok(n * 2)
}

#[tokio::test]
async fn return_and_question_mark_work_with_user_errors() {
    assert_eq!(parse_count(""), Ok(0));
    assert_eq!(parse_count(" 21 "), Ok(42));
    assert_eq!(parse_count("x"), Err(AppError::BadNumber));
    assert_eq!(
        forbidden_parse("1"),
        Err(AppError::Tool("policy_denied".into()))
    );
    assert_eq!(parse_count_later(String::new()).await, Ok(0));
    assert_eq!(parse_count_later("21".into()).await, Ok(42));
    assert_eq!(
        parse_count_later("x".into()).await,
        Err(AppError::BadNumber)
    );
}

// ---------------------------------------------------------------------------------------
// Masking.

#[airlock]
fn text() -> Result<String, ToolError> {
    Ok(format!("write to {EMAIL}"))
}

#[airlock]
fn json_value() -> Result<Value, ToolError> {
    Ok(json!({ "customer": { "contact": format!("mail {EMAIL}") }, "count": 2 }))
}

#[airlock]
fn nested_result() -> Result<Result<String, std::io::Error>, ToolError> {
    Ok(Ok(format!("mail {EMAIL}")))
}

#[airlock]
fn maybe_text(found: bool) -> Result<Option<String>, ToolError> {
    Ok(found.then(|| EMAIL.to_owned()))
}

#[derive(Debug, PartialEq)]
struct Customer {
    email: String,
}

#[airlock]
fn customer() -> Result<Customer, ToolError> {
    Ok(Customer {
        email: EMAIL.into(),
    })
}

#[airlock(mask = off)]
fn unmasked() -> Result<String, ToolError> {
    Ok(format!("write to {EMAIL}"))
}

#[airlock(mask = [secret, full])]
fn secrets_only() -> Result<String, ToolError> {
    Ok(format!("{EMAIL} key AKIAIOSFODNN7EXAMPLE"))
}

#[airlock(max_output = 64)]
fn long_text() -> Result<String, ToolError> {
    Ok("word ".repeat(100))
}

#[test]
fn outputs_are_masked() {
    assert_eq!(text().unwrap(), "write to [EMAIL]");
    assert_eq!(
        json_value().unwrap(),
        json!({ "customer": { "contact": "mail [EMAIL]" }, "count": 2 })
    );
    assert_eq!(nested_result().unwrap().unwrap(), "mail [EMAIL]");
    assert_eq!(maybe_text(true).unwrap().as_deref(), Some("[EMAIL]"));
    assert_eq!(maybe_text(false).unwrap(), None);
}

#[test]
fn types_without_sanitize_pass_through() {
    assert_eq!(
        customer().unwrap(),
        Customer {
            email: EMAIL.into()
        }
    );
}

#[test]
fn mask_settings_apply() {
    assert_eq!(unmasked().unwrap(), format!("write to {EMAIL}"));
    assert_eq!(secrets_only().unwrap(), format!("{EMAIL} key [REDACTED]"));
}

#[test]
fn max_output_cuts() {
    let out = long_text().unwrap();
    assert!(out.chars().count() <= 64, "{out}");
    assert!(out.starts_with("word word"), "{out}");
    assert!(out.contains("[truncated "), "{out}");
}

// ---------------------------------------------------------------------------------------
// Argument validation.

#[derive(Debug, validator::Validate)]
struct Query {
    #[validate(length(min = 1))]
    words: String,
    #[validate(range(min = 1, max = 50))]
    limit: u32,
}

/// rmcp's wrapper, as tools receive it.
struct Parameters<T>(T);

static SEARCHES: AtomicUsize = AtomicUsize::new(0);

#[airlock(access = read)]
fn search(query: Query) -> Result<String, ToolError> {
    SEARCHES.fetch_add(1, Ordering::SeqCst);
    Ok(format!("{} x {}", query.limit, query.words))
}

#[airlock(access = read)]
async fn search_wrapped(Parameters(q): Parameters<Query>) -> Result<String, ToolError> {
    Ok(format!("{} x {}", q.limit, q.words))
}

#[airlock(access = read)]
fn search_by_ref(page: u32, query: &Query) -> Result<String, ToolError> {
    Ok(format!("page {page}: {}", query.words))
}

#[tokio::test]
async fn invalid_arguments_are_refused() {
    let good = || Query {
        words: "hello".into(),
        limit: 5,
    };
    assert_eq!(search(good()).unwrap(), "5 x hello");
    let runs = SEARCHES.load(Ordering::SeqCst);
    let error = search(Query {
        words: String::new(),
        limit: 99,
    })
    .unwrap_err();
    assert_eq!(error.kind(), "invalid_arguments");
    // The only parameter is the whole arguments object, as at the JSON boundary: its
    // problems' paths start at the root.
    assert_eq!(problem_paths(&error), ["/limit", "/words"]);
    assert_eq!(
        SEARCHES.load(Ordering::SeqCst),
        runs,
        "the body must not run"
    );

    assert_eq!(
        search_wrapped(Parameters(good())).await.unwrap(),
        "5 x hello"
    );
    let error = search_wrapped(Parameters(Query { limit: 0, ..good() }))
        .await
        .unwrap_err();
    // A `Parameters<T>` argument is the whole arguments object (as rmcp's is): its
    // problems' paths start at the root, where the model put the field.
    assert_eq!(problem_paths(&error), ["/limit"]);

    assert_eq!(search_by_ref(2, &good()).unwrap(), "page 2: hello");
    let bad = Query { limit: 0, ..good() };
    assert_eq!(
        problem_paths(&search_by_ref(2, &bad).unwrap_err()),
        ["/query/limit"]
    );
}

// ---------------------------------------------------------------------------------------
// Every form of function.

#[derive(Debug, Default)]
struct Server {
    notes: Vec<String>,
    calls: AtomicUsize,
}

impl Server {
    #[airlock(access = read)]
    fn read_note(&self, index: usize) -> Result<String, ToolError> {
        self.calls.fetch_add(1, Ordering::SeqCst);
        Ok(self.notes.get(index).cloned().unwrap_or_default())
    }

    #[airlock(access = write)]
    fn add_note(&mut self, note: String) -> Result<usize, ToolError> {
        self.notes.push(note);
        Ok(self.notes.len())
    }

    /// Returns a borrow of `self`: the body may return what it borrowed.
    #[airlock(access = write)]
    fn last_note(&mut self) -> Result<&mut String, ToolError> {
        self.notes.last_mut().ok_or_else(|| ToolError::ToolFailed {
            tool: "last_note".into(),
            message: "no notes".into(),
        })
    }

    #[airlock(access = read)]
    fn first_note(&self) -> Result<&str, ToolError> {
        Ok(self.notes.first().map_or("", String::as_str))
    }

    #[airlock(access = delete)]
    fn into_notes(self) -> Result<Vec<String>, ToolError> {
        Ok(self.notes)
    }

    #[airlock(access = read)]
    async fn read_later(&self, index: usize) -> Result<String, ToolError> {
        tokio::task::yield_now().await;
        Ok(self.notes.get(index).cloned().unwrap_or_default())
    }

    #[airlock(access = write)]
    async fn add_later(&mut self, note: String) -> Result<&mut String, ToolError> {
        tokio::task::yield_now().await;
        self.notes.push(note);
        let last = self.notes.len() - 1;
        Ok(&mut self.notes[last])
    }

    #[airlock(access = read)]
    fn with_self_type() -> Result<Self, ToolError> {
        Ok(Self::default())
    }

    #[airlock(policy = READ_ONLY, access = delete)]
    fn guarded_delete(&mut self) -> Result<(), ToolError> {
        self.notes.clear();
        Ok(())
    }
}

#[tokio::test]
async fn methods_work() {
    let mut server = Server::with_self_type().unwrap();
    assert_eq!(server.add_note(format!("mail {EMAIL}")).unwrap(), 1);
    assert_eq!(server.read_note(0).unwrap(), "mail [EMAIL]");
    assert_eq!(server.read_later(0).await.unwrap(), "mail [EMAIL]");
    assert_eq!(server.first_note().unwrap(), format!("mail {EMAIL}"));
    server.last_note().unwrap().push('!');
    server.add_later("second".into()).await.unwrap().push('?');
    assert_eq!(server.guarded_delete().unwrap_err().kind(), "policy_denied");
    assert_eq!(server.calls.load(Ordering::SeqCst), 1);
    // `Vec<String>` implements `Sanitize`: the output of `self` by value is masked too.
    assert_eq!(server.into_notes().unwrap(), ["mail [EMAIL]!", "second?"]);
}

#[airlock(access = read)]
fn describe<T: std::fmt::Display>(value: T) -> Result<String, ToolError> {
    Ok(format!("value {value}"))
}

#[airlock(access = read)]
fn echo<T>(value: T) -> Result<T, ToolError> {
    Ok(value)
}

#[airlock(access = read)]
fn echo_sanitized<T: Sanitize>(value: T) -> Result<T, ToolError> {
    Ok(value)
}

#[airlock(access = read)]
fn shout(text: impl Into<String>) -> Result<String, ToolError> {
    Ok(text.into().to_uppercase())
}

#[airlock(access = read)]
fn numbers(limit: u8) -> Result<impl Iterator<Item = u8>, ToolError> {
    Ok(0..limit)
}

#[airlock(access = read)]
async fn numbers_later(limit: u8) -> Result<impl Iterator<Item = u8>, ToolError> {
    Ok(0..limit)
}

#[airlock(access = read)]
fn patterns((a, b): (u8, u8), mut x: u32, _unused: u8, r#type: &str) -> Result<String, ToolError> {
    x += u32::from(a) + u32::from(b);
    Ok(format!("{type} {x}"))
}

#[airlock(access = read)]
fn lifetimes<'a>(text: &'a str, _other: &str) -> Result<&'a str, ToolError> {
    Ok(text)
}

#[test]
fn generic_and_pattern_functions_work() {
    assert_eq!(describe(EMAIL).unwrap(), "value [EMAIL]");
    // A generic output is masked only where its bound says it can be.
    assert_eq!(echo(EMAIL.to_owned()).unwrap(), EMAIL);
    assert_eq!(echo_sanitized(EMAIL.to_owned()).unwrap(), "[EMAIL]");
    assert_eq!(shout("hi").unwrap(), "HI");
    assert_eq!(numbers(3).unwrap().collect::<Vec<_>>(), [0, 1, 2]);
    assert_eq!(patterns((1, 2), 3, 0, "sum").unwrap(), "sum 6");
    assert_eq!(lifetimes("kept", "other").unwrap(), "kept");
}

#[tokio::test]
async fn async_impl_trait_outputs_work() {
    assert_eq!(numbers_later(2).await.unwrap().collect::<Vec<_>>(), [0, 1]);
}

/// Other attributes, inner ones included, pass through unchanged.
#[airlock(access = read)]
#[must_use = "the answer"]
#[inline]
#[allow(clippy::needless_pass_by_value, clippy::mixed_attributes_style)]
fn attributed(text: String) -> Result<usize, ToolError> {
    #![allow(clippy::cast_possible_truncation)]
    Ok(text.len() as u8 as usize)
}

#[test]
fn attributes_pass_through() {
    assert_eq!(attributed("abc".into()).unwrap(), 3);
}

fn assert_send<T: Send>(value: T) -> T {
    value
}

#[tokio::test]
async fn async_tools_are_send() {
    let server = Server::default();
    assert!(assert_send(server.read_later(0)).await.unwrap().is_empty());
    assert_eq!(
        assert_send(delete_later()).await.unwrap_err().kind(),
        "policy_denied"
    );
}
