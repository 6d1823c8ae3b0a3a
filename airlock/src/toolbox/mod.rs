//! The JSON boundary for plain agent loops: tools published in the shapes the big APIs
//! take, and [`Toolbox::call`], which runs a model's tool call through the call pipeline.

mod definitions;
mod handler;
mod providers;
mod suggest;

use std::collections::HashMap;
use std::marker::PhantomData;
use std::sync::Arc;

use schemars::JsonSchema;
use serde::de::DeserializeOwned;
use serde_json::Value;

pub use handler::Handler;
pub use providers::{Provider, ProviderError, ToolCall};

use crate::arguments::strict::Schema;
use crate::call::def::{ToolDef, ToolRef};
use crate::call::invoke::{self, Shape, Typed};
use crate::call::json::{self, Target};
use crate::call::validate::Checks;
use crate::policy::{Access, Engine, Policy};
use crate::runtime::{self, Airlock};
use crate::tool::Tool;
use crate::{AirlockResponse, Caller, ToolError};

/// The longest tool name accepted at registration, and shown back when unknown.
const MAX_NAME: usize = 64;

/// Why a tool could not be registered in a [`Toolbox`]. Registration errors are the
/// program's, found at start-up: the toolbox is unchanged by a registration that fails.
///
/// ```
/// use airlock::policy::Access;
/// use airlock::toolbox::ToolboxError;
/// use airlock::Toolbox;
///
/// #[derive(serde::Deserialize, schemars::JsonSchema)]
/// struct Query {
///     q: String,
/// }
///
/// fn search(query: Query) -> Result<String, std::fmt::Error> {
///     Ok(query.q)
/// }
///
/// let mut tools = Toolbox::new();
/// tools.tool("search", "Searches.", Access::Read, search)?;
/// assert_eq!(
///     tools.tool("search", "Searches again.", Access::Read, search).err(),
///     Some(ToolboxError::Duplicate("search".into()))
/// );
/// let spaced = tools.tool("web search", "Searches the web.", Access::Read, search).err();
/// assert_eq!(spaced, Some(ToolboxError::InvalidName("web search".into())));
/// // The model APIs take an object of arguments, never a bare string.
/// let bare = tools.tool("echo", "Echoes.", Access::Read, |text: String| Ok::<_, std::fmt::Error>(text));
/// assert!(matches!(bare, Err(ToolboxError::NotAnObject { .. })));
/// assert_eq!(tools.names().collect::<Vec<_>>(), ["search"]);
/// # Ok::<(), ToolboxError>(())
/// ```
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
/// # tokio::runtime::Builder::new_current_thread().build()?.block_on(async {
/// let mut tools = Toolbox::with_runtime(Airlock::builder().policy(READ_ONLY).build());
/// tools.tool("lookup", "Finds a customer.", Access::Read, lookup)?;
///
/// let ok = tools.call("lookup", json!("{\"id\": 7, \"verbose\": true}"), &Caller::anonymous()).await;
/// assert_eq!(ok.outcome, Ok(json!("customer 7: [EMAIL]")));
/// assert_eq!(ok.stripped_arguments, ["/verbose"]);
///
/// let bad = tools.call("lookup", json!({"id": "7"}), &Caller::anonymous()).await;
/// let error = bad.error().ok_or("a quoted number is refused")?;
/// assert_eq!(error.problems()[0].fix, "Send 7 as a number, without quotes.");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// # })?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub struct Toolbox {
    runtime: Arc<Airlock>,
    tools: Vec<ToolDef>,
    index: HashMap<String, usize>,
}

