use airlock::airlock;

#[airlock(access = read)]
fn lookup(id: u32) {
    let _ = id;
}

fn main() {
    lookup(1);
}
