//! Every accepted form of `#[airlock]`, under lints that deny every warning: the expansion
//! must add none.
#![deny(
    warnings,
    unused,
    nonstandard_style,
    rust_2018_idioms,
    future_incompatible
)]
#![deny(unused_qualifications, unused_results, trivial_casts, unused_lifetimes)]
#![deny(clippy::all, clippy::pedantic)]

use std::fmt::Display;

use airlock::policy::{Access, Policy, READ_ONLY};
use airlock::{ToolError, airlock};

static WRITERS: Policy = Policy::new("WRITERS").with_max_access(Access::Write);

#[derive(Debug)]
struct Query {
    words: String,
}

#[derive(Debug, validator::Validate)]
struct Checked {
    #[validate(range(min = 1))]
    limit: u32,
}

struct Parameters<T>(T);

#[derive(Debug)]
enum AppError {
    Tool,
    Parse,
}

impl From<ToolError> for AppError {
    fn from(_: ToolError) -> Self {
        AppError::Tool
    }
}

impl From<std::num::ParseIntError> for AppError {
    fn from(_: std::num::ParseIntError) -> Self {
        AppError::Parse
    }
}

/// Documented.
#[airlock]
fn bare() -> Result<String, ToolError> {
    Ok("bare".to_owned())
}

#[airlock(
    policy = airlock::policy::PERMISSIVE,
    name = "every_key",
    access = read,
    mask = [pii, type],
    max_output = 4096,
    crate = ::airlock
)]
#[must_use]
fn every_key(query: Query, _ignored: u8) -> Result<String, ToolError> {
    Ok(query.words)
}

#[airlock(policy = WRITERS, access = write, mask = off)]
fn unchanged(text: &str) -> Result<&str, ToolError> {
    Ok(text)
}

#[airlock(access = read, mask = secret)]
fn question_mark(text: &str) -> Result<u32, AppError> {
    if text.is_empty() {
        return Ok(0);
    }
    Ok(text.parse::<u32>()? + 1)
}

#[airlock(access = read, mask = hash)]
fn generic<T: Display, U>(value: T, _other: U) -> Result<String, ToolError> {
    Ok(value.to_string())
}

#[airlock(access = read, mask = partial)]
fn impl_arg(text: impl Into<String>) -> Result<String, ToolError> {
    Ok(text.into())
}

#[airlock(access = read, mask = full)]
fn patterns(
    Parameters(q): Parameters<Checked>,
    (a, b): (u8, u8),
    mut total: u32,
    r#type: &str,
) -> Result<String, ToolError> {
    total += q.limit + u32::from(a) + u32::from(b);
    Ok(format!("{type}: {total}"))
}

#[airlock(access = read)]
fn iterator(limit: u8) -> Result<impl Iterator<Item = u8>, ToolError> {
    Ok(0..limit)
}

type Alias<T> = Result<T, ToolError>;

#[airlock(access = read)]
fn aliased() -> Alias<u8> {
    Ok(1)
}

#[airlock(policy = READ_ONLY, access = read)]
async fn asynchronous(query: Query) -> Result<String, AppError> {
    let n: u32 = query.words.len().to_string().parse()?;
    Ok(format!("{n} for {}", query.words))
}

#[airlock(access = read)]
async fn async_iterator(limit: u8) -> Result<impl Iterator<Item = u8>, ToolError> {
    Ok(0..limit)
}

#[derive(Default)]
struct Server {
    notes: Vec<String>,
}

impl Server {
    #[airlock(access = read)]
    fn read(&self, index: usize) -> Result<String, ToolError> {
        Ok(self.notes.get(index).cloned().unwrap_or_default())
    }

    #[airlock(access = write)]
    fn write(&mut self, note: String) -> Result<&mut String, ToolError> {
        self.notes.push(note);
        let last = self.notes.len() - 1;
        Ok(&mut self.notes[last])
    }

    #[airlock(access = delete)]
    fn into_notes(self) -> Result<Vec<String>, ToolError> {
        Ok(self.notes)
    }

    #[airlock(access = read)]
    fn new_one() -> Result<Self, ToolError> {
        Ok(Self::default())
    }

    #[airlock(access = read)]
    async fn read_later(&self, index: usize) -> Result<String, ToolError> {
        Ok(self.notes.get(index).cloned().unwrap_or_default())
    }

    #[airlock(access = write)]
    async fn write_later<'a>(&'a mut self, note: &str) -> Result<&'a str, ToolError> {
        self.notes.push(note.to_owned());
        Ok(note_of(&self.notes))
    }
}

fn note_of(notes: &[String]) -> &str {
    notes.last().map_or("", String::as_str)
}

trait Tool {
    fn call(&self) -> Result<String, ToolError>;
}

impl Tool for Server {
    #[airlock(access = read)]
    fn call(&self) -> Result<String, ToolError> {
        Ok(self.notes.join(","))
    }
}

fn main() {
    let words = "ann@example.org".to_owned();
    assert_eq!(bare().ok().as_deref(), Some("bare"));
    assert_eq!(
        every_key(
            Query {
                words: words.clone()
            },
            0
        )
        .ok()
        .as_deref(),
        Some("[EMAIL]")
    );
    assert_eq!(unchanged("x").ok(), Some("x"));
    assert!(question_mark("1").is_ok());
    assert!(generic(1, ()).is_ok());
    assert!(impl_arg("x").is_ok());
    assert!(patterns(Parameters(Checked { limit: 1 }), (1, 2), 3, "t").is_ok());
    assert!(iterator(2).is_ok());
    assert!(aliased().is_ok());
    let mut server = Server::new_one().unwrap_or_default();
    assert!(server.write("note".to_owned()).is_ok());
    assert!(server.read(0).is_ok());
    assert!(server.call().is_ok());
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .map_err(|_| AppError::Tool);
    if let Ok(runtime) = runtime {
        runtime.block_on(async {
            assert!(asynchronous(Query { words }).await.is_ok());
            assert!(async_iterator(1).await.is_ok());
            assert!(server.read_later(0).await.is_ok());
            assert!(server.write_later("later").await.is_ok());
        });
    }
    assert_eq!(server.into_notes().map(|n| n.len()).ok(), Some(2));
}
