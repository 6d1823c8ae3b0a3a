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
    /// A caller with no identity and no roles: who a guarded call made outside every scope
    /// runs as. Policies that require a caller or a role refuse it. Usable in `const` and
    /// `static` items.
    ///
    /// ```
    /// use airlock::Caller;
    ///
    /// static NOBODY: Caller = Caller::anonymous();
    /// assert_eq!(NOBODY.id(), None);
    /// assert_eq!(NOBODY.roles().count(), 0);
    /// assert_eq!(NOBODY.to_string(), "an anonymous caller");
    /// ```
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

    /// Adds `roles` to the ones the caller holds, after them, as given (matching ignores
    /// ASCII case; see [`Caller::has_role`]).
    ///
    /// ```
    /// use airlock::Caller;
    ///
    /// let caller = Caller::new("agent").with_roles(["reader"]).with_roles(vec![String::from("Support")]);
    /// assert_eq!(caller.roles().collect::<Vec<_>>(), ["reader", "Support"]);
    /// ```
    #[must_use]
    pub fn with_roles<R: Into<Cow<'static, str>>>(
        mut self,
        roles: impl IntoIterator<Item = R>,
    ) -> Caller {
        self.roles.extend(roles.into_iter().map(Into::into));
        self
    }

    /// The agent id, or `None` for an [anonymous](Caller::anonymous) caller.
    ///
    /// ```
    /// use airlock::Caller;
    ///
    /// assert_eq!(Caller::new("mail-agent").id(), Some("mail-agent"));
    /// assert_eq!(Caller::anonymous().id(), None);
    /// ```
    pub fn id(&self) -> Option<&str> {
        self.id.as_deref()
    }

    /// Whether the caller has an identity (a non-empty id), as policies with
    /// `require_caller` demand.
    ///
    /// ```
    /// use airlock::Caller;
    ///
    /// assert!(Caller::new("mail-agent").is_identified());
    /// assert!(!Caller::new("").is_identified());
    /// ```
    pub fn is_identified(&self) -> bool {
        self.id.is_some()
    }

    /// The caller's roles, as given and in the order given (duplicates included).
    ///
    /// ```
    /// use airlock::Caller;
    ///
    /// let caller = Caller::new("agent").with_roles(["reader", "triage"]);
    /// assert_eq!(caller.roles().collect::<Vec<_>>(), ["reader", "triage"]);
    /// ```
    pub fn roles(&self) -> impl Iterator<Item = &str> {
        self.roles.iter().map(|r| &**r)
    }

    /// Whether the caller holds `role`, ignoring ASCII case, as policies compare roles.
    ///
    /// ```
    /// use airlock::Caller;
    ///
    /// let caller = Caller::new("agent").with_roles(["Support"]);
    /// assert!(caller.has_role("support"));
    /// assert!(!caller.has_role("admin"));
    /// ```
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
