use airlock::Sanitize;

#[derive(Sanitize)]
#[mask(skip)]
struct Account {
    #[mask(skipp)]
    id: u64,
    #[mask(skip = true)]
    counter: u64,
    #[mask(skip, sensitive)]
    pin: String,
    #[mask(crate = airlock)]
    name: String,
}

#[derive(Sanitize)]
union Raw {
    a: u32,
}

fn main() {}
