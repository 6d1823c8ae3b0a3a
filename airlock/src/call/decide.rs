//! The policy stage: the tool's own policy and the runtime's global policy decide the call
//! together, deny-overrides, in one pass at the runtime's clock's time. Nothing is charged
//! here (see `admit`).

use super::Call;
use crate::ToolError;
use crate::policy::decide_all_engines;

/// Whether the policies allow the call.
///
/// # Errors
/// `policy_denied` or `outside_time_window`, naming the policy that refused.
pub(super) fn decide(call: Call<'_>) -> Result<(), ToolError> {
    let global = call.runtime.engine();
    let at = global.clock().now();
    let engines = call.tool.engine().into_iter().chain([global]);
    let decision = decide_all_engines(
        engines,
        call.tool.name(),
        call.tool.access(),
        call.caller,
        at,
    );
    ToolError::refusal(call.tool.name(), decision)
}
