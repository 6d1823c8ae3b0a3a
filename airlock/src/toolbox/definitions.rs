//! Tool definitions in the exact JSON the model APIs take.

mod openai_strict;

use serde_json::{Value, json};

use super::Toolbox;
use crate::call::def::ToolDef;
use crate::policy::Access;

impl Toolbox {
    /// The tools for OpenAI's Chat Completions API (`tools`), one per registered tool in
    /// registration order: `{"type": "function", "function": {"name", "description",
    /// "parameters"}}`, the parameters being the arguments' JSON Schema. The Responses API
    /// takes them flat: [`Toolbox::definitions_openai_responses`].
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
                    "name": t.tool.name(), "description": t.tool.description(), "parameters": t.schema(),
                }})
            })
            .collect()
    }

    /// The tools for OpenAI's Responses API (`tools`), which takes them flat:
    /// `{"type": "function", "name", "description", "parameters"}`.
    ///
    /// ```
    /// # use airlock::{Toolbox, policy::Access};
    /// #[derive(serde::Deserialize, schemars::JsonSchema)]
    /// struct Args { q: String }
    /// fn search(_: Args) -> Result<String, std::fmt::Error> { Ok(String::new()) }
    ///
    /// let mut tools = Toolbox::new();
    /// tools.tool("search", "Searches.", Access::Read, search)?;
    /// let defs = tools.definitions_openai_responses();
    /// assert_eq!(defs[0]["type"], "function");
    /// assert_eq!(defs[0]["name"], "search");
    /// assert_eq!(defs[0]["parameters"]["required"][0], "q");
    /// # Ok::<(), airlock::toolbox::ToolboxError>(())
    /// ```
    pub fn definitions_openai_responses(&self) -> Vec<Value> {
        self.tools
            .iter()
            .map(|t| {
                json!({"type": "function", "name": t.tool.name(),
                       "description": t.tool.description(), "parameters": t.schema()})
            })
            .collect()
    }

    /// The tools for OpenAI's Chat Completions API in strict mode (Structured Outputs):
    /// `{"type": "function", "function": {"name", "description", "parameters", "strict": true}}`,
    /// the model's arguments then guaranteed to fit the schema.
    ///
    /// Strict mode takes a subset of JSON Schema, so `parameters` is rewritten: every object
    /// closed (`additionalProperties: false`) with all its properties `required`, the optional
    /// ones made nullable (`"type": [T, "null"]` or an `anyOf` with `{"type": "null"}`), at
    /// every level, and the keywords strict mode rejects removed (`default`, `minLength`,
    /// `maxLength`, `uniqueItems`, and `format` but for the string formats it knows). The
    /// model then sends `null` for an optional argument it would have left out; [`call`]
    /// takes such a `null` as absent when the argument's own schema refuses it, and still
    /// checks the arguments against the full schema, constraints included.
    ///
    /// A tool whose arguments strict mode cannot describe (a map such as `HashMap`, a tuple,
    /// a `serde_json::Value`) is given with its schema unchanged and `"strict": false`.
    ///
    /// [`call`]: Toolbox::call
    ///
    /// ```
    /// # use airlock::{Toolbox, policy::Access};
    /// use serde_json::json;
    ///
    /// #[derive(serde::Deserialize, schemars::JsonSchema)]
    /// struct Args {
    ///     /// Words to look for.
    ///     q: String,
    ///     #[serde(default)]
    ///     limit: u8,
    /// }
    /// fn search(_: Args) -> Result<String, std::fmt::Error> { Ok(String::new()) }
    ///
    /// let mut tools = Toolbox::new();
    /// tools.tool("search", "Searches.", Access::Read, search)?;
    /// let defs = tools.definitions_openai_strict();
    /// assert_eq!(defs[0]["function"]["strict"], true);
    /// assert_eq!(
    ///     defs[0]["function"]["parameters"],
    ///     json!({
    ///         "type": "object",
    ///         "properties": {
    ///             "q": {"type": "string", "description": "Words to look for."},
    ///             "limit": {"type": ["integer", "null"], "minimum": 0, "maximum": 255},
    ///         },
    ///         "required": ["limit", "q"],
    ///         "additionalProperties": false,
    ///     })
    /// );
    /// # Ok::<(), airlock::toolbox::ToolboxError>(())
    /// ```
    pub fn definitions_openai_strict(&self) -> Vec<Value> {
        self.tools
            .iter()
            .map(|t| {
                let (parameters, strict) = match openai_strict::schema(t.schema()) {
                    Some(schema) => (schema, true),
                    None => (t.schema().clone(), false),
                };
                json!({"type": "function", "function": {
                    "name": t.tool.name(), "description": t.tool.description(), "parameters": parameters,
                    "strict": strict,
                }})
            })
            .collect()
    }

    /// The tools for Anthropic's Messages API (`tools`), one per registered tool in
    /// registration order: `{"name", "description", "input_schema"}`, the input schema
    /// being the arguments' JSON Schema.
    ///
    /// ```
    /// use airlock::{ToolError, Toolbox, airlock};
    ///
    /// /// Finds a customer by number.
    /// #[airlock(access = read)]
    /// fn lookup(id: u32) -> Result<String, ToolError> {
    ///     Ok(format!("customer {id}"))
    /// }
    ///
    /// let mut tools = Toolbox::new();
    /// tools.add(airlock::tool!(lookup))?;
    /// let defs = tools.definitions_anthropic();
    /// assert_eq!(defs[0]["name"], "lookup");
    /// assert_eq!(defs[0]["description"], "Finds a customer by number.");
    /// assert_eq!(defs[0]["input_schema"]["properties"]["id"]["type"], "integer");
    /// # Ok::<(), airlock::toolbox::ToolboxError>(())
    /// ```
    pub fn definitions_anthropic(&self) -> Vec<Value> {
        self.tools
            .iter()
            .map(
                |t| json!({"name": t.tool.name(), "description": t.tool.description(), "input_schema": t.schema()}),
            )
            .collect()
    }

    /// The tools for an MCP `tools/list` result: `{"name", "description", "inputSchema",
    /// "annotations"}`, with the annotations following the declared access (`read` tools
    /// are `readOnlyHint`; `delete` and `execute` ones `destructiveHint`). One per
    /// registered tool, in registration order.
    ///
    /// ```
    /// use airlock::{ToolError, Toolbox, airlock};
    ///
    /// /// Lists the files.
    /// #[airlock(access = read)]
    /// fn list_files() -> Result<Vec<String>, ToolError> {
    ///     Ok(Vec::new())
    /// }
    ///
    /// /// Deletes a file.
    /// #[airlock(access = delete)]
    /// fn delete_file(path: String) -> Result<String, ToolError> {
    ///     Ok(format!("deleted {path}"))
    /// }
    ///
    /// let mut tools = Toolbox::new();
    /// tools.add(airlock::tool!(list_files))?.add(airlock::tool!(delete_file))?;
    /// let defs = tools.definitions_mcp();
    /// assert_eq!(defs[0]["name"], "list_files");
    /// assert_eq!(defs[0]["annotations"]["readOnlyHint"], true);
    /// assert_eq!(defs[1]["inputSchema"]["required"], serde_json::json!(["path"]));
    /// assert_eq!(defs[1]["annotations"]["destructiveHint"], true);
    /// # Ok::<(), airlock::toolbox::ToolboxError>(())
    /// ```
    pub fn definitions_mcp(&self) -> Vec<Value> {
        self.tools.iter().map(mcp).collect()
    }
}

fn mcp(t: &ToolDef) -> Value {
    let access = t.tool.access();
    json!({
        "name": t.tool.name(),
        "description": t.tool.description(),
        "inputSchema": t.schema(),
        "annotations": {
            "readOnlyHint": access == Access::Read,
            "destructiveHint": access >= Access::Delete,
        },
    })
}
