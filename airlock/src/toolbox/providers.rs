//! The tool calls in a model's message, and the answers to them, in the JSON of OpenAI's Chat
//! Completions and Responses APIs and Anthropic's Messages API.
//!
//! [`Provider::tool_calls`] reads the calls out of an assistant message; [`Provider::results`]
//! turns the [`AirlockResponse`]s into the messages (or items) that answer them;
//! [`Toolbox::answer`](crate::Toolbox::answer) does both around
//! [`Toolbox::call`](crate::Toolbox::call). Only the
//! shape of the message is read here: arguments pass through as sent (OpenAI's are a string
//! of JSON, malformed or not) for the toolbox's argument check to report to the model.

use std::fmt;

use serde_json::{Map, Value, json};

use crate::AirlockResponse;

/// One tool call a model asked for.
///
/// ```
/// use airlock::toolbox::{Provider, ToolCall};
/// use serde_json::json;
///
/// let message = json!({"role": "assistant", "content": null, "tool_calls": [{
///     "id": "call_1", "type": "function",
///     "function": {"name": "lookup", "arguments": "{\"id\": 7}"},
/// }]});
/// let calls = Provider::OpenAiChat.tool_calls(&message)?;
/// assert_eq!(
///     calls,
///     [ToolCall { id: "call_1".into(), name: "lookup".into(), arguments: json!("{\"id\": 7}") }]
/// );
/// # Ok::<(), airlock::toolbox::ProviderError>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct ToolCall {
    /// The provider's id of the call, which its result must name.
    pub id: String,
    /// The tool the model named (perhaps one that does not exist).
    pub name: String,
    /// The arguments as sent: OpenAI sends a string holding JSON, Anthropic an object.
    pub arguments: Value,
}

/// A model API whose tool-call messages [`Toolbox::answer`](crate::Toolbox::answer) reads and
/// answers.
///
/// ```
/// use airlock::toolbox::Provider;
/// use serde_json::json;
///
/// let message = json!({"role": "assistant", "content": [
///     {"type": "text", "text": "Let me look."},
///     {"type": "tool_use", "id": "toolu_1", "name": "lookup", "input": {"id": 7}},
/// ]});
/// let calls = Provider::Anthropic.tool_calls(&message)?;
/// assert_eq!(calls[0].arguments, json!({"id": 7}));
/// assert_eq!(Provider::Anthropic.to_string(), "Anthropic Messages");
/// # Ok::<(), airlock::toolbox::ProviderError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Provider {
    /// OpenAI's Chat Completions API: the assistant message's `tool_calls` (or the first
    /// choice's, given a whole completion), answered by one `tool` message per call.
    OpenAiChat,
    /// OpenAI's Responses API: the `function_call` items of the response's `output` (or of
    /// that array itself), answered by one `function_call_output` item per call.
    OpenAiResponses,
    /// Anthropic's Messages API: the `tool_use` blocks of the assistant message's (or the
    /// response's) `content`, answered by one user message of `tool_result` blocks.
    Anthropic,
}

impl fmt::Display for Provider {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Provider::OpenAiChat => "OpenAI Chat Completions",
            Provider::OpenAiResponses => "OpenAI Responses",
            Provider::Anthropic => "Anthropic Messages",
        })
    }
}