impl std::fmt::Debug for Toolbox {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Toolbox")
            .field("runtime", &self.runtime)
            .field(
                "tools",
                &self.tools.iter().map(|t| t.tool.name()).collect::<Vec<_>>(),
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
    /// is created, or the default runtime (permissive global policy, default masking, no
    /// output budget) if none is. A runtime installed later does not change it.
    ///
    /// ```
    /// use airlock::policy::READ_ONLY;
    /// use airlock::{Airlock, Toolbox};
    ///
    /// airlock::install(Airlock::builder().policy(READ_ONLY).build())?;
    /// let tools = Toolbox::new();
    /// assert_eq!(tools.runtime().policy().name, "READ_ONLY");
    /// assert_eq!(tools.names().count(), 0);
    /// # Ok::<(), airlock::AlreadyInstalled>(())
    /// ```
    pub fn new() -> Toolbox {
        Toolbox::with_shared_runtime(Arc::clone(runtime::global()))
    }

    /// An empty toolbox using `runtime`, whatever is installed.
    ///
    /// ```
    /// use airlock::{Airlock, Toolbox};
    ///
    /// let tools = Toolbox::with_runtime(Airlock::builder().max_output(4_000).build());
    /// assert_eq!(tools.runtime().max_output(), Some(4_000));
    /// ```
    pub fn with_runtime(runtime: Airlock) -> Toolbox {
        Toolbox::with_shared_runtime(Arc::new(runtime))
    }

    /// An empty toolbox using a runtime shared with other toolboxes or scopes: they share
    /// one global policy, and so its rate limits' buckets.
    ///
    /// ```
    /// use std::sync::Arc;
    /// use airlock::{Airlock, Toolbox};
    ///
    /// let runtime = Arc::new(Airlock::default());
    /// let mail = Toolbox::with_shared_runtime(Arc::clone(&runtime));
    /// let files = Toolbox::with_shared_runtime(Arc::clone(&runtime));
    /// assert!(Arc::ptr_eq(mail.runtime(), files.runtime()));
    /// ```
    pub fn with_shared_runtime(runtime: Arc<Airlock>) -> Toolbox {
        Toolbox {
            runtime,
            tools: Vec::new(),
            index: HashMap::new(),
        }
    }

    /// The runtime this toolbox's calls go through: its global policy, sanitizer, budget and
    /// ghost-argument mode.
    ///
    /// ```
    /// use airlock::policy::READ_ONLY;
    /// use airlock::{Airlock, Toolbox};
    ///
    /// let tools = Toolbox::with_runtime(Airlock::builder().policy(READ_ONLY).build());
    /// assert_eq!(tools.runtime().policy().name, "READ_ONLY");
    /// ```
    pub fn runtime(&self) -> &Arc<Airlock> {
        &self.runtime
    }

    /// Registers a tool declared with `#[airlock]`: its name, description, access, own
    /// policy, masking, budget and argument schema all come from the declaration.
    ///
    /// ```
    /// use airlock::{Caller, Toolbox, ToolError, airlock};
    /// use serde_json::json;
    ///
    /// /// Looks a customer up by number.
    /// #[airlock(access = read)]
    /// fn lookup(id: u32, verbose: Option<bool>) -> Result<String, ToolError> {
    ///     Ok(format!("customer {id}: ann@example.org{}", if verbose == Some(true) { " (long)" } else { "" }))
    /// }
    ///
    /// # tokio::runtime::Builder::new_current_thread().build()?.block_on(async {
    /// let mut tools = Toolbox::new();
    /// tools.add(airlock::tool!(lookup))?;
    /// let response = tools.call("lookup", json!({"id": 7}), &Caller::new("agent")).await;
    /// assert_eq!(response.outcome, Ok(json!("customer 7: [EMAIL]")));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// # })?;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    /// [`ToolboxError`] for a duplicate or invalid name, or arguments that are not an
    /// object.
    pub fn add(&mut self, def: ToolDef) -> Result<&mut Self, ToolboxError> {
        let name = def.tool.name();
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
        if def.schema().get("type").and_then(Value::as_str) != Some("object") {
            return Err(ToolboxError::NotAnObject {
                tool: name.to_owned(),
                schema: def
                    .schema()
                    .get("type")
                    .map_or_else(|| "untyped".to_owned(), Value::to_string),
            });
        }
        self.index.insert(name.to_owned(), self.tools.len());
        self.tools.push(def);
        Ok(self)
    }

    /// Registers every tool of a set: the `#[airlock]` methods of an
    /// `#[airlock::toolset]` impl block, bound to the state they share.
    ///
    /// ```
    /// use airlock::{Caller, Toolbox, ToolError, airlock};
    /// use serde_json::json;
    ///
    /// struct Notes {
    ///     lines: Vec<String>,
    /// }
    ///
    /// #[airlock::toolset]
    /// impl Notes {
    ///     /// Reads one note.
    ///     #[airlock(access = read)]
    ///     fn read_note(&self, index: usize) -> Result<String, ToolError> {
    ///         self.lines.get(index).cloned().ok_or_else(|| ToolError::failed("no such note"))
    ///     }
    ///
    ///     /// Counts the notes.
    ///     #[airlock(access = read)]
    ///     async fn count_notes(&self) -> Result<usize, ToolError> {
    ///         Ok(self.lines.len())
    ///     }
    /// }
    ///
    /// # tokio::runtime::Builder::new_current_thread().build()?.block_on(async {
    /// let notes = Notes { lines: vec!["call ann@example.org".into()] };
    /// let mut tools = Toolbox::new();
    /// tools.add_all(notes.airlock_tools())?;
    /// let read = tools.call("read_note", json!({"index": 0}), &Caller::new("agent")).await;
    /// assert_eq!(read.outcome, Ok(json!("call [EMAIL]")));
    /// let count = tools.call("count_notes", json!({}), &Caller::new("agent")).await;
    /// assert_eq!(count.outcome, Ok(json!(1)));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// # })?;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    /// As [`Toolbox::add`], for the first tool that cannot be added; the ones before it
    /// stay registered.
    pub fn add_all(
        &mut self,
        defs: impl IntoIterator<Item = ToolDef>,
    ) -> Result<&mut Self, ToolboxError> {
        for def in defs {
            self.add(def)?;
        }
        Ok(self)
    }

    /// Registers a closure or a function without `#[airlock]` under `name`, declared with
    /// `description` and `access`. Its one parameter is the arguments object: a struct
    /// deriving `Deserialize` and [`JsonSchema`], whose schema (doc comments included) the
    /// model sees. Returns the toolbox, to chain registrations. See [`Handler`] for the
    /// shapes that register.
    ///
    /// ```
    /// use airlock::policy::Access;
    /// use airlock::{Caller, Toolbox};
    /// use serde_json::json;
    ///
    /// #[derive(serde::Deserialize, schemars::JsonSchema)]
    /// struct Add {
    ///     /// The first term.
    ///     a: i64,
    ///     /// The second term.
    ///     b: i64,
    /// }
    ///
    /// # tokio::runtime::Builder::new_current_thread().build()?.block_on(async {
    /// let mut tools = Toolbox::new();
    /// tools.tool("add", "Adds two numbers.", Access::Read, |args: Add| {
    ///     args.a.checked_add(args.b).ok_or("the sum overflows")
    /// })?;
    /// let sum = tools.call("add", json!({"a": 2, "b": 3}), &Caller::anonymous()).await;
    /// assert_eq!(sum.outcome, Ok(json!(5)));
    /// let overflow = tools.call("add", json!({"a": i64::MAX, "b": 1}), &Caller::anonymous()).await;
    /// assert_eq!(overflow.error().map(|e| e.to_string()).as_deref(), Some("`add` failed: the sum overflows"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// # })?;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    /// [`ToolboxError`] for a duplicate or invalid name, or arguments that are not a struct;
    /// the toolbox is then unchanged.
    pub fn tool<M, H>(
        &mut self,
        name: &str,
        description: &str,
        access: Access,
        handler: H,
    ) -> Result<&mut Self, ToolboxError>
    where
        H: Handler<M>,
        H::Args: DeserializeOwned + JsonSchema + Send + 'static,
        M: 'static,
    {
        let def = closure_def(name, description, access, handler, |_, _| {});
        self.add(def)
    }

    /// Registers a handler, as [`Toolbox::tool`] does, whose arguments also implement
    /// `validator::Validate`: the constraints run after the strict check and the policy,
    /// before the handler, and each failure is reported as an `invalid_arguments` problem
    /// at its field's JSON pointer (never echoing the value).
    ///
    /// ```
    /// use airlock::policy::Access;
    /// use airlock::{Caller, Toolbox};
    /// use serde_json::json;
    ///
    /// #[derive(serde::Deserialize, schemars::JsonSchema, validator::Validate)]
    /// struct Invite {
    ///     #[validate(email)]
    ///     email: String,
    /// }
    ///
    /// # tokio::runtime::Builder::new_current_thread().build()?.block_on(async {
    /// let mut tools = Toolbox::new();
    /// tools.validated_tool("invite", "Invites someone.", Access::Write, |args: Invite| {
    ///     Ok::<_, std::fmt::Error>(format!("invited {}", args.email))
    /// })?;
    /// let response = tools.call("invite", json!({"email": "not an address"}), &Caller::anonymous()).await;
    /// let error = response.error().ok_or("a bad address is refused")?;
    /// assert_eq!(error.kind(), "invalid_arguments");
    /// assert_eq!(error.problems()[0].path, "/email");
    /// assert_eq!(error.problems()[0].expected, "an email address");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// # })?;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
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
        H::Args: DeserializeOwned + JsonSchema + validator::Validate + Send + 'static,
        M: 'static,
    {
        let def = closure_def(
            name,
            description,
            access,
            handler,
            |(args,): &(H::Args,), checks: &mut Checks| {
                checks.argument("", validator::Validate::validate(args))
            },
        );
        self.add(def)
    }

    /// Gives the tool `name` a policy of its own, combined deny-overrides with the
    /// runtime's, and reading the runtime's clock. A tool declared with
    /// `#[airlock(policy = ...)]` keeps the one it declares, and a policy is set once.
    ///
    /// ```
    /// use airlock::policy::{Access, Policy};
    /// use airlock::{Caller, Toolbox};
    /// use serde_json::json;
    ///
    /// #[derive(serde::Deserialize, schemars::JsonSchema)]
    /// struct Export {}
    ///
    /// # tokio::runtime::Builder::new_current_thread().build()?.block_on(async {
    /// let mut tools = Toolbox::new();
    /// tools.tool("export", "Exports the data.", Access::Read, |_: Export| Ok::<_, std::fmt::Error>("done"))?;
    /// let identified = Policy::new("EXPORT").with_require_caller(true);
    /// tools.set_policy("export", identified).map_err(|_| "`export` has a policy already")?;
    ///
    /// let anonymous = tools.call("export", json!({}), &Caller::anonymous()).await;
    /// assert_eq!(anonymous.error().map(|e| e.kind()), Some("policy_denied"));
    /// assert!(tools.call("export", json!({}), &Caller::new("agent")).await.is_ok());
    /// // A second policy, or one for a tool that does not exist, comes back.
    /// assert!(tools.set_policy("export", Policy::new("OTHER")).is_err());
    /// assert!(tools.set_policy("imprt", Policy::new("OTHER")).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// # })?;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    /// Returns the policy back if no tool has that name, or the tool has its own policy
    /// already.
    pub fn set_policy(&mut self, name: &str, policy: Policy) -> Result<&mut Self, Box<Policy>> {
        let Some(&i) = self.index.get(name) else {
            return Err(Box::new(policy));
        };
        let tool = &self.tools[i].tool;
        if tool.engine().is_some() {
            return Err(Box::new(policy));
        }
        let clock = self.runtime.engine().clock().clone();
        match tool.set_engine(Engine::with_clock(policy, clock)) {
            Ok(()) => Ok(self),
            Err(engine) => Err(Box::new(engine.policy().clone())),
        }
    }

    /// Lints the runtime's policy, and every registered tool's own, against the tools this
    /// toolbox has: a role a policy requires but never defines, a glob or rule naming no
    /// registered tool (a misspelt name, a tool that is gone). See
    /// [`Policy::lint_with_tools`].
    ///
    /// ```
    /// use airlock::policy::PERMISSIVE;
    /// use airlock::{Airlock, Toolbox, ToolError, airlock};
    ///
    /// /// Sends mail.
    /// #[airlock(access = write)]
    /// fn send_mail(to: String) -> Result<String, ToolError> {
    ///     Ok(format!("sent to {to}"))
    /// }
    ///
    /// let runtime = Airlock::builder().policy(PERMISSIVE.clone().deny("send_mial")).build();
    /// let mut tools = Toolbox::with_runtime(runtime);
    /// tools.add(airlock::tool!(send_mail))?;
    /// let findings = tools.lint();
    /// assert_eq!(findings.len(), 1);
    /// assert!(findings[0].to_string().contains("did you mean `send_mail`?"));
    /// # Ok::<(), airlock::toolbox::ToolboxError>(())
    /// ```
    pub fn lint(&self) -> Vec<crate::policy::LintFinding> {
        let names: Vec<&str> = self.names().collect();
        let mut findings = self.runtime.policy().lint_with_tools(names.iter().copied());
        for def in &self.tools {
            if let Some(engine) = def.tool.engine() {
                findings.extend(engine.policy().lint_with_tools(names.iter().copied()));
            }
        }
        findings
    }

    /// The registered tools' names, in registration order.
    ///
    /// ```
    /// use airlock::policy::Access;
    /// use airlock::Toolbox;
    ///
    /// #[derive(serde::Deserialize, schemars::JsonSchema)]
    /// struct Empty {}
    ///
    /// fn ping(_: Empty) -> Result<&'static str, std::fmt::Error> {
    ///     Ok("pong")
    /// }
    ///
    /// let mut tools = Toolbox::new();
    /// tools.tool("ping", "Answers.", Access::Read, ping)?.tool("pong", "Answers too.", Access::Read, ping)?;
    /// assert_eq!(tools.names().collect::<Vec<_>>(), ["ping", "pong"]);
    /// # Ok::<(), airlock::toolbox::ToolboxError>(())
    /// ```
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.tools.iter().map(|t| t.tool.name())
    }

