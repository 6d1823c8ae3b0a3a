//! The `#[airlock]` attribute. Use it as `airlock::airlock`; its documentation is on
//! [`macro@airlock`].
//!
//! The attribute keeps the function's signature, attributes and visibility. It moves the body
//! into a hidden sibling function, declares the tool in a `static`, and makes the function's
//! body one call into `airlock`'s call pipeline. Every decision is made there, where it is
//! tested; the expansion only routes values. Modules: `args` parses the keys, `item` checks
//! the function, `expand` writes the items, `toolset` the set of an impl block's tools.

mod args;
mod derive;
mod expand;
mod item;
mod toolset;

use proc_macro::TokenStream;

/// Guards a tool function: every call is checked against a policy, its arguments validated,
/// and its output masked and cut to a budget before the model sees it.
///
/// ```
/// use airlock::policy::READ_ONLY;
/// use airlock::{ToolError, airlock};
///
/// #[airlock(policy = READ_ONLY, access = read)]
/// fn lookup_customer(id: u32) -> Result<String, ToolError> {
///     Ok(format!("customer {id}: ann@example.org"))
/// }
///
/// #[airlock(policy = READ_ONLY, access = delete)]
/// fn delete_customer(id: u32) -> Result<String, ToolError> {
///     Ok(format!("deleted {id}"))
/// }
///
/// assert_eq!(lookup_customer(7)?, "customer 7: [EMAIL]");
/// assert_eq!(delete_customer(7).map_err(|e| e.kind()), Err("policy_denied"));
/// # Ok::<(), ToolError>(())
/// ```
///
/// # Keys
///
/// All keys are optional: `#[airlock]` alone masks the output under the runtime's settings.
///
/// | key | value | default |
/// |---|---|---|
/// | `policy` | path to a `const` or `static` `airlock::policy::Policy`: `policy = READ_ONLY` | none: only the runtime's global policy applies |
/// | `name` | string literal, not empty: `name = "search_mail"` | the function's name |
/// | `access` | `read`, `write`, `delete` or `execute`, as a bare word | none, which policies treat as `execute` |
/// | `mask` | `off`, `default`, a category (`pii`, `secret`), a strategy (`full`, `partial`, `type`, `hash`), or a list of at most one of each: `mask = [secret, full]` | `default`: the runtime's sanitizer |
/// | `max_output` | integer ≥ 64 (characters): `max_output = 4000` | none: the runtime's budget, if any |
/// | `crate` | path to the `airlock` crate, for re-exports: `crate = ::my_sdk::airlock` | `::airlock` |
///
/// A misspelled key, a key given twice or a bad value is a compile error at that key or
/// value, listing what is valid; all of them are reported at once.
///
/// - `policy`: the tool's own policy; a call runs only if it *and* the runtime's global
///   policy allow it. `&PATH` must be a `&'static Policy`: a `const` is promoted, and a
///   `static` works too. The path cannot name `Self` or a generic parameter (the tool is
///   described by a `static` inside the function).
/// - `access`: what the tool does, declared. Access is never guessed from a name.
/// - `mask`: a tool's own setting only narrows the runtime's sanitizer (a category masks
///   only that category, a strategy replaces the runtime's); a runtime with masking off
///   stays off.
/// - `max_output`: can only lower the runtime's budget. At least 64, so that the marker
///   saying how much was cut fits.
///
/// # What a call does
///
/// A call runs `airlock`'s call pipeline, the same one `Toolbox::call` runs:
///
/// 1. The policies (the tool's own and the runtime's) decide, for the caller of the current
///    scope. A refusal returns `Err(E::from(ToolError::PolicyDenied { .. }))` without running
///    the body. Outside every scope the installed runtime decides; with none installed, the
///    call is refused while a scoped runtime is alive (work that lost its scope must not run
///    under a weaker policy), and the default runtime decides otherwise.
/// 2. Each parameter whose type implements `validator::Validate` is validated; problems
///    return `invalid_arguments` with JSON pointers. The only parameter, or one of a type
///    named `Parameters<T>` or `Json<T>` (rmcp's wrappers, whose `T` is validated), holds the
///    whole arguments object, so its paths start at the root (`/limit`); any other parameter's
///    start at its name (`/query/limit`).
/// 3. The rate limits are charged, all or none.
/// 4. The body runs as written (`return` and `?` work as usual).
/// 5. If the result is `Ok` and its type implements `airlock::Sanitize` (`String`,
///    `Cow<str>`, `serde_json::Value`, `Option`, `Vec`, `Box`, `Result`, maps of those, and
///    types deriving it), it is masked and cut to the budget. An `Err` is masked too: a
///    `ToolError` (named after the tool if the body used `ToolError::failed`), or any error
///    type implementing `Sanitize`. An `Ok` type that is data (`serde::Serialize`) but
///    cannot be masked is a compile error saying to derive `airlock::Sanitize` or declare
///    `mask = off`: it is what a model will see, and passing it through would leak what it
///    holds. Borrows and types that are not data (iterators, handles) pass a direct call
///    unchanged; in a `Toolbox` every result is serialized and masked as JSON, every error's
///    text masked. A
///    generic type `T` is masked only if it is bounded `T: Sanitize` (the choice is made where
///    the function is written); the same goes for `T: Validate` arguments.
///
/// # Registering the tool
///
/// The function is declared once: `airlock::tool!(name)` gives the definition a `Toolbox`
/// registers (`tools.add(airlock::tool!(search_mail))?`), with the name, the description
/// (the doc comment), the access and the arguments' JSON Schema. The parameters are the
/// arguments: `fn lookup(id: u32, verbose: bool)` takes `{"id": 7, "verbose": true}`, a
/// single struct parameter *is* the arguments object, and a function without parameters
/// takes `{}`. A `Toolbox` calls the body itself, through the same pipeline, so the call is
/// decided and charged once.
///
/// A free function registers if it is not generic and its parameters and result neither
/// borrow nor are `impl Trait`; `tool!` on one that cannot says why. Methods register as a
/// set with [`macro@toolset`].
///
/// # Requirements
///
/// The function may be free or a method (`&self`, `&mut self`, `self`, in an inherent or a
/// trait impl), generic, `async`, with `impl Trait` arguments. It must return `Result<T, E>`
/// with `E: From<airlock::ToolError>`: a refused call returns its error through it. `const`,
/// `unsafe` and `extern` functions cannot be guarded. A free function gets a companion type of
/// the same name (`struct NAME {}`, which lives in the type namespace only) holding its body
/// and definition; an associated function that neither takes `self` nor names `Self` is taken
/// for a free one, so give such a tool `&self` or move it out of the impl block.
///
/// ```
/// use airlock::{ToolError, airlock};
///
/// #[derive(Debug, validator::Validate)]
/// struct Search {
///     #[validate(range(min = 1, max = 100))]
///     limit: u32,
/// }
///
/// #[derive(Debug, thiserror::Error)]
/// enum MailError {
///     #[error(transparent)]
///     Refused(ToolError),
///     #[error("the mail server is offline")]
///     Offline,
/// }
///
/// impl From<ToolError> for MailError {
///     fn from(error: ToolError) -> Self {
///         MailError::Refused(error)
///     }
/// }
///
/// #[airlock(name = "search_mail", access = read, mask = [pii, partial])]
/// async fn search(query: Search) -> Result<Vec<String>, MailError> {
///     let online = true;
///     if !online {
///         return Err(MailError::Offline);
///     }
///     Ok(vec![format!("{} results for jane@example.com", query.limit)])
/// }
///
/// # tokio::runtime::Builder::new_current_thread().build()?.block_on(async {
/// assert_eq!(search(Search { limit: 3 }).await?, ["3 results for j***@example.com"]);
/// let Err(MailError::Refused(error)) = search(Search { limit: 0 }).await else {
///     return Err("a limit of 0 is refused".into());
/// };
/// assert_eq!(error.kind(), "invalid_arguments");
/// let text = error.to_string();
/// let problem = text.lines().nth(1).and_then(|line| line.split(':').next());
/// assert_eq!(problem, Some("- /limit"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// # })?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # With rmcp's `#[tool]`
///
/// Put `#[airlock]` first, above `#[tool]`. Attributes expand outermost first; rmcp's
/// `#[tool]` reads the description from the doc comment and drops it if another attribute is
/// still on the item when it expands. `#[airlock]` passes every other attribute through
/// unchanged. (A sketch: the workspace's `tests/rmcp-stack` compiles and serves it over MCP.)
///
/// ```text
/// #[tool_router]
/// impl Mailbox {
///     /// Searches the mailbox.
///     #[airlock(policy = READ_ONLY, access = read)]
///     #[tool]
///     async fn search_mail(&self, Parameters(q): Parameters<Search>) -> Result<String, MailError> {
///         self.search(q).await
///     }
/// }
/// ```
///
#[proc_macro_attribute]
pub fn airlock(args: TokenStream, item: TokenStream) -> TokenStream {
    expand::airlock(args.into(), item.into()).into()
}

