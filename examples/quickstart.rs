//! A simulated model calls guarded tools through a `Toolbox`: a good call whose output has
//! personal data masked, a call with an argument the tool does not take, a wrongly typed call
//! answered with a self-healing error, and a write refused under `READ_ONLY`. The tools are
//! declared once: a free function registered with `tool!`, and a set of methods sharing one
//! order book (`#[airlock::toolset]`). Then a mail agent runs under the policy file
//! `examples/airlock.toml`: roles, a rate limit and office hours. Each response is printed
//! exactly as the model would receive it.
//!
//! Run with `cargo run --example quickstart`.

use std::collections::BTreeMap;
use std::sync::Mutex;
use std::time::Duration;

use airlock::policy::{Access, Clock, ManualClock, READ_ONLY};
use airlock::{Airlock, Caller, ToolError, Toolbox, airlock};
use serde::Deserialize;
use serde_json::{Value, json};

/// Looks up a customer by number. (This doc comment is the description the model sees.)
#[airlock(policy = READ_ONLY, access = read)]
async fn lookup_customer(id: u32) -> Result<Value, ToolError> {
    Ok(json!({
        "id": id,
        "name": "Dana Whitfield",
        "email": "dana.whitfield@northwind.example",
        "phone": "(415) 555-2671",
        "last_message": "Please refund card 4111 1111 1111 1111. My SSN, if you need it: 123-45-6789.",
        "api_key": "sk_live_51HxQ2eKp9Vb3TzR8wYbLmP4sKd",
    }))
}

/// The order book: state the order tools share (a database pool in a real agent).
struct Orders {
    by_number: Mutex<BTreeMap<String, String>>,
}

#[airlock::toolset]
impl Orders {
    /// Searches orders by words in their description.
    #[airlock(access = read)]
    fn search_orders(&self, query: String, limit: u8) -> Result<Vec<String>, ToolError> {
        let orders = self
            .by_number
            .lock()
            .map_err(|_| ToolError::failed("the order book is unavailable"))?;
        Ok(orders
            .iter()
            .filter(|(_, what)| what.contains(&query))
            .take(usize::from(limit))
            .map(|(number, what)| format!("{number}: {what}"))
            .collect())
    }

    /// Refunds an order.
    #[airlock(access = write)]
    fn refund_order(&self, order: String) -> Result<String, ToolError> {
        let orders = self
            .by_number
            .lock()
            .map_err(|_| ToolError::failed("the order book is unavailable"))?;
        match orders.get(&order) {
            Some(_) => Ok(format!("refunded {order}")),
            None => Err(ToolError::failed(format!("there is no order {order}"))),
        }
    }
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let orders = Orders {
        by_number: Mutex::new(BTreeMap::from([
            ("ORD-2026-000121".into(), "blue mug (shipped)".into()),
            ("ORD-2026-000122".into(), "blue teapot (shipped)".into()),
        ])),
    };
    let mut tools = Toolbox::with_runtime(Airlock::builder().policy(READ_ONLY).build());
    tools.add(airlock::tool!(lookup_customer))?;
    tools.add_all(orders.airlock_tools())?;

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
            json!({"query": "blue", "limit": 2, "include_archived": true}),
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
    mail_agent().await
}

/// Arguments of `send_mail`.
#[derive(Deserialize, schemars::JsonSchema)]
struct Mail {
    /// The recipient.
    to: String,
    /// The subject line.
    subject: String,
}

fn send_mail(mail: Mail) -> Result<String, ToolError> {
    Ok(format!("queued \"{}\" for {}", mail.subject, mail.to))
}

/// Arguments of `list_mail`.
#[derive(Deserialize, schemars::JsonSchema)]
struct Folder {
    /// The folder to list.
    folder: String,
}

fn list_mail(folder: Folder) -> Result<Vec<String>, ToolError> {
    Ok(vec![format!("{}: 3 unread", folder.folder)])
}

/// The policy file at work: who may call what, how often, and when.
async fn mail_agent() -> Result<(), Box<dyn std::error::Error>> {
    // The clock is pinned (a Monday morning in Berlin) so the demo prints the same every
    // day; a real runtime reads the system clock.
    let clock = ManualClock::new("2026-11-23T09:30:00+01:00".parse()?);
    let policy_file = concat!(env!("CARGO_MANIFEST_DIR"), "/../examples/airlock.toml");
    let runtime = Airlock::builder()
        .policy_file(policy_file)?
        .clock(Clock::from(clock.clone()))
        .build();
    println!(
        "══ policy {} loaded from examples/airlock.toml",
        runtime.policy().name
    );
    let mut tools = Toolbox::with_runtime(runtime);
    tools
        .tool("send_mail", "Sends an email.", Access::Write, send_mail)?
        .tool("list_mail", "Lists a mail folder.", Access::Read, list_mail)?;

    let assistant = Caller::new("mail-agent").with_roles(["assistant"]);
    let reader = Caller::new("triage-bot").with_roles(["reader"]);
    let mail = || json!({"to": "ops@northwind.example", "subject": "Daily report"});
    let calls = [
        (
            "a reader lists mail",
            "list_mail",
            json!({"folder": "inbox"}),
            &reader,
        ),
        ("a reader may not send", "send_mail", mail(), &reader),
        (
            "the assistant sends (burst of 2 allowed)",
            "send_mail",
            mail(),
            &assistant,
        ),
        ("and again", "send_mail", mail(), &assistant),
        (
            "a third at once: rate limited",
            "send_mail",
            mail(),
            &assistant,
        ),
    ];
    for (what, tool, args, caller) in calls {
        report(&tools, what, tool, args, caller).await?;
    }

    clock.advance(Duration::from_secs(12));
    report(
        &tools,
        "12 s later: a token is back",
        "send_mail",
        mail(),
        &assistant,
    )
    .await?;

    clock.set("2026-11-28T15:00:00+01:00".parse()?);
    report(
        &tools,
        "Saturday 15:00: outside office hours",
        "send_mail",
        mail(),
        &assistant,
    )
    .await?;
    report(
        &tools,
        "reading is allowed at any time",
        "list_mail",
        json!({"folder": "inbox"}),
        &assistant,
    )
    .await
}

async fn report(
    tools: &Toolbox,
    what: &str,
    tool: &str,
    args: Value,
    caller: &Caller,
) -> Result<(), Box<dyn std::error::Error>> {
    println!("── {what}");
    let response = tools.call(tool, args, caller).await;
    match response.error() {
        Some(error) => println!("{}\n  {error}", serde_json::to_string(&response)?),
        None => println!("{}", serde_json::to_string(&response)?),
    }
    Ok(())
}
