//! XML elements named like secrets: `<password>…</password>`, `<ApiKey>…</ApiKey>`,
//! `<db:Password><![CDATA[…]]></db:Password>`. The value is the element's text, when the
//! element closes right after it.

use memchr::memmem;

use super::assign::{self, Shape, is_key};
use super::{Candidate, run_back};
use crate::sanitize::bytes::{before, byte, escape_at, escape_before, past_escape};
use crate::sanitize::enabled::Enabled;
use crate::sanitize::keys::{self, KeyClass, MAX_KEY};

/// Examines the start tag that may end at the `>` at `gt`; returns where the scan goes on.
#[inline(always)]
pub(crate) fn at(
    hay: &[u8],
    gt: usize,
    enabled: &Enabled,
    extra: &[Vec<u8>],
    reads: &mut assign::Reads,
    out: &mut Vec<Candidate>,
) -> usize {
    let next = gt + 1;
    if !enabled.any_assignment()
        || !before(hay, gt).is_ascii_alphanumeric()
        || (extra.is_empty() && !keys::name_may_be_sensitive(hay, gt))
    {
        return next;
    }
    element(hay, gt, &RAW, enabled, extra, reads, out).unwrap_or(next)
}

/// How a tag's `<` and `>` are written.
struct Marks {
    lt: &'static [u8],
    gt: &'static [u8],
}

/// As themselves.
const RAW: Marks = Marks { lt: b"<", gt: b">" };

/// As Go's JSON encoder writes them (`\u003cpassword\u003e…\u003c/password\u003e`).
const ESCAPED: Marks = Marks {
    lt: b"\\u003c",
    gt: b"\\u003e",
};

/// Examines the start tag that may end at the `\u003e` whose first digit is at `p`, as
/// [`at`] does a `>`; `Some` of where the scan goes on when it found an element's value.
#[inline(always)]
pub(crate) fn at_escaped(
    hay: &[u8],
    p: usize,
    enabled: &Enabled,
    extra: &[Vec<u8>],
    reads: &mut assign::Reads,
    out: &mut Vec<Candidate>,
) -> Option<usize> {
    if before(hay, p) != b'u' {
        return None;
    }
    let gt = p.checked_sub(2)?;
    if !hay[gt..].starts_with(ESCAPED.gt)
        || !enabled.any_assignment()
        || !before(hay, gt).is_ascii_alphanumeric()
        || (extra.is_empty() && !keys::name_may_be_sensitive(hay, gt))
    {
        return None;
    }
    element(hay, gt, &ESCAPED, enabled, extra, reads, out)
}

/// The rest of [`at`], out of line.
#[inline(never)]
fn element(
    hay: &[u8],
    gt: usize,
    marks: &Marks,
    enabled: &Enabled,
    extra: &[Vec<u8>],
    reads: &mut assign::Reads,
    out: &mut Vec<Candidate>,
) -> Option<usize> {
    // (An escaped `<` ends in letters and digits that a name's run takes in: `\u003c`.)
    let back = |end: usize, max: usize| {
        let start = run_back(hay, end, max, is_key);
        if marks.lt == RAW.lt {
            start
        } else {
            past_escape(hay, start)
        }
    };
    let name_start = back(gt, MAX_KEY + 1);
    if gt - name_start > MAX_KEY {
        return None;
    }
    // A namespace's prefix (`<db:Password>`) is part of the tag, not of the name.
    let mut open = name_start;
    if before(hay, open) == b':' {
        open = back(open - 1, MAX_KEY);
    }
    if !hay[..open].ends_with(marks.lt) || open == gt {
        return None;
    }
    let class = keys::classify_raw(&hay[name_start..gt], extra);
    if class == KeyClass::Plain {
        return None;
    }
    let from = gt + marks.gt.len();
    let (start, end, close) = if marks.lt == RAW.lt && hay[from..].starts_with(b"<![CDATA[") {
        let start = from + 9;
        // Not past the next section's start: two unterminated ones are not read twice.
        let next = memmem::find(&hay[start..], b"<![CDATA[").map_or(hay.len(), |i| start + i);
        let end = start + memmem::find(&hay[start..next], b"]]>")?;
        (start, end, end + 3)
    } else {
        // Up to the next tag: the reads of two elements never overlap.
        let end = from + memmem::find(&hay[from..], marks.lt)?;
        (from, end, end)
    };
    let tag = &hay[open..gt];
    let name_at = close + marks.lt.len() + 1;
    let closes = hay[close..].starts_with(marks.lt)
        && byte(hay, name_at - 1) == b'/'
        && hay[name_at..].starts_with(tag)
        && hay[name_at + tag.len()..].starts_with(marks.gt);
    if !closes {
        return None;
    }
    let (start, end) = if marks.lt == RAW.lt {
        (start, end)
    } else {
        unescaped_trim(hay, start, end)
    };
    // Quoted: the element's text is the value whatever it holds, `<…>` in a CDATA section too.
    let value = assign::trimmed(hay, start, end, Shape::Quoted, false, reads)?;
    let c = assign::judge(hay, &value, class, false, enabled, reads)?;
    let resume = c.end.max(gt + 1);
    out.push(c);
    Some(resume)
}

