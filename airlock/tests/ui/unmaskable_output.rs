use airlock::{ToolError, airlock};

#[derive(serde::Serialize)]
struct Customer {
    email: String,
}

#[airlock(access = read)]
fn customer() -> Result<Customer, ToolError> {
    Ok(Customer {
        email: "ann@example.org".into(),
    })
}

/// Declared unmasked: compiles.
#[airlock(access = read, mask = off)]
fn raw_customer() -> Result<Customer, ToolError> {
    customer()
}

fn main() {
    let _ = raw_customer();
}
