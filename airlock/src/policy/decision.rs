//! The outcome of a policy check, and the rule that decided it.

use std::borrow::Cow;
use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use super::{Access, Glob, Rate};
use crate::wait::{in_words, millis};

/// Which policy made a decision, and the file it was loaded from (if any). Cheap to clone.
///
/// Its [`Display`](fmt::Display) is `NAME`, or `NAME (FILE)` for a policy loaded from a file
/// ([`Policy::from_toml_file`](super::Policy::from_toml_file) sets [`Policy::file`](super::Policy::file)):
///
/// ```rust
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// use airlock::Caller;
/// use airlock::policy::{Access, Policy};
///
/// let mut policy = Policy::from_toml_str(r#"name = "mail-agent""#)?;
/// policy.file = Some("policies/mail.toml".into());
/// let decision = policy.decide("list_mail", Access::Read, &Caller::new("agent-7"));
/// assert_eq!(decision.origin().to_string(), "mail-agent (policies/mail.toml)");
/// # Ok(())
/// # }
/// ```
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Origin(Arc<(Box<str>, Option<Box<str>>)>);

impl Origin {
    pub(crate) fn new(policy: &str, file: Option<&str>) -> Origin {
        Origin(Arc::new((policy.into(), file.map(Into::into))))
    }

    /// The policy's name.
    ///
    /// ```rust
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// use airlock::Caller;
    /// use airlock::policy::{Access, Policy};
    ///
    /// let policy = Policy::from_toml_str(r#"name = "mail-agent""#)?;
    /// let decision = policy.decide("list_mail", Access::Read, &Caller::new("agent-7"));
    /// assert_eq!(decision.origin().policy(), "mail-agent");
    /// # Ok(())
    /// # }
    /// ```
    pub fn policy(&self) -> &str {
        &self.0.0
    }

    /// The file the policy was loaded from, if it was.
    ///
    /// A preset was loaded from no file:
    ///
    /// ```rust
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// use airlock::Caller;
    /// use airlock::policy::{Access, READ_ONLY};
    ///
    /// let access: Access = "read".parse()?;
    /// let decision = READ_ONLY.decide("list_mail", access, &Caller::new("agent-7"));
    /// assert_eq!(decision.origin().file(), None);
    /// # Ok(())
    /// # }
    /// ```
    pub fn file(&self) -> Option<&str> {
        self.0.1.as_deref()
    }
}

impl fmt::Debug for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_string())
    }
}

impl fmt::Display for Origin {
    /// `NAME`, or `NAME (FILE)` for a policy loaded from a file.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.file() {
            Some(file) => write!(f, "{} ({file})", self.policy()),
            None => f.write_str(self.policy()),
        }
    }
}

/// Whether a call may run, and which policy and rule decided.
///
/// ```
/// use airlock::Caller;
/// use airlock::policy::{Access, READ_ONLY};
///
/// let d = READ_ONLY.decide("drop_table", Access::Delete, &Caller::anonymous());
/// assert!(!d.is_allowed());
/// assert_eq!(d.policy(), "READ_ONLY");
/// assert_eq!(d.rule(), "max_access");
/// assert_eq!(d.to_string(), "denied by READ_ONLY, rule max_access: declared delete, at most read is allowed");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decision {
    /// The call may run.
    Allowed {
        /// The policy that allowed it last (the most specific one, in a combination).
        origin: Origin,
        /// The rule: `allow <pattern>`, `tools.<pattern>`, `roles.<name>` or `default`.
        rule: Arc<str>,
    },
    /// The call may not run.
    Denied {
        /// The policy that denied it.
        origin: Origin,
        /// Why.
        denial: Denial,
    },
}

