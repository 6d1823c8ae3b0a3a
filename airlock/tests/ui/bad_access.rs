use airlock::{ToolError, airlock};

#[airlock(access = admin)]
fn lookup() -> Result<String, ToolError> {
    Ok(String::new())
}

#[airlock(access = "read")]
fn quoted() -> Result<String, ToolError> {
    Ok(String::new())
}

fn main() {
    let _ = lookup();
    let _ = quoted();
}
