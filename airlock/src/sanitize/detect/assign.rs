//! Values assigned to secret names, around an `=` or `:`: `password=…`, `"api_key": "…"`,
//! `DB_PASSWORD: …`, `X-Api-Key: …`, `Authorization: Basic …`, `client_secret = "…"`.

use super::{Candidate, Next, Reach, is_partial_mask, is_placeholder_or, prefixed, run, run_back};
use crate::sanitize::bytes::{
    ALNUM, KEY, before, byte, class, escape_at, escape_before, past_escape, unescaped_before,
};
use crate::sanitize::enabled::Enabled;
use crate::sanitize::keys::{self, KeyClass, MAX_KEY};
use crate::sanitize::kind::Kind;

/// The longest value considered.
const MAX_VALUE: usize = 4096;

fn is_key(b: u8) -> bool {
    class(b) & KEY != 0
}

/// What the scan has read of values, so that a value read for one operator is not read
/// again for each operator inside it (`password=${password=${…` , `token: {token: {…`,
/// `password%3Dpassword%3D…`): the unquoted values' runs, where the text of a value to the
/// end of its line ends, where the next `*` is (which a partial mask holds), and where the
/// next percent escape is that ends a value.
#[derive(Debug)]
pub(crate) struct Reads {
    word: Reach,
    line: Reach,
    star: Next,
    /// The next `%0A` or `%0D`: it ends a line's value.
    line_breaks: EscapedEnd,
    /// The next escape that ends a value after an encoded operator.
    encoded_ends: EscapedEnd,
    /// The start and end of the last value read to its line's end, and where its text
    /// ends before any trailing whitespace (its start when it is all whitespace).
    line_text: (usize, usize, usize),
}

impl Default for Reads {
    fn default() -> Self {
        Reads {
            word: Reach::default(),
            line: Reach::default(),
            star: Next::new(b"*"),
            line_breaks: EscapedEnd::new(ends_line),
            encoded_ends: EscapedEnd::new(ends_encoded_value),
            line_text: (0, 0, 0),
        }
    }
}

/// Where the next percent escape of a byte that ends a value is, remembered as [`Next`]
/// remembers a text: one search to it serves every value that starts before it, so values
/// that overlap (`password%3Dpassword%3D…`) do not each read the escapes of the next ones.
#[derive(Debug, Clone, Copy)]
struct EscapedEnd {
    ends: fn(u8) -> bool,
    /// No such escape starts in `hay[from..at]`, and one starts at `at` (or `at` is the
    /// end).
    known: Option<(usize, usize)>,
}

impl EscapedEnd {
    fn new(ends: fn(u8) -> bool) -> EscapedEnd {
        EscapedEnd { ends, known: None }
    }

    /// `end`, or the first percent escape in `hay[at..end]` of a byte that `ends` a value.
    /// Ask with starts that do not go back.
    #[inline]
    fn before(&mut self, hay: &[u8], at: usize, end: usize) -> usize {
        let found = match self.known {
            Some((from, found)) if from <= at && at <= found => found,
            _ => {
                let found = first_escaped(hay, at, self.ends);
                self.known = Some((at, found));
                found
            }
        };
        found.min(end)
    }
}

/// Examines the assignment whose operator is at `op`; returns where the scan goes on.
#[inline(always)]
pub(crate) fn at(
    hay: &[u8],
    op: usize,
    enabled: &Enabled,
    extra: &[Vec<u8>],
    reads: &mut Reads,
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
        // (And the backslashes that escape the quote: `\"`, or `\\\"` one JSON string deeper.)
        if before(hay, key_end) == b'\\' {
            key_end = run_back(hay, key_end, 7, |b| b == b'\\');
        }
    }
    // Most names are plain, and their last three letters or digits say so without reading
    // the rest.
    if extra.is_empty() {
        match last_three(hay, key_end) {
            // (`\npw=`: the name is `pw`, and the `n` is an escape's.)
            Some(tail)
                if !keys::ending_may_be_sensitive(tail)
                    && !tail[1..].eq_ignore_ascii_case(b"pw") =>
            {
                return next;
            }
            Some(_) => {}
            // No name (a run of `=`), or one too short to have three, whole within those
            // six bytes (`a:`, `x=`): looked up here at once.
            None => {
                if !is_key(before(hay, key_end)) {
                    return next;
                }
                let key_start = run_back(hay, key_end, 6, is_key);
                if key_end - key_start < 6 && !keys::may_be_sensitive(&hay[key_start..key_end]) {
                    return next;
                }
            }
        }
    }
    let name = Name {
        end: key_end,
        quoted,
        value_from,
        colon,
        encoded: false,
    };
    named(hay, op, &name, enabled, extra, reads, out)
}

