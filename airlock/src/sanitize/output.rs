//! The [`Sanitize`] trait: masking a tool's typed output in place; its implementations for
//! text, JSON and the standard containers.

use std::borrow::Cow;
use std::collections::VecDeque;

use super::Sanitizer;
use super::json;
use super::mask;
use super::report::Report;
use super::sensitivity::Sensitivity;
use super::truncate::{self, Truncation};

/// A tool output that can be masked in place.
///
/// Implemented for `String`, `Cow<str>`, `serde_json::Value` and `serde_json::Map`; for
/// numbers, `bool`, `char` and `()`; and through `Option`, `Box`, `Vec`, `VecDeque`, slices,
/// arrays, tuples, `Result` (the `Ok` value) and maps for any of those. Derive it for your
/// own types with [`#[derive(Sanitize)]`](macro@crate::Sanitize). The `#[airlock]` attribute
/// masks any output type that implements it and passes others through unchanged.
///
/// Every implementation masks as [`Sanitizer::sanitize_json`] masks the value serialized:
/// strings by what they hold, and whatever sits under a secret's name (a field or map key
/// named `password`, `api_key`, …) whole; see [`sanitize_as`](Sanitize::sanitize_as).
///
/// ```
/// use airlock::sanitize::{Report, Sanitize, Sanitizer};
///
/// let mut out: Result<Option<String>, std::io::Error> = Ok(Some("key AKIAIOSFODNN7EXAMPLE".into()));
/// let mut report = Report::default();
/// out.sanitize(&Sanitizer::new(), &mut report);
/// assert_eq!(out?.as_deref(), Some("key [AWS_ACCESS_KEY_ID]"));
/// assert_eq!(report.total(), 1);
/// # Ok::<(), std::io::Error>(())
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be masked: it does not implement `airlock::Sanitize`",
    label = "`{Self}` does not implement `airlock::Sanitize`",
    note = "if it holds nothing to mask (an id, a timestamp), mark the field `#[mask(skip)]` to leave it as it is",
    note = "if it is a type of your own, add `#[derive(airlock::Sanitize)]` to it or implement `airlock::Sanitize` for it by hand"
)]
pub trait Sanitize {
    /// Masks `self` in place with `sanitizer`, counting what was masked in `report`.
    fn sanitize(&mut self, sanitizer: &Sanitizer, report: &mut Report);

    /// Masks `self` as the value under a name of this [`Sensitivity`]: under a secret's name,
    /// the whole value whatever it holds, as [`Sanitizer::sanitize_json`] masks a value under
    /// such a key; under a plain name, as [`sanitize`](Sanitize::sanitize) does.
    ///
    /// The default ignores the name and calls `sanitize`: implement it for a type that can
    /// hold a secret, as the implementations here and `#[derive(Sanitize)]` do. Strings
    /// become their mask (`[PASSWORD]`); numbers, which cannot hold a mask, become `0`
    /// (`NaN` and infinities, which JSON writes as `null`, stay); a `char` becomes `*`;
    /// `bool`s stay, as in JSON; containers and derived types pass the name's sensitivity on to
    /// what they hold.
    ///
    /// ```
    /// use airlock::sanitize::{Report, Sanitize, Sanitizer, Sensitivity};
    ///
    /// let s = Sanitizer::new();
    /// let secret = Sensitivity::PLAIN.nested("db_password", &s);
    /// let mut report = Report::default();
    /// let mut password = vec![String::from("hunter2"), String::from("[REDACTED]")];
    /// password.sanitize_as(secret, &s, &mut report);
    /// assert_eq!(password, ["[PASSWORD]", "[REDACTED]"]);
    /// let mut pin = 1234_u32;
    /// pin.sanitize_as(secret, &s, &mut report);
    /// assert_eq!(pin, 0);
    /// assert_eq!(report.total(), 2);
    /// ```
    fn sanitize_as(
        &mut self,
        sensitivity: Sensitivity,
        sanitizer: &Sanitizer,
        report: &mut Report,
    ) {
        let _ = sensitivity;
        self.sanitize(sanitizer, report);
    }

