use std::time::Instant;

use airlock::Sanitize;

#[derive(Sanitize)]
struct Session {
    user: String,
    started: Instant,
}

fn main() {}
