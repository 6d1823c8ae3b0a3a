//! Runs the real `airlock scan` binary.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::{Read, Write};
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};
use std::thread;

use serde_json::Value;

const TOKEN: &str = "ghp_0123456789abcdefghijklmnopqrstuvwxyz";
const SAMPLE: &str = "mail ann@example.org, card 4111 1111 1111 1111, key AKIAIOSFODNN7EXAMPLE\n";
const SAMPLE_MASKED: &str = "mail [EMAIL], card [CREDIT_CARD], key [AWS_ACCESS_KEY_ID]\n";

/// Runs `airlock ARGS` with `stdin` fed from a thread, so large inputs and outputs don't deadlock.
fn airlock(args: &[&str], stdin: &[u8]) -> Output {
    airlock_with_env(args, stdin, None)
}

/// [`airlock`] with `AIRLOCK_HASH_KEY` set to `key`, or unset for `None`.
fn airlock_with_env(args: &[&str], stdin: &[u8], key: Option<&[u8]>) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_airlock"));
    match key {
        Some(key) => command.env("AIRLOCK_HASH_KEY", std::str::from_utf8(key).unwrap()),
        None => command.env_remove("AIRLOCK_HASH_KEY"),
    };
    let mut child = command
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut pipe = child.stdin.take().unwrap();
    let input = stdin.to_vec();
    let feeder = thread::spawn(move || {
        // The command may stop reading early (a usage error): ignore a broken pipe.
        let _ = pipe.write_all(&input);
    });
    let output = child.wait_with_output().unwrap();
    feeder.join().unwrap();
    output
}

/// Writes `contents` to a fresh file under the target's temporary directory.
fn temp_file(name: &str, contents: &[u8]) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("airlock-cli-scan");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, contents).unwrap();
    path
}

fn text(bytes: &[u8]) -> &str {
    std::str::from_utf8(bytes).unwrap()
}

