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
    pub fn kind(&self) -> &Kind {
        &self.kind
    }

    /// Whether it is personal data or a credential.
    pub fn category(&self) -> Category {
        self.kind.category()
    }

    /// The byte range of the input that was masked.
    pub fn span(&self) -> Range<usize> {
        self.start..self.end
    }

    /// The first byte of the span.
    pub fn start(&self) -> usize {
        self.start
    }

    /// One past the last byte of the span.
    pub fn end(&self) -> usize {
        self.end
    }

    pub(crate) fn shifted(mut self, by: usize) -> Finding {
        self.start += by;
        self.end += by;
        self
    }
}