/// Registers the `#[airlock]` methods of an impl block as a set that shares one value: a
/// client, a pool, a mailbox. Adds `airlock_tools(self)` and
/// `airlock_tools_shared(self: Arc<Self>)`, which return an `airlock::ToolSet` for
/// `Toolbox::add_all`.
///
/// Every method with `#[airlock]` in the block becomes a tool; each must take `&self`, and its
/// other parameters and result must be readable from and writable to JSON. Methods without
/// the attribute are left alone.
///
/// ```
/// use std::sync::Mutex;
/// use airlock::{Caller, Toolbox, ToolError, airlock};
/// use serde_json::json;
///
/// struct Counter {
///     count: Mutex<u64>,
/// }
///
/// #[airlock::toolset]
/// impl Counter {
///     /// Adds `by` to the counter.
///     #[airlock(access = write)]
///     fn bump(&self, by: u64) -> Result<u64, ToolError> {
///         let mut count = self.count.lock().map_err(|_| ToolError::failed("poisoned"))?;
///         *count += by;
///         Ok(*count)
///     }
/// }
///
/// # tokio::runtime::Builder::new_current_thread().build()?.block_on(async {
/// let mut tools = Toolbox::new();
/// tools.add_all(Counter { count: Mutex::new(0) }.airlock_tools())?;
/// let caller = Caller::new("agent");
/// tools.call("bump", json!({"by": 2}), &caller).await;
/// let response = tools.call("bump", json!({"by": 3}), &caller).await;
/// assert_eq!(response.outcome, Ok(json!(5)));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// # })?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[proc_macro_attribute]
pub fn toolset(args: TokenStream, item: TokenStream) -> TokenStream {
    toolset::toolset(args.into(), item.into()).into()
}

