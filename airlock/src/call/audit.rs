//! The audit stage: one hash-chained record per decision and per call. The audit log is the
//! next piece of work; this seam is where every entry point's calls will be recorded, after
//! the output stage, with the decision, the masked counts and the outcome's kind.

use super::Call;
use crate::sanitize::Report;

/// How a call ended, for its record.
#[derive(Debug, Clone, Copy)]
#[allow(dead_code)] // read by the audit log, which lands next behind this seam
pub(crate) enum Ended<'a> {
    /// The tool ran and returned a value.
    Ran { masked: &'a Report, truncated: bool },
    /// The call was refused or the tool failed, with this error kind.
    Failed(&'static str),
}

/// Records the call (nothing is written yet).
pub(crate) fn record(call: Call<'_>, ended: Ended<'_>) {
    let _ = (call, ended);
}
