//! Typed tool handlers, erased to one shape the toolbox can store and call.

use std::any::Any;
use std::fmt::Display;
use std::future::Future;
use std::marker::PhantomData;
use std::pin::Pin;

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::arguments::validation;
use crate::{Problem, ToolError};

/// A boxed, sendable future.
pub(crate) type BoxFuture<T> = Pin<Box<dyn Future<Output = T> + Send>>;

/// What running a handler came to.
#[derive(Debug)]
#[doc(hidden)]
pub enum Ran {
    /// The handler returned `Ok`, serialized.
    Output(Value),
    /// The arguments failed deserialization or `validator` constraints.
    Invalid(Vec<Problem>),
    /// The handler returned `Err`; its `Display` text (not yet masked).
    Failed(String),
    /// The gate refused the call after its arguments passed (a rate limit): it did not run.
    Refused(ToolError),
}

/// What a call must pass once its arguments are known good, just before the handler runs:
/// charging rate limits here means a call refused for its arguments costs no tokens.
pub(crate) type Gate<'a> = &'a dyn Fn() -> Result<(), ToolError>;

/// A tool handler: `async fn(Args) -> Result<T, E>` or `fn(Args) -> Result<T, E>`.
///
/// Implemented for every such function or closure; the `Marker` parameter only keeps the
/// two blanket implementations apart and is inferred.
///
/// The trait is sealed: the toolbox alone calls handlers.
pub trait Handler<Marker>: sealed::Call<Marker> + Send + Sync + 'static {
    /// The arguments the handler takes.
    type Args;
}

pub(crate) mod sealed {
    use super::{BoxFuture, Check, Gate, Ran, Value};

    /// Runs a handler on checked JSON arguments.
    pub trait Call<Marker> {
        /// Deserializes `args`, validates them if `check` says so, passes `gate`, and runs
        /// the handler.
        fn call(&self, args: Value, check: Check, gate: Gate<'_>) -> BoxFuture<Ran>;
    }
}

/// Whether to run `validator` on the arguments, and how.
#[derive(Clone, Copy)]
#[doc(hidden)]
pub struct Check(pub(crate) Option<Validators>);

/// `validator` for one argument type, erased: on the typed arguments the handler receives
/// (so they are deserialized once), and on JSON (for arguments that already failed the
/// schema check, to report every problem at once).
#[derive(Clone, Copy)]
pub(crate) struct Validators {
    typed: fn(&dyn Any) -> Result<(), validator::ValidationErrors>,
    pub(crate) json: fn(&Value) -> Result<(), validator::ValidationErrors>,
}

impl Validators {
    pub(crate) fn of<Args: validator::Validate + DeserializeOwned + 'static>() -> Validators {
        Validators {
            typed: |args| args.downcast_ref::<Args>().map_or(Ok(()), Args::validate),
            json: |args| {
                // Arguments that do not even deserialize have no constraints to check yet.
                serde_json::from_value::<Args>(args.clone())
                    .map_or(Ok(()), |typed| typed.validate())
            },
        }
    }
}

#[doc(hidden)]
pub struct Async<Args, Fut>(PhantomData<fn(Args) -> Fut>);
#[doc(hidden)]
pub struct Blocking<Args>(PhantomData<fn(Args)>);

/// Deserializes the (already strictly checked) arguments.
fn arguments<Args: DeserializeOwned>(args: Value) -> Result<Args, Vec<Problem>> {
    serde_json::from_value(args).map_err(|e| {
        // The strict check passes everything serde's derive accepts; what is left are custom
        // `Deserialize` impls, whose messages name types, not values.
        vec![Problem {
            path: String::new(),
            expected: "arguments this tool can read".to_owned(),
            received: e.to_string().chars().take(200).collect(),
            fix: "Correct the arguments as the message says.".to_owned(),
        }]
    })
}

fn finish<T: Serialize, E: Display>(result: Result<T, E>) -> Ran {
    match result {
        Ok(value) => match serde_json::to_value(value) {
            Ok(value) => Ran::Output(value),
            Err(e) => Ran::Failed(format!("its output could not be serialized: {e}")),
        },
        Err(e) => Ran::Failed(e.to_string()),
    }
}

/// Deserializes the arguments and runs the `validator` check on them, if asked to.
fn typed<Args: DeserializeOwned + 'static>(
    args: Value,
    check: Check,
) -> Result<Args, Vec<Problem>> {
    let typed = arguments::<Args>(args)?;
    match check.0.map_or(Ok(()), |v| (v.typed)(&typed)) {
        Ok(()) => Ok(typed),
        Err(errors) => {
            let mut problems = Vec::new();
            validation::problems(&errors, "", &mut problems);
            Err(problems)
        }
    }
}

impl<F, Fut, Args, T, E> Handler<Async<Args, Fut>> for F
where
    F: Fn(Args) -> Fut + Send + Sync + 'static,
    Fut: Future<Output = Result<T, E>> + Send + 'static,
    Args: DeserializeOwned + Send + 'static,
    T: Serialize,
    E: Display,
{
    type Args = Args;
}

impl<F, Fut, Args, T, E> sealed::Call<Async<Args, Fut>> for F
where
    F: Fn(Args) -> Fut + Send + Sync + 'static,
    Fut: Future<Output = Result<T, E>> + Send + 'static,
    Args: DeserializeOwned + Send + 'static,
    T: Serialize,
    E: Display,
{
    fn call(&self, args: Value, check: Check, gate: Gate<'_>) -> BoxFuture<Ran> {
        match typed::<Args>(args, check).map(|args| gate().map(|()| args)) {
            Ok(Ok(args)) => {
                let running = self(args);
                Box::pin(async move { finish(running.await) })
            }
            Ok(Err(refused)) => Box::pin(std::future::ready(Ran::Refused(refused))),
            Err(problems) => Box::pin(std::future::ready(Ran::Invalid(problems))),
        }
    }
}

impl<F, Args, T, E> Handler<Blocking<Args>> for F
where
    F: Fn(Args) -> Result<T, E> + Send + Sync + 'static,
    Args: DeserializeOwned + Send + 'static,
    T: Serialize,
    E: Display,
{
    type Args = Args;
}

impl<F, Args, T, E> sealed::Call<Blocking<Args>> for F
where
    F: Fn(Args) -> Result<T, E> + Send + Sync + 'static,
    Args: DeserializeOwned + Send + 'static,
    T: Serialize,
    E: Display,
{
    fn call(&self, args: Value, check: Check, gate: Gate<'_>) -> BoxFuture<Ran> {
        let ran = match typed::<Args>(args, check).map(|args| gate().map(|()| args)) {
            Ok(Ok(args)) => finish(self(args)),
            Ok(Err(refused)) => Ran::Refused(refused),
            Err(problems) => Ran::Invalid(problems),
        };
        Box::pin(std::future::ready(ran))
    }
}
