//! Detectors a user adds: a name, a regex and an optional validation.

use std::fmt;
use std::sync::Arc;

use super::BuildError;
use super::kind::{Category, CustomKind, Kind};

/// A validation a custom detector's matches must pass (a checksum, a lookup).
type Validate = Arc<dyn Fn(&str) -> bool + Send + Sync>;

/// A detector of your own: a regex, a category, and optionally a validation of each match.
///
/// Custom detectors run over the whole text with the `regex` crate (linear time, no
/// backtracking). Their findings compete with the built-in ones for overlapping spans:
/// the higher [`priority`](CustomDetector::priority) wins (built-in token detectors are at 90,
/// assignments at 70, PII at 50–55; the default here is 60), then the longer span.
///
/// ```rust
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// use airlock::sanitize::{Category, CustomDetector, Sanitizer};
///
/// let employee = CustomDetector::new("employee_id", r"\bEMP-[0-9]{6}\b", Category::Pii)?
///     .validate(|m| !m.ends_with("000000"));
/// let s = Sanitizer::builder().detector(employee).build()?;
/// assert_eq!(s.sanitize("owner EMP-123456, not EMP-000000").text, "owner [EMPLOYEE_ID], not EMP-000000");
/// # Ok(())
/// # }
/// ```
#[derive(Clone)]
pub struct CustomDetector {
    pub(crate) kind: Kind,
    pub(crate) regex: regex::bytes::Regex,
    pub(crate) validate: Option<Validate>,
    pub(crate) priority: u8,
}

impl CustomDetector {
    /// A detector reporting `name` for every match of `pattern`.
    ///
    /// # Errors
    /// [`BuildError::InvalidName`] unless `name` is 1–64 characters of `a-z`, `0-9` and `_`
    /// starting with a letter, or is the name of a built-in kind; [`BuildError::InvalidRegex`]
    /// when the pattern does not compile or matches the empty string.
    ///
    /// The name must be a fresh snake_case name, and the pattern must not match the empty string:
    ///
    /// ```rust
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// use airlock::sanitize::{BuildError, Category, CustomDetector, Sanitizer};
    ///
    /// let order = CustomDetector::new("order_id", r"\bORD-[0-9]{8}\b", Category::Pii)?;
    /// let s = Sanitizer::builder().detector(order).build()?;
    /// assert_eq!(s.sanitize("refund ORD-20261123").text, "refund [ORDER_ID]");
    ///
    /// assert!(matches!(CustomDetector::new("Order-Id", "x", Category::Pii), Err(BuildError::InvalidName { .. })));
    /// assert!(matches!(CustomDetector::new("email", "x", Category::Pii), Err(BuildError::InvalidName { .. })));
    /// let empty = CustomDetector::new("maybe", "[0-9]*", Category::Pii).unwrap_err();
    /// assert_eq!(empty.to_string(), "custom detector `maybe` has an unusable regex: the pattern matches the empty string");
    /// # Ok(())
    /// # }
    /// ```
    pub fn new(name: &str, pattern: &str, category: Category) -> Result<Self, BuildError> {
        let valid_name = (1..=64).contains(&name.len())
            && name.as_bytes()[0].is_ascii_lowercase()
            && name
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
        if !valid_name || name.parse::<Kind>().is_ok() {
            return Err(BuildError::InvalidName {
                name: name.chars().take(64).collect(),
            });
        }
        let regex = regex::bytes::RegexBuilder::new(pattern)
            .size_limit(8 << 20)
            .build()
            .map_err(|e| BuildError::InvalidRegex {
                name: name.to_owned(),
                reason: e.to_string(),
            })?;
        if regex.is_match(b"") {
            return Err(BuildError::InvalidRegex {
                name: name.to_owned(),
                reason: "the pattern matches the empty string".to_owned(),
            });
        }
        Ok(CustomDetector {
            kind: Kind::Custom(CustomKind::new(Arc::from(name), category)),
            regex,
            validate: None,
            priority: 60,
        })
    }

    /// Keeps only the matches for which `check` returns `true`.
    ///
    /// A check digit (here: the digits sum to a multiple of 10) keeps look-alikes visible:
    ///
    /// ```rust
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// use airlock::sanitize::{Category, CustomDetector, Sanitizer};
    ///
    /// let member = CustomDetector::new("member_no", r"\bM[0-9]{6}\b", Category::Pii)?
    ///     .validate(|m| m.bytes().skip(1).map(|b| u32::from(b - b'0')).sum::<u32>() % 10 == 0);
    /// let s = Sanitizer::builder().detector(member).build()?;
    /// assert_eq!(s.sanitize("M123455 and M123456").text, "[MEMBER_NO] and M123456");
    /// # Ok(())
    /// # }
    /// ```
    #[must_use]
    pub fn validate(mut self, check: impl Fn(&str) -> bool + Send + Sync + 'static) -> Self {
        self.validate = Some(Arc::new(check));
        self
    }

    /// The rank of this detector's findings when they overlap others' (default 60).
    ///
    /// Over the email detector (52) by default; under it at 40:
    ///
    /// ```rust
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// use airlock::sanitize::{Category, CustomDetector, Sanitizer};
    ///
    /// let staff = CustomDetector::new("staff_mail", r"[a-z]+@corp\.example", Category::Pii)?;
    /// let first = Sanitizer::builder().detector(staff.clone()).build()?;
    /// assert_eq!(first.sanitize("ask ann@corp.example").text, "ask [STAFF_MAIL]");
    /// let last = Sanitizer::builder().detector(staff.priority(40)).build()?;
    /// assert_eq!(last.sanitize("ask ann@corp.example").text, "ask [EMAIL]");
    /// # Ok(())
    /// # }
    /// ```
    #[must_use]
    pub fn priority(mut self, priority: u8) -> Self {
        self.priority = priority;
        self
    }

    /// The kind this detector reports.
    ///
    /// Its findings report this kind:
    ///
    /// ```rust
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// use airlock::sanitize::{Category, CustomDetector, Sanitizer};
    ///
    /// let badge = CustomDetector::new("badge", r"\bB-[0-9]{4}\b", Category::Secret)?;
    /// assert_eq!(badge.kind().name(), "badge");
    /// assert_eq!(badge.kind().category(), Category::Secret);
    /// let s = Sanitizer::builder().detector(badge.clone()).build()?;
    /// assert_eq!(s.sanitize("badge B-1234").findings[0].kind(), badge.kind());
    /// # Ok(())
    /// # }
    /// ```
    pub fn kind(&self) -> &Kind {
        &self.kind
    }
}

impl fmt::Debug for CustomDetector {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CustomDetector")
            .field("kind", &self.kind)
            .field("regex", &self.regex.as_str())
            .field("validate", &self.validate.is_some())
            .field("priority", &self.priority)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejects_bad_names_and_patterns() {
        assert!(matches!(
            CustomDetector::new("Bad-Name", "x", Category::Pii),
            Err(BuildError::InvalidName { .. })
        ));
        assert!(matches!(
            CustomDetector::new("email", "x", Category::Pii),
            Err(BuildError::InvalidName { .. })
        ));
        assert!(matches!(
            CustomDetector::new("ok", "(", Category::Pii),
            Err(BuildError::InvalidRegex { .. })
        ));
        let empty = CustomDetector::new("ok", "x*", Category::Pii).unwrap_err();
        assert!(empty.to_string().contains("empty string"), "{empty}");
    }
}
