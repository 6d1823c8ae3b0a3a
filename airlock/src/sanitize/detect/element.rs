//! XML elements named like secrets: `<password>…</password>`, `<ApiKey>…</ApiKey>`,
//! `<db:Password><![CDATA[…]]></db:Password>`. The value is the element's text, when the
//! element closes right after it.

use memchr::memmem;

use super::assign::{self, Shape, is_key};
use super::{Candidate, run_back};
use crate::sanitize::bytes::{before, byte};
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
    element(hay, gt, enabled, extra, reads, out).unwrap_or(next)
}

/// The rest of [`at`], out of line.
#[inline(never)]
fn element(
    hay: &[u8],
    gt: usize,
    enabled: &Enabled,
    extra: &[Vec<u8>],
    reads: &mut assign::Reads,
    out: &mut Vec<Candidate>,
) -> Option<usize> {
    let name_start = run_back(hay, gt, MAX_KEY + 1, is_key);
    if gt - name_start > MAX_KEY {
        return None;
    }
    // A namespace's prefix (`<db:Password>`) is part of the tag, not of the name.
    let mut open = name_start;
    if before(hay, open) == b':' {
        open = run_back(hay, open - 1, MAX_KEY, is_key);
    }
    if before(hay, open) != b'<' || open == gt {
        return None;
    }
    let class = keys::classify_raw(&hay[name_start..gt], extra);
    if class == KeyClass::Plain {
        return None;
    }
    let from = gt + 1;
    let (start, end, close) = if hay[from..].starts_with(b"<![CDATA[") {
        let start = from + 9;
        // Not past the next section's start: two unterminated ones are not read twice.
        let next = memmem::find(&hay[start..], b"<![CDATA[").map_or(hay.len(), |i| start + i);
        let end = start + memmem::find(&hay[start..next], b"]]>")?;
        (start, end, end + 3)
    } else {
        // Up to the next tag: the reads of two elements never overlap.
        let end = from + memchr::memchr(b'<', &hay[from..])?;
        (from, end, end)
    };
    let tag = &hay[open..gt];
    let closes = hay[close..].starts_with(b"</")
        && hay[close + 2..].starts_with(tag)
        && byte(hay, close + 2 + tag.len()) == b'>';
    if !closes {
        return None;
    }
    // Quoted: the element's text is the value whatever it holds, `<…>` in a CDATA section too.
    let value = assign::trimmed(hay, start, end, Shape::Quoted, false, reads)?;
    let c = assign::judge(hay, &value, class, false, enabled, reads)?;
    let resume = c.end.max(gt + 1);
    out.push(c);
    Some(resume)
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
