//! What a tool is, declared once: its name, description, access, own policy, masking and
//! output budget.
//!
//! `#[airlock]` writes a [`Tool`] into a `static` beside the function it guards, and a
//! [`ToolDef`](crate::ToolDef) for [`Toolbox::add`](crate::Toolbox::add): the name, the access
//! and the description (the doc comment) are written once, in the declaration, and cannot
//! disagree between a direct call, a `Toolbox` and an MCP server.

use std::borrow::Cow;
use std::sync::OnceLock;

use crate::policy::{Access, Engine, Policy};
use crate::sanitize::{Category, Strategy};

/// A tool's own masking setting: how it narrows the runtime's sanitizer.
///
/// ```
/// use airlock::tool::Mask;
/// use airlock::sanitize::{Category, Strategy};
///
/// // `#[airlock(mask = [secret, full])]` declares:
/// let mask = Mask::Restricted(Some(Category::Secret), Some(Strategy::Full));
/// assert_ne!(mask, Mask::Default);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Mask {
    /// The runtime's sanitizer as it is.
    #[default]
    Default,
    /// No masking for this tool.
    Off,
    /// The runtime's sanitizer narrowed to a category and/or one strategy.
    Restricted(Option<Category>, Option<Strategy>),
}

/// A tool as declared: what every entry point decides, charges, masks and reports it by.
///
/// `#[airlock]` builds one in a `static`, with the methods below; a closure registered with
/// [`Toolbox::tool`](crate::Toolbox::tool) gets one from its arguments. Read a registered
/// tool's with [`ToolDef::tool`](crate::ToolDef::tool) or [`ToolSet::tools`](crate::ToolSet::tools).
///
/// ```
/// use airlock::policy::{Access, READ_ONLY};
/// use airlock::tool::{Mask, Tool};
///
/// use airlock::policy::Policy;
///
/// // A `&CONST` is promoted to `'static` as a whole initializer, not as an argument.
/// static POLICY: &Policy = &READ_ONLY;
/// static SEARCH: Tool = Tool::new("search_mail")
///     .with_description("Searches the user's mail.")
///     .with_access(Access::Read)
///     .with_policy(POLICY)
///     .with_max_output(4_000);
/// assert_eq!(SEARCH.name(), "search_mail");
/// assert_eq!(SEARCH.access(), Access::Read);
/// assert_eq!(SEARCH.mask(), Mask::Default);
/// assert_eq!(SEARCH.max_output(), Some(4_000));
/// ```
#[derive(Debug)]
pub struct Tool {
    name: Cow<'static, str>,
    description: Cow<'static, str>,
    access: Option<Access>,
    policy: Option<&'static Policy>,
    mask: Mask,
    max_output: Option<usize>,
    /// The tool's own policy, compiled on its first call (or set by a `Toolbox`).
    engine: OnceLock<Engine>,
}

impl Tool {
    /// A tool named `name`, with no description, undeclared access (which counts as
    /// `execute`), no policy of its own, the runtime's masking and budget. Usable in
    /// `static` items, as `#[airlock]` uses it.
    ///
    /// ```
    /// use airlock::policy::Access;
    /// use airlock::tool::{Mask, Tool};
    ///
    /// static PURGE: Tool = Tool::new("purge_cache");
    /// assert_eq!(PURGE.name(), "purge_cache");
    /// assert_eq!(PURGE.description(), "");
    /// assert_eq!(PURGE.access(), Access::Execute);
    /// assert_eq!(PURGE.mask(), Mask::Default);
    /// assert_eq!(PURGE.max_output(), None);
    /// ```
    pub const fn new(name: &'static str) -> Tool {
        Tool {
            name: Cow::Borrowed(name),
            description: Cow::Borrowed(""),
            access: None,
            policy: None,
            mask: Mask::Default,
            max_output: None,
            engine: OnceLock::new(),
        }
    }

    /// A tool whose name and description are made at run time (a closure registered by
    /// name).
    pub(crate) fn owned(name: String, description: String, access: Access) -> Tool {
        Tool {
            name: Cow::Owned(name),
            description: Cow::Owned(description),
            access: Some(access),
            policy: None,
            mask: Mask::Default,
            max_output: None,
            engine: OnceLock::new(),
        }
    }

    /// Sets the description the model sees, in the tool definitions a
    /// [`Toolbox`](crate::Toolbox) publishes.
    ///
    /// ```
    /// use airlock::tool::Tool;
    ///
    /// static SEARCH: Tool = Tool::new("search_mail").with_description("Searches the user's mail.");
    /// assert_eq!(SEARCH.description(), "Searches the user's mail.");
    /// ```
    #[must_use]
    pub const fn with_description(mut self, description: &'static str) -> Tool {
        // A `const fn` cannot drop a `Cow`; the one replaced is always borrowed (only
        // `Tool::new` and these methods, which borrow, are public), so forgetting it leaks
        // nothing.
        let replaced = std::mem::replace(&mut self.description, Cow::Borrowed(description));
        std::mem::forget(replaced);
        self
    }

    /// Declares what the tool does: the access policies' ceilings are checked against.
    ///
    /// ```
    /// use airlock::policy::Access;
    /// use airlock::tool::Tool;
    ///
    /// static LIST: Tool = Tool::new("list_files").with_access(Access::Read);
    /// assert_eq!(LIST.access(), Access::Read);
    /// ```
    #[must_use]
    pub const fn with_access(mut self, access: Access) -> Tool {
        self.access = Some(access);
        self
    }

