use airlock::{ToolError, airlock};

const LIMIT: u32 = 3;

#[airlock(policy = LIMIT)]
fn lookup() -> Result<String, ToolError> {
    Ok(String::new())
}

fn main() {
    let _ = lookup();
}
