use airlock::{ToolError, airlock};

#[airlock(policy = "READ_ONLY")]
fn lookup() -> Result<String, ToolError> {
    Ok(String::new())
}

fn main() {
    let _ = lookup();
}
