//! Airlock guards the tools an AI agent calls.
//!
//! Put [`#[airlock]`](macro@airlock) on a tool function and every call of it, direct or from a
//! model, runs through one pipeline: the policies decide, the arguments are validated, rate
//! limits are charged, and what the tool returns (its errors included) is masked and cut to a
//! budget before the model sees it. For agent loops, a [`Toolbox`] takes the model's JSON
//! tool calls and answers with an [`AirlockResponse`] whose errors tell the model exactly what
//! to fix.
//!
//! ```
//! use airlock::policy::READ_ONLY;
//! use airlock::{Airlock, Caller, ToolError, Toolbox, airlock};
//! use serde_json::json;
//!
//! /// Looks a customer up by number.
//! #[airlock(policy = READ_ONLY, access = read)]
//! fn lookup_customer(id: u32) -> Result<String, ToolError> {
//!     Ok(format!("customer {id}: ann@example.org"))
//! }
//!
//! /// Deletes a customer.
//! #[airlock(policy = READ_ONLY, access = delete)]
//! fn delete_customer(id: u32) -> Result<String, ToolError> {
//!     Ok(format!("deleted {id}"))
//! }
//!
//! # tokio::runtime::Builder::new_current_thread().build()?.block_on(async {
//! let mut tools = Toolbox::with_runtime(Airlock::default());
//! tools.add(airlock::tool!(lookup_customer))?.add(airlock::tool!(delete_customer))?;
//! let agent = Caller::new("support-agent");
//!
//! let found = tools.call("lookup_customer", json!({"id": 7}), &agent).await;
//! assert_eq!(found.outcome, Ok(json!("customer 7: [EMAIL]")));
//! let refused = tools.call("delete_customer", json!({"id": 7}), &agent).await;
//! assert_eq!(refused.error().map(ToolError::kind), Some("policy_denied"));
//! let wrong = tools.call("lookup_customer", json!({"id": "7"}), &agent).await;
//! let problem = &wrong.error().ok_or("a string for a number is refused")?.problems()[0];
//! assert_eq!(problem.fix, "Send 7 as a number, without quotes.");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! # })?;
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # The call pipeline
//!
//! Every entry point — a direct call of a guarded function, [`Toolbox::call`], a framework
//! adapter — runs the same stages, in this order (`ARCHITECTURE.md` in the repository has the
//! modules):
//!
//! 1. **arguments** (JSON only): the model's arguments, an object or a string holding one, are
//!    checked strictly against the tool's schema: no coercion, every problem at once with a
//!    JSON pointer; undeclared ("ghost") arguments are stripped or refused
//!    ([`GhostArguments`]).
//! 2. **policy**: the tool's own [`policy`] and the runtime's decide together, deny-overrides:
//!    allow/deny globs, roles, an access ceiling against the tool's *declared* access, time
//!    windows. A refused caller runs none of the tool's code.
//! 3. **approval**: where a policy asks for a human's approval (not yet: the next piece of
//!    work lands here).
//! 4. **validate**: `validator` constraints on the typed arguments.
//! 5. **admit**: rate limits, charged only now and all or none, so a refused or malformed call
//!    costs nothing.
//! 6. **the tool** runs, in a [`scope`] that carries the runtime and the caller to guarded
//!    calls it makes; a panic fails the call.
//! 7. **output**: the result and error values are masked by the [`sanitize`] stage as the
//!    tool's `mask` says, and cut to its budget.
//! 8. **audit**: one record per decision and call (the next piece of work lands here).
//!
//! # Declaring tools
//!
//! - [`#[airlock]`](macro@airlock) on a function declares it ([`Tool`]): name, description
//!   (the doc comment), access, own policy, masking, budget. Its parameters are the tool's
//!   arguments.
//! - [`tool!`] registers a free function in a [`Toolbox`]; [`#[airlock::toolset]`](macro@toolset)
//!   registers the `&self` methods of an impl block as a [`ToolSet`] sharing one value.
//! - [`Toolbox::tool`] registers a closure by name.
//! - [`toolbox`] turns a provider's tool-call message into calls and the responses into its
//!   tool-result messages, and publishes the tools in each provider's shape.
//!
//! # What is untrusted
//!
//! Everything the model sends (tool names, argument JSON of any size or depth, the names of
//! arguments it invents) and everything a tool returns. What reaches the model is built from
//! masked text only; a [`ToolError`] never echoes an unmasked value or a deny rule's pattern.
//!
//! # Crate features
//!
//! - `mcp`: [`Sanitize`] for rmcp's structured tool output (`rmcp::Json<T>`).

mod arguments;
mod call;
mod caller;
mod error;
pub mod policy;
mod response;
mod runtime;
pub mod sanitize;
pub mod scope;
pub mod tool;
pub mod toolbox;
mod wait;

#[doc(hidden)]
#[path = "private.rs"]
pub mod __private;

pub use airlock_macros::{Sanitize, airlock, toolset};
pub use arguments::GhostArguments;
pub use call::def::{ToolDef, ToolSet};
pub use caller::Caller;
pub use error::{Problem, ToolError};
pub use response::AirlockResponse;
pub use runtime::{Airlock, AirlockBuilder, AlreadyInstalled, install};
pub use sanitize::{Sanitize, Sanitizer};
pub use scope::{InCurrentScope, Scope, Scoped};
pub use tool::Tool;
pub use toolbox::Toolbox;

/// The [`ToolDef`] of a free function declared with [`#[airlock]`](macro@airlock), to
/// register with [`Toolbox::add`]: `tools.add(airlock::tool!(search_mail))?`.
///
/// The path may be qualified (`airlock::tool!(crate::mail::search_mail)`). Methods register
/// as a set from their impl block instead ([`macro@toolset`]).
///
/// ```
/// use airlock::{Toolbox, ToolError, airlock};
///
/// /// Says hello.
/// #[airlock(access = read)]
/// fn hello(name: String) -> Result<String, ToolError> {
///     Ok(format!("hello, {name}"))
/// }
///
/// let mut tools = Toolbox::new();
/// tools.add(airlock::tool!(hello))?;
/// assert_eq!(tools.names().collect::<Vec<_>>(), ["hello"]);
/// # Ok::<(), airlock::toolbox::ToolboxError>(())
/// ```
#[macro_export]
macro_rules! tool {
    ($($path:ident)::+) => {
        $($path)::+::__airlock_def::<()>()
    };
    (:: $($path:ident)::+) => {
        ::$($path)::+::__airlock_def::<()>()
    };
}

/// The JSON Schema crate tool arguments derive [`schemars::JsonSchema`] from.
pub use schemars;
