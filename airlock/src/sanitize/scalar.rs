//! [`Sanitize`] for numbers, `bool`, `char` and unit-likes, so that a struct's ids and
//! counters need no `#[mask(skip)]`.
//!
//! By what they hold they are never masked: JSON's numbers and booleans are not scanned
//! either. Under a secret's name (`"pin_code"` is not one, `"api_key"` is) JSON masks a
//! number into the string `"[PASSWORD]"`; a Rust number cannot hold that string, so it becomes
//! `0` instead, which keeps the type (and so a tool's output schema) and tells the model
//! nothing. The report counts it as JSON's masking would. A number that is already `0` has
//! nothing left to hide and is not counted again, so masking twice changes nothing.

use std::marker::PhantomData;

use super::Sanitizer;
use super::json;
use super::output::Sanitize;
use super::report::Report;
use super::sensitivity::Sensitivity;

/// Whether a number, given as its JSON text, is masked under a secret's name (and counts it
/// if so, as the kind JSON's masking would count).
fn masks(text: &str, sanitizer: &Sanitizer, report: &mut Report) -> bool {
    json::mask_number(sanitizer, text, report).is_some()
}

macro_rules! integers {
    ($($t:ty)*) => {$(
        /// Never masked by value; `0` under a secret's name.
        impl Sanitize for $t {
            fn sanitize(&mut self, _: &Sanitizer, _: &mut Report) {}

            fn sanitize_as(
                &mut self,
                sensitivity: Sensitivity,
                sanitizer: &Sanitizer,
                report: &mut Report,
            ) {
                if json::masks_numbers(sensitivity.class())
                    && *self != 0
                    && masks(&self.to_string(), sanitizer, report)
                {
                    *self = 0;
                }
            }
        }
    )*};
}

integers!(u8 u16 u32 u64 u128 usize i8 i16 i32 i64 i128 isize);

macro_rules! floats {
    ($($t:ty)*) => {$(
        /// Never masked by value; `0.0` under a secret's name. `NaN` and the infinities,
        /// which JSON writes as `null`, stay.
        impl Sanitize for $t {
            fn sanitize(&mut self, _: &Sanitizer, _: &mut Report) {}

            fn sanitize_as(
                &mut self,
                sensitivity: Sensitivity,
                sanitizer: &Sanitizer,
                report: &mut Report,
            ) {
                if !json::masks_numbers(sensitivity.class()) || *self == 0.0 {
                    return;
                }
                // The text JSON would hold, which decides the kind counted (`None`: `null`).
                let Some(number) = serde_json::Number::from_f64(f64::from(*self)) else {
                    return;
                };
                if masks(&number.to_string(), sanitizer, report) {
                    *self = 0.0;
                }
            }
        }
    )*};
}

floats!(f32 f64);

/// Never masked, as JSON's `true` and `false` are not.
impl Sanitize for bool {
    fn sanitize(&mut self, _: &Sanitizer, _: &mut Report) {}
}

/// Masked as a one-character string; a `char` cannot hold the mask, so it becomes `*`
/// (which a second pass leaves alone).
impl Sanitize for char {
    fn sanitize(&mut self, sanitizer: &Sanitizer, report: &mut Report) {
        self.sanitize_as(Sensitivity::PLAIN, sanitizer, report);
    }

    fn sanitize_as(
        &mut self,
        sensitivity: Sensitivity,
        sanitizer: &Sanitizer,
        report: &mut Report,
    ) {
        let mut buf = [0; 4];
        let text = self.encode_utf8(&mut buf);
        if json::mask_str(sanitizer, text, sensitivity.class(), report).is_some() {
            *self = '*';
        }
    }
}

/// Nothing to mask (JSON's `null`).
impl Sanitize for () {
    fn sanitize(&mut self, _: &Sanitizer, _: &mut Report) {}
}

/// Nothing to mask (JSON's `null`).
impl<T: ?Sized> Sanitize for PhantomData<T> {
    fn sanitize(&mut self, _: &Sanitizer, _: &mut Report) {}
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::sanitize::Kind;

    #[test]
    fn numbers_under_secret_names_become_zero_and_count_as_in_json() {
        let s = Sanitizer::new();
        let secret = Sensitivity::PLAIN.nested("api_key", &s);
        let credential = Sensitivity::PLAIN.nested("webhook_key", &s);
        let mut report = Report::default();
        let (mut a, mut b, mut c, mut d) = (987_654_321_u64, -3_i8, 2.5_f64, f64::NAN);
        a.sanitize_as(secret, &s, &mut report);
        b.sanitize_as(secret, &s, &mut report);
        c.sanitize_as(secret, &s, &mut report);
        d.sanitize_as(secret, &s, &mut report);
        assert_eq!((a, b, c), (0, 0, 0.0));
        assert!(d.is_nan());
        let mut card = 4_111_111_111_111_111_u64;
        card.sanitize_as(secret, &s, &mut report);
        assert_eq!(card, 0);

        let mut same =
            json!({"api_key": [987_654_321_u64, -3, 2.5, null, 4_111_111_111_111_111_u64]});
        let expected = s.sanitize_json(&mut same);
        assert_eq!(report, expected);
        assert_eq!(report.count(&Kind::CreditCard), 1);

        // Plain and credential-like names leave numbers, as JSON does; so does a second pass.
        let mut n = 42_u32;
        n.sanitize_as(credential, &s, &mut report);
        n.sanitize(&s, &mut report);
        a.sanitize_as(secret, &s, &mut report);
        assert_eq!((n, report.total()), (42, 4));
    }

    #[test]
    fn numbers_stay_when_the_password_detector_is_off() {
        let s = Sanitizer::builder()
            .disable(Kind::Password)
            .build()
            .unwrap();
        let mut report = Report::default();
        let mut n = 1234_u32;
        n.sanitize_as(Sensitivity::SECRET, &s, &mut report);
        assert_eq!(n, 1234);
        assert!(report.is_empty());
    }

    #[test]
    fn chars_and_bools() {
        let s = Sanitizer::new();
        let mut report = Report::default();
        let (mut c, mut b) = ('x', true);
        c.sanitize(&s, &mut report);
        b.sanitize_as(Sensitivity::SECRET, &s, &mut report);
        assert_eq!((c, b, report.total()), ('x', true, 0));
        c.sanitize_as(Sensitivity::SECRET, &s, &mut report);
        assert_eq!((c, report.total()), ('*', 1));
        c.sanitize_as(Sensitivity::SECRET, &s, &mut report);
        assert_eq!((c, report.total()), ('*', 1));
    }
}
