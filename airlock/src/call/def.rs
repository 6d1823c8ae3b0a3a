//! Tool definitions made by `#[airlock]` for the JSON boundary: the declaration, the
//! arguments' schema and the typed body, as a [`ToolDef`].
//!
//! The expansion writes these for every guarded free function, but a function whose
//! parameters are not `Deserialize + JsonSchema` (a `&str`, a client handle) is a fine tool
//! to call directly and must still compile. So the bounds are put off until the definition
//! is used: the generated function is generic over a dummy type `D`, and its bounds name
//! `D` (`A: JsonArguments<D>`), which the compiler checks only where
//! [`tool!`](crate::tool!) instantiates it, with these traits' messages.

use std::fmt::Display;
use std::marker::PhantomData;
use std::sync::Arc;

use serde::Serialize;

use super::invoke::{Arguments, Finished, Running, Typed, finish};
use super::validate::Checks;
use serde_json::Value;

use super::invoke::Invoke;
use crate::arguments::strict::Schema;
use crate::tool::Tool;

/// The parameters of a tool registered in a `Toolbox`, readable from JSON.
///
/// No supertrait: one would be checked where the definition is written, not where it is used.
#[diagnostic::on_unimplemented(
    message = "the parameters of this tool cannot be read from JSON",
    label = "a tool registered in a `Toolbox` takes arguments from the model's JSON",
    note = "each parameter must implement `serde::Deserialize` (owned: `String`, not `&str`), `schemars::JsonSchema` and `Send`; at most 12 parameters"
)]
pub trait JsonArguments<D> {
    /// The definition of a tool with these parameters.
    fn def<V, B>(
        tool: &'static Tool,
        names: &'static [&'static str],
        validate: V,
        body: B,
    ) -> ToolDef
    where
        Self: Sized,
        V: Fn(&Self, &mut Checks) + Send + Sync + 'static,
        B: Fn(Self) -> Running + Send + Sync + 'static;
}

impl<D, A: Arguments> JsonArguments<D> for A {
    fn def<V, B>(
        tool: &'static Tool,
        names: &'static [&'static str],
        validate: V,
        body: B,
    ) -> ToolDef
    where
        V: Fn(&A, &mut Checks) + Send + Sync + 'static,
        B: Fn(A) -> Running + Send + Sync + 'static,
    {
        let (schema, shape) = A::schema(names);
        ToolDef {
            tool: ToolRef::Static(tool),
            schema: Schema::new(schema),
            invoke: Box::new(Typed {
                names,
                shape,
                validate,
                body: Arc::new(body),
                arguments: PhantomData,
            }),
        }
    }
}

/// The result of a tool registered in a `Toolbox`, sendable as JSON.
#[diagnostic::on_unimplemented(
    message = "the result of this tool cannot be sent to the model as JSON",
    label = "`{Self}` is not `Result<T, E>` with `T: serde::Serialize` and `E: std::fmt::Display + 'static`",
    note = "a tool registered in a `Toolbox` returns `Result<T, E>` where `T: serde::Serialize` and `E: std::fmt::Display + 'static`"
)]
pub trait JsonReturn<D> {
    /// The result as JSON.
    fn finish(self) -> Finished;
}

impl<D, T: Serialize, E: Display + 'static> JsonReturn<D> for Result<T, E> {
    fn finish(self) -> Finished {
        finish(self)
    }
}

/// Not implemented for any type: the bound of the definition of a function that cannot be
/// registered in a `Toolbox`, so that trying says why.
#[diagnostic::on_unimplemented(
    message = "this `#[airlock]` function cannot be registered in a `Toolbox`",
    label = "a generic function, or one whose parameters or result borrow or are `impl Trait`, has no single JSON form",
    note = "register a non-generic wrapper with owned parameters instead, or call it from a tool that has one"
)]
pub trait CannotRegister {
    /// Never called: no type implements the trait.
    fn def() -> ToolDef;
}

/// A tool definition from the pieces the expansion writes.
pub fn def<D, A, V, B>(
    tool: &'static Tool,
    names: &'static [&'static str],
    validate: V,
    body: B,
) -> ToolDef
where
    A: JsonArguments<D>,
    V: Fn(&A, &mut Checks) + Send + Sync + 'static,
    B: Fn(A) -> Running + Send + Sync + 'static,
{
    A::def(tool, names, validate, body)
}

/// A tool the JSON boundary can run: its declaration, its arguments' JSON Schema, and the
/// typed function behind it. `#[airlock]` makes one for a free function
/// ([`tool!`](crate::tool!)) and for each tool of an `#[airlock::toolset]` impl block.
///
/// ```
/// use airlock::{Toolbox, ToolError, airlock};
///
/// /// Adds two numbers.
/// #[airlock(access = read)]
/// fn add(a: i64, b: i64) -> Result<i64, ToolError> {
///     Ok(a + b)
/// }
///
/// let def = airlock::tool!(add);
/// assert_eq!(def.tool().name(), "add");
/// assert_eq!(def.tool().description(), "Adds two numbers.");
/// assert_eq!(def.schema()["required"], serde_json::json!(["a", "b"]));
/// let mut tools = Toolbox::new();
/// tools.add(def)?;
/// # Ok::<(), airlock::toolbox::ToolboxError>(())
/// ```
pub struct ToolDef {
    pub(crate) tool: ToolRef,
    pub(crate) schema: Schema,
    pub(crate) invoke: Box<dyn Invoke>,
}