/// Why a policy denied a call.
///
/// A denial comes in three renderings: [`explain`](Denial::explain) for the model (it never
/// names a deny pattern), [`remedy`](Denial::remedy) and [`Display`](fmt::Display) for the
/// operator. Match on it to act on the reason:
///
/// ```rust
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// use airlock::Caller;
/// use airlock::policy::{Access, Denial, Policy};
///
/// let policy = Policy::from_toml_str(r#"
/// max_access = "write"
/// deny = ["*_purge"]
/// "#)?;
/// let decision = policy.decide("send_mail", Access::Execute, &Caller::new("agent-7"));
/// let Some(Denial::AccessCeiling { declared, max }) = decision.denial() else {
///     return Err(format!("not a ceiling: {decision}").into());
/// };
/// assert_eq!((*declared, *max), (Access::Execute, Access::Write));
///
/// let purge = policy.decide("mail_purge", Access::Read, &Caller::new("agent-7"));
/// let denial = purge.denial().ok_or("mail_purge was allowed")?;
/// assert!(matches!(denial, Denial::DenyRule { .. }));
/// assert_eq!(denial.to_string(), "the tool matches deny rule `*_purge`");
/// assert_eq!(denial.explain(), "this tool is not available to you");
/// # Ok(())
/// # }
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Denial {
    /// A deny rule matched the tool's name.
    DenyRule {
        /// The rule's pattern (never shown to the model).
        pattern: Glob,
    },
    /// The policy denies tools no rule names, and none named this one.
    NotAllowed,
    /// The tool's declared access is above the policy's ceiling.
    AccessCeiling {
        /// What the tool declared.
        declared: Access,
        /// The most the policy allows.
        max: Access,
    },
    /// The policy requires an identified caller.
    Anonymous,
    /// The caller holds none of the roles the policy requires.
    MissingRole {
        /// The roles of which one is needed.
        any_of: Vec<Cow<'static, str>>,
    },
    /// A per-tool rule (`[tools."PATTERN"]`) denies the tool.
    ToolDenied {
        /// The rule's pattern (never shown to the model).
        tool: Glob,
    },
    /// A per-tool rule's access ceiling is below the tool's declared access.
    ToolCeiling {
        /// The rule's pattern.
        tool: Glob,
        /// What the tool declared.
        declared: Access,
        /// The most the rule allows.
        max: Access,
    },
    /// A role the caller holds denies the tool.
    RoleDenied {
        /// The role.
        role: String,
        /// The role's deny pattern (never shown to the model).
        pattern: Glob,
    },
    /// None of the caller's roles allows the tool.
    NoRole {
        /// The caller's roles (known to the caller already).
        held: Vec<String>,
    },
    /// A role of the caller allows the tool, but not at its declared access.
    RoleCeiling {
        /// The role allowing the highest access.
        role: String,
        /// What the tool declared.
        declared: Access,
        /// The most that role allows.
        max: Access,
    },
    /// The call falls outside a time window.
    OutsideWindow {
        /// The window's name.
        window: String,
        /// When it is open, in words: `Mon–Fri 09:00–17:00 America/New_York`.
        open: String,
        /// How long until it opens, if it ever does.
        opens_in: Option<Duration>,
    },
    /// A time window cannot be evaluated (its time zone is unknown): it fails closed.
    BrokenWindow {
        /// The window's name.
        window: String,
        /// What is wrong with it.
        problem: String,
    },
    /// A rate limit is exhausted for now.
    RateLimited {
        /// The limit's name.
        limit: String,
        /// Its rate.
        rate: Rate,
        /// How long until a call can succeed.
        retry_after: Duration,
    },
}

