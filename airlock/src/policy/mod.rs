//! Policies: which tools may run, for whom, at what access level.
//!
//! A [`Policy`] is plain data (serde): deny globs, allow globs with a default for tools no
//! rule names, an access ceiling checked against the tool's *declared* [`Access`], required
//! roles and whether the caller must be identified. Policies combine deny-overrides: a call
//! runs only if the tool's own policy and the runtime's global policy both allow it
//! ([`Policy::decide_all`]). Every [`Decision`] names the policy and rule that made it.
//!
//! ```
//! use airlock::Caller;
//! use airlock::policy::{Access, Policy, READ_ONLY, STRICT};
//!
//! let reader = Caller::new("agent-7");
//! assert!(READ_ONLY.decide("list_messages", Access::Read, &reader).is_allowed());
//! // Declared access decides, never the name:
//! let d = READ_ONLY.decide("get_and_delete_user", Access::Delete, &reader);
//! assert!(!d.is_allowed());
//! assert_eq!(d.rule(), "max_access");
//! // STRICT allows only what it names, for identified callers.
//! let strict = STRICT.clone().allow("list_*");
//! assert!(strict.decide("list_messages", Access::Read, &reader).is_allowed());
//! assert!(!strict.decide("list_messages", Access::Read, &Caller::anonymous()).is_allowed());
//! assert!(!strict.decide("send_mail", Access::Read, &reader).is_allowed());
//! ```

mod access;
mod clock;
mod decision;
mod engine;
mod file;
mod glob;
mod limiter;
mod lint;
mod rate;
mod rules;
mod window;

use std::borrow::Cow;

pub use access::{Access, UnknownAccess};
pub use clock::{Clock, ManualClock};
pub use decision::{Decision, Denial, Origin};
pub use engine::Engine;
pub(crate) use engine::admit_all as admit_all_engines;
pub use file::{ENV_VARIABLES, PolicyError};
pub use glob::Glob;
pub use lint::{Finding as LintFinding, Severity as LintSeverity};
pub use rate::{Rate, RateError};
pub use rules::{LimitRule, Per, Role, ToolRule, WindowRule};
pub use window::{Days, Schedule, Span, SpanError};

use crate::Caller;

/// What happens to a tool that no allow or deny rule names.
///
/// With `default = "deny"`, only the tools an allow rule or a `[tools]` table names may run:
///
/// ```rust
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// use airlock::Caller;
/// use airlock::policy::{Access, DefaultRule, Denial, Policy};
///
/// let policy = Policy::from_toml_str(r#"
/// default = "deny"
/// allow = ["list_*"]
/// "#)?;
/// assert_eq!(policy.default, DefaultRule::Deny);
/// let me = Caller::new("agent-7");
/// assert!(policy.decide("list_mail", Access::Read, &me).is_allowed());
/// assert_eq!(policy.decide("send_mail", Access::Read, &me).denial(), Some(&Denial::NotAllowed));
/// # Ok(())
/// # }
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DefaultRule {
    /// It may run (subject to the other rules).
    Allow,
    /// It may not run: only tools an allow rule names do.
    Deny,
}

