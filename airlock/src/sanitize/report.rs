//! Counting what was masked, per kind.

use super::finding::Finding;
use super::kind::Kind;

/// How many values of each kind were masked. Serializes as `{"email": 2, "jwt": 1}`.
///
/// ```rust
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// use airlock::sanitize::{Kind, Report, Sanitize, Sanitizer};
///
/// let mut output = vec!["ann@example.org".to_string(), "call 555-234-5678".to_string()];
/// let mut report = Report::default();
/// output.sanitize(&Sanitizer::new(), &mut report);
/// assert_eq!(report.count(&Kind::Email), 1);
/// assert_eq!(report.total(), 2);
/// assert_eq!(serde_json::to_string(&report)?, r#"{"email":1,"phone":1}"#);
/// # Ok(())
/// # }
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    /// Sorted by kind, each kind once, no zero count. (A short sorted list rather than a
    /// `BTreeMap`: a report is made and dropped on every guarded call, nearly always empty,
    /// and an empty map costs more to drop than a call's policy decision.)
    counts: Vec<(Kind, usize)>,
}

impl Report {
    /// Counts one masked value of `kind`.
    ///
    /// ```rust
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// use airlock::sanitize::{Kind, Report};
    ///
    /// let mut report = Report::default();
    /// report.add(&"email".parse::<Kind>()?);
    /// report.add(&Kind::Email);
    /// assert_eq!(report.count(&Kind::Email), 2);
    /// # Ok(())
    /// # }
    /// ```
    pub fn add(&mut self, kind: &Kind) {
        self.add_n(kind, 1);
    }

    /// Counts every finding.
    ///
    /// Counting what [`Sanitizer::sanitize`](super::Sanitizer::sanitize) found:
    ///
    /// ```rust
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// use airlock::sanitize::{Kind, Report, Sanitizer};
    ///
    /// let out = Sanitizer::builder().build()?.sanitize("ann@example.org, bob@example.org");
    /// let mut report = Report::default();
    /// report.add_findings(&out.findings);
    /// assert_eq!(report.count(&Kind::Email), 2);
    /// # Ok(())
    /// # }
    /// ```
    pub fn add_findings(&mut self, findings: &[Finding]) {
        for f in findings {
            self.add(f.kind());
        }
    }

    /// Adds another report's counts to this one.
    ///
    /// One report for several outputs:
    ///
    /// ```rust
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// use airlock::sanitize::{Kind, Report, Sanitizer};
    /// use serde_json::json;
    ///
    /// let s = Sanitizer::builder().build()?;
    /// let mut total = Report::default();
    /// total.merge(&s.sanitize_json(&mut json!({"to": "ann@example.org"})));
    /// total.merge(&s.sanitize_json(&mut json!(["bob@example.org", "AKIAIOSFODNN7EXAMPLE"])));
    /// assert_eq!(total.count(&Kind::Email), 2);
    /// assert_eq!(serde_json::to_string(&total)?, r#"{"email":2,"aws_access_key_id":1}"#);
    /// # Ok(())
    /// # }
    /// ```
    pub fn merge(&mut self, other: &Report) {
        for (kind, n) in &other.counts {
            self.add_n(kind, *n);
        }
    }

    /// How many values of `kind` were masked.
    ///
    /// Zero for a kind that was not masked:
    ///
    /// ```rust
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// use airlock::sanitize::{Kind, Sanitizer};
    /// use serde_json::json;
    ///
    /// let report = Sanitizer::builder().build()?.sanitize_json(&mut json!({"from": "ann@example.org"}));
    /// assert_eq!(report.count(&Kind::Email), 1);
    /// assert_eq!(report.count(&Kind::Jwt), 0);
    /// # Ok(())
    /// # }
    /// ```
    pub fn count(&self, kind: &Kind) -> usize {
        self.slot(kind).map_or(0, |i| self.counts[i].1)
    }

    /// How many values were masked in all.
    ///
    /// ```rust
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// use airlock::sanitize::Sanitizer;
    /// use serde_json::json;
    ///
    /// let mut value = json!({"cc": "4111 1111 1111 1111", "to": ["ann@example.org", "bob@example.org"]});
    /// let report = Sanitizer::builder().build()?.sanitize_json(&mut value);
    /// assert_eq!(report.total(), 3);
    /// # Ok(())
    /// # }
    /// ```
    pub fn total(&self) -> usize {
        self.counts.iter().map(|(_, n)| n).sum()
    }

    /// Whether nothing was masked.
    ///
    /// Nothing to mask, nothing counted:
    ///
    /// ```rust
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// use airlock::sanitize::{Report, Sanitizer};
    /// use serde_json::json;
    ///
    /// assert!(Report::default().is_empty());
    /// let report = Sanitizer::builder().build()?.sanitize_json(&mut json!({"status": "ok"}));
    /// assert!(report.is_empty());
    /// # Ok(())
    /// # }
    /// ```
    pub fn is_empty(&self) -> bool {
        self.counts.is_empty()
    }

    /// The counts, by kind.
    ///
    /// In the order of [`Kind`]'s variants (built-in kinds before custom ones):
    ///
    /// ```rust
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// use airlock::sanitize::{Kind, Sanitizer};
    /// use serde_json::json;
    ///
    /// let mut value = json!(["AKIAIOSFODNN7EXAMPLE", "ann@example.org", "bob@example.org"]);
    /// let report = Sanitizer::builder().build()?.sanitize_json(&mut value);
    /// let counts: Vec<(&Kind, usize)> = report.iter().collect();
    /// assert_eq!(counts, [(&Kind::Email, 2), (&Kind::AwsAccessKeyId, 1)]);
    /// # Ok(())
    /// # }
    /// ```
    pub fn iter(&self) -> impl Iterator<Item = (&Kind, usize)> {
        self.counts.iter().map(|(k, n)| (k, *n))
    }
}

impl Report {
    /// Where `kind` is in the list, or where it would go.
    fn slot(&self, kind: &Kind) -> Result<usize, usize> {
        self.counts.binary_search_by(|(k, _)| k.cmp(kind))
    }

    /// Counts `n` masked values of `kind` (`n > 0`).
    fn add_n(&mut self, kind: &Kind, n: usize) {
        match self.slot(kind) {
            Ok(i) => self.counts[i].1 += n,
            Err(i) => self.counts.insert(i, (kind.clone(), n)),
        }
    }
}

impl serde::Serialize for Report {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.counts.iter().map(|(k, n)| (k.name(), n)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_do_not_depend_on_the_order_they_came_in() {
        let kinds = [
            Kind::Phone,
            Kind::Email,
            Kind::Jwt,
            Kind::Email,
            Kind::Phone,
            Kind::Email,
        ];
        let mut forward = Report::default();
        kinds.iter().for_each(|k| forward.add(k));
        let mut backward = Report::default();
        kinds.iter().rev().for_each(|k| backward.add(k));
        assert_eq!(forward, backward);
        let mut merged = Report::default();
        merged.merge(&forward);
        merged.merge(&backward);
        assert_eq!(merged.count(&Kind::Email), 6);
        assert_eq!(merged.total(), 12);
        let order: Vec<&Kind> = forward.iter().map(|(k, _)| k).collect();
        let mut sorted = order.clone();
        sorted.sort();
        assert_eq!(order, sorted);
        assert_eq!(forward.count(&Kind::CreditCard), 0);
    }
}