impl Denial {
    /// The name of the rule that denied: `deny <pattern>`, `default`, `max_access`,
    /// `require_caller`, `require_roles`, `tools.<pattern>`, `roles.<name>`, `roles`,
    /// `windows.<name>` or `limits.<name>`.
    ///
    /// It names the rule as written in the policy, deny patterns included: for operators
    /// and audit, not for the model.
    ///
    /// ```rust
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// use airlock::Caller;
    /// use airlock::policy::{Access, Policy};
    ///
    /// let policy = Policy::from_toml_str(r#"
    /// [roles.reader]
    /// allow = ["list_*"]
    /// max_access = "read"
    /// "#)?;
    /// let reader = Caller::new("agent-7").with_roles(["reader"]);
    /// let decision = policy.decide("list_mail", Access::Write, &reader);
    /// assert_eq!(decision.denial().ok_or("allowed")?.rule(), "roles.reader");
    /// # Ok(())
    /// # }
    /// ```
    pub fn rule(&self) -> Cow<'static, str> {
        match self {
            Denial::DenyRule { pattern } => Cow::Owned(format!("deny {pattern}")),
            Denial::NotAllowed => Cow::Borrowed("default"),
            Denial::AccessCeiling { .. } => Cow::Borrowed("max_access"),
            Denial::Anonymous => Cow::Borrowed("require_caller"),
            Denial::MissingRole { .. } => Cow::Borrowed("require_roles"),
            Denial::ToolDenied { tool } | Denial::ToolCeiling { tool, .. } => {
                Cow::Owned(format!("tools.{tool}"))
            }
            Denial::RoleDenied { role, .. } | Denial::RoleCeiling { role, .. } => {
                Cow::Owned(format!("roles.{role}"))
            }
            Denial::NoRole { .. } => Cow::Borrowed("roles"),
            Denial::OutsideWindow { window, .. } | Denial::BrokenWindow { window, .. } => {
                Cow::Owned(format!("windows.{window}"))
            }
            Denial::RateLimited { limit, .. } => Cow::Owned(format!("limits.{limit}")),
        }
    }

    /// What a model or user may be told, and what would have to change: never a deny
    /// pattern or any other rule the caller does not need to know.
    ///
    /// A deny rule is not named, a window says when it opens:
    ///
    /// ```rust
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// use airlock::Caller;
    /// use airlock::policy::{Access, Policy};
    ///
    /// let policy = Policy::from_toml_str(r#"
    /// deny = ["drop_*"]
    /// time_zone = "UTC"
    ///
    /// [windows.office]
    /// min_access = "write"
    /// open = ["Mon-Fri 09:00-17:00"]
    /// "#)?;
    /// let me = Caller::new("agent-7");
    /// let dropped = policy.decide("drop_table", Access::Read, &me);
    /// assert_eq!(dropped.denial().ok_or("allowed")?.explain(), "this tool is not available to you");
    ///
    /// let sunday_noon = "2026-11-22T12:00:00Z".parse()?;
    /// let late = policy.decide_at("send_mail", Access::Write, &me, sunday_noon);
    /// assert_eq!(
    ///     late.denial().ok_or("allowed")?.explain(),
    ///     "allowed Mon–Fri 09:00–17:00 UTC; opens in 21h",
    /// );
    /// # Ok(())
    /// # }
    /// ```
    pub fn explain(&self) -> Cow<'static, str> {
        match self {
            Denial::DenyRule { .. } | Denial::ToolDenied { .. } | Denial::RoleDenied { .. } => {
                Cow::Borrowed("this tool is not available to you")
            }
            Denial::NotAllowed => {
                Cow::Borrowed("this tool is not on the list of tools you may use")
            }
            Denial::AccessCeiling { declared, max } | Denial::ToolCeiling { declared, max, .. } => {
                Cow::Owned(format!(
                    "it is declared {declared} and only {} tools are allowed",
                    ceiling(*max)
                ))
            }
            Denial::Anonymous => Cow::Borrowed("the caller must be identified"),
            Denial::MissingRole { any_of } => Cow::Owned(format!(
                "it requires one of the roles: {}",
                any_of.join(", ")
            )),
            Denial::NoRole { held } if held.is_empty() => {
                Cow::Borrowed("it requires a role, and the caller holds none")
            }
            Denial::NoRole { held } => Cow::Owned(format!(
                "none of your roles ({}) may use this tool",
                held.join(", ")
            )),
            Denial::RoleCeiling {
                role,
                declared,
                max,
            } => Cow::Owned(format!(
                "it is declared {declared} and your role {role} may use only {} tools",
                ceiling(*max)
            )),
            Denial::OutsideWindow { open, opens_in, .. } => {
                Cow::Owned(window_text(open, *opens_in))
            }
            Denial::BrokenWindow { .. } => Cow::Borrowed(
                "its time window cannot be checked, so it is closed; an operator must fix the policy",
            ),
            Denial::RateLimited { retry_after, .. } => Cow::Owned(format!(
                "the rate limit is reached; retry in {}",
                in_words(millis(*retry_after))
            )),
        }
    }

    /// What would have to change for the call to be allowed, for the operator (it may name
    /// rules the model must not see).
    ///
    /// ```rust
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// use airlock::Caller;
    /// use airlock::policy::{Access, READ_ONLY, STRICT};
    ///
    /// let me = Caller::new("agent-7");
    /// let write = READ_ONLY.decide("send_mail", Access::Write, &me);
    /// assert_eq!(
    ///     write.denial().ok_or("allowed")?.remedy(),
    ///     "raise `max_access` to write, or use a tool declared lower",
    /// );
    /// let unlisted = STRICT.decide("list_mail", Access::Read, &me);
    /// assert_eq!(
    ///     unlisted.denial().ok_or("allowed")?.remedy(),
    ///     "add the tool to `allow` or give it a [tools.\"NAME\"] table",
    /// );
    /// # Ok(())
    /// # }
    /// ```
    pub fn remedy(&self) -> String {
        match self {
            Denial::DenyRule { pattern } => {
                format!("remove or narrow the deny rule `{pattern}`")
            }
            Denial::NotAllowed => {
                "add the tool to `allow` or give it a [tools.\"NAME\"] table".to_owned()
            }
            Denial::AccessCeiling { declared, .. } => {
                format!("raise `max_access` to {declared}, or use a tool declared lower")
            }
            Denial::Anonymous => {
                "call with an identified caller, or set `require_caller = false`".to_owned()
            }
            Denial::MissingRole { any_of } => {
                format!("give the caller one of the roles {}", any_of.join(", "))
            }
            Denial::ToolDenied { tool } => format!("remove `deny = true` from [tools.\"{tool}\"]"),
            Denial::ToolCeiling { tool, declared, .. } => {
                format!("raise `max_access` of [tools.\"{tool}\"] to {declared}")
            }
            Denial::RoleDenied { role, pattern } => {
                format!("remove `{pattern}` from the deny list of role {role}, or call without that role")
            }
            Denial::NoRole { .. } => {
                "give the caller a role whose `allow` matches the tool, or add the tool to one of its roles".to_owned()
            }
            Denial::RoleCeiling { role, declared, .. } => {
                format!("raise `max_access` of role {role} to {declared}")
            }
            Denial::OutsideWindow {
                window, opens_in, ..
            } => match opens_in {
                Some(wait) => format!(
                    "call again in {}, or widen window {window}",
                    in_words(millis(*wait))
                ),
                None => format!("give window {window} an opening"),
            },
            Denial::BrokenWindow { window, problem } => {
                format!("fix window {window}: {problem}")
            }
            Denial::RateLimited {
                limit,
                retry_after,
                ..
            } => format!(
                "wait {}, or raise limit {limit}",
                in_words(millis(*retry_after))
            ),
        }
    }
}

