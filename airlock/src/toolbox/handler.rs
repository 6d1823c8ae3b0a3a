//! Closures and functions registered by name ([`Toolbox::tool`](super::Toolbox::tool)): the
//! shapes that work, as one trait.

use std::fmt::Display;
use std::future::Future;
use std::marker::PhantomData;

use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::call::invoke::{Running, finish};

/// A tool handler: `async fn(Args) -> Result<T, E>` or `fn(Args) -> Result<T, E>`, where
/// `Args` is a struct deriving `Deserialize` and `JsonSchema`, `T: Serialize` and
/// `E: Display`.
///
/// Implemented for every such function or closure; the `Marker` parameter only keeps the
/// two blanket implementations apart and is inferred. The trait is sealed: the toolbox
/// alone calls handlers.
///
/// ```
/// use airlock::Toolbox;
/// use airlock::policy::Access;
///
/// #[derive(serde::Deserialize, schemars::JsonSchema)]
/// struct Ping {
///     /// What to echo.
///     text: String,
/// }
///
/// let mut tools = Toolbox::new();
/// tools.tool("ping", "Echoes.", Access::Read, |ping: Ping| -> Result<String, std::fmt::Error> { Ok(ping.text) })?;
/// tools.tool("ping_later", "Echoes later.", Access::Read, |ping: Ping| async move {
///     Ok::<_, std::fmt::Error>(ping.text)
/// })?;
/// assert_eq!(tools.names().collect::<Vec<_>>(), ["ping", "ping_later"]);
/// # Ok::<(), airlock::toolbox::ToolboxError>(())
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a tool handler",
    label = "not `fn(Args) -> Result<T, E>` or `async fn(Args) -> Result<T, E>`",
    note = "a handler takes one `Args: serde::Deserialize + schemars::JsonSchema` (a struct) and returns `Result<T, E>` with `T: serde::Serialize` and `E: std::fmt::Display`, directly or from a `Send` future",
    note = "a function with `#[airlock]` registers with `tools.add(airlock::tool!(its_name))`, which takes any parameters"
)]
pub trait Handler<Marker>: sealed::Call<Marker> + Send + Sync + 'static {}

pub(crate) mod sealed {
    use super::Running;

    /// Runs a handler on its typed arguments.
    pub trait Call<Marker> {
        /// The arguments.
        type Args;
        /// Runs the handler.
        fn call(&self, args: Self::Args) -> Running;
    }
}

#[doc(hidden)]
pub struct Async<Args, Fut>(PhantomData<fn(Args) -> Fut>);
#[doc(hidden)]
pub struct Blocking<Args>(PhantomData<fn(Args)>);

impl<F, Fut, Args, T, E> Handler<Async<Args, Fut>> for F
where
    F: Fn(Args) -> Fut + Send + Sync + 'static,
    Fut: Future<Output = Result<T, E>> + Send + 'static,
    Args: DeserializeOwned + Send + 'static,
    T: Serialize,
    E: Display + 'static,
{
}

impl<F, Fut, Args, T, E> sealed::Call<Async<Args, Fut>> for F
where
    F: Fn(Args) -> Fut + Send + Sync + 'static,
    Fut: Future<Output = Result<T, E>> + Send + 'static,
    Args: DeserializeOwned + Send + 'static,
    T: Serialize,
    E: Display + 'static,
{
    type Args = Args;

    fn call(&self, args: Args) -> Running {
        let running = self(args);
        Running::pending(async move { finish(running.await) })
    }
}

impl<F, Args, T, E> Handler<Blocking<Args>> for F
where
    F: Fn(Args) -> Result<T, E> + Send + Sync + 'static,
    Args: DeserializeOwned + Send + 'static,
    T: Serialize,
    E: Display + 'static,
{
}

impl<F, Args, T, E> sealed::Call<Blocking<Args>> for F
where
    F: Fn(Args) -> Result<T, E> + Send + Sync + 'static,
    Args: DeserializeOwned + Send + 'static,
    T: Serialize,
    E: Display + 'static,
{
    type Args = Args;

    fn call(&self, args: Args) -> Running {
        Running::Done(finish(self(args)))
    }
}
