use airlock::{ToolError, airlock};

const NAME: &str = "lookup";

#[airlock(name = NAME)]
fn lookup() -> Result<String, ToolError> {
    Ok(String::new())
}

fn main() {
    let _ = lookup();
}
