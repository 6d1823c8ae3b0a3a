//! Values assigned to secret names, around an `=` or `:`: `password=…`, `"api_key": "…"`,
//! `DB_PASSWORD: …`, `X-Api-Key: …`, `Authorization: Basic …`, `client_secret = "…"`.

use super::{Candidate, is_placeholder, prefixed, run, run_back};
use crate::sanitize::bytes::{ALNUM, KEY, before, byte, class};
use crate::sanitize::enabled::Enabled;
use crate::sanitize::keys::{self, KeyClass, MAX_KEY};
use crate::sanitize::kind::Kind;

/// The longest value considered.
const MAX_VALUE: usize = 4096;

fn is_key(b: u8) -> bool {
    class(b) & KEY != 0
}

/// Examines the assignment whose operator is at `op`; returns where the scan goes on.
#[inline(always)]
pub(crate) fn at(
    hay: &[u8],
    op: usize,
    enabled: &Enabled,
    extra: &[Vec<u8>],
    out: &mut Vec<Candidate>,
) -> usize {
    let next = op + 1;
    if !enabled.any_assignment() {
        return next;
    }
    let (value_from, colon) = match (hay[op], byte(hay, op + 1)) {
        // `scheme://` and `module::path` are not assignments.
        (b':', b'/' | b':') => return next,
        (b':', _) if before(hay, op) == b':' => return next,
        (b':', b'=') => (op + 2, false),
        (b':', _) => (op + 1, true),
        (b'=', b'>' | b'=') => (op + 2, false),
        (b'=', _) if matches!(before(hay, op), b'=' | b'!' | b'<' | b'>' | b':') => return next,
        _ => (op + 1, false),
    };

    // The name before the operator, perhaps quoted (or quoted inside a JSON string: `\"`).
    let mut key_end = run_back(hay, op, 8, |b| b == b' ' || b == b'\t');
    let quote = before(hay, key_end);
    let quoted = quote == b'"' || quote == b'\'';
    if quoted {
        key_end -= 1;
        if before(hay, key_end) == b'\\' {
            key_end -= 1;
        }
    }
    // Most names are plain, and their last three letters or digits say so without reading
    // the rest.
    if extra.is_empty()
        && let Some(tail) = last_three(hay, key_end)
        && !keys::ending_may_be_sensitive(tail)
    {
        return next;
    }
    let name = Name {
        end: key_end,
        quoted,
        value_from,
        colon,
    };
    named(hay, op, &name, enabled, extra, out)
}

/// Where the name before an operator ends, and what follows the operator.
struct Name {
    /// The end of the name, before any closing quote.
    end: usize,
    quoted: bool,
    /// Where the value may start (after the operator).
    value_from: usize,
    /// Whether the operator is a `:` alone.
    colon: bool,
}

/// The rest of [`at`], once the end of the name does not rule it out: out of line, so the
/// quick ways out above stay small.
#[inline(never)]
fn named(
    hay: &[u8],
    op: usize,
    name: &Name,
    enabled: &Enabled,
    extra: &[Vec<u8>],
    out: &mut Vec<Candidate>,
) -> usize {
    let next = op + 1;
    let Name {
        end: key_end,
        quoted,
        value_from,
        colon,
    } = *name;
    let key_start = run_back(hay, key_end, MAX_KEY + 1, is_key);
    if key_start == key_end || key_end - key_start > MAX_KEY {
        return next;
    }
    // `[PASSWORD:1a2b3c4d]` is a mask this sanitizer wrote, not an assignment.
    if before(hay, key_start) == b'[' && super::mask_token_len(hay, key_start - 1).is_some() {
        return next;
    }
    if extra.is_empty() && !keys::may_be_sensitive(&hay[key_start..key_end]) {
        return next;
    }
    let mut name = [0u8; MAX_KEY];
    let len = keys::normalize_into(&hay[key_start..key_end], &mut name);
    let class = keys::classify(&name[..len], extra);
    if class == KeyClass::Plain {
        return next;
    }

    // The value: quoted to its closing quote, else to a delimiter. In prose (`the token: it
    // expires`) a `:` only assigns a single word that looks like a credential.
    let structured = quoted || line_start(hay, key_start);
    let prose = colon && !structured;
    let value_start = run(hay, value_from, 8, |b| b == b' ' || b == b'\t');
    let to_line_end = (colon && !prose) || class == KeyClass::Authorization;
    let (start, end) = match value_bounds(hay, value_start, to_line_end) {
        Some(bounds) => bounds,
        None => return next,
    };
    let value = &hay[start..end];
    if is_placeholder(value)
        || matches!(
            value,
            b"null" | b"None" | b"nil" | b"true" | b"false" | b"undefined"
        )
        || value.starts_with(b"{")
        || value.starts_with(b"[") && !value.ends_with(b"]")
        || value_is_variable(value)
    {
        return next;
    }
    // A value that is itself a known token keeps that kind: the scan skips past this value,
    // and the digit-triggered token detectors would not see it again.
    if let Some(c) = super::numeric::digit_token(hay, start)
        .filter(|c| c.end == end && enabled.contains(&c.kind))
    {
        out.push(c);
        return end.max(next);
    }
    let candidate = match class {
        KeyClass::Plain => None,
        KeyClass::Authorization => authorization(hay, start, end, enabled),
        KeyClass::AwsSecret
            if value.len() == 40
                && value
                    .iter()
                    .all(|&b| b.is_ascii_alphanumeric() || b == b'/' || b == b'+') =>
        {
            enabled
                .contains(&Kind::AwsSecretAccessKey)
                .then(|| Candidate::new(Kind::AwsSecretAccessKey, start, end))
        }
        KeyClass::Secret | KeyClass::AwsSecret => {
            let word = prose && value.iter().all(u8::is_ascii_lowercase);
            (!word && enabled.contains(&Kind::Password))
                .then(|| Candidate::new(Kind::Password, start, end))
        }
        KeyClass::Credential => (enabled.contains(&Kind::GenericSecret)
            && keys::looks_random(value))
        .then(|| Candidate::new(Kind::GenericSecret, start, end)),
    };
    // The scan goes on after the candidate, not the value: a bearer token is only the first
    // word of a header's value, which runs to the end of its line.
    match candidate {
        Some(c) => {
            let resume = c.end.max(next);
            out.push(c);
            resume
        }
        None => next,
    }
}

