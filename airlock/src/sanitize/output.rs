//! The [`Sanitize`] trait: masking a tool's typed output in place.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};

use super::Sanitizer;
use super::report::Report;
use super::truncate::{self, Truncation};

/// A tool output that can be masked in place.
///
/// Implemented for `String`, `Cow<str>`, `serde_json::Value`, and through `Option`, `Vec`,
/// `Box`, `Result` (the `Ok` value) and maps (their values) for any of those. The `#[airlock]`
/// attribute masks any output type that implements it and passes others through unchanged.
///
/// ```
/// use airlock::sanitize::{Report, Sanitize, Sanitizer};
///
/// let mut out: Result<Option<String>, std::io::Error> = Ok(Some("key AKIAIOSFODNN7EXAMPLE".into()));
/// let mut report = Report::default();
/// out.sanitize(&Sanitizer::new(), &mut report);
/// assert_eq!(out.unwrap().unwrap(), "key [AWS_ACCESS_KEY_ID]");
/// assert_eq!(report.total(), 1);
/// ```
pub trait Sanitize {
    /// Masks `self` in place with `sanitizer`, counting what was masked in `report`.
    fn sanitize(&mut self, sanitizer: &Sanitizer, report: &mut Report);

    /// Cuts `self` to at most `budget` characters (at least 64), with a marker saying how
    /// much was cut, after masking. The default leaves the value whole: only text has a
    /// length to cut. Strings cut on a character boundary and never through a mask; a JSON
    /// value longer than the budget when serialized becomes that serialization, cut.
    ///
    /// ```
    /// use airlock::sanitize::Sanitize;
    ///
    /// let mut out = "word ".repeat(100);
    /// let cut = out.truncate_to(64).unwrap();
    /// assert!(out.chars().count() <= 64);
    /// assert_eq!(cut.removed_chars + cut.kept_chars, 500);
    /// ```
    fn truncate_to(&mut self, budget: usize) -> Option<Truncation> {
        let _ = budget;
        None
    }
}

/// `text` cut to `budget`, if it is longer.
fn cut(text: &str, budget: usize) -> Option<(String, Truncation)> {
    match truncate::truncate_masked(Cow::Borrowed(text), budget) {
        (Cow::Owned(cut), Some(truncation)) => Some((cut, truncation)),
        _ => None,
    }
}

fn truncate_string(text: &mut String, budget: usize) -> Option<Truncation> {
    let (cut, truncation) = cut(text, budget)?;
    *text = cut;
    Some(truncation)
}

impl Sanitize for String {
    fn sanitize(&mut self, sanitizer: &Sanitizer, report: &mut Report) {
        let (masked, findings) = sanitizer.mask(self);
        if !findings.is_empty() {
            report.add_findings(&findings);
            *self = masked.into_owned();
        }
    }

    fn truncate_to(&mut self, budget: usize) -> Option<Truncation> {
        truncate_string(self, budget)
    }
}

impl Sanitize for Cow<'_, str> {
    fn sanitize(&mut self, sanitizer: &Sanitizer, report: &mut Report) {
        let (masked, findings) = sanitizer.mask(self);
        if !findings.is_empty() {
            report.add_findings(&findings);
            *self = Cow::Owned(masked.into_owned());
        }
    }

    fn truncate_to(&mut self, budget: usize) -> Option<Truncation> {
        let (cut, truncation) = cut(self, budget)?;
        *self = Cow::Owned(cut);
        Some(truncation)
    }
}

impl Sanitize for serde_json::Value {
    fn sanitize(&mut self, sanitizer: &Sanitizer, report: &mut Report) {
        report.merge(&sanitizer.sanitize_json(self));
    }

    fn truncate_to(&mut self, budget: usize) -> Option<Truncation> {
        if let serde_json::Value::String(text) = self {
            return truncate_string(text, budget);
        }
        let mut text = self.to_string();
        let truncation = truncate_string(&mut text, budget)?;
        *self = serde_json::Value::String(text);
        Some(truncation)
    }
}

