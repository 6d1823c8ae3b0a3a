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
/// ```
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
/// ).unwrap();
/// assert_eq!(parsed, MAIL);
/// assert!(serde_json::from_str::<Policy>(r#"{"deny_tools": ["x"]}"#).is_err());
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
pub const PERMISSIVE: Policy = Policy::new("PERMISSIVE");

/// Only tools declared `read` may run.
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
/// ```
/// use airlock::Caller;
/// use airlock::policy::{Access, BUSINESS_HOURS};
///
/// let berlin = BUSINESS_HOURS.clone().time_zone("Europe/Berlin");
/// let saturday = "2026-11-28T11:00:00+01:00".parse().unwrap();
/// let me = Caller::new("me");
/// assert!(berlin.decide_at("read_file", Access::Read, &me, saturday).is_allowed());
/// assert!(!berlin.decide_at("write_file", Access::Write, &me, saturday).is_allowed());
/// ```
pub const BUSINESS_HOURS: Policy = Policy::new("BUSINESS_HOURS").with_windows(BUSINESS_WINDOWS);

/// The window of [`BUSINESS_HOURS`], a `const` of its own so the preset can borrow it.
const BUSINESS_WINDOWS: &[WindowRule] =
    &[WindowRule::new("business_hours", WEEKDAYS_9_TO_5).with_min_access(Access::Write)];

/// Deny by default: only tools explicitly allowed (add them with [`Policy::allow`]), only
/// `read` access, only for identified callers.
pub const STRICT: Policy = Policy::new("STRICT")
    .with_default(DefaultRule::Deny)
    .with_max_access(Access::Read)
    .with_require_caller(true);

impl Policy {
    /// A policy named `name` that allows everything: add restrictions with the `with_*`
    /// methods (usable in `const`) or the owned builder methods.
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
    #[must_use]
    pub const fn with_default(mut self, default: DefaultRule) -> Policy {
        self.default = default;
        self
    }

    /// Replaces the allow rules (for `const` policies; at run time, add with [`Policy::allow`]).
    #[must_use]
    pub const fn with_allow(mut self, allow: &'static [Glob]) -> Policy {
        put_borrowed(&mut self.allow, allow);
        self
    }

    /// Replaces the deny rules (for `const` policies; at run time, add with [`Policy::deny`]).
    #[must_use]
    pub const fn with_deny(mut self, deny: &'static [Glob]) -> Policy {
        put_borrowed(&mut self.deny, deny);
        self
    }

    /// Sets the access ceiling.
    #[must_use]
    pub const fn with_max_access(mut self, max: Access) -> Policy {
        self.max_access = max;
        self
    }

    /// Replaces the required roles (for `const` policies; at run time, add with
    /// [`Policy::require_role`]).
    #[must_use]
    pub const fn with_require_roles(mut self, roles: &'static [Cow<'static, str>]) -> Policy {
        put_borrowed(&mut self.require_roles, roles);
        self
    }

    /// Sets whether the caller must be identified.
    #[must_use]
    pub const fn with_require_caller(mut self, required: bool) -> Policy {
        self.require_caller = required;
        self
    }

    /// Renames the policy.
    #[must_use]
    pub fn named(mut self, name: impl Into<Cow<'static, str>>) -> Policy {
        self.name = name.into();
        self
    }

    /// Adds an allow rule.
    #[must_use]
    pub fn allow(mut self, pattern: impl Into<Glob>) -> Policy {
        self.allow.to_mut().push(pattern.into());
        self
    }

    /// Adds a deny rule.
    #[must_use]
    pub fn deny(mut self, pattern: impl Into<Glob>) -> Policy {
        self.deny.to_mut().push(pattern.into());
        self
    }

    /// Adds a role of which the caller must hold at least one.
    #[must_use]
    pub fn require_role(mut self, role: impl Into<Cow<'static, str>>) -> Policy {
        self.require_roles.to_mut().push(role.into());
        self
    }

    /// Adds a role (a role of the same name, ignoring case, is replaced).
    #[must_use]
    pub fn role(mut self, role: Role) -> Policy {
        let roles = self.roles.to_mut();
        roles.retain(|r| !r.name.eq_ignore_ascii_case(&role.name));
        roles.push(role);
        self
    }

    /// Adds a rule for the tools matching its pattern.
    #[must_use]
    pub fn tool(mut self, rule: ToolRule) -> Policy {
        self.tools.to_mut().push(rule);
        self
    }

    /// Adds a time window.
    #[must_use]
    pub fn window(mut self, window: WindowRule) -> Policy {
        self.windows.to_mut().push(window);
        self
    }

    /// Replaces the time windows (for `const` policies; at run time, add with
    /// [`Policy::window`]).
    #[must_use]
    pub const fn with_windows(mut self, windows: &'static [WindowRule]) -> Policy {
        put_borrowed(&mut self.windows, windows);
        self
    }

    /// Adds a rate limit.
    #[must_use]
    pub fn limit(mut self, limit: LimitRule) -> Policy {
        self.limits.to_mut().push(limit);
        self
    }

    /// Sets the time zone of windows that name none: an IANA name or `local`.
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
    pub fn decide(&self, tool: &str, access: Access, caller: &Caller) -> Decision {
        self.decide_at(tool, access, caller, jiff::Timestamp::now())
    }

    /// [`Policy::decide`] at the instant `at` (for time windows).
    ///
    /// ```
    /// use airlock::Caller;
    /// use airlock::policy::{Access, BUSINESS_HOURS};
    ///
    /// let hours = BUSINESS_HOURS.clone().time_zone("America/New_York");
    /// let monday_8am = "2026-11-23T08:00:00-05:00".parse().unwrap();
    /// let caller = Caller::new("agent-7");
    /// assert!(hours.decide_at("list_mail", Access::Read, &caller, monday_8am).is_allowed());
    /// let d = hours.decide_at("send_mail", Access::Write, &caller, monday_8am);
    /// assert_eq!(d.rule(), "windows.business_hours");
    /// assert_eq!(
    ///     d.denial().unwrap().explain(),
    ///     "allowed Mon–Fri 09:00–17:00 America/New_York; opens in 1h"
    /// );
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
