//! `validator` errors as argument [`Problem`]s.
//!
//! `validator` puts the offending value in each error's `value` parameter; it is never echoed.
//! `received` says what kind of value came and, for short plain numbers, which.

use std::borrow::Cow;

use serde_json::Value;
use validator::{ValidationError, ValidationErrors, ValidationErrorsKind};

use crate::Problem;

/// Appends a problem for every error in `errors`, under the JSON pointer `base`, sorted by
/// path so the same input always gives the same list.
pub(crate) fn problems(errors: &ValidationErrors, base: &str, out: &mut Vec<Problem>) {
    let start = out.len();
    collect(errors, base, out);
    out[start..].sort_by(|a, b| a.path.cmp(&b.path));
}

fn collect(errors: &ValidationErrors, base: &str, out: &mut Vec<Problem>) {
    for (field, kind) in errors.errors() {
        // `__all__` holds struct-level (schema) errors: they belong to the object itself.
        let path = if field == "__all__" {
            base.to_owned()
        } else {
            format!("{base}/{}", field.replace('~', "~0").replace('/', "~1"))
        };
        match kind {
            ValidationErrorsKind::Field(list) => {
                out.extend(list.iter().map(|e| problem(e, &path)));
            }
            ValidationErrorsKind::Struct(inner) => collect(inner, &path, out),
            ValidationErrorsKind::List(items) => {
                for (index, inner) in items {
                    collect(inner, &format!("{path}/{index}"), out);
                }
            }
        }
    }
}

fn problem(e: &ValidationError, path: &str) -> Problem {
    let param = |name: &str| e.params.get(name).filter(|v| !v.is_null());
    let bounds = |unit: &str| -> String {
        match (param("equal"), param("min"), param("max")) {
            (Some(eq), _, _) => format!("exactly {eq}{unit}"),
            (None, Some(min), Some(max)) => format!("{min} to {max}{unit}"),
            (None, Some(min), None) => format!("at least {min}{unit}"),
            (None, None, Some(max)) => format!("at most {max}{unit}"),
            (None, None, None) => "a valid length".to_owned(),
        }
    };
    let expected: Cow<'_, str> = match &*e.code {
        "length" => {
            let unit = match param("value") {
                Some(Value::Array(_)) => " items",
                Some(Value::Object(_)) => " entries",
                _ => " characters",
            };
            Cow::Owned(format!("a length of {}", bounds(unit)))
        }
        "range" => Cow::Owned(range(e)),
        "email" => Cow::Borrowed("an email address"),
        "url" => Cow::Borrowed("a URL"),
        "regex" => Cow::Borrowed("a value in the required format"),
        "contains" => match param("needle") {
            Some(Value::String(n)) => Cow::Owned(format!("a value containing {n:?}")),
            _ => Cow::Borrowed("a value containing the required text"),
        },
        "does_not_contain" => Cow::Borrowed("a value without the forbidden text"),
        "must_match" => match param("other") {
            Some(Value::String(other)) => Cow::Owned(format!("the same value as `{other}`")),
            _ => Cow::Borrowed("the same value as its confirmation field"),
        },
        "required" => Cow::Borrowed("a value (it is required)"),
        "credit_card" => Cow::Borrowed("a valid card number"),
        "non_control_character" => Cow::Borrowed("text without control characters"),
        other => Cow::Owned(format!("a value passing the `{other}` check")),
    };
    let received = param("value").map_or_else(|| "a value that failed it".to_owned(), describe);
    let fix = match &e.message {
        Some(message) => format!("{message}."),
        None => format!("Send {expected}."),
    };
    Problem {
        path: path.to_owned(),
        expected: expected.into_owned(),
        received,
        fix,
    }
}

fn range(e: &ValidationError) -> String {
    let get = |name: &str| e.params.get(name).filter(|v| !v.is_null());
    let low = get("min")
        .map(|v| format!("≥ {v}"))
        .or_else(|| get("exclusive_min").map(|v| format!("> {v}")));
    let high = get("max")
        .map(|v| format!("≤ {v}"))
        .or_else(|| get("exclusive_max").map(|v| format!("< {v}")));
    match (low, high) {
        (Some(l), Some(h)) => format!("a number {l} and {h}"),
        (Some(b), None) | (None, Some(b)) => format!("a number {b}"),
        (None, None) => "a number in range".to_owned(),
    }
}

/// The kind and size of a value, with short plain numbers shown: never text content, which
/// may be personal or secret.
pub(crate) fn describe(value: &Value) -> String {
    match value {
        Value::Null => "null".to_owned(),
        Value::Bool(b) => format!("boolean {b}"),
        Value::Number(n) => {
            let text = n.to_string();
            if text.len() <= 6 {
                format!("number {text}")
            } else {
                format!("a number of {} characters", text.len())
            }
        }
        Value::String(s) => match s.chars().count() {
            0 => "an empty string".to_owned(),
            1 => "a string of 1 character".to_owned(),
            n => format!("a string of {n} characters"),
        },
        Value::Array(items) => format!("an array of {} items", items.len()),
        Value::Object(map) => format!("an object with {} fields", map.len()),
    }
}

#[cfg(test)]
mod tests {
    use validator::Validate;

    use super::*;

    #[derive(Validate)]
    struct Inner {
        #[validate(email)]
        email: String,
    }

    #[derive(Validate)]
    struct Query {
        #[validate(range(min = 1, max = 100))]
        limit: u32,
        #[validate(length(
            min = 3,
            max = 64,
            message = "Give a search term of 3 to 64 characters"
        ))]
        text: String,
        #[validate(nested)]
        inner: Inner,
        #[validate(nested)]
        list: Vec<Inner>,
    }

    #[test]
    fn every_error_becomes_a_problem_at_its_path_without_the_value() {
        let q = Query {
            limit: 0,
            text: "x".into(),
            inner: Inner {
                email: "not-an-email 123-45-6789".into(),
            },
            list: vec![
                Inner {
                    email: "ok@example.org".into(),
                },
                Inner {
                    email: "secret-ish".into(),
                },
            ],
        };
        let errors = q.validate().unwrap_err();
        let mut out = Vec::new();
        problems(&errors, "/query", &mut out);
        let paths: Vec<&str> = out.iter().map(|p| p.path.as_str()).collect();
        assert_eq!(
            paths,
            [
                "/query/inner/email",
                "/query/limit",
                "/query/list/1/email",
                "/query/text"
            ]
        );
        assert_eq!(out[1].expected, "a number ≥ 1 and ≤ 100");
        assert_eq!(out[1].received, "number 0");
        assert_eq!(out[3].expected, "a length of 3 to 64 characters");
        assert_eq!(out[3].fix, "Give a search term of 3 to 64 characters.");
        assert_eq!(out[0].expected, "an email address");
        assert_eq!(out[0].received, "a string of 24 characters");
        let all = format!("{out:?}");
        assert!(
            !all.contains("123-45-6789") && !all.contains("secret-ish"),
            "{all}"
        );
    }

    #[test]
    fn long_numbers_are_not_shown() {
        assert_eq!(
            describe(&serde_json::json!(4111111111111111u64)),
            "a number of 16 characters"
        );
        assert_eq!(describe(&serde_json::json!(12)), "number 12");
    }
}