/// A message that is not of the shape the provider's API gives it.
///
/// Says where (a JSON pointer into the message given), what was expected there and what kind
/// of value was found, never the value itself.
///
/// ```
/// use airlock::toolbox::{Provider, ProviderError};
/// use serde_json::json;
///
/// let message = json!({"tool_calls": [{"id": 7, "function": {"name": "x", "arguments": "{}"}}]});
/// let error = Provider::OpenAiChat.tool_calls(&message).err();
/// assert_eq!(
///     error,
///     Some(ProviderError::WrongType {
///         provider: Provider::OpenAiChat,
///         pointer: "/tool_calls/0/id".into(),
///         expected: "the call's id, a string",
///         found: "a number",
///     })
/// );
/// assert_eq!(
///     error.map(|e| e.to_string()).as_deref(),
///     Some("malformed OpenAI Chat Completions message: `/tool_calls/0/id` should be the call's id, a string, but is a number")
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ProviderError {
    /// A field the API always sends is not there.
    #[error(
        "malformed {provider} message: {} is missing; it should be {expected}",
        place(pointer)
    )]
    Missing {
        /// The API the message was read as.
        provider: Provider,
        /// Where the field should be (a JSON pointer into the message).
        pointer: String,
        /// What should be there.
        expected: &'static str,
    },
    /// A value of the wrong kind.
    #[error(
        "malformed {provider} message: {} should be {expected}, but is {found}",
        place(pointer)
    )]
    WrongType {
        /// The API the message was read as.
        provider: Provider,
        /// Where the value is (a JSON pointer into the message).
        pointer: String,
        /// What should be there.
        expected: &'static str,
        /// The kind of value found (`a number`, `null`, …), never the value.
        found: &'static str,
    },
}

/// A JSON pointer as a place in an error message.
fn place(pointer: &str) -> String {
    if pointer.is_empty() {
        "the message itself".to_owned()
    } else {
        format!("`{pointer}`")
    }
}

/// The kind of a JSON value, for [`ProviderError::WrongType`].
fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// Reads one provider's message, building errors that say where.
struct Reader {
    /// The API the message is read as.
    provider: Provider,
}

impl Reader {
    /// The error for a value of the wrong kind at `pointer`.
    fn wrong(&self, pointer: String, expected: &'static str, found: &Value) -> ProviderError {
        ProviderError::WrongType {
            provider: self.provider,
            pointer,
            expected,
            found: kind(found),
        }
    }

    /// `value` as an object.
    fn object<'v>(
        &self,
        value: &'v Value,
        pointer: &str,
        expected: &'static str,
    ) -> Result<&'v Map<String, Value>, ProviderError> {
        value
            .as_object()
            .ok_or_else(|| self.wrong(pointer.to_owned(), expected, value))
    }

    /// The field `key` of `map`, which must be there.
    fn field<'v>(
        &self,
        map: &'v Map<String, Value>,
        pointer: &str,
        key: &str,
        expected: &'static str,
    ) -> Result<&'v Value, ProviderError> {
        map.get(key).ok_or_else(|| ProviderError::Missing {
            provider: self.provider,
            pointer: format!("{pointer}/{key}"),
            expected,
        })
    }

    /// The string field `key` of `map`.
    fn string(
        &self,
        map: &Map<String, Value>,
        pointer: &str,
        key: &str,
        expected: &'static str,
    ) -> Result<String, ProviderError> {
        match self.field(map, pointer, key, expected)? {
            Value::String(s) => Ok(s.clone()),
            other => Err(self.wrong(format!("{pointer}/{key}"), expected, other)),
        }
    }

    /// The array field `key` of `map`, empty when absent or `null` (a message without calls).
    fn list<'v>(
        &self,
        map: &'v Map<String, Value>,
        pointer: &str,
        key: &str,
        expected: &'static str,
    ) -> Result<&'v [Value], ProviderError> {
        match map.get(key) {
            None | Some(Value::Null) => Ok(&[]),
            Some(Value::Array(items)) => Ok(items),
            Some(other) => Err(self.wrong(format!("{pointer}/{key}"), expected, other)),
        }
    }

    /// The `type` of the item at `pointer`.
    fn item_type<'v>(
        &self,
        item: &'v Map<String, Value>,
        pointer: &str,
    ) -> Result<&'v str, ProviderError> {
        let expected = "the item's type, a string";
        match self.field(item, pointer, "type", expected)? {
            Value::String(t) => Ok(t),
            other => Err(self.wrong(format!("{pointer}/type"), expected, other)),
        }
    }
}

