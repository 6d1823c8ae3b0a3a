//! `Toolbox::answer` with the assistant messages each provider's API really returns.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::sync::atomic::{AtomicUsize, Ordering};

use airlock::policy::Access;
use airlock::toolbox::{Provider, ProviderError};
use airlock::{Airlock, Caller, Toolbox};
use serde::Deserialize;
use serde_json::{Value, json};

#[derive(Deserialize, schemars::JsonSchema)]
struct Lookup {
    /// The customer's number.
    id: u32,
}

async fn lookup(args: Lookup) -> Result<String, String> {
    Ok(format!("customer {}: ann@example.org", args.id))
}

fn tools() -> Toolbox {
    let mut tools = Toolbox::with_runtime(Airlock::default());
    tools
        .tool("lookup_customer", "Finds a customer.", Access::Read, lookup)
        .unwrap();
    tools
}

fn caller() -> Caller {
    Caller::new("agent-1")
}

/// The AirlockResponse sent back as text.
fn response(text: &Value) -> Value {
    serde_json::from_str(text.as_str().expect("a string")).expect("JSON")
}

#[tokio::test]
async fn openai_chat_completions_round_trip() {
    let tools = tools();
    // A chat completion as the API returns it: two parallel calls, one with broken JSON, and
    // one to a tool that does not exist.
    let completion = json!({
        "id": "chatcmpl-abc123",
        "object": "chat.completion",
        "created": 1_700_000_000,
        "model": "gpt-4o-2024-08-06",
        "choices": [{
            "index": 0,
            "message": {
                "role": "assistant",
                "content": null,
                "refusal": null,
                "tool_calls": [
                    {"id": "call_Ab1", "type": "function",
                     "function": {"name": "lookup_customer", "arguments": "{\"id\": 7}"}},
                    {"id": "call_Cd2", "type": "function",
                     "function": {"name": "lookup_customer", "arguments": "{\"id\": 7"}},
                    {"id": "call_Ef3", "type": "function",
                     "function": {"name": "lookup_customr", "arguments": "{}"}},
                ],
            },
            "finish_reason": "tool_calls",
        }],
    });
    let answers = tools
        .answer(Provider::OpenAiChat, &completion, &caller())
        .await
        .unwrap();
    assert_eq!(answers.len(), 3);
    let ids: Vec<&str> = answers
        .iter()
        .map(|a| a["tool_call_id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["call_Ab1", "call_Cd2", "call_Ef3"]);
    assert!(answers.iter().all(|a| a["role"] == "tool"));
    let ok = response(&answers[0]["content"]);
    assert_eq!(ok["ok"], true);
    assert_eq!(ok["result"], "customer 7: [EMAIL]");
    let broken = response(&answers[1]["content"]);
    assert_eq!(broken["error"]["kind"], "invalid_arguments");
    let unknown = response(&answers[2]["content"]);
    assert_eq!(unknown["error"]["kind"], "unknown_tool");
    assert!(
        unknown.to_string().contains("lookup_customer"),
        "the closest name is offered: {unknown}"
    );
}

#[tokio::test]
async fn openai_responses_round_trip() {
    let tools = tools();
    let response_object = json!({
        "id": "resp_67ccd2bed1ec8190",
        "object": "response",
        "status": "completed",
        "model": "gpt-4.1-2025-04-14",
        "output": [
            {"type": "reasoning", "id": "rs_1", "summary": []},
            {"type": "function_call", "id": "fc_1", "call_id": "call_12345xyz",
             "name": "lookup_customer", "arguments": "{\"id\":42}", "status": "completed"},
            {"type": "function_call", "id": "fc_2", "call_id": "call_67890abc",
             "name": "lookup_customer", "arguments": "{\"id\":\"42\"}", "status": "completed"},
        ],
    });
    let items = tools
        .answer(Provider::OpenAiResponses, &response_object, &caller())
        .await
        .unwrap();
    assert_eq!(items.len(), 2);
    assert_eq!(items[0]["type"], "function_call_output");
    assert_eq!(items[0]["call_id"], "call_12345xyz");
    assert_eq!(
        response(&items[0]["output"])["result"],
        "customer 42: [EMAIL]"
    );
    let quoted = response(&items[1]["output"]);
    assert_eq!(quoted["error"]["kind"], "invalid_arguments");
    assert_eq!(
        quoted["error"]["problems"][0]["fix"],
        "Send 42 as a number, without quotes."
    );
    // The `output` array alone reads the same.
    let again = tools
        .answer(
            Provider::OpenAiResponses,
            &response_object["output"],
            &caller(),
        )
        .await
        .unwrap();
    assert_eq!(again, items);
}

#[tokio::test]
async fn anthropic_messages_round_trip() {
    let tools = tools();
    let message = json!({
        "id": "msg_01Aq9w938a90dw8q",
        "type": "message",
        "role": "assistant",
        "model": "claude-sonnet-4-5",
        "content": [
            {"type": "text", "text": "I'll look that customer up."},
            {"type": "tool_use", "id": "toolu_01A09q90qw90lq917835lq9",
             "name": "lookup_customer", "input": {"id": 3}},
            {"type": "tool_use", "id": "toolu_01B", "name": "lookup_customer",
             "input": {"id": 3, "verbose": true}},
            {"type": "tool_use", "id": "toolu_01C", "name": "lookup_customer", "input": {}},
        ],
        "stop_reason": "tool_use",
        "usage": {"input_tokens": 10, "output_tokens": 20},
    });
    let answers = tools
        .answer(Provider::Anthropic, &message, &caller())
        .await
        .unwrap();
    assert_eq!(answers.len(), 1);
    assert_eq!(answers[0]["role"], "user");
    let blocks = answers[0]["content"].as_array().unwrap();
    assert_eq!(blocks.len(), 3);
    assert_eq!(blocks[0]["type"], "tool_result");
    assert_eq!(blocks[0]["tool_use_id"], "toolu_01A09q90qw90lq917835lq9");
    assert_eq!(blocks[0]["is_error"], false);
    assert_eq!(
        response(&blocks[0]["content"])["result"],
        "customer 3: [EMAIL]"
    );
    // An undeclared argument is stripped and reported, the call still runs.
    assert_eq!(blocks[1]["is_error"], false);
    assert_eq!(
        response(&blocks[1]["content"])["stripped_arguments"],
        json!(["/verbose"])
    );
    assert_eq!(blocks[2]["is_error"], true);
    let missing = response(&blocks[2]["content"]);
    assert_eq!(missing["error"]["problems"][0]["path"], "/id");
}

#[tokio::test]
async fn a_malformed_message_runs_no_call() {
    static RUNS: AtomicUsize = AtomicUsize::new(0);
    async fn counted(args: Lookup) -> Result<u32, String> {
        RUNS.fetch_add(1, Ordering::SeqCst);
        Ok(args.id)
    }
    let mut tools = Toolbox::with_runtime(Airlock::default());
    tools
        .tool(
            "lookup_customer",
            "Finds a customer.",
            Access::Read,
            counted,
        )
        .unwrap();
    let message = json!({"role": "assistant", "content": [
        {"type": "tool_use", "id": "toolu_1", "name": "lookup_customer", "input": {"id": 1}},
        {"type": "tool_use", "id": 2, "name": "lookup_customer", "input": {"id": 2}},
    ]});
    let error = tools
        .answer(Provider::Anthropic, &message, &caller())
        .await
        .unwrap_err();
    assert!(matches!(
        error,
        ProviderError::WrongType { ref pointer, found: "a number", .. } if pointer == "/content/1/id"
    ));
    assert_eq!(RUNS.load(Ordering::SeqCst), 0);
    // A message without calls needs no answer.
    let text = json!({"role": "assistant", "content": "All done."});
    assert!(
        tools
            .answer(Provider::Anthropic, &text, &caller())
            .await
            .unwrap()
            .is_empty()
    );
    // The wrong provider's shape is an error, not a silent empty answer.
    let chat = json!({"role": "assistant", "tool_calls": []});
    assert!(matches!(
        tools.answer(Provider::Anthropic, &chat, &caller()).await,
        Err(ProviderError::Missing { .. })
    ));
}