/// Rules deciding whether a tool call may run; see the [module docs](self).
///
/// Build one from a preset ([`PERMISSIVE`], [`READ_ONLY`], [`STRICT`]) with the builder-style
/// methods, write one as a `const`, or deserialize one. Unknown fields are errors when
/// deserializing: a typo in a deny rule must not silently allow.
///
/// ```rust
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// use airlock::policy::{Access, DefaultRule, Glob, Policy};
///
/// // Lists of rules in a `const` are `const`s of their own.
/// const MAIL_TOOLS: &[Glob] = &[Glob::from_static("mail_*")];
/// const PURGES: &[Glob] = &[Glob::from_static("mail_purge*")];
/// const MAIL: Policy = Policy::new("mail")
///     .with_default(DefaultRule::Deny)
///     .with_allow(MAIL_TOOLS)
///     .with_deny(PURGES)
///     .with_max_access(Access::Write);
///
/// let parsed: Policy = serde_json::from_str(
///     r#"{"name": "mail", "default": "deny", "allow": ["mail_*"], "deny": ["mail_purge*"], "max_access": "write"}"#,
/// )?;
/// assert_eq!(parsed, MAIL);
/// assert!(serde_json::from_str::<Policy>(r#"{"deny_tools": ["x"]}"#).is_err());
/// # Ok(())
/// # }
/// ```
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Policy {
    /// A name for decisions and audit records.
    #[serde(default = "unnamed")]
    pub name: Cow<'static, str>,
    /// What happens to tools no rule names.
    #[serde(default = "allow_by_default")]
    pub default: DefaultRule,
    /// Tools that may run (needed when `default` is `deny`).
    #[serde(default)]
    pub allow: Cow<'static, [Glob]>,
    /// Tools that may never run, whatever else allows them.
    #[serde(default)]
    pub deny: Cow<'static, [Glob]>,
    /// The most dangerous declared access a tool may have.
    #[serde(default = "any_access")]
    pub max_access: Access,
    /// If not empty, the caller must hold at least one of these roles.
    #[serde(default)]
    pub require_roles: Cow<'static, [Cow<'static, str>]>,
    /// Whether the caller must be identified.
    #[serde(default)]
    pub require_caller: bool,
    /// Roles and what they may use. When there are any, a call needs a role of the caller
    /// that allows it (`[roles.NAME]` tables in a file).
    #[serde(
        default,
        with = "rules::keyed",
        skip_serializing_if = "<[_]>::is_empty"
    )]
    pub roles: Cow<'static, [Role]>,
    /// Rules for tools by name or glob (`[tools."PATTERN"]` tables).
    #[serde(
        default,
        with = "rules::keyed",
        skip_serializing_if = "<[_]>::is_empty"
    )]
    pub tools: Cow<'static, [ToolRule]>,
    /// When tools may run (`[windows.NAME]` tables).
    #[serde(
        default,
        with = "rules::keyed",
        skip_serializing_if = "<[_]>::is_empty"
    )]
    pub windows: Cow<'static, [WindowRule]>,
    /// How often tools may run (`[limits.NAME]` tables).
    #[serde(
        default,
        with = "rules::keyed",
        skip_serializing_if = "<[_]>::is_empty"
    )]
    pub limits: Cow<'static, [LimitRule]>,
    /// The time zone of windows that do not name one: an IANA name or `local` (the default).
    #[serde(default = "local_zone", deserialize_with = "file::zone")]
    pub time_zone: Cow<'static, str>,
    /// The file the policy was loaded from, named in its decisions.
    #[serde(skip)]
    pub file: Option<Cow<'static, str>>,
}

/// Puts a borrowed list in `slot`, in a `const fn`.
const fn put_borrowed<T: Clone + 'static>(slot: &mut Cow<'static, [T]>, list: &'static [T]) {
    let replaced = std::mem::replace(slot, Cow::Borrowed(list));
    // A `const fn` cannot run destructors. In const use the list replaced is always
    // borrowed, so forgetting it frees nothing; at run time use the adding methods.
    std::mem::forget(replaced);
}

/// A user's text as an error message quotes it: at most 40 characters.
fn quoted(text: &str) -> String {
    text.chars().take(40).collect()
}

fn unnamed() -> Cow<'static, str> {
    Cow::Borrowed("policy")
}
fn allow_by_default() -> DefaultRule {
    DefaultRule::Allow
}
fn any_access() -> Access {
    Access::Execute
}
fn local_zone() -> Cow<'static, str> {
    Cow::Borrowed("local")
}

/// Everything may run, for anyone.
///
/// It is the [`Default`] policy, and what a policy file that sets nothing but the name reads
/// as:
///
/// ```rust
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// use airlock::Caller;
/// use airlock::policy::{Access, Policy, PERMISSIVE};
///
/// assert!(PERMISSIVE.decide("rm_rf", Access::Execute, &Caller::anonymous()).is_allowed());
/// assert_eq!(Policy::default(), PERMISSIVE);
/// assert_eq!(Policy::from_toml_str(r#"name = "PERMISSIVE""#)?, PERMISSIVE);
/// # Ok(())
/// # }
/// ```
pub const PERMISSIVE: Policy = Policy::new("PERMISSIVE");

/// Only tools declared `read` may run.
///
/// The ceiling is on the tool's *declared* access, whatever its name says; in a file it is
/// `max_access = "read"`:
///
/// ```rust
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// use airlock::Caller;
/// use airlock::policy::{Access, Policy, READ_ONLY};
///
/// let me = Caller::new("agent-7");
/// assert!(READ_ONLY.decide("delete_draft", Access::Read, &me).is_allowed());
/// let d = READ_ONLY.decide("get_user", Access::Delete, &me);
/// assert_eq!(d.rule(), "max_access");
/// let file = Policy::from_toml_str("name = \"READ_ONLY\"\nmax_access = \"read\"")?;
/// assert_eq!(file, READ_ONLY);
/// # Ok(())
/// # }
/// ```
pub const READ_ONLY: Policy = Policy::new("READ_ONLY").with_max_access(Access::Read);

/// The spans of [`BUSINESS_HOURS`]: Monday to Friday, 09:00 to 17:00.
const WEEKDAYS_9_TO_5: &[Span] = &[match Span::new(Days::WEEKDAYS, (9, 0), (17, 0)) {
    Some(span) => span,
    // Evaluated at compile time: a bad span here fails the build, never a call.
    None => panic!("09:00-17:00 on weekdays is a valid span"),
}];

