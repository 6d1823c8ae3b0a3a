//! Tool output as the next tool passes it on: escaped inside JSON strings (a container's
//! log line, a tool result, as `serde_json`, Python and Go write them), `Debug`-formatted
//! inside an error, and percent-encoded in URLs (a query carried inside another one's, a
//! search, a form). The sensitive values of the text inside are labelled where they sit in
//! the escaped text, and many sit right after an escape (`\n`, `%0A`, `%3D`, `%20`).

use std::fmt::Write as _;

use crate::nearmiss as nm;
use crate::rng::Rng;
use crate::tool::{self, Out, Planted};
use crate::values as v;
use crate::{Corpus, Label};

/// How a JSON encoder escapes a string.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Json {
    /// Only what it must (`serde_json`, JavaScript).
    Minimal,
    /// Also every character outside ASCII as `\uXXXX` (Python's default).
    Ascii,
    /// Also `<`, `>` and `&` as `\u003c`, `\u003e`, `\u0026` (Go).
    HtmlSafe,
}

/// Appends `c` as a JSON string holds it.
fn json_char(out: &mut String, c: char, style: Json) {
    let unicode = |out: &mut String, c: char| {
        let mut units = [0u16; 2];
        for unit in c.encode_utf16(&mut units) {
            let _ = write!(out, "\\u{unit:04x}");
        }
    };
    match c {
        '"' => out.push_str("\\\""),
        '\\' => out.push_str("\\\\"),
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        '\t' => out.push_str("\\t"),
        c if c.is_ascii_control() => unicode(out, c),
        '<' | '>' | '&' if style == Json::HtmlSafe => unicode(out, c),
        c if !c.is_ascii() && style == Json::Ascii => unicode(out, c),
        c => out.push(c),
    }
}

/// Appends `c` as Rust's `Debug` writes it inside a string.
fn debug_char(out: &mut String, c: char) {
    match c {
        '"' => out.push_str("\\\""),
        '\\' => out.push_str("\\\\"),
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        '\t' => out.push_str("\\t"),
        c if c.is_control() => {
            let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
        }
        c => out.push(c),
    }
}

/// Appends `inner`'s text to `out` with each character escaped by `escape`, and its labels
/// moved to where their values now are.
fn append_escaped(out: &mut Out, inner: &Out, escape: impl Fn(&mut String, char)) {
    let base = out.text.len();
    // Where each byte of `inner` starts in `out` (and where its end is, last).
    let mut at = vec![0; inner.text.len() + 1];
    for (i, c) in inner.text.char_indices() {
        at[i] = out.text.len();
        escape(&mut out.text, c);
    }
    at[inner.text.len()] = out.text.len();
    debug_assert!(at[0] == base || inner.text.is_empty());
    out.labels.extend(inner.labels.iter().map(|l| Label {
        kind: l.kind,
        start: at[l.start],
        end: at[l.end],
    }));
}

/// Text with a value on a line of its own, after a line that names it: the shape in which
/// a value sits right after the `\n` of an escaped line break.
fn listing(rng: &mut Rng, inner: &mut Out) {
    // Kinds found by their shape alone (the others need the name they are assigned to).
    let kind = loop {
        let kind = *rng.pick(tool::PLANTABLE);
        if !matches!(
            kind,
            "password" | "generic_secret" | "aws_secret_access_key" | "session_cookie"
        ) {
            break kind;
        }
    };
    let p = tool::make(rng, kind);
    let head = *rng.pick(&[
        "found in the build log:",
        "values:",
        "stdout:",
        "matched 1 line:",
        "result",
    ]);
    let _ = write!(inner.text, "$ grep -r {} .\n{head}\n", nm::prefix_word(rng));
    inner.plant(&p);
    inner.s("\n");
    if rng.percent(50) {
        let _ = writeln!(inner.text, "{} {}", nm::any(rng), nm::version(rng));
    }
}

/// The text a line of escaped output carries: an ordinary block of tool output, or a value
/// on a line of its own.
fn inner_text(rng: &mut Rng) -> Out {
    let mut inner = Out::new(1024);
    match rng.below(20) {
        0..=4 => listing(rng, &mut inner),
        5 => tool::pem_block(&mut inner, rng, true),
        6..=14 => tool::planted_block(&mut inner, rng),
        _ => tool::any_block(&mut inner, rng),
    }
    inner
}

/// A JSON line whose string holds a block of tool output.
fn json_line(out: &mut Out, rng: &mut Rng) {
    let style = *rng.pick(&[Json::Minimal, Json::Minimal, Json::Ascii, Json::HtmlSafe]);
    let inner = inner_text(rng);
    match rng.below(3) {
        0 => {
            out.s("{\"log\":\"");
            append_escaped(out, &inner, |s, c| json_char(s, c, style));
            let _ = writeln!(
                out.text,
                "\",\"stream\":\"stdout\",\"time\":\"{}\"}}",
                nm::iso(rng)
            );
        }
        1 => {
            let _ = write!(
                out.text,
                "{{\"type\":\"tool_result\",\"tool_use_id\":\"toolu_{}\",\"content\":\"",
                nm::hex(rng, 24)
            );
            append_escaped(out, &inner, |s, c| json_char(s, c, style));
            out.s("\"}\n");
        }
        _ => {
            let _ = write!(
                out.text,
                "{{\"ts\":\"{}\",\"level\":\"debug\",\"msg\":\"tool output\",\"output\":\"",
                nm::iso(rng)
            );
            append_escaped(out, &inner, |s, c| json_char(s, c, style));
            out.s("\"}\n");
        }
    }
}

