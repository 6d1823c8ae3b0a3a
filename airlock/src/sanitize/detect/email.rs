//! Email addresses, confirmed around an `@`.

use super::{Candidate, run};
use crate::sanitize::bytes::{byte, escape_at, past_escape};
use crate::sanitize::kind::Kind;

const MAX_LOCAL: usize = 64;
const MAX_DOMAIN: usize = 253;

fn is_local(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"._%+-".contains(&b)
}

fn is_domain(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'-' || b == b'.'
}

/// The address whose `@` is at `at`.
pub(crate) fn at(hay: &[u8], at: usize) -> Option<Candidate> {
    around(hay, at, at + 1)
}

/// The address whose `@` is percent-encoded (`jane.doe%40example.com`, in a URL) as the
/// `%40` at `pct`.
pub(crate) fn at_encoded(hay: &[u8], pct: usize) -> Option<Candidate> {
    around(hay, pct, pct + 3)
}

/// The address whose local part ends at `local_end` and whose domain starts at `domain_start`.
fn around(hay: &[u8], local_end: usize, domain_start: usize) -> Option<Candidate> {
    let at = local_end;
    // (Escapes first: text before one that stands for no local part's character, such as
    // the `%0A` of `…%0Ajane@…`, is no part of the address, however long it is.)
    let mut start = local_start(hay, at);
    if at - start > MAX_LOCAL {
        return None;
    }
    while start < at && hay[start] == b'.' {
        start += 1;
    }
    if start == at || hay[at - 1] == b'.' {
        return None;
    }
    let mut end = run(hay, domain_start, MAX_DOMAIN + 1, is_domain);
    if end - domain_start > MAX_DOMAIN {
        return None;
    }
    // A sentence may end right after the address.
    while end > domain_start && matches!(hay[end - 1], b'.' | b'-') {
        end -= 1;
    }
    // The longest run of valid labels that ends in an alphabetic top-level domain
    // (`a@b.com.x` is `a@b.com` followed by `.x`).
    let mut best = None;
    let mut label_start = domain_start;
    let mut labels = 0;
    for i in domain_start..=end {
        if i < end && hay[i] != b'.' {
            continue;
        }
        let label = &hay[label_start..i];
        if label.is_empty()
            || label.len() > 63
            || label[0] == b'-'
            || label[label.len() - 1] == b'-'
        {
            break;
        }
        labels += 1;
        if labels >= 2 && label.len() >= 2 && label.iter().all(u8::is_ascii_alphabetic) {
            best = Some((i, labels));
        }
        label_start = i + 1;
    }
    let (end, count) = best?;
    if matches!(byte(hay, end), b'_' | b'@')
        || (byte(hay, end) == b'-' && is_domain(byte(hay, end + 1)))
    {
        return None;
    }
    let domain = &hay[domain_start..end];
    // `icon@2x.png`: a retina asset name, not an address.
    if count == 2
        && domain[0].is_ascii_digit()
        && domain.get(1) == Some(&b'x')
        && domain.get(2) == Some(&b'.')
    {
        return None;
    }
    Some(Candidate::new(Kind::Email, start, end))
}

/// Where the local part that ends at `at` starts: back over the characters a local part
/// has (reading at most `MAX_LOCAL + 1`), but not past a percent escape that stands for
/// none (`%22jane@…`, `mailto%3Ajane%40…`, which a URL put there; `%2B`, a `+`, is the
/// address's own), nor the tail of an escape right before it (`\njane@…`, `\u000ajane@…`).
fn local_start(hay: &[u8], at: usize) -> usize {
    let limit = at.saturating_sub(MAX_LOCAL + 1);
    let mut i = at;
    while i > limit && is_local(hay[i - 1]) {
        i -= 1;
        if hay[i] == b'%'
            && let Some((len, decoded)) = escape_at(hay, i)
            && !is_local(decoded)
        {
            return (i + len).min(at);
        }
    }
    past_escape(hay, i)
}

#[cfg(test)]
mod tests {
    fn find(text: &str) -> Option<&str> {
        let at = text.find('@')?;
        at_str(text, at)
    }

    fn at_str(text: &str, at: usize) -> Option<&str> {
        super::at(text.as_bytes(), at).map(|c| &text[c.start..c.end])
    }

    #[test]
    fn finds_addresses() {
        assert_eq!(
            find("mail jane.doe+x@mail.example.co.uk."),
            Some("jane.doe+x@mail.example.co.uk")
        );
        assert_eq!(find("<a_b-c@x-y.io>"), Some("a_b-c@x-y.io"));
        assert_eq!(find("\"ann@example.org\","), Some("ann@example.org"));
        assert_eq!(find("12345@example.com"), Some("12345@example.com"));
        assert_eq!(find("aa@aa.com.a"), Some("aa@aa.com"));
    }

    #[test]
    fn local_parts_start_past_escapes() {
        assert_eq!(find(r"to:\njane@example.com"), Some("jane@example.com"));
        assert_eq!(find(r"to:\u000ajane@example.com"), Some("jane@example.com"));
        assert_eq!(find("to=%22jane@example.com%22"), Some("jane@example.com"));
        assert_eq!(find("q=a%0Ajane@example.com"), Some("jane@example.com"));
        let long = format!("{}%0Ajane@example.com", "a".repeat(80));
        assert_eq!(find(&long), Some("jane@example.com"));
        // A `+` or `.` written as an escape is the address's own.
        assert_eq!(
            find("jane%2Bnews@example.com"),
            Some("jane%2Bnews@example.com")
        );
    }

    #[test]
    fn percent_encoded_at_signs() {
        let encoded = |text: &'static str| {
            let pct = text.find("%40")?;
            super::at_encoded(text.as_bytes(), pct).map(|c| &text[c.start..c.end])
        };
        assert_eq!(
            encoded("to=jane.doe%40example.com&x=1"),
            Some("jane.doe%40example.com")
        );
        assert_eq!(
            encoded("mailto%3Ajane.doe%40example.com%3Fsubject"),
            Some("jane.doe%40example.com")
        );
        for text in ["%40types%2Fnode", "user%40localhost", "%40", "a%40b"] {
            assert_eq!(encoded(text), None, "{text}");
        }
    }

    #[test]
    fn near_misses() {
        for text in [
            "user@localhost",
            "icon@2x.png",
            "logo@3x.webp",
            "@mention",
            "a@b.c",
            "x@-bad.com",
            "x@.com",
            "x.@y.com",
            "a@b.c0m",
        ] {
            assert_eq!(find(text), None, "{text}");
        }
    }
}
