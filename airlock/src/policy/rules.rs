//! The named parts of a policy: roles, per-tool rules, time windows and rate limits.
//!
//! Each is kept in a list (so `const` policies can hold them) and written in TOML as a table
//! keyed by its name (`[roles.support]`, `[tools."send_*"]`, `[windows.business_hours]`,
//! `[limits.mail]`); see [`keyed`].

use std::borrow::Cow;

use super::window::Span;
use super::{Access, Glob, Rate};

/// A role's rules: which tools callers holding it may use, up to which access.
///
/// When a policy has roles, a call runs only if one of the caller's roles allows the tool at
/// the tool's declared access, and no role the caller holds denies it.
///
/// In a file, a role is a `[roles.NAME]` table:
///
/// ```rust
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// use airlock::Caller;
/// use airlock::policy::{Access, Policy, Role};
///
/// let policy = Policy::from_toml_str(r#"
/// [roles.triage]
/// allow = ["*_ticket"]
/// deny = ["delete_*"]
/// max_access = "write"
/// "#)?;
/// let role = Role::new("triage").allow("*_ticket").deny("delete_*").max_access(Access::Write);
/// assert_eq!(policy.roles[0], role);
///
/// let triage = Caller::new("agent-7").with_roles(["Triage"]);
/// assert_eq!(policy.decide("close_ticket", Access::Write, &triage).rule(), "roles.triage");
/// assert!(!policy.decide("delete_ticket", Access::Delete, &triage).is_allowed());
/// assert!(!policy.decide("close_ticket", Access::Write, &Caller::new("agent-8")).is_allowed());
/// # Ok(())
/// # }
/// ```
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Role {
    /// The role's name (the key of its table), compared ignoring ASCII case.
    #[serde(skip)]
    pub name: Cow<'static, str>,
    /// Tools the role may use.
    #[serde(default)]
    pub allow: Cow<'static, [Glob]>,
    /// Tools the role may never use, whatever another role allows.
    #[serde(default)]
    pub deny: Cow<'static, [Glob]>,
    /// The most dangerous declared access the role may use.
    #[serde(default = "any_access")]
    pub max_access: Access,
}

impl Role {
    /// A role that allows nothing yet.
    ///
    /// Holding a role that allows nothing gets a caller nothing:
    ///
    /// ```rust
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// use airlock::Caller;
    /// use airlock::policy::{Access, PERMISSIVE, Role};
    ///
    /// let policy = PERMISSIVE.clone().role(Role::new("guest"));
    /// let guest = Caller::new("agent-7").with_roles(["guest"]);
    /// let d = policy.decide("list_mail", "read".parse::<Access>()?, &guest);
    /// assert_eq!(d.rule(), "roles");
    /// # Ok(())
    /// # }
    /// ```
    pub fn new(name: impl Into<Cow<'static, str>>) -> Role {
        Role {
            name: name.into(),
            allow: Cow::Borrowed(&[]),
            deny: Cow::Borrowed(&[]),
            max_access: Access::Execute,
        }
    }

    /// Adds an allow rule.
    ///
    /// ```rust
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// use airlock::Caller;
    /// use airlock::policy::{Access, PERMISSIVE, Role};
    ///
    /// let policy = PERMISSIVE.clone().role(Role::new("reader").allow("list_*").allow("get_*"));
    /// let reader = Caller::new("agent-7").with_roles(["reader"]);
    /// let read: Access = "read".parse()?;
    /// assert!(policy.decide("get_user", read, &reader).is_allowed());
    /// assert!(!policy.decide("set_user", read, &reader).is_allowed());
    /// # Ok(())
    /// # }
    /// ```
    #[must_use]
    pub fn allow(mut self, pattern: impl Into<Glob>) -> Role {
        self.allow.to_mut().push(pattern.into());
        self
    }

