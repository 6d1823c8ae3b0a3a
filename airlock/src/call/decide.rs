//! The policy stage: the tool's own policy and the runtime's global policy decide the call
//! together, deny-overrides, in one pass at the runtime's clock's time. Nothing is charged
//! here (see `admit`).

use std::cell::Cell;

use super::Call;
use crate::ToolError;

/// Whether the policies allow the call.
///
/// The clock is read once, and only if a time window covers the tool; an allowed call
/// builds nothing.
///
/// # Errors
/// `policy_denied` or `outside_time_window`, naming the policy that refused.
pub(super) fn decide(call: Call<'_>) -> Result<(), ToolError> {
    let global = call.runtime.engine();
    let read: Cell<Option<jiff::Timestamp>> = Cell::new(None);
    let at = || {
        read.get().unwrap_or_else(|| {
            let now = global.clock().now();
            read.set(Some(now));
            now
        })
    };
    let (name, access) = (call.tool.name(), call.tool.access());
    // The tool's own policy first, then the runtime's (written out: an iterator chain costs
    // more than the two look-ups on a call the policies allow outright).
    let refusal = match call.tool.engine() {
        Some(own) => own.refusal(name, access, call.caller, &at),
        None => None,
    }
    .or_else(|| global.refusal(name, access, call.caller, &at));
    match refusal {
        None => Ok(()),
        Some(decision) => ToolError::refusal(name, decision),
    }
}