/// `start..end` without the escaped line breaks and tabs at its ends (`\n  hunter2\n`);
/// the spaces are left to [`assign::trimmed`].
fn unescaped_trim(hay: &[u8], mut start: usize, mut end: usize) -> (usize, usize) {
    let blank = |b: u8| matches!(b, b' ' | b'\n' | b'\r' | b'\t');
    while start < end {
        match escape_at(hay, start) {
            Some((len, b)) if blank(b) && start + len <= end => start += len,
            _ if hay[start] == b' ' => start += 1,
            _ => break,
        }
    }
    while start < end {
        match escape_before(hay, end) {
            Some((len, b)) if blank(b) && end - len >= start => end -= len,
            _ if hay[end - 1] == b' ' => end -= 1,
            _ => break,
        }
    }
    (start, end)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sanitize::kind::Kind;

    fn found(text: &str) -> Vec<(Kind, &str)> {
        let mut reads = assign::Reads::default();
        let hay = text.as_bytes();
        let mut out = Vec::new();
        let mut i = 0;
        while i < hay.len() {
            i = if hay[i] == b'>' {
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
    fn elements_named_like_secrets() {
        let cases: &[(&str, Kind, &str)] = &[
            ("<password>hunter2</password>", Kind::Password, "hunter2"),
            ("<ApiKey>abc123</ApiKey>", Kind::Password, "abc123"),
            (
                "<db:Password>\n  hunter2\n</db:Password>",
                Kind::Password,
                "hunter2",
            ),
            (
                "<Password><![CDATA[a<b>&c]]></Password>",
                Kind::Password,
                "a<b>&c",
            ),
            ("<pwd>x&amp;y</pwd>", Kind::Password, "x&amp;y"),
            (
                "<webhookKey>q7Xv2LmP9sKd4TzR8wYb</webhookKey>",
                Kind::GenericSecret,
                "q7Xv2LmP9sKd4TzR8wYb",
            ),
        ];
        for (text, kind, value) in cases {
            assert_eq!(found(text), vec![(kind.clone(), *value)], "in {text:?}");
        }
    }

    #[test]
    fn elements_written_by_gos_json_encoder() {
        for (text, kind, value) in [
            (
                r#"{"log":"\u003cpassword\u003eTr0ub4dor3xQz\u003c/password\u003e"}"#,
                Kind::Password,
                "Tr0ub4dor3xQz",
            ),
            (
                r#"\u003cdb:Password\u003e\n  hunter2\n\u003c/db:Password\u003e"#,
                Kind::Password,
                "hunter2",
            ),
            (
                r#"x\u003cApiKey\u003eab\u0026c123\u003c/ApiKey\u003e y"#,
                Kind::Password,
                r"ab\u0026c123",
            ),
        ] {
            assert_eq!(escaped(text), vec![(kind.clone(), value)], "in {text:?}");
        }
        for text in [
            r#"\u003cname\u003eDB_PASSWORD\u003c/name\u003e"#,
            r#"\u003cpassword\u003ehunter2\u003c/passwd\u003e"#,
            r#"\u003cpassword\u003ehunter2</password>"#,
            r#"<password\u003ehunter2\u003c/password\u003e"#,
            r#"password\u003ehunter2\u003c/password\u003e"#,
            r#"\u003cpassword\u003e\u003c/password\u003e"#,
        ] {
            assert_eq!(escaped(text), vec![], "in {text:?}");
        }
    }

    /// What [`at_escaped`] finds from every digit of `text`.
    fn escaped(text: &str) -> Vec<(Kind, &str)> {
        let mut reads = assign::Reads::default();
        let hay = text.as_bytes();
        let mut out = Vec::new();
        let mut i = 0;
        while i < hay.len() {
            i = match at_escaped(hay, i, &Enabled::all(), &[], &mut reads, &mut out) {
                Some(next) if hay[i].is_ascii_digit() => next.max(i + 1),
                _ => i + 1,
            };
        }
        out.into_iter()
            .map(|c| (c.kind, &text[c.start..c.end]))
            .collect()
    }

    #[test]
    fn other_elements_and_near_misses() {
        for text in [
            "<name>DB_PASSWORD</name>",
            "<password></password>",
            "<password><user>x</user></password>",
            "<password>hunter2</passwd>",
            "<passwordPolicy>strict</passwordPolicy>",
            "<pass>12</pass>",
            "a -> password> b",
            "<password>[REDACTED]</password>",
            "<Password><![CDATA[unterminated <Password><![CDATA[x",
        ] {
            assert_eq!(found(text), vec![], "in {text:?}");
        }
    }
}
