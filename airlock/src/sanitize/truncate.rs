//! Cutting output to a character budget, on a character boundary and never through a mask.

use std::borrow::Cow;
use std::ops::Range;

/// How much an output budget cut.
///
/// ```rust
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// use airlock::sanitize::Sanitizer;
///
/// let s = Sanitizer::builder().budget(64).build()?;
/// let long = "word ".repeat(100);
/// let out = s.sanitize(&long);
/// let cut = out.truncated.ok_or("not cut")?;
/// assert_eq!(out.text.chars().count(), cut.kept_chars + cut.marker_chars);
/// assert!(out.text.chars().count() <= 64);
/// assert!(out.text.ends_with(&format!("…[truncated {} chars]", cut.removed_chars)));
/// # Ok(())
/// # }
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Truncation {
    /// Characters of the masked text that were kept.
    pub kept_chars: usize,
    /// Characters of the masked text that were cut.
    pub removed_chars: usize,
    /// Characters of the marker appended in their place.
    pub marker_chars: usize,
}

fn marker(removed: usize) -> String {
    format!("…[truncated {removed} chars]")
}

/// Cuts `text` so that it and the marker fit in `budget` characters (`budget` is at least
/// [`MIN_BUDGET`](super::MIN_BUDGET), which always leaves room for the marker). A cut that
/// would fall inside one of `masks` (byte ranges of `text`) moves to the mask's start.
pub(crate) fn truncate<'a>(
    text: Cow<'a, str>,
    budget: usize,
    masks: &[Range<usize>],
) -> (Cow<'a, str>, Option<Truncation>) {
    if text.len() <= budget {
        return (text, None);
    }
    let total = text.chars().count();
    if total <= budget {
        return (text, None);
    }
    // The marker for the largest possible count is the longest it can be.
    let room = budget.saturating_sub(marker(total).chars().count());
    let mut cut = text.char_indices().nth(room).map_or(text.len(), |(i, _)| i);
    if let Some(mask) = masks.iter().find(|m| m.start < cut && cut < m.end) {
        cut = mask.start;
    }
    let kept_chars = text[..cut].chars().count();
    let removed_chars = total - kept_chars;
    let marker = marker(removed_chars);
    let marker_chars = marker.chars().count();
    let mut out = String::with_capacity(cut + marker.len());
    out.push_str(&text[..cut]);
    out.push_str(&marker);
    (
        Cow::Owned(out),
        Some(Truncation {
            kept_chars,
            removed_chars,
            marker_chars,
        }),
    )
}

/// Cuts already-masked `text` to `budget` characters, keeping its mask tokens whole.
pub(crate) fn truncate_masked(
    text: Cow<'_, str>,
    budget: usize,
) -> (Cow<'_, str>, Option<Truncation>) {
    let budget = budget.max(super::MIN_BUDGET);
    if text.len() <= budget {
        return (text, None);
    }
    let hay = text.as_bytes();
    let tokens: Vec<Range<usize>> = memchr::memchr_iter(b'[', hay)
        .filter_map(|at| super::detect::mask_token_len(hay, at).map(|len| at..at + len))
        .collect();
    truncate(text, budget, &tokens)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fits_untouched() {
        let (out, cut) = truncate(Cow::Borrowed("short"), 64, &[]);
        assert!(matches!(out, Cow::Borrowed("short")) && cut.is_none());
        let wide = "é".repeat(64);
        let (out, cut) = truncate(Cow::Borrowed(&wide), 64, &[]);
        assert_eq!(out, wide);
        assert!(cut.is_none());
    }

    #[test]
    fn cuts_on_char_boundaries_within_budget() {
        for budget in [64, 65, 100, 257] {
            let text = "héllo wörld ✓ ".repeat(50);
            let (out, cut) = truncate(Cow::Borrowed(&text), budget, &[]);
            let cut = cut.unwrap();
            assert!(out.chars().count() <= budget, "{budget}");
            assert_eq!(cut.kept_chars + cut.removed_chars, text.chars().count());
            assert!(text.starts_with(&out[..out.len() - marker(cut.removed_chars).len()]));
        }
    }

    #[test]
    fn masked_text_keeps_its_tokens_whole() {
        let text = format!("{}[CREDIT_CARD] tail {}", "a".repeat(30), "b".repeat(100));
        for budget in [0, 40, 64, 70] {
            let (out, cut) = truncate_masked(Cow::Borrowed(&text), budget);
            assert!(cut.is_some());
            assert!(out.chars().count() <= budget.max(64), "{out}");
            assert!(!out.contains("[CREDIT_C…"), "{out}");
        }
    }

    #[test]
    fn never_cuts_through_a_mask() {
        let text = format!("{}[CREDIT_CARD] tail {}", "a".repeat(30), "b".repeat(100));
        let mask = 30..43;
        let (out, cut) = truncate(Cow::Borrowed(&text), 64, std::slice::from_ref(&mask));
        let cut = cut.unwrap();
        assert!(cut.kept_chars <= 30 || cut.kept_chars >= 43, "{out}");
        assert!(!out.contains("[CREDIT_C…"), "{out}");
    }
}