/// Write, delete and execute only in business hours (Mon–Fri 09:00–17:00 in the machine's
/// time zone; set another with [`Policy::time_zone`], `time_zone` in a file or
/// `AIRLOCK_POLICY_TIME_ZONE`); reads at any time.
///
/// ```rust
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// use airlock::Caller;
/// use airlock::policy::{Access, BUSINESS_HOURS};
///
/// let berlin = BUSINESS_HOURS.clone().time_zone("Europe/Berlin");
/// let saturday = "2026-11-28T11:00:00+01:00".parse()?;
/// let me = Caller::new("me");
/// assert!(berlin.decide_at("read_file", Access::Read, &me, saturday).is_allowed());
/// assert!(!berlin.decide_at("write_file", Access::Write, &me, saturday).is_allowed());
/// # Ok(())
/// # }
/// ```
pub const BUSINESS_HOURS: Policy = Policy::new("BUSINESS_HOURS").with_windows(BUSINESS_WINDOWS);

/// The window of [`BUSINESS_HOURS`], a `const` of its own so the preset can borrow it.
const BUSINESS_WINDOWS: &[WindowRule] =
    &[WindowRule::new("business_hours", WEEKDAYS_9_TO_5).with_min_access(Access::Write)];

/// Deny by default: only tools explicitly allowed (add them with [`Policy::allow`]), only
/// `read` access, only for identified callers.
///
/// Each of its three rules refuses on its own; in a file it is `default = "deny"`,
/// `max_access = "read"` and `require_caller = true`:
///
/// ```rust
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// use airlock::Caller;
/// use airlock::policy::{Access, Policy, STRICT};
///
/// let policy = STRICT.clone().allow("list_*");
/// let me = Caller::new("agent-7");
/// assert!(policy.decide("list_mail", Access::Read, &me).is_allowed());
/// assert_eq!(policy.decide("send_mail", Access::Read, &me).rule(), "default");
/// assert_eq!(policy.decide("list_mail", Access::Write, &me).rule(), "max_access");
/// assert_eq!(policy.decide("list_mail", Access::Read, &Caller::anonymous()).rule(), "require_caller");
///
/// let file = Policy::from_toml_str(r#"
/// name = "STRICT"
/// default = "deny"
/// max_access = "read"
/// require_caller = true
/// "#)?;
/// assert_eq!(file, STRICT);
/// # Ok(())
/// # }
/// ```
pub const STRICT: Policy = Policy::new("STRICT")
    .with_default(DefaultRule::Deny)
    .with_max_access(Access::Read)
    .with_require_caller(true);

impl Policy {
    /// A policy named `name` that allows everything: add restrictions with the `with_*`
    /// methods (usable in `const`) or the owned builder methods.
    ///
    /// A new policy allows even an anonymous caller to execute:
    ///
    /// ```rust
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// use airlock::Caller;
    /// use airlock::policy::{Access, Policy};
    ///
    /// const GATEWAY: Policy = Policy::new("gateway");
    /// let d = GATEWAY.decide("deploy", Access::Execute, &Caller::anonymous());
    /// assert!(d.is_allowed());
    /// assert_eq!((d.policy(), &*d.rule()), ("gateway", "default"));
    /// assert_eq!(Policy::from_toml_str(r#"name = "gateway""#)?, GATEWAY);
    /// # Ok(())
    /// # }
    /// ```
    pub const fn new(name: &'static str) -> Policy {
        Policy {
            name: Cow::Borrowed(name),
            default: DefaultRule::Allow,
            allow: Cow::Borrowed(&[]),
            deny: Cow::Borrowed(&[]),
            max_access: Access::Execute,
            require_roles: Cow::Borrowed(&[]),
            require_caller: false,
            roles: Cow::Borrowed(&[]),
            tools: Cow::Borrowed(&[]),
            windows: Cow::Borrowed(&[]),
            limits: Cow::Borrowed(&[]),
            time_zone: Cow::Borrowed("local"),
            file: None,
        }
    }

    /// Sets what happens to tools no rule names.
    ///
    /// A `const` policy that allows only the tools it lists:
    ///
    /// ```rust
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// use airlock::Caller;
    /// use airlock::policy::{Access, DefaultRule, Glob, Policy};
    ///
    /// const LISTED: &[Glob] = &[Glob::from_static("search_*")];
    /// const SEARCH_ONLY: Policy = Policy::new("search-only").with_default(DefaultRule::Deny).with_allow(LISTED);
    ///
    /// let access: Access = "read".parse()?;
    /// let me = Caller::new("agent-7");
    /// assert!(SEARCH_ONLY.decide("search_docs", access, &me).is_allowed());
    /// assert_eq!(SEARCH_ONLY.decide("read_docs", access, &me).rule(), "default");
    /// # Ok(())
    /// # }
    /// ```
    #[must_use]
    pub const fn with_default(mut self, default: DefaultRule) -> Policy {
        self.default = default;
        self
    }

