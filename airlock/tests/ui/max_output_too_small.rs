use airlock::{ToolError, airlock};

#[airlock(max_output = 10)]
fn lookup() -> Result<String, ToolError> {
    Ok(String::new())
}

fn main() {
    let _ = lookup();
}
