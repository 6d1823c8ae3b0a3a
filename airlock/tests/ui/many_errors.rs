use airlock::{ToolError, airlock};

// Every problem is reported at once.
#[airlock(polcy = X, access = admin, max_output = 10, name = "")]
fn lookup() -> Result<String, ToolError> {
    Ok(String::new())
}

fn main() {
    let _ = lookup();
}
