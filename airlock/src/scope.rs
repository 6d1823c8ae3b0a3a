//! How the runtime and the caller reach a guarded call: the scope it runs in.
//!
//! Resolution works like `tracing`'s dispatcher. A guarded call uses the innermost scope
//! active on its thread (set by [`Toolbox::call`](crate::Toolbox::call), a framework
//! adapter, or [`Scope::run`] / [`Scope::run_sync`]). Outside every scope it uses the
//! runtime set with [`install`](crate::install), as an anonymous caller.
//!
//! A scope does not follow work onto another task or thread by itself: carry it with
//! [`InCurrentScope::in_current_scope`] (a future) or [`Scope::current`] (a thread or a
//! blocking closure). Work that was not carried must not run under a weaker policy than the
//! one it was started under, so the rule for a call outside every scope **fails closed**:
//! while any runtime that calls have been scoped to is alive and none is installed, such a
//! call is refused (`policy_denied`, saying how to carry the scope). With no scoped runtime
//! alive and none installed, the default runtime applies (permissive global policy; the
//! tool's own policy still does).
//!
//! ```
//! use std::sync::Arc;
//! use airlock::policy::READ_ONLY;
//! use airlock::scope::{InCurrentScope, Scope};
//! use airlock::{Airlock, Caller, ToolError, airlock};
//!
//! #[airlock(access = delete)]
//! async fn purge() -> Result<String, ToolError> {
//!     Ok("purged".into())
//! }
//!
//! # tokio::runtime::Builder::new_current_thread().build()?.block_on(async {
//! let runtime = Arc::new(Airlock::builder().policy(READ_ONLY).build());
//! let scope = runtime.scope(Caller::new("agent"));
//! let outcome = scope
//!     .run(async {
//!         // Carried into the spawned task: READ_ONLY still decides, and refuses.
//!         tokio::spawn(purge().in_current_scope()).await
//!     })
//!     .await?;
//! assert_eq!(outcome.map_err(|e| e.kind()), Err("policy_denied"));
//! // Not carried: refused too, as nothing says which policy it would have had.
//! let lost = scope.run(async { tokio::spawn(purge()).await }).await?;
//! assert_eq!(lost.map_err(|e| e.kind()), Err("policy_denied"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! # })?;
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::cell::RefCell;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};

use crate::runtime::{self, Airlock};
use crate::{Caller, ToolError};

/// A runtime and a caller, under which guarded calls run; made by [`Airlock::scope`].
///
/// Enter it for a closure with [`Scope::run_sync`] or for a future with [`Scope::run`];
/// scopes nest, and the innermost decides. Cloning is cheap (one reference count).
///
/// ```
/// use std::sync::Arc;
/// use airlock::policy::READ_ONLY;
/// use airlock::{Airlock, Caller, ToolError, airlock};
///
/// #[airlock(access = write)]
/// fn rename(to: String) -> Result<String, ToolError> {
///     Ok(format!("renamed to {to}"))
/// }
///
/// let open = Arc::new(Airlock::default());
/// let read_only = Arc::new(Airlock::builder().policy(READ_ONLY).build());
/// let scope = open.scope(Caller::new("agent"));
/// assert_eq!(scope.run_sync(|| rename("b".into())), Ok("renamed to b".to_owned()));
/// let inner = read_only.scope(Caller::new("agent"));
/// let refused = scope.run_sync(|| inner.run_sync(|| rename("b".into())));
/// assert_eq!(refused.map_err(|e| e.kind()), Err("policy_denied"));
/// ```
#[derive(Debug, Clone)]
pub struct Scope {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    runtime: Arc<Airlock>,
    caller: Caller,
}

impl Scope {
    pub(crate) fn new(runtime: Arc<Airlock>, caller: Caller) -> Scope {
        Scope {
            inner: Arc::new(Inner { runtime, caller }),
        }
    }

    /// The innermost scope active on this thread (entered with [`Scope::run_sync`], or
    /// while a [`Scope::run`] future is polled), or `None` outside every scope. Clone it
    /// onto another thread and enter it there, as a scope does not follow a thread by
    /// itself.
    ///
    /// ```
    /// use std::sync::Arc;
    /// use airlock::scope::Scope;
    /// use airlock::{Airlock, Caller};
    ///
    /// let runtime = Arc::new(Airlock::default());
    /// assert!(Scope::current().is_none());
    /// let seen = runtime.scope(Caller::new("agent")).run_sync(|| {
    ///     let scope = Scope::current().ok_or("inside a scope")?;
    ///     let thread = std::thread::spawn(move || {
    ///         scope.run_sync(|| Scope::current().map(|s| s.caller().clone()))
    ///     });
    ///     thread.join().map_err(|_| "the thread panicked")
    /// })?;
    /// assert_eq!(seen, Some(Caller::new("agent")));
    /// # Ok::<(), &str>(())
    /// ```
    pub fn current() -> Option<Scope> {
        CURRENT.with(|stack| stack.borrow().last().cloned())
    }

