use airlock::{ToolError, airlock};

#[airlock(access = read)]
const fn lookup() -> Result<u32, ToolError> {
    Ok(1)
}

#[airlock(access = read)]
unsafe fn unchecked() -> Result<u32, ToolError> {
    Ok(1)
}

fn main() {
    let _ = lookup();
    let _ = unsafe { unchecked() };
}
