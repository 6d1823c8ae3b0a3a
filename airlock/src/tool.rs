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
/// `#[airlock]` builds one in a `static`; build one by hand for a tool without the attribute
/// (a closure registered with [`Toolbox::tool`](crate::Toolbox::tool) gets one from its
/// arguments).
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
    /// `execute`), no policy of its own, the runtime's masking and budget.
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

    /// The description the model sees.
    #[must_use]
    pub const fn with_description(mut self, description: &'static str) -> Tool {
        // A `const fn` cannot drop a `Cow`; the one replaced is always borrowed (only
        // `Tool::new` and these methods, which borrow, are public), so forgetting it leaks
        // nothing.
        let replaced = std::mem::replace(&mut self.description, Cow::Borrowed(description));
        std::mem::forget(replaced);
        self
    }

    /// What the tool does.
    #[must_use]
    pub const fn with_access(mut self, access: Access) -> Tool {
        self.access = Some(access);
        self
    }

    /// The tool's own policy, combined deny-overrides with the runtime's.
    #[must_use]
    pub const fn with_policy(mut self, policy: &'static Policy) -> Tool {
        self.policy = Some(policy);
        self
    }

    /// The tool's masking.
    #[must_use]
    pub const fn with_mask(mut self, mask: Mask) -> Tool {
        self.mask = mask;
        self
    }

    /// The tool's output budget in characters, which can only lower the runtime's. Values
    /// below 64 are raised to 64, so that the marker saying how much was cut fits.
    #[must_use]
    pub const fn with_max_output(mut self, chars: usize) -> Tool {
        self.max_output = Some(if chars < crate::sanitize::MIN_BUDGET {
            crate::sanitize::MIN_BUDGET
        } else {
            chars
        });
        self
    }

    /// The tool's name: the only name it is decided, charged and reported under.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The description the model sees (the doc comment, for `#[airlock]`).
    pub fn description(&self) -> &str {
        &self.description
    }

    /// The declared access; undeclared counts as [`Access::Execute`], the most dangerous.
    pub fn access(&self) -> Access {
        self.access.unwrap_or(Access::Execute)
    }

    /// The tool's own masking setting.
    pub fn mask(&self) -> Mask {
        self.mask
    }

    /// The tool's own output budget.
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