    /// The runtime guarded calls in this scope consult: the one
    /// [`Airlock::scope`] was called on.
    ///
    /// ```
    /// use std::sync::Arc;
    /// use airlock::{Airlock, Caller};
    ///
    /// let runtime = Arc::new(Airlock::builder().max_output(2_000).build());
    /// let scope = runtime.scope(Caller::new("agent"));
    /// assert!(Arc::ptr_eq(scope.runtime(), &runtime));
    /// assert_eq!(scope.runtime().max_output(), Some(2_000));
    /// ```
    pub fn runtime(&self) -> &Arc<Airlock> {
        &self.inner.runtime
    }

    /// The caller guarded calls in this scope are made as, and policies decide for.
    ///
    /// ```
    /// use std::sync::Arc;
    /// use airlock::{Airlock, Caller};
    ///
    /// let runtime = Arc::new(Airlock::default());
    /// let scope = runtime.scope(Caller::new("agent").with_roles(["reader"]));
    /// assert_eq!(scope.caller().id(), Some("agent"));
    /// assert!(scope.caller().has_role("reader"));
    /// ```
    pub fn caller(&self) -> &Caller {
        &self.inner.caller
    }

    /// Runs `f` in this scope on the current thread and returns what it returns. The scope
    /// is left when `f` returns or panics; a thread or task `f` starts does not inherit it
    /// (carry it with [`Scope::current`] or [`InCurrentScope::in_current_scope`]).
    ///
    /// ```
    /// use std::sync::Arc;
    /// use airlock::scope::Scope;
    /// use airlock::{Airlock, Caller};
    ///
    /// let runtime = Arc::new(Airlock::default());
    /// let scope = runtime.scope(Caller::new("agent"));
    /// let id = scope.run_sync(|| Scope::current().and_then(|s| s.caller().id().map(str::to_owned)));
    /// assert_eq!(id.as_deref(), Some("agent"));
    /// assert!(Scope::current().is_none());
    /// ```
    pub fn run_sync<R>(&self, f: impl FnOnce() -> R) -> R {
        let _entered = Entered::enter(self);
        f()
    }

    /// Wraps `future` so that every poll of it runs in this scope, on whatever thread polls
    /// it; the wrapped future's output is `future`'s. Nothing runs until it is awaited.
    ///
    /// ```
    /// use std::sync::Arc;
    /// use airlock::policy::STRICT;
    /// use airlock::{Airlock, Caller, ToolError, airlock};
    ///
    /// #[airlock(access = read)]
    /// async fn balance() -> Result<u64, ToolError> {
    ///     Ok(120)
    /// }
    ///
    /// # tokio::runtime::Builder::new_current_thread().build()?.block_on(async {
    /// let runtime = Arc::new(Airlock::builder().policy(STRICT.clone().allow("balance")).build());
    /// assert_eq!(runtime.scope(Caller::new("agent")).run(balance()).await, Ok(120));
    /// let anonymous = runtime.scope(Caller::anonymous()).run(balance()).await;
    /// assert_eq!(anonymous.map_err(|e| e.kind()), Err("policy_denied"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// # })?;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn run<F: Future>(&self, future: F) -> Scoped<F> {
        Scoped {
            scope: Some(self.clone()),
            future,
        }
    }
}

impl Airlock {
    /// A scope that runs guarded calls under this runtime as `caller`: what a framework
    /// adapter does around each tool call. See [`Scope`].
    ///
    /// From then on, while this runtime lives, a guarded call made outside every scope is
    /// refused unless a runtime is [installed](crate::install) (see the [module
    /// docs](crate::scope)).
    ///
    /// ```
    /// use std::sync::Arc;
    /// use airlock::policy::STRICT;
    /// use airlock::{Airlock, Caller, ToolError, airlock};
    ///
    /// #[airlock(access = read)]
    /// fn whoami() -> Result<String, ToolError> {
    ///     Ok("ok".into())
    /// }
    ///
    /// let runtime = Arc::new(Airlock::builder().policy(STRICT.clone().allow("whoami")).build());
    /// assert!(runtime.scope(Caller::new("agent-1")).run_sync(whoami).is_ok());
    /// let denied = runtime.scope(Caller::anonymous()).run_sync(whoami);
    /// assert_eq!(denied.map_err(|e| e.kind()), Err("policy_denied"));
    /// ```
    pub fn scope(self: &Arc<Self>, caller: Caller) -> Scope {
        self.mark_scoped();
        Scope::new(Arc::clone(self), caller)
    }
}

thread_local! {
    static CURRENT: RefCell<Vec<Scope>> = const { RefCell::new(Vec::new()) };
}

/// Pops the scope it pushed when dropped, so a panic cannot leave it behind.
struct Entered;

impl Entered {
    fn enter(scope: &Scope) -> Entered {
        CURRENT.with(|stack| stack.borrow_mut().push(scope.clone()));
        Entered
    }
}

impl Drop for Entered {
    fn drop(&mut self) {
        CURRENT.with(|stack| {
            stack.borrow_mut().pop();
        });
    }
}