    /// Replaces the allow rules (for `const` policies; at run time, add with [`Policy::allow`]).
    ///
    /// The rule that allowed a call is named in its decision:
    ///
    /// ```rust
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// use airlock::Caller;
    /// use airlock::policy::{Access, DefaultRule, Glob, Policy};
    ///
    /// const MAIL: &[Glob] = &[Glob::from_static("list_mail"), Glob::from_static("send_*")];
    /// const MAILER: Policy = Policy::new("mailer").with_default(DefaultRule::Deny).with_allow(MAIL);
    ///
    /// let d = MAILER.decide("send_mail", "write".parse::<Access>()?, &Caller::new("agent-7"));
    /// assert_eq!(d.rule(), "allow send_*");
    /// # Ok(())
    /// # }
    /// ```
    #[must_use]
    pub const fn with_allow(mut self, allow: &'static [Glob]) -> Policy {
        put_borrowed(&mut self.allow, allow);
        self
    }

    /// Replaces the deny rules (for `const` policies; at run time, add with [`Policy::deny`]).
    ///
    /// Deny rules win over allow rules, wherever they are written:
    ///
    /// ```rust
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// use airlock::Caller;
    /// use airlock::policy::{Access, Glob, Policy};
    ///
    /// const EVERYTHING: &[Glob] = &[Glob::from_static("*")];
    /// const PURGES: &[Glob] = &[Glob::from_static("*_purge")];
    /// const NO_PURGE: Policy = Policy::new("no-purge").with_allow(EVERYTHING).with_deny(PURGES);
    ///
    /// let d = NO_PURGE.decide("mail_purge", "read".parse::<Access>()?, &Caller::new("agent-7"));
    /// assert_eq!(d.rule(), "deny *_purge");
    /// # Ok(())
    /// # }
    /// ```
    #[must_use]
    pub const fn with_deny(mut self, deny: &'static [Glob]) -> Policy {
        put_borrowed(&mut self.deny, deny);
        self
    }

    /// Sets the access ceiling.
    ///
    /// Tools declared at most `write` may run; `delete` and `execute` may not:
    ///
    /// ```rust
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// use airlock::Caller;
    /// use airlock::policy::{Access, Policy};
    ///
    /// const NO_DELETE: Policy = Policy::new("no-delete").with_max_access(Access::Write);
    ///
    /// let me = Caller::new("agent-7");
    /// assert!(NO_DELETE.decide("save_draft", "write".parse()?, &me).is_allowed());
    /// assert!(!NO_DELETE.decide("drop_draft", "delete".parse()?, &me).is_allowed());
    /// # Ok(())
    /// # }
    /// ```
    #[must_use]
    pub const fn with_max_access(mut self, max: Access) -> Policy {
        self.max_access = max;
        self
    }

