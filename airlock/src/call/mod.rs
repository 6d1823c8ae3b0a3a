//! The call pipeline: every guarded call, from every entry point, runs these stages in this
//! order.
//!
//! ```text
//! arguments  ─ JSON only: parsed, checked strictly against the schema, ghosts stripped  (crate::arguments)
//! decide     ─ the tool's own policy and the runtime's, in one pass                      (decide)
//! approval   ─ a live human grant where a policy asks for one (a seam for now)           (approval)
//! validate   ─ the typed arguments: `validator` constraints; the JSON's problems joined  (validate)
//! admit      ─ every rate limit charged, all or none                                     (admit)
//! the tool   ─ its body, in the call's scope; a panic is a failure                       (unwind)
//! output     ─ the result and error values masked and cut to the budget                  (output)
//! audit      ─ one record per decision and call (a seam for now)                          (audit)
//! ```
//!
//! Two drivers run them: [`typed`] for a guarded function called with Rust values (what
//! `#[airlock]` expands to) and [`json`] for a model's JSON call ([`Toolbox::call`]). Both go
//! through [`Call::enter`] for every stage before the body and [`output`] after it; neither
//! re-implements a stage, and nothing passes between them through shared state. A guarded
//! function called from inside another tool's body is a call of its own: its own decision,
//! its own charge, its own record.
//!
//! [`Toolbox::call`]: crate::Toolbox::call

mod admit;
mod approval;
mod audit;
mod decide;
pub(crate) mod def;
pub(crate) mod invoke;
pub(crate) mod json;
pub(crate) mod output;
pub(crate) mod typed;
mod unwind;
pub(crate) mod validate;

use crate::runtime::Airlock;
use crate::tool::Tool;
use crate::{Caller, ToolError};
use validate::Checks;

/// One call: the tool as declared, the runtime it runs under, and who makes it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Call<'c> {
    pub(crate) tool: &'c Tool,
    pub(crate) runtime: &'c Airlock,
    pub(crate) caller: &'c Caller,
}

impl Call<'_> {
    /// Every stage before the tool runs, in order: the policies decide, a human approves
    /// where asked, `validate` checks the arguments (it runs only for an allowed caller), and
    /// the rate limits are charged (only for a call that will run, so a refused or malformed
    /// call costs nothing).
    ///
    /// # Errors
    /// The first stage's refusal, as the model sees it.
    pub(crate) fn enter<T>(
        self,
        validate: impl FnOnce() -> Result<T, Checks>,
    ) -> Result<T, ToolError> {
        decide::decide(self)?;
        approval::approve(self)?;
        let ready = validate().map_err(|checks| self.invalid(checks))?;
        admit::admit(self)?;
        Ok(ready)
    }

    /// An `invalid_arguments` error with every problem's text masked: what the model sees
    /// never echoes what it sent unmasked (a path through a ghost argument's name, a custom
    /// deserializer's or `validator`'s message included). The schema check masks its own
    /// texts as it writes them, so of its problems only the paths are masked here.
    pub(crate) fn invalid(self, checks: Checks) -> ToolError {
        let mask = |text: &mut String| mask_in_place(self.runtime, text);
        let problems = checks
            .into_problems()
            .map(|(mut problem, raw)| {
                mask(&mut problem.path);
                if raw {
                    mask(&mut problem.expected);
                    mask(&mut problem.received);
                    mask(&mut problem.fix);
                }
                problem
            })
            .collect();
        ToolError::InvalidArguments {
            tool: self.tool.name().to_owned(),
            problems,
        }
    }
}

/// Replaces `text` with its masked form, if anything in it is masked: what the pipeline does
/// to the texts it writes from what the model sent (problems, stripped argument names).
pub(crate) fn mask_in_place(runtime: &Airlock, text: &mut String) {
    if let std::borrow::Cow::Owned(masked) = runtime.sanitizer().sanitize(text).text {
        *text = masked;
    }
}
