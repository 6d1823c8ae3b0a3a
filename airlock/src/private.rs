//! What `#[airlock]` expands to. Not public API: no stability promise, hidden from docs.
//!
//! The attribute emits only a `static` description of the tool and calls into this module
//! (the way `tracing`'s `#[instrument]` and rmcp's `#[tool]` work): every decision happens
//! here, where it is unit-tested, not in generated code.

use std::marker::PhantomData;
use std::sync::{Arc, OnceLock};

pub use crate::policy::Access;
use crate::policy::{Decision, Engine, Policy, admit_all_engines, decide_all_engines};
use crate::runtime::{self, Airlock, CallContext};
use crate::sanitize::{Category, Sanitize, Strategy};
use crate::{Caller, ToolError};

/// A guarded tool, as the attribute describes it.
#[derive(Debug)]
pub struct Tool {
    /// The tool's name (the function's, unless `name = "..."`).
    pub name: &'static str,
    /// The tool's own policy (`policy = PATH`).
    pub policy: Option<&'static Policy>,
    /// The declared access (`access = ...`); undeclared counts as `execute`.
    pub access: Option<Access>,
    /// The output masking (`mask = ...`).
    pub mask: Mask,
    /// The output budget (`max_output = N`), which can only lower the runtime's.
    pub max_output: Option<usize>,
    /// The tool's own policy, compiled on its first call.
    pub engine: ToolEngine,
}

/// A tool's own policy compiled once (time zones resolved, rules matched to the name), kept
/// in the tool's `static` for every later call.
#[derive(Debug)]
pub struct ToolEngine(OnceLock<Engine>);

impl ToolEngine {
    /// Not compiled yet.
    #[allow(clippy::new_without_default)]
    pub const fn new() -> ToolEngine {
        ToolEngine(OnceLock::new())
    }
}

impl Tool {
    fn engine(&self) -> Option<&Engine> {
        let policy = self.policy?;
        Some(self.engine.0.get_or_init(|| Engine::new(policy.clone())))
    }
}

/// A tool's own masking setting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mask {
    /// The runtime's sanitizer as it is.
    Default,
    /// No masking for this tool.
    Off,
    /// The runtime's sanitizer narrowed to a category and/or one strategy.
    Restricted(Option<Category>, Option<Strategy>),
}

/// An entered guarded call: the runtime and the call's record.
#[derive(Debug)]
pub struct Guard {
    tool: &'static Tool,
    runtime: Arc<Airlock>,
    call: Option<Arc<CallContext>>,
}

static ANONYMOUS: Caller = Caller::anonymous();

/// Decides whether the call may run under the tool's own policy and the runtime's global
/// policy, for the scoped caller, at the runtime's clock's time. Nothing is charged yet:
/// rate limits are taken by [`Guard::admit`], once the arguments passed.
///
/// # Errors
/// [`ToolError::PolicyDenied`] (or `outside_time_window`) when a policy refuses; it is also
/// recorded for the scope.
pub fn enter(tool: &'static Tool) -> Result<Guard, ToolError> {
    let call = runtime::current();
    let runtime = match &call {
        Some(call) => Arc::clone(&call.runtime),
        None => Arc::clone(runtime::global()),
    };
    let caller = call.as_ref().map_or(&ANONYMOUS, |c| &c.caller);
    // The global policy is decided again even inside a `Toolbox` that checked it: the
    // attribute's declared access is the one that counts, whatever the registration said.
    let access = tool.access.unwrap_or(Access::Execute);
    let global = runtime.engine();
    let at = global.clock().now();
    let engines = tool.engine().into_iter().chain([global]);
    let decision = decide_all_engines(engines, tool.name, access, caller, at);
    let guard = Guard {
        tool,
        runtime,
        call,
    };
    guard.refuse_if_denied(decision)?;
    Ok(guard)
}

impl Guard {
    /// Takes the call's rate-limit tokens: the tool's own policy's, and the global policy's
    /// unless the `Toolbox` running this call already took them.
    ///
    /// # Errors
    /// [`ToolError::RateLimited`] when a limit is exhausted; it is also recorded.
    pub fn admit(&self) -> Result<(), ToolError> {
        let caller = self.call.as_ref().map_or(&ANONYMOUS, |c| &c.caller);
        let charged = self
            .call
            .as_ref()
            .is_some_and(|c| c.record(|r| r.global_limits_charged));
        // All or none: a limit refusing gives back the tokens the others took.
        let global = (!charged).then(|| self.runtime.engine());
        let engines = self.tool.engine().into_iter().chain(global);
        self.refuse_if_denied(admit_all_engines(engines, self.tool.name, caller))?;
        if let Some(call) = self.call.as_ref().filter(|_| charged) {
            call.record(|r| r.global_limits_charged = false);
        }
        Ok(())
    }

    fn refuse_if_denied(&self, decision: Decision) -> Result<(), ToolError> {
        let refused = ToolError::refusal(self.tool.name, decision);
        if let (Err(error), Some(call)) = (&refused, &self.call) {
            call.record(|r| r.denial = Some(error.clone()));
        }
        refused
    }

