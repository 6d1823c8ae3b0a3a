//! What the model sees after a call: the result or the error, and what the guard changed.

use std::collections::BTreeMap;

use serde::ser::SerializeStruct;
use serde_json::Value;

use crate::ToolError;

/// The outcome of a guarded call as the model sees it.
///
/// Serializes to `{"ok": true, "tool", "result", "stripped_arguments", "masked", "truncated"}`
/// or `{"ok": false, "tool", "error": {...}, "stripped_arguments"}` (see [`ToolError`]).
///
/// ```
/// use airlock::{AirlockResponse, ToolError};
/// use serde_json::json;
///
/// let ok = AirlockResponse::success("list", json!(["[EMAIL]"]))
///     .with_stripped(vec!["/verbose".into()])
///     .with_masked([("email".to_owned(), 1)].into());
/// assert_eq!(
///     serde_json::to_value(&ok).unwrap(),
///     json!({"ok": true, "tool": "list", "result": ["[EMAIL]"], "stripped_arguments": ["/verbose"],
///            "masked": {"email": 1}, "truncated": false})
/// );
/// let failed = AirlockResponse::failure("list", ToolError::RateLimited { tool: "list".into(), retry_after_ms: 900 });
/// assert_eq!(serde_json::to_value(&failed).unwrap()["error"]["retry_after_ms"], 900);
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct AirlockResponse {
    /// The tool called (as named in the call, masked and cut when unknown).
    pub tool: String,
    /// The masked result, or why there is none.
    pub outcome: Result<Value, ToolError>,
    /// JSON pointers of undeclared arguments that were removed before the call.
    pub stripped_arguments: Vec<String>,
    /// How many values of each kind were masked in the result.
    pub masked: BTreeMap<String, usize>,
    /// Whether the result was cut to the output budget.
    pub truncated: bool,
}

impl AirlockResponse {
    /// A successful call's response.
    pub fn success(tool: impl Into<String>, result: Value) -> AirlockResponse {
        AirlockResponse {
            tool: tool.into(),
            outcome: Ok(result),
            stripped_arguments: Vec::new(),
            masked: BTreeMap::new(),
            truncated: false,
        }
    }

    /// A failed call's response.
    pub fn failure(tool: impl Into<String>, error: ToolError) -> AirlockResponse {
        AirlockResponse {
            tool: tool.into(),
            outcome: Err(error),
            stripped_arguments: Vec::new(),
            masked: BTreeMap::new(),
            truncated: false,
        }
    }

    /// Sets the stripped arguments.
    #[must_use]
    pub fn with_stripped(mut self, stripped: Vec<String>) -> Self {
        self.stripped_arguments = stripped;
        self
    }

    /// Sets the masked counts.
    #[must_use]
    pub fn with_masked(mut self, masked: BTreeMap<String, usize>) -> Self {
        self.masked = masked;
        self
    }

    /// Whether the call succeeded.
    pub fn is_ok(&self) -> bool {
        self.outcome.is_ok()
    }

    /// The error, if the call failed.
    pub fn error(&self) -> Option<&ToolError> {
        self.outcome.as_ref().err()
    }

    /// The response as a JSON value, ready for a tool-result message.
    pub fn to_json(&self) -> Value {
        // Serializing plain maps, strings and numbers cannot fail.
        serde_json::to_value(self).unwrap_or(Value::Null)
    }
}

impl serde::Serialize for AirlockResponse {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match &self.outcome {
            Ok(result) => {
                let mut s = serializer.serialize_struct("AirlockResponse", 6)?;
                s.serialize_field("ok", &true)?;
                s.serialize_field("tool", &self.tool)?;
                s.serialize_field("result", result)?;
                s.serialize_field("stripped_arguments", &self.stripped_arguments)?;
                s.serialize_field("masked", &self.masked)?;
                s.serialize_field("truncated", &self.truncated)?;
                s.end()
            }
            Err(error) => {
                let mut s = serializer.serialize_struct("AirlockResponse", 4)?;
                s.serialize_field("ok", &false)?;
                s.serialize_field("tool", &self.tool)?;
                s.serialize_field("error", error)?;
                s.serialize_field("stripped_arguments", &self.stripped_arguments)?;
                s.end()
            }
        }
    }
}