    /// Replaces the required roles (for `const` policies; at run time, add with
    /// [`Policy::require_role`]).
    ///
    /// Roles compare ignoring ASCII case:
    ///
    /// ```rust
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// use std::borrow::Cow;
    /// use airlock::Caller;
    /// use airlock::policy::{Access, Policy};
    ///
    /// const OPS: &[Cow<'static, str>] = &[Cow::Borrowed("ops"), Cow::Borrowed("sre")];
    /// const OPS_ONLY: Policy = Policy::new("ops-only").with_require_roles(OPS);
    ///
    /// let access: Access = "execute".parse()?;
    /// assert!(OPS_ONLY.decide("restart", access, &Caller::new("agent-7").with_roles(["SRE"])).is_allowed());
    /// let d = OPS_ONLY.decide("restart", access, &Caller::new("agent-7"));
    /// assert_eq!(d.rule(), "require_roles");
    /// # Ok(())
    /// # }
    /// ```
    #[must_use]
    pub const fn with_require_roles(mut self, roles: &'static [Cow<'static, str>]) -> Policy {
        put_borrowed(&mut self.require_roles, roles);
        self
    }

    /// Sets whether the caller must be identified.
    ///
    /// An anonymous caller (or one with an empty id) is refused:
    ///
    /// ```rust
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// use airlock::Caller;
    /// use airlock::policy::{Access, Policy};
    ///
    /// const IDENTIFIED: Policy = Policy::new("identified").with_require_caller(true);
    ///
    /// let access: Access = "read".parse()?;
    /// assert!(IDENTIFIED.decide("list_mail", access, &Caller::new("agent-7")).is_allowed());
    /// assert_eq!(IDENTIFIED.decide("list_mail", access, &Caller::new("")).rule(), "require_caller");
    /// # Ok(())
    /// # }
    /// ```
    #[must_use]
    pub const fn with_require_caller(mut self, required: bool) -> Policy {
        self.require_caller = required;
        self
    }

    /// Renames the policy.
    ///
    /// Decisions name the policy by its new name:
    ///
    /// ```rust
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// use airlock::Caller;
    /// use airlock::policy::{Access, READ_ONLY};
    ///
    /// let tenant = "acme";
    /// let policy = READ_ONLY.clone().named(format!("read-only/{tenant}"));
    /// let d = policy.decide("drop_table", "delete".parse::<Access>()?, &Caller::new("agent-7"));
    /// assert_eq!(d.policy(), "read-only/acme");
    /// # Ok(())
    /// # }
    /// ```
    #[must_use]
    pub fn named(mut self, name: impl Into<Cow<'static, str>>) -> Policy {
        self.name = name.into();
        self
    }

    /// Adds an allow rule.
    ///
    /// Allow rules matter when the default is deny, as in [`STRICT`]:
    ///
    /// ```rust
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// use airlock::Caller;
    /// use airlock::policy::{Access, STRICT};
    ///
    /// let policy = STRICT.clone().allow("list_*").allow("get_*");
    /// let me = Caller::new("agent-7");
    /// let read: Access = "read".parse()?;
    /// assert_eq!(policy.decide("get_user", read, &me).rule(), "allow get_*");
    /// assert!(!policy.decide("set_user", read, &me).is_allowed());
    /// # Ok(())
    /// # }
    /// ```
    #[must_use]
    pub fn allow(mut self, pattern: impl Into<Glob>) -> Policy {
        self.allow.to_mut().push(pattern.into());
        self
    }

    /// Adds a deny rule.
    ///
    /// A deny rule matches ignoring ASCII case, so it cannot be slipped past by changing case:
    ///
    /// ```rust
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// use airlock::Caller;
    /// use airlock::policy::{Access, PERMISSIVE};
    ///
    /// let policy = PERMISSIVE.clone().deny("delete_*");
    /// let d = policy.decide("DELETE_User", "read".parse::<Access>()?, &Caller::new("agent-7"));
    /// assert_eq!(d.rule(), "deny delete_*");
    /// # Ok(())
    /// # }
    /// ```
    #[must_use]
    pub fn deny(mut self, pattern: impl Into<Glob>) -> Policy {
        self.deny.to_mut().push(pattern.into());
        self
    }

    /// Adds a role of which the caller must hold at least one.
    ///
    /// A caller needs one of the roles, and must be identified to hold any:
    ///
    /// ```rust
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// use airlock::Caller;
    /// use airlock::policy::{Access, PERMISSIVE};
    ///
    /// let policy = PERMISSIVE.clone().require_role("ops").require_role("admin");
    /// let access: Access = "execute".parse()?;
    /// assert!(policy.decide("restart", access, &Caller::new("agent-7").with_roles(["admin"])).is_allowed());
    /// assert!(!policy.decide("restart", access, &Caller::new("agent-7").with_roles(["reader"])).is_allowed());
    /// assert!(!policy.decide("restart", access, &Caller::anonymous().with_roles(["admin"])).is_allowed());
    /// # Ok(())
    /// # }
    /// ```
    #[must_use]
    pub fn require_role(mut self, role: impl Into<Cow<'static, str>>) -> Policy {
        self.require_roles.to_mut().push(role.into());
        self
    }

    /// Adds a role (a role of the same name, ignoring case, is replaced).
    ///
    /// Once a policy has roles, a call needs a role that allows it; adding `READER` replaces
    /// `reader`:
    ///
    /// ```rust
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// use airlock::Caller;
    /// use airlock::policy::{Access, PERMISSIVE, Role};
    ///
    /// let policy = PERMISSIVE
    ///     .clone()
    ///     .role(Role::new("reader").allow("get_*"))
    ///     .role(Role::new("READER").allow("list_*").max_access(Access::Read));
    /// assert_eq!(policy.roles.len(), 1);
    ///
    /// let reader = Caller::new("agent-7").with_roles(["reader"]);
    /// let read: Access = "read".parse()?;
    /// assert_eq!(policy.decide("list_mail", read, &reader).rule(), "roles.READER");
    /// assert_eq!(policy.decide("get_mail", read, &reader).rule(), "roles");
    /// # Ok(())
    /// # }
    /// ```
    #[must_use]
    pub fn role(mut self, role: Role) -> Policy {
        let roles = self.roles.to_mut();
        roles.retain(|r| !r.name.eq_ignore_ascii_case(&role.name));
        roles.push(role);
        self
    }

    /// Adds a rule for the tools matching its pattern.
    ///
    /// A per-tool access ceiling below the policy's:
    ///
    /// ```rust
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// use airlock::Caller;
    /// use airlock::policy::{Access, PERMISSIVE, ToolRule};
    ///
    /// let policy = PERMISSIVE.clone().tool(ToolRule::new("shell_*").max_access(Access::Read));
    /// let me = Caller::new("agent-7");
    /// assert!(policy.decide("shell_ls", "read".parse()?, &me).is_allowed());
    /// assert_eq!(policy.decide("shell_exec", "execute".parse()?, &me).rule(), "tools.shell_*");
    /// assert!(policy.decide("deploy", "execute".parse()?, &me).is_allowed());
    /// # Ok(())
    /// # }
    /// ```
    #[must_use]
    pub fn tool(mut self, rule: ToolRule) -> Policy {
        self.tools.to_mut().push(rule);
        self
    }

    /// Adds a time window.
    ///
    /// A window built at run time (its spans owned, not `'static`) on deploys only:
    ///
    /// ```rust
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// use airlock::Caller;
    /// use airlock::policy::{Access, PERMISSIVE, Span, WindowRule};
    ///
    /// let office = WindowRule {
    ///     open: vec!["Mon-Fri 09:00-17:00".parse::<Span>()?].into(),
    ///     ..WindowRule::new("office", &[])
    /// };
    /// let policy = PERMISSIVE.clone().time_zone("UTC").window(office.tool("deploy"));
    /// let me = Caller::new("agent-7");
    /// let sunday = "2026-11-22T12:00:00Z".parse()?;
    /// assert_eq!(policy.decide_at("deploy", Access::Execute, &me, sunday).rule(), "windows.office");
    /// assert!(policy.decide_at("status", Access::Execute, &me, sunday).is_allowed());
    /// # Ok(())
    /// # }
    /// ```
    #[must_use]
    pub fn window(mut self, window: WindowRule) -> Policy {
        self.windows.to_mut().push(window);
        self
    }

    /// Replaces the time windows (for `const` policies; at run time, add with
    /// [`Policy::window`]).
    ///
    /// A `const` window, as [`BUSINESS_HOURS`] is made:
    ///
    /// ```rust
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// use airlock::Caller;
    /// use airlock::policy::{Access, Days, Policy, Span, WindowRule};
    ///
    /// const NIGHTS: &[Span] = &[match Span::new(Days::ALL, (22, 0), (6, 0)) {
    ///     Some(span) => span,
    ///     None => panic!("22:00-06:00 is a span"),
    /// }];
    /// const BATCH: &[WindowRule] = &[WindowRule::new("nights", NIGHTS).with_min_access(Access::Execute)];
    /// const NIGHTLY: Policy = Policy::new("nightly").with_windows(BATCH);
    ///
    /// let nightly = NIGHTLY.time_zone("UTC");
    /// let me = Caller::new("agent-7");
    /// let late = "2026-11-23T23:30:00Z".parse()?;
    /// let noon = "2026-11-23T12:00:00Z".parse()?;
    /// assert!(nightly.decide_at("rebuild_index", Access::Execute, &me, late).is_allowed());
    /// assert!(!nightly.decide_at("rebuild_index", Access::Execute, &me, noon).is_allowed());
    /// assert!(nightly.decide_at("read_index", Access::Read, &me, noon).is_allowed());
    /// # Ok(())
    /// # }
    /// ```
    #[must_use]
    pub const fn with_windows(mut self, windows: &'static [WindowRule]) -> Policy {
        put_borrowed(&mut self.windows, windows);
        self
    }

    /// Adds a rate limit.
    ///
    /// Limits are charged by an [`Engine`], never by [`Policy::decide`]:
    ///
    /// ```rust
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// use airlock::Caller;
    /// use airlock::policy::{Access, Engine, LimitRule, Per, PERMISSIVE};
    ///
    /// let policy = PERMISSIVE.clone().limit(LimitRule::new("deploys", "1/hour".parse()?).per(Per::Global));
    /// let me = Caller::new("agent-7");
    /// assert!(policy.decide("deploy", Access::Execute, &me).is_allowed());
    /// assert!(policy.decide("deploy", Access::Execute, &me).is_allowed());
    ///
    /// let engine = Engine::new(policy);
    /// assert!(engine.check("deploy", Access::Execute, &me).is_allowed());
    /// let other = Caller::new("agent-8");
    /// assert_eq!(engine.check("deploy", Access::Execute, &other).rule(), "limits.deploys");
    /// # Ok(())
    /// # }
    /// ```
    #[must_use]
    pub fn limit(mut self, limit: LimitRule) -> Policy {
        self.limits.to_mut().push(limit);
        self
    }

    /// Sets the time zone of windows that name none: an IANA name or `local`.
    ///
    /// The same instant is inside business hours in Tokyo and outside them in Berlin; a zone that
    /// cannot be resolved closes the window (it fails closed):
    ///
    /// ```rust
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// use airlock::Caller;
    /// use airlock::policy::{Access, BUSINESS_HOURS, Denial};
    ///
    /// let me = Caller::new("agent-7");
    /// let at = "2026-11-23T01:00:00Z".parse()?;
    /// let tokyo = BUSINESS_HOURS.clone().time_zone("Asia/Tokyo");
    /// let berlin = BUSINESS_HOURS.clone().time_zone("Europe/Berlin");
    /// assert!(tokyo.decide_at("write_file", Access::Write, &me, at).is_allowed());
    /// assert!(!berlin.decide_at("write_file", Access::Write, &me, at).is_allowed());
    ///
    /// let mars = BUSINESS_HOURS.clone().time_zone("Mars/Olympus");
    /// let d = mars.decide_at("write_file", Access::Write, &me, at);
    /// assert!(matches!(d.denial(), Some(Denial::BrokenWindow { .. })));
    /// # Ok(())
    /// # }
    /// ```
    #[must_use]
    pub fn time_zone(mut self, zone: impl Into<Cow<'static, str>>) -> Policy {
        self.time_zone = zone.into();
        self
    }

    /// Whether `caller` may call `tool`, declared with `access`, under this policy alone,
    /// now. Rate limits are not charged: they need the state an [`Engine`] keeps.
    ///
    /// Every rule is checked (deny overrides allow wherever it is written), in a fixed order
    /// so the same call always gets the same reason: deny rules, the default and allow rules,
    /// access ceilings, the caller's identity, required roles, the caller's roles, then time
    /// windows. For many calls, an [`Engine`] decides the same way much faster.
    ///
    /// A support agent may write but not delete; a reader may only read what its role lists:
    ///
    /// ```rust
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// use airlock::Caller;
    /// use airlock::policy::{Access, Policy};
    ///
    /// let policy = Policy::from_toml_str(r#"
    /// [roles.reader]
    /// allow = ["list_*", "get_*"]
    /// max_access = "read"
    ///
    /// [roles.support]
    /// allow = ["*"]
    /// deny = ["delete_*"]
    /// max_access = "write"
    /// "#)?;
    /// let reader = Caller::new("agent-7").with_roles(["reader"]);
    /// let support = Caller::new("agent-8").with_roles(["support"]);
    /// assert_eq!(policy.decide("get_ticket", Access::Read, &reader).rule(), "roles.reader");
    /// assert!(!policy.decide("close_ticket", Access::Write, &reader).is_allowed());
    /// assert_eq!(policy.decide("close_ticket", Access::Write, &support).rule(), "roles.support");
    /// assert_eq!(policy.decide("delete_ticket", Access::Delete, &support).rule(), "roles.support");
    /// assert!(!policy.decide("delete_ticket", Access::Delete, &support).is_allowed());
    /// # Ok(())
    /// # }
    /// ```
    pub fn decide(&self, tool: &str, access: Access, caller: &Caller) -> Decision {
        self.decide_at(tool, access, caller, jiff::Timestamp::now())
    }

    /// [`Policy::decide`] at the instant `at` (for time windows).
    ///
    /// ```rust
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// use airlock::Caller;
    /// use airlock::policy::{Access, BUSINESS_HOURS};
    ///
    /// let hours = BUSINESS_HOURS.clone().time_zone("America/New_York");
    /// let monday_8am = "2026-11-23T08:00:00-05:00".parse()?;
    /// let caller = Caller::new("agent-7");
    /// assert!(hours.decide_at("list_mail", Access::Read, &caller, monday_8am).is_allowed());
    /// let d = hours.decide_at("send_mail", Access::Write, &caller, monday_8am);
    /// assert_eq!(d.rule(), "windows.business_hours");
    /// assert_eq!(
    ///     d.denial().ok_or("allowed")?.explain(),
    ///     "allowed Mon–Fri 09:00–17:00 America/New_York; opens in 1h"
    /// );
    /// # Ok(())
    /// # }
    /// ```
    pub fn decide_at(
        &self,
        tool: &str,
        access: Access,
        caller: &Caller,
        at: jiff::Timestamp,
    ) -> Decision {
        engine::Compiled::new(self).decide(tool, access, caller, at)
    }

    /// Whether every one of `policies` allows the call (deny-overrides): the first denial,
    /// in order, decides; otherwise the last allowing decision is returned.
    ///
    /// ```
    /// use airlock::Caller;
    /// use airlock::policy::{Access, Policy, PERMISSIVE, READ_ONLY};
    ///
    /// let d = Policy::decide_all([&PERMISSIVE, &READ_ONLY], "send_mail", Access::Execute, &Caller::anonymous());
    /// assert!(!d.is_allowed());
    /// assert_eq!(d.policy(), "READ_ONLY");
    /// ```
    pub fn decide_all<'p>(
        policies: impl IntoIterator<Item = &'p Policy>,
        tool: &str,
        access: Access,
        caller: &Caller,
    ) -> Decision {
        let at = jiff::Timestamp::now();
        let mut last = engine::no_policy();
        for policy in policies {
            last = policy.decide_at(tool, access, caller, at);
            if !last.is_allowed() {
                return last;
            }
        }
        last
    }
}

