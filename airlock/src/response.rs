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
///     serde_json::to_value(&ok)?,
///     json!({"ok": true, "tool": "list", "result": ["[EMAIL]"], "stripped_arguments": ["/verbose"],
///            "masked": {"email": 1}, "truncated": false})
/// );
/// let failed = AirlockResponse::failure("list", ToolError::RateLimited { tool: "list".into(), retry_after_ms: 900 });
/// assert_eq!(serde_json::to_value(&failed)?["error"]["retry_after_ms"], 900);
/// # Ok::<(), serde_json::Error>(())
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
    /// A successful call's response: `result` as the outcome, nothing stripped, nothing
    /// masked, not truncated. For an adapter that runs a call itself; the guard's own
    /// responses come from [`Toolbox::call`](crate::Toolbox::call).
    ///
    /// ```
    /// use airlock::AirlockResponse;
    /// use serde_json::json;
    ///
    /// let response = AirlockResponse::success("count_notes", json!(3));
    /// assert_eq!(response.outcome, Ok(json!(3)));
    /// assert!(response.masked.is_empty() && !response.truncated);
    /// ```
    pub fn success(tool: impl Into<String>, result: Value) -> AirlockResponse {
        AirlockResponse {
            tool: tool.into(),
            outcome: Ok(result),
            stripped_arguments: Vec::new(),
            masked: BTreeMap::new(),
            truncated: false,
        }
    }

    /// A failed call's response: `error` as the outcome, nothing stripped.
    ///
    /// ```
    /// use airlock::{AirlockResponse, ToolError};
    ///
    /// let response = AirlockResponse::failure("fetch", ToolError::failed("timed out"));
    /// assert!(!response.is_ok());
    /// assert_eq!(response.to_json()["error"]["kind"], "tool_failed");
    /// ```
    pub fn failure(tool: impl Into<String>, error: ToolError) -> AirlockResponse {
        AirlockResponse {
            tool: tool.into(),
            outcome: Err(error),
            stripped_arguments: Vec::new(),
            masked: BTreeMap::new(),
            truncated: false,
        }
    }

    /// Replaces the JSON pointers of the undeclared arguments removed before the call (the
    /// `stripped_arguments` field), so the model learns they were ignored.
    ///
    /// ```
    /// use airlock::AirlockResponse;
    /// use serde_json::json;
    ///
    /// let response = AirlockResponse::success("lookup", json!("found"))
    ///     .with_stripped(vec!["/verbose".into()]);
    /// assert_eq!(response.to_json()["stripped_arguments"], json!(["/verbose"]));
    /// ```
    #[must_use]
    pub fn with_stripped(mut self, stripped: Vec<String>) -> Self {
        self.stripped_arguments = stripped;
        self
    }

    /// Replaces the counts of values masked in the result, by kind (the `masked` field,
    /// which only a successful response serializes).
    ///
    /// ```
    /// use airlock::AirlockResponse;
    /// use serde_json::json;
    ///
    /// let response = AirlockResponse::success("lookup", json!("[EMAIL], [EMAIL]"))
    ///     .with_masked([("email".to_owned(), 2)].into());
    /// assert_eq!(response.to_json()["masked"], json!({"email": 2}));
    /// ```
    #[must_use]
    pub fn with_masked(mut self, masked: BTreeMap<String, usize>) -> Self {
        self.masked = masked;
        self
    }

    /// Whether the call succeeded: `true` when [`outcome`](AirlockResponse::outcome) is `Ok`
    /// (the `ok` field).
    ///
    /// ```
    /// use airlock::{AirlockResponse, ToolError};
    /// use serde_json::json;
    ///
    /// assert!(AirlockResponse::success("ping", json!("pong")).is_ok());
    /// assert!(!AirlockResponse::failure("ping", ToolError::failed("down")).is_ok());
    /// ```
    pub fn is_ok(&self) -> bool {
        self.outcome.is_ok()
    }

    /// The error if the call failed, or `None` if it succeeded.
    ///
    /// ```
    /// use airlock::{AirlockResponse, ToolError};
    /// use serde_json::json;
    ///
    /// let failed = AirlockResponse::failure("ping", ToolError::failed("down"));
    /// assert_eq!(failed.error().map(ToolError::kind), Some("tool_failed"));
    /// assert_eq!(AirlockResponse::success("ping", json!("pong")).error(), None);
    /// ```
    pub fn error(&self) -> Option<&ToolError> {
        self.outcome.as_ref().err()
    }

    /// The response as a JSON value, ready for a tool-result message: the same value its
    /// `Serialize` implementation writes (see the type's docs for the shape).
    ///
    /// ```
    /// use airlock::AirlockResponse;
    /// use serde_json::json;
    ///
    /// let response = AirlockResponse::success("count_notes", json!(3));
    /// assert_eq!(
    ///     response.to_json(),
    ///     json!({"ok": true, "tool": "count_notes", "result": 3, "stripped_arguments": [],
    ///            "masked": {}, "truncated": false})
    /// );
    /// ```
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