impl<T: Sanitize + ?Sized> Sanitize for Box<T> {
    fn sanitize(&mut self, sanitizer: &Sanitizer, report: &mut Report) {
        (**self).sanitize(sanitizer, report);
    }

    fn truncate_to(&mut self, budget: usize) -> Option<Truncation> {
        (**self).truncate_to(budget)
    }
}

impl<T: Sanitize> Sanitize for Option<T> {
    fn sanitize(&mut self, sanitizer: &Sanitizer, report: &mut Report) {
        if let Some(value) = self {
            value.sanitize(sanitizer, report);
        }
    }

    fn truncate_to(&mut self, budget: usize) -> Option<Truncation> {
        self.as_mut()?.truncate_to(budget)
    }
}

impl<T: Sanitize> Sanitize for [T] {
    fn sanitize(&mut self, sanitizer: &Sanitizer, report: &mut Report) {
        for value in self {
            value.sanitize(sanitizer, report);
        }
    }
}

impl<T: Sanitize> Sanitize for Vec<T> {
    fn sanitize(&mut self, sanitizer: &Sanitizer, report: &mut Report) {
        self.as_mut_slice().sanitize(sanitizer, report);
    }
}

/// Masks the `Ok` value. An error's text reaches the model through the runtime's error
/// path, which masks it there.
impl<T: Sanitize, E> Sanitize for Result<T, E> {
    fn sanitize(&mut self, sanitizer: &Sanitizer, report: &mut Report) {
        if let Ok(value) = self {
            value.sanitize(sanitizer, report);
        }
    }

    fn truncate_to(&mut self, budget: usize) -> Option<Truncation> {
        self.as_mut().ok()?.truncate_to(budget)
    }
}

/// Masks the values; keys are left as they are.
impl<K, V: Sanitize, S> Sanitize for HashMap<K, V, S> {
    fn sanitize(&mut self, sanitizer: &Sanitizer, report: &mut Report) {
        for value in self.values_mut() {
            value.sanitize(sanitizer, report);
        }
    }
}

/// Masks the values; keys are left as they are.
impl<K, V: Sanitize> Sanitize for BTreeMap<K, V> {
    fn sanitize(&mut self, sanitizer: &Sanitizer, report: &mut Report) {
        for value in self.values_mut() {
            value.sanitize(sanitizer, report);
        }
    }
}

/// Masks rmcp's structured tool output (`structuredContent`) value by value; never cut, so
/// that it still fits the tool's output schema (masks replace strings by strings).
#[cfg(feature = "mcp")]
impl<T: Sanitize> Sanitize for rmcp::Json<T> {
    fn sanitize(&mut self, sanitizer: &Sanitizer, report: &mut Report) {
        self.0.sanitize(sanitizer, report);
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::sanitize::Kind;

    #[test]
    fn dispatch_masks_every_container() {
        let s = Sanitizer::new();
        let mut report = Report::default();
        let mut text = String::from("ann@example.org");
        text.sanitize(&s, &mut report);
        assert_eq!(text, "[EMAIL]");

        let mut value = json!({"password": "x"});
        value.sanitize(&s, &mut report);
        assert_eq!(value, json!({"password": "[PASSWORD]"}));

        let mut result: Result<String, String> = Ok("ssn 123-45-6789".into());
        result.sanitize(&s, &mut report);
        assert_eq!(result, Ok("ssn [SSN]".to_string()));

        let mut failed: Result<String, String> = Err("ann@example.org".into());
        failed.sanitize(&s, &mut report);
        assert_eq!(failed, Err("ann@example.org".to_string()));

        let mut map = HashMap::from([("k", vec![Some(Box::new(String::from("10.0.0.1")))])]);
        map.sanitize(&s, &mut report);
        assert_eq!(
            map["k"][0].as_deref().map(String::as_str),
            Some("[IP_ADDRESS]")
        );

        let mut cow = Cow::Borrowed("clean");
        cow.sanitize(&s, &mut report);
        assert!(matches!(cow, Cow::Borrowed(_)));

        assert_eq!(report.count(&Kind::Email), 1);
        assert_eq!(report.total(), 4);
    }
}
