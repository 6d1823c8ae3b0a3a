//! The JSON boundary for plain agent loops: typed handlers, their schemas in the shapes the
//! big APIs take, and `call`, which runs a model's tool call through the whole guard.

mod definitions;
mod handler;
mod suggest;

use std::collections::HashMap;
use std::sync::Arc;

use schemars::JsonSchema;
use serde::de::DeserializeOwned;
use serde_json::Value;

pub use handler::Handler;
use handler::{Check, Ran};

use crate::__private::Mask;
use crate::arguments::{parse, strict};
use crate::policy::{Access, Engine, Policy, admit_all_engines, decide_all_engines};
use crate::runtime::{self, Airlock, CallContext, Scope};
use crate::sanitize::Report;
use crate::{AirlockResponse, Caller, ToolError};

/// The longest tool name accepted at registration, and shown back when unknown.
const MAX_NAME: usize = 64;
/// The most characters of a tool's own error message passed to the model.
const MAX_FAILURE: usize = 500;

/// Why a tool could not be registered.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ToolboxError {
    /// Two tools with one name.
    #[error("a tool named `{0}` is already registered")]
    Duplicate(String),
    /// A name the model APIs reject.
    #[error("`{0}` is not a valid tool name: use 1 to 64 characters of a-z, A-Z, 0-9, `_` and `-`")]
    InvalidName(String),
    /// Arguments that are not a JSON object (the model APIs take only objects).
    #[error(
        "the arguments of `{tool}` must be a struct (a JSON object), but their schema is {schema}"
    )]
    NotAnObject {
        /// The tool.
        tool: String,
        /// The schema's `type`.
        schema: String,
    },
}

/// One registered tool.
struct Entry {
    name: String,
    description: String,
    access: Access,
    /// The tool's own policy, compiled (with the runtime's clock).
    policy: Option<Engine>,
    schema: Value,
    check: Check,
    handler: Box<dyn ErasedHandler>,
}

/// A handler with its marker type erased.
trait ErasedHandler: Send + Sync {
    fn call(&self, args: Value, check: Check, gate: handler::Gate<'_>) -> handler::BoxFuture<Ran>;
}

struct Erased<H, M> {
    handler: H,
    marker: std::marker::PhantomData<fn() -> M>,
}

impl<H: Handler<M>, M: 'static> ErasedHandler for Erased<H, M> {
    fn call(&self, args: Value, check: Check, gate: handler::Gate<'_>) -> handler::BoxFuture<Ran> {
        handler::sealed::Call::call(&self.handler, args, check, gate)
    }
}

/// Typed tool handlers behind the JSON boundary.
///
/// Register `async fn(Args) -> Result<T, E>` or `fn(Args) -> Result<T, E>` handlers with a
/// description and the access level they need, where `Args` is a struct deriving
/// `Deserialize` and [`JsonSchema`]; publish them with [`definitions_openai`],
/// [`definitions_anthropic`] or [`definitions_mcp`]; run the model's calls with [`call`]:
///
/// 1. an unknown name gets `unknown_tool` with the closest names;
/// 2. the arguments (an object, or a string holding one, as OpenAI sends them) are checked
///    strictly against the schema: no coercion, every problem at once with its JSON pointer,
///    undeclared arguments stripped (and reported) or rejected;
/// 3. the global and the tool's own policy decide (after the arguments, so a malformed call
///    costs no rate-limit token);
/// 4. `validator` constraints run ([`validated_tool`]), then the handler, in a scope
///    carrying the runtime and caller, so `#[airlock]` handlers see both;
/// 5. the output is masked and cut to the budget, and an [`AirlockResponse`] comes back.
///
/// [`definitions_openai`]: Toolbox::definitions_openai
/// [`definitions_anthropic`]: Toolbox::definitions_anthropic
/// [`definitions_mcp`]: Toolbox::definitions_mcp
/// [`call`]: Toolbox::call
/// [`validated_tool`]: Toolbox::validated_tool
///
/// ```
/// use airlock::policy::{Access, READ_ONLY};
/// use airlock::{Airlock, Caller, Toolbox};
/// use serde_json::json;
///
/// #[derive(serde::Deserialize, schemars::JsonSchema)]
/// struct Lookup {
///     /// The customer's number.
///     id: u32,
/// }
///
/// async fn lookup(args: Lookup) -> Result<String, std::io::Error> {
///     Ok(format!("customer {}: ann@example.org", args.id))
/// }
///
/// # tokio::runtime::Builder::new_current_thread().build().unwrap().block_on(async {
/// let mut tools = Toolbox::with_runtime(Airlock::builder().policy(READ_ONLY).build());
/// tools.tool("lookup", "Finds a customer.", Access::Read, lookup)?;
///
/// let ok = tools.call("lookup", json!("{\"id\": 7, \"verbose\": true}"), &Caller::anonymous()).await;
/// assert_eq!(ok.outcome, Ok(json!("customer 7: [EMAIL]")));
/// assert_eq!(ok.stripped_arguments, ["/verbose"]);
///
/// let bad = tools.call("lookup", json!({"id": "7"}), &Caller::anonymous()).await;
/// assert_eq!(bad.error().unwrap().problems()[0].fix, "Send 7 as a number, without quotes.");
/// # Ok::<(), airlock::toolbox::ToolboxError>(())
/// # }).unwrap();
/// ```
pub struct Toolbox {
    runtime: Arc<Airlock>,
    tools: Vec<Entry>,
    index: HashMap<String, usize>,
}

