use airlock::Toolbox;
use airlock::policy::Access;

fn two_arguments(a: u32, b: u32) -> Result<u32, String> {
    Ok(a + b)
}

fn main() {
    let mut tools = Toolbox::new();
    let _ = tools.tool("add", "Adds.", Access::Read, two_arguments);
}
