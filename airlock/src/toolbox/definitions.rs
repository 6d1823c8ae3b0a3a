//! Tool definitions in the exact JSON the model APIs take.

use serde_json::{Value, json};

use super::Toolbox;
use crate::call::def::ToolDef;
use crate::policy::Access;

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
    /// tools.tool("search", "Searches.", Access::Read, search)?;
    /// let defs = tools.definitions_openai();
    /// assert_eq!(defs[0]["type"], "function");
    /// assert_eq!(defs[0]["function"]["name"], "search");
    /// assert_eq!(defs[0]["function"]["parameters"]["required"][0], "q");
    /// # Ok::<(), airlock::toolbox::ToolboxError>(())
    /// ```
    pub fn definitions_openai(&self) -> Vec<Value> {
        self.tools
            .iter()
            .map(|t| {
                json!({"type": "function", "function": {
                    "name": t.tool.name(), "description": t.tool.description(), "parameters": t.schema,
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
                |t| json!({"name": t.tool.name(), "description": t.tool.description(), "input_schema": t.schema}),
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

fn mcp(t: &ToolDef) -> Value {
    let access = t.tool.access();
    json!({
        "name": t.tool.name(),
        "description": t.tool.description(),
        "inputSchema": t.schema,
        "annotations": {
            "readOnlyHint": access == Access::Read,
            "destructiveHint": access >= Access::Delete,
        },
    })
}
