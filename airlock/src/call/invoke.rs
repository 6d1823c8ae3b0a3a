//! How the JSON boundary runs a typed tool: its arguments read from the checked JSON object
//! (one struct that *is* the object, or one field per parameter), `validator` run on them,
//! and its result serialized.

use std::fmt::Display;
use std::future::Future;
use std::marker::PhantomData;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};

use schemars::JsonSchema;
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use super::validate::Checks;
use crate::{Problem, ToolError};

/// A boxed, sendable future.
pub type BoxFuture<T> = Pin<Box<dyn Future<Output = T> + Send>>;

/// How a tool's body ended, seen from the JSON boundary.
#[derive(Debug)]
pub enum Failure {
    /// It returned a [`ToolError`] (its own, or one a guarded call inside it returned): kept
    /// as it is, kind and text.
    Tool(ToolError),
    /// It returned another error; its `Display` text (not yet masked).
    Message(String),
}

/// The body's result as JSON.
pub type Finished = Result<Value, Failure>;

/// A tool's body once started: a synchronous tool has finished (and allocates nothing for
/// it), an `async` one is a future to await.
pub enum Running {
    /// The body has returned.
    Done(Finished),
    /// The body is running.
    Pending(BoxFuture<Finished>),
    /// The result was taken: polled again, it stays pending.
    Taken,
}

impl Running {
    /// The body's future, boxed.
    pub fn pending(future: impl Future<Output = Finished> + Send + 'static) -> Running {
        Running::Pending(Box::pin(future))
    }
}

impl Future for Running {
    type Output = Finished;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Finished> {
        if let Running::Pending(future) = &mut *self {
            return future.as_mut().poll(cx);
        }
        match std::mem::replace(&mut *self, Running::Taken) {
            Running::Done(finished) => Poll::Ready(finished),
            _ => Poll::Pending,
        }
    }
}

/// A call whose arguments are read and valid, ready to run.
pub(crate) type Ready = Box<dyn FnOnce() -> Running + Send>;

/// A typed tool behind the JSON boundary.
pub(crate) trait Invoke: Send + Sync {
    /// Reads the (strictly checked) arguments and validates them, adding every problem to
    /// `checks`; returns the call ready to run if they could be read.
    fn prepare(&self, args: Value, checks: &mut Checks) -> Option<Ready>;
}

/// How the arguments object maps onto a tool's parameters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// One parameter whose type is an object: it *is* the arguments object.
    Whole,
    /// Each parameter is the field of its name.
    Named,
}

/// A tool's parameters, readable from JSON: a tuple of types that implement `Deserialize`
/// and `JsonSchema`, one per parameter (`()` for none).
pub trait Arguments: Sized + Send + 'static {
    /// The arguments object's schema for parameters named `names`, and how it maps onto
    /// them.
    fn schema(names: &[&str]) -> (Value, Shape);

    /// Reads the arguments from the object `args`.
    ///
    /// # Errors
    /// A problem for the first parameter that cannot be read (a custom deserializer's
    /// refusal: the schema check has passed everything else).
    fn read(names: &[&str], shape: Shape, args: Value) -> Result<Self, Problem>;
}

/// A problem for arguments the schema check passed but a custom `Deserialize` refused.
fn unreadable(path: &str, error: &serde_json::Error) -> Problem {
    Problem {
        path: path.to_owned(),
        expected: "a value this tool can read".to_owned(),
        // serde's message, masked by the pipeline and cut: custom deserializers may quote
        // what they were given.
        received: error.to_string().chars().take(200).collect(),
        fix: "Correct the value as the message says.".to_owned(),
    }
}

/// Whether a parameter's schema accepts `null` (an `Option`): such a parameter may be left
/// out.
fn nullable(schema: &Value) -> bool {
    let is_null = |t: &Value| t == "null";
    match schema.get("type") {
        Some(Value::Array(types)) => types.iter().any(is_null),
        Some(t) => is_null(t),
        None => ["anyOf", "oneOf"].iter().any(|key| {
            schema
                .get(key)
                .and_then(Value::as_array)
                .is_some_and(|branches| branches.iter().any(nullable))
        }),
    }
}

/// The JSON Schema of `T`, without the keys the APIs do not want at the root.
pub(crate) fn root_schema<T: JsonSchema>() -> Value {
    let mut schema = schemars::SchemaGenerator::default()
        .into_root_schema_for::<T>()
        .to_value();
    if let Value::Object(map) = &mut schema {
        map.remove("$schema");
        map.remove("title");
    }
    schema
}

