use airlock::{ToolError, airlock};

#[airlock(mask = everything)]
fn unknown() -> Result<String, ToolError> {
    Ok(String::new())
}

#[airlock(mask = [pii, secret])]
fn two_categories() -> Result<String, ToolError> {
    Ok(String::new())
}

#[airlock(mask = [off, full])]
fn off_in_list() -> Result<String, ToolError> {
    Ok(String::new())
}

fn main() {
    let _ = unknown();
    let _ = two_categories();
    let _ = off_in_list();
}
