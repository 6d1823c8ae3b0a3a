use airlock::airlock;

#[airlock(access = read)]
fn lookup(id: u32) -> String {
    format!("customer {id}")
}

#[airlock(access = read)]
async fn maybe(id: u32) -> Option<String> {
    Some(format!("customer {id}"))
}

#[airlock(access = read)]
fn numbers() -> impl Iterator<Item = u8> {
    0..3
}

fn main() {
    let _ = lookup(1);
    let _ = maybe(1);
    let _ = numbers();
}
