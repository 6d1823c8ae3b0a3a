//! Typed tool handlers, erased to one shape the toolbox can store and call.

use std::fmt::Display;
use std::future::Future;
use std::marker::PhantomData;
use std::pin::Pin;

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::Problem;
use crate::arguments::validation;

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
}

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
    use super::{BoxFuture, Check, Ran, Value};

    /// Runs a handler on checked JSON arguments.
    pub trait Call<Marker> {
        /// Deserializes `args`, validates them if `check` says so, and runs the handler.
        fn call(&self, args: Value, check: Check) -> BoxFuture<Ran>;
    }
}

/// Whether to run `validator` on the arguments, and how.
#[derive(Clone, Copy)]
#[doc(hidden)]
pub struct Check(pub(crate) Option<Validator>);

/// Runs `validator` on arguments given as JSON.
pub(crate) type Validator = fn(&Value) -> Result<(), validator::ValidationErrors>;

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

/// Runs the typed `validator` check, if asked to.
pub(crate) fn validate<Args: validator::Validate + DeserializeOwned>(
    args: &Value,
) -> Result<(), validator::ValidationErrors> {
    // The arguments deserialized once already; a second failure cannot happen, and if it
    // did the handler's own deserialization reports it.
    match serde_json::from_value::<Args>(args.clone()) {
        Ok(typed) => typed.validate(),
        Err(_) => Ok(()),
    }
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

fn checked(args: &Value, check: Check) -> Result<(), Vec<Problem>> {
    let Some(check) = check.0 else {
        return Ok(());
    };
    check(args).map_err(|errors| {
        let mut problems = Vec::new();
        validation::problems(&errors, "", &mut problems);
        problems
    })
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
    fn call(&self, args: Value, check: Check) -> BoxFuture<Ran> {
        if let Err(problems) = checked(&args, check) {
            return Box::pin(std::future::ready(Ran::Invalid(problems)));
        }
        match arguments::<Args>(args) {
            Ok(args) => {
                let running = self(args);
                Box::pin(async move { finish(running.await) })
            }
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
    fn call(&self, args: Value, check: Check) -> BoxFuture<Ran> {
        let ran = match checked(&args, check).and_then(|()| arguments::<Args>(args)) {
            Ok(args) => finish(self(args)),
            Err(problems) => Ran::Invalid(problems),
        };
        Box::pin(std::future::ready(ran))
    }
}
