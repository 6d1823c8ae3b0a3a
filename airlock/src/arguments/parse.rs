//! Arguments as they arrive: a JSON object, or (as OpenAI sends them) a string holding one.

use serde_json::Value;

use crate::Problem;

/// The arguments object in `raw`: `raw` itself, or the JSON that the string `raw` holds.
/// An empty string or `null` is an empty object (models send both for tools without
/// arguments).
///
/// # Errors
/// A problem saying where the JSON is malformed (line, column and byte position) or that
/// the arguments are not an object.
pub(crate) fn arguments(raw: Value) -> Result<Value, Problem> {
    let value = match raw {
        Value::String(text) if text.trim().is_empty() => {
            return Ok(Value::Object(Default::default()));
        }
        Value::String(text) => parse_text(&text)?,
        Value::Null => return Ok(Value::Object(Default::default())),
        other => other,
    };
    match value {
        Value::Object(_) => Ok(value),
        other => Err(Problem {
            path: String::new(),
            expected: "a JSON object of named arguments".to_owned(),
            received: super::validation::describe(&other),
            fix: "Send the arguments as an object, such as {\"name\": value}.".to_owned(),
        }),
    }
}

/// Parses arguments sent as text, saying precisely where it fails.
pub(crate) fn parse_text(text: &str) -> Result<Value, Problem> {
    serde_json::from_str(text).map_err(|e| {
        let byte = byte_offset(text, e.line(), e.column());
        let what = match e.classify() {
            serde_json::error::Category::Eof => "the JSON ends early",
            serde_json::error::Category::Syntax => "the JSON is malformed",
            serde_json::error::Category::Data | serde_json::error::Category::Io => {
                "the JSON cannot be read"
            }
        };
        // serde_json's message names the token expected, never the input's content.
        let detail = e.to_string();
        let detail = detail.split(" at line ").next().unwrap_or(&detail);
        Problem {
            path: String::new(),
            expected: "valid JSON".to_owned(),
            received: format!(
                "{what} at line {}, column {} (byte {byte}): {detail}",
                e.line(),
                e.column()
            ),
            fix:
                "Send the arguments as one valid JSON object, with double-quoted names and strings."
                    .to_owned(),
        }
    })
}

/// The byte offset of serde_json's 1-based line and column (a column counts bytes).
fn byte_offset(text: &str, line: usize, column: usize) -> usize {
    let line_start: usize = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum();
    (line_start + column.saturating_sub(1)).min(text.len())
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn objects_strings_and_empties() {
        assert_eq!(arguments(json!({"a": 1})).unwrap(), json!({"a": 1}));
        assert_eq!(arguments(json!("{\"a\": 1}")).unwrap(), json!({"a": 1}));
        assert_eq!(arguments(json!("")).unwrap(), json!({}));
        assert_eq!(arguments(json!(null)).unwrap(), json!({}));
        let p = arguments(json!([1, 2])).unwrap_err();
        assert_eq!(p.received, "an array of 2 items");
    }

    #[test]
    fn malformed_json_says_where() {
        let p = arguments(json!("{\"limit\": 10,\n \"folder\": inbox}")).unwrap_err();
        assert!(
            p.received
                .starts_with("the JSON is malformed at line 2, column 12 (byte 25)"),
            "{}",
            p.received
        );
        let p = arguments(json!("{\"limit\": ")).unwrap_err();
        assert!(
            p.received.starts_with("the JSON ends early"),
            "{}",
            p.received
        );
        let p = arguments(json!("{\"secret\": \"hunter2\" oops}")).unwrap_err();
        assert!(!p.received.contains("hunter2"), "{}", p.received);
    }

    #[test]
    fn byte_offsets_count_bytes_across_lines() {
        assert_eq!(byte_offset("ab\ncd", 2, 2), 4);
        assert_eq!(byte_offset("", 1, 1), 0);
        assert_eq!(byte_offset("x", 9, 9), 1);
    }
}
