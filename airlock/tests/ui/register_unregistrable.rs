use airlock::{ToolError, Toolbox, airlock};

#[airlock(access = read)]
fn shout(text: &str) -> Result<String, ToolError> {
    Ok(text.to_uppercase())
}

struct Handle;

#[airlock(access = read)]
fn ping(handle: Handle) -> Result<String, ToolError> {
    let Handle = handle;
    Ok("pong".into())
}

fn main() {
    let mut tools = Toolbox::new();
    let _ = tools.add(airlock::tool!(shout));
    let _ = tools.add(airlock::tool!(ping));
}
