use airlock::airlock;

#[derive(Debug)]
struct MyError;

#[airlock(access = read)]
fn lookup(id: u32) -> Result<String, MyError> {
    Ok(format!("customer {id}"))
}

fn main() {
    let _ = lookup(1);
}
