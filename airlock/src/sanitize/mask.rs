//! Rewriting the found spans with their masks.

use std::borrow::Cow;
use std::ops::Range;

use super::Sanitizer;
use super::finding::Finding;
use super::strategy::render;

/// Masks `text`. Returns the masked text and where each mask landed in it (for truncation).
///
/// Spans are widened to `char` boundaries first (a custom regex over bytes may end inside a
/// character), so the output is always valid UTF-8.
pub(crate) fn apply_str<'a>(
    sanitizer: &Sanitizer,
    text: &'a str,
    findings: &[Finding],
) -> (Cow<'a, str>, Vec<Range<usize>>) {
    if findings.is_empty() {
        return (Cow::Borrowed(text), Vec::new());
    }
    let snapped = snap_to_chars(text, findings);
    let mut out = Vec::with_capacity(text.len() + 16 * snapped.len());
    let spans = write(
        sanitizer,
        text.as_bytes(),
        0..text.len(),
        &snapped,
        &mut out,
    );
    let masked = match String::from_utf8(out) {
        Ok(masked) => masked,
        // Unreachable: the input is UTF-8, spans are on char boundaries and masks are ASCII
        // or whole slices of the input's characters.
        Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
    };
    (Cow::Owned(masked), spans)
}

/// Masks `bytes`, which need not be UTF-8.
pub(crate) fn apply_bytes<'a>(
    sanitizer: &Sanitizer,
    bytes: &'a [u8],
    findings: &[Finding],
) -> Cow<'a, [u8]> {
    if findings.is_empty() {
        return Cow::Borrowed(bytes);
    }
    let mut out = Vec::with_capacity(bytes.len() + 16 * findings.len());
    write(sanitizer, bytes, 0..bytes.len(), findings, &mut out);
    Cow::Owned(out)
}

/// Appends `hay[range]` to `out`, masked; `findings` lie inside `range`, in order.
pub(crate) fn write_range(
    sanitizer: &Sanitizer,
    hay: &[u8],
    range: Range<usize>,
    findings: &[Finding],
    out: &mut Vec<u8>,
) {
    write(sanitizer, hay, range, findings, out);
}

fn write(
    sanitizer: &Sanitizer,
    hay: &[u8],
    range: Range<usize>,
    findings: &[Finding],
    out: &mut Vec<u8>,
) -> Vec<Range<usize>> {
    let mut spans = Vec::with_capacity(findings.len());
    let mut at = range.start;
    for f in findings {
        out.extend_from_slice(&hay[at..f.start]);
        let mask_start = out.len();
        let strategy = sanitizer.strategies.for_kind(&f.kind);
        render(
            strategy,
            &f.kind,
            &hay[f.start..f.end],
            f.prefix,
            &sanitizer.hash_key,
            out,
        );
        spans.push(mask_start..out.len());
        at = f.end;
    }
    out.extend_from_slice(&hay[at..range.end]);
    spans
}

/// The findings with their spans widened to `char` boundaries and kept disjoint.
fn snap_to_chars(text: &str, findings: &[Finding]) -> Vec<Finding> {
    let mut snapped: Vec<Finding> = Vec::with_capacity(findings.len());
    for f in findings {
        let mut f = f.clone();
        while !text.is_char_boundary(f.start) {
            f.start -= 1;
        }
        while !text.is_char_boundary(f.end) {
            f.end += 1;
        }
        if let Some(prev) = snapped.last() {
            f.start = f.start.max(prev.end);
        }
        if f.start < f.end {
            snapped.push(f);
        }
    }
    snapped
}
