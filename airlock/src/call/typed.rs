//! The typed driver: a guarded function called with Rust values. `#[airlock]` expands to one
//! call of [`run_sync`] or [`run_async`] with three closures that only it can write, because
//! they name the function's types: how to validate the arguments, the body, and how to mask
//! the result. Which of `validator::Validate` and [`Sanitize`] those types implement is
//! chosen by the probes below, at the function's definition.

use std::future::Future;
use std::marker::PhantomData;

use super::Call;
use super::audit::{self, Ended};
use super::output::Output;
use super::validate::Checks;
use crate::ToolError;
use crate::sanitize::Sanitize;
use crate::scope::{self, Resolved};
use crate::tool::Tool;

/// The return types a guarded function may have: `Result<T, E>`. (That `E` can carry a
/// refusal, `E: From<ToolError>`, is checked by [`ViaFrom`], with its own message.)
#[diagnostic::on_unimplemented(
    message = "`#[airlock]` functions must return `Result<T, E>` where `E: From<airlock::ToolError>`; `{Self}` is not such a type",
    label = "a refused call returns early through this type",
    note = "return `Result<T, airlock::ToolError>`, or add `impl From<airlock::ToolError> for YourError`"
)]
pub trait Return: Sized {
    /// The success type.
    type Ok;
    /// The error type.
    type Err;
    /// The value or the error, to mask.
    fn parts_mut(&mut self) -> Result<&mut Self::Ok, &mut Self::Err>;
}

impl<T, E> Return for Result<T, E> {
    type Ok = T;
    type Err = E;

    fn parts_mut(&mut self) -> Result<&mut T, &mut E> {
        self.as_mut()
    }
}

/// A return type whose error can carry a refusal: chosen when `E: From<ToolError>`.
pub trait ViaFrom<R> {
    /// How a refused call returns.
    fn airlock_refusal(&self) -> fn(ToolError) -> R;
}

impl<T, E: From<ToolError>> ViaFrom<Result<T, E>> for Probe<Result<T, E>> {
    fn airlock_refusal(&self) -> fn(ToolError) -> Result<T, E> {
        |error| Err(E::from(error))
    }
}

/// Implemented by no type: the bound that fails, with a message in plain words, when a
/// guarded function's error type cannot carry a refusal.
#[diagnostic::on_unimplemented(
    message = "`#[airlock]` functions must return `Result<T, E>` where `E: From<airlock::ToolError>`; `{Self}` is not such a type",
    label = "a refused call returns early through this type",
    note = "return `Result<T, airlock::ToolError>`, or add `impl From<airlock::ToolError> for YourError`"
)]
pub trait CarriesRefusal: Sized {
    /// Never called.
    fn refused(error: ToolError) -> Self;
}

/// Chosen otherwise: fails to compile through [`CarriesRefusal`].
pub trait NoFrom<R> {
    /// How a refused call would return.
    fn airlock_refusal(&self) -> fn(ToolError) -> R
    where
        R: CarriesRefusal;
}

impl<R> NoFrom<R> for &Probe<R> {
    fn airlock_refusal(&self) -> fn(ToolError) -> R
    where
        R: CarriesRefusal,
    {
        R::refused
    }
}

/// Runs a synchronous guarded function: every stage before the body (`Call::enter`), the
/// body, then the output stage.
pub fn run_sync<A, R>(
    tool: &'static Tool,
    refused: fn(ToolError) -> R,
    args: A,
    validate: impl FnOnce(&A, &mut Checks),
    body: impl FnOnce(A) -> R,
    finish: impl FnOnce(&mut R, &Output<'_>) -> bool,
) -> R {
    let resolved = match scope::resolve(tool.name()) {
        Ok(resolved) => resolved,
        Err(error) => return refused(error),
    };
    let call = match enter(tool, &resolved, &args, validate) {
        Ok(call) => call,
        Err(error) => return refused(error),
    };
    let mut result = body(args);
    finished(call, &mut result, finish);
    result
}

/// Runs an `async` guarded function; see [`run_sync`].
pub async fn run_async<A, R, F: Future<Output = R>>(
    tool: &'static Tool,
    refused: fn(ToolError) -> R,
    args: A,
    validate: impl FnOnce(&A, &mut Checks),
    body: impl FnOnce(A) -> F,
    finish: impl FnOnce(&mut R, &Output<'_>) -> bool,
) -> R {
    let resolved = match scope::resolve(tool.name()) {
        Ok(resolved) => resolved,
        Err(error) => return refused(error),
    };
    let call = match enter(tool, &resolved, &args, validate) {
        Ok(call) => call,
        Err(error) => return refused(error),
    };
    let mut result = body(args).await;
    finished(call, &mut result, finish);
    result
}

/// The call under `resolved`, through every stage before the body; a refusal is recorded.
fn enter<'r, A>(
    tool: &'r Tool,
    resolved: &'r Resolved,
    args: &A,
    validate: impl FnOnce(&A, &mut Checks),
) -> Result<Call<'r>, ToolError> {
    let call = Call {
        tool,
        runtime: resolved.runtime(),
        caller: resolved.caller(),
    };
    let entered = call.enter(|| {
        let mut checks = Checks::default();
        validate(args, &mut checks);
        checks.finish()
    });
    match entered {
        Ok(()) => Ok(call),
        Err(error) => {
            audit::record(call, Ended::Failed(error.kind()));
            Err(error)
        }
    }
}