/// An error or a value printed with `{:?}`, whose string holds a block of tool output.
fn debug_line(out: &mut Out, rng: &mut Rng) {
    let inner = inner_text(rng);
    match rng.below(3) {
        0 => {
            let _ = write!(
                out.text,
                "Error: Api {{ status: {}, body: \"",
                rng.pick(&[400, 403, 500, 502])
            );
            append_escaped(out, &inner, debug_char);
            out.s("\" }\n");
        }
        1 => {
            out.s("[DEBUG] response = Response { status: 200, text: \"");
            append_escaped(out, &inner, debug_char);
            out.s("\" }\n");
        }
        _ => {
            out.s(
                "thread 'main' panicked: called `Result::unwrap()` on an `Err` value: Custom { kind: Other, error: \"",
            );
            append_escaped(out, &inner, debug_char);
            out.s("\" }\n");
        }
    }
}

/// Whether `s` needs no percent-encoding in a query (an email's `@` aside).
fn url_safe(s: &str) -> bool {
    s.bytes()
        .all(|b| b.is_ascii_alphanumeric() || b"-._~@%".contains(&b))
}

/// The kinds planted in URLs: those whose values a URL holds as they are.
const URL_KINDS: &[&str] = &[
    "email",
    "phone",
    "ssn",
    "credit_card",
    "ip_address",
    "iban",
    "aws_access_key_id",
    "github_token",
    "gitlab_token",
    "slack_token",
    "stripe_key",
    "openai_api_key",
    "anthropic_api_key",
    "google_api_key",
    "npm_token",
    "pypi_token",
    "sendgrid_key",
    "twilio_key",
    "huggingface_token",
    "databricks_token",
    "digitalocean_token",
    "shopify_token",
    "discord_token",
    "vault_token",
    "google_oauth_token",
    "google_client_secret",
    "telegram_bot_token",
    "groq_api_key",
    "jwt",
    "password",
    "generic_secret",
];

/// A value of a kind a URL holds as it is, with an email's `@` encoded as `%40` and a
/// Telegram token's `:` as `%3A`.
fn url_value(rng: &mut Rng) -> Planted {
    let mut p = loop {
        let kind = *rng.pick(URL_KINDS);
        // Cards, phones and IBANs written with spaces, and IPv6 addresses, are drawn again.
        let mut p = tool::make(rng, kind);
        if p.is("telegram_bot_token") {
            p.text = p.text.replace(':', "%3A");
            p.span.end += 2;
        }
        if url_safe(&p.text) {
            break p;
        }
    };
    if let Some(at) = p.text.find('@') {
        p.text.replace_range(at..=at, "%40");
        p.span.end += 2;
    }
    p
}

/// A request line whose URL carries a planted value: right after an encoded `=` (a query
/// inside another one's), an encoded space (a search) or an encoded line break (a message),
/// or as a form field.
fn url_line(out: &mut Out, rng: &mut Rng) {
    let p = url_value(rng);
    let named = matches!(p.kind, "password" | "generic_secret");
    let name = tool::lower_name(rng, &p);
    match if named {
        2 * rng.below(2)
    } else {
        rng.below(4)
    } {
        0 => {
            let _ = write!(
                out.text,
                "{} GET /oauth/callback?state={}&next=%2F{}%3F{name}%3D",
                nm::iso(rng),
                nm::hex(rng, 16),
                rng.pick(&["settings", "cb", "account%2Fkeys", "v1%2Fexport"])
            );
            out.plant(&p);
            let _ = writeln!(out.text, "%26ref%3D{} HTTP/1.1 302", nm::prefix_word(rng));
        }
        1 => {
            let _ = write!(
                out.text,
                "GET /search?q={}%20{}%20",
                rng.pick(&["find", "lookup", "who%20owns", "grep"]),
                rng.pick(&["user", "card", "key", "the"])
            );
            out.plant(&p);
            let _ = writeln!(
                out.text,
                "%20{}&page={} HTTP/1.1",
                nm::prefix_word(rng),
                rng.range(1, 9)
            );
        }
        2 => {
            let _ = write!(
                out.text,
                "POST /login HTTP/1.1 body: user={}&{name}=",
                rng.pick(v::FIRST)
            );
            out.plant(&p);
            let _ = writeln!(
                out.text,
                "&remember=1 status={}",
                rng.pick(&[200, 302, 401])
            );
        }
        _ => {
            let _ = write!(
                out.text,
                "POST /hooks/notify HTTP/1.1 body: channel=ops&text={}%3A%0A",
                rng.pick(&["new%20value", "rotated", "leaked%20in%20logs", "found"])
            );
            out.plant(&p);
            let _ = writeln!(
                out.text,
                "%0A{}%20{}",
                nm::prefix_word(rng),
                nm::version(rng)
            );
        }
    }
}

/// See [`crate::escaped_tool_output`].
pub(crate) fn escaped_tool_output(bytes: usize, seed: u64) -> Corpus {
    let mut rng = Rng::new(seed, 0x4553_4350);
    let mut out = Out::new(bytes);
    let mut boundary = 0;
    while out.text.len() < bytes {
        boundary = out.text.len();
        match rng.below(10) {
            0..=4 => json_line(&mut out, &mut rng),
            5..=7 => debug_line(&mut out, &mut rng),
            _ => url_line(&mut out, &mut rng),
        }
    }
    tool::finish(out, &mut rng, bytes, boundary)
}