    /// Adds a deny rule.
    ///
    /// A role's deny rule refuses the tool to its holders, whatever another of their roles allows:
    ///
    /// ```rust
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// use airlock::Caller;
    /// use airlock::policy::{Access, PERMISSIVE, Role};
    ///
    /// let policy = PERMISSIVE
    ///     .clone()
    ///     .role(Role::new("admin").allow("*"))
    ///     .role(Role::new("intern").deny("drop_*"));
    /// let both = Caller::new("agent-7").with_roles(["admin", "intern"]);
    /// let d = policy.decide("drop_table", "delete".parse::<Access>()?, &both);
    /// assert_eq!(d.rule(), "roles.intern");
    /// # Ok(())
    /// # }
    /// ```
    #[must_use]
    pub fn deny(mut self, pattern: impl Into<Glob>) -> Role {
        self.deny.to_mut().push(pattern.into());
        self
    }

    /// Sets the access ceiling.
    ///
    /// The most permissive of the caller's roles allowing a tool sets the ceiling:
    ///
    /// ```rust
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// use airlock::Caller;
    /// use airlock::policy::{Access, PERMISSIVE, Role};
    ///
    /// let policy = PERMISSIVE
    ///     .clone()
    ///     .role(Role::new("reader").allow("*").max_access(Access::Read))
    ///     .role(Role::new("editor").allow("*_doc").max_access(Access::Write));
    /// let reader = Caller::new("agent-7").with_roles(["reader"]);
    /// let both = Caller::new("agent-8").with_roles(["reader", "editor"]);
    /// let write: Access = "write".parse()?;
    /// assert!(!policy.decide("save_doc", write, &reader).is_allowed());
    /// assert_eq!(policy.decide("save_doc", write, &both).rule(), "roles.editor");
    /// # Ok(())
    /// # }
    /// ```
    #[must_use]
    pub fn max_access(mut self, max: Access) -> Role {
        self.max_access = max;
        self
    }
}

/// Rules for the tools whose names match a pattern.
///
/// A tool rule also names its tools for the policy's `default = "deny"`: a tool with a rule
/// (that does not deny it) is allowed.
///
/// In a file, a tool rule is a `[tools."PATTERN"]` table:
///
/// ```rust
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// use airlock::Caller;
/// use airlock::policy::{Access, Policy, ToolRule};
///
/// let policy = Policy::from_toml_str(r#"
/// default = "deny"
///
/// [tools.send_mail]
/// max_access = "write"
///
/// [tools."mail_*"]
/// deny = true
/// "#)?;
/// assert!(policy.tools.contains(&ToolRule::new("send_mail").max_access(Access::Write)));
/// assert!(policy.tools.contains(&ToolRule::new("mail_*").deny()));
///
/// let me = Caller::new("agent-7");
/// assert_eq!(policy.decide("send_mail", Access::Write, &me).rule(), "tools.send_mail");
/// assert!(!policy.decide("send_mail", Access::Execute, &me).is_allowed());
/// assert_eq!(policy.decide("mail_purge", Access::Read, &me).rule(), "tools.mail_*");
/// # Ok(())
/// # }
/// ```
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ToolRule {
    /// The tool name or glob (the key of its table).
    #[serde(skip, default = "any_tool")]
    pub tool: Glob,
    /// The tools may never run.
    #[serde(default)]
    pub deny: bool,
    /// The most dangerous declared access these tools may have.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_access: Option<Access>,
}

impl ToolRule {
    /// A rule for `tool` (a name or glob) that allows it.
    ///
    /// A rule that sets nothing names its tools, so a deny-by-default policy allows them:
    ///
    /// ```rust
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// use airlock::Caller;
    /// use airlock::policy::{Access, STRICT, ToolRule};
    ///
    /// let policy = STRICT.clone().tool(ToolRule::new("search_*"));
    /// let d = policy.decide("search_docs", "read".parse::<Access>()?, &Caller::new("agent-7"));
    /// assert_eq!(d.rule(), "tools.search_*");
    /// # Ok(())
    /// # }
    /// ```
    pub fn new(tool: impl Into<Glob>) -> ToolRule {
        ToolRule {
            tool: tool.into(),
            deny: false,
            max_access: None,
        }
    }

