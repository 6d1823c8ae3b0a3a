//! `#[airlock]` stacked on rmcp's `#[tool]`, driven over the real MCP protocol: an rmcp
//! client and the `Crm` server talk JSON-RPC through an in-memory duplex pipe.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use airlock_rmcp_stack::{Crm, CustomerId, NoteSearch, StackError};
use rmcp::handler::server::wrapper::Parameters;
use rmcp::model::{CallToolRequestParams, CallToolResult, Tool};
use rmcp::service::RunningService;
use rmcp::{RoleClient, ServiceExt};
use serde_json::{Value, json};
use tokio::task::JoinHandle;

type Client = RunningService<RoleClient, ()>;

/// Starts `server` and a client on the two ends of a duplex pipe; both run the real
/// `initialize` handshake.
async fn connect(server: Crm) -> (Client, JoinHandle<()>) {
    let (server_io, client_io) = tokio::io::duplex(64 * 1024);
    let server_task = tokio::spawn(async move {
        let running = server.serve(server_io).await.expect("server handshake");
        running.waiting().await.expect("server loop");
    });
    let client = ().serve(client_io).await.expect("client handshake");
    (client, server_task)
}

async fn disconnect(client: Client, server_task: JoinHandle<()>) {
    client.cancel().await.expect("client cancel");
    server_task.await.expect("server task");
}

async fn call(client: &Client, tool: &'static str, arguments: Value) -> CallToolResult {
    let Value::Object(arguments) = arguments else {
        panic!("arguments must be an object")
    };
    client
        .call_tool(CallToolRequestParams::new(tool).with_arguments(arguments))
        .await
        .expect("tools/call must answer with a result, not a JSON-RPC error")
}

/// The text of a result's single text block.
fn text(result: &CallToolResult) -> &str {
    assert_eq!(result.content.len(), 1, "{result:?}");
    &result.content[0].as_text().expect("a text block").text
}

fn tool<'a>(tools: &'a [Tool], name: &str) -> &'a Tool {
    tools
        .iter()
        .find(|t| t.name == name)
        .unwrap_or_else(|| panic!("`{name}` is not listed: {tools:?}"))
}

