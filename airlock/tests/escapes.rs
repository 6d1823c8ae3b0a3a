//! Escaped and encoded text: a value right after a JSON, `Debug` or URL escape is found as
//! it is after the character the escape stands for (`keys:\nghp_…`, `card:\n4111 …`,
//! `?next=%2Fcb%3Ftoken%3Dghp_…`), its mask stops where the value does (before a `\n` or
//! `%0A` glued to it), and literal secrets are found JSON-escaped and percent-encoded.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use airlock::sanitize::Sanitizer;

/// One value of every built-in kind that is found by its shape, as `(kind, value)`.
fn values() -> Vec<(&'static str, String)> {
    vec![
        (
            "github_token",
            "ghp_0AaAaAaA000AAA000A0AAaA00aaa0a0aAa0a".into(),
        ),
        ("gitlab_token", "glpat-Ab1Cd2Ef3Gh4Ij5Kl6Mn".into()),
        (
            "slack_token",
            "xoxb-123456789012-1234567890123-AbCdEfGhIjKl".into(),
        ),
        ("stripe_key", "sk_live_51HxQ2eKp9Vb3TzR8wYbLmP4sKd".into()),
        (
            "openai_api_key",
            "sk-proj-Zx9_Yw8Vu7TqR5sP3oN1mL2k-Jh4Gf6Ds8Aa0Ss2Dd4Ff6Gg".into(),
        ),
        (
            "anthropic_api_key",
            format!("sk-ant-api03-{}AA", "a1B2c3D4e5".repeat(9)),
        ),
        (
            "google_api_key",
            "AIzaSyA1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q".into(),
        ),
        (
            "npm_token",
            "npm_abcdefghijklmnopqrstuvwxyz0123456789".into(),
        ),
        (
            "pypi_token",
            format!("pypi-AgEIcHlwaS5vcmc{}", "x1Y2z3".repeat(10)),
        ),
        (
            "sendgrid_key",
            format!("SG.{}.{}", "a1B2c3D4e5F6g7H8i9J0k1", "Z".repeat(43)),
        ),
        ("aws_access_key_id", "AKIAIOSFODNN7EXAMPLE".into()),
        ("twilio_key", "SK0123456789abcdef0123456789abcdef".into()),
        (
            "jwt",
            "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.c2lnbmF0dXJl".into(),
        ),
        ("email", "jane.doe@example.com".into()),
        ("phone", "555-234-5678".into()),
        ("phone", "+1 555 234 5678".into()),
        ("phone", "(555) 234-5678".into()),
        ("ssn", "123-45-6789".into()),
        ("credit_card", "4111 1111 1111 1111".into()),
        ("credit_card", "4111111111111111".into()),
        ("iban", "DE89 3704 0044 0532 0130 00".into()),
        ("iban", "GB82WEST12345698765432".into()),
        ("ip_address", "203.0.113.42".into()),
        ("ip_address", "2001:db8:85a3::8a2e:370:7334".into()),
    ]
}

/// What ends a line or a word in escaped text, as JSON, `Debug`, Python and URLs write it.
const ESCAPES: &[&str] = &[
    r"\n", r"\t", r"\r", r#"\""#, r"\/", r"\u000a", r"\u0020", r"\x0a", "%0A", "%0a", "%20", "%3D",
    "%2F", "%3A", "%09", "%22",
];

/// The findings of `text` as `(kind, text)`, and the failures to report.
fn check(sanitizer: &Sanitizer, text: &str, kind: &str, value: &str, failures: &mut Vec<String>) {
    let start = text.find(value).expect("the value is in the text");
    let want = start..start + value.len();
    let findings = sanitizer.find(text.as_bytes());
    if !findings
        .iter()
        .any(|f| f.kind().name() == kind && f.span() == want)
    {
        let got: Vec<_> = findings
            .iter()
            .map(|f| (f.kind().name().to_owned(), &text[f.span()]))
            .collect();
        failures.push(format!("{text:?}: want {kind} {value:?}, got {got:?}"));
    }
}

fn assert_none(failures: &[String]) {
    for f in failures {
        println!("{f}");
    }
    assert!(
        failures.is_empty(),
        "{} failures; see above",
        failures.len()
    );
}

#[test]
fn a_value_right_after_an_escape_is_found() {
    let s = Sanitizer::new();
    let mut failures = Vec::new();
    for (kind, value) in values() {
        for escape in ESCAPES {
            for lead in ["found:", "x", ""] {
                let text = format!("{{\"log\":\"{lead}{escape}{value}\"}}");
                check(&s, &text, kind, &value, &mut failures);
            }
        }
    }
    assert_none(&failures);
}

