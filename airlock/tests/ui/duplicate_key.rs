use airlock::{ToolError, airlock};

#[airlock(access = read, access = write)]
fn lookup() -> Result<String, ToolError> {
    Ok(String::new())
}

fn main() {
    let _ = lookup();
}