/// `allowed Mon–Fri 09:00–17:00 America/New_York; opens in 14h 3m`.
pub(crate) fn window_text(open: &str, opens_in: Option<Duration>) -> String {
    match opens_in {
        Some(wait) => format!("allowed {open}; opens in {}", in_words(millis(wait))),
        None => format!("allowed {open}; it never opens"),
    }
}

fn ceiling(max: Access) -> &'static str {
    match max {
        Access::Read => "read",
        Access::Write => "read and write",
        Access::Delete => "read, write and delete",
        Access::Execute => "any",
    }
}

impl fmt::Display for Denial {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Denial::DenyRule { pattern } => write!(f, "the tool matches deny rule `{pattern}`"),
            Denial::NotAllowed => {
                f.write_str("no allow rule names the tool and the default is deny")
            }
            Denial::AccessCeiling { declared, max } | Denial::ToolCeiling { declared, max, .. } => {
                write!(f, "declared {declared}, at most {max} is allowed")
            }
            Denial::Anonymous => {
                f.write_str("the caller is anonymous and the policy requires an identity")
            }
            Denial::MissingRole { any_of } => {
                write!(
                    f,
                    "the caller holds none of the roles {}",
                    any_of.join(", ")
                )
            }
            Denial::ToolDenied { tool } => write!(f, "the tool rule `{tool}` denies it"),
            Denial::RoleDenied { role, pattern } => {
                write!(f, "role {role} denies it (`{pattern}`)")
            }
            Denial::NoRole { held } if held.is_empty() => {
                f.write_str("the caller holds no role, and the policy allows tools by role")
            }
            Denial::NoRole { held } => {
                write!(f, "no role of the caller ({}) allows it", held.join(", "))
            }
            Denial::RoleCeiling {
                role,
                declared,
                max,
            } => write!(f, "declared {declared}, role {role} allows at most {max}"),
            Denial::OutsideWindow { open, opens_in, .. } => {
                f.write_str(&window_text(open, *opens_in))
            }
            Denial::BrokenWindow { problem, .. } => write!(f, "the window is broken: {problem}"),
            Denial::RateLimited {
                rate, retry_after, ..
            } => write!(
                f,
                "over {rate}; retry in {}",
                in_words(millis(*retry_after))
            ),
        }
    }
}

impl Decision {
    /// Whether the call may run.
    ///
    /// ```rust
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// use airlock::Caller;
    /// use airlock::policy::{Access, Policy};
    ///
    /// let policy = Policy::from_toml_str(r#"deny = ["delete_*"]"#)?;
    /// let me = Caller::new("agent-7");
    /// assert!(policy.decide("get_user", Access::Read, &me).is_allowed());
    /// assert!(!policy.decide("Delete_User", Access::Delete, &me).is_allowed());
    /// # Ok(())
    /// # }
    /// ```
    pub fn is_allowed(&self) -> bool {
        matches!(self, Decision::Allowed { .. })
    }

