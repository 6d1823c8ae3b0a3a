//! Values longer than the 64 KiB that a part of a large input is scanned with past its end
//! (a thread's part, a stream's pass, a reader's job), placed across the cuts: nothing of
//! them stays visible, and the output is that of one scan of the whole input.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use std::num::NonZeroUsize;

use airlock::sanitize::Sanitizer;

const KIB: usize = 1024;
const MIB: usize = 1024 * KIB;

/// Base64-looking text of `n` characters (no `+` or `/` when `url`).
fn base64(n: usize, seed: usize, url: bool) -> String {
    let alphabet: &[u8] = if url {
        b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
    } else {
        b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
    };
    (0..n)
        .map(|i| char::from(alphabet[(i * 7919 + i / 3 + seed) % 64]))
        .collect()
}

/// The long values: each a line (or lines) of text and the secret material in it.
fn values(len: usize) -> Vec<(&'static str, String, String)> {
    let lines: String = (0..len / 65)
        .map(|i| format!("{}\n", base64(64, i, false)))
        .collect();
    let pem = format!("-----BEGIN RSA PRIVATE KEY-----\n{lines}-----END RSA PRIVATE KEY-----\n");
    let pem_cut = format!("-----BEGIN PGP PRIVATE KEY BLOCK-----\n{lines}\n");
    let payload = base64(len, 2, true);
    let jwt = format!("eyJhbGciOiJIUzI1NiJ9.eyJ{payload}.c2lnbmF0dXJlX3ZhbHVl");
    let token = format!("{}9", base64(len, 3, true));
    let key = base64(len, 4, false);
    let yaml_lines: String = (0..len / 67)
        .map(|i| format!("    {}\n", base64(64, i + 7, false)))
        .collect();
    vec![
        ("pem", pem, lines.clone()),
        ("pem without END", pem_cut, lines),
        ("jwt", format!("id_token {jwt} ok\n"), jwt),
        ("bearer", format!("Authorization: Bearer {token}\n"), token),
        ("tls.key", format!("data:\n  tls.key: {key}\n"), key),
        (
            "tls.key block",
            format!("data:\n  tls.key: |\n{yaml_lines}kind: Secret\n"),
            yaml_lines,
        ),
    ]
}

/// `count` bytes of plain log lines.
fn filler(count: usize) -> String {
    // (A `.` ends a PEM block's body: a block without its END line ends before the next
    // line of the log, not at the next block.)
    let line = "INFO request served in 12 ms, status ok.\n";
    line.repeat(count / line.len() + 1)[..count / line.len() * line.len()].to_owned()
}

/// Text of about `size` bytes with `value` starting `lead` bytes before each MiB mark
/// (after a line break): across each likely cut of a thread's part, a stream's pass and a
/// reader's job.
fn around_cuts(value: &str, size: usize, lead: usize) -> String {
    let mut text = String::new();
    let mut mark = MIB;
    while mark < size {
        let upto = mark.saturating_sub(lead).max(text.len());
        text.push_str(&filler(upto - text.len()));
        text.push_str(value);
        mark += MIB;
    }
    text.push_str(&filler(size.saturating_sub(text.len()) + 100));
    text
}

/// The 40-byte pieces of `secret` (one every 997 bytes, and its end) to look for.
fn pieces(secret: &str) -> aho_corasick::AhoCorasick {
    let secret = secret.trim_end();
    let starts = (0..secret.len().saturating_sub(40))
        .step_by(997)
        .chain([secret.len().saturating_sub(40)]);
    let pieces: Vec<&str> = starts
        .map(|at| &secret[at..(at + 40).min(secret.len())])
        .filter(|piece| !piece.trim().is_empty())
        .collect();
    aho_corasick::AhoCorasick::new(pieces).unwrap()
}

/// A piece of the secret that `out` holds, if any.
fn leaks(pieces: &aho_corasick::AhoCorasick, out: &[u8]) -> Option<String> {
    pieces
        .find(out)
        .map(|m| String::from_utf8_lossy(&out[m.range()]).into_owned())
}

fn sanitizer(threads: usize) -> Sanitizer {
    Sanitizer::builder()
        .max_threads(NonZeroUsize::new(threads).unwrap())
        .build()
        .unwrap()
}

/// The output of every way of masking `text`: whole on one thread, in parts on threads, as
/// a stream pushed in pieces, and through a reader on threads (with `reader`).
fn every_way(text: &str, reader: bool) -> Vec<(&'static str, Vec<u8>)> {
    let mut ways = Vec::new();
    let one = sanitizer(1).sanitize(text).text.into_owned().into_bytes();
    ways.push(("one thread", one));
    ways.push((
        "threads",
        sanitizer(4).sanitize(text).text.into_owned().into_bytes(),
    ));
    let s = sanitizer(1);
    let mut stream = s.stream();
    let (mut out, mut findings) = (Vec::new(), Vec::new());
    for piece in text.as_bytes().chunks(61 * KIB) {
        stream.push(piece, &mut out, &mut findings);
    }
    stream.finish(&mut out, &mut findings);
    ways.push(("stream", out));
    for threads in [1, 3].into_iter().filter(|_| reader) {
        let mut out = Vec::new();
        sanitizer(threads)
            .sanitize_reader(text.as_bytes(), |chunk| {
                out.extend_from_slice(chunk.output());
                Ok::<(), std::io::Error>(())
            })
            .unwrap();
        ways.push((
            if threads == 1 {
                "reader"
            } else {
                "reader, threads"
            },
            out,
        ));
    }
    ways
}

fn check(len: usize, size: usize, lead: usize, reader: bool) {
    let mut failures = Vec::new();
    for (name, value, secret) in values(len) {
        assert!(value.len() > 64 * KIB, "{name}: {}", value.len());
        let text = around_cuts(&value, size, lead);
        let ways = every_way(&text, reader);
        let pieces = pieces(&secret);
        for (way, out) in &ways {
            if let Some(piece) = leaks(&pieces, out) {
                failures.push(format!("{name}, {way}: {piece:?} stays visible"));
            } else if *out != ways[0].1 {
                failures.push(format!("{name}, {way}: not the output of one scan"));
            }
        }
    }
    assert!(failures.is_empty(), "values of {len} bytes: {failures:#?}");
}

#[test]
fn values_longer_than_the_overlap_are_masked_across_cuts() {
    // 200 KiB values starting 100 KiB before each MiB mark, in 3 MiB: further back than
    // the look-ahead, so a cut at the mark would see only their first 164 KiB.
    check(200 * KIB, 3 * MIB, 100 * KIB, true);
}

#[test]
fn values_longer_than_a_pass_are_masked_across_cuts() {
    // 1.5 MiB values: longer than a stream's pass of new bytes (1 MiB), which waits for
    // their end. (Not through a reader: its jobs of 2 MiB see a value on one line of up to
    // 1 MiB whole, and one of several lines of up to 2 MiB; see `sanitize_reader`.)
    check(3 * MIB / 2, 3 * MIB, 8 * KIB, false);
}