    /// Makes the rule deny the tools.
    ///
    /// A denying rule wins over an allow rule naming the same tool:
    ///
    /// ```rust
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// use airlock::Caller;
    /// use airlock::policy::{Access, Denial, PERMISSIVE, ToolRule};
    ///
    /// let policy = PERMISSIVE.clone().allow("*").tool(ToolRule::new("shell_exec").deny());
    /// let d = policy.decide("shell_exec", "execute".parse::<Access>()?, &Caller::new("agent-7"));
    /// assert!(matches!(d.denial(), Some(Denial::ToolDenied { .. })));
    /// assert_eq!(d.denial().ok_or("allowed")?.explain(), "this tool is not available to you");
    /// # Ok(())
    /// # }
    /// ```
    #[must_use]
    pub fn deny(mut self) -> ToolRule {
        self.deny = true;
        self
    }

    /// Sets an access ceiling for the tools.
    ///
    /// The lower of the policy's and the rule's ceilings applies:
    ///
    /// ```rust
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// use airlock::Caller;
    /// use airlock::policy::{Access, READ_ONLY, ToolRule};
    ///
    /// let policy = READ_ONLY.clone().tool(ToolRule::new("send_mail").max_access(Access::Write));
    /// let d = policy.decide("send_mail", "write".parse::<Access>()?, &Caller::new("agent-7"));
    /// assert_eq!(d.rule(), "max_access");
    /// # Ok(())
    /// # }
    /// ```
    #[must_use]
    pub fn max_access(mut self, max: Access) -> ToolRule {
        self.max_access = Some(max);
        self
    }
}

/// When some tools may run: a list of [`Span`]s in a time zone, for calls at or above an
/// access level.
///
/// A call to a tool the window covers (by name, at `min_access` or above) runs only while
/// one of its spans is open. Several windows covering one call must all be open.
///
/// In a file, a window is a `[windows.NAME]` table:
///
/// ```rust
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// use airlock::Caller;
/// use airlock::policy::{Access, Policy};
///
/// let policy = Policy::from_toml_str(r#"
/// [windows.deploys]
/// tools = ["deploy_*"]
/// min_access = "execute"
/// time_zone = "Europe/Berlin"
/// open = ["Mon-Thu 10:00-16:00"]
/// "#)?;
/// let window = &policy.windows[0];
/// assert_eq!(window.name, "deploys");
/// assert!(window.covers("deploy_web", Access::Execute));
/// assert!(!window.covers("deploy_web", Access::Read));
///
/// let me = Caller::new("agent-7");
/// let friday = "2026-11-27T12:00:00+01:00".parse()?;
/// assert_eq!(policy.decide_at("deploy_web", Access::Execute, &me, friday).rule(), "windows.deploys");
/// assert!(policy.decide_at("deploy_status", Access::Read, &me, friday).is_allowed());
/// # Ok(())
/// # }
/// ```
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WindowRule {
    /// The window's name (the key of its table).
    #[serde(skip)]
    pub name: Cow<'static, str>,
    /// The tools it covers; none listed means every tool.
    #[serde(default)]
    pub tools: Cow<'static, [Glob]>,
    /// The least declared access it covers (`read` covers every call).
    #[serde(default = "read_access")]
    pub min_access: Access,
    /// An IANA time zone, or `local`; unset means the policy's `time_zone`.
    #[serde(
        default,
        deserialize_with = "super::file::optional_zone",
        skip_serializing_if = "Option::is_none"
    )]
    pub time_zone: Option<Cow<'static, str>>,
    /// When it is open, e.g. `["Mon-Fri 09:00-17:00"]`.
    pub open: Cow<'static, [Span]>,
}

impl WindowRule {
    /// A window named `name` open during `open`, covering every tool and access, in the
    /// policy's time zone (for `const` policies; see [`BUSINESS_HOURS`](super::BUSINESS_HOURS)).
    ///
    /// A window in `const` needs its spans in `const` too; [`Span::new`] is a `const fn`:
    ///
    /// ```rust
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// use airlock::policy::{Access, Days, Span, WindowRule};
    ///
    /// const WEEKENDS: &[Span] = &[match Span::new(Days::WEEKEND, (0, 0), (24, 0)) {
    ///     Some(span) => span,
    ///     None => panic!("00:00-24:00 is a span"),
    /// }];
    /// const WEEKEND_ONLY: WindowRule = WindowRule::new("weekends", WEEKENDS);
    ///
    /// assert!(WEEKEND_ONLY.covers("anything", Access::Read));
    /// assert_eq!(WEEKEND_ONLY.open[0], "Sat-Sun 00:00-24:00".parse()?);
    /// # Ok(())
    /// # }
    /// ```
    pub const fn new(name: &'static str, open: &'static [Span]) -> WindowRule {
        WindowRule {
            name: Cow::Borrowed(name),
            tools: Cow::Borrowed(&[]),
            min_access: Access::Read,
            time_zone: None,
            open: Cow::Borrowed(open),
        }
    }

