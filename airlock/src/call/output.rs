//! The output stage: what a tool returns, its error values included, masked as the tool's
//! `mask` narrows the runtime's sanitizer and cut to the smaller of the two budgets, before
//! anything reaches the model.

use std::cell::{Cell, RefCell};

use super::Call;
use crate::ToolError;
use crate::sanitize::{Report, Sanitize};
use crate::tool::Mask;

/// The most characters of a tool's own error message passed to the model.
const MAX_FAILURE: usize = 500;

/// The output stage of one call, handed to the code that knows the output's type.
#[derive(Debug)]
pub struct Output<'c> {
    call: Call<'c>,
    report: RefCell<Report>,
    truncated: Cell<bool>,
}

impl<'c> Output<'c> {
    pub(crate) fn new(call: Call<'c>) -> Output<'c> {
        Output {
            call,
            report: RefCell::new(Report::default()),
            truncated: Cell::new(false),
        }
    }

    /// Masks a result value and cuts it to the budget.
    pub fn mask<T: Sanitize + ?Sized>(&self, value: &mut T) {
        self.sanitize(value);
        let runtime = self.call.runtime;
        let budget = match (runtime.max_output(), self.call.tool.max_output()) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        if budget.and_then(|b| value.truncate_to(b)).is_some() {
            self.truncated.set(true);
        }
    }

    /// Masks an error value (never cut: it is short, and cutting could split a mask).
    pub fn mask_error<E: Sanitize + ?Sized>(&self, error: &mut E) {
        self.sanitize(error);
    }

    /// Masks a [`ToolError`] the tool returned, and names the tool in it if the tool left
    /// that to the guard ([`ToolError::failed`]).
    pub fn tool_error(&self, error: &mut ToolError) {
        if let ToolError::ToolFailed { tool, .. } = error
            && tool.is_empty()
        {
            self.call.tool.name().clone_into(tool);
        }
        self.sanitize(error);
    }

    /// A tool's error text, masked and cut to a few hundred characters.
    pub(crate) fn message(&self, message: &str) -> String {
        let mut masked = message.to_owned();
        self.sanitize(&mut masked);
        let mut out: String = masked.chars().take(MAX_FAILURE).collect();
        if out.len() < masked.len() {
            out.push('…');
        }
        out
    }

    fn sanitize<T: Sanitize + ?Sized>(&self, value: &mut T) {
        let runtime = self.call.runtime;
        if !runtime.masking() {
            return;
        }
        let mut report = self.report.borrow_mut();
        match self.call.tool.mask() {
            Mask::Default => value.sanitize(runtime.sanitizer(), &mut report),
            Mask::Off => {}
            Mask::Restricted(category, strategy) => {
                let narrowed = runtime.sanitizer().restricted(category, strategy);
                value.sanitize(&narrowed, &mut report);
            }
        }
    }

    /// What was masked, and whether the result was cut.
    pub(crate) fn finish(self) -> (Report, bool) {
        (self.report.into_inner(), self.truncated.get())
    }
}