/// The last three letters or digits of the name ending at `end`, past the `_`, `-` and `.`
/// between them (`request_id` ends in `tid`), when the six bytes before `end` hold them.
fn last_three(hay: &[u8], end: usize) -> Option<[u8; 3]> {
    // Gathered in a register: three byte stores read back as one load would stall the load.
    let mut tail = 0u32;
    let mut found = 0;
    for &b in hay[end.saturating_sub(6)..end].iter().rev() {
        let c = class(b);
        if c & ALNUM != 0 {
            tail = tail << 8 | u32::from(b);
            found += 1;
            if found == 3 {
                let [first, second, third, _] = tail.to_le_bytes();
                return Some([first, second, third]);
            }
        } else if c & KEY == 0 {
            return None;
        }
    }
    None
}

/// The bounds of the value starting at `at`. A quoted value runs to its closing quote; an
/// unquoted one to whitespace or a delimiter, or (after a `:` on a line of its own, as in
/// YAML and HTTP headers) to the end of the line.
fn value_bounds(hay: &[u8], at: usize, to_line_end: bool) -> Option<(usize, usize)> {
    let first = byte(hay, at);
    let escaped = first == b'\\' && matches!(byte(hay, at + 1), b'"' | b'\'');
    if first == b'"' || first == b'\'' || escaped {
        let quote = if escaped { byte(hay, at + 1) } else { first };
        let start = at + 1 + usize::from(escaped);
        let limit = hay.len().min(start + MAX_VALUE);
        let mut i = start;
        while i < limit {
            match hay[i] {
                b'\n' | b'\r' => return None,
                b'\\' if !escaped => i += 2,
                b'\\' if escaped && byte(hay, i + 1) == quote => return Some((start, i)),
                b if b == quote && !escaped => return Some((start, i)),
                _ => i += 1,
            }
        }
        return None;
    }
    let end = if to_line_end {
        let end = run(hay, at, MAX_VALUE, |b| {
            !b"\r\n,;}]\"'<>\\".contains(&b) && b != 0
        });
        at + hay[at..end]
            .iter()
            .rposition(|b| !b.is_ascii_whitespace())
            .map_or(0, |i| i + 1)
    } else {
        run(hay, at, MAX_VALUE, |b| {
            b.is_ascii_graphic() && !b",;&\"'<>)}]\\`".contains(&b) || b >= 0x80
        })
    };
    (end > at).then_some((at, end))
}

/// Whether the name starts a line (`KEY=…`, `  key: …`, `- key: …`, `export KEY=…`) or a
/// field of a structure, rather than sitting in the middle of prose.
fn line_start(hay: &[u8], key_start: usize) -> bool {
    let mut i = run_back(hay, key_start, 16, |b| b == b' ' || b == b'\t');
    if hay[..i].ends_with(b"export") {
        i = run_back(hay, i - 6, 16, |b| b == b' ' || b == b'\t');
    }
    matches!(
        before(hay, i),
        0 | b'\n' | b'\r' | b'{' | b',' | b';' | b'-' | b'&' | b'?' | b'[' | b'('
    )
}