    /// Covers only calls declared `min` or above.
    ///
    /// Reads are not covered by a window for writes and above:
    ///
    /// ```rust
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// use airlock::policy::{Access, WindowRule};
    ///
    /// const WRITES: WindowRule = WindowRule::new("writes", &[]).with_min_access(Access::Write);
    /// assert!(!WRITES.covers("save_doc", "read".parse::<Access>()?));
    /// assert!(WRITES.covers("save_doc", "delete".parse::<Access>()?));
    /// # Ok(())
    /// # }
    /// ```
    #[must_use]
    pub const fn with_min_access(mut self, min: Access) -> WindowRule {
        self.min_access = min;
        self
    }

    /// Covers only the tools matching `pattern` (adds to the list).
    ///
    /// ```rust
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// use airlock::policy::{Access, WindowRule};
    ///
    /// let window = WindowRule::new("releases", &[]).tool("deploy_*").tool("rollback");
    /// let access: Access = "execute".parse()?;
    /// assert!(window.covers("DEPLOY_web", access) && window.covers("rollback", access));
    /// assert!(!window.covers("status", access));
    /// # Ok(())
    /// # }
    /// ```
    #[must_use]
    pub fn tool(mut self, pattern: impl Into<Glob>) -> WindowRule {
        self.tools.to_mut().push(pattern.into());
        self
    }

    /// Sets the window's own time zone.
    ///
    /// A window's own zone wins over the policy's:
    ///
    /// ```rust
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// use airlock::Caller;
    /// use airlock::policy::{Access, PERMISSIVE, Span, WindowRule};
    ///
    /// let tokyo_office = WindowRule {
    ///     open: vec!["Mon-Fri 09:00-17:00".parse::<Span>()?].into(),
    ///     ..WindowRule::new("tokyo_office", &[])
    /// }
    /// .time_zone("Asia/Tokyo");
    /// let policy = PERMISSIVE.clone().time_zone("Europe/Berlin").window(tokyo_office);
    /// let tokyo_10am = "2026-11-23T01:00:00Z".parse()?;
    /// assert!(policy.decide_at("deploy", Access::Execute, &Caller::new("agent-7"), tokyo_10am).is_allowed());
    /// # Ok(())
    /// # }
    /// ```
    #[must_use]
    pub fn time_zone(mut self, zone: impl Into<Cow<'static, str>>) -> WindowRule {
        self.time_zone = Some(zone.into());
        self
    }

    /// Whether the window covers a call of `tool` declared `access`.
    ///
    /// A window with no tools listed covers every tool at or above its access:
    ///
    /// ```rust
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// use airlock::policy::{Access, BUSINESS_HOURS};
    ///
    /// let window = &BUSINESS_HOURS.windows[0];
    /// assert!(window.covers("anything", "write".parse::<Access>()?));
    /// assert!(!window.covers("anything", "read".parse::<Access>()?));
    /// # Ok(())
    /// # }
    /// ```
    pub fn covers(&self, tool: &str, access: Access) -> bool {
        access >= self.min_access && covers(&self.tools, tool)
    }
}

/// What a rate limit counts separately.
///
/// Per caller, one agent's calls do not use up another's:
///
/// ```rust
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// use airlock::Caller;
/// use airlock::policy::{Access, Engine, LimitRule, Per, PERMISSIVE};
///
/// let per_caller = LimitRule::new("mine", "1/hour".parse()?).per(Per::Caller);
/// let engine = Engine::new(PERMISSIVE.clone().limit(per_caller));
/// let (a, b) = (Caller::new("agent-7"), Caller::new("agent-8"));
/// assert!(engine.check("search", Access::Read, &a).is_allowed());
/// assert!(!engine.check("fetch", Access::Read, &a).is_allowed());
/// assert!(engine.check("search", Access::Read, &b).is_allowed());
/// assert_eq!(Per::default(), Per::CallerTool);
/// # Ok(())
/// # }
/// ```
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Default, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Per {
    /// One bucket per tool, shared by every caller.
    Tool,
    /// One bucket per caller, shared by the tools the limit covers.
    Caller,
    /// One bucket per caller and tool (the default).
    #[default]
    CallerTool,
    /// One bucket for everything the limit covers.
    Global,
}