/// Examines the assignment whose operator is percent-encoded, the `%3D` (`=`) or `%3A` (`:`)
/// at `pct`, as in a URL that carries another one's query (`?next=%2Fcb%3Fpassword%3D…`)
/// or a form-encoded body; returns where the scan goes on when it found a value.
pub(crate) fn at_encoded(
    hay: &[u8],
    pct: usize,
    enabled: &Enabled,
    extra: &[Vec<u8>],
    reads: &mut Reads,
    out: &mut Vec<Candidate>,
) -> Option<usize> {
    let (len, op) = escape_at(hay, pct)?;
    if !enabled.any_assignment() || !matches!(op, b'=' | b':') {
        return None;
    }
    let mut value_from = pct + len;
    let after = escape_at(hay, value_from).map_or(byte(hay, value_from), |(_, b)| b);
    // `%3A%2F%2F` (`://`), `%3A%3A` and `%3D%3D` are no assignments.
    if matches!((op, after), (b':', b'/' | b':') | (b'=', b'=')) {
        return None;
    }
    // The value may follow encoded spaces: `x-api-key%3A%20…`.
    while let Some((n, b' ' | b'\t')) =
        escape_at(hay, value_from).filter(|_| hay[value_from] == b'%')
    {
        value_from += n;
    }
    // A name in encoded quotes: `%22password%22%3A%22…%22`, JSON in a URL.
    let mut key_end = pct;
    let quoted = match escape_before(hay, key_end) {
        Some((n, b'"' | b'\'')) => {
            key_end -= n;
            true
        }
        _ => false,
    };
    if extra.is_empty()
        && let Some(tail) = last_three(hay, key_end)
        && !keys::ending_may_be_sensitive(tail)
        && !tail[1..].eq_ignore_ascii_case(b"pw")
    {
        return None;
    }
    let name = Name {
        end: key_end,
        quoted,
        value_from,
        colon: op == b':',
        encoded: true,
    };
    let found = out.len();
    // (`named` goes on after its operator's last byte.)
    let next = named(hay, pct + len - 1, &name, enabled, extra, reads, out);
    (out.len() > found).then_some(next)
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
    /// Whether the operator is percent-encoded: then the text around it is a query inside
    /// another one's, and its `&` and quotes are encoded too.
    encoded: bool,
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
    reads: &mut Reads,
    out: &mut Vec<Candidate>,
) -> usize {
    let next = op + 1;
    let Name {
        end: key_end,
        quoted,
        value_from,
        colon,
        encoded,
    } = *name;
    // (`\npassword=`, `\u0026password=`: the name starts past the escape.)
    let key_start = past_escape(hay, run_back(hay, key_end, MAX_KEY + 1, is_key)).min(key_end);
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
    let (start, end) = match value_bounds(hay, value_start, to_line_end, encoded, reads) {
        Some(bounds) => bounds,
        None => return next,
    };
    let value = &hay[start..end];
    let starred = reads.star.within(hay, start, end);
    if is_placeholder_or(value, |v| starred && is_partial_mask(v))
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
/// YAML and HTTP headers) to the end of the line, which a percent-encoded line break ends
/// too. After an `encoded` operator the text is a query inside another one's, and the
/// percent escapes of a control character, `&`, a quote, `<` or `>` end the value: they
/// are that query's delimiters (`%3Fpassword%3Dhunter2%26next%3D…`). After a plain one
/// they are the value's own (`password=tr0ub4dor%263`, a newline in a form's value).
fn value_bounds(
    hay: &[u8],
    at: usize,
    to_line_end: bool,
    encoded: bool,
    reads: &mut Reads,
) -> Option<(usize, usize)> {
    let first = byte(hay, at);
    if first == b'"' || first == b'\'' {
        let start = at + 1;
        let limit = hay.len().min(start + MAX_VALUE);
        let mut i = start;
        while i < limit {
            match hay[i] {
                b'\n' | b'\r' => return None,
                b'\\' => i += 2,
                b if b == first => return Some((start, i)),
                _ => i += 1,
            }
        }
        return None;
    }
    if let Some(len) = escaped_quote(hay, at) {
        // Up to the same escaped quote: `\"…\"`, `%22…%22`.
        let quote = &hay[at..at + len];
        let start = at + len;
        let limit = hay.len().min(start + MAX_VALUE);
        let mut i = start;
        while i < limit {
            match hay[i] {
                b'\n' | b'\r' => return None,
                _ if hay[i..].starts_with(quote) => return Some((start, i)),
                _ => i += 1,
            }
        }
        return None;
    }
    let end = if to_line_end {
        let end = reads.line.run(hay, at, MAX_VALUE, |b| {
            !b"\r\n,;}]\"'<>\\".contains(&b) && b != 0
        });
        // (A control character's escape is a line break's too: after an encoded operator
        // every escape that ends a value ends the line's.)
        let end = if encoded {
            reads.encoded_ends.before(hay, at, end)
        } else {
            reads.line_breaks.before(hay, at, end)
        };
        // Back over trailing whitespace to the last byte of text: for a value that ends
        // where the last one did, or later, only the bytes after that one are read.
        let (last_at, last_end, last_text) = reads.line_text;
        let (seen, text_before) = if last_at <= at && at < last_end && last_end <= end {
            (last_end, last_text.max(at))
        } else {
            (at, at)
        };
        let text = hay[seen..end]
            .iter()
            .rposition(|b| !b.is_ascii_whitespace())
            .map_or(text_before, |i| seen + i + 1);
        reads.line_text = (at, end, text);
        text
    } else {
        let end = reads.word.run(hay, at, MAX_VALUE, |b| {
            b.is_ascii_graphic() && !b",;&\"'<>)}]\\`".contains(&b) || b >= 0x80
        });
        if encoded {
            reads.encoded_ends.before(hay, at, end)
        } else {
            end
        }
    };
    (end > at).then_some((at, end))
}

/// The length of the escaped quote that opens a value at `at`, if one does: `\"` in a JSON
/// string, `\\\"` in a JSON string inside another, `%22` in a URL, `\u0022`.
fn escaped_quote(hay: &[u8], at: usize) -> Option<usize> {
    let slashes = run(hay, at, 8, |b| b == b'\\') - at;
    if slashes % 2 == 1 && matches!(byte(hay, at + slashes), b'"' | b'\'') {
        return Some(slashes + 1);
    }
    match escape_at(hay, at) {
        Some((len, b'"' | b'\'')) if len >= 3 => Some(len),
        _ => None,
    }
}

/// Whether a percent-encoded byte ends a value to the end of its line: a line break.
fn ends_line(b: u8) -> bool {
    b == b'\n' || b == b'\r'
}

/// Whether a percent-encoded byte ends a value in a query inside another one's: a control
/// character (a line break), `&`, a quote, `<` or `>`.
fn ends_encoded_value(b: u8) -> bool {
    b < 0x20 || b"&\"'<>".contains(&b)
}

/// The first percent escape in `hay[at..]` of a byte that `ends` a value, or the end.
fn first_escaped(hay: &[u8], at: usize, ends: fn(u8) -> bool) -> usize {
    let mut from = at;
    while let Some(i) = hay.get(from..).and_then(|rest| memchr::memchr(b'%', rest)) {
        let i = from + i;
        if let Some((_, b)) = escape_at(hay, i)
            && ends(b)
        {
            return i;
        }
        from = i + 1;
    }
    hay.len().max(at)
}

/// Whether the name starts a line (`KEY=…`, `  key: …`, `- key: …`, `export KEY=…`) or a
/// field of a structure, rather than sitting in the middle of prose.
fn line_start(hay: &[u8], key_start: usize) -> bool {
    let mut i = run_back(hay, key_start, 16, |b| b == b' ' || b == b'\t');
    if hay[..i].ends_with(b"export") {
        i = run_back(hay, i - 6, 16, |b| b == b' ' || b == b'\t');
    }
    matches!(
        unescaped_before(hay, i),
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
        let mut reads = Reads::default();
        let mut i = 0;
        while i < hay.len() {
            i = if matches!(hay[i], b'=' | b':') {
                at(hay, i, &Enabled::all(), &[], &mut reads, &mut out)
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
    fn names_and_lines_read_through_escapes() {
        for (text, value) in [
            (
                r#"{"log":"x\nDB_PASSWORD: s3cret pass\nok"}"#,
                "s3cret pass",
            ),
            (
                r#"{"log":"x\u000aDB_PASSWORD: s3cret pass\u000aok"}"#,
                "s3cret pass",
            ),
            (r#"{"log":"ok\npw=hunter22\n"}"#, "hunter22"),
            (r#"{\\\"password\\\":\\\"hunter22\\\"}"#, "hunter22"),
            ("password=hunter22%0Anext", "hunter22%0Anext"),
            ("x%0ADB_PASSWORD: s3cret pass%0Aok", "s3cret pass"),
            ("password=tr0ub4dor%263&next=1", "tr0ub4dor%263"),
            ("password=p%40ss%40w0rd&x=1", "p%40ss%40w0rd"),
        ] {
            assert_eq!(found(text), vec![(Kind::Password, value)], "in {text:?}");
        }
    }

    #[test]
    fn a_remembered_escaped_end_answers_as_a_fresh_search() {
        let hay = b"a%20b%0Ac%26d%3De%0d%zz%22f%%0A";
        for ends in [ends_line as fn(u8) -> bool, ends_encoded_value] {
            let mut remembered = EscapedEnd::new(ends);
            for at in 0..=hay.len() {
                for end in at..=hay.len() {
                    let fresh = (at..end)
                        .find(|&i| {
                            hay[i] == b'%' && escape_at(hay, i).is_some_and(|(_, b)| ends(b))
                        })
                        .unwrap_or(end);
                    assert_eq!(remembered.before(hay, at, end), fresh, "{at}..{end}");
                }
            }
        }
    }

    #[test]
    fn percent_encoded_operators_assign() {
        let encoded = |text: &'static str| {
            let mut out = Vec::new();
            let mut reads = Reads::default();
            let mut from = 0;
            while let Some(i) = text[from..].find('%').map(|i| from + i) {
                from = at_encoded(
                    text.as_bytes(),
                    i,
                    &Enabled::all(),
                    &[],
                    &mut reads,
                    &mut out,
                )
                .unwrap_or(i + 1);
            }
            out.into_iter()
                .map(|c| (c.kind, &text[c.start..c.end]))
                .collect::<Vec<_>>()
        };
        for (text, value) in [
            ("next=%2Fcb%3Fpassword%3Dhunter22%26x%3D1", "hunter22"),
            ("next=%2Fcb%3Fpassword%3dhunter22", "hunter22"),
            ("x-api-key%3A%20k3y-value%0D%0A", "k3y-value"),
            ("%7B%22password%22%3A%22hunter%2022%22%7D", "hunter%2022"),
        ] {
            assert_eq!(encoded(text), vec![(Kind::Password, value)], "in {text:?}");
        }
        for text in [
            "next=%2Fcb%3Fuser%3Dann",
            "url%3Dhttps%3A%2F%2Fexample.com",
            "password%3D%3Dx",
            "token_count%3D153",
        ] {
            assert_eq!(encoded(text), vec![], "in {text:?}");
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