impl Provider {
    /// The tool calls in `message`, in order; none for a message that only has text.
    ///
    /// `message` is, for [`OpenAiChat`](Provider::OpenAiChat), the assistant message (or a
    /// whole completion, whose first choice's message is read); for
    /// [`OpenAiResponses`](Provider::OpenAiResponses), the response or its `output` array;
    /// for [`Anthropic`](Provider::Anthropic), the assistant message or the response. Items
    /// and blocks of other types (text, reasoning, …) are skipped. The arguments are not
    /// read: malformed ones are for [`Toolbox::call`](crate::Toolbox::call) to report to the
    /// model.
    ///
    /// # Errors
    /// [`ProviderError`] when the message is not of the provider's shape: not an object, a
    /// call without its id, name or arguments, an id or name that is not a string, or (for
    /// Chat Completions) a call of another type than `function`.
    ///
    /// ```
    /// use airlock::toolbox::Provider;
    /// use serde_json::json;
    ///
    /// let response = json!({"id": "resp_1", "output": [
    ///     {"type": "reasoning", "summary": []},
    ///     {"type": "function_call", "call_id": "call_1", "name": "lookup", "arguments": "{\"id\": 7}"},
    /// ]});
    /// let calls = Provider::OpenAiResponses.tool_calls(&response)?;
    /// assert_eq!(calls.len(), 1);
    /// assert_eq!(calls[0].id, "call_1");
    /// assert!(Provider::OpenAiChat.tool_calls(&json!({"role": "assistant", "content": "Hi."}))?.is_empty());
    /// # Ok::<(), airlock::toolbox::ProviderError>(())
    /// ```
    pub fn tool_calls(self, message: &Value) -> Result<Vec<ToolCall>, ProviderError> {
        let reader = Reader { provider: self };
        match self {
            Provider::OpenAiChat => chat_calls(&reader, message),
            Provider::OpenAiResponses => responses_calls(&reader, message),
            Provider::Anthropic => anthropic_calls(&reader, message),
        }
    }

    /// The messages (Chat Completions, Anthropic) or input items (Responses) answering the
    /// calls, in order, to append to the conversation. Each response goes back as its JSON
    /// text (see [`AirlockResponse`]); Anthropic's `is_error` is set for failed calls.
    ///
    /// ```
    /// use airlock::AirlockResponse;
    /// use airlock::toolbox::{Provider, ToolCall};
    /// use serde_json::json;
    ///
    /// let call = ToolCall { id: "toolu_1".into(), name: "lookup".into(), arguments: json!({}) };
    /// let answered = [(call, AirlockResponse::success("lookup", json!("ok")))];
    /// let messages = Provider::Anthropic.results(&answered);
    /// assert_eq!(messages[0]["role"], "user");
    /// let block = &messages[0]["content"][0];
    /// assert_eq!(block["tool_use_id"], "toolu_1");
    /// assert_eq!(block["is_error"], false);
    /// let sent: serde_json::Value = serde_json::from_str(block["content"].as_str().unwrap_or(""))?;
    /// assert_eq!(sent["result"], "ok");
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    pub fn results(self, answered: &[(ToolCall, AirlockResponse)]) -> Vec<Value> {
        let text = |response: &AirlockResponse| response.to_json().to_string();
        match self {
            Provider::OpenAiChat => answered
                .iter()
                .map(|(call, response)| {
                    json!({"role": "tool", "tool_call_id": call.id, "content": text(response)})
                })
                .collect(),
            Provider::OpenAiResponses => answered
                .iter()
                .map(|(call, response)| {
                    json!({"type": "function_call_output", "call_id": call.id, "output": text(response)})
                })
                .collect(),
            Provider::Anthropic if answered.is_empty() => Vec::new(),
            Provider::Anthropic => {
                let blocks: Vec<Value> = answered
                    .iter()
                    .map(|(call, response)| {
                        json!({
                            "type": "tool_result",
                            "tool_use_id": call.id,
                            "content": text(response),
                            "is_error": !response.is_ok(),
                        })
                    })
                    .collect();
                vec![json!({"role": "user", "content": blocks})]
            }
        }
    }
}

