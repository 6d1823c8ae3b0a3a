//! Static checks of a policy: rules that can never match, have no effect, or repeat others.
//!
//! [`Policy::lint`] reads the rules only; it decides no call; [`Policy::lint_with_tools`] also
//! reports globs that match none of the tools that exist. Every finding [`Policy::lint`] reports is
//! certain: a glob is said to be shadowed or denied only when [`Glob::covers`] proves it,
//! and said never to match under `default = "deny"` only when no allowing rule can match
//! any of the same names.

use std::fmt;

use super::file::check_zone;
use super::{DefaultRule, Glob, Policy};

/// How much a [`LintFinding`](Finding) matters: warnings are worse than notes.
///
/// ```
/// use airlock::policy::{LintSeverity, PERMISSIVE, Role};
///
/// let policy = PERMISSIVE.clone().allow("list_*").role(Role::new("idle"));
/// let worst = policy.lint().iter().map(|f| f.severity).max();
/// assert_eq!(worst, Some(LintSeverity::Warning));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The rule is redundant or has no effect, and the policy decides as intended without
    /// it: tidy it up.
    Note,
    /// The rule can never match or never applies: the policy probably does not say what its
    /// author meant.
    Warning,
}

impl Severity {
    /// `note` or `warning`.
    ///
    /// ```
    /// use airlock::policy::LintSeverity;
    ///
    /// assert_eq!(LintSeverity::Warning.as_str(), "warning");
    /// assert!(LintSeverity::Warning > LintSeverity::Note);
    /// ```
    pub const fn as_str(self) -> &'static str {
        match self {
            Severity::Note => "note",
            Severity::Warning => "warning",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A problem [`Policy::lint`] found in one rule.
///
/// Its [`Display`](fmt::Display) is one line: `warning: <rule>: <message>`.
///
/// ```
/// use airlock::policy::{Access, LintSeverity, PERMISSIVE, ToolRule};
///
/// let policy = PERMISSIVE
///     .clone()
///     .deny("send_*")
///     .tool(ToolRule::new("send_mail").max_access(Access::Write));
/// let findings = policy.lint();
/// assert_eq!(findings.len(), 1);
/// assert_eq!(findings[0].severity, LintSeverity::Warning);
/// assert_eq!(findings[0].rule, "tools.send_mail");
/// assert_eq!(
///     findings[0].to_string(),
///     "warning: tools.send_mail: can never match: denied by `deny send_*`; remove it, or \
///      narrow the deny rule",
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize)]
pub struct Finding {
    /// How much it matters.
    pub severity: Severity,
    /// The rule, named the way decisions name rules: `allow <glob>`, `deny <glob>`,
    /// `require_roles`, `roles.<name>`, `roles.<name> allow <glob>`, `tools.<glob>`,
    /// `windows.<name>` or `limits.<name>`.
    pub rule: String,
    /// Why, and what to do about it.
    pub message: String,
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}: {}", self.severity, self.rule, self.message)
    }
}

impl Policy {
    /// Finds rules that can never match, never apply, have no effect or repeat others, in
    /// the order of the policy's fields (`allow`, `deny`, `require_roles`, `roles`, `tools`,
    /// `windows`, `limits`), each rule's findings in the order of its own fields.
    ///
    /// What is checked:
    /// - an allowing glob (in `allow`, a role's `allow`, a `[tools]` key, a window's or a
    ///   limit's `tools`) that a `deny` glob or a `[tools]` rule with `deny = true` covers:
    ///   a warning, it can never match;
    /// - a role's allowing glob its own `deny` covers, or (with `default = "deny"`) an
    ///   allowing glob in a role, a window or a limit that matches no name `allow` or a
    ///   `[tools]` key names: a warning;
    /// - a glob covered by an earlier one in the same list (`allow`, `deny`, a role's
    ///   `allow`, a window's or a limit's `tools`): a note, it is shadowed;
    /// - `allow` globs, and `[tools]` rules that set nothing, while `default = "allow"`: a
    ///   note, they have no effect;
    /// - access ceilings of roles above the policy's, and of `[tools]` rules not below it:
    ///   a note, the lower ceiling wins;
    /// - windows that never open, never apply (their `min_access` is above the policy's
    ///   `max_access`) or whose time zone cannot be resolved: a warning;
    /// - `require_roles` naming a role `roles` does not define, and roles with neither
    ///   `allow` nor `deny`: a warning (a role with only `deny` gets a note);
    /// - `[tools]` rules with `deny = true` that a `deny` glob covers, or that set a
    ///   `max_access`: a note.
    ///
    /// The presets have no findings.
    ///
    /// ```
    /// use airlock::policy::{LintSeverity, Policy, BUSINESS_HOURS, PERMISSIVE, READ_ONLY, STRICT};
    ///
    /// let policy = Policy::from_toml_str(r#"
    /// default = "deny"
    /// allow = ["list_*", "list_mail", "send_*"]
    /// deny = ["send_*"]
    /// "#)?;
    /// let findings: Vec<String> = policy.lint().iter().map(ToString::to_string).collect();
    /// assert_eq!(findings, [
    ///     "note: allow list_mail: shadowed by `allow list_*`, which matches every tool it \
    ///      matches; remove it",
    ///     "warning: allow send_*: can never match: denied by `deny send_*`; remove it, or \
    ///      narrow the deny rule",
    /// ]);
    /// for preset in [PERMISSIVE, READ_ONLY, STRICT, BUSINESS_HOURS] {
    ///     assert_eq!(preset.lint(), []);
    /// }
    /// # Ok::<(), airlock::policy::PolicyError>(())
    /// ```
    pub fn lint(&self) -> Vec<Finding> {
        let mut lint = Lint {
            policy: self,
            findings: Vec::new(),
        };
        lint.allow();
        lint.deny();
        lint.require_roles();
        lint.roles();
        lint.tools();
        lint.windows();
        lint.limits();
        lint.findings
    }
}

