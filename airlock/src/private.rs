//! What `#[airlock]` expands to names. Not public API: no stability promise, hidden from
//! docs.
//!
//! The attribute emits a `static` declaration of the tool and one call into the pipeline
//! (the way `tracing`'s `#[instrument]` and rmcp's `#[tool]` work); everything here is
//! defined in the crate's own modules and only re-exported.

pub use crate::call::def::{CannotRegister, JsonArguments, JsonReturn, def};
pub use crate::call::def::{ToolDef, ToolSet};
pub use crate::call::invoke::{Arguments, Finished, Running, finish};
pub use crate::call::output::Output;
pub use crate::call::typed::{
    BorrowPassThrough, CarriesRefusal, ErrorIsToolError, ErrorPassThrough, ErrorViaSanitize,
    NoFrom, NoValidate, PassThrough, Probe, Return, SerializedUnmasked, Unmaskable, ViaFrom,
    ViaSanitize, ViaValidate, probe, run_async, run_sync,
};
pub use crate::call::validate::Checks;
pub use crate::policy::{Access, Policy};
pub use crate::sanitize::{Category, Strategy};
pub use crate::tool::{Mask, Tool};
pub use std::sync::Arc;