impl std::fmt::Debug for Toolbox {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Toolbox")
            .field("runtime", &self.runtime)
            .field(
                "tools",
                &self.tools.iter().map(|t| &t.name).collect::<Vec<_>>(),
            )
            .finish()
    }
}

impl Default for Toolbox {
    fn default() -> Self {
        Toolbox::new()
    }
}

impl Toolbox {
    /// An empty toolbox using the runtime installed with [`install`](crate::install) when it
    /// is created (or the default one if none is).
    pub fn new() -> Toolbox {
        Toolbox::with_shared_runtime(Arc::clone(runtime::global()))
    }

    /// An empty toolbox using `runtime`.
    pub fn with_runtime(runtime: Airlock) -> Toolbox {
        Toolbox::with_shared_runtime(Arc::new(runtime))
    }

    /// An empty toolbox using a runtime shared with other toolboxes or scopes.
    pub fn with_shared_runtime(runtime: Arc<Airlock>) -> Toolbox {
        Toolbox {
            runtime,
            tools: Vec::new(),
            index: HashMap::new(),
        }
    }

    /// The runtime calls go through.
    pub fn runtime(&self) -> &Arc<Airlock> {
        &self.runtime
    }

    /// Registers a handler.
    ///
    /// # Errors
    /// [`ToolboxError`] for a duplicate or invalid name, or arguments that are not a struct.
    pub fn tool<M, H>(
        &mut self,
        name: &str,
        description: &str,
        access: Access,
        handler: H,
    ) -> Result<&mut Self, ToolboxError>
    where
        H: Handler<M>,
        H::Args: DeserializeOwned + JsonSchema,
        M: 'static,
    {
        self.register::<M, H>(name, description, access, handler, Check(None))
    }

    /// Registers a handler whose arguments also implement `validator::Validate`: the
    /// constraints run after the strict check, each failure reported as a problem.
    ///
    /// # Errors
    /// As [`Toolbox::tool`].
    pub fn validated_tool<M, H>(
        &mut self,
        name: &str,
        description: &str,
        access: Access,
        handler: H,
    ) -> Result<&mut Self, ToolboxError>
    where
        H: Handler<M>,
        H::Args: DeserializeOwned + JsonSchema + validator::Validate,
        M: 'static,
    {
        let check = Check(Some(handler::Validators::of::<H::Args>()));
        self.register::<M, H>(name, description, access, handler, check)
    }

    /// Gives the tool `name` its own policy, combined deny-overrides with the runtime's.
    ///
    /// # Errors
    /// Returns the policy back if no tool has that name.
    pub fn set_policy(&mut self, name: &str, policy: Policy) -> Result<&mut Self, Box<Policy>> {
        match self.index.get(name) {
            Some(&i) => {
                let clock = self.runtime.engine().clock().clone();
                self.tools[i].policy = Some(Engine::with_clock(policy, clock));
                Ok(self)
            }
            None => Err(Box::new(policy)),
        }
    }

    /// The tool's own policy and the global one decide (deny-overrides) at the runtime's
    /// clock's time. Nothing is charged: see [`Toolbox::admit`].
    fn decide(&self, tool: &Entry, caller: &Caller) -> Result<(), ToolError> {
        let global = self.runtime.engine();
        let engines = tool.policy.iter().chain([global]);
        let at = global.clock().now();
        let decision = decide_all_engines(engines, &tool.name, tool.access, caller, at);
        ToolError::refusal(&tool.name, decision)
    }

    /// Charges the rate limits of the tool's own policy and the global one's, all or none:
    /// called by the handler once the arguments are deserialized and validated, just before
    /// it runs.
    fn admit(&self, tool: &Entry, caller: &Caller) -> Result<(), ToolError> {
        let engines = tool.policy.iter().chain([self.runtime.engine()]);
        ToolError::refusal(&tool.name, admit_all_engines(engines, &tool.name, caller))
    }

    fn register<M, H>(
        &mut self,
        name: &str,
        description: &str,
        access: Access,
        handler: H,
        check: Check,
    ) -> Result<&mut Self, ToolboxError>
    where
        H: Handler<M>,
        H::Args: JsonSchema,
        M: 'static,
    {
        let valid = !name.is_empty()
            && name.len() <= MAX_NAME
            && name
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
        if !valid {
            return Err(ToolboxError::InvalidName(
                name.chars().take(MAX_NAME).collect(),
            ));
        }
        if self.index.contains_key(name) {
            return Err(ToolboxError::Duplicate(name.to_owned()));
        }
        let schema = definitions::schema_for::<H::Args>();
        if schema.get("type").and_then(Value::as_str) != Some("object") {
            return Err(ToolboxError::NotAnObject {
                tool: name.to_owned(),
                schema: schema
                    .get("type")
                    .map_or_else(|| "untyped".to_owned(), Value::to_string),
            });
        }
        self.index.insert(name.to_owned(), self.tools.len());
        self.tools.push(Entry {
            name: name.to_owned(),
            description: description.to_owned(),
            access,
            policy: None,
            schema,
            check,
            handler: Box::new(Erased {
                handler,
                marker: std::marker::PhantomData,
            }),
        });
        Ok(self)
    }