impl Policy {
    /// [`Policy::lint`], then a warning for every glob that matches none of `tools` (the
    /// names of the tools that exist, such as a toolbox's): a misspelt name, or a rule left
    /// behind by a tool that is gone.
    ///
    /// Checked, in the order of the policy's fields: `allow` and `deny` globs, each role's
    /// `allow` and `deny` globs, `[tools]` keys, and the `tools` entries of windows and
    /// limits (a window or limit without `tools` covers every tool, and is not checked).
    /// A glob with no wildcard gets the closest tool name as a suggestion.
    ///
    /// ```
    /// use airlock::policy::{LimitRule, PERMISSIVE};
    ///
    /// let policy = PERMISSIVE
    ///     .clone()
    ///     .deny("delete_*")
    ///     .limit(LimitRule::new("mail", "10/min".parse()?).tool("send_mial"));
    /// let tools = ["list_mail", "send_mail"];
    /// let findings: Vec<String> =
    ///     policy.lint_with_tools(tools).iter().map(ToString::to_string).collect();
    /// assert_eq!(findings, [
    ///     "warning: deny delete_*: matches none of the 2 tools given; fix the pattern, or \
    ///      remove it",
    ///     "warning: limits.mail: `tools` entry `send_mial` matches none of the 2 tools \
    ///      given (did you mean `send_mail`?); fix the pattern, or remove it",
    /// ]);
    /// # Ok::<(), airlock::policy::RateError>(())
    /// ```
    pub fn lint_with_tools<'a>(&self, tools: impl IntoIterator<Item = &'a str>) -> Vec<Finding> {
        let tools: Vec<&str> = tools.into_iter().collect();
        let mut lint = Lint {
            policy: self,
            findings: self.lint(),
        };
        let p = self;
        let mut check = |rule: String, entry: Option<&Glob>, glob: &Glob| {
            if tools.iter().any(|t| glob.matches(t)) {
                return;
            }
            let what = match entry {
                Some(glob) => format!("`tools` entry `{glob}` matches"),
                None => "matches".to_owned(),
            };
            let hint = closest(glob, &tools)
                .map(|name| format!(" (did you mean `{name}`?)"))
                .unwrap_or_default();
            let count = tools.len();
            let noun = if count == 1 { "tool" } else { "tools" };
            lint.warn(
                rule,
                format!(
                    "{what} none of the {count} {noun} given{hint}; fix the pattern, or remove it"
                ),
            );
        };
        for glob in p.allow.iter() {
            check(format!("allow {glob}"), None, glob);
        }
        for glob in p.deny.iter() {
            check(format!("deny {glob}"), None, glob);
        }
        for role in p.roles.iter() {
            for glob in role.allow.iter() {
                check(format!("roles.{} allow {glob}", role.name), None, glob);
            }
            for glob in role.deny.iter() {
                check(format!("roles.{} deny {glob}", role.name), None, glob);
            }
        }
        for rule in p.tools.iter() {
            check(format!("tools.{}", rule.tool), None, &rule.tool);
        }
        for window in p.windows.iter() {
            for glob in window.tools.iter() {
                check(format!("windows.{}", window.name), Some(glob), glob);
            }
        }
        for limit in p.limits.iter() {
            for glob in limit.tools.iter() {
                check(format!("limits.{}", limit.name), Some(glob), glob);
            }
        }
        lint.findings
    }
}

/// The tool name closest to `glob`, if `glob` names one tool (no wildcard) and some name is
/// a likely misspelling of it.
fn closest<'a>(glob: &Glob, tools: &[&'a str]) -> Option<&'a str> {
    /// Longer names are not compared: the comparison is quadratic in their length.
    const LONGEST: usize = 128;
    let wanted = glob.as_str();
    if wanted.contains(['*', '?']) || wanted.len() > LONGEST {
        return None;
    }
    let wanted = wanted.to_ascii_lowercase();
    tools
        .iter()
        .filter(|t| t.len() <= LONGEST)
        .map(|t| (strsim::jaro_winkler(&wanted, &t.to_ascii_lowercase()), *t))
        .filter(|&(score, _)| score >= 0.85)
        .max_by(|a, b| a.0.total_cmp(&b.0).then(b.1.cmp(a.1)))
        .map(|(_, name)| name)
}

/// The policy being checked, and what was found so far.
struct Lint<'p> {
    policy: &'p Policy,
    findings: Vec<Finding>,
}

