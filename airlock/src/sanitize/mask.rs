//! Rewriting the found spans with their masks.

use std::borrow::Cow;
use std::ops::Range;

use super::Sanitizer;
use super::finding::Finding;
use super::report::Report;
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
    let mut masked = String::with_capacity(text.len() + 16 * snapped.len());
    let mut spans = Vec::with_capacity(snapped.len());
    let mut mask = Vec::with_capacity(64);
    let mut at = 0;
    for f in &snapped {
        masked.push_str(&text[at..f.start]);
        mask.clear();
        render_finding(sanitizer, text.as_bytes(), f, &mut mask);
        let start = masked.len();
        // Masks are ASCII or whole characters of the input, so they are UTF-8; were one not,
        // its lossy form would still never let a byte of the input through.
        match std::str::from_utf8(&mask) {
            Ok(mask) => masked.push_str(mask),
            Err(_) => masked.push_str(&String::from_utf8_lossy(&mask)),
        }
        spans.push(start..masked.len());
        at = f.end;
    }
    masked.push_str(&text[at..]);
    (Cow::Owned(masked), spans)
}

/// `text` masked, with what was found counted in `report`; `None` when nothing was (most
/// texts: then nothing is built).
pub(crate) fn counted(sanitizer: &Sanitizer, text: &str, report: &mut Report) -> Option<String> {
    let findings = sanitizer.find(text.as_bytes());
    if findings.is_empty() {
        return None;
    }
    report.add_findings(&findings);
    Some(apply_str(sanitizer, text, &findings).0.into_owned())
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
    write_range(sanitizer, bytes, 0..bytes.len(), findings, &mut out);
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
    let mut at = range.start;
    for f in findings {
        out.extend_from_slice(&hay[at..f.start]);
        render_finding(sanitizer, hay, f, out);
        at = f.end;
    }
    out.extend_from_slice(&hay[at..range.end]);
}

/// Appends the mask of `f` (a span of `hay`) under the strategy for its kind.
fn render_finding(sanitizer: &Sanitizer, hay: &[u8], f: &Finding, out: &mut Vec<u8>) {
    let strategy = sanitizer.strategies.for_kind(&f.kind);
    render(
        strategy,
        &f.kind,
        &hay[f.start..f.end],
        f.prefix,
        &sanitizer.hash_key,
        out,
    );
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