    /// The registered tools' names, in registration order.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.tools.iter().map(|t| t.name.as_str())
    }

    /// Runs the model's call of `name` with `args` as `caller`; see the type's docs for the
    /// stages. Never panics on any input (a panicking handler still panics).
    pub async fn call(&self, name: &str, args: Value, caller: &Caller) -> AirlockResponse {
        let runtime = &self.runtime;
        let Some(&index) = self.index.get(name) else {
            let shown = self.shown_name(name);
            let suggestions = suggest::closest(name, self.names());
            return AirlockResponse::failure(
                shown.clone(),
                ToolError::UnknownTool {
                    name: shown,
                    suggestions,
                },
            );
        };
        let tool = &self.tools[index];
        let mut args = match parse::arguments(args) {
            Ok(args) => args,
            Err(problem) => return invalid(tool, vec![problem], Vec::new()),
        };
        let checked = strict::check(
            &tool.schema,
            &mut args,
            runtime.ghost_arguments(),
            runtime.sanitizer(),
        );
        if !checked.problems.is_empty() {
            let mut problems = checked.problems;
            add_validation_problems(tool.check, &args, &mut problems);
            return invalid(tool, problems, checked.stripped);
        }
        let stripped = checked.stripped;
        if let Err(error) = self.decide(tool, caller) {
            return AirlockResponse::failure(tool.name.clone(), error).with_stripped(stripped);
        }

        let context = Arc::new(CallContext::new(Arc::clone(runtime), caller.clone()));
        context.record(|r| {
            r.arguments_at_root = true;
            r.global_limits_charged = true;
        });
        let scope = Scope {
            call: Arc::clone(&context),
        };
        let gate = || self.admit(tool, caller);
        let running = scope.run_sync(|| tool.handler.call(args, tool.check, &gate));
        let ran = scope.run(running).await;
        let (mut masked, mut truncated, denial) =
            context.record(|r| (std::mem::take(&mut r.masked), r.truncated, r.denial.take()));
        let outcome = match (ran, denial) {
            (Ran::Output(mut value), _) => {
                let (report, cut) = runtime.finish_output(&mut value, Mask::Default, None);
                truncated |= cut;
                masked.merge(&report);
                Ok(value)
            }
            (Ran::Refused(error), _) => Err(error),
            (Ran::Invalid(problems), _) => Err(ToolError::InvalidArguments {
                tool: tool.name.clone(),
                problems,
            }),
            // A guard inside the handler refused: its error says why, better than the
            // handler's own conversion of it.
            (Ran::Failed(_), Some(denial)) => Err(denial),
            (Ran::Failed(message), None) => Err(ToolError::ToolFailed {
                tool: tool.name.clone(),
                message: self.masked_message(&message),
            }),
        };
        AirlockResponse {
            tool: tool.name.clone(),
            truncated: truncated && outcome.is_ok(),
            outcome,
            stripped_arguments: stripped,
            masked: counts(&masked),
        }
    }

    /// A name the model sent, safe to show back: masked and cut.
    fn shown_name(&self, name: &str) -> String {
        let cut: String = name.chars().take(MAX_NAME).collect();
        self.runtime.sanitizer().sanitize(&cut).text.into_owned()
    }

    /// A tool's error text, masked and cut to a few hundred characters.
    fn masked_message(&self, message: &str) -> String {
        let masked = self.runtime.sanitizer().sanitize(message).text;
        let mut out: String = masked.chars().take(MAX_FAILURE).collect();
        if out.len() < masked.len() {
            out.push('…');
        }
        out
    }
}

/// Adds the `validator` problems of arguments that failed the schema check only on
/// constraints (so they still deserialize), at paths not reported already: every problem at
/// once, not the schema's first and the validator's after a retry.
fn add_validation_problems(check: Check, args: &Value, problems: &mut Vec<crate::Problem>) {
    let Some(validators) = check.0 else {
        return;
    };
    if let Err(errors) = (validators.json)(args) {
        let mut more = Vec::new();
        crate::arguments::validation::problems(&errors, "", &mut more);
        more.retain(|p| !problems.iter().any(|known| known.path == p.path));
        problems.extend(more);
    }
}

fn invalid(tool: &Entry, problems: Vec<crate::Problem>, stripped: Vec<String>) -> AirlockResponse {
    AirlockResponse::failure(
        tool.name.clone(),
        ToolError::InvalidArguments {
            tool: tool.name.clone(),
            problems,
        },
    )
    .with_stripped(stripped)
}

fn counts(report: &Report) -> std::collections::BTreeMap<String, usize> {
    report
        .iter()
        .map(|(kind, n)| (kind.name().to_owned(), n))
        .collect()
}