#[tokio::test]
async fn list_tools_keeps_descriptions_and_parameter_schemas() {
    let (client, server_task) = connect(Crm::new()).await;
    let tools = client.list_all_tools().await.unwrap();
    disconnect(client, server_task).await;

    let mut names: Vec<&str> = tools.iter().map(|t| t.name.as_ref()).collect();
    names.sort_unstable();
    assert_eq!(
        names,
        [
            "customer_contact",
            "customer_record",
            "delete_customer",
            "lookup_customer",
            "search_notes"
        ]
    );

    // As the client received them on the wire (camelCase keys).
    let wire = |name: &str| serde_json::to_value(tool(&tools, name)).unwrap();

    // `#[tool(description = ...)]`: the attribute wins over the method's doc comment.
    let lookup = wire("lookup_customer");
    assert_eq!(
        lookup["description"],
        "Looks up a customer by id and returns their contact line."
    );
    // A doc comment above `#[airlock]`, `#[tool]` without a description.
    let delete = wire("delete_customer");
    assert_eq!(delete["description"], "Deletes a customer record for good.");
    // A two-line doc comment between `#[airlock]` and `#[tool]`.
    let search = wire("search_notes");
    assert_eq!(
        search["description"],
        "Searches the support notes.\nReturns at most `limit` matching lines."
    );

    // Every input schema is that of the `Parameters<T>` argument.
    for schema in [&lookup["inputSchema"], &delete["inputSchema"]] {
        assert_eq!(schema["type"], "object", "{schema}");
        assert_eq!(schema["properties"]["id"]["type"], "integer", "{schema}");
        assert_eq!(schema["required"], json!(["id"]), "{schema}");
    }
    let schema = &search["inputSchema"];
    assert_eq!(schema["properties"]["query"]["type"], "string", "{schema}");
    assert_eq!(schema["properties"]["limit"]["type"], "integer", "{schema}");
    let mut required: Vec<&str> = schema["required"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    required.sort_unstable();
    assert_eq!(required, ["limit", "query"], "{schema}");
}

#[tokio::test]
async fn read_tool_output_comes_back_masked() {
    let (client, server_task) = connect(Crm::new()).await;
    let result = call(&client, "lookup_customer", json!({"id": 7})).await;
    let failed = call(&client, "lookup_customer", json!({"id": 0})).await;
    let notes = call(
        &client,
        "search_notes",
        json!({"query": "invoice", "limit": 3}),
    )
    .await;
    disconnect(client, server_task).await;

    assert_ne!(result.is_error, Some(true), "{result:?}");
    let text_7 = text(&result);
    assert!(text_7.contains("customer 7"), "{text_7}");
    assert!(text_7.contains("[EMAIL]"), "{text_7}");
    assert!(!text_7.contains("ann@example.org"), "{text_7}");
    assert!(!text_7.contains('@'), "{text_7}");

    // The tool's own error goes to the model as a tool error too.
    assert_eq!(failed.is_error, Some(true), "{failed:?}");
    assert_eq!(text(&failed), "no customer has id 0");

    // A synchronous tool is masked the same way.
    assert_ne!(notes.is_error, Some(true), "{notes:?}");
    assert!(text(&notes).contains("[EMAIL]"), "{notes:?}");
    assert!(!text(&notes).contains("bob@example.com"), "{notes:?}");
}

#[tokio::test]
async fn structured_output_comes_back_masked() {
    let (client, server_task) = connect(Crm::new()).await;
    let result = call(&client, "customer_record", json!({"id": 7})).await;
    disconnect(client, server_task).await;
    assert_ne!(result.is_error, Some(true), "{result:?}");
    let all = serde_json::to_string(&result).unwrap();
    assert!(
        !all.contains("ann@example.org") && !all.contains("4111"),
        "{all}"
    );
    let structured = result.structured_content.clone().unwrap();
    assert_eq!(structured["email"], "[EMAIL]", "{structured}");
    assert_eq!(structured["card"], "[CREDIT_CARD]", "{structured}");
    assert_eq!(structured["id"], 7, "{structured}");
}

#[tokio::test]
async fn delete_tool_is_refused_without_running() {
    let server = Crm::new();
    let (client, server_task) = connect(server.clone()).await;
    let result = call(&client, "delete_customer", json!({"id": 7})).await;
    disconnect(client, server_task).await;

    assert_eq!(result.is_error, Some(true), "{result:?}");
    let error: Value = serde_json::from_str(text(&result)).unwrap();
    assert_eq!(error["kind"], "policy_denied", "{error}");
    assert_eq!(error["retry"], false, "{error}");
    let message = error["message"].as_str().unwrap();
    assert!(message.contains("delete_customer"), "{message}");
    assert_eq!(server.deletes_run(), 0, "the refused body ran");
}

#[tokio::test]
async fn invalid_arguments_are_tool_errors_and_the_body_does_not_run() {
    let server = Crm::new();
    let (client, server_task) = connect(server.clone()).await;
    // Deserializes, but fails `validator`: Airlock refuses it.
    let out_of_range = call(&client, "search_notes", json!({"query": "x", "limit": 0})).await;
    // Does not deserialize: rmcp refuses it before the function is called.
    let wrong_type = call(&client, "lookup_customer", json!({"id": "7"})).await;
    disconnect(client, server_task).await;

    assert_eq!(out_of_range.is_error, Some(true), "{out_of_range:?}");
    let error: Value = serde_json::from_str(text(&out_of_range)).unwrap();
    assert_eq!(error["kind"], "invalid_arguments", "{error}");
    // `Parameters<T>` is the whole arguments object: the path starts at its root, where the
    // model put `limit`.
    assert_eq!(error["problems"][0]["path"], "/limit", "{error}");
    assert_eq!(server.searches_run(), 0, "the refused body ran");

    assert_eq!(wrong_type.is_error, Some(true), "{wrong_type:?}");
    assert!(
        text(&wrong_type).contains("failed to deserialize parameters"),
        "{wrong_type:?}"
    );
}

#[tokio::test]
async fn tools_remain_plain_methods() {
    let server = Crm::new();

    let found = server
        .lookup_customer(Parameters(CustomerId { id: 7 }))
        .await
        .unwrap();
    assert_eq!(found, "customer 7: Ann Lee, [EMAIL]");

    let Err(StackError::Refused(error)) = server
        .delete_customer(Parameters(CustomerId { id: 7 }))
        .await
    else {
        panic!("delete_customer was not refused")
    };
    assert_eq!(error.kind(), "policy_denied");
    assert_eq!(server.deletes_run(), 0);

    let notes = server
        .search_notes(Parameters(NoteSearch {
            query: "invoice".to_owned(),
            limit: 1,
        }))
        .unwrap();
    assert_eq!(notes, "call back [EMAIL] about the invoice");
    assert_eq!(server.searches_run(), 1);

    // `#[tool]`'s metadata functions are there too.
    assert_eq!(
        Crm::delete_customer_tool_attr().description.as_deref(),
        Some("Deletes a customer record for good.")
    );
}

#[tokio::test]
async fn a_declared_mask_and_error_masking_hold_over_mcp() {
    let (client, server_task) = connect(Crm::new()).await;
    let found = call(&client, "customer_contact", json!({"id": 7})).await;
    let failed = call(&client, "customer_contact", json!({"id": 0})).await;
    disconnect(client, server_task).await;

    assert_ne!(found.is_error, Some(true));
    assert_eq!(text(&found), "customer 7: a***@example.org");
    assert_eq!(failed.is_error, Some(true));
    let message = text(&failed);
    assert!(!message.contains("hunter2"), "{message}");
    assert!(!message.contains("ann@example.org"), "{message}");
    assert!(message.contains("the CRM refused"), "{message}");
}