    /// The deciding policy and its file.
    ///
    /// In a combination, the policy that denied (or the last one, if all allowed):
    ///
    /// ```rust
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// use airlock::Caller;
    /// use airlock::policy::{Access, Policy, PERMISSIVE};
    ///
    /// let ops = Policy::from_toml_str(r#"
    /// name = "ops"
    /// require_roles = ["ops"]
    /// "#)?;
    /// let d = Policy::decide_all([&PERMISSIVE, &ops], "restart", Access::Execute, &Caller::new("agent-7"));
    /// assert_eq!(d.origin().policy(), "ops");
    /// assert_eq!(d.origin().to_string(), "ops");
    /// # Ok(())
    /// # }
    /// ```
    pub fn origin(&self) -> &Origin {
        match self {
            Decision::Allowed { origin, .. } | Decision::Denied { origin, .. } => origin,
        }
    }

    /// The name of the deciding policy (the same as `origin().policy()`).
    ///
    /// ```rust
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// use airlock::Caller;
    /// use airlock::policy::{Access, Policy};
    ///
    /// let policy = Policy::from_toml_str(r#"name = "mail-agent""#)?;
    /// assert_eq!(policy.decide("list_mail", Access::Read, &Caller::new("agent-7")).policy(), "mail-agent");
    /// # Ok(())
    /// # }
    /// ```
    pub fn policy(&self) -> &str {
        self.origin().policy()
    }

    /// The file the deciding policy was loaded from, if it was (the same as
    /// `origin().file()`).
    ///
    /// ```rust
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// use airlock::Caller;
    /// use airlock::policy::{Access, Policy};
    ///
    /// let mut policy = Policy::from_toml_str(r#"default = "deny""#)?;
    /// policy.file = Some("policies/agent.toml".into());
    /// let d = policy.decide("list_mail", Access::Read, &Caller::new("agent-7"));
    /// assert_eq!(d.file(), Some("policies/agent.toml"));
    /// # Ok(())
    /// # }
    /// ```
    pub fn file(&self) -> Option<&str> {
        self.origin().file()
    }

    /// The name of the deciding rule: for a denial, [`Denial::rule`]; for an allowed call,
    /// `allow <pattern>`, `tools.<pattern>`, `roles.<name>` or `default` (no rule named the
    /// tool and the default allows).
    ///
    /// ```rust
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// use airlock::Caller;
    /// use airlock::policy::{Access, Policy};
    ///
    /// let policy = Policy::from_toml_str(r#"
    /// default = "deny"
    /// allow = ["list_*"]
    ///
    /// [tools.send_mail]
    /// max_access = "write"
    /// "#)?;
    /// let me = Caller::new("agent-7");
    /// assert_eq!(policy.decide("list_mail", Access::Read, &me).rule(), "allow list_*");
    /// assert_eq!(policy.decide("send_mail", Access::Write, &me).rule(), "tools.send_mail");
    /// assert_eq!(policy.decide("drop_mail", Access::Read, &me).rule(), "default");
    /// # Ok(())
    /// # }
    /// ```
    pub fn rule(&self) -> Cow<'_, str> {
        match self {
            Decision::Allowed { rule, .. } => Cow::Borrowed(rule),
            Decision::Denied { denial, .. } => denial.rule(),
        }
    }

    /// Why the call was denied, if it was.
    ///
    /// ```rust
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// use airlock::Caller;
    /// use airlock::policy::{Access, Denial, Policy};
    ///
    /// let policy = Policy::from_toml_str("require_caller = true")?;
    /// assert_eq!(policy.decide("list_mail", Access::Read, &Caller::new("agent-7")).denial(), None);
    /// let anonymous = policy.decide("list_mail", Access::Read, &Caller::anonymous());
    /// assert_eq!(anonymous.denial(), Some(&Denial::Anonymous));
    /// # Ok(())
    /// # }
    /// ```
    pub fn denial(&self) -> Option<&Denial> {
        match self {
            Decision::Allowed { .. } => None,
            Decision::Denied { denial, .. } => Some(denial),
        }
    }
}

impl fmt::Display for Decision {
    /// The full reason, for operators and audit (it may name deny patterns: do not show it
    /// to a model; [`ToolError`](crate::ToolError) renders decisions for models).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Decision::Allowed { origin, rule } => write!(f, "allowed by {origin}, rule {rule}"),
            Decision::Denied { origin, denial } => {
                write!(f, "denied by {origin}, rule {}: {denial}", denial.rule())
            }
        }
    }
}
