//! Airlock guards the tools an AI agent calls.
//!
//! Put [`#[airlock]`](macro@airlock) on a tool function and every call is checked against a
//! [`policy`], its arguments validated, and its output masked ([`sanitize`]) and cut to
//! a budget before the model sees it. For plain agent loops, a [`Toolbox`] takes the model's
//! JSON tool calls, checks the arguments strictly against each tool's schema, runs the tool
//! through the same guard and answers with an [`AirlockResponse`] whose errors tell the model
//! exactly what to fix.
//!
//! ```
//! use airlock::policy::READ_ONLY;
//! use airlock::{ToolError, airlock};
//!
//! #[airlock(policy = READ_ONLY, access = read)]
//! fn lookup_customer(id: u32) -> Result<String, ToolError> {
//!     Ok(format!("customer {id}: ann@example.org"))
//! }
//!
//! #[airlock(policy = READ_ONLY, access = delete)]
//! fn delete_customer(id: u32) -> Result<String, ToolError> {
//!     Ok(format!("deleted {id}"))
//! }
//!
//! assert_eq!(lookup_customer(7).unwrap(), "customer 7: [EMAIL]");
//! assert_eq!(delete_customer(7).unwrap_err().kind(), "policy_denied");
//! ```

mod arguments;
mod caller;
mod error;
pub mod policy;
mod response;
mod runtime;
pub mod sanitize;
pub mod toolbox;
mod wait;

#[doc(hidden)]
#[path = "private.rs"]
pub mod __private;

pub use airlock_macros::airlock;
pub use caller::Caller;
pub use error::{Problem, ToolError};
pub use response::AirlockResponse;
pub use runtime::{
    Airlock, AirlockBuilder, AlreadyInstalled, GhostArguments, Scope, Scoped, install,
};
pub use sanitize::{Sanitize, Sanitizer};
pub use toolbox::Toolbox;

/// The JSON Schema crate tool arguments derive [`schemars::JsonSchema`] from.
pub use schemars;
