//! Session cookies: the values of well-known session cookies in a `Cookie:` or `Set-Cookie:`
//! header (`Cookie: theme=dark; sessionid=…`, `Set-Cookie: JSESSIONID=…; Path=/; HttpOnly`).
//! The cookie's name and attributes stay readable; only the value is masked.

use super::{Candidate, is_placeholder, run};
use crate::sanitize::bytes::{byte, unescaped_before};
use crate::sanitize::kind::Kind;

/// The most a header's value is read: browsers cap a cookie at 4 KiB, a header at 8 KiB.
const MAX_HEADER: usize = 8192;
/// The longest cookie name considered.
const MAX_NAME: usize = 256;
/// The most cookies read in one header.
const MAX_PAIRS: usize = 64;
/// The shortest value taken for a session id: shorter ones (`deleted`, `1`) are not.
const MIN_VALUE: usize = 8;

/// A character of a cookie's name (an RFC 6265 token).
fn is_name(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b)
}

/// A character of a cookie's value: printable ASCII but space, `"`, `,`, `;` and `\`, and
/// `'`, which closes a quoted header (`-H 'Cookie: …'`) far more often than it is in a value.
fn is_value(b: u8) -> bool {
    (0x21..0x7f).contains(&b) && !b"\"',;\\".contains(&b)
}

/// Reads the header whose name's `kie` is at `kie` (`Cookie:`, `set-cookie:`, `"Cookie": "…"`),
/// pushing the values of its session cookies; returns where reading stopped.
pub(super) fn header(hay: &[u8], kie: usize, out: &mut Vec<Candidate>) -> usize {
    let stop = kie + 3;
    let Some(name_start) = kie.checked_sub(3) else {
        return stop;
    };
    if !hay[name_start..kie].eq_ignore_ascii_case(b"coo") {
        return stop;
    }
    let set = name_start >= 4 && hay[name_start - 4..name_start].eq_ignore_ascii_case(b"set-");
    let start = if set { name_start - 4 } else { name_start };
    // A word of its own (`X-Cookie:`, `mycookie:` are other headers); any other byte may
    // come before it (`&Cookie: …` in a log line, a quote, an escaped line break).
    let b = unescaped_before(hay, start);
    if b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.') {
        return stop;
    }
    let Some(mut at) = value_start(hay, stop) else {
        return stop;
    };
    let limit = hay.len().min(at + MAX_HEADER);
    for _ in 0..MAX_PAIRS {
        at = run(hay, at, limit - at, |b| b == b' ' || b == b'\t');
        let name_end = run(hay, at, MAX_NAME.min(limit - at), is_name);
        if name_end == at || byte(hay, name_end) != b'=' {
            return name_end;
        }
        let (value, next) = value(hay, name_end + 1, limit);
        if is_session(&hay[at..name_end])
            && value.len() >= MIN_VALUE
            && !is_placeholder(&hay[value.clone()])
        {
            out.push(Candidate::new(Kind::SessionCookie, value.start, value.end));
        }
        // A `Set-Cookie` sets one cookie; what follows it are its attributes.
        if set || byte(hay, next) != b';' {
            return next;
        }
        at = next + 1;
    }
    at
}

/// Where the cookies start after a header's name ending at `name_end`: past a closing
/// quote (`"Cookie": …`, `\"Cookie\": …`), the `:`, spaces and an opening quote.
fn value_start(hay: &[u8], name_end: usize) -> Option<usize> {
    let mut at = name_end;
    if byte(hay, at) == b'\\' && byte(hay, at + 1) == b'"' {
        at += 2;
    } else if matches!(byte(hay, at), b'"' | b'\'') {
        at += 1;
    }
    if byte(hay, at) != b':' {
        return None;
    }
    at = run(hay, at + 1, 16, |b| b == b' ' || b == b'\t');
    if byte(hay, at) == b'\\' && byte(hay, at + 1) == b'"' {
        at += 2;
    } else if matches!(byte(hay, at), b'"' | b'\'') {
        at += 1;
    }
    Some(at)
}

/// The span of the value starting at `at` (inside its quotes, if quoted), and where the
/// text after it starts.
fn value(hay: &[u8], at: usize, limit: usize) -> (std::ops::Range<usize>, usize) {
    let quoted = byte(hay, at) == b'"';
    let from = at + usize::from(quoted);
    let end = run(hay, from, limit.saturating_sub(from), is_value);
    let next = end + usize::from(quoted && byte(hay, end) == b'"');
    (from..end, next)
}

