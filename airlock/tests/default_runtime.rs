//! A toolbox on the default runtime (`Toolbox::new()` with none installed) does not make
//! later direct calls fail closed: outside every scope they fall back to that same runtime,
//! so no call gets a weaker policy. (Its own binary: no other runtime is scoped here.)
#![allow(clippy::unwrap_used)]

use airlock::{Caller, ToolError, Toolbox, airlock};
use serde_json::json;

/// Echoes.
#[airlock(access = read)]
fn echo(text: String) -> Result<String, ToolError> {
    Ok(text)
}

#[tokio::test]
async fn a_toolbox_on_the_default_runtime_leaves_direct_calls_working() {
    let mut tools = Toolbox::new();
    tools.add(airlock::tool!(echo)).unwrap();
    let r = tools
        .call("echo", json!({"text": "hi"}), &Caller::new("a"))
        .await;
    assert_eq!(r.outcome, Ok(json!("hi")));
    assert_eq!(echo("direct".into()).unwrap(), "direct");
    drop(tools);
    assert_eq!(echo("after".into()).unwrap(), "after");
}
