//! Pieces of tool output, with and without findings, that the property tests of cutting
//! an input (into stream reads, into parts for threads) join in random orders.

/// Every piece is short, so a test window of 128 bytes holds any match in them whole.
pub(crate) const PIECES: &[&str] = &[
    "ann@example.org",
    "call (555) 234-5678",
    "card 4111 1111 1111 1111",
    "ssn 123-45-6789",
    "ghp_0123456789abcdefghijklmnopqrstuvwxyz",
    "AKIAIOSFODNN7EXAMPLE",
    "10.0.0.1",
    "2001:db8::1",
    "password=hunter2",
    "password=\"two\nlines\"",
    "Authorization: Bearer abc123def456ghi",
    "postgres://app:pw123@db/x",
    "eyJhbGciOiJI.eyJzdWIiOiIx.c2ln",
    "-----BEGIN EC PRIVATE KEY-----\nMHcCAQEE\n-----END EC PRIVATE KEY-----",
    "-----BEGIN PRIVATE KEY-----\nMHcCAQEE\n4111111111111111\n-----END PRIVATE KEY-----",
    "correct-horse-battery",
    " ",
    "\n",
    "\n\n",
    ":",
    "plain words",
    "2026-11-22",
    "{\"token\": \"t0k3n\"}",
    "é✓",
    "DE89 3704 0044 0532 0130 00",
];
