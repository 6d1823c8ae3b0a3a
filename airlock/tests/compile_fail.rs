//! What `#[airlock]` refuses, and the messages it refuses with (`tests/ui/*.rs`, with the
//! expected compiler output next to each); and a file of every accepted form that must
//! compile without a single warning (`tests/ui/pass/`).
//!
//! Regenerate the expected output with `TRYBUILD=overwrite cargo test -p airlock --test
//! compile_fail`, then read every changed `.stderr`: each must say plainly what is wrong.

#[test]
fn ui() {
    let cases = trybuild::TestCases::new();
    cases.compile_fail("tests/ui/*.rs");
    cases.pass("tests/ui/pass/*.rs");
}
