//! A large output is scanned in parts on several threads, with exactly the findings and
//! the masked text of one thread.
#![allow(clippy::expect_used)]

use std::num::NonZeroUsize;

use airlock::sanitize::Sanitizer;

fn with_threads(n: usize) -> Sanitizer {
    Sanitizer::builder()
        .max_threads(NonZeroUsize::new(n).expect("not zero"))
        .literal_secret("correct-horse-battery-staple")
        .build()
        .expect("builds")
}

#[test]
fn dense_tool_output_in_parts_is_masked_as_in_one_piece() {
    // 6 MiB: up to six parts of at least 1 MiB, each cut after a line break.
    let mut text = airlock_corpus::tool_output(6 << 20, 7).text;
    // A literal secret and a key block across every likely cut.
    let extra = "\nsecret correct-horse-battery-staple\n-----BEGIN EC PRIVATE KEY-----\nMHcCAQEE\n4111111111111111\n-----END EC PRIVATE KEY-----\n";
    for share in [1, 2, 3, 4, 5] {
        let at = text[share << 20..]
            .find('\n')
            .map_or(text.len(), |i| (share << 20) + i);
        text.insert_str(at, extra);
    }
    let one = with_threads(1).sanitize(&text);
    assert!(one.findings.len() > 5_000, "{}", one.findings.len());
    for threads in [2, 3, 6] {
        let parts = with_threads(threads).sanitize(&text);
        assert_eq!(parts.findings, one.findings, "{threads} threads");
        assert!(
            parts.text == one.text,
            "{threads} threads: the masked text differs"
        );
    }
}

#[test]
fn a_long_single_line_is_not_cut() {
    // Minified JSON: no line break to cut after, so one thread does it all, the same.
    let record = r#"{"user":"ann@example.org","ip":"10.0.0.1","card":"4111 1111 1111 1111"},"#;
    let text = record.repeat((3 << 20) / record.len());
    let one = with_threads(1).find(text.as_bytes());
    assert_eq!(one.len(), 3 * ((3 << 20) / record.len()));
    assert_eq!(with_threads(4).find(text.as_bytes()), one);
}

#[test]
fn a_literal_secret_longer_than_a_part_s_overlap_is_found_across_a_cut() {
    // A 300 KiB value of many lines (a vault entry holding a whole file) around the first cut.
    let secret: String = (0..6_000)
        .map(|i| format!("line {i:05} of the secret file, 50 bytes long ...\n"))
        .collect();
    let mut text = airlock_corpus::tool_output(3 << 20, 8).text;
    let at = text[900 << 10..]
        .find('\n')
        .map_or(text.len(), |i| (900 << 10) + i + 1);
    text.insert_str(at, &secret);
    let found = |threads: usize| {
        Sanitizer::builder()
            .max_threads(NonZeroUsize::new(threads).expect("not zero"))
            .literal_secret(secret.clone())
            .build()
            .expect("builds")
            .find(text.as_bytes())
    };
    let one = found(1);
    assert!(
        one.iter()
            .any(|f| f.kind().name() == "known_secret" && f.span() == (at..at + secret.len()))
    );
    assert_eq!(found(2), one);
}