    /// Cuts `self` to at most `budget` characters (at least 64), with a marker saying how
    /// much was cut, after masking. The default leaves the value whole: only text has a
    /// length to cut. Strings cut on a character boundary and never through a mask; a JSON
    /// value longer than the budget when serialized becomes that serialization, cut.
    ///
    /// ```
    /// use airlock::sanitize::Sanitize;
    ///
    /// let mut out = "word ".repeat(100);
    /// let cut = out.truncate_to(64).ok_or("not cut")?;
    /// assert!(out.chars().count() <= 64);
    /// assert_eq!(cut.removed_chars + cut.kept_chars, 500);
    /// # Ok::<(), &str>(())
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
        if let Some(masked) = mask::counted(sanitizer, self, report) {
            *self = masked;
        }
    }

    fn sanitize_as(
        &mut self,
        sensitivity: Sensitivity,
        sanitizer: &Sanitizer,
        report: &mut Report,
    ) {
        if let Some(masked) = json::mask_str(sanitizer, self, sensitivity.class(), report) {
            *self = masked;
        }
    }

    fn truncate_to(&mut self, budget: usize) -> Option<Truncation> {
        truncate_string(self, budget)
    }
}

impl Sanitize for Cow<'_, str> {
    fn sanitize(&mut self, sanitizer: &Sanitizer, report: &mut Report) {
        if let Some(masked) = mask::counted(sanitizer, self, report) {
            *self = Cow::Owned(masked);
        }
    }

    fn sanitize_as(
        &mut self,
        sensitivity: Sensitivity,
        sanitizer: &Sanitizer,
        report: &mut Report,
    ) {
        if let Some(masked) = json::mask_str(sanitizer, self, sensitivity.class(), report) {
            *self = Cow::Owned(masked);
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

    fn sanitize_as(
        &mut self,
        sensitivity: Sensitivity,
        sanitizer: &Sanitizer,
        report: &mut Report,
    ) {
        json::sanitize_value(sanitizer, self, sensitivity.class(), report);
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

/// `serde_json::Map` as the JSON object it is.
impl Sanitize for serde_json::Map<String, serde_json::Value> {
    fn sanitize(&mut self, sanitizer: &Sanitizer, report: &mut Report) {
        self.sanitize_as(Sensitivity::PLAIN, sanitizer, report);
    }

    fn sanitize_as(
        &mut self,
        sensitivity: Sensitivity,
        sanitizer: &Sanitizer,
        report: &mut Report,
    ) {
        // Moved into a value and back: no copy.
        let mut value = serde_json::Value::Object(std::mem::take(self));
        json::sanitize_value(sanitizer, &mut value, sensitivity.class(), report);
        if let serde_json::Value::Object(map) = value {
            *self = map;
        }
    }
}

impl<T: Sanitize + ?Sized> Sanitize for Box<T> {
    fn sanitize(&mut self, sanitizer: &Sanitizer, report: &mut Report) {
        (**self).sanitize(sanitizer, report);
    }

    fn sanitize_as(
        &mut self,
        sensitivity: Sensitivity,
        sanitizer: &Sanitizer,
        report: &mut Report,
    ) {
        (**self).sanitize_as(sensitivity, sanitizer, report);
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

    fn sanitize_as(
        &mut self,
        sensitivity: Sensitivity,
        sanitizer: &Sanitizer,
        report: &mut Report,
    ) {
        if let Some(value) = self {
            value.sanitize_as(sensitivity, sanitizer, report);
        }
    }

    fn truncate_to(&mut self, budget: usize) -> Option<Truncation> {
        self.as_mut()?.truncate_to(budget)
    }
}

/// Each item as the name's value, as a JSON array's items.
impl<T: Sanitize> Sanitize for [T] {
    fn sanitize(&mut self, sanitizer: &Sanitizer, report: &mut Report) {
        for value in self {
            value.sanitize(sanitizer, report);
        }
    }

    fn sanitize_as(
        &mut self,
        sensitivity: Sensitivity,
        sanitizer: &Sanitizer,
        report: &mut Report,
    ) {
        for value in self {
            value.sanitize_as(sensitivity, sanitizer, report);
        }
    }
}

impl<T: Sanitize, const N: usize> Sanitize for [T; N] {
    fn sanitize(&mut self, sanitizer: &Sanitizer, report: &mut Report) {
        self.as_mut_slice().sanitize(sanitizer, report);
    }

    fn sanitize_as(
        &mut self,
        sensitivity: Sensitivity,
        sanitizer: &Sanitizer,
        report: &mut Report,
    ) {
        self.as_mut_slice()
            .sanitize_as(sensitivity, sanitizer, report);
    }
}

impl<T: Sanitize> Sanitize for Vec<T> {
    fn sanitize(&mut self, sanitizer: &Sanitizer, report: &mut Report) {
        self.as_mut_slice().sanitize(sanitizer, report);
    }

    fn sanitize_as(
        &mut self,
        sensitivity: Sensitivity,
        sanitizer: &Sanitizer,
        report: &mut Report,
    ) {
        self.as_mut_slice()
            .sanitize_as(sensitivity, sanitizer, report);
    }
}

impl<T: Sanitize> Sanitize for VecDeque<T> {
    fn sanitize(&mut self, sanitizer: &Sanitizer, report: &mut Report) {
        for value in self {
            value.sanitize(sanitizer, report);
        }
    }

    fn sanitize_as(
        &mut self,
        sensitivity: Sensitivity,
        sanitizer: &Sanitizer,
        report: &mut Report,
    ) {
        for value in self {
            value.sanitize_as(sensitivity, sanitizer, report);
        }
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

    fn sanitize_as(
        &mut self,
        sensitivity: Sensitivity,
        sanitizer: &Sanitizer,
        report: &mut Report,
    ) {
        if let Ok(value) = self {
            value.sanitize_as(sensitivity, sanitizer, report);
        }
    }

    fn truncate_to(&mut self, budget: usize) -> Option<Truncation> {
        self.as_mut().ok()?.truncate_to(budget)
    }
}

/// Tuples, as the JSON arrays serde writes them as: each item as the name's value.
macro_rules! tuples {
    ($(($($name:ident),+))+) => {$(
        impl<$($name: Sanitize),+> Sanitize for ($($name,)+) {
            fn sanitize(&mut self, sanitizer: &Sanitizer, report: &mut Report) {
                #[allow(non_snake_case)]
                let ($($name,)+) = self;
                $($name.sanitize(sanitizer, report);)+
            }

            fn sanitize_as(
                &mut self,
                sensitivity: Sensitivity,
                sanitizer: &Sanitizer,
                report: &mut Report,
            ) {
                #[allow(non_snake_case)]
                let ($($name,)+) = self;
                $($name.sanitize_as(sensitivity, sanitizer, report);)+
            }
        }
    )+};
}

tuples! {
    (A)
    (A, B)
    (A, B, C)
    (A, B, C, D)
    (A, B, C, D, E)
    (A, B, C, D, E, F)
    (A, B, C, D, E, F, G)
    (A, B, C, D, E, F, G, H)
}

/// Masks rmcp's structured tool output (`structuredContent`) value by value; never cut, so
/// that it still fits the tool's output schema (masks replace strings by strings).
#[cfg(feature = "mcp")]
impl<T: Sanitize> Sanitize for rmcp::Json<T> {
    fn sanitize(&mut self, sanitizer: &Sanitizer, report: &mut Report) {
        self.0.sanitize(sanitizer, report);
    }

    fn sanitize_as(
        &mut self,
        sensitivity: Sensitivity,
        sanitizer: &Sanitizer,
        report: &mut Report,
    ) {
        self.0.sanitize_as(sensitivity, sanitizer, report);
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

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
