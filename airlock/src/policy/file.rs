//! Policies as configuration: TOML files and `AIRLOCK_POLICY_*` environment overrides.

use std::borrow::Cow;
use std::path::Path;

use super::{Access, DefaultRule, Glob, Policy, Schedule, quoted};

/// Why a policy could not be loaded.
///
/// Each variant's message says where the problem is and what was expected, ready to show to
/// whoever wrote the policy:
///
/// ```rust
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// use airlock::policy::{Access, Policy, PolicyError};
///
/// let err = Policy::from_toml_str("name = \"mail\"\nmax_access = \"admin\"").unwrap_err();
/// let PolicyError::Invalid { line, column, .. } = &err else {
///     return Err(format!("not an invalid policy: {err}").into());
/// };
/// assert_eq!((*line, *column), (2, 14));
/// assert!(err.to_string().starts_with("<policy>:2:14: "), "{err}");
/// let fixed = Policy::from_toml_str("name = \"mail\"\nmax_access = \"write\"")?;
/// assert_eq!(fixed.max_access, Access::Write);
///
/// let missing = Policy::from_toml_file("/nonexistent/airlock-policy.toml").unwrap_err();
/// assert!(matches!(missing, PolicyError::Read { .. }));
/// # Ok(())
/// # }
/// ```
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum PolicyError {
    /// The text is not a valid policy.
    #[error("{}:{line}:{column}: {message}", file.as_deref().unwrap_or("<policy>"))]
    Invalid {
        /// The file, if the text came from one.
        file: Option<String>,
        /// The line (from 1) of the problem.
        line: usize,
        /// The column (from 1, in characters) of the problem.
        column: usize,
        /// What is wrong and what was expected.
        message: String,
    },
    /// The file could not be read.
    #[error("cannot read policy file {file}: {source}")]
    Read {
        /// The file.
        file: String,
        /// Why.
        source: std::io::Error,
    },
    /// An `AIRLOCK_POLICY_*` environment variable has a bad value or an unknown name.
    #[error("environment variable {variable}: {message}")]
    Environment {
        /// The variable's name.
        variable: String,
        /// What is wrong and what is expected.
        message: String,
    },
}

/// The environment variables [`Policy::with_env_overrides`] reads, and the keys they set.
///
/// Each entry is `(variable, what it sets)`, for help texts and error messages:
///
/// ```rust
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// use airlock::policy::{ENV_VARIABLES, PERMISSIVE};
///
/// let (variable, sets) = ENV_VARIABLES[0];
/// assert_eq!((variable, sets), ("AIRLOCK_POLICY_NAME", "name"));
/// assert!(ENV_VARIABLES.iter().all(|(variable, _)| variable.starts_with("AIRLOCK_POLICY_")));
/// let renamed = PERMISSIVE.with_env_overrides([(variable.to_owned(), "gateway".to_owned())])?;
/// assert_eq!(renamed.name, "gateway");
/// # Ok(())
/// # }
/// ```
pub const ENV_VARIABLES: [(&str, &str); 6] = [
    ("AIRLOCK_POLICY_NAME", "name"),
    ("AIRLOCK_POLICY_DEFAULT", "default (allow | deny)"),
    (
        "AIRLOCK_POLICY_MAX_ACCESS",
        "max_access (read | write | delete | execute)",
    ),
    (
        "AIRLOCK_POLICY_REQUIRE_CALLER",
        "require_caller (true | false)",
    ),
    (
        "AIRLOCK_POLICY_DENY",
        "deny: comma-separated globs, added to the policy's",
    ),
    (
        "AIRLOCK_POLICY_TIME_ZONE",
        "time_zone (an IANA name or local)",
    ),
];