impl Per {
    /// The name used in policy files.
    ///
    /// The name reads back from a policy file:
    ///
    /// ```rust
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// use airlock::policy::{Per, Policy};
    ///
    /// let policy = Policy::from_toml_str(&format!(
    ///     "[limits.l]\nrate = \"1/s\"\nper = \"{}\"",
    ///     Per::CallerTool.as_str(),
    /// ))?;
    /// assert_eq!(Per::CallerTool.as_str(), "caller_tool");
    /// assert_eq!(policy.limits[0].per, Per::CallerTool);
    /// # Ok(())
    /// # }
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            Per::Tool => "tool",
            Per::Caller => "caller",
            Per::CallerTool => "caller_tool",
            Per::Global => "global",
        }
    }
}

/// A rate limit on some tools, counted per tool, caller, both, or globally.
///
/// In a file, a limit is a `[limits.NAME]` table:
///
/// ```rust
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// use airlock::policy::{LimitRule, Per, Policy};
///
/// let policy = Policy::from_toml_str(r#"
/// [limits.mail]
/// tools = ["send_*"]
/// per = "caller"
/// rate = "10/min burst 20"
/// "#)?;
/// let limit = LimitRule::new("mail", "10/min burst 20".parse()?).per(Per::Caller).tool("send_*");
/// assert_eq!(policy.limits[0], limit);
/// assert!(limit.covers("send_mail") && !limit.covers("list_mail"));
/// # Ok(())
/// # }
/// ```
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LimitRule {
    /// The limit's name (the key of its table).
    #[serde(skip)]
    pub name: Cow<'static, str>,
    /// The tools it covers; none listed means every tool.
    #[serde(default)]
    pub tools: Cow<'static, [Glob]>,
    /// What is counted separately.
    #[serde(default)]
    pub per: Per,
    /// The rate, e.g. `"10/min"` or `"5/s burst 10"`.
    pub rate: Rate,
}

impl LimitRule {
    /// A limit named `name` of `rate` per caller and tool, on every tool.
    ///
    /// By default each caller has a bucket per tool:
    ///
    /// ```rust
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// use airlock::Caller;
    /// use airlock::policy::{Access, Engine, LimitRule, PERMISSIVE};
    ///
    /// let engine = Engine::new(PERMISSIVE.clone().limit(LimitRule::new("each", "1/hour".parse()?)));
    /// let me = Caller::new("agent-7");
    /// assert!(engine.check("search", Access::Read, &me).is_allowed());
    /// assert!(engine.check("fetch", Access::Read, &me).is_allowed());
    /// assert_eq!(engine.check("search", Access::Read, &me).rule(), "limits.each");
    /// # Ok(())
    /// # }
    /// ```
    pub fn new(name: impl Into<Cow<'static, str>>, rate: Rate) -> LimitRule {
        LimitRule {
            name: name.into(),
            tools: Cow::Borrowed(&[]),
            per: Per::CallerTool,
            rate,
        }
    }

    /// Counts per `per` instead.
    ///
    /// A global limit is shared by every caller:
    ///
    /// ```rust
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// use airlock::Caller;
    /// use airlock::policy::{Access, Engine, LimitRule, Per, PERMISSIVE};
    ///
    /// let global = LimitRule::new("deploys", "1/hour".parse()?).per(Per::Global);
    /// let engine = Engine::new(PERMISSIVE.clone().limit(global));
    /// assert!(engine.check("deploy", Access::Execute, &Caller::new("agent-7")).is_allowed());
    /// assert!(!engine.check("deploy", Access::Execute, &Caller::new("agent-8")).is_allowed());
    /// # Ok(())
    /// # }
    /// ```
    #[must_use]
    pub fn per(mut self, per: Per) -> LimitRule {
        self.per = per;
        self
    }

