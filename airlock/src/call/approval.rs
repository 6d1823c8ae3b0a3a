//! The approval stage: where a policy asks for a human's approval, a live grant covering
//! exactly this call must exist, or the call is answered `approval_required` with a request
//! the human can approve. No policy can ask for one yet (human approval is the next piece of
//! work); the stage is here so that it lands in one place, between the policy and the
//! arguments' validation, for every entry point.

use super::Call;
use crate::ToolError;

/// Whether the call may run without (or with an existing) human approval.
///
/// # Errors
/// None yet: no policy asks for approval.
#[allow(clippy::unnecessary_wraps)] // the seam's shape is the one approval will need
pub(super) fn approve(call: Call<'_>) -> Result<(), ToolError> {
    let _ = call;
    Ok(())
}