/// Chat Completions: `tool_calls[]` of `{"id", "type": "function", "function": {"name",
/// "arguments"}}`.
fn chat_calls(reader: &Reader, message: &Value) -> Result<Vec<ToolCall>, ProviderError> {
    let (message, base) = match message.get("choices") {
        Some(choices) => {
            let expected = "the completion's choices, a non-empty array";
            let first = match choices {
                Value::Array(items) => items.first().ok_or_else(|| ProviderError::Missing {
                    provider: reader.provider,
                    pointer: "/choices/0".to_owned(),
                    expected: "the first choice",
                })?,
                other => return Err(reader.wrong("/choices".to_owned(), expected, other)),
            };
            let choice = reader.object(first, "/choices/0", "a choice, an object")?;
            let expected = "the choice's message, an object";
            let message = reader.field(choice, "/choices/0", "message", expected)?;
            (message, "/choices/0/message")
        }
        None => (message, ""),
    };
    let map = reader.object(message, base, "an assistant message, an object")?;
    let calls = reader.list(map, base, "tool_calls", "the tool calls, an array")?;
    let mut out = Vec::with_capacity(calls.len());
    for (i, call) in calls.iter().enumerate() {
        let at = format!("{base}/tool_calls/{i}");
        let call = reader.object(call, &at, "a tool call, an object")?;
        match call.get("type") {
            None => {}
            Some(Value::String(t)) if t == "function" => {}
            Some(other) => {
                let expected = "\"function\" (the only type answered here)";
                let found = if other.is_string() {
                    "another type"
                } else {
                    kind(other)
                };
                return Err(ProviderError::WrongType {
                    provider: reader.provider,
                    pointer: format!("{at}/type"),
                    expected,
                    found,
                });
            }
        }
        let id = reader.string(call, &at, "id", "the call's id, a string")?;
        let expected = "the function called, an object";
        let function = reader.field(call, &at, "function", expected)?;
        let fat = format!("{at}/function");
        let function = reader.object(function, &fat, expected)?;
        let name = reader.string(function, &fat, "name", "the function's name, a string")?;
        let expected = "the arguments, a string of JSON";
        let arguments = reader.field(function, &fat, "arguments", expected)?.clone();
        out.push(ToolCall {
            id,
            name,
            arguments,
        });
    }
    Ok(out)
}

/// Responses: `output[]` items of `{"type": "function_call", "call_id", "name",
/// "arguments"}`.
fn responses_calls(reader: &Reader, message: &Value) -> Result<Vec<ToolCall>, ProviderError> {
    let expected = "a response with an `output` array, or that array";
    let (items, base): (&[Value], &str) = match message {
        Value::Array(items) => (items, ""),
        Value::Object(map) => match map.get("output") {
            Some(Value::Array(items)) => (items, "/output"),
            Some(other) => return Err(reader.wrong("/output".to_owned(), expected, other)),
            None => {
                return Err(ProviderError::Missing {
                    provider: reader.provider,
                    pointer: "/output".to_owned(),
                    expected,
                });
            }
        },
        other => return Err(reader.wrong(String::new(), expected, other)),
    };
    let mut out = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let at = format!("{base}/{i}");
        let item = reader.object(item, &at, "an output item, an object")?;
        if reader.item_type(item, &at)? != "function_call" {
            continue;
        }
        let id = reader.string(item, &at, "call_id", "the call's id, a string")?;
        let name = reader.string(item, &at, "name", "the function's name, a string")?;
        let expected = "the arguments, a string of JSON";
        let arguments = reader.field(item, &at, "arguments", expected)?.clone();
        out.push(ToolCall {
            id,
            name,
            arguments,
        });
    }
    Ok(out)
}