    /// Runs the model's call of `name` with `args` as `caller` through the call pipeline
    /// (see the type's docs for the stages) and returns what the model should see. `args`
    /// is the arguments object, or a string holding one (as OpenAI sends them).
    ///
    /// Every failure is in the response, not a Rust error: an unknown name
    /// (`unknown_tool`, with the closest names), bad arguments (`invalid_arguments`), a
    /// refusal (`policy_denied`, `outside_time_window`, `rate_limited`), or the tool's own
    /// error (`tool_failed`). Never panics on any input; a tool that panics fails its call
    /// with `tool_failed`, and the toolbox keeps serving.
    ///
    /// ```
    /// use airlock::{Caller, ToolError, Toolbox, airlock};
    /// use serde_json::json;
    ///
    /// /// Reads a file of the workspace.
    /// #[airlock(access = read)]
    /// fn read_file(path: String) -> Result<String, ToolError> {
    ///     Ok(format!("contents of {path}"))
    /// }
    ///
    /// # tokio::runtime::Builder::new_current_thread().build()?.block_on(async {
    /// let mut tools = Toolbox::new();
    /// tools.add(airlock::tool!(read_file))?;
    /// let agent = Caller::new("agent");
    ///
    /// let read = tools.call("read_file", json!({"path": "notes.txt"}), &agent).await;
    /// assert_eq!(read.outcome, Ok(json!("contents of notes.txt")));
    /// let typo = tools.call("read_fle", json!({"path": "notes.txt"}), &agent).await;
    /// let error = typo.error().ok_or("an unknown tool is refused")?;
    /// assert_eq!(error.message(), "There is no tool named `read_fle`; did you mean `read_file`?");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// # })?;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub async fn call(&self, name: &str, args: Value, caller: &Caller) -> AirlockResponse {
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
        let def = &self.tools[index];
        let target = Target {
            tool: &def.tool,
            schema: &def.schema,
            invoke: &*def.invoke,
        };
        json::run(target, &self.runtime, caller, args).await
    }

    /// Runs every tool call in the model's `message` as `caller`, in order, and returns the
    /// messages (or Responses items) answering them, to append to the conversation; none
    /// when the message has no calls. See [`Provider`] for the shapes read and written.
    ///
    /// # Errors
    /// [`ProviderError`] when `message` is not of the provider's shape; then no call runs.
    /// Problems with a call itself (an unknown tool, malformed arguments, a refusal) are
    /// answered to the model, not returned.
    ///
    /// ```
    /// use airlock::policy::Access;
    /// use airlock::toolbox::Provider;
    /// use airlock::{Caller, Toolbox};
    /// use serde_json::json;
    ///
    /// #[derive(serde::Deserialize, schemars::JsonSchema)]
    /// struct Lookup {
    ///     id: u32,
    /// }
    /// fn lookup(args: Lookup) -> Result<String, std::io::Error> {
    ///     Ok(format!("customer {}", args.id))
    /// }
    ///
    /// let mut tools = Toolbox::new();
    /// tools.tool("lookup", "Finds a customer.", Access::Read, lookup)?;
    /// let message = json!({"role": "assistant", "content": null, "tool_calls": [{
    ///     "id": "call_1", "type": "function",
    ///     "function": {"name": "lookup", "arguments": "{\"id\": 7}"},
    /// }]});
    /// # let runtime = tokio::runtime::Builder::new_current_thread().build()?;
    /// # runtime.block_on(async {
    /// let answers = tools.answer(Provider::OpenAiChat, &message, &Caller::anonymous()).await?;
    /// assert_eq!(answers[0]["role"], "tool");
    /// assert_eq!(answers[0]["tool_call_id"], "call_1");
    /// let response: serde_json::Value = serde_json::from_str(answers[0]["content"].as_str().unwrap_or(""))?;
    /// assert_eq!(response["result"], "customer 7");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// # })?;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub async fn answer(
        &self,
        provider: Provider,
        message: &Value,
        caller: &Caller,
    ) -> Result<Vec<Value>, ProviderError> {
        let calls = provider.tool_calls(message)?;
        let mut answered = Vec::with_capacity(calls.len());
        for call in calls {
            let response = self.call(&call.name, call.arguments.clone(), caller).await;
            answered.push((call, response));
        }
        Ok(provider.results(&answered))
    }

    /// A name the model sent, safe to show back: masked and cut.
    fn shown_name(&self, name: &str) -> String {
        let cut: String = name.chars().take(MAX_NAME).collect();
        self.runtime.sanitizer().sanitize(&cut).text.into_owned()
    }
}

/// A closure registered by name, as a tool whose one argument is the arguments object.
fn closure_def<M, H>(
    name: &str,
    description: &str,
    access: Access,
    handler: H,
    validate: impl Fn(&(H::Args,), &mut Checks) + Send + Sync + 'static,
) -> ToolDef
where
    H: Handler<M>,
    H::Args: DeserializeOwned + JsonSchema + Send + 'static,
    M: 'static,
{
    let schema = invoke::root_schema::<H::Args>();
    let body = move |(args,): (H::Args,)| handler.call(args);
    ToolDef {
        tool: ToolRef::Owned(Box::new(Tool::owned(
            name.to_owned(),
            description.to_owned(),
            access,
        ))),
        schema: Schema::new(schema),
        invoke: Box::new(Typed {
            names: &[],
            shape: Shape::Whole,
            validate,
            body: Arc::new(body),
            arguments: PhantomData,
        }),
    }
}