/// Whether a cookie's name is a session's: a `__Secure-` or `__Host-` cookie, or a name
/// with `sess` in it (`sessionid`, `JSESSIONID`, `PHPSESSID`, `laravel_session`,
/// `ASP.NET_SessionId`), ending in `sid` (`connect.sid`, `SID`) or in `token` or `auth`
/// (`remember_token`, `.ASPXAUTH`).
fn is_session(name: &[u8]) -> bool {
    if name.starts_with(b"__Secure-") || name.starts_with(b"__Host-") {
        return true;
    }
    let mut normalized = [0u8; MAX_NAME];
    let mut n = 0;
    for &b in name.iter().filter(|b| b.is_ascii_alphanumeric()) {
        normalized[n] = b.to_ascii_lowercase();
        n += 1;
    }
    let name = &normalized[..n];
    name.windows(4).any(|w| w == b"sess")
        || name.ends_with(b"sid")
        || name.ends_with(b"token")
        || name.ends_with(b"auth")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<&str> {
        let hay = text.as_bytes();
        let mut out = Vec::new();
        for at in 0..hay.len().saturating_sub(2) {
            if hay[at..at + 3].eq_ignore_ascii_case(b"kie") {
                header(hay, at, &mut out);
            }
        }
        out.iter().map(|c| &text[c.start..c.end]).collect()
    }

    #[test]
    fn session_cookies_in_headers() {
        for (text, values) in [
            (
                "Cookie: _ga=GA1.2.3.4; sessionid=k2j3h4g5f6d7s8a9; theme=dark\r\n",
                &["k2j3h4g5f6d7s8a9"][..],
            ),
            (
                "Set-Cookie: JSESSIONID=8F3A1C2B9D4E5F60718293A4B5C6D7E8; Path=/; HttpOnly\n",
                &["8F3A1C2B9D4E5F60718293A4B5C6D7E8"],
            ),
            (
                "set-cookie: PHPSESSID=q8v0l4k2m6n1b3c5x7z9; path=/",
                &["q8v0l4k2m6n1b3c5x7z9"],
            ),
            (
                "cookie: connect.sid=s%3AxY7.Zq9; laravel_session=eyA1b2C3d4E5f6",
                &["s%3AxY7.Zq9", "eyA1b2C3d4E5f6"],
            ),
            (
                "Cookie: ASP.NET_SessionId=vx1zq2y3w4u5t6s7r8p9o0n1",
                &["vx1zq2y3w4u5t6s7r8p9o0n1"],
            ),
            (
                "Cookie: __Host-next-auth.csrf=a1b2c3d4e5f6; __Secure-id=\"Zm9vYmFyYmF6cXV4\"",
                &["a1b2c3d4e5f6", "Zm9vYmFyYmF6cXV4"],
            ),
            (
                "curl -H 'Cookie: sessionid=k2j3h4g5f6d7s8a9' https://example.com",
                &["k2j3h4g5f6d7s8a9"],
            ),
            (
                r#"{"headers": {"Cookie": "sid=0a1b2c3d4e5f6789; lang=en"}}"#,
                &["0a1b2c3d4e5f6789"],
            ),
            (
                r#"{"log": "> Cookie: _session_id=9f8e7d6c5b4a3210\r\n"}"#,
                &["9f8e7d6c5b4a3210"],
            ),
            (
                r#""{\"Set-Cookie\": \"remember_token=Tk9uZVNlY3JldDEy; Max-Age=3600\"}""#,
                &["Tk9uZVNlY3JldDEy"],
            ),
        ] {
            assert_eq!(found(text), values, "in {text:?}");
        }
    }

    #[test]
    fn near_misses() {
        for text in [
            // Not session cookies, or no value worth masking.
            "Cookie: theme=dark; lang=en-US; _ga=GA1.2.345678.901234",
            "Set-Cookie: sessionid=; Max-Age=0",
            "Set-Cookie: PHPSESSID=deleted; expires=Thu, 01 Jan 1970 00:00:01 GMT",
            "Cookie: session=${SESSION}",
            "Cookie: sessionid=[SESSION_COOKIE]",
            // A `Set-Cookie`'s attributes are not cookies.
            "Set-Cookie: lang=en; Path=/; sid=notacookie123",
            // Not a header.
            "the cookie jar holds sessionid=abcdefgh12345678",
            "rookie: sessionid=abcdefgh12345678",
            "cookies: sessionid=abcdefgh12345678",
        ] {
            assert_eq!(found(text), Vec::<&str>::new(), "in {text:?}");
        }
    }

    #[test]
    fn reading_is_bounded() {
        let long = format!("Cookie: {}sessionid=abcdefgh12345678", "a=b; ".repeat(100));
        assert_eq!(found(&long), Vec::<&str>::new());
        let mut out = Vec::new();
        let text = format!("Cookie: a={}", "x".repeat(3 * MAX_HEADER));
        let stop = header(text.as_bytes(), 3, &mut out);
        assert!(stop <= 8 + MAX_HEADER, "{stop}");
    }
}
