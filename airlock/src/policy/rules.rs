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
    pub fn new(name: impl Into<Cow<'static, str>>) -> Role {
        Role {
            name: name.into(),
            allow: Cow::Borrowed(&[]),
            deny: Cow::Borrowed(&[]),
            max_access: Access::Execute,
        }
    }

    /// Adds an allow rule.
    #[must_use]
    pub fn allow(mut self, pattern: impl Into<Glob>) -> Role {
        self.allow.to_mut().push(pattern.into());
        self
    }

    /// Adds a deny rule.
    #[must_use]
    pub fn deny(mut self, pattern: impl Into<Glob>) -> Role {
        self.deny.to_mut().push(pattern.into());
        self
    }

    /// Sets the access ceiling.
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
    pub fn new(tool: impl Into<Glob>) -> ToolRule {
        ToolRule {
            tool: tool.into(),
            deny: false,
            max_access: None,
        }
    }

    /// Makes the rule deny the tools.
    #[must_use]
    pub fn deny(mut self) -> ToolRule {
        self.deny = true;
        self
    }

    /// Sets an access ceiling for the tools.
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
    #[must_use]
    pub const fn with_min_access(mut self, min: Access) -> WindowRule {
        self.min_access = min;
        self
    }

    /// Covers only the tools matching `pattern` (adds to the list).
    #[must_use]
    pub fn tool(mut self, pattern: impl Into<Glob>) -> WindowRule {
        self.tools.to_mut().push(pattern.into());
        self
    }

    /// Sets the window's own time zone.
    #[must_use]
    pub fn time_zone(mut self, zone: impl Into<Cow<'static, str>>) -> WindowRule {
        self.time_zone = Some(zone.into());
        self
    }

    /// Whether the window covers a call of `tool` declared `access`.
    pub fn covers(&self, tool: &str, access: Access) -> bool {
        access >= self.min_access && covers(&self.tools, tool)
    }
}

/// What a rate limit counts separately.
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
    pub fn new(name: impl Into<Cow<'static, str>>, rate: Rate) -> LimitRule {
        LimitRule {
            name: name.into(),
            tools: Cow::Borrowed(&[]),
            per: Per::CallerTool,
            rate,
        }
    }

    /// Counts per `per` instead.
    #[must_use]
    pub fn per(mut self, per: Per) -> LimitRule {
        self.per = per;
        self
    }

    /// Covers only the tools matching `pattern` (adds to the list).
    #[must_use]
    pub fn tool(mut self, pattern: impl Into<Glob>) -> LimitRule {
        self.tools.to_mut().push(pattern.into());
        self
    }

    /// Whether the limit covers `tool`.
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