impl Lint<'_> {
    fn warn(&mut self, rule: impl Into<String>, message: impl Into<String>) {
        self.push(Severity::Warning, rule, message);
    }

    fn note(&mut self, rule: impl Into<String>, message: impl Into<String>) {
        self.push(Severity::Note, rule, message);
    }

    fn push(&mut self, severity: Severity, rule: impl Into<String>, message: impl Into<String>) {
        self.findings.push(Finding {
            severity,
            rule: rule.into(),
            message: message.into(),
        });
    }

    /// The deny rule (a `deny` glob, or a `[tools]` rule with `deny = true`) that denies
    /// every tool `glob` matches, named for a message.
    fn denier(&self, glob: &Glob) -> Option<String> {
        let p = self.policy;
        if let Some(deny) = p.deny.iter().find(|d| d.covers(glob)) {
            return Some(format!("`deny {deny}`"));
        }
        p.tools
            .iter()
            .find(|r| r.deny && r.tool.covers(glob))
            .map(|r| format!("`tools.{}` (deny = true)", r.tool))
    }

    /// Whether, under `default = "deny"`, no tool `glob` matches is named by `allow` or by a
    /// `[tools]` rule that does not deny it: such tools are all denied by the default.
    fn never_named(&self, glob: &Glob) -> bool {
        let p = self.policy;
        p.default == DefaultRule::Deny
            && !p.allow.iter().any(|a| overlaps(a, glob))
            && !p.tools.iter().any(|r| !r.deny && overlaps(&r.tool, glob))
    }

    /// Checks the globs of a window's or a limit's `tools`, reported under `rule`.
    fn tool_list(&mut self, rule: &str, tools: &[Glob]) {
        for (i, glob) in tools.iter().enumerate() {
            if let Some(denier) = self.denier(glob) {
                self.warn(
                    rule,
                    format!(
                        "`tools` entry `{glob}` can never match: denied by {denier}; remove it"
                    ),
                );
            } else if self.never_named(glob) {
                self.warn(
                    rule,
                    format!(
                        "`tools` entry `{glob}` can never match: default = deny and no `allow` \
                         glob or [tools] rule names these tools; remove it, or allow them"
                    ),
                );
            } else if let Some(message) = shadowed(tools, i, "") {
                self.note(rule, format!("`tools` entry `{glob}` is {message}"));
            }
        }
    }

    fn allow(&mut self) {
        let p = self.policy;
        for (i, glob) in p.allow.iter().enumerate() {
            let rule = format!("allow {glob}");
            if let Some(denier) = self.denier(glob) {
                self.warn(rule, denied(&denier));
            } else if p.default == DefaultRule::Allow {
                self.note(
                    rule,
                    "has no effect while default = allow (every tool not denied is allowed); \
                     set default = \"deny\" to allow only the tools listed, or remove it",
                );
            } else if let Some(message) = shadowed(&p.allow, i, "allow ") {
                self.note(rule, message);
            }
        }
    }

    fn deny(&mut self) {
        let p = self.policy;
        for (i, glob) in p.deny.iter().enumerate() {
            if let Some(message) = shadowed(&p.deny, i, "deny ") {
                self.note(format!("deny {glob}"), message);
            }
        }
    }

    fn require_roles(&mut self) {
        let p = self.policy;
        if p.roles.is_empty() {
            return;
        }
        for name in p.require_roles.iter() {
            if !p.roles.iter().any(|r| r.name.eq_ignore_ascii_case(name)) {
                self.warn(
                    "require_roles",
                    format!(
                        "role `{name}` is not defined in [roles], so it allows nothing: a caller \
                         holding only it is always denied; define [roles.{name}] or remove it"
                    ),
                );
            }
        }
    }

    fn roles(&mut self) {
        let p = self.policy;
        for role in p.roles.iter() {
            let name = &role.name;
            if role.allow.is_empty() && role.deny.is_empty() {
                self.warn(
                    format!("roles.{name}"),
                    "allows nothing: its `allow` list is empty, so callers holding only this \
                     role are always denied; add the tools it may use, or remove the role",
                );
            } else if role.allow.is_empty() {
                self.note(
                    format!("roles.{name}"),
                    "allows nothing by itself (its `allow` list is empty): it only takes tools \
                     away from callers whose other roles allow them",
                );
            }
            for (i, glob) in role.allow.iter().enumerate() {
                let rule = format!("roles.{name} allow {glob}");
                if let Some(denier) = self.denier(glob) {
                    self.warn(rule, denied(&denier));
                } else if let Some(deny) = role.deny.iter().find(|d| d.covers(glob)) {
                    self.warn(
                        rule,
                        format!(
                            "can never match: the role denies it with `{deny}`; remove it, or \
                             narrow the role's deny rule"
                        ),
                    );
                } else if self.never_named(glob) {
                    self.warn(
                        rule,
                        "can never match: default = deny and no `allow` glob or [tools] rule \
                         names these tools (a role only narrows what the policy allows); add \
                         them to `allow`, or remove it",
                    );
                } else if let Some(message) = shadowed(&role.allow, i, "") {
                    self.note(rule, message);
                }
            }
            if role.max_access > p.max_access {
                self.note(
                    format!("roles.{name}"),
                    format!(
                        "max_access = {} is above the policy's max_access = {}, which wins; \
                         set it to {} or lower to say what applies",
                        role.max_access, p.max_access, p.max_access
                    ),
                );
            }
        }
    }

    fn tools(&mut self) {
        let p = self.policy;
        for rule in p.tools.iter() {
            let glob = &rule.tool;
            let name = format!("tools.{glob}");
            if rule.deny {
                if let Some(deny) = p.deny.iter().find(|d| d.covers(glob)) {
                    self.note(
                        name,
                        format!("`deny {deny}` already denies every tool it matches; remove it"),
                    );
                } else if let Some(max) = rule.max_access {
                    self.note(
                        name,
                        format!(
                            "max_access = {max} has no effect: the rule denies these tools; \
                             remove it"
                        ),
                    );
                }
                continue;
            }
            if let Some(denier) = self.denier(glob) {
                self.warn(name, denied(&denier));
            } else if let Some(max) = rule.max_access.filter(|&m| m >= p.max_access) {
                self.note(
                    name,
                    format!(
                        "max_access = {max} has no effect: the policy's max_access = {} is not \
                         higher, and the lower ceiling wins; remove it, or lower it",
                        p.max_access
                    ),
                );
            } else if rule.max_access.is_none() && p.default == DefaultRule::Allow {
                self.note(
                    name,
                    "has no effect while default = allow: it neither denies these tools nor \
                     sets a max_access; remove it, or give it one",
                );
            }
        }
    }

    fn windows(&mut self) {
        let p = self.policy;
        for window in p.windows.iter() {
            let rule = format!("windows.{}", window.name);
            if window.min_access > p.max_access {
                self.warn(
                    rule,
                    format!(
                        "never applies: min_access = {} is above the policy's max_access = {}, \
                         so every call it would cover is denied anyway; lower min_access, or \
                         remove the window",
                        window.min_access, p.max_access
                    ),
                );
                continue;
            }
            let zone = window.time_zone.as_deref().unwrap_or(&p.time_zone);
            if window.open.is_empty() {
                self.warn(
                    rule.as_str(),
                    format!(
                        "has no open spans: the tools it covers never run when declared {} or \
                         above; add a span to `open`, or remove the window",
                        window.min_access
                    ),
                );
            } else if let Err(problem) = check_zone(zone) {
                self.warn(
                    rule.as_str(),
                    format!(
                        "its time zone cannot be used ({problem}), so it denies every call it \
                         covers; fix `time_zone`"
                    ),
                );
            }
            self.tool_list(&rule, &window.tools);
        }
    }

    fn limits(&mut self) {
        let p = self.policy;
        for limit in p.limits.iter() {
            let rule = format!("limits.{}", limit.name);
            self.tool_list(&rule, &limit.tools);
        }
    }
}