fn assert_ok(out: &Output) {
    assert_eq!(
        out.status.code(),
        Some(0),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        out.stderr.is_empty(),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Exit status 2, nothing on stdout, exactly one line on stderr starting `airlock:`; returns it.
fn assert_one_line_failure(out: &Output) -> String {
    let stderr = String::from_utf8(out.stderr.clone()).unwrap();
    assert_eq!(out.status.code(), Some(2), "stderr: {stderr}");
    assert!(
        out.stdout.is_empty(),
        "stdout: {}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert!(stderr.starts_with("airlock: "), "{stderr:?}");
    assert!(
        stderr.ends_with('\n') && stderr.lines().count() == 1,
        "{stderr:?}"
    );
    assert!(!stderr.starts_with("airlock: error:"), "{stderr:?}");
    stderr
}

fn json_lines(stdout: &[u8]) -> Vec<Value> {
    text(stdout)
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect()
}

fn span(finding: &Value) -> std::ops::Range<usize> {
    let start = finding["start"].as_u64().unwrap() as usize;
    let end = finding["end"].as_u64().unwrap() as usize;
    start..end
}

/// `len` bytes of harmless text ending in a space.
fn filler(len: usize) -> Vec<u8> {
    let mut bytes: Vec<u8> = b"lorem ipsum dolor sit amet\n"
        .iter()
        .copied()
        .cycle()
        .take(len)
        .collect();
    if let Some(last) = bytes.last_mut() {
        *last = b' ';
    }
    bytes
}

#[test]
fn masks_stdin() {
    let out = airlock(&["scan"], SAMPLE.as_bytes());
    assert_ok(&out);
    assert_eq!(text(&out.stdout), SAMPLE_MASKED);
}

#[test]
fn dash_reads_stdin() {
    let out = airlock(&["scan", "-"], SAMPLE.as_bytes());
    assert_ok(&out);
    assert_eq!(text(&out.stdout), SAMPLE_MASKED);
}

#[test]
fn empty_input_gives_empty_output() {
    let out = airlock(&["scan"], b"");
    assert_ok(&out);
    assert!(out.stdout.is_empty());
}

#[test]
fn masks_files_in_order() {
    let a = temp_file("masks_files_a.txt", SAMPLE.as_bytes());
    let b = temp_file(
        "masks_files_b.txt",
        format!("token {TOKEN} here\n").as_bytes(),
    );
    let out = airlock(&["scan", a.to_str().unwrap(), b.to_str().unwrap()], b"");
    assert_ok(&out);
    assert_eq!(
        text(&out.stdout),
        format!("{SAMPLE_MASKED}token [GITHUB_TOKEN] here\n")
    );
}

#[test]
fn json_offsets_point_at_the_findings() {
    let input = format!("{SAMPLE}and {TOKEN}\n");
    let out = airlock(&["scan", "--json"], input.as_bytes());
    assert_ok(&out);
    let findings = json_lines(&out.stdout);
    let seen: Vec<(&str, &str, &str)> = findings
        .iter()
        .map(|f| {
            let object = f.as_object().unwrap();
            let mut keys: Vec<&str> = object.keys().map(String::as_str).collect();
            keys.sort_unstable();
            assert_eq!(keys, ["category", "column", "end", "kind", "line", "start"]);
            (
                f["kind"].as_str().unwrap(),
                f["category"].as_str().unwrap(),
                &input[span(f)],
            )
        })
        .collect();
    assert_eq!(
        seen,
        [
            ("email", "pii", "ann@example.org"),
            ("credit_card", "pii", "4111 1111 1111 1111"),
            ("aws_access_key_id", "secret", "AKIAIOSFODNN7EXAMPLE"),
            ("github_token", "secret", TOKEN),
        ]
    );
}

#[test]
fn json_with_several_files_names_each_and_counts_offsets_per_file() {
    let a = temp_file("json_files_a.txt", b"to ann@example.org\n");
    let b = temp_file("json_files_b.txt", b"nothing here\n");
    let a_name = a.to_str().unwrap();
    let b_name = b.to_str().unwrap();
    let out = airlock(
        &["scan", "--json", a_name, b_name, "-"],
        b"key AKIAIOSFODNN7EXAMPLE\n",
    );
    assert_ok(&out);
    let findings = json_lines(&out.stdout);
    assert_eq!(findings.len(), 2, "{findings:?}");
    assert_eq!(findings[0]["file"], a_name);
    assert_eq!(findings[0]["kind"], "email");
    assert_eq!(span(&findings[0]), 3..18);
    assert_eq!(findings[1]["file"], "-");
    assert_eq!(findings[1]["kind"], "aws_access_key_id");
    assert_eq!(span(&findings[1]), 4..24);
}

#[test]
fn json_writes_nothing_for_clean_input() {
    let out = airlock(&["scan", "--json"], b"all clear\n");
    assert_ok(&out);
    assert!(out.stdout.is_empty());
}

#[test]
fn only_masks_just_those_kinds() {
    let out = airlock(&["scan", "--only", "email,credit_card"], SAMPLE.as_bytes());
    assert_ok(&out);
    assert_eq!(
        text(&out.stdout),
        "mail [EMAIL], card [CREDIT_CARD], key AKIAIOSFODNN7EXAMPLE\n"
    );

    let out = airlock(
        &["scan", "--only", "email", "--only", " aws_access_key_id"],
        SAMPLE.as_bytes(),
    );
    assert_ok(&out);
    assert_eq!(
        text(&out.stdout),
        "mail [EMAIL], card 4111 1111 1111 1111, key [AWS_ACCESS_KEY_ID]\n"
    );
}

#[test]
fn exclude_leaves_those_kinds_alone() {
    let out = airlock(
        &["scan", "--exclude", "email,aws_access_key_id"],
        SAMPLE.as_bytes(),
    );
    assert_ok(&out);
    assert_eq!(
        text(&out.stdout),
        "mail ann@example.org, card [CREDIT_CARD], key AKIAIOSFODNN7EXAMPLE\n"
    );
}

#[test]
fn strategies() {
    let input = format!("mail ann@example.org, card 4111 1111 1111 1111, token {TOKEN}\n");
    let out = airlock(&["scan", "--strategy", "partial"], input.as_bytes());
    assert_ok(&out);
    assert_eq!(
        text(&out.stdout),
        "mail a***@example.org, card **** **** **** 1111, token ghp_****\n"
    );

    let out = airlock(&["scan", "--strategy", "full"], input.as_bytes());
    assert_ok(&out);
    assert_eq!(
        text(&out.stdout),
        "mail [REDACTED], card [REDACTED], token [REDACTED]\n"
    );

    let out = airlock(&["scan", "--strategy", "type"], input.as_bytes());
    assert_ok(&out);
    assert_eq!(
        text(&out.stdout),
        "mail [EMAIL], card [CREDIT_CARD], token [GITHUB_TOKEN]\n"
    );

    // The same value gets the same pseudonym within one run.
    let out = airlock(
        &["scan", "--strategy", "hash"],
        b"ann@example.org ann@example.org bob@example.org\n",
    );
    assert_ok(&out);
    let words: Vec<&str> = text(&out.stdout).split_whitespace().collect();
    assert_eq!(words.len(), 3);
    assert!(
        words
            .iter()
            .all(|w| w.starts_with("[EMAIL:") && w.ends_with(']')),
        "{words:?}"
    );
    assert_eq!(words[0], words[1]);
    assert_ne!(words[0], words[2]);
}

#[test]
fn unknown_kind_is_a_usage_error_listing_the_known_ones() {
    for args in [
        ["scan", "--only", "emial"],
        ["scan", "--exclude", "email,nope"],
    ] {
        let out = airlock(&args, SAMPLE.as_bytes());
        let line = assert_one_line_failure(&out);
        assert!(line.contains("unknown kind"), "{line}");
        assert!(
            line.contains("email") && line.contains("github_token") && line.contains("credit_card"),
            "{line}"
        );
    }
}

#[test]
fn unknown_strategy_is_a_usage_error() {
    let out = airlock(&["scan", "--strategy", "scramble"], SAMPLE.as_bytes());
    let line = assert_one_line_failure(&out);
    assert!(
        line.contains("scramble") && line.contains("partial"),
        "{line}"
    );
}

#[test]
fn unknown_flag_is_a_usage_error() {
    let line = assert_one_line_failure(&airlock(&["scan", "--frobnicate"], b""));
    assert!(line.contains("--frobnicate"), "{line}");
    let line = assert_one_line_failure(&airlock(&["scna"], b""));
    assert!(line.contains("scna"), "{line}");
}

#[test]
fn missing_command_is_a_usage_error() {
    let line = assert_one_line_failure(&airlock(&[], b""));
    assert!(line.contains("scan"), "{line}");
}

#[test]
fn missing_file_is_an_error() {
    let good = temp_file("missing_file_good.txt", b"fine\n");
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"));
    let missing = dir.join("airlock-cli-scan").join("does-not-exist.txt");
    let out = airlock(
        &["scan", missing.to_str().unwrap(), good.to_str().unwrap()],
        b"",
    );
    let line = assert_one_line_failure(&out);
    assert!(line.contains("does-not-exist.txt"), "{line}");
}

#[cfg(unix)]
#[test]
fn directory_is_a_read_error() {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"));
    assert_one_line_failure(&airlock(&["scan", dir.to_str().unwrap()], b""));
}

#[test]
fn check_exit_codes() {
    let out = airlock(&["scan", "--check"], b"all clear\n");
    assert_ok(&out);
    assert!(out.stdout.is_empty());

    let input = format!("{SAMPLE}bob@example.org\n");
    let out = airlock(&["scan", "--check"], input.as_bytes());
    assert_eq!(out.status.code(), Some(1));
    assert!(
        out.stdout.is_empty(),
        "--check without --json writes nothing to stdout"
    );
    // Where each finding starts, never what it is, then the summary.
    assert_eq!(
        text(&out.stderr),
        "<stdin>:1:6: email\n<stdin>:1:28: credit_card\n<stdin>:1:53: aws_access_key_id\n\
         <stdin>:2:1: email\nairlock: 4 findings (2 email, 1 aws_access_key_id, 1 credit_card)\n"
    );

    // With --json, the JSON lines carry the places; stderr has the summary alone.
    let out = airlock(&["scan", "--check", "--json"], input.as_bytes());
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(json_lines(&out.stdout).len(), 4);
    assert_eq!(text(&out.stderr).lines().count(), 1);

    // Excluded kinds do not count.
    let out = airlock(
        &["scan", "--check", "--only", "github_token"],
        SAMPLE.as_bytes(),
    );
    assert_ok(&out);
}

#[test]
fn token_across_the_read_boundary_is_masked() {
    let start = 64 * 1024 - 20;
    let mut input = filler(start);
    input.extend_from_slice(TOKEN.as_bytes());
    input.extend_from_slice(b" tail\n");
    let mut expected = filler(start);
    expected.extend_from_slice(b"[GITHUB_TOKEN] tail\n");

    let path = temp_file("read_boundary.txt", &input);
    for (args, stdin) in [
        (vec!["scan", path.to_str().unwrap()], &[][..]),
        (vec!["scan"], &input[..]),
    ] {
        let out = airlock(&args, stdin);
        assert_ok(&out);
        assert!(
            out.stdout == expected,
            "token across byte 65536 not masked ({args:?})"
        );
    }

    let out = airlock(&["scan", "--json", path.to_str().unwrap()], b"");
    assert_ok(&out);
    let findings = json_lines(&out.stdout);
    assert_eq!(findings.len(), 1, "{findings:?}");
    assert_eq!(findings[0]["kind"], "github_token");
    assert_eq!(span(&findings[0]), start..start + TOKEN.len());
}

#[test]
fn tokens_across_the_library_chunk_boundaries_are_masked() {
    const MIB: usize = 1024 * 1024;
    let starts = [MIB - 20, 2 * MIB - 7];
    let mut input = Vec::new();
    let mut expected = Vec::new();
    for &start in &starts {
        let gap = filler(start - input.len());
        input.extend_from_slice(&gap);
        input.extend_from_slice(TOKEN.as_bytes());
        input.push(b'\n');
        expected.extend_from_slice(&gap);
        expected.extend_from_slice(b"[GITHUB_TOKEN]\n");
    }
    let tail = filler(3 * MIB - input.len());
    input.extend_from_slice(&tail);
    expected.extend_from_slice(&tail);

    let path = temp_file("chunk_boundary.txt", &input);
    let out = airlock(&["scan", path.to_str().unwrap()], b"");
    assert_ok(&out);
    assert!(
        out.stdout == expected,
        "a token across a 1 MiB chunk boundary was not masked"
    );

    let out = airlock(&["scan", "--json"], &input);
    assert_ok(&out);
    let spans: Vec<_> = json_lines(&out.stdout).iter().map(span).collect();
    assert_eq!(spans, starts.map(|s| s..s + TOKEN.len()));
}

#[test]
fn invalid_utf8_passes_through_byte_exact() {
    // (`FF FE` or `FE FF` at the very start would be a UTF-16 byte order mark.)
    let input =
        b"\xfe\xfe bytes \xff\xfe \xc3( then ann@example.org \x80\xe2\x82 end \xf0\x9f\x98\x80\n";
    let out = airlock(&["scan"], input);
    assert_ok(&out);
    assert_eq!(
        out.stdout,
        b"\xfe\xfe bytes \xff\xfe \xc3( then [EMAIL] \x80\xe2\x82 end \xf0\x9f\x98\x80\n"
    );

    let out = airlock(&["scan", "--json"], input);
    assert_ok(&out);
    let findings = json_lines(&out.stdout);
    assert_eq!(findings.len(), 1);
    assert_eq!(&input[span(&findings[0])], b"ann@example.org");
}

#[test]
fn fifty_megabytes_of_stdin_complete() {
    const BLOCK: usize = 1024 * 1024;
    const BLOCKS: usize = 50;
    let mut block = b"contact ann@example.org ".to_vec();
    block.extend_from_slice(&filler(BLOCK - block.len()));
    let input = block.repeat(BLOCKS);

    let out = airlock(&["scan"], &input);
    assert_ok(&out);
    let shrink = "ann@example.org".len() - "[EMAIL]".len();
    assert_eq!(out.stdout.len(), input.len() - BLOCKS * shrink);
    assert!(out.stdout.starts_with(b"contact [EMAIL] lorem"));
}

#[test]
fn closed_stdout_ends_quietly() {
    let line = format!("{SAMPLE}{}\n", "lorem ipsum ".repeat(20));
    let path = temp_file("broken_pipe.txt", line.repeat(20_000).as_bytes());
    for (args, status) in [
        (vec!["scan"], 0),
        (vec!["scan", "--json"], 0),
        (vec!["scan", "--check", "--json"], 1),
    ] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_airlock"))
            .args(&args)
            .arg(&path)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut stdout = child.stdout.take().unwrap();
        let mut first = [0u8; 100];
        stdout.read_exact(&mut first).unwrap();
        drop(stdout);
        let out = child.wait_with_output().unwrap();
        assert_eq!(out.status.code(), Some(status), "{args:?}");
        let stderr = text(&out.stderr);
        if status == 0 {
            assert!(stderr.is_empty(), "{args:?}: {stderr}");
        } else {
            // --check scans to the end even when stdout is gone, so its status stays true.
            assert!(
                stderr.starts_with("airlock: 60000 findings ("),
                "{args:?}: {stderr}"
            );
        }
    }
}

#[test]
fn help_shows_examples() {
    for flag in ["--help", "-h"] {
        let out = airlock(&["scan", flag], b"");
        assert_ok(&out);
        let help = text(&out.stdout);
        assert!(
            help.contains("Examples:") && help.contains("airlock scan --json"),
            "{help}"
        );
        assert!(
            help.contains("--strategy") && help.contains("--check"),
            "{help}"
        );
    }
    let long = airlock(&["scan", "--help"], b"");
    assert!(
        text(&long.stdout).contains("github_token"),
        "--help lists the kinds"
    );

    let out = airlock(&["--help"], b"");
    assert_ok(&out);
    assert!(text(&out.stdout).contains("scan"));
    let out = airlock(&["help", "scan"], b"");
    assert_ok(&out);
    assert!(text(&out.stdout).contains("Examples:"));
    let out = airlock(&["--version"], b"");
    assert_ok(&out);
    assert!(text(&out.stdout).starts_with("airlock "));
}

// --- Every core -----------------------------------------------------------------------

const MIB: usize = 1024 * 1024;

/// About `len` bytes of dense tool output (JSON logs, `.env` files, PEM dumps, ...) with a
/// GitHub token across each MiB border, and where the tokens start.
///
/// `sanitize_reader` cuts jobs of 2 MiB right after a line break in their last 64 KiB, or
/// else at 2 MiB: each token ends a line of 70 KiB, so that every other one is cut through.
fn dense_with_tokens_across_borders(len: usize) -> (String, Vec<usize>) {
    const LINE: usize = 70 * 1024;
    let corpus = airlock_corpus::tool_output(len, 9).text;
    let words = "lorem ipsum dolor sit amet ".repeat(LINE / 20);
    let mut input = String::with_capacity(len + (LINE + 64) * (len / MIB));
    let mut at = 0;
    let mut starts = Vec::new();
    for border in (MIB..len).step_by(MIB) {
        // The token starts 10 bytes before the border, after a line break and words.
        let start = border - 10;
        let mut cut = start - LINE - (input.len() - at);
        while !corpus.is_char_boundary(cut) {
            cut -= 1;
        }
        input.push_str(&corpus[at..cut]);
        input.push('\n');
        input.push_str(&words[..start - input.len() - 1]);
        input.push(' ');
        starts.push(input.len());
        input.push_str(TOKEN);
        input.push_str(" tail\n");
        at = cut;
    }
    input.push_str(&corpus[at..]);
    (input, starts)
}

#[test]
fn a_multi_mib_input_on_many_threads_is_byte_identical_to_one_thread() {
    let (input, starts) = dense_with_tokens_across_borders(5 * MIB);
    let path = temp_file("parallel_dense.txt", input.as_bytes());
    let path = path.to_str().unwrap();

    let one = airlock(&["scan", "--threads", "1", path], b"");
    assert_ok(&one);
    // The library's one scan of the whole input, in memory.
    let whole = airlock::sanitize::Sanitizer::new().sanitize_bytes(input.as_bytes());
    assert!(
        one.stdout == *whole.bytes,
        "one thread differs from one scan"
    );
    for threads in ["2", "3"] {
        let many = airlock(&["scan", "-j", threads, path], b"");
        assert_ok(&many);
        assert!(
            many.stdout == one.stdout,
            "{threads} threads differ from one"
        );
    }
    // Stdin too, with the default number of threads.
    let stdin = airlock(&["scan"], input.as_bytes());
    assert_ok(&stdin);
    assert!(stdin.stdout == one.stdout, "stdin differs from one thread");

    // The findings are the same too, and hold every token across a border whole.
    let json_one = airlock(&["scan", "--json", "-j", "1", path], b"");
    let json_many = airlock(&["scan", "--json", "-j", "4", path], b"");
    assert_ok(&json_many);
    assert!(json_one.stdout == json_many.stdout);
    let findings = json_lines(&json_many.stdout);
    assert_eq!(findings.len(), whole.findings.len());
    for (line, finding) in findings.iter().zip(&whole.findings) {
        assert_eq!(span(line), finding.span());
    }
    for start in starts {
        let token = findings.iter().find(|f| span(f).start == start);
        assert!(
            token.is_some_and(|f| f["kind"] == "github_token" && span(f).len() == TOKEN.len()),
            "the token at {start} is not masked whole"
        );
    }
}

#[test]
fn threads_must_be_a_positive_number() {
    for bad in ["0", "many"] {
        let line = assert_one_line_failure(&airlock(&["scan", "--threads", bad], b""));
        assert!(line.contains("--threads"), "{line}");
    }
    assert_one_line_failure(&airlock(&["scan", "--threads", "-1"], b""));
}

// --- Lines and columns ----------------------------------------------------------------

/// The line and column (characters, from 1) of byte `at` of `text`, counted the slow way.
fn line_column(text: &str, at: usize) -> (u64, u64) {
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line as u64, before[line_start..].chars().count() as u64 + 1)
}

#[test]
fn json_lines_and_columns_count_characters_on_multi_byte_lines() {
    let input = "first line\n\
                 café ☕ déjà vu: ann@example.org\n\
                 \t🦀🦀 key AKIAIOSFODNN7EXAMPLE and 日本語 bob@example.org\n";
    let out = airlock(&["scan", "--json"], input.as_bytes());
    assert_ok(&out);
    let found: Vec<(u64, u64)> = json_lines(&out.stdout)
        .iter()
        .map(|f| {
            let place = (f["line"].as_u64().unwrap(), f["column"].as_u64().unwrap());
            assert_eq!(place, line_column(input, span(f).start));
            place
        })
        .collect();
    // Columns count characters: `café ☕ déjà vu: ` is 16 of them, in 21 bytes.
    assert_eq!(found, [(2, 17), (3, 9), (3, 38)]);
}

#[test]
fn lines_and_columns_are_right_past_every_job_border() {
    let (text, _) = dense_with_tokens_across_borders(5 * MIB);
    let out = airlock(&["scan", "--json", "-j", "3"], text.as_bytes());
    assert_ok(&out);
    let findings = json_lines(&out.stdout);
    assert!(findings.len() > 1000, "{}", findings.len());
    for f in &findings {
        let place = (f["line"].as_u64().unwrap(), f["column"].as_u64().unwrap());
        assert_eq!(place, line_column(&text, span(f).start), "{f}");
    }
}

#[test]
fn check_says_where_each_finding_is_without_showing_it() {
    let a = temp_file("places_a.txt", "ok\n  ünïcode ann@example.org\n".as_bytes());
    let b = temp_file("places_b.txt", format!("{TOKEN} x\n").as_bytes());
    let (a, b) = (a.to_str().unwrap(), b.to_str().unwrap());
    let out = airlock(&["scan", "--check", a, "-", b], b"\n\nssn 123-45-6789\n");
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    assert_eq!(
        text(&out.stderr),
        format!(
            "{a}:2:11: email\n<stdin>:3:5: ssn\n{b}:1:1: github_token\n\
             airlock: 3 findings (1 email, 1 github_token, 1 ssn)\n"
        )
    );
}

// --- Keyed pseudonyms -----------------------------------------------------------------

const KEY: &[u8] = b"4f1c0e2b9a7d6e5f3a2b1c0d9e8f7a6b";

#[test]
fn a_hash_key_file_gives_the_same_pseudonyms_in_every_run_and_file() {
    let key = temp_file("team.key", &[KEY, b"\n"].concat());
    let key = key.to_str().unwrap();
    let monday = temp_file("monday.log", b"login ann@example.org\n");
    let tuesday = temp_file(
        "tuesday.log",
        b"logout ann@example.org, then bob@example.org\n",
    );
    let run = |file: &PathBuf| {
        let out = airlock(
            &[
                "scan",
                "--strategy",
                "hash",
                "--hash-key-file",
                key,
                file.to_str().unwrap(),
            ],
            b"",
        );
        assert_ok(&out);
        String::from_utf8(out.stdout).unwrap()
    };
    let first = run(&monday);
    assert_eq!(run(&monday), first);
    let ann = first.trim_end().strip_prefix("login ").unwrap();
    assert!(
        ann.starts_with("[EMAIL:") && ann.len() == "[EMAIL:]".len() + 8,
        "{ann}"
    );
    let later = run(&tuesday);
    assert!(
        later.starts_with(&format!("logout {ann}, then [EMAIL:")),
        "{later}"
    );
    assert!(!later.ends_with(&format!("{ann}\n")), "{later}");

    // The variable holds the same key (`"$(cat team.key)"` drops the line break).
    let from_env = airlock_with_env(
        &["scan", "--strategy", "hash", monday.to_str().unwrap()],
        b"",
        Some(KEY),
    );
    assert_ok(&from_env);
    assert_eq!(text(&from_env.stdout), first);

    // Another key, other pseudonyms; the file wins over the variable.
    let other = airlock_with_env(
        &["scan", "--strategy", "hash", monday.to_str().unwrap()],
        b"",
        Some(b"another key of at least sixteen bytes"),
    );
    assert_ok(&other);
    assert_ne!(text(&other.stdout), first);
    let both = airlock_with_env(
        &[
            "scan",
            "--strategy",
            "hash",
            "--hash-key-file",
            key,
            monday.to_str().unwrap(),
        ],
        b"",
        Some(b"another key of at least sixteen bytes"),
    );
    assert_eq!(text(&both.stdout), first);
}

#[test]
fn without_a_key_pseudonyms_change_with_every_run_and_help_says_so() {
    let input = b"ann@example.org\n";
    let one = airlock(&["scan", "--strategy", "hash"], input);
    let two = airlock(&["scan", "--strategy", "hash"], input);
    assert_ok(&one);
    // Two random keys give the same 32-bit pseudonym once in four billion runs.
    assert_ne!(one.stdout, two.stdout);
    for flag in ["--help", "-h"] {
        let help = airlock(&["scan", flag], b"");
        let help = text(&help.stdout);
        assert!(help.contains("--hash-key-file"), "{help}");
        assert!(help.contains("change with every run"), "{flag}: {help}");
    }
    let help = airlock(&["scan", "--help"], b"");
    assert!(text(&help.stdout).contains("AIRLOCK_HASH_KEY"));
}

#[test]
fn a_bad_key_is_a_clear_error_that_never_shows_it() {
    let short = temp_file("short.key", b"hunter2-hunter\n");
    let missing = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("no-such.key");
    for (args, key, says) in [
        (
            vec!["--hash-key-file", short.to_str().unwrap()],
            None,
            "short.key\": a hash key of 14 bytes is too short: use at least 16 bytes",
        ),
        (
            vec![],
            Some(&b"hunter2-hunter"[..]),
            "AIRLOCK_HASH_KEY: a hash key of 14 bytes",
        ),
        (
            vec!["--hash-key-file", missing.to_str().unwrap()],
            None,
            "cannot read --hash-key-file",
        ),
    ] {
        let mut all = vec!["scan", "--strategy", "hash"];
        all.extend(args);
        let out = airlock_with_env(&all, SAMPLE.as_bytes(), key);
        let line = assert_one_line_failure(&out);
        assert!(line.contains(says), "{line}");
        assert!(!line.contains("hunter2"), "{line}");
    }

    // A key file without --strategy hash is a mistake; the variable is just not needed.
    let key = temp_file("unused.key", KEY);
    let line = assert_one_line_failure(&airlock(
        &["scan", "--hash-key-file", key.to_str().unwrap()],
        SAMPLE.as_bytes(),
    ));
    assert!(line.contains("--strategy hash"), "{line}");
    let out = airlock_with_env(&["scan"], SAMPLE.as_bytes(), Some(b"short"));
    assert_ok(&out);
    assert_eq!(text(&out.stdout), SAMPLE_MASKED);
}

// --- UTF-16 ---------------------------------------------------------------------------

fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
    let mut bytes = if big_endian {
        vec![0xFE, 0xFF]
    } else {
        vec![0xFF, 0xFE]
    };
    for unit in text.encode_utf16() {
        let pair = if big_endian {
            unit.to_be_bytes()
        } else {
            unit.to_le_bytes()
        };
        bytes.extend_from_slice(&pair);
    }
    bytes
}

