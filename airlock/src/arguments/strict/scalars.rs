//! Whether a value has a type the node allows, is among its values, and, for a string, meets
//! its length and pattern (numbers are in [`super::numbers`]).

use regex::RegexBuilder;
use serde_json::{Map, Value};

use super::numbers::integer;
use super::schema::types;
use super::walker::Walker;

/// Whether `value` is of JSON Schema type `t` (an integer only if it has no fraction).
fn is_a(value: &Value, t: &str) -> bool {
    match (value, t) {
        (Value::Number(n), "integer") => integer(n).is_some(),
        (Value::Null, "null")
        | (Value::Bool(_), "boolean")
        | (Value::Object(_), "object")
        | (Value::Array(_), "array")
        | (Value::Number(_), "number")
        | (Value::String(_), "string") => true,
        _ => false,
    }
}

/// Whether `value` is of type `t`, counting any number as a possible integer.
pub(super) fn loosely(value: &Value, t: &str) -> bool {
    is_a(value, t) || (t == "integer" && value.is_number())
}

/// Whether the node's `type` allows the value.
pub(super) fn fits_type(node: &Map<String, Value>, value: &Value) -> bool {
    let mut types = types(node).peekable();
    types.peek().is_none() || types.any(|t| is_a(value, t))
}

/// Whether the value is the node's `const` and among its `enum`.
pub(super) fn fits_values(node: &Map<String, Value>, value: &Value) -> bool {
    let constant = node.get("const").is_none_or(|c| c == value);
    let listed = match node.get("enum") {
        Some(Value::Array(values)) => values.contains(value),
        _ => true,
    };
    constant && listed
}

impl<'s> Walker<'s> {
    /// Whether a string meets its length and pattern.
    pub(super) fn fits_string(&self, node: &'s Map<String, Value>, s: &str) -> bool {
        let min = node.get("minLength").and_then(Value::as_u64);
        let max = node.get("maxLength").and_then(Value::as_u64);
        if min.is_some() || max.is_some() {
            let count = u64::try_from(s.chars().count()).unwrap_or(u64::MAX);
            if min.is_some_and(|m| count < m) || max.is_some_and(|m| count > m) {
                return false;
            }
        }
        match node.get("pattern") {
            Some(Value::String(pattern)) => self.matches(pattern, s),
            _ => true,
        }
    }

    /// Whether `s` matches `pattern`; a pattern that does not compile matches everything.
    fn matches(&self, pattern: &'s str, s: &str) -> bool {
        let mut patterns = self.patterns.borrow_mut();
        let regex = patterns
            .entry(pattern)
            .or_insert_with(|| RegexBuilder::new(pattern).size_limit(1 << 20).build().ok());
        regex.as_ref().is_none_or(|r| r.is_match(s))
    }
}