impl Policy {
    /// Reads a policy written in TOML. Unknown keys are errors (a typo in a deny rule must not
    /// silently allow), and so are bad values: the error gives the line and column.
    ///
    /// ```
    /// use airlock::policy::{Access, Policy};
    ///
    /// let policy = Policy::from_toml_str(r#"
    /// name = "mail-agent"
    /// default = "deny"
    /// allow = ["list_*", "get_*", "search_*"]
    /// deny = ["*_purge"]
    /// time_zone = "America/New_York"
    ///
    /// [roles.reader]
    /// allow = ["list_*", "get_*", "search_*"]
    /// max_access = "read"
    ///
    /// [roles.support]
    /// allow = ["*"]
    /// deny = ["delete_*"]
    /// max_access = "write"
    ///
    /// [tools.send_mail]
    /// max_access = "write"
    ///
    /// [windows.business_hours]
    /// min_access = "write"
    /// open = ["Mon-Fri 09:00-17:00"]
    ///
    /// [limits.mail]
    /// tools = ["send_*"]
    /// per = "caller"
    /// rate = "10/min"
    /// "#)?;
    /// assert_eq!(policy.roles.len(), 2);
    /// assert_eq!(policy.roles[1].max_access, Access::Write);
    /// assert_eq!(policy.limits[0].rate.to_string(), "10/min");
    ///
    /// let typo = Policy::from_toml_str("[roles.reader]\ndney = [\"x\"]").unwrap_err();
    /// assert!(typo.to_string().starts_with("<policy>:2:1: unknown field `dney`, expected one of"), "{typo}");
    /// # Ok::<(), airlock::policy::PolicyError>(())
    /// ```
    ///
    /// # Errors
    /// [`PolicyError::Invalid`] with the position and what was expected.
    pub fn from_toml_str(text: &str) -> Result<Policy, PolicyError> {
        parse(text, None)
    }

    /// Reads a policy from a TOML file; its decisions name the file, and so do its errors.
    ///
    /// ```rust
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// use airlock::Caller;
    /// use airlock::policy::{Access, Policy};
    ///
    /// let path = std::env::temp_dir().join(format!("airlock-doc-{}.toml", std::process::id()));
    /// std::fs::write(&path, "name = \"mail\"\ndeny = [\"*_purge\"]\n")?;
    /// let policy = Policy::from_toml_file(&path);
    /// std::fs::remove_file(&path)?;
    /// let policy = policy?;
    ///
    /// let file = path.display().to_string();
    /// assert_eq!(policy.file.as_deref(), Some(file.as_str()));
    /// let d = policy.decide("mail_purge", Access::Read, &Caller::new("agent-7"));
    /// assert_eq!(d.to_string(), format!("denied by mail ({file}), rule deny *_purge: the tool matches deny rule `*_purge`"));
    /// # Ok(())
    /// # }
    /// ```
    ///
    /// # Errors
    /// [`PolicyError::Read`] if the file cannot be read, [`PolicyError::Invalid`] (with the
    /// file, line and column) if it is not a valid policy.
    pub fn from_toml_file(path: impl AsRef<Path>) -> Result<Policy, PolicyError> {
        let path = path.as_ref();
        let file = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|source| PolicyError::Read {
            file: file.clone(),
            source,
        })?;
        let mut policy = parse(&text, Some(&file))?;
        policy.file = Some(Cow::Owned(file));
        Ok(policy)
    }

    /// The policy with `AIRLOCK_POLICY_*` variables from `vars` applied over it (other
    /// variables are ignored): see [`ENV_VARIABLES`].
    ///
    /// ```
    /// use airlock::policy::{Access, DefaultRule, READ_ONLY};
    ///
    /// let vars = [
    ///     ("AIRLOCK_POLICY_MAX_ACCESS", "write"),
    ///     ("AIRLOCK_POLICY_DENY", "drop_*, *_purge"),
    ///     ("PATH", "/usr/bin"),
    /// ];
    /// let policy = READ_ONLY.with_env_overrides(vars.map(|(k, v)| (k.to_owned(), v.to_owned())))?;
    /// assert_eq!(policy.max_access, Access::Write);
    /// assert_eq!(policy.deny.len(), 2);
    ///
    /// let typo = READ_ONLY.with_env_overrides([("AIRLOCK_POLICY_MAX_ACESS".to_owned(), "read".to_owned())]);
    /// assert!(typo.unwrap_err().to_string().starts_with("environment variable AIRLOCK_POLICY_MAX_ACESS: unknown"));
    /// # Ok::<(), airlock::policy::PolicyError>(())
    /// ```
    ///
    /// # Errors
    /// [`PolicyError::Environment`] for an unknown `AIRLOCK_POLICY_*` name or a bad value.
    pub fn with_env_overrides(
        mut self,
        vars: impl IntoIterator<Item = (String, String)>,
    ) -> Result<Policy, PolicyError> {
        for (variable, value) in vars {
            if !variable.starts_with("AIRLOCK_POLICY_") {
                continue;
            }
            let bad = |message: String| PolicyError::Environment {
                variable: variable.clone(),
                message,
            };
            let value = value.trim();
            match variable.as_str() {
                "AIRLOCK_POLICY_NAME" => self.name = Cow::Owned(value.to_owned()),
                "AIRLOCK_POLICY_DEFAULT" => {
                    self.default = match value.to_ascii_lowercase().as_str() {
                        "allow" => DefaultRule::Allow,
                        "deny" => DefaultRule::Deny,
                        _ => return Err(bad(format!("`{}` is not allow or deny", quoted(value)))),
                    }
                }
                "AIRLOCK_POLICY_MAX_ACCESS" => {
                    self.max_access = value.parse::<Access>().map_err(|e| bad(e.to_string()))?;
                }
                "AIRLOCK_POLICY_REQUIRE_CALLER" => {
                    self.require_caller = match value.to_ascii_lowercase().as_str() {
                        "true" | "1" | "yes" => true,
                        "false" | "0" | "no" => false,
                        _ => {
                            return Err(bad(format!("`{}` is not true or false", quoted(value))));
                        }
                    }
                }
                "AIRLOCK_POLICY_DENY" => {
                    let deny = self.deny.to_mut();
                    deny.extend(
                        value
                            .split(',')
                            .map(str::trim)
                            .filter(|g| !g.is_empty())
                            .map(Glob::new),
                    );
                }
                "AIRLOCK_POLICY_TIME_ZONE" => {
                    check_zone(value).map_err(bad)?;
                    self.time_zone = Cow::Owned(value.to_owned());
                }
                _ => {
                    let known: Vec<&str> = ENV_VARIABLES.iter().map(|(name, _)| *name).collect();
                    return Err(bad(format!("unknown; known: {}", known.join(", "))));
                }
            }
        }
        Ok(self)
    }
}