    /// Sets the tool's own policy, combined deny-overrides with the runtime's: a call runs
    /// only if both allow it.
    ///
    /// ```
    /// use airlock::policy::{Policy, READ_ONLY};
    /// use airlock::tool::Tool;
    ///
    /// // A `&CONST` is promoted to `'static` as a whole initializer, not as an argument.
    /// static POLICY: &Policy = &READ_ONLY;
    /// static LIST: Tool = Tool::new("list_files").with_policy(POLICY);
    /// assert_eq!(LIST.name(), "list_files");
    /// ```
    #[must_use]
    pub const fn with_policy(mut self, policy: &'static Policy) -> Tool {
        self.policy = Some(policy);
        self
    }

    /// Sets how the tool narrows the runtime's masking ([`Mask::Default`] keeps it as it
    /// is).
    ///
    /// ```
    /// use airlock::sanitize::Category;
    /// use airlock::tool::{Mask, Tool};
    ///
    /// static READ_LOG: Tool = Tool::new("read_log").with_mask(Mask::Restricted(Some(Category::Secret), None));
    /// assert_eq!(READ_LOG.mask(), Mask::Restricted(Some(Category::Secret), None));
    /// ```
    #[must_use]
    pub const fn with_mask(mut self, mask: Mask) -> Tool {
        self.mask = mask;
        self
    }

    /// Sets the tool's output budget in characters, which can only lower the runtime's.
    /// Values below 64 are raised to 64, so that the marker saying how much was cut fits.
    ///
    /// ```
    /// use airlock::tool::Tool;
    ///
    /// static BRIEF: Tool = Tool::new("summarize").with_max_output(500);
    /// static TINY: Tool = Tool::new("ping").with_max_output(8);
    /// assert_eq!(BRIEF.max_output(), Some(500));
    /// assert_eq!(TINY.max_output(), Some(64));
    /// ```
    #[must_use]
    pub const fn with_max_output(mut self, chars: usize) -> Tool {
        self.max_output = Some(if chars < crate::sanitize::MIN_BUDGET {
            crate::sanitize::MIN_BUDGET
        } else {
            chars
        });
        self
    }

    /// The tool's name: the only name it is decided, charged and reported under. For
    /// `#[airlock]`, the function's name (or its `name = "..."`).
    ///
    /// ```
    /// use airlock::ToolError;
    /// use airlock::airlock;
    ///
    /// #[airlock(access = read)]
    /// fn list_files() -> Result<Vec<String>, ToolError> {
    ///     Ok(Vec::new())
    /// }
    ///
    /// assert_eq!(airlock::tool!(list_files).tool().name(), "list_files");
    /// ```
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The description the model sees (the doc comment, for `#[airlock]`); empty if none
    /// was given.
    ///
    /// ```
    /// use airlock::{ToolError, airlock};
    ///
    /// /// Lists the files in the workspace.
    /// #[airlock(access = read)]
    /// fn list_files() -> Result<Vec<String>, ToolError> {
    ///     Ok(Vec::new())
    /// }
    ///
    /// let def = airlock::tool!(list_files);
    /// assert_eq!(def.tool().description(), "Lists the files in the workspace.");
    /// ```
    pub fn description(&self) -> &str {
        &self.description
    }

    /// The declared access; undeclared counts as [`Access::Execute`], the most dangerous.
    ///
    /// ```
    /// use airlock::policy::Access;
    /// use airlock::tool::Tool;
    ///
    /// static DECLARED: Tool = Tool::new("list_files").with_access(Access::Read);
    /// static UNDECLARED: Tool = Tool::new("run_script");
    /// assert_eq!(DECLARED.access(), Access::Read);
    /// assert_eq!(UNDECLARED.access(), Access::Execute);
    /// ```
    pub fn access(&self) -> Access {
        self.access.unwrap_or(Access::Execute)
    }

    /// The tool's own masking setting: [`Mask::Default`] unless declared.
    ///
    /// ```
    /// use airlock::tool::{Mask, Tool};
    ///
    /// static RAW: Tool = Tool::new("read_raw").with_mask(Mask::Off);
    /// assert_eq!(RAW.mask(), Mask::Off);
    /// assert_eq!(Tool::new("read").mask(), Mask::Default);
    /// ```
    pub fn mask(&self) -> Mask {
        self.mask
    }

    /// The tool's own output budget in characters, or `None` if it keeps the runtime's. The
    /// budget applied to a call is the smaller of the two.
    ///
    /// ```
    /// use airlock::tool::Tool;
    ///
    /// static BRIEF: Tool = Tool::new("summarize").with_max_output(500);
    /// assert_eq!(BRIEF.max_output(), Some(500));
    /// assert_eq!(Tool::new("ping").max_output(), None);
    /// ```
    pub fn max_output(&self) -> Option<usize> {
        self.max_output
    }

    /// The tool's own policy, compiled once (with the system clock; time windows are read
    /// at the runtime's time).
    pub(crate) fn engine(&self) -> Option<&Engine> {
        match self.engine.get() {
            Some(engine) => Some(engine),
            None => {
                let policy = self.policy?;
                Some(self.engine.get_or_init(|| Engine::new(policy.clone())))
            }
        }
    }

    /// Gives a tool made at run time its own policy. A tool that has one already keeps it
    /// and gets `policy` back.
    pub(crate) fn set_engine(&self, engine: Engine) -> Result<(), Box<Engine>> {
        self.engine.set(engine).map_err(Box::new)
    }
}