/// The output and audit stages of a guarded function's result: `finish` masks it and says
/// whether it is a success.
fn finished<R>(call: Call<'_>, result: &mut R, finish: impl FnOnce(&mut R, &Output<'_>) -> bool) {
    let output = Output::new(call);
    let ok = finish(result, &output);
    let (masked, truncated) = output.finish();
    let ended = if ok {
        Ended::Ran {
            masked: &masked,
            truncated,
        }
    } else {
        Ended::Failed("tool_failed")
    };
    audit::record(call, ended);
}

/// A type-level probe: which of the traits below a value's type implements decides, by
/// autoref, which function the expansion calls.
pub struct Probe<T: ?Sized>(PhantomData<fn(&T)>);

impl<T: ?Sized> Probe<T> {
    /// The probe for the type `T`.
    pub const fn new() -> Probe<T> {
        Probe(PhantomData)
    }
}

impl<T: ?Sized> Default for Probe<T> {
    fn default() -> Self {
        Probe::new()
    }
}

impl<T: ?Sized> Clone for Probe<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: ?Sized> Copy for Probe<T> {}

/// The probe for `value`'s type.
pub fn probe<T: ?Sized>(_: &T) -> Probe<T> {
    Probe(PhantomData)
}

/// Chosen when the output type implements [`Sanitize`]: it is masked and cut.
pub trait ViaSanitize<T: ?Sized> {
    /// The masking function.
    fn airlock_masker(&self) -> fn(&Output<'_>, &mut T);
}

impl<T: Sanitize + ?Sized> ViaSanitize<T> for &Probe<T> {
    fn airlock_masker(&self) -> fn(&Output<'_>, &mut T) {
        |output, value| output.mask(value)
    }
}

/// Chosen when the output is a borrow (`&str`, `&mut Notes`): a view of the caller's own
/// data, which cannot be rewritten in place (and must not be: it would change the state it
/// points into). It passes a direct call as it is; at the JSON boundary it is serialized and
/// masked like any output.
pub trait BorrowPassThrough<T: ?Sized> {
    /// The (no-op) masking function.
    fn airlock_masker(&self) -> fn(&Output<'_>, &mut T);
}

impl<T: ?Sized> BorrowPassThrough<&T> for &Probe<&T> {
    fn airlock_masker(&self) -> fn(&Output<'_>, &mut &T) {
        |_, _| {}
    }
}

impl<T: ?Sized> BorrowPassThrough<&mut T> for &Probe<&mut T> {
    fn airlock_masker(&self) -> fn(&Output<'_>, &mut &mut T) {
        |_, _| {}
    }
}

/// Implemented by no type: the bound that fails, with a hint, when a guarded function returns
/// data (a `Serialize` type) that cannot be masked. Passing it through would leak whatever
/// personal data or secret it holds the moment it is serialized for a model.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is data a model may see, but it cannot be masked",
    label = "the `Ok` value of a guarded function is masked before anything sees it",
    note = "add `#[derive(airlock::Sanitize)]` to the type (or implement `airlock::Sanitize`), or declare `mask = off` on the tool if it holds nothing to mask"
)]
pub trait Unmaskable {}

/// Chosen when the output type implements `Serialize` but not [`Sanitize`]: a compile error
/// through [`Unmaskable`].
pub trait SerializedUnmasked<T: ?Sized> {
    /// The masking function that cannot be.
    fn airlock_masker(&self) -> fn(&Output<'_>, &mut T)
    where
        T: Unmaskable;
}

impl<T: serde::Serialize + ?Sized> SerializedUnmasked<T> for Probe<T> {
    fn airlock_masker(&self) -> fn(&Output<'_>, &mut T)
    where
        T: Unmaskable,
    {
        |_, _| {}
    }
}

/// Chosen when the output type is neither [`Sanitize`] nor `Serialize` (an iterator, a
/// handle, a borrow): it passes through, as it cannot reach a model as it is.
pub trait PassThrough<T: ?Sized> {
    /// The (no-op) masking function.
    fn airlock_masker(self) -> fn(&Output<'_>, &mut T);
}

impl<T: ?Sized> PassThrough<T> for Probe<T> {
    fn airlock_masker(self) -> fn(&Output<'_>, &mut T) {
        |_, _| {}
    }
}

/// Chosen when the error type is [`ToolError`]: masked, and named after the tool if the
/// body left that to the guard.
pub trait ErrorIsToolError {
    /// The error's masking function.
    fn airlock_error_masker(&self) -> fn(&Output<'_>, &mut ToolError);
}

impl ErrorIsToolError for &Probe<ToolError> {
    fn airlock_error_masker(&self) -> fn(&Output<'_>, &mut ToolError) {
        |output, error| output.tool_error(error)
    }
}

/// Chosen when the error type implements [`Sanitize`]: masked.
pub trait ErrorViaSanitize<E: ?Sized> {
    /// The error's masking function.
    fn airlock_error_masker(&self) -> fn(&Output<'_>, &mut E);
}

impl<E: Sanitize + ?Sized> ErrorViaSanitize<E> for Probe<E> {
    fn airlock_error_masker(&self) -> fn(&Output<'_>, &mut E) {
        |output, error| output.mask_error(error)
    }
}

/// Chosen otherwise: the error passes through (a type that is neither text nor
/// [`Sanitize`] cannot be rewritten; the JSON boundary masks its `Display` text).
pub trait ErrorPassThrough<E: ?Sized> {
    /// The (no-op) masking function.
    fn airlock_error_masker(self) -> fn(&Output<'_>, &mut E);
}

impl<E: ?Sized> ErrorPassThrough<E> for Probe<E> {
    fn airlock_error_masker(self) -> fn(&Output<'_>, &mut E) {
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