/// Derives `airlock::Sanitize`: masks a struct or enum field by field, exactly as
/// `Sanitizer::sanitize_json` masks the same value serialized to JSON. Use it as
/// `airlock::Sanitize` (the trait and the derive share the name, like serde's `Serialize`).
///
/// ```
/// use std::collections::BTreeMap;
/// use airlock::Sanitize;
/// use airlock::sanitize::{Report, Sanitizer};
///
/// #[derive(Sanitize)]
/// struct Customer {
///     id: u64,
///     email: String,
///     notes: Vec<String>,
///     db_password: String,
///     #[mask(sensitive)]
///     recovery: Option<String>,
///     #[mask(skip)]
///     reference: String,
///     labels: BTreeMap<String, String>,
/// }
///
/// let sanitizer = Sanitizer::builder().sensitive_key("ticket").build()?;
/// let mut customer = Customer {
///     id: 7,
///     email: "ann@example.org".into(),
///     notes: vec!["call 555-234-5678 after 5".into()],
///     db_password: "hunter2".into(),
///     recovery: Some("blue whale".into()),
///     reference: "ann@example.org".into(),
///     labels: BTreeMap::from([("ticket".into(), "T-1234".into())]),
/// };
/// let mut report = Report::default();
/// customer.sanitize(&sanitizer, &mut report);
/// assert_eq!(customer.id, 7);
/// assert_eq!(customer.email, "[EMAIL]");
/// assert_eq!(customer.notes, ["call [PHONE] after 5"]);
/// assert_eq!(customer.db_password, "[PASSWORD]");
/// assert_eq!(customer.recovery.as_deref(), Some("[PASSWORD]"));
/// assert_eq!(customer.reference, "ann@example.org");
/// assert_eq!(customer.labels["ticket"], "[PASSWORD]");
/// assert_eq!(report.total(), 5);
/// # Ok::<(), airlock::sanitize::BuildError>(())
/// ```
///
/// # What is masked
///
/// - A field under a secret's name (`password`, `db_password`, `api_key`, `token`,
///   `authorization`, `credentials`, …, compared without case and separators, plus the
///   sanitizer's own `sensitive_key`s): its whole value, whatever it holds; everything
///   nested in it too. The name is judged when the value is masked, by
///   `Sensitivity::nested`, so the sanitizer's settings count.
/// - Any other field: by what it holds, through its type's `Sanitize` (strings are
///   scanned; structs, `Vec`s, `Option`s and maps go on field by field, key by key).
/// - Strings become their mask (`[PASSWORD]`). Numbers under a secret's name cannot hold a
///   mask and become `0` (JSON would hold `"[PASSWORD]"`; `0` keeps the type, so the output
///   still fits its schema, and tells the model nothing); `bool`s stay, as in JSON.
/// - Names are the serialized ones: `#[serde(rename = "…")]`, `flatten` and `transparent`
///   are followed, and an enum's variant content sits under the variant's name unless the
///   enum is `untagged` or internally tagged (`tag = "…"`; with `content = "…"`, under that
///   key), as serde writes it. A unit variant holds nothing.
/// - The output is never cut (`truncate_to` keeps its default): a struct has no one length,
///   and cutting a field would change what it means. Return a `String` or a
///   `serde_json::Value` where the budget must apply.
///
/// # Attributes
///
/// | where | attribute | effect |
/// |---|---|---|
/// | field | `#[mask(skip)]` | left as it is (an id that happens to look like a phone number); its type needs no `Sanitize` |
/// | field | `#[mask(sensitive)]` | masked whole whatever its name |
/// | type | `#[mask(crate = path::to::airlock)]` | the path to the `airlock` crate, for re-exports (default `::airlock`) |
///
/// The attribute is `mask`, not `sanitize`: the compiler has a built-in `#[sanitize]`
/// attribute, and a derive helper of that name is ambiguous wherever it is used.
///
/// Every field's type must implement `Sanitize` (numbers, `bool`, `char`, `()` and the
/// standard containers do), or the field be marked `skip`; a type parameter used in a
/// field gets a `T: Sanitize` bound. Unions cannot derive it.
#[proc_macro_derive(Sanitize, attributes(mask))]
pub fn derive_sanitize(item: TokenStream) -> TokenStream {
    derive::sanitize(item.into()).into()
}