    /// Turns `validator` errors on the argument `name` into an `invalid_arguments` error.
    /// An empty `name` is an argument holding the whole arguments object (rmcp's
    /// `Parameters<T>`): its problems' paths start at the root.
    ///
    /// # Errors
    /// [`ToolError::InvalidArguments`] when `result` is an error; it is also recorded.
    pub fn check_argument(
        &self,
        name: &str,
        result: Result<(), validator::ValidationErrors>,
    ) -> Result<(), ToolError> {
        let Err(errors) = result else {
            return Ok(());
        };
        let at_root = self
            .call
            .as_ref()
            .is_some_and(|c| c.record(|r| r.arguments_at_root));
        let base = if at_root || name.is_empty() {
            String::new()
        } else {
            pointer_token(name)
        };
        let mut problems = Vec::new();
        crate::arguments::validation::problems(&errors, &base, &mut problems);
        let error = ToolError::InvalidArguments {
            tool: self.tool.name.to_owned(),
            problems,
        };
        if let Some(call) = &self.call {
            call.record(|r| r.denial = Some(error.clone()));
        }
        Err(error)
    }

    /// Masks and cuts an output value that implements [`Sanitize`].
    pub fn mask<T: Sanitize + ?Sized>(&self, value: &mut T) {
        let (report, truncated) =
            self.runtime
                .finish_output(value, self.tool.mask, self.tool.max_output);
        if let Some(call) = &self.call
            && (truncated || !report.is_empty())
        {
            call.record(|r| {
                r.masked.merge(&report);
                r.truncated |= truncated;
            });
        }
    }
}

/// Runs a synchronous tool body, which the attribute wraps in a `move` closure so that its
/// `return`s and `?`s end the body, not the guarded function.
///
/// Calling the closure in place would infer it `FnMut` when it only reborrows what it
/// captured, and an `FnMut` closure cannot return such a borrow: taking it as `FnOnce` lets
/// `fn get(&mut self) -> Result<&mut T, E>` return `Ok(&mut self.field)`.
pub fn run_sync<R>(body: impl FnOnce() -> R) -> R {
    body()
}

/// An argument name as a JSON pointer's first token (`/limit`).
fn pointer_token(name: &str) -> String {
    format!("/{}", name.replace('~', "~0").replace('/', "~1"))
}

/// The return types a guarded function may have: `Result<T, E>` with `E: From<ToolError>`.
#[diagnostic::on_unimplemented(
    message = "`#[airlock]` functions must return `Result<T, E>` where `E: From<airlock::ToolError>`; `{Self}` is not such a type",
    label = "a denied call returns early through this type",
    note = "return `Result<T, airlock::ToolError>`, or add `impl From<airlock::ToolError> for YourError`"
)]
pub trait Return: Sized {
    /// The success type.
    type Ok;
    /// The early return of a denied call.
    fn denied(error: ToolError) -> Self;
    /// The success value, to mask.
    fn ok_mut(&mut self) -> Option<&mut Self::Ok>;
}

impl<T, E: From<ToolError>> Return for Result<T, E> {
    type Ok = T;

    fn denied(error: ToolError) -> Self {
        Err(E::from(error))
    }

    fn ok_mut(&mut self) -> Option<&mut T> {
        self.as_mut().ok()
    }
}

/// A type-level probe: which of the traits below a value's type implements decides, by
/// autoref, which function the attribute calls (masking through [`Sanitize`] or passing
/// through; validating through `validator::Validate` or not).
pub struct Probe<T: ?Sized>(PhantomData<fn(&T)>);

/// The probe for `value`'s type.
pub fn probe<T: ?Sized>(_: &T) -> Probe<T> {
    Probe(PhantomData)
}

/// Chosen when the output type implements [`Sanitize`].
pub trait ViaSanitize<T: ?Sized> {
    /// The masking function.
    fn airlock_masker(&self) -> fn(&Guard, &mut T);
}

impl<T: Sanitize + ?Sized> ViaSanitize<T> for Probe<T> {
    fn airlock_masker(&self) -> fn(&Guard, &mut T) {
        Guard::mask::<T>
    }
}

/// Chosen otherwise: the output passes through unchanged.
pub trait PassThrough<T: ?Sized> {
    /// The (no-op) masking function.
    fn airlock_masker(&self) -> fn(&Guard, &mut T);
}

impl<T: ?Sized> PassThrough<T> for &Probe<T> {
    fn airlock_masker(&self) -> fn(&Guard, &mut T) {
        |_, _| {}
    }
}

/// Chosen when an argument's type implements `validator::Validate`.
pub trait ViaValidate<T: ?Sized> {
    /// The validating function.
    fn airlock_validator(&self) -> fn(&T) -> Result<(), validator::ValidationErrors>;
}

impl<T: validator::Validate + ?Sized> ViaValidate<T> for Probe<T> {
    fn airlock_validator(&self) -> fn(&T) -> Result<(), validator::ValidationErrors> {
        <T as validator::Validate>::validate
    }
}

/// Chosen otherwise: nothing to validate.
pub trait NoValidate<T: ?Sized> {
    /// The (accepting) validating function.
    fn airlock_validator(&self) -> fn(&T) -> Result<(), validator::ValidationErrors>;
}

impl<T: ?Sized> NoValidate<T> for &Probe<T> {
    fn airlock_validator(&self) -> fn(&T) -> Result<(), validator::ValidationErrors> {
        |_| Ok(())
    }
}
