//! Tool definitions in the exact JSON the model APIs take.

use schemars::JsonSchema;
use serde_json::{Value, json};

use super::{Entry, Toolbox};
use crate::policy::Access;

/// The JSON Schema of `T`, without the keys the APIs do not want at the root.
pub(crate) fn schema_for<T: JsonSchema>() -> Value {
    let mut schema = schemars::SchemaGenerator::default()
        .into_root_schema_for::<T>()
        .to_value();
    if let Value::Object(map) = &mut schema {
        map.remove("$schema");
        map.remove("title");
    }
    schema
}

impl Toolbox {
    /// The tools for OpenAI's Chat Completions and Responses APIs (`tools`):
    /// `{"type": "function", "function": {"name", "description", "parameters"}}`.
    ///
    /// ```
    /// # use airlock::{Toolbox, policy::Access};
    /// #[derive(serde::Deserialize, schemars::JsonSchema)]
    /// struct Args { q: String }
    /// fn search(_: Args) -> Result<String, std::fmt::Error> { Ok(String::new()) }
    ///
    /// let mut tools = Toolbox::new();
    /// tools.tool("search", "Searches.", Access::Read, search).unwrap();
    /// let defs = tools.definitions_openai();
    /// assert_eq!(defs[0]["type"], "function");
    /// assert_eq!(defs[0]["function"]["name"], "search");
    /// assert_eq!(defs[0]["function"]["parameters"]["required"][0], "q");
    /// ```
    pub fn definitions_openai(&self) -> Vec<Value> {
        self.tools
            .iter()
            .map(|t| {
                json!({"type": "function", "function": {
                    "name": t.name, "description": t.description, "parameters": t.schema,
                }})
            })
            .collect()
    }

    /// The tools for Anthropic's Messages API (`tools`): `{"name", "description",
    /// "input_schema"}`.
    pub fn definitions_anthropic(&self) -> Vec<Value> {
        self.tools
            .iter()
            .map(
                |t| json!({"name": t.name, "description": t.description, "input_schema": t.schema}),
            )
            .collect()
    }

    /// The tools for an MCP `tools/list` result: `{"name", "description", "inputSchema",
    /// "annotations"}`, with the annotations following the declared access (`read` tools
    /// are `readOnlyHint`; `delete` and `execute` ones `destructiveHint`).
    pub fn definitions_mcp(&self) -> Vec<Value> {
        self.tools.iter().map(mcp).collect()
    }
}

fn mcp(t: &Entry) -> Value {
    json!({
        "name": t.name,
        "description": t.description,
        "inputSchema": t.schema,
        "annotations": {
            "readOnlyHint": t.access == Access::Read,
            "destructiveHint": t.access >= Access::Delete,
        },
    })
}
