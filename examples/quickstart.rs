//! A simulated model calls three guarded tools through a `Toolbox`: a good call whose output
//! has personal data masked, a call with an argument the tool does not take, a wrongly typed
//! call answered with a self-healing error, and a write refused under `READ_ONLY`. Each
//! response is printed exactly as the model would receive it.
//!
//! Run with `cargo run --example quickstart`.

use airlock::policy::{Access, READ_ONLY};
use airlock::{Airlock, Caller, ToolError, Toolbox, airlock};
use serde::Deserialize;
use serde_json::{Value, json};

/// Arguments of `lookup_customer`.
#[derive(Deserialize, schemars::JsonSchema)]
struct Lookup {
    /// The customer's number.
    id: u32,
}

/// A CRM lookup: its output carries an email thread full of personal data and a secret.
#[airlock(policy = READ_ONLY, access = read)]
async fn lookup_customer(args: Lookup) -> Result<Value, ToolError> {
    Ok(json!({
        "id": args.id,
        "name": "Dana Whitfield",
        "email": "dana.whitfield@northwind.example",
        "phone": "(415) 555-2671",
        "last_message": "Please refund card 4111 1111 1111 1111. My SSN, if you need it: 123-45-6789.",
        "api_key": "sk_live_51HxQ2eKp9Vb3TzR8wYbLmP4sKd",
    }))
}

/// Arguments of `search_orders`.
#[derive(Deserialize, schemars::JsonSchema)]
struct Search {
    /// Words to look for.
    query: String,
    /// At most this many orders.
    limit: u8,
}

#[airlock(access = read)]
fn search_orders(args: Search) -> Result<Vec<String>, ToolError> {
    Ok((1..=args.limit.min(3))
        .map(|i| format!("ORD-2026-00012{i}: {} (shipped)", args.query))
        .collect())
}

/// Arguments of `refund_order`.
#[derive(Deserialize, schemars::JsonSchema)]
struct Refund {
    order: String,
}

#[airlock(access = write)]
fn refund_order(args: Refund) -> Result<String, ToolError> {
    Ok(format!("refunded {}", args.order))
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut tools = Toolbox::with_runtime(Airlock::builder().policy(READ_ONLY).build());
    tools
        .tool(
            "lookup_customer",
            "Looks up a customer by number.",
            Access::Read,
            lookup_customer,
        )?
        .tool(
            "search_orders",
            "Searches orders.",
            Access::Read,
            search_orders,
        )?
        .tool(
            "refund_order",
            "Refunds an order.",
            Access::Write,
            refund_order,
        )?;

    println!("The tools, as OpenAI's API takes them:");
    println!(
        "{}\n",
        serde_json::to_string(&tools.definitions_openai()[1])?
    );

    // What a model sends: arguments as a JSON string, sometimes with extras, sometimes wrong.
    let calls = [
        (
            "a good call: personal data and a secret masked",
            "lookup_customer",
            json!("{\"id\": 42}"),
        ),
        (
            "an argument the tool does not take: stripped and reported",
            "search_orders",
            json!({"query": "blue mug", "limit": 2, "include_archived": true}),
        ),
        (
            "a wrongly typed call: a self-healing error",
            "search_orders",
            json!({"query": 7, "limit": "2"}),
        ),
        (
            "a write under READ_ONLY: refused",
            "refund_order",
            json!({"order": "ORD-2026-000121"}),
        ),
        ("a name the model misremembered", "search_order", json!({})),
    ];
    let caller = Caller::new("support-agent");
    for (what, tool, args) in calls {
        println!("── {what}");
        println!("model calls {tool}({args})");
        let response = tools.call(tool, args, &caller).await;
        println!("{}", serde_json::to_string_pretty(&response)?);
        if let Some(error) = response.error() {
            println!("as text for the model:\n{error}");
        }
        println!();
    }
    Ok(())
}
