//! Wording shared by `expected` and `fix`: phrases for strings, objects and values, lists,
//! articles and plurals.

use std::fmt;

use serde_json::{Map, Value};

use super::limits::LISTED;
use super::schema::{single, sole_key};

/// `string`, `string of 3 to 64 characters`, `string matching `^[a-z]+$``.
pub(super) fn string_phrase(node: &Map<String, Value>) -> String {
    let min = node.get("minLength").and_then(Value::as_u64);
    let max = node.get("maxLength").and_then(Value::as_u64);
    let mut phrase = match (min, max) {
        (Some(a), Some(b)) if a == b => format!("string of exactly {}", plural(a, "character")),
        (Some(a), Some(b)) => format!("string of {a} to {}", plural(b, "character")),
        (Some(a), None) => format!("string of at least {}", plural(a, "character")),
        (None, Some(b)) => format!("string of at most {}", plural(b, "character")),
        (None, None) => "string".to_owned(),
    };
    if let Some(Value::String(pattern)) = node.get("pattern") {
        phrase.push_str(&format!(" matching `{pattern}`"));
    }
    phrase
}

/// `object`, `object with "kind" = "email"` (a tag), `object with "Variant"` (a sole key).
pub(super) fn object_phrase(node: &Map<String, Value>) -> String {
    let tag = match node.get("properties") {
        Some(Value::Object(props)) => props.iter().find_map(|(k, s)| single(s).map(|v| (k, v))),
        _ => None,
    };
    match (tag, sole_key(node)) {
        (Some((name, value)), _) => format!("object with \"{name}\" = {}", literal(value)),
        (None, Some(key)) => format!("object with \"{key}\""),
        (None, None) => "object".to_owned(),
    }
}

/// `one of "inbox", "sent", "archive"`, or the one value allowed.
pub(super) fn values_phrase(values: &[Value]) -> String {
    list_values(&values.iter().collect::<Vec<_>>())
}

/// [`values_phrase`] over borrowed values.
pub(super) fn list_values(values: &[&Value]) -> String {
    match values {
        [] => "no value".to_owned(),
        [one] => literal(one),
        many => format!("one of {}", list(many.iter().map(|v| literal(v)))),
    }
}

/// A schema's value as JSON, cut if long.
pub(super) fn literal(value: &Value) -> String {
    let text = value.to_string();
    match text.char_indices().nth(64) {
        Some((end, _)) => format!("{}…", &text[..end]),
        None => text,
    }
}

/// At most [`LISTED`] phrases, comma-separated, then `…`.
pub(super) fn list(items: impl Iterator<Item = String>) -> String {
    let mut out = String::new();
    for (i, item) in items.enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        if i == LISTED {
            out.push('…');
            break;
        }
        out.push_str(&item);
    }
    out
}

/// An expectation with its article: `an integer from 1 to 100`, `a string`, `null`.
pub(super) fn noun(phrase: &str) -> String {
    let starts = |words: &[&str]| words.iter().any(|w| phrase.starts_with(w));
    if starts(&["integer", "object", "array"]) {
        format!("an {phrase}")
    } else if starts(&["string", "number", "boolean", "value"]) {
        format!("a {phrase}")
    } else {
        phrase.to_owned()
    }
}

/// `1 item`, `3 items`.
pub(super) fn plural<N: fmt::Display + PartialEq + From<u8>>(n: N, word: &str) -> String {
    if n == N::from(1) {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}
