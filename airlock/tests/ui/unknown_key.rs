use airlock::policy::READ_ONLY;
use airlock::{ToolError, airlock};

#[airlock(polcy = READ_ONLY, access = read)]
fn lookup() -> Result<String, ToolError> {
    Ok(String::new())
}

fn main() {
    let _ = lookup();
    let _ = READ_ONLY;
}
