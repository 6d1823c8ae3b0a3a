//! The outcome of a policy check, and the rule that decided it.

use std::borrow::Cow;
use std::fmt;

use super::{Access, Glob};

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
/// assert_eq!(d.to_string(), "denied by READ_ONLY (max_access): declared delete, at most read is allowed");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decision {
    /// The call may run.
    Allowed {
        /// The policy that allowed it last (the most specific one, in a combination).
        policy: Cow<'static, str>,
        /// The rule: `allow <pattern>` or `default`.
        rule: Cow<'static, str>,
    },
    /// The call may not run.
    Denied {
        /// The policy that denied it.
        policy: Cow<'static, str>,
        /// Why.
        denial: Denial,
    },
}

/// Why a policy denied a call.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Denial {
    /// A deny rule matched the tool's name.
    DenyRule {
        /// The rule's pattern (never shown to the model).
        pattern: Glob,
    },
    /// The policy denies tools no allow rule names, and none named this one.
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
}

impl Denial {
    /// The name of the rule that denied: `deny <pattern>`, `default`, `max_access`,
    /// `require_caller` or `require_roles`.
    pub fn rule(&self) -> Cow<'static, str> {
        match self {
            Denial::DenyRule { pattern } => Cow::Owned(format!("deny {pattern}")),
            Denial::NotAllowed => Cow::Borrowed("default"),
            Denial::AccessCeiling { .. } => Cow::Borrowed("max_access"),
            Denial::Anonymous => Cow::Borrowed("require_caller"),
            Denial::MissingRole { .. } => Cow::Borrowed("require_roles"),
        }
    }

    /// What a model or user may be told, and what would have to change: never a deny
    /// pattern or any other rule the caller does not need to know.
    pub fn explain(&self) -> Cow<'static, str> {
        match self {
            Denial::DenyRule { .. } => Cow::Borrowed("this tool is not available to you"),
            Denial::NotAllowed => {
                Cow::Borrowed("this tool is not on the list of tools you may use")
            }
            Denial::AccessCeiling { declared, max } => Cow::Owned(format!(
                "it is declared {declared} and only {} tools are allowed",
                ceiling(*max)
            )),
            Denial::Anonymous => Cow::Borrowed("the caller must be identified"),
            Denial::MissingRole { any_of } => Cow::Owned(format!(
                "it requires one of the roles: {}",
                any_of.join(", ")
            )),
        }
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
            Denial::AccessCeiling { declared, max } => {
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
        }
    }
}

impl Decision {
    /// Whether the call may run.
    pub fn is_allowed(&self) -> bool {
        matches!(self, Decision::Allowed { .. })
    }

    /// The name of the deciding policy.
    pub fn policy(&self) -> &str {
        match self {
            Decision::Allowed { policy, .. } | Decision::Denied { policy, .. } => policy,
        }
    }

    /// The name of the deciding rule.
    pub fn rule(&self) -> Cow<'_, str> {
        match self {
            Decision::Allowed { rule, .. } => Cow::Borrowed(rule),
            Decision::Denied { denial, .. } => denial.rule(),
        }
    }

    /// Why the call was denied, if it was.
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
            Decision::Allowed { policy, rule } => write!(f, "allowed by {policy} ({rule})"),
            Decision::Denied { policy, denial } => {
                write!(f, "denied by {policy} ({}): {denial}", denial.rule())
            }
        }
    }
}
