use airlock::airlock;

#[airlock(access = read)]
struct Lookup {
    id: u32,
}

fn main() {
    let _ = Lookup { id: 1 }.id;
}