    /// Covers only the tools matching `pattern` (adds to the list).
    ///
    /// ```rust
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// use airlock::policy::LimitRule;
    ///
    /// let limit = LimitRule::new("mail", "10/min".parse()?).tool("send_*").tool("forward_*");
    /// assert!(limit.covers("send_mail") && limit.covers("Forward_Mail"));
    /// assert!(!limit.covers("list_mail"));
    /// # Ok(())
    /// # }
    /// ```
    #[must_use]
    pub fn tool(mut self, pattern: impl Into<Glob>) -> LimitRule {
        self.tools.to_mut().push(pattern.into());
        self
    }

    /// Whether the limit covers `tool`.
    ///
    /// A limit with no tools listed covers every tool:
    ///
    /// ```rust
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// use airlock::policy::LimitRule;
    ///
    /// let everything = LimitRule::new("all", "100/min".parse()?);
    /// assert!(everything.covers("anything"));
    /// assert!(!everything.clone().tool("send_*").covers("anything"));
    /// # Ok(())
    /// # }
    /// ```
    pub fn covers(&self, tool: &str) -> bool {
        covers(&self.tools, tool)
    }
}

/// An empty list covers every tool.
pub(super) fn covers(tools: &[Glob], tool: &str) -> bool {
    tools.is_empty() || tools.iter().any(|g| g.matches(tool))
}

fn any_access() -> Access {
    Access::Execute
}
fn read_access() -> Access {
    Access::Read
}
fn any_tool() -> Glob {
    Glob::from_static("*")
}

/// Lists of named rules written as tables keyed by name: `serde(with = "keyed")`.
pub(super) mod keyed {
    use std::borrow::Cow;
    use std::fmt;
    use std::marker::PhantomData;

    use serde::de::{MapAccess, Visitor};
    use serde::ser::SerializeMap;
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    use super::{Glob, LimitRule, Role, ToolRule, WindowRule};

    /// A rule whose name is the key of its table.
    pub(in crate::policy) trait Keyed: Clone + 'static {
        fn key(&self) -> &str;
        fn set_key(&mut self, key: String);
    }

    macro_rules! keyed_by_name {
        ($($rule:ty),*) => {$(
            impl Keyed for $rule {
                fn key(&self) -> &str {
                    &self.name
                }
                fn set_key(&mut self, key: String) {
                    self.name = Cow::Owned(key);
                }
            }
        )*};
    }
    keyed_by_name!(Role, WindowRule, LimitRule);

    impl Keyed for ToolRule {
        fn key(&self) -> &str {
            self.tool.as_str()
        }
        fn set_key(&mut self, key: String) {
            self.tool = Glob::new(key);
        }
    }

    pub(in crate::policy) fn serialize<T, S>(rules: &[T], serializer: S) -> Result<S::Ok, S::Error>
    where
        T: Keyed + Serialize,
        S: Serializer,
    {
        let mut map = serializer.serialize_map(Some(rules.len()))?;
        for rule in rules.iter() {
            map.serialize_entry(rule.key(), rule)?;
        }
        map.end()
    }

    pub(in crate::policy) fn deserialize<'de, T, D>(
        deserializer: D,
    ) -> Result<Cow<'static, [T]>, D::Error>
    where
        T: Keyed + Deserialize<'de>,
        D: Deserializer<'de>,
    {
        struct Tables<T>(PhantomData<T>);

        impl<'de, T: Keyed + Deserialize<'de>> Visitor<'de> for Tables<T> {
            type Value = Cow<'static, [T]>;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a table of rules keyed by name")
            }

            fn visit_map<M: MapAccess<'de>>(self, mut map: M) -> Result<Self::Value, M::Error> {
                let mut rules: Vec<T> = Vec::new();
                while let Some((key, mut rule)) = map.next_entry::<String, T>()? {
                    if rules.iter().any(|r| r.key().eq_ignore_ascii_case(&key)) {
                        return Err(serde::de::Error::custom(format!(
                            "`{key}` is defined twice (names ignore case)"
                        )));
                    }
                    rule.set_key(key);
                    rules.push(rule);
                }
                Ok(Cow::Owned(rules))
            }
        }

        deserializer.deserialize_map(Tables(PhantomData))
    }
}
