use airlock::{ToolError, airlock};

#[airlock(name = "")]
fn lookup() -> Result<String, ToolError> {
    Ok(String::new())
}

fn main() {
    let _ = lookup();
}