/// Anthropic: `content[]` blocks of `{"type": "tool_use", "id", "name", "input"}`.
fn anthropic_calls(reader: &Reader, message: &Value) -> Result<Vec<ToolCall>, ProviderError> {
    let map = reader.object(message, "", "an assistant message or a response, an object")?;
    let expected = "the content, an array of blocks or a string";
    let blocks: &[Value] = match reader.field(map, "", "content", expected)? {
        Value::String(_) => &[],
        Value::Array(blocks) => blocks,
        other => return Err(reader.wrong("/content".to_owned(), expected, other)),
    };
    let mut out = Vec::new();
    for (i, block) in blocks.iter().enumerate() {
        let at = format!("/content/{i}");
        let block = reader.object(block, &at, "a content block, an object")?;
        if reader.item_type(block, &at)? != "tool_use" {
            continue;
        }
        let id = reader.string(block, &at, "id", "the call's id, a string")?;
        let name = reader.string(block, &at, "name", "the tool's name, a string")?;
        let expected = "the input, an object";
        let arguments = reader.field(block, &at, "input", expected)?.clone();
        out.push(ToolCall {
            id,
            name,
            arguments,
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ToolError;

    fn call(id: &str, name: &str, arguments: Value) -> ToolCall {
        ToolCall {
            id: id.to_owned(),
            name: name.to_owned(),
            arguments,
        }
    }

    fn wrong(
        provider: Provider,
        pointer: &str,
        expected: &'static str,
        found: &'static str,
    ) -> ProviderError {
        ProviderError::WrongType {
            provider,
            pointer: pointer.to_owned(),
            expected,
            found,
        }
    }

    fn missing(provider: Provider, pointer: &str, expected: &'static str) -> ProviderError {
        ProviderError::Missing {
            provider,
            pointer: pointer.to_owned(),
            expected,
        }
    }

    fn answered() -> Vec<(ToolCall, AirlockResponse)> {
        let failed = ToolError::UnknownTool {
            name: "nope".to_owned(),
            suggestions: vec![],
        };
        vec![
            (
                call("a", "x", json!("{}")),
                AirlockResponse::success("x", json!(1)),
            ),
            (
                call("b", "nope", json!("{}")),
                AirlockResponse::failure("nope", failed),
            ),
        ]
    }

    #[test]
    fn chat_calls_are_read_from_a_message_or_a_completion() {
        let message = json!({"role": "assistant", "content": null, "tool_calls": [
            {"id": "call_1", "type": "function", "function": {"name": "x", "arguments": "{\"a\":1}"}},
            {"id": "call_2", "function": {"name": "y", "arguments": "{not json"}},
        ]});
        let calls = Provider::OpenAiChat.tool_calls(&message).unwrap();
        assert_eq!(
            calls,
            [
                call("call_1", "x", json!("{\"a\":1}")),
                call("call_2", "y", json!("{not json")),
            ]
        );
        let completion = json!({"id": "chatcmpl-1", "choices": [{"index": 0, "message": message}]});
        assert_eq!(Provider::OpenAiChat.tool_calls(&completion).unwrap(), calls);
        for empty in [
            json!({"role": "assistant", "content": "Hello."}),
            json!({"role": "assistant", "tool_calls": null}),
            json!({"role": "assistant", "tool_calls": []}),
        ] {
            assert!(Provider::OpenAiChat.tool_calls(&empty).unwrap().is_empty());
        }
    }

    #[test]
    fn malformed_chat_messages_say_where_and_what() {
        let p = Provider::OpenAiChat;
        let cases = [
            (
                json!("text"),
                wrong(p, "", "an assistant message, an object", "a string"),
            ),
            (
                json!({"tool_calls": {}}),
                wrong(p, "/tool_calls", "the tool calls, an array", "an object"),
            ),
            (
                json!({"tool_calls": [3]}),
                wrong(p, "/tool_calls/0", "a tool call, an object", "a number"),
            ),
            (
                json!({"tool_calls": [{"function": {"name": "x", "arguments": "{}"}}]}),
                missing(p, "/tool_calls/0/id", "the call's id, a string"),
            ),
            (
                json!({"tool_calls": [{"id": ["call_1"], "function": {"name": "x", "arguments": "{}"}}]}),
                wrong(p, "/tool_calls/0/id", "the call's id, a string", "an array"),
            ),
            (
                json!({"tool_calls": [{"id": "c", "type": "custom", "custom": {"name": "x", "input": "secret"}}]}),
                wrong(
                    p,
                    "/tool_calls/0/type",
                    "\"function\" (the only type answered here)",
                    "another type",
                ),
            ),
            (
                json!({"tool_calls": [{"id": "c"}]}),
                missing(
                    p,
                    "/tool_calls/0/function",
                    "the function called, an object",
                ),
            ),
            (
                json!({"tool_calls": [{"id": "c", "function": "x"}]}),
                wrong(
                    p,
                    "/tool_calls/0/function",
                    "the function called, an object",
                    "a string",
                ),
            ),
            (
                json!({"tool_calls": [{"id": "c", "function": {"name": null, "arguments": "{}"}}]}),
                wrong(
                    p,
                    "/tool_calls/0/function/name",
                    "the function's name, a string",
                    "null",
                ),
            ),
            (
                json!({"tool_calls": [{"id": "c", "function": {"name": "x"}}]}),
                missing(
                    p,
                    "/tool_calls/0/function/arguments",
                    "the arguments, a string of JSON",
                ),
            ),
            (
                json!({"choices": []}),
                missing(p, "/choices/0", "the first choice"),
            ),
            (
                json!({"choices": 1}),
                wrong(
                    p,
                    "/choices",
                    "the completion's choices, a non-empty array",
                    "a number",
                ),
            ),
            (
                json!({"choices": [{}]}),
                missing(p, "/choices/0/message", "the choice's message, an object"),
            ),
            (
                json!({"choices": [{"message": {"tool_calls": [{"id": 1}]}}]}),
                wrong(
                    p,
                    "/choices/0/message/tool_calls/0/id",
                    "the call's id, a string",
                    "a number",
                ),
            ),
        ];
        for (message, expected) in cases {
            assert_eq!(p.tool_calls(&message), Err(expected), "{message}");
        }
    }

    #[test]
    fn chat_results_are_one_tool_message_per_call() {
        let out = Provider::OpenAiChat.results(&answered());
        assert_eq!(out.len(), 2);
        assert_eq!(out[0]["role"], "tool");
        assert_eq!(out[0]["tool_call_id"], "a");
        let first: Value = serde_json::from_str(out[0]["content"].as_str().unwrap()).unwrap();
        assert_eq!(first, answered()[0].1.to_json());
        assert_eq!(out[1]["tool_call_id"], "b");
        let second: Value = serde_json::from_str(out[1]["content"].as_str().unwrap()).unwrap();
        assert_eq!(second["error"]["kind"], "unknown_tool");
        assert!(Provider::OpenAiChat.results(&[]).is_empty());
    }

    #[test]
    fn responses_calls_skip_other_items() {
        let output = json!([
            {"type": "reasoning", "id": "rs_1", "summary": []},
            {"type": "message", "role": "assistant", "content": [{"type": "output_text", "text": "hi"}]},
            {"type": "function_call", "id": "fc_1", "call_id": "call_1", "name": "x", "arguments": "{\"a\":1}", "status": "completed"},
            {"type": "web_search_call", "id": "ws_1"},
            {"type": "function_call", "call_id": "call_2", "name": "y", "arguments": ""},
        ]);
        let calls = Provider::OpenAiResponses.tool_calls(&output).unwrap();
        assert_eq!(
            calls,
            [
                call("call_1", "x", json!("{\"a\":1}")),
                call("call_2", "y", json!(""))
            ]
        );
        let response = json!({"id": "resp_1", "object": "response", "output": output});
        assert_eq!(
            Provider::OpenAiResponses.tool_calls(&response).unwrap(),
            calls
        );
        assert!(
            Provider::OpenAiResponses
                .tool_calls(&json!({"output": []}))
                .unwrap()
                .is_empty()
        );
    }

    #[test]
    fn malformed_responses_say_where_and_what() {
        let p = Provider::OpenAiResponses;
        let expected = "a response with an `output` array, or that array";
        let cases = [
            (json!(null), wrong(p, "", expected, "null")),
            (json!({"id": "resp_1"}), missing(p, "/output", expected)),
            (
                json!({"output": "x"}),
                wrong(p, "/output", expected, "a string"),
            ),
            (
                json!([1]),
                wrong(p, "/0", "an output item, an object", "a number"),
            ),
            (
                json!([{}]),
                missing(p, "/0/type", "the item's type, a string"),
            ),
            (
                json!({"output": [{"type": 5}]}),
                wrong(p, "/output/0/type", "the item's type, a string", "a number"),
            ),
            (
                json!([{"type": "function_call", "id": "fc_1", "name": "x", "arguments": "{}"}]),
                missing(p, "/0/call_id", "the call's id, a string"),
            ),
            (
                json!([{"type": "function_call", "call_id": 1, "name": "x", "arguments": "{}"}]),
                wrong(p, "/0/call_id", "the call's id, a string", "a number"),
            ),
            (
                json!([{"type": "function_call", "call_id": "c", "arguments": "{}"}]),
                missing(p, "/0/name", "the function's name, a string"),
            ),
            (
                json!([{"type": "function_call", "call_id": "c", "name": "x"}]),
                missing(p, "/0/arguments", "the arguments, a string of JSON"),
            ),
        ];
        for (message, expected) in cases {
            assert_eq!(p.tool_calls(&message), Err(expected), "{message}");
        }
    }

    #[test]
    fn responses_results_are_function_call_outputs() {
        let out = Provider::OpenAiResponses.results(&answered());
        assert_eq!(out.len(), 2);
        assert_eq!(out[0]["type"], "function_call_output");
        assert_eq!(out[0]["call_id"], "a");
        let first: Value = serde_json::from_str(out[0]["output"].as_str().unwrap()).unwrap();
        assert_eq!(first["result"], 1);
        assert_eq!(out[1]["call_id"], "b");
    }

    #[test]
    fn anthropic_calls_come_from_tool_use_blocks() {
        let message = json!({"role": "assistant", "content": [
            {"type": "thinking", "thinking": "…", "signature": "s"},
            {"type": "text", "text": "Looking."},
            {"type": "tool_use", "id": "toolu_1", "name": "x", "input": {"a": 1}},
            {"type": "tool_use", "id": "toolu_2", "name": "y", "input": "odd"},
        ]});
        let calls = Provider::Anthropic.tool_calls(&message).unwrap();
        assert_eq!(
            calls,
            [
                call("toolu_1", "x", json!({"a": 1})),
                call("toolu_2", "y", json!("odd"))
            ]
        );
        let response = json!({"id": "msg_1", "type": "message", "role": "assistant",
                              "content": message["content"], "stop_reason": "tool_use"});
        assert_eq!(Provider::Anthropic.tool_calls(&response).unwrap(), calls);
        let text = json!({"role": "assistant", "content": "Just text."});
        assert!(Provider::Anthropic.tool_calls(&text).unwrap().is_empty());
    }

    #[test]
    fn malformed_anthropic_messages_say_where_and_what() {
        let p = Provider::Anthropic;
        let content = "the content, an array of blocks or a string";
        let cases = [
            (
                json!([]),
                wrong(
                    p,
                    "",
                    "an assistant message or a response, an object",
                    "an array",
                ),
            ),
            (
                json!({"role": "assistant"}),
                missing(p, "/content", content),
            ),
            (
                json!({"content": null}),
                wrong(p, "/content", content, "null"),
            ),
            (
                json!({"content": [true]}),
                wrong(p, "/content/0", "a content block, an object", "a boolean"),
            ),
            (
                json!({"content": [{"text": "x"}]}),
                missing(p, "/content/0/type", "the item's type, a string"),
            ),
            (
                json!({"content": [{"type": "tool_use", "id": 9, "name": "x", "input": {}}]}),
                wrong(p, "/content/0/id", "the call's id, a string", "a number"),
            ),
            (
                json!({"content": [{"type": "tool_use", "id": "t", "name": {}, "input": {}}]}),
                wrong(
                    p,
                    "/content/0/name",
                    "the tool's name, a string",
                    "an object",
                ),
            ),
            (
                json!({"content": [{"type": "tool_use", "id": "t", "name": "x"}]}),
                missing(p, "/content/0/input", "the input, an object"),
            ),
        ];
        for (message, expected) in cases {
            assert_eq!(p.tool_calls(&message), Err(expected), "{message}");
        }
    }

    #[test]
    fn anthropic_results_are_one_user_message() {
        let out = Provider::Anthropic.results(&answered());
        assert_eq!(out.len(), 1);
        assert_eq!(out[0]["role"], "user");
        let blocks = out[0]["content"].as_array().unwrap();
        assert_eq!(blocks.len(), 2);
        assert_eq!(blocks[0]["type"], "tool_result");
        assert_eq!(blocks[0]["tool_use_id"], "a");
        assert_eq!(blocks[0]["is_error"], false);
        assert_eq!(blocks[1]["tool_use_id"], "b");
        assert_eq!(blocks[1]["is_error"], true);
        let second: Value = serde_json::from_str(blocks[1]["content"].as_str().unwrap()).unwrap();
        assert_eq!(second["ok"], false);
        assert!(Provider::Anthropic.results(&[]).is_empty());
    }

    #[test]
    fn errors_never_echo_values() {
        let secret = "sk-live-0123456789abcdef";
        for (provider, message) in [
            (
                Provider::OpenAiChat,
                json!({"tool_calls": [{"id": 1, "function": {"name": secret, "arguments": secret}}]}),
            ),
            (
                Provider::OpenAiChat,
                json!({"tool_calls": [{"id": "c", "type": secret}]}),
            ),
            (
                Provider::OpenAiResponses,
                json!([{"type": "function_call", "call_id": "c", "name": [secret]}]),
            ),
            (
                Provider::Anthropic,
                json!({"content": [{"type": "tool_use", "id": "t", "name": 5, "input": secret}]}),
            ),
            (
                Provider::Anthropic,
                json!({"content": secret.repeat(3).len()}),
            ),
        ] {
            let error = provider.tool_calls(&message).unwrap_err();
            let shown = format!("{error} {error:?}");
            assert!(!shown.contains("sk-live"), "{shown}");
        }
    }

    #[test]
    fn many_calls_and_huge_messages_are_read_in_one_pass() {
        let calls: Vec<Value> = (0..10_000)
            .map(|i| {
                json!({"id": format!("call_{i}"), "type": "function",
                            "function": {"name": "x", "arguments": "{}"}})
            })
            .collect();
        let read = Provider::OpenAiChat
            .tool_calls(&json!({"tool_calls": calls}))
            .unwrap();
        assert_eq!(read.len(), 10_000);
        assert_eq!(read[9_999].id, "call_9999");
        let huge = "x".repeat(8 << 20);
        let blocks = json!({"content": [{"type": "text", "text": huge},
                                        {"type": "tool_use", "id": "t", "name": "x", "input": {"q": huge}}]});
        let read = Provider::Anthropic.tool_calls(&blocks).unwrap();
        assert_eq!(read[0].arguments["q"].as_str().map(str::len), Some(8 << 20));
        // A later malformed call fails the whole message: no call runs half-read.
        let mut calls =
            vec![json!({"id": "ok", "function": {"name": "x", "arguments": "{}"}}); 100];
        calls.push(json!({"id": "bad"}));
        let error = Provider::OpenAiChat
            .tool_calls(&json!({"tool_calls": calls}))
            .unwrap_err();
        assert_eq!(
            error,
            missing(
                Provider::OpenAiChat,
                "/tool_calls/100/function",
                "the function called, an object"
            )
        );
    }
}
