//! A tool that panics fails its call, not the program serving it: the panic becomes a
//! `tool_failed` error (its message masked by the output stage) and the toolbox keeps
//! serving.

use std::any::Any;
use std::future::Future;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::pin::Pin;
use std::task::{Context, Poll};

/// The message of a panic's payload (`panic!("...")` gives a `&str` or a `String`).
pub(super) fn message(payload: &(dyn Any + Send)) -> String {
    let text = payload
        .downcast_ref::<&str>()
        .copied()
        .or_else(|| payload.downcast_ref::<String>().map(String::as_str));
    match text {
        Some(text) => format!("it panicked: {text}"),
        None => "it panicked".to_owned(),
    }
}

/// Runs `f`, catching a panic.
///
/// Unwind safety: what `f` touches is the tool's own state and the arguments it owns; the
/// pipeline's own state is not borrowed across the call, so nothing of Airlock's is seen
/// half-updated after a panic.
pub(super) fn catch<R>(f: impl FnOnce() -> R) -> Result<R, String> {
    catch_unwind(AssertUnwindSafe(f)).map_err(|payload| message(&*payload))
}

/// A future whose polls catch panics (see [`catch`] for why that is sound here).
pub(super) struct CatchUnwind<F> {
    pub(super) future: F,
}

impl<F: Future + Unpin> Future for CatchUnwind<F> {
    type Output = Result<F::Output, String>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let future = Pin::new(&mut self.future);
        match catch_unwind(AssertUnwindSafe(|| future.poll(cx))) {
            Ok(Poll::Pending) => Poll::Pending,
            Ok(Poll::Ready(value)) => Poll::Ready(Ok(value)),
            Err(payload) => Poll::Ready(Err(message(&*payload))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn panics_become_messages() {
        assert_eq!(catch(|| 7), Ok(7));
        let caught = catch(|| -> u8 { panic!("boom {}", 1) });
        assert_eq!(caught, Err("it panicked: boom 1".to_owned()));
        let caught = catch(|| -> u8 { std::panic::panic_any(5_u32) });
        assert_eq!(caught, Err("it panicked".to_owned()));
    }

    #[test]
    fn futures_that_panic_are_caught() {
        let waker = std::task::Waker::noop();
        let mut cx = Context::from_waker(waker);
        let mut ok = CatchUnwind {
            future: Box::pin(async { 3 }),
        };
        assert_eq!(Pin::new(&mut ok).poll(&mut cx), Poll::Ready(Ok(3)));
        let mut bad = CatchUnwind {
            future: Box::pin(async { panic!("static text") }),
        };
        let polled: Poll<Result<(), String>> = Pin::new(&mut bad).poll(&mut cx);
        assert_eq!(
            polled,
            Poll::Ready(Err("it panicked: static text".to_owned()))
        );
    }
}