macro_rules! arguments {
    ($($t:ident $i:tt),*) => {
        impl<$($t),*> Arguments for ($($t,)*)
        where
            $($t: DeserializeOwned + JsonSchema + Send + 'static),*
        {
            #[allow(unused_mut, unused_variables)]
            fn schema(names: &[&str]) -> (Value, Shape) {
                let count: usize = 0 $(+ { let _ = stringify!($t); 1 })*;
                if count == 1 {
                    $(
                        let whole = root_schema::<$t>();
                        if whole.get("type").and_then(Value::as_str) == Some("object") {
                            return (whole, Shape::Whole);
                        }
                    )*
                }
                let mut generator = schemars::SchemaGenerator::default();
                let mut properties = Map::new();
                let mut required = Vec::new();
                $(
                    let name = names.get($i).copied().unwrap_or("");
                    let schema = generator.subschema_for::<$t>().to_value();
                    if !nullable(&schema) {
                        required.push(Value::from(name));
                    }
                    properties.insert(name.to_owned(), schema);
                )*
                let mut object = Map::new();
                object.insert("type".into(), "object".into());
                object.insert("properties".into(), Value::Object(properties));
                object.insert("required".into(), Value::Array(required));
                object.insert("additionalProperties".into(), false.into());
                let definitions = generator.take_definitions(true);
                if !definitions.is_empty() {
                    object.insert("$defs".into(), Value::Object(definitions));
                }
                (Value::Object(object), Shape::Named)
            }

            #[allow(unused_mut, unused_variables)]
            fn read(names: &[&str], shape: Shape, args: Value) -> Result<Self, Problem> {
                if shape == Shape::Whole {
                    let mut whole = Some(args);
                    return Ok(($(
                        serde_json::from_value::<$t>(whole.take().unwrap_or(Value::Null))
                            .map_err(|e| unreadable("", &e))?,
                    )*));
                }
                let mut map = match args {
                    Value::Object(map) => map,
                    _ => Map::new(),
                };
                Ok(($({
                    let name = names.get($i).copied().unwrap_or("");
                    let value = map.remove(name).unwrap_or(Value::Null);
                    serde_json::from_value::<$t>(value).map_err(|e| {
                        let path = format!("/{}", name.replace('~', "~0").replace('/', "~1"));
                        unreadable(&path, &e)
                    })?
                },)*))
            }
        }
    };
}

arguments!();
arguments!(A 0);
arguments!(A 0, B 1);
arguments!(A 0, B 1, C 2);
arguments!(A 0, B 1, C 2, D 3);
arguments!(A 0, B 1, C 2, D 3, E 4);
arguments!(A 0, B 1, C 2, D 3, E 4, F 5);
arguments!(A 0, B 1, C 2, D 3, E 4, F 5, G 6);
arguments!(A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7);
arguments!(A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7, I 8);
arguments!(A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7, I 8, J 9);
arguments!(A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7, I 8, J 9, K 10);
arguments!(A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7, I 8, J 9, K 10, L 11);

/// A tool's result as JSON: the value serialized, or the error kept as a `Failure`.
pub fn finish<T: Serialize, E: Display + 'static>(result: Result<T, E>) -> Finished {
    match result {
        Ok(value) => serde_json::to_value(value)
            .map_err(|e| Failure::Message(format!("its output could not be serialized: {e}"))),
        Err(error) => {
            let any: &dyn std::any::Any = &error;
            Err(match any.downcast_ref::<ToolError>() {
                Some(tool_error) => Failure::Tool(tool_error.clone()),
                None => Failure::Message(error.to_string()),
            })
        }
    }
}

/// A typed tool: its parameters' names, how to validate them, and its body.
pub(crate) struct Typed<A, V, B> {
    pub(crate) names: &'static [&'static str],
    pub(crate) shape: Shape,
    pub(crate) validate: V,
    pub(crate) body: Arc<B>,
    pub(crate) arguments: PhantomData<fn() -> A>,
}

impl<A, V, B> Invoke for Typed<A, V, B>
where
    A: Arguments,
    V: Fn(&A, &mut Checks) + Send + Sync,
    B: Fn(A) -> Running + Send + Sync + 'static,
{
    fn prepare(&self, args: Value, checks: &mut Checks) -> Option<Ready> {
        match A::read(self.names, self.shape, args) {
            Ok(typed) => {
                (self.validate)(&typed, checks);
                let body = Arc::clone(&self.body);
                Some(Box::new(move || (*body)(typed)))
            }
            Err(problem) => {
                // After the schema check found problems, arguments that cannot be read are
                // expected: those problems say why.
                if checks.is_empty() {
                    checks.extend_raw([problem]);
                }
                None
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn poll(running: &mut Running) -> Poll<Finished> {
        Pin::new(running).poll(&mut Context::from_waker(std::task::Waker::noop()))
    }

    #[test]
    fn a_finished_body_is_ready_once_then_stays_pending() {
        let mut done = Running::Done(Ok(Value::from(7)));
        assert!(matches!(poll(&mut done), Poll::Ready(Ok(v)) if v == 7));
        assert!(poll(&mut done).is_pending());
        assert!(poll(&mut done).is_pending());
    }

    #[test]
    fn a_running_body_is_awaited() {
        let mut running = Running::pending(async { Ok(Value::from("out")) });
        assert!(matches!(poll(&mut running), Poll::Ready(Ok(v)) if v == "out"));
    }
}