pin_project_lite::pin_project! {
    /// A future running in a [`Scope`]: each poll enters the scope, polls the wrapped future,
    /// and leaves it. Made by [`Scope::run`] and [`InCurrentScope::in_current_scope`]; its output
    /// is the wrapped future's.
    ///
    /// ```
    /// use std::sync::Arc;
    /// use airlock::scope::{Scope, Scoped};
    /// use airlock::{Airlock, Caller};
    ///
    /// # tokio::runtime::Builder::new_current_thread().build()?.block_on(async {
    /// let runtime = Arc::new(Airlock::default());
    /// let task: Scoped<_> = runtime
    ///     .scope(Caller::new("agent"))
    ///     .run(async { Scope::current().map(|s| s.caller().clone()) });
    /// assert!(Scope::current().is_none());
    /// assert_eq!(task.await, Some(Caller::new("agent")));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// # })?;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[derive(Debug)]
    #[must_use = "futures do nothing unless polled"]
    pub struct Scoped<F> {
        scope: Option<Scope>,
        // (Pinned in place: a scoped call allocates nothing for it.)
        #[pin]
        future: F,
    }
}

impl<F: Future> Future for Scoped<F> {
    type Output = F::Output;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
        let this = self.project();
        let _entered = this.scope.as_ref().map(Entered::enter);
        this.future.poll(cx)
    }
}

/// Carries the current scope into a future that will run elsewhere (`tokio::spawn`, a join
/// set, another executor), like `tracing::Instrument::in_current_span`.
///
/// ```
/// use std::sync::Arc;
/// use airlock::scope::{InCurrentScope, Scope};
/// use airlock::{Airlock, Caller};
///
/// # tokio::runtime::Builder::new_current_thread().build()?.block_on(async {
/// let runtime = Arc::new(Airlock::default());
/// let caller = runtime
///     .scope(Caller::new("agent"))
///     .run(async {
///         let task = async { Scope::current().map(|s| s.caller().clone()) };
///         tokio::spawn(task.in_current_scope()).await
///     })
///     .await?;
/// assert_eq!(caller, Some(Caller::new("agent")));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// # })?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub trait InCurrentScope: Future + Sized {
    /// This future, wrapped to run in the scope current where this is called (see
    /// [`Scope::current`]); outside every scope, the wrapper enters none. The scope is taken
    /// now, not when the future is first polled.
    ///
    /// ```
    /// use std::sync::Arc;
    /// use airlock::scope::{InCurrentScope, Scope};
    /// use airlock::{Airlock, Caller};
    ///
    /// # tokio::runtime::Builder::new_current_thread().build()?.block_on(async {
    /// let runtime = Arc::new(Airlock::default());
    /// let carried = runtime
    ///     .scope(Caller::new("agent"))
    ///     .run_sync(|| async { Scope::current().is_some() }.in_current_scope());
    /// // Awaited outside the scope, it still runs in it.
    /// assert!(carried.await);
    /// assert!(!async { Scope::current().is_some() }.in_current_scope().await);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// # })?;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    fn in_current_scope(self) -> Scoped<Self> {
        Scoped {
            scope: Scope::current(),
            future: self,
        }
    }
}

impl<F: Future> InCurrentScope for F {}

/// The runtime and caller of a guarded call: its scope's, or the installed (or default)
/// runtime's with an anonymous caller.
#[derive(Debug)]
pub(crate) enum Resolved {
    Scoped(Scope),
    Unscoped(&'static Arc<Airlock>),
}

static ANONYMOUS: Caller = Caller::anonymous();

impl Resolved {
    pub(crate) fn runtime(&self) -> &Airlock {
        match self {
            Resolved::Scoped(scope) => scope.runtime(),
            Resolved::Unscoped(runtime) => runtime,
        }
    }

    pub(crate) fn caller(&self) -> &Caller {
        match self {
            Resolved::Scoped(scope) => scope.caller(),
            Resolved::Unscoped(_) => &ANONYMOUS,
        }
    }
}

/// The runtime and caller a guarded call made now runs under; see the module docs.
///
/// # Errors
/// `policy_denied` for `tool` when the call is outside every scope, no runtime is
/// installed, and a scoped runtime is alive: it was most likely spawned from a scoped call
/// without carrying the scope, and nothing says which policy would have applied.
pub(crate) fn resolve(tool: &str) -> Result<Resolved, ToolError> {
    if let Some(scope) = Scope::current() {
        return Ok(Resolved::Scoped(scope));
    }
    if let Some(installed) = runtime::installed() {
        return Ok(Resolved::Unscoped(installed));
    }
    if runtime::scoped_runtime_alive() {
        return Err(ToolError::PolicyDenied {
            tool: tool.to_owned(),
            policy: "scope".to_owned(),
            reason: "it was called outside the scope of the runtime that guards this \
                     agent's tools (a task or thread that did not carry it), so no policy \
                     can be chosen for it; the program must carry the scope with \
                     `.in_current_scope()` or `Scope::current()`"
                .to_owned(),
        });
    }
    Ok(Resolved::Unscoped(runtime::global()))
}