/// What the lint says of an allowing rule that `denier` (from [`Lint::denier`]) denies.
fn denied(denier: &str) -> String {
    format!("can never match: denied by {denier}; remove it, or narrow the deny rule")
}

/// Why `list[i]` is redundant given the globs before it, if it is: `prefix` is how the
/// list's rules are named (`allow `, `deny `, or nothing).
fn shadowed(list: &[Glob], i: usize, prefix: &str) -> Option<String> {
    let glob = list.get(i)?;
    let earlier = list.get(..i)?;
    if let Some(same) = earlier
        .iter()
        .find(|e| e.as_str().eq_ignore_ascii_case(glob.as_str()))
    {
        return Some(format!("a repeat of `{prefix}{same}`; remove it"));
    }
    earlier.iter().find(|e| e.covers(glob)).map(|e| {
        format!("shadowed by `{prefix}{e}`, which matches every tool it matches; remove it")
    })
}

/// Whether some name matches both `a` and `b` (`true` when too long to tell cheaply, so
/// that "never" is always certain).
///
/// Both patterns are read as tokens, and `reach[i][j]` says whether some name's prefix can
/// take `a` to token `i` and `b` to token `j`: a `*` may match nothing (skip it), or one
/// more character while the other pattern's token takes the same character; two literals
/// take a character only if they are the same ignoring ASCII case.
fn overlaps(a: &Glob, b: &Glob) -> bool {
    let (a, b): (Vec<char>, Vec<char>) =
        (a.as_str().chars().collect(), b.as_str().chars().collect());
    let (n, m) = (a.len(), b.len());
    if (n + 1).saturating_mul(m + 1) > Glob::COVERS_MAX_WORK {
        return true;
    }
    let width = m + 1;
    let mut reach = vec![false; (n + 1) * width];
    reach[0] = true;
    for i in 0..=n {
        for j in 0..=m {
            if !reach[i * width + j] {
                continue;
            }
            let (x, y) = (a.get(i).copied(), b.get(j).copied());
            let mut mark = |i: usize, j: usize| reach[i * width + j] = true;
            if x == Some('*') {
                mark(i + 1, j);
            }
            if y == Some('*') {
                mark(i, j + 1);
            }
            // One character taken by both patterns.
            match (x, y) {
                (Some('*'), Some('*')) | (None, _) | (_, None) => {}
                (Some('*'), Some(_)) => mark(i, j + 1),
                (Some(_), Some('*')) => mark(i + 1, j),
                (Some('?'), Some(_)) | (Some(_), Some('?')) => mark(i + 1, j + 1),
                (Some(c), Some(d)) => {
                    if c.eq_ignore_ascii_case(&d) {
                        mark(i + 1, j + 1);
                    }
                }
            }
        }
    }
    reach[n * width + m]
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::Caller;
    use crate::policy::{
        Access, BUSINESS_HOURS, Days, Denial, LimitRule, PERMISSIVE, READ_ONLY, Role, STRICT, Span,
        ToolRule, WindowRule,
    };

    /// The findings as `severity rule: message` lines.
    fn lines(policy: &Policy) -> Vec<String> {
        policy.lint().iter().map(ToString::to_string).collect()
    }

    /// The one finding of `policy`, as `severity: rule: message`.
    fn only(policy: &Policy) -> String {
        let found = lines(policy);
        assert_eq!(found.len(), 1, "{found:#?}");
        found.into_iter().next().unwrap_or_default()
    }

    fn deny_by_default() -> Policy {
        PERMISSIVE.clone().with_default(DefaultRule::Deny)
    }

    fn spans() -> Vec<Span> {
        vec![Span::new(Days::WEEKDAYS, (9, 0), (17, 0)).unwrap()]
    }

    fn window(name: &'static str) -> WindowRule {
        let mut w = WindowRule::new(name, &[]);
        w.open = spans().into();
        w
    }

    #[test]
    fn presets_have_no_findings() {
        for preset in [PERMISSIVE, READ_ONLY, STRICT, BUSINESS_HOURS] {
            assert_eq!(preset.lint(), [], "{}", preset.name);
        }
        let strict = STRICT.clone().allow("list_*").allow("get_*");
        assert_eq!(strict.lint(), []);
        let berlin = BUSINESS_HOURS.clone().time_zone("Europe/Berlin");
        assert_eq!(berlin.lint(), []);
    }

    #[test]
    fn a_clean_policy_with_every_kind_of_rule_has_no_findings() {
        let policy = Policy::from_toml_str(
            r#"
            name = "mail-agent"
            default = "deny"
            allow = ["list_*", "get_*", "search_*"]
            deny = ["*_purge"]
            max_access = "delete"
            require_roles = ["reader", "support"]
            time_zone = "America/New_York"

            [roles.reader]
            allow = ["list_*", "get_*", "search_*"]
            max_access = "read"

            [roles.support]
            allow = ["*"]
            deny = ["delete_*"]
            max_access = "write"

            [tools.send_mail]
            max_access = "write"

            [tools."drop_*"]
            deny = true

            [windows.business_hours]
            min_access = "write"
            open = ["Mon-Fri 09:00-17:00"]

            [limits.mail]
            tools = ["send_*"]
            per = "caller"
            rate = "10/min"
            "#,
        )
        .unwrap();
        assert_eq!(policy.lint(), []);
    }

    #[test]
    fn allow_denied_by_a_deny_glob_or_a_denying_tool_rule() {
        let p = deny_by_default().allow("send_mail").deny("send_*");
        assert_eq!(
            only(&p),
            "warning: allow send_mail: can never match: denied by `deny send_*`; remove it, or \
             narrow the deny rule"
        );
        let p = deny_by_default()
            .allow("DROP_TABLE")
            .tool(ToolRule::new("drop_*").deny());
        assert_eq!(
            only(&p),
            "warning: allow DROP_TABLE: can never match: denied by `tools.drop_*` (deny = true); \
             remove it, or narrow the deny rule"
        );
        // A deny glob that covers only part of the allow glob is not a finding.
        assert_eq!(
            deny_by_default().allow("send_*").deny("send_mail").lint(),
            []
        );
    }

    #[test]
    fn allow_shadowed_by_an_earlier_allow_or_repeated() {
        let p = deny_by_default()
            .allow("get_*")
            .allow("get_user")
            .allow("GET_*");
        assert_eq!(
            lines(&p),
            [
                "note: allow get_user: shadowed by `allow get_*`, which matches every tool it \
                 matches; remove it",
                "note: allow GET_*: a repeat of `allow get_*`; remove it",
            ]
        );
        // A later, wider glob does not shadow an earlier one: the earlier one names the rule.
        assert_eq!(
            deny_by_default().allow("get_user").allow("get_*").lint(),
            []
        );
    }

    #[test]
    fn allow_while_default_allow() {
        let p = PERMISSIVE.clone().allow("list_*");
        assert_eq!(
            only(&p),
            "note: allow list_*: has no effect while default = allow (every tool not denied is \
             allowed); set default = \"deny\" to allow only the tools listed, or remove it"
        );
    }

    #[test]
    fn deny_shadowed() {
        let p = PERMISSIVE.clone().deny("drop_*").deny("drop_table");
        assert_eq!(
            only(&p),
            "note: deny drop_table: shadowed by `deny drop_*`, which matches every tool it \
             matches; remove it"
        );
    }

    #[test]
    fn require_roles_naming_an_undefined_role() {
        let p = PERMISSIVE
            .clone()
            .require_role("Support")
            .require_role("admin")
            .role(Role::new("support").allow("*"));
        assert_eq!(
            only(&p),
            "warning: require_roles: role `admin` is not defined in [roles], so it allows \
             nothing: a caller holding only it is always denied; define [roles.admin] or remove it"
        );
        // Without roles, required roles are only checked, not defined.
        assert_eq!(PERMISSIVE.clone().require_role("admin").lint(), []);
    }

    #[test]
    fn roles_allowing_nothing() {
        let p = PERMISSIVE.clone().role(Role::new("idle"));
        assert_eq!(
            only(&p),
            "warning: roles.idle: allows nothing: its `allow` list is empty, so callers holding \
             only this role are always denied; add the tools it may use, or remove the role"
        );
        let p = PERMISSIVE
            .clone()
            .role(Role::new("user").allow("*"))
            .role(Role::new("contractor").deny("delete_*"));
        assert_eq!(
            only(&p),
            "note: roles.contractor: allows nothing by itself (its `allow` list is empty): it \
             only takes tools away from callers whose other roles allow them"
        );
    }

    #[test]
    fn role_allow_globs_that_never_match() {
        let p = PERMISSIVE
            .clone()
            .deny("drop_*")
            .role(Role::new("ops").allow("drop_table"));
        assert_eq!(
            only(&p),
            "warning: roles.ops allow drop_table: can never match: denied by `deny drop_*`; \
             remove it, or narrow the deny rule"
        );
        let p = PERMISSIVE
            .clone()
            .role(Role::new("support").allow("delete_user").deny("delete_*"));
        assert_eq!(
            only(&p),
            "warning: roles.support allow delete_user: can never match: the role denies it with \
             `delete_*`; remove it, or narrow the role's deny rule"
        );
        let p = deny_by_default()
            .allow("list_*")
            .tool(ToolRule::new("send_mail"))
            .role(
                Role::new("reader")
                    .allow("list_*")
                    .allow("search_*")
                    .allow("*_mail"),
            );
        assert_eq!(
            only(&p),
            "warning: roles.reader allow search_*: can never match: default = deny and no \
             `allow` glob or [tools] rule names these tools (a role only narrows what the policy \
             allows); add them to `allow`, or remove it"
        );
        // A denying tool rule names no tool.
        let p = deny_by_default()
            .tool(ToolRule::new("x*").deny())
            .role(Role::new("r").allow("x_?"));
        assert_eq!(
            only(&p),
            "warning: roles.r allow x_?: can never match: denied by `tools.x*` (deny = true); \
             remove it, or narrow the deny rule"
        );
    }

    #[test]
    fn role_allow_shadowed() {
        let p = PERMISSIVE
            .clone()
            .role(Role::new("r").allow("*").allow("send_mail"));
        assert_eq!(
            only(&p),
            "note: roles.r allow send_mail: shadowed by `*`, which matches every tool it \
             matches; remove it"
        );
    }

    #[test]
    fn role_ceiling_above_the_policy() {
        let p = READ_ONLY.clone().role(Role::new("support").allow("*"));
        assert_eq!(
            only(&p),
            "note: roles.support: max_access = execute is above the policy's max_access = read, \
             which wins; set it to read or lower to say what applies"
        );
        let p = READ_ONLY
            .clone()
            .role(Role::new("support").allow("*").max_access(Access::Read));
        assert_eq!(p.lint(), []);
    }

    #[test]
    fn require_caller_false_with_roles_is_fine() {
        let p = PERMISSIVE
            .clone()
            .with_require_caller(false)
            .role(Role::new("r").allow("*"));
        assert_eq!(p.lint(), []);
    }

    #[test]
    fn tool_rules() {
        let p = deny_by_default()
            .with_max_access(Access::Write)
            .tool(ToolRule::new("send_mail").max_access(Access::Write))
            .tool(ToolRule::new("drop_*").deny())
            .tool(ToolRule::new("drop_table").max_access(Access::Read))
            .tool(ToolRule::new("read_*").max_access(Access::Read));
        assert_eq!(
            lines(&p),
            [
                "note: tools.send_mail: max_access = write has no effect: the policy's \
                 max_access = write is not higher, and the lower ceiling wins; remove it, or \
                 lower it",
                "warning: tools.drop_table: can never match: denied by `tools.drop_*` (deny = \
                 true); remove it, or narrow the deny rule",
            ]
        );
        let p = PERMISSIVE
            .clone()
            .deny("x*")
            .tool(ToolRule::new("x_y").deny())
            .tool(ToolRule::new("z").deny().max_access(Access::Read))
            .tool(ToolRule::new("plain"));
        assert_eq!(
            lines(&p),
            [
                "note: tools.x_y: `deny x*` already denies every tool it matches; remove it",
                "note: tools.z: max_access = read has no effect: the rule denies these tools; \
                 remove it",
                "note: tools.plain: has no effect while default = allow: it neither denies these \
                 tools nor sets a max_access; remove it, or give it one",
            ]
        );
    }

    #[test]
    fn windows() {
        let p = PERMISSIVE.clone().window(WindowRule::new("never", &[]));
        assert_eq!(
            only(&p),
            "warning: windows.never: has no open spans: the tools it covers never run when \
             declared read or above; add a span to `open`, or remove the window"
        );
        let p = READ_ONLY
            .clone()
            .window(window("w").with_min_access(Access::Write));
        assert_eq!(
            only(&p),
            "warning: windows.w: never applies: min_access = write is above the policy's \
             max_access = read, so every call it would cover is denied anyway; lower \
             min_access, or remove the window"
        );
        let p = PERMISSIVE
            .clone()
            .window(window("w").time_zone("Mars/Olympus"));
        let found = only(&p);
        assert!(
            found.starts_with("warning: windows.w: its time zone cannot be used (`Mars/Olympus`"),
            "{found}"
        );
        let p = PERMISSIVE
            .clone()
            .time_zone("Nowhere/City")
            .window(window("w"));
        assert!(only(&p).contains("Nowhere/City"));
    }

    #[test]
    fn window_and_limit_tools() {
        let rate = "1/s".parse().unwrap();
        let p = deny_by_default()
            .allow("send_*")
            .deny("send_fax")
            .window(
                window("w")
                    .tool("send_fax")
                    .tool("send_*")
                    .tool("send_mail"),
            )
            .limit(LimitRule::new("l", rate).tool("list_*").tool("send_*"));
        assert_eq!(
            lines(&p),
            [
                "warning: windows.w: `tools` entry `send_fax` can never match: denied by `deny \
                 send_fax`; remove it",
                "note: windows.w: `tools` entry `send_mail` is shadowed by `send_*`, which \
                 matches every tool it matches; remove it",
                "warning: limits.l: `tools` entry `list_*` can never match: default = deny and \
                 no `allow` glob or [tools] rule names these tools; remove it, or allow them",
            ]
        );
    }

    #[test]
    fn findings_follow_the_order_of_the_fields() {
        let p = READ_ONLY
            .clone()
            .with_default(DefaultRule::Deny)
            .allow("a")
            .allow("a")
            .deny("b*")
            .deny("b")
            .require_role("ghost")
            .role(Role::new("r").allow("b1"))
            .tool(ToolRule::new("b2"))
            .window(window("w").tool("b3"))
            .limit(LimitRule::new("l", "1/s".parse().unwrap()).tool("b4"));
        let rules: Vec<String> = p.lint().into_iter().map(|f| f.rule).collect();
        assert_eq!(
            rules,
            [
                "allow a",
                "deny b",
                "require_roles",
                "roles.r allow b1",
                "roles.r",
                "tools.b2",
                "windows.w",
                "limits.l",
            ]
        );
    }

    #[test]
    fn a_role_glob_the_default_never_lets_through() {
        let policy = Policy::from_toml_str(
            r#"
            default = "deny"
            allow = ["list_*", "get_*"]
            deny = ["*_purge"]
            [roles.reader]
            allow = ["list_*", "get_*", "search_*"]
            max_access = "read"
            "#,
        )
        .unwrap();
        let found = only(&policy);
        assert!(found.starts_with("warning: roles.reader allow search_*: can never match"));
    }

    const TOOLS: [&str; 4] = ["list_mail", "send_mail", "search_mail", "delete_mail"];

    fn with_tools(policy: &Policy) -> Vec<String> {
        let own = policy.lint().len();
        let all = policy.lint_with_tools(TOOLS);
        assert_eq!(all[..own], policy.lint()[..], "lint's findings come first");
        all[own..].iter().map(ToString::to_string).collect()
    }

    #[test]
    fn globs_matching_no_tool_are_reported_in_the_order_of_the_fields() {
        let p = deny_by_default()
            .allow("list_*")
            .allow("archive_*")
            .deny("drop_*")
            .deny("DELETE_MAIL")
            .role(Role::new("reader").allow("list_*").allow("serch_mail"))
            .role(Role::new("ops").allow("*").deny("purge_*"))
            .tool(ToolRule::new("send_mial").max_access(Access::Write))
            .tool(ToolRule::new("send_?ail").max_access(Access::Write))
            .window(window("office").tool("send_*").tool("post_*"))
            .limit(LimitRule::new("mail", "1/s".parse().unwrap()).tool("sendmail"));
        assert_eq!(
            with_tools(&p),
            [
                "warning: allow archive_*: matches none of the 4 tools given; fix the pattern, \
                 or remove it",
                "warning: deny drop_*: matches none of the 4 tools given; fix the pattern, or \
                 remove it",
                "warning: roles.reader allow serch_mail: matches none of the 4 tools given (did \
                 you mean `search_mail`?); fix the pattern, or remove it",
                "warning: roles.ops deny purge_*: matches none of the 4 tools given; fix the \
                 pattern, or remove it",
                "warning: tools.send_mial: matches none of the 4 tools given (did you mean \
                 `send_mail`?); fix the pattern, or remove it",
                "warning: windows.office: `tools` entry `post_*` matches none of the 4 tools \
                 given; fix the pattern, or remove it",
                "warning: limits.mail: `tools` entry `sendmail` matches none of the 4 tools \
                 given (did you mean `send_mail`?); fix the pattern, or remove it",
            ]
        );
    }

    #[test]
    fn globs_matching_some_tool_are_not_reported() {
        let p = Policy::from_toml_str(
            r#"
            default = "deny"
            allow = ["*_mail"]
            deny = ["Delete_Mail"]
            [roles.reader]
            allow = ["list_*", "search_?ail"]
            [tools.send_mail]
            max_access = "write"
            [windows.office]
            tools = ["send_*"]
            open = ["Mon-Fri 09:00-17:00"]
            [limits.all]
            rate = "10/min"
            "#,
        )
        .unwrap();
        assert_eq!(with_tools(&p), Vec::<String>::new());
        // The lint's own findings are kept.
        let shadowed = p.clone().allow("send_mail");
        assert_eq!(shadowed.lint_with_tools(TOOLS), shadowed.lint());
        assert_eq!(shadowed.lint().len(), 1);
    }

    #[test]
    fn no_tools_given_means_every_glob_matches_none() {
        let p = PERMISSIVE.clone().deny("x");
        let found: Vec<String> = p
            .lint_with_tools([])
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(
            found,
            ["warning: deny x: matches none of the 0 tools given; fix the pattern, or remove it"]
        );
        let one: Vec<String> = p
            .lint_with_tools(["y"])
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(
            one,
            ["warning: deny x: matches none of the 1 tool given; fix the pattern, or remove it"]
        );
    }

    #[test]
    fn suggestions_need_a_close_literal_name() {
        let tools = ["send_mail", "list_mail"];
        assert_eq!(closest(&Glob::new("SEND_MAL"), &tools), Some("send_mail"));
        assert_eq!(closest(&Glob::new("send_*"), &tools), None);
        assert_eq!(closest(&Glob::new("weather"), &tools), None);
        let long = "s".repeat(10_000);
        assert_eq!(closest(&Glob::new(long), &tools), None);
    }

    #[test]
    fn serializes_to_json() {
        let p = PERMISSIVE.clone().allow("x");
        let json = serde_json::to_value(&p.lint()[0]).unwrap();
        assert_eq!(json["severity"], "note");
        assert_eq!(json["rule"], "allow x");
    }

    #[test]
    fn huge_globs_are_not_judged() {
        let long = "a".repeat(5000);
        let p = deny_by_default()
            .allow(long.as_str())
            .deny(long.as_str())
            .role(Role::new("r").allow(long.as_str()));
        // Too long to compare cheaply: nothing is claimed about them.
        assert_eq!(p.lint(), []);
    }

    /// Every name over {a, b, c} of at most `len` characters.
    fn names(len: usize) -> Vec<String> {
        crate::policy::glob::words(&["a", "b", "c"], len)
    }

    /// Every pattern of at most 3 tokens over {a, b, *, ?} against every other: a common
    /// name, if any, has at most 6 characters (each is taken by a non-`*` token of one of
    /// them), and `c` stands for any character neither pattern names.
    #[test]
    fn overlaps_is_exact() {
        let patterns = crate::policy::glob::words(&["a", "B", "*", "?"], 3);
        let names = names(6);
        for a in &patterns {
            let ga = Glob::new(a.clone());
            let in_a: Vec<&String> = names.iter().filter(|n| ga.matches(n)).collect();
            for b in &patterns {
                let gb = Glob::new(b.clone());
                let truly = in_a.iter().any(|n| gb.matches(n));
                assert_eq!(overlaps(&ga, &gb), truly, "{a} and {b}");
            }
        }
        let huge = Glob::new("a".repeat(5000));
        assert!(overlaps(&huge, &Glob::new("b".repeat(5000))));
    }

    fn glob() -> impl Strategy<Value = String> {
        "[ab*?]{1,3}"
    }

    fn policy() -> impl Strategy<Value = Policy> {
        let globs = || prop::collection::vec(glob(), 0..3);
        (
            any::<bool>(),
            globs(),
            globs(),
            prop::collection::vec((glob(), any::<bool>()), 0..3),
            prop::collection::vec((globs(), globs()), 0..3),
        )
            .prop_map(|(deny_default, allow, deny, tools, roles)| {
                let mut p = PERMISSIVE.clone();
                if deny_default {
                    p = p.with_default(DefaultRule::Deny);
                }
                for g in allow {
                    p = p.allow(g.as_str());
                }
                for g in deny {
                    p = p.deny(g.as_str());
                }
                for (g, deny) in tools {
                    let rule = ToolRule::new(g.as_str());
                    p = p.tool(if deny { rule.deny() } else { rule });
                }
                for (i, (allow, deny)) in roles.into_iter().enumerate() {
                    let mut role = Role::new(format!("r{i}"));
                    for g in allow {
                        role = role.allow(g.as_str());
                    }
                    for g in deny {
                        role = role.deny(g.as_str());
                    }
                    p = p.role(role);
                }
                p
            })
    }

    proptest! {
        /// "Can never match" is never wrong: every name the glob matches is denied (for a
        /// role's glob, to a caller holding only that role).
        #[test]
        fn warnings_about_globs_are_true(policy in policy()) {
            let names = names(4);
            for finding in policy.lint() {
                if finding.severity != Severity::Warning {
                    continue;
                }
                let (caller, glob, role) = if let Some(g) = finding.rule.strip_prefix("allow ") {
                    (Caller::new("x"), g, false)
                } else if let Some(g) = finding.rule.strip_prefix("tools.") {
                    (Caller::new("x"), g, false)
                } else if let Some((role, g)) = finding
                    .rule
                    .strip_prefix("roles.")
                    .and_then(|r| r.split_once(" allow "))
                {
                    (Caller::new("x").with_roles([role.to_owned()]), g, true)
                } else {
                    continue;
                };
                let glob = Glob::new(glob);
                for name in names.iter().filter(|n| glob.matches(n)) {
                    let d = policy.decide(name, Access::Read, &caller);
                    let by_rules = matches!(
                        d.denial(),
                        Some(Denial::DenyRule { .. } | Denial::ToolDenied { .. } | Denial::NotAllowed)
                    );
                    let by_role = matches!(d.denial(), Some(Denial::RoleDenied { .. }));
                    prop_assert!(by_rules || role && by_role, "{}: {} is {}", finding, name, d);
                }
            }
        }
    }
}
