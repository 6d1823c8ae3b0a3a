//! What the sanitizer reports: a [`Finding`] per masked span.

use std::ops::Range;

use super::kind::{Category, Kind};

/// One span of the input that was masked.
///
/// Spans are byte offsets into the input, on `char` boundaries of a `&str` input.
///
/// ```
/// use airlock::sanitize::{Category, Kind, Sanitizer};
///
/// let out = Sanitizer::new().sanitize("write to ann@example.org");
/// let finding = &out.findings[0];
/// assert_eq!(finding.kind(), &Kind::Email);
/// assert_eq!(finding.category(), Category::Pii);
/// assert_eq!(finding.span(), 9..24);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub(crate) kind: Kind,
    pub(crate) start: usize,
    pub(crate) end: usize,
    /// Length of the public prefix (`ghp_`) that `Strategy::Partial` keeps.
    pub(crate) prefix: usize,
}

impl Finding {
    /// What was found.
    ///
    /// ```rust
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// use airlock::sanitize::{Kind, Sanitizer};
    ///
    /// let out = Sanitizer::new().sanitize("paid with 4111 1111 1111 1111");
    /// assert_eq!(out.findings[0].kind(), &"credit_card".parse::<Kind>()?);
    /// # Ok(())
    /// # }
    /// ```
    pub fn kind(&self) -> &Kind {
        &self.kind
    }

    /// Whether it is personal data or a credential.
    ///
    /// The category of the finding's kind:
    ///
    /// ```rust
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// use airlock::sanitize::{Category, Sanitizer};
    ///
    /// let out = Sanitizer::new().sanitize("ann@example.org AKIAIOSFODNN7EXAMPLE");
    /// let categories: Vec<Category> = out.findings.iter().map(|f| f.category()).collect();
    /// assert_eq!(categories, [Category::Pii, Category::Secret]);
    /// assert_eq!(serde_json::to_string(&categories)?, r#"["pii","secret"]"#);
    /// # Ok(())
    /// # }
    /// ```
    pub fn category(&self) -> Category {
        self.kind.category()
    }

    /// The byte range of the input that was masked.
    ///
    /// The span indexes the input, not the masked text:
    ///
    /// ```rust
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// use airlock::sanitize::Sanitizer;
    ///
    /// let input = "key AKIAIOSFODNN7EXAMPLE, mail ann@example.org";
    /// let out = Sanitizer::new().sanitize(input);
    /// let found: Vec<&str> = out.findings.iter().map(|f| &input[f.span()]).collect();
    /// assert_eq!(found, ["AKIAIOSFODNN7EXAMPLE", "ann@example.org"]);
    /// assert_eq!(serde_json::to_string(&out.findings[1].span())?, r#"{"start":31,"end":46}"#);
    /// # Ok(())
    /// # }
    /// ```
    pub fn span(&self) -> Range<usize> {
        self.start..self.end
    }

    /// The first byte of the span.
    ///
    /// Offsets count bytes, and `é` takes two:
    ///
    /// ```rust
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// use airlock::sanitize::Sanitizer;
    ///
    /// let input = "café: ann@example.org";
    /// let finding = Sanitizer::new().find(input.as_bytes()).into_iter().next().ok_or("nothing found")?;
    /// assert_eq!(finding.start(), 7);
    /// assert_eq!(&input[finding.start()..], "ann@example.org");
    /// # Ok(())
    /// # }
    /// ```
    pub fn start(&self) -> usize {
        self.start
    }

    /// One past the last byte of the span.
    ///
    /// ```rust
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// use airlock::sanitize::Sanitizer;
    ///
    /// let input = "ann@example.org wrote";
    /// let finding = Sanitizer::new().find(input.as_bytes()).into_iter().next().ok_or("nothing found")?;
    /// assert_eq!(finding.end(), 15);
    /// assert_eq!(&input[finding.end()..], " wrote");
    /// # Ok(())
    /// # }
    /// ```
    pub fn end(&self) -> usize {
        self.end
    }

    pub(crate) fn shifted(mut self, by: usize) -> Finding {
        self.start += by;
        self.end += by;
        self
    }
}
