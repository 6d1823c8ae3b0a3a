//! Counting what was masked, per kind.

use std::collections::BTreeMap;

use super::finding::Finding;
use super::kind::Kind;

/// How many values of each kind were masked. Serializes as `{"email": 2, "jwt": 1}`.
///
/// ```
/// use airlock::sanitize::{Kind, Report, Sanitize, Sanitizer};
///
/// let mut output = vec!["ann@example.org".to_string(), "call 555-234-5678".to_string()];
/// let mut report = Report::default();
/// output.sanitize(&Sanitizer::new(), &mut report);
/// assert_eq!(report.count(&Kind::Email), 1);
/// assert_eq!(report.total(), 2);
/// assert_eq!(serde_json::to_string(&report).unwrap(), r#"{"email":1,"phone":1}"#);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    counts: BTreeMap<Kind, usize>,
}

impl Report {
    /// Counts one masked value of `kind`.
    pub fn add(&mut self, kind: &Kind) {
        *self.counts.entry(kind.clone()).or_default() += 1;
    }

    /// Counts every finding.
    pub fn add_findings(&mut self, findings: &[Finding]) {
        for f in findings {
            self.add(f.kind());
        }
    }

    /// Adds another report's counts to this one.
    pub fn merge(&mut self, other: &Report) {
        for (kind, n) in &other.counts {
            *self.counts.entry(kind.clone()).or_default() += n;
        }
    }

    /// How many values of `kind` were masked.
    pub fn count(&self, kind: &Kind) -> usize {
        self.counts.get(kind).copied().unwrap_or(0)
    }

    /// How many values were masked in all.
    pub fn total(&self) -> usize {
        self.counts.values().sum()
    }

    /// Whether nothing was masked.
    pub fn is_empty(&self) -> bool {
        self.counts.is_empty()
    }

    /// The counts, by kind.
    pub fn iter(&self) -> impl Iterator<Item = (&Kind, usize)> {
        self.counts.iter().map(|(k, &n)| (k, n))
    }
}

impl serde::Serialize for Report {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.counts.iter().map(|(k, n)| (k.name(), n)))
    }
}
