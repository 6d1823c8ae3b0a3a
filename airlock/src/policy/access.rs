//! What a tool does to the world, as its author declares it.

use std::fmt;
use std::str::FromStr;

/// What a tool does, ordered from least to most dangerous: `read` < `write` < `delete` <
/// `execute`.
///
/// Access is always *declared* (on `#[airlock(access = ...)]`, at `Toolbox` registration or in
/// a policy), never guessed from a tool's name: `get_and_delete_user` declared `delete` is a
/// delete, whatever its name starts with. A tool that declares nothing is treated as
/// [`Access::Execute`], the most dangerous level, so a ceiling fails closed.
///
/// ```
/// use airlock::policy::Access;
///
/// assert!(Access::Read < Access::Write && Access::Delete < Access::Execute);
/// assert_eq!("delete".parse::<Access>(), Ok(Access::Delete));
/// assert_eq!(Access::Write.to_string(), "write");
/// ```
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Access {
    /// Reads data and changes nothing.
    Read,
    /// Creates or changes data.
    Write,
    /// Removes data.
    Delete,
    /// Runs code, sends messages or money: effects that cannot be undone or bounded.
    Execute,
}

impl Access {
    /// Every level, from least to most dangerous.
    ///
    /// The levels an access ceiling of `write` lets through:
    ///
    /// ```rust
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// use airlock::policy::Access;
    ///
    /// let ceiling: Access = "write".parse()?;
    /// let allowed: Vec<Access> = Access::ALL.into_iter().filter(|a| *a <= ceiling).collect();
    /// assert_eq!(allowed, [Access::Read, Access::Write]);
    /// # Ok(())
    /// # }
    /// ```
    pub const ALL: [Access; 4] = [Access::Read, Access::Write, Access::Delete, Access::Execute];

    /// The level's lowercase name, as policy files and `#[airlock(access = ...)]` write it;
    /// also what [`Display`](fmt::Display) and serde write.
    ///
    /// The name parses back to the level:
    ///
    /// ```rust
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// use airlock::policy::Access;
    ///
    /// assert_eq!(Access::Delete.as_str(), "delete");
    /// assert_eq!(Access::Delete.as_str().parse::<Access>()?, Access::Delete);
    /// # Ok(())
    /// # }
    /// ```
    pub const fn as_str(self) -> &'static str {
        match self {
            Access::Read => "read",
            Access::Write => "write",
            Access::Delete => "delete",
            Access::Execute => "execute",
        }
    }
}

impl fmt::Display for Access {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The error of parsing an [`Access`] from a string that names no level.
///
/// Parsing ignores case; the error quotes the text (at most 40 characters of it) and lists
/// the levels:
///
/// ```rust
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// use airlock::policy::{Access, UnknownAccess};
///
/// assert_eq!("WRITE".parse::<Access>()?, Access::Write);
/// let err: UnknownAccess = "admin".parse::<Access>().unwrap_err();
/// assert_eq!(err.to_string(), "`admin` is not an access level: use read, write, delete or execute");
/// # Ok(())
/// # }
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{0}` is not an access level: use read, write, delete or execute")]
pub struct UnknownAccess(String);

impl FromStr for Access {
    type Err = UnknownAccess;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Access::ALL
            .into_iter()
            .find(|a| a.as_str().eq_ignore_ascii_case(s))
            .ok_or_else(|| UnknownAccess(super::quoted(s)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_every_level_case_insensitively_and_rejects_the_rest() {
        for a in Access::ALL {
            assert_eq!(a.as_str().parse::<Access>(), Ok(a));
            assert_eq!(a.as_str().to_uppercase().parse::<Access>(), Ok(a));
        }
        let err = "admin".parse::<Access>().unwrap_err();
        assert_eq!(
            err.to_string(),
            "`admin` is not an access level: use read, write, delete or execute"
        );
        assert!("".parse::<Access>().is_err());
    }

    #[test]
    fn serde_uses_the_lowercase_names() {
        assert_eq!(
            serde_json::to_string(&Access::Delete).unwrap(),
            "\"delete\""
        );
        assert_eq!(
            serde_json::from_str::<Access>("\"execute\"").unwrap(),
            Access::Execute
        );
        assert!(serde_json::from_str::<Access>("\"Read\"").is_err());
    }
}
