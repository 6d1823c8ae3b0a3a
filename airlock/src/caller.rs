//! Who is calling a tool: an agent's identity and roles.

use std::borrow::Cow;
use std::fmt;

/// The identity a tool call is made under: an agent id and the roles it holds.
///
/// A caller travels with the call: [`Toolbox::call`](crate::Toolbox::call) takes one, and a
/// framework adapter scopes one with [`Airlock::scope`](crate::Airlock::scope). A call made
/// outside any scope is [anonymous](Caller::anonymous).
///
/// ```
/// use airlock::Caller;
///
/// let caller = Caller::new("mail-agent").with_roles(["reader", "triage"]);
/// assert_eq!(caller.id(), Some("mail-agent"));
/// assert!(caller.has_role("READER"));
/// assert!(!Caller::anonymous().is_identified());
/// ```
#[derive(Clone, PartialEq, Eq, Hash, Default)]
pub struct Caller {
    id: Option<Cow<'static, str>>,
    roles: Vec<Cow<'static, str>>,
}

impl Caller {
    /// A caller with no identity and no roles.
    pub const fn anonymous() -> Caller {
        Caller {
            id: None,
            roles: Vec::new(),
        }
    }

    /// A caller identified as `id`, with no roles yet. An empty `id` identifies nobody: the
    /// caller is [anonymous](Caller::anonymous), and policies that require a caller refuse
    /// it.
    ///
    /// ```
    /// use airlock::Caller;
    ///
    /// assert!(Caller::new("mail-agent").is_identified());
    /// assert_eq!(Caller::new(""), Caller::anonymous());
    /// ```
    pub fn new(id: impl Into<Cow<'static, str>>) -> Caller {
        let id = id.into();
        Caller {
            id: (!id.is_empty()).then_some(id),
            roles: Vec::new(),
        }
    }

    /// Adds roles.
    #[must_use]
    pub fn with_roles<R: Into<Cow<'static, str>>>(
        mut self,
        roles: impl IntoIterator<Item = R>,
    ) -> Caller {
        self.roles.extend(roles.into_iter().map(Into::into));
        self
    }

    /// The agent id, if the caller is identified.
    pub fn id(&self) -> Option<&str> {
        self.id.as_deref()
    }

    /// Whether the caller has an identity.
    pub fn is_identified(&self) -> bool {
        self.id.is_some()
    }

    /// The caller's roles, as given.
    pub fn roles(&self) -> impl Iterator<Item = &str> {
        self.roles.iter().map(|r| &**r)
    }

    /// Whether the caller holds `role` (ASCII case-insensitive).
    pub fn has_role(&self, role: &str) -> bool {
        self.roles.iter().any(|r| r.eq_ignore_ascii_case(role))
    }
}

impl fmt::Debug for Caller {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Caller")
            .field("id", &self.id())
            .field("roles", &self.roles)
            .finish()
    }
}

impl fmt::Display for Caller {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.id() {
            Some(id) => f.write_str(id),
            None => f.write_str("an anonymous caller"),
        }
    }
}
