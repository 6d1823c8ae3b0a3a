//! What came, for `received`: never echoed as sent, but cut, masked or only measured.

use serde_json::Value;

use super::limits::{SHOWN_CHARS, SHOWN_DIGITS};
use super::numbers::integer;
use super::phrases::plural;
use super::walker::Walker;

impl<'s> Walker<'s> {
    /// What came, for `received`: its type and a short, masked rendering.
    pub(super) fn render(&self, value: &Value) -> String {
        match value {
            Value::Null => "null".to_owned(),
            Value::Bool(b) => format!("boolean {b}"),
            Value::Number(n) => {
                let text = n.to_string();
                let kind = if integer(n).is_some() {
                    "integer"
                } else {
                    "number"
                };
                if text.len() <= SHOWN_DIGITS {
                    format!("{kind} {text}")
                } else {
                    format!("a number of {} characters", text.len())
                }
            }
            Value::String(s) => format!("string {}", Value::String(self.shown(s))),
            Value::Array(items) => format!("array of {}", plural(items.len(), "item")),
            Value::Object(map) => format!("object with {}", plural(map.len(), "field")),
        }
    }

    /// `s` masked, then cut to at most [`SHOWN_CHARS`] characters (then `…`). Masking
    /// first: a value cut first can hide from the detectors what it is (half an email, a
    /// key's first 32 characters) and be shown unmasked.
    pub(super) fn shown(&self, s: &str) -> String {
        let masked = self.sanitizer.sanitize(s).text;
        let mut text: String = masked.chars().take(SHOWN_CHARS).collect();
        if text.len() < masked.len() {
            text.push('…');
        }
        text
    }
}