fn parse(text: &str, file: Option<&str>) -> Result<Policy, PolicyError> {
    toml::from_str::<Policy>(text).map_err(|error| {
        let (line, column) = error
            .span()
            .map_or((1, 1), |span| line_and_column(text, span.start));
        PolicyError::Invalid {
            file: file.map(str::to_owned),
            line,
            column,
            message: error.message().trim_end().to_owned(),
        }
    })
}

/// The 1-based line and character column of byte `offset` in `text`.
fn line_and_column(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

/// Whether `zone` names a time zone Airlock can resolve.
pub(super) fn check_zone(zone: &str) -> Result<(), String> {
    Schedule::new([], zone).map(drop).map_err(|e| e.to_string())
}

/// A time zone field, checked as it is read so a bad name fails at load with its position.
pub(super) fn zone<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<Cow<'static, str>, D::Error> {
    let zone = <String as serde::Deserialize>::deserialize(deserializer)?;
    check_zone(&zone).map_err(serde::de::Error::custom)?;
    Ok(Cow::Owned(zone))
}

/// An optional time zone field, checked as [`zone`].
pub(super) fn optional_zone<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<Cow<'static, str>>, D::Error> {
    zone(deserializer).map(Some)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_are_lines_and_character_columns() {
        assert_eq!(line_and_column("", 0), (1, 1));
        assert_eq!(line_and_column("ab\ncd", 4), (2, 2));
        assert_eq!(line_and_column("é\nxy", 5), (2, 3));
        assert_eq!(line_and_column("éa", 1), (1, 1));
        assert_eq!(line_and_column("ab", 99), (1, 3));
    }

    #[test]
    fn every_mistake_fails_at_load_with_its_position() {
        let cases = [
            ("dney = [\"x\"]", 1, 1, "unknown field `dney`"),
            ("default = \"maybe\"", 1, 11, "unknown variant `maybe`"),
            ("max_access = \"admin\"", 1, 14, "admin"),
            ("\n[roles.r]\nallow = \"x\"", 3, 9, "expected a sequence"),
            ("[tools.x]\ndeny = \"yes\"", 2, 8, "expected a boolean"),
            ("[limits.l]\nrate = \"10 per min\"", 2, 8, "is not a rate"),
            (
                "[limits.l]\nrate = \"1/s\"\nper = \"user\"",
                3,
                7,
                "unknown variant `user`",
            ),
            ("[windows.w]\nopen = [\"Mon 25:00-26:00\"]", 2, 8, "time"),
            (
                "[windows.w]\nopen = []\ntime_zone = \"Mars/Olympus\"",
                3,
                13,
                "Mars/Olympus",
            ),
            ("time_zone = \"Nowhere/City\"", 1, 13, "Nowhere/City"),
            (
                "[windows.w]\nmin_access = \"write\"",
                1,
                1,
                "missing field `open`",
            ),
            ("[roles.a]\n[roles.A]", 1, 2, "defined twice"),
            ("allow = [\"x\"\n", 1, 13, ""),
        ];
        for (text, line, column, needle) in cases {
            match Policy::from_toml_str(text) {
                Err(PolicyError::Invalid {
                    line: l,
                    column: c,
                    message,
                    file: None,
                }) => {
                    assert!(message.contains(needle), "{text:?}: {message}");
                    assert_eq!((l, c), (line, column), "{text:?}: {message}");
                }
                other => panic!("{text:?}: {other:?}"),
            }
        }
    }

    #[test]
    fn files_are_named_in_errors_and_decisions() {
        let dir = std::env::temp_dir().join(format!("airlock-policy-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let good = dir.join("good.toml");
        std::fs::write(&good, "name = \"p\"\ndeny = [\"drop_*\"]\n").unwrap();
        let policy = Policy::from_toml_file(&good).unwrap();
        let d = policy.decide("drop_table", Access::Read, &crate::Caller::new("a"));
        assert_eq!(d.file(), Some(good.display().to_string().as_str()));
        assert!(d.to_string().contains("good.toml"), "{d}");

        let bad = dir.join("bad.toml");
        std::fs::write(&bad, "name = \"p\"\n\n[roles.r]\nmax_acess = \"read\"\n").unwrap();
        let err = Policy::from_toml_file(&bad).unwrap_err().to_string();
        assert!(
            err.starts_with(&format!("{}:4:1: unknown field `max_acess`", bad.display())),
            "{err}"
        );

        let missing = Policy::from_toml_file(dir.join("missing.toml")).unwrap_err();
        assert!(matches!(missing, PolicyError::Read { .. }), "{missing}");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn round_trips_through_toml() {
        let text = r#"
name = "p"
default = "deny"
allow = ["a*"]
time_zone = "UTC"

[roles.r]
allow = ["x"]
max_access = "write"

[tools."b*"]
deny = true

[windows.w]
tools = ["w*"]
min_access = "delete"
open = ["Mon-Fri 09:00-17:00", "Sat 22:00-02:00"]

[limits.l]
per = "global"
rate = "5/s burst 10"
"#;
        let policy = Policy::from_toml_str(text).unwrap();
        let written = toml::to_string(&policy).unwrap();
        assert_eq!(
            Policy::from_toml_str(&written).unwrap(),
            policy,
            "{written}"
        );
    }

    #[test]
    fn environment_overrides() {
        let vars = |pairs: &[(&str, &str)]| -> Vec<(String, String)> {
            pairs
                .iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
                .collect()
        };
        let p = super::super::PERMISSIVE
            .with_env_overrides(vars(&[
                ("AIRLOCK_POLICY_NAME", "from-env"),
                ("AIRLOCK_POLICY_DEFAULT", "DENY"),
                ("AIRLOCK_POLICY_REQUIRE_CALLER", "yes"),
                ("AIRLOCK_POLICY_TIME_ZONE", "Europe/Berlin"),
                ("AIRLOCK_POLICY_DENY", " a*, ,b "),
                ("AIRLOCK_OTHER_THING", "ignored"),
            ]))
            .unwrap();
        assert_eq!(p.name, "from-env");
        assert_eq!(p.default, DefaultRule::Deny);
        assert!(p.require_caller);
        assert_eq!(p.time_zone, "Europe/Berlin");
        assert_eq!(p.deny.len(), 2);
        for (k, v) in [
            ("AIRLOCK_POLICY_DEFAULT", "perhaps"),
            ("AIRLOCK_POLICY_MAX_ACCESS", "root"),
            ("AIRLOCK_POLICY_REQUIRE_CALLER", "2"),
            ("AIRLOCK_POLICY_TIME_ZONE", "Mars/Base"),
            ("AIRLOCK_POLICY_DNY", "x"),
        ] {
            let err = super::super::PERMISSIVE
                .with_env_overrides(vars(&[(k, v)]))
                .unwrap_err();
            assert!(
                err.to_string()
                    .starts_with(&format!("environment variable {k}: ")),
                "{err}"
            );
        }
    }
}