/// A declaration, kept in a `static` by `#[airlock]` or owned by a toolbox.
#[derive(Debug)]
pub(crate) enum ToolRef {
    Static(&'static Tool),
    Owned(Box<Tool>),
}

impl std::ops::Deref for ToolRef {
    type Target = Tool;

    fn deref(&self) -> &Tool {
        match self {
            ToolRef::Static(tool) => tool,
            ToolRef::Owned(tool) => tool,
        }
    }
}

impl ToolDef {
    /// The tool's declaration: name, description, access, masking and budget, as the
    /// toolbox registers and publishes them.
    ///
    /// ```
    /// use airlock::policy::Access;
    /// use airlock::{ToolError, airlock};
    ///
    /// /// Sends a message.
    /// #[airlock(access = write, max_output = 1_000)]
    /// fn send(to: String, text: String) -> Result<String, ToolError> {
    ///     Ok(format!("sent {} characters to {to}", text.len()))
    /// }
    ///
    /// let def = airlock::tool!(send);
    /// assert_eq!(def.tool().name(), "send");
    /// assert_eq!(def.tool().access(), Access::Write);
    /// assert_eq!(def.tool().max_output(), Some(1_000));
    /// ```
    pub fn tool(&self) -> &Tool {
        &self.tool
    }

    /// The JSON Schema of the arguments object the model sends: one property per parameter,
    /// the ones that are not `Option` required.
    ///
    /// ```
    /// use airlock::{ToolError, airlock};
    ///
    /// #[airlock(access = read)]
    /// fn search(query: String, limit: Option<u32>) -> Result<Vec<String>, ToolError> {
    ///     Ok(vec![query; limit.unwrap_or(1) as usize])
    /// }
    ///
    /// let def = airlock::tool!(search);
    /// assert_eq!(def.schema()["type"], "object");
    /// assert_eq!(def.schema()["properties"]["query"]["type"], "string");
    /// assert_eq!(def.schema()["required"], serde_json::json!(["query"]));
    /// ```
    pub fn schema(&self) -> &Value {
        self.schema.value()
    }
}

impl std::fmt::Debug for ToolDef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ToolDef")
            .field("tool", &*self.tool)
            .field("schema", self.schema.value())
            .finish_non_exhaustive()
    }
}

/// The tools of one `#[airlock::toolset]` impl block, bound to the state they share; add
/// them with [`Toolbox::add_all`](crate::Toolbox::add_all). The block's `airlock_tools()`
/// method makes one.
///
/// It iterates as [`ToolDef`]s and collects from them, so a set can be filtered before it
/// is added.
///
/// ```
/// use airlock::{ToolError, ToolSet, Toolbox, airlock};
///
/// struct Files {
///     root: String,
/// }
///
/// #[airlock::toolset]
/// impl Files {
///     /// Lists the files.
///     #[airlock(access = read)]
///     fn list_files(&self) -> Result<Vec<String>, ToolError> {
///         Ok(vec![format!("{}/notes.txt", self.root)])
///     }
///
///     /// Deletes a file.
///     #[airlock(access = delete)]
///     fn delete_file(&self, name: String) -> Result<String, ToolError> {
///         Ok(format!("deleted {}/{name}", self.root))
///     }
/// }
///
/// let files = Files { root: "/srv".into() };
/// let read_only: ToolSet = files.airlock_tools().into_iter().filter(|def| def.tool().name() != "delete_file").collect();
/// let mut tools = Toolbox::new();
/// tools.add_all(read_only)?;
/// assert_eq!(tools.names().collect::<Vec<_>>(), ["list_files"]);
/// # Ok::<(), airlock::toolbox::ToolboxError>(())
/// ```
#[derive(Debug, Default)]
pub struct ToolSet {
    pub(crate) defs: Vec<ToolDef>,
}

impl ToolSet {
    /// The tools' declarations, in the impl block's order.
    ///
    /// ```
    /// use airlock::policy::Access;
    /// use airlock::{ToolError, airlock};
    ///
    /// struct Counter;
    ///
    /// #[airlock::toolset]
    /// impl Counter {
    ///     /// Reads the count.
    ///     #[airlock(access = read)]
    ///     fn get_count(&self) -> Result<u64, ToolError> {
    ///         Ok(0)
    ///     }
    ///
    ///     /// Resets the count.
    ///     #[airlock(access = write)]
    ///     fn reset_count(&self) -> Result<u64, ToolError> {
    ///         Ok(0)
    ///     }
    /// }
    ///
    /// let set = Counter.airlock_tools();
    /// let declared: Vec<(&str, Access)> = set.tools().map(|t| (t.name(), t.access())).collect();
    /// assert_eq!(declared, [("get_count", Access::Read), ("reset_count", Access::Write)]);
    /// ```
    pub fn tools(&self) -> impl Iterator<Item = &Tool> {
        self.defs.iter().map(ToolDef::tool)
    }
}

impl IntoIterator for ToolSet {
    type Item = ToolDef;
    type IntoIter = std::vec::IntoIter<ToolDef>;

    fn into_iter(self) -> Self::IntoIter {
        self.defs.into_iter()
    }
}

impl FromIterator<ToolDef> for ToolSet {
    fn from_iter<I: IntoIterator<Item = ToolDef>>(iter: I) -> Self {
        ToolSet {
            defs: iter.into_iter().collect(),
        }
    }
}
