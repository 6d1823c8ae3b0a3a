//! The `#[airlock]` attribute. Use it as `airlock::airlock`; its documentation is on
//! [`macro@airlock`].
//!
//! The attribute keeps the function's signature, attributes and visibility and replaces only
//! its body: a `static` describes the tool, and the new body calls `airlock::__private` to
//! decide, validate and mask. Every decision is made there, where it is tested; the
//! expansion only routes values. Modules: `args` parses the keys, `item` checks the
//! function, `expand` writes the new body.

mod args;
mod expand;
mod item;

use proc_macro::TokenStream;

/// Guards a tool function: every call is checked against a policy, its arguments validated,
/// and its output masked and cut to a budget before the model sees it.
///
/// ```ignore
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
/// assert_eq!(lookup_customer(7).unwrap(), "customer 7: [EMAIL]");
/// assert_eq!(delete_customer(7).unwrap_err().kind(), "policy_denied");
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
/// 1. The policies decide, for the caller of the current scope (`Airlock::scope`;
///    anonymous outside one). A denial returns `Err(E::from(ToolError::PolicyDenied { .. }))`
///    without running the body.
/// 2. Each variable the arguments bind (patterns like `Parameters(q): Parameters<Q>`
///    included) whose type implements `validator::Validate` is validated; problems return
///    `invalid_arguments`, with paths like `/query/limit` (the argument's name, then the
///    field); an argument of a type named `Parameters<T>` or `Json<T>` (rmcp's wrappers)
///    holds the whole arguments object, so its paths start at the root: `/limit`.
/// 3. The body runs. A synchronous body runs in a `move` closure and an `async` one in an
///    `async move` block, so `return` and `?` work as written.
/// 4. If the result is `Ok` and its type implements `airlock::Sanitize` (`String`,
///    `Cow<str>`, `serde_json::Value`, and `Option`, `Vec`, `Box`, `Result` and maps of
///    those), it is masked and cut to the budget. Other types, including your own structs, pass through
///    unchanged: return text or JSON, or implement `Sanitize`. A generic output type `T` is
///    masked only if it is bounded `T: Sanitize` (the choice is made where the function is
///    written, not per call); the same goes for `T: Validate` arguments.
///
/// # Requirements
///
/// The function may be free or a method (`&self`, `&mut self`, `self`), generic, `async`,
/// with `impl Trait` arguments. It must return `Result<T, E>` with
/// `E: From<airlock::ToolError>`: a denied call returns its error through it. `const`,
/// `unsafe` and `extern` functions cannot be guarded.
///
/// ```ignore
/// use airlock::{ToolError, airlock};
///
/// #[derive(Debug, validator::Validate)]
/// struct Search {
///     #[validate(range(min = 1, max = 100))]
///     limit: u32,
/// }
///
/// #[derive(Debug)]
/// enum MailError {
///     Refused(ToolError),
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
/// # tokio::runtime::Builder::new_current_thread().build().unwrap().block_on(async {
/// assert_eq!(search(Search { limit: 3 }).await.unwrap(), ["3 results for j***@example.com"]);
/// let Err(MailError::Refused(error)) = search(Search { limit: 0 }).await else { panic!() };
/// assert_eq!(error.kind(), "invalid_arguments");
/// assert_eq!(error.to_string().lines().nth(1).unwrap().split(':').next(), Some("- /query/limit"));
/// # });
/// ```
///
/// # With rmcp's `#[tool]`
///
/// Put `#[airlock]` first, above `#[tool]`. Attributes expand outermost first; rmcp's
/// `#[tool]` reads the description from the doc comment and drops it if another attribute is
/// still on the item when it expands. `#[airlock]` passes every other attribute through
/// unchanged.
///
/// ```ignore
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

mod derive;

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