#[test]
fn a_value_glued_to_an_escape_after_it_is_found_and_masked_to_its_end() {
    let s = Sanitizer::new();
    let mut failures = Vec::new();
    for (kind, value) in values() {
        for escape in ESCAPES {
            let text = format!("{{\"log\":\"found: {value}{escape}next line\"}}");
            check(&s, &text, kind, &value, &mut failures);
            let masked = s.sanitize(&text).text.into_owned();
            if !masked.contains(&format!("{escape}next line")) {
                failures.push(format!("{text:?}: the mask took the escape: {masked:?}"));
            }
        }
    }
    assert_none(&failures);
}

#[test]
fn the_examples_of_the_issue() {
    let s = Sanitizer::new();
    let gh = "ghp_0AaAaAaA000AAA000A0AAaA00aaa0a0aAa0a";
    let mut failures = Vec::new();
    for (text, kind, value) in [
        (format!(r#"{{"log":"keys:\n{gh}"}}"#), "github_token", gh),
        (
            r"card:\n4111 1111 1111 1111".to_owned(),
            "credit_card",
            "4111 1111 1111 1111",
        ),
        (
            format!("GET /login?next=%2Fcb%3Ftoken%3D{gh}&x=1"),
            "github_token",
            gh,
        ),
        (
            "to=jane.doe%40example.com&x=1".to_owned(),
            "email",
            "jane.doe%40example.com",
        ),
        (
            "mailto%3Ajane.doe%40example.com%3Fsubject%3Dhi".to_owned(),
            "email",
            "jane.doe%40example.com",
        ),
        (
            "to=%22jane.doe@example.com%22".to_owned(),
            "email",
            "jane.doe@example.com",
        ),
        (
            r#"Error { body: "ok\nBearer 7f3c9a2e41b8d6f0c5a1e9b2d4f8a6c3\n" }"#.to_owned(),
            "bearer_token",
            "7f3c9a2e41b8d6f0c5a1e9b2d4f8a6c3",
        ),
    ] {
        check(&s, &text, kind, value, &mut failures);
    }
    assert_none(&failures);
}

#[test]
fn assignments_in_escaped_and_encoded_text() {
    let s = Sanitizer::new();
    let mut failures = Vec::new();
    for (text, kind, value) in [
        // A name on a line of its own inside a JSON string: its value runs to the line's end.
        (
            r#"{"log":"config:\n  password: correct horse\n"}"#,
            "password",
            "correct horse",
        ),
        (
            r#"{"log":"x\nDB_PASSWORD: s3cret pass\nok"}"#,
            "password",
            "s3cret pass",
        ),
        (
            r#"{"log":"x\u000aDB_PASSWORD: s3cret pass\u000aok"}"#,
            "password",
            "s3cret pass",
        ),
        (
            "x%0ADB_PASSWORD: s3cret pass%0Aok",
            "password",
            "s3cret pass",
        ),
        (
            r#"{"log":"GET /\nAuthorization: Basic dXNlcjpwYXNz\n"}"#,
            "password",
            "dXNlcjpwYXNz",
        ),
        (r#"{"log":"ok\npw=hunter22\n"}"#, "password", "hunter22"),
        (r#"{"log":"ok\tpass=hunter22\n"}"#, "password", "hunter22"),
        // An encoded `=` or `:` assigns as the character does.
        (
            "GET /login?next=%2Fcb%3Fpassword%3Dhunter22%26x%3D1",
            "password",
            "hunter22",
        ),
        ("next=%2Fcb%3Fpassword%3dhunter22", "password", "hunter22"),
        (
            "body=user%3Dann%26api_key%3Dq7Xv2LmP9sKd4TzR8wYb%26n%3D1",
            "password",
            "q7Xv2LmP9sKd4TzR8wYb",
        ),
        ("x-api-key%3A%20k3y-value%0D%0A", "password", "k3y-value"),
        // After an encoded operator the value stops at an encoded line break or `&`; after a
        // plain one these are the value's own (a form's value holds them encoded), but an
        // encoded line break still ends a line's value.
        ("password=hunter22%0Anext", "password", "hunter22%0Anext"),
        ("password=tr0ub4dor%263&x=1", "password", "tr0ub4dor%263"),
        (
            "next=%2Fcb%3Fpassword%3Dhunter22%26next%3D1",
            "password",
            "hunter22",
        ),
        ("password=p%40ss%40w0rd&x=1", "password", "p%40ss%40w0rd"),
        // JSON escaped inside a JSON string.
        (r#"{\"password\":\"hunter22\"}"#, "password", "hunter22"),
        (
            r#"{\\\"password\\\":\\\"hunter22\\\"}"#,
            "password",
            "hunter22",
        ),
        (
            r#"\u0026password=hunter22\u0026x=1"#,
            "password",
            "hunter22",
        ),
    ] {
        check(&s, text, kind, value, &mut failures);
    }
    assert_none(&failures);
}

#[test]
fn numbers_after_escapes_keep_their_precision() {
    // Escapes do not make numbers of things that are none: dates, versions, ids.
    let s = Sanitizer::new();
    for text in [
        r"released\n2026-11-22\n",
        r"version\n1.2.3.4.5\n",
        r"id\n550e8400-e29b-41d4-a716-446655440000\n",
        "q=order%2012345678",
        r"build\t1732262400\t",
        r"sha\nda39a3ee5e6b4b0d3255bfef95601890afd80709",
        "%40types%2Fnode",
        "user%40localhost",
        r"\u00e9t\u00e9 2026",
        r"\\n4111111111111111x",
    ] {
        let found: Vec<_> = s
            .find(text.as_bytes())
            .iter()
            .map(|f| (f.kind().name().to_owned(), text[f.span()].to_owned()))
            .collect();
        assert!(found.is_empty(), "{text:?}: {found:?}");
    }
}

#[test]
fn literal_secrets_are_found_escaped_and_encoded() {
    let secret = "s3cr\"et/pa\\ss wörd!";
    let s = Sanitizer::builder()
        .literal_secret(secret)
        .build()
        .expect("builds");
    #[derive(Debug)]
    #[allow(dead_code)]
    struct Config<'a> {
        password: &'a str,
    }
    let serialized = serde_json::to_string(&serde_json::json!({ "password": secret })).unwrap();
    let debug = format!("{:?}", Config { password: secret });
    let mut failures = Vec::new();
    for (text, form) in [
        (serialized.clone(), r#"s3cr\"et/pa\\ss wörd!"#),
        (debug.clone(), r#"s3cr\"et/pa\\ss wörd!"#),
        // PHP's `json_encode`, Python's `json.dumps`.
        (
            r#"{"p":"s3cr\"et\/pa\\ss w\u00f6rd!"}"#.to_owned(),
            r#"s3cr\"et\/pa\\ss w\u00f6rd!"#,
        ),
        (
            r#"{"p":"s3cr\"et/pa\\ss w\u00F6rd!"}"#.to_owned(),
            r#"s3cr\"et/pa\\ss w\u00F6rd!"#,
        ),
        // Percent-encoded: every byte, in either case; `/` kept (Python's `quote`); `!` kept
        // (JavaScript's `encodeURIComponent`); a space as `+` (a form).
        (
            "?p=s3cr%22et%2Fpa%5Css%20w%C3%B6rd%21&x".to_owned(),
            "s3cr%22et%2Fpa%5Css%20w%C3%B6rd%21",
        ),
        (
            "?p=s3cr%22et%2fpa%5css%20w%c3%b6rd%21&x".to_owned(),
            "s3cr%22et%2fpa%5css%20w%c3%b6rd%21",
        ),
        (
            "?p=s3cr%22et/pa%5Css%20w%C3%B6rd%21&x".to_owned(),
            "s3cr%22et/pa%5Css%20w%C3%B6rd%21",
        ),
        (
            "?p=s3cr%22et%2Fpa%5Css%20w%C3%B6rd!&x".to_owned(),
            "s3cr%22et%2Fpa%5Css%20w%C3%B6rd!",
        ),
        (
            "p=s3cr%22et%2Fpa%5Css+w%C3%B6rd%21&x".to_owned(),
            "s3cr%22et%2Fpa%5Css+w%C3%B6rd%21",
        ),
    ] {
        let start = text.find(form).expect("the form is in the text");
        let findings = s.find(text.as_bytes());
        let found = findings
            .iter()
            .any(|f| f.kind().name() == "known_secret" && f.span() == (start..start + form.len()));
        let masked = s.sanitize(&text).text.into_owned();
        if !found || masked.contains(form) {
            failures.push(format!("{text:?}: {form:?} not masked: {masked:?}"));
        }
    }
    assert_none(&failures);
}