impl std::default::Default for Policy {
    /// [`PERMISSIVE`].
    fn default() -> Policy {
        PERMISSIVE
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn anyone() -> Caller {
        Caller::new("a")
    }

    #[test]
    fn presets() {
        let c = anyone();
        assert!(
            PERMISSIVE
                .decide("rm_rf", Access::Execute, &Caller::anonymous())
                .is_allowed()
        );
        assert!(READ_ONLY.decide("read_x", Access::Read, &c).is_allowed());
        for a in [Access::Write, Access::Delete, Access::Execute] {
            let d = READ_ONLY.decide("read_x", a, &c);
            assert_eq!(
                d.denial(),
                Some(&Denial::AccessCeiling {
                    declared: a,
                    max: Access::Read
                })
            );
        }
        let strict = STRICT.clone().allow("read_*");
        assert_eq!(
            strict.decide("write_x", Access::Read, &c).denial(),
            Some(&Denial::NotAllowed)
        );
        assert_eq!(
            strict
                .decide("read_x", Access::Read, &Caller::anonymous())
                .denial(),
            Some(&Denial::Anonymous)
        );
        assert!(strict.decide("READ_X", Access::Read, &c).is_allowed());
    }

    #[test]
    fn deny_globs_ignore_case_and_override_allow() {
        let p = PERMISSIVE.clone().allow("*").deny("delete_*");
        let d = p.decide("Delete_User", Access::Read, &anyone());
        assert_eq!(d.rule(), "deny delete_*");
        assert!(p.decide("get_user", Access::Read, &anyone()).is_allowed());
    }

    #[test]
    fn roles() {
        let p = PERMISSIVE.clone().require_role("ops").require_role("admin");
        assert!(!p.decide("t", Access::Read, &anyone()).is_allowed());
        assert!(
            p.decide("t", Access::Read, &Caller::new("x").with_roles(["ADMIN"]))
                .is_allowed()
        );
    }

    #[test]
    fn deserializes_and_rejects_unknown_fields() {
        let p: Policy =
            serde_json::from_str(r#"{"deny": ["x*"], "require_caller": true}"#).unwrap();
        assert_eq!(p.deny.len(), 1);
        assert_eq!(p.name, "policy");
        let err = serde_json::from_str::<Policy>(r#"{"dney": ["x*"]}"#).unwrap_err();
        assert!(err.to_string().contains("unknown field `dney`"), "{err}");
    }

    fn policy() -> impl Strategy<Value = Policy> {
        let globs = prop::collection::vec("[ab*]{1,3}", 0..3);
        (
            globs.clone(),
            globs,
            prop::sample::select(Access::ALL.to_vec()),
            any::<bool>(),
            any::<bool>(),
        )
            .prop_map(|(allow, deny, max, deny_default, require_caller)| {
                let mut p = PERMISSIVE
                    .clone()
                    .with_max_access(max)
                    .with_require_caller(require_caller);
                if deny_default {
                    p = p.with_default(DefaultRule::Deny);
                }
                for g in allow {
                    p = p.allow(g.as_str());
                }
                for g in deny {
                    p = p.deny(g.as_str());
                }
                p
            })
    }

    proptest! {
        /// A deny rule that matches always wins, in any policy, at any position of the list.
        #[test]
        fn deny_overrides_allow_whatever_the_order(
            mut policies in prop::collection::vec(policy(), 1..4),
            tool in "[ab]{1,4}",
            at in 0usize..4,
            access in prop::sample::select(Access::ALL.to_vec()),
        ) {
            let denier = PERMISSIVE.clone().allow("*").deny(tool.as_str());
            let at = at.min(policies.len());
            policies.insert(at, denier);
            let d = Policy::decide_all(&policies, &tool, access, &Caller::new("x"));
            prop_assert!(!d.is_allowed());
            // And the combination allows only if each policy alone allows.
            let each = policies.iter().all(|p| p.decide(&tool, access, &Caller::new("x")).is_allowed());
            prop_assert_eq!(each, d.is_allowed());
        }
    }
}
