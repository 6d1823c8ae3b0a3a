//! The admission stage: the rate limits of the tool's own policy and of the runtime's,
//! charged only for a call that is about to run, and all or none: a call one limit refuses
//! spends no token of any other.

use super::Call;
use crate::ToolError;
use crate::policy::admit_all_engines;

/// Charges every limit covering the call.
///
/// # Errors
/// `rate_limited`, with how long to wait, when any limit is exhausted.
pub(super) fn admit(call: Call<'_>) -> Result<(), ToolError> {
    // A policy without limits has nothing to charge: not even a look-up.
    let own = call.tool.engine().filter(|engine| engine.has_limits());
    let global = Some(call.runtime.engine()).filter(|engine| engine.has_limits());
    if own.is_none() && global.is_none() {
        return Ok(());
    }
    let engines = own.into_iter().chain(global);
    let decision = admit_all_engines(engines, call.tool.name(), call.caller);
    ToolError::refusal(call.tool.name(), decision)
}