/// `$DB_PASSWORD`, `process.env.TOKEN`, `os.environ["KEY"]`: a reference, not the secret.
fn value_is_variable(value: &[u8]) -> bool {
    match value {
        [b'$', rest @ ..] => {
            !rest.is_empty()
                && rest
                    .iter()
                    .all(|&b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_')
        }
        _ => {
            value.starts_with(b"process.env.")
                || value.starts_with(b"os.environ")
                || value.starts_with(b"env.")
        }
    }
}

/// `Authorization: <scheme> <credential>`: Bearer credentials are bearer tokens; any other
/// scheme's credential (Basic, Token, Digest parameters) is a password.
pub(crate) fn authorization(
    hay: &[u8],
    start: usize,
    end: usize,
    enabled: &Enabled,
) -> Option<Candidate> {
    let value = &hay[start..end];
    let scheme_len = value
        .iter()
        .position(|&b| b == b' ')
        .filter(|&n| n > 0 && value[..n].iter().all(u8::is_ascii_alphabetic));
    match scheme_len {
        Some(n) if value[..n].eq_ignore_ascii_case(b"bearer") => {
            let from = run(hay, start + n, 8, |b| b == b' ');
            let (s, e) = prefixed::token_after_scheme(hay, from)?;
            enabled
                .contains(&Kind::BearerToken)
                .then(|| Candidate::new(Kind::BearerToken, s, e))
        }
        Some(n) => {
            let from = run(hay, start + n, 8, |b| b == b' ');
            // `Bot <discord token>` keeps the token's kind.
            if let Some(c) = super::numeric::digit_token(hay, from)
                .filter(|c| c.end == end && enabled.contains(&c.kind))
            {
                return Some(c);
            }
            (from < end && enabled.contains(&Kind::Password))
                .then(|| Candidate::new(Kind::Password, from, end))
        }
        None => enabled
            .contains(&Kind::Password)
            .then(|| Candidate::new(Kind::Password, start, end)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<(Kind, &str)> {
        let hay = text.as_bytes();
        let mut out = Vec::new();
        let mut i = 0;
        while i < hay.len() {
            i = if matches!(hay[i], b'=' | b':') {
                at(hay, i, &Enabled::all(), &[], &mut out)
            } else {
                i + 1
            };
        }
        out.into_iter()
            .map(|c| (c.kind, &text[c.start..c.end]))
            .collect()
    }

    #[test]
    fn a_names_last_three_letters_or_digits_skip_its_separators() {
        let tail = |s: &str| last_three(s.as_bytes(), s.len());
        assert_eq!(tail("request_id"), Some(*b"tid"));
        assert_eq!(tail("X-Api-Key"), Some(*b"Key"));
        assert_eq!(tail("db.pw"), Some(*b"bpw"));
        assert_eq!(tail("v2"), None);
        assert_eq!(tail("a b_c"), None);
        assert_eq!(tail("x______y"), None);
        assert_eq!(tail("ab"), None);
        assert_eq!(tail(" authorization"), Some(*b"ion"));
        assert_eq!(tail("a-b.c"), Some(*b"abc"));
    }

    #[test]
    fn assignments() {
        let cases: &[(&str, Kind, &str)] = &[
            ("password=hunter2 next", Kind::Password, "hunter2"),
            ("DB_PASSWORD: s3cret pass", Kind::Password, "s3cret pass"),
            (
                r#"{"api_key": "abc123xyz", "n": 1}"#,
                Kind::Password,
                "abc123xyz",
            ),
            (
                r#"{\"token\":\"t0k3n-value\"}"#,
                Kind::Password,
                "t0k3n-value",
            ),
            ("client_secret = 'a b c'", Kind::Password, "a b c"),
            ("export GITHUB_TOKEN=abcdef123", Kind::Password, "abcdef123"),
            ("X-Api-Key: k3y-value\r\n", Kind::Password, "k3y-value"),
            (
                "Authorization: Bearer abc.def-ghi_123\n",
                Kind::BearerToken,
                "abc.def-ghi_123",
            ),
            (
                "Authorization: Basic dXNlcjpwYXNz\n",
                Kind::Password,
                "dXNlcjpwYXNz",
            ),
            (
                "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
                Kind::AwsSecretAccessKey,
                "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
            ),
            (
                "webhook_key=q7Xv2LmP9sKd4TzR8wYb",
                Kind::GenericSecret,
                "q7Xv2LmP9sKd4TzR8wYb",
            ),
            ("url?user=bob&password=p%40ss&x=1", Kind::Password, "p%40ss"),
            ("if password == \"letmein\" {", Kind::Password, "letmein"),
            ("$token := \"abc123\"", Kind::Password, "abc123"),
        ];
        for (text, kind, value) in cases {
            assert_eq!(found(text), vec![(kind.clone(), *value)], "in {text:?}");
        }
    }

    #[test]
    fn not_assignments() {
        for text in [
            "password_min_length: 12",
            "max_tokens: 4096",
            "token_count=153",
            "password=${DB_PASSWORD}",
            "password: [REDACTED]",
            "password=[PASSWORD:1a2b3c4d]",
            "token: null",
            "requires_password: true",
            "the token: it expires soon",
            "primary_key: user_id",
            "key: 550e8400-e29b-41d4-a716-446655440000",
            "password = os.environ[\"DB\"]",
            "token=$GITHUB_TOKEN",
            "if token != x",
            "password:\n  nested",
            "https://example.com",
            "password: \"unterminated",
        ] {
            assert_eq!(found(text), vec![], "in {text:?}");
        }
    }
}