#[test]
fn utf16_with_a_bom_is_scanned_as_text_and_written_as_utf8() {
    let input = format!("Zoë's export\r\n{SAMPLE}token {TOKEN} 🦀\r\n");
    let expected = format!("Zoë's export\r\n{SAMPLE_MASKED}token [GITHUB_TOKEN] 🦀\r\n");
    for big_endian in [false, true] {
        let bytes = utf16(&input, big_endian);
        let out = airlock(&["scan"], &bytes);
        assert_ok(&out);
        assert_eq!(text(&out.stdout), expected);

        let path = temp_file("utf16.txt", &bytes);
        let out = airlock(&["scan", "--json", path.to_str().unwrap()], b"");
        assert_ok(&out);
        let findings = json_lines(&out.stdout);
        assert_eq!(findings.len(), 4);
        // Offsets into the UTF-8 text; lines and columns as an editor shows them.
        assert_eq!(&input[span(&findings[3])], TOKEN);
        assert_eq!(
            (findings[3]["line"].as_u64(), findings[3]["column"].as_u64()),
            (Some(3), Some(7))
        );
    }
}

#[test]
fn a_secret_in_utf16_does_not_leak_and_invalid_utf16_passes_through() {
    // A lone surrogate and an odd last byte: kept, as invalid UTF-8 is.
    let mut bytes = utf16(&format!("{TOKEN} "), false);
    bytes.extend_from_slice(&0xD800u16.to_le_bytes());
    bytes.push(b'!');
    let out = airlock(&["scan", "--check", "--json"], &bytes);
    assert_eq!(out.status.code(), Some(1));
    let out = airlock(&["scan"], &bytes);
    assert_ok(&out);
    assert_eq!(out.stdout, b"[GITHUB_TOKEN] \xED\xA0\x80!");
}
