//! The classes of 64 bytes at once, as bitmaps: the bytes the scan starts a detector from
//! ([`triggers`]), and the letters, digits and separators the walk over a token reads
//! ([`Classes`]) instead of testing one byte at a time, so a token's length costs a few bit
//! operations rather than a mispredicted branch where it ends.
//!
//! On x86-64 the bytes are classified sixteen at a time with SSE2, which every x86-64 has
//! (through `safe_arch`, so without `unsafe` here); elsewhere one byte at a time.

use super::bytes::{ALPHA, WORD, byte, class, is_word};

/// How many bytes one [`Classes`] describes.
pub(crate) const SPAN: usize = 64;

/// Bit `i` of each map is set when `hay[at + i]` is in that class. Bytes past the end of
/// the haystack are in none.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Classes {
    /// Letters, digits and `_`.
    pub(crate) word: u64,
    /// Letters and `_`.
    pub(crate) alpha: u64,
    /// The separators that join the groups of a token: `.`, `:`, `-` and `/`.
    pub(crate) tight: u64,
    pub(crate) dot: u64,
    pub(crate) colon: u64,
    pub(crate) slash: u64,
}

impl Classes {
    /// The classes of `hay[at..at + SPAN]`.
    #[inline]
    fn at(hay: &[u8], at: usize) -> Classes {
        span_at(hay, at, Classes::of)
    }

    /// The classes of `bytes`, of which the first `live` sixteens hold haystack (the rest
    /// are padding, in no class).
    #[inline]
    fn of(bytes: &[u8; SPAN], live: usize) -> Classes {
        let (chunks, _) = bytes.as_chunks::<16>();
        let mut all = Classes::default();
        for (k, chunk) in chunks.iter().enumerate().take(live) {
            let part = sixteen(chunk);
            let shift = 16 * k;
            all.word |= u64::from(part.word) << shift;
            all.alpha |= u64::from(part.alpha) << shift;
            all.tight |= u64::from(part.tight) << shift;
            all.dot |= u64::from(part.dot) << shift;
            all.colon |= u64::from(part.colon) << shift;
            all.slash |= u64::from(part.slash) << shift;
        }
        all
    }
}

/// The maps of sixteen bytes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Sixteen {
    word: u16,
    alpha: u16,
    tight: u16,
    dot: u16,
    colon: u16,
    slash: u16,
}

/// The classes of one aligned window, `hay[base..base + SPAN]`, and what the token walk of
/// `numeric` reads from them: which bytes are inside a token (word bytes, and single
/// separators between two word bytes) and which letters follow such a separator. The bytes
/// either side of the window are read too, so every bit is decided within the window.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Window {
    pub(crate) base: usize,
    pub(crate) classes: Classes,
    /// Word bytes, and the separators with a word byte on both sides of them.
    pub(crate) inside: u64,
    /// The joining separators with a letter right after them (the last may have it in the
    /// window after): where a number followed by a word ends, as in `1.2.3-beta`.
    pub(crate) cuts: u64,
}

impl Window {
    /// The window at `base`, a multiple of `SPAN`.
    #[inline(always)]
    fn at(hay: &[u8], base: usize) -> Window {
        let classes = Classes::at(hay, base);
        let word = classes.word;
        // Bytes before the start or past the end read as 0, which is in no class.
        let word_before = base.checked_sub(1).is_some_and(|i| is_word(byte(hay, i)));
        let after = class(byte(hay, base + SPAN));
        let word_after = after & WORD != 0;
        let alpha_after = after & ALPHA != 0;
        let joins = classes.tight
            & ((word << 1) | u64::from(word_before))
            & ((word >> 1) | u64::from(word_after) << (SPAN - 1));
        Window {
            base,
            classes,
            inside: word | joins,
            cuts: joins & ((classes.alpha >> 1) | u64::from(alpha_after) << (SPAN - 1)),
        }
    }
}

/// The scan's view of a haystack, one aligned window at a time: it finds trigger bytes and
/// hands the detectors the classes of the window they are in, mapping each window once
/// however many triggers and tokens in it are asked about. (The scan moves forward, so one
/// window of each kind is kept.)
pub(crate) struct Windows<'h> {
    hay: &'h [u8],
    /// The window whose trigger map `triggers` is (`usize::MAX`: none yet).
    triggers_base: usize,
    triggers: u64,
    /// The last window asked for (at first one at `usize::MAX`, which no window is at).
    window: Window,
}

impl<'h> Windows<'h> {
    pub(crate) fn new(hay: &'h [u8]) -> Self {
        Windows {
            hay,
            triggers_base: usize::MAX,
            triggers: 0,
            window: Window {
                base: usize::MAX,
                classes: Classes::default(),
                inside: 0,
                cuts: 0,
            },
        }
    }

    pub(crate) fn hay(&self) -> &'h [u8] {
        self.hay
    }

    /// The first trigger at or after `from`.
    #[inline]
    pub(crate) fn next_trigger(&mut self, from: usize) -> Option<usize> {
        let mut base = from - from % SPAN;
        let mut bits = self.triggers(base) & (u64::MAX << (from - base));
        while bits == 0 {
            base += SPAN;
            if base >= self.hay.len() {
                return None;
            }
            bits = self.triggers(base);
        }
        Some(base + bits.trailing_zeros() as usize)
    }

    /// The trigger map of the window at `base` (a multiple of `SPAN`).
    #[inline]
    fn triggers(&mut self, base: usize) -> u64 {
        if base != self.triggers_base {
            self.triggers_base = base;
            self.triggers = triggers(self.hay, base);
        }
        self.triggers
    }

    /// The window at `base` (a multiple of `SPAN`).
    #[inline]
    pub(crate) fn window(&mut self, base: usize) -> &Window {
        if self.window.base != base {
            self.map_window(base);
        }
        &self.window
    }

    /// Maps the window at `base` in place. (Out of line and writing the cache's fields
    /// directly: a window built elsewhere and copied in is read back, 16 bytes at a time,
    /// from the 8-byte stores that wrote it, which the processor cannot forward.)
    #[inline(never)]
    fn map_window(&mut self, base: usize) {
        self.window = Window::at(self.hay, base);
    }
}

/// Bit `i` set when `hay[at + i]` is a digit, `:`, `=`, `@` or `>` (the end of an XML start
/// tag): a byte a detector starts from. Bytes past the end of the haystack are none.
#[inline]
pub(crate) fn triggers(hay: &[u8], at: usize) -> u64 {
    span_at(hay, at, |bytes, live| {
        let (chunks, _) = bytes.as_chunks::<16>();
        chunks
            .iter()
            .enumerate()
            .take(live)
            .fold(0, |all, (k, chunk)| {
                all | u64::from(sixteen_triggers(chunk)) << (16 * k)
            })
    })
}

/// `f` of `hay[at..at + SPAN]`, padded past the end with zero bytes, which are in no class,
/// and of how many sixteens hold haystack: a short haystack's padding is not classified.
#[inline(always)]
fn span_at<T>(hay: &[u8], at: usize, f: impl Fn(&[u8; SPAN], usize) -> T) -> T {
    let rest = hay.get(at..).unwrap_or_default();
    match rest.first_chunk::<SPAN>() {
        Some(bytes) => f(bytes, SPAN / 16),
        None => {
            let mut padded = [0u8; SPAN];
            padded[..rest.len()].copy_from_slice(rest);
            f(&padded, rest.len().div_ceil(16))
        }
    }
}

/// The classes of the sixteen bytes a name filter reads (bit `i` for `bytes[i]`): lowercase
/// and capital letters, digits, and the separators between a name's words (`_`, `-`, `.`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct NameBytes {
    pub(crate) lower: u16,
    pub(crate) upper: u16,
    pub(crate) digit: u16,
    pub(crate) sep: u16,
}

/// [`NameBytes`] of `bytes`, sixteen at once where SSE2 is there.
#[inline]
pub(crate) fn name_bytes(bytes: &[u8; 16]) -> NameBytes {
    #[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
    {
        let v = load_unaligned_m128i(bytes);
        let sep = bitor_m128i(
            bitor_m128i(
                cmp_eq_mask_i8_m128i(v, splat(b'_')),
                cmp_eq_mask_i8_m128i(v, splat(b'-')),
            ),
            cmp_eq_mask_i8_m128i(v, splat(b'.')),
        );
        NameBytes {
            lower: bits(within(v, b'a', 25)),
            upper: bits(within(v, b'A', 25)),
            digit: bits(within(v, b'0', 9)),
            sep: bits(sep),
        }
    }
    #[cfg(not(all(target_arch = "x86_64", target_feature = "sse2")))]
    {
        name_bytes_one_at_a_time(bytes)
    }
}

/// [`name_bytes`] one byte at a time: the portable form, and the reference the vector form
/// is tested against.
#[cfg_attr(all(target_arch = "x86_64", target_feature = "sse2"), allow(dead_code))]
fn name_bytes_one_at_a_time(bytes: &[u8; 16]) -> NameBytes {
    let mut n = NameBytes::default();
    for (i, &b) in bytes.iter().enumerate() {
        let bit = 1u16 << i;
        if b.is_ascii_lowercase() {
            n.lower |= bit;
        }
        if b.is_ascii_uppercase() {
            n.upper |= bit;
        }
        if b.is_ascii_digit() {
            n.digit |= bit;
        }
        if matches!(b, b'_' | b'-' | b'.') {
            n.sep |= bit;
        }
    }
    n
}

#[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
use safe_arch::{
    bitor_m128i, cmp_eq_mask_i8_m128i, load_unaligned_m128i, m128i, min_u8_m128i,
    move_mask_i8_m128i, set_splat_i8_m128i, sub_i8_m128i,
};

#[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
#[inline(always)]
fn splat(b: u8) -> m128i {
    set_splat_i8_m128i(i8::from_ne_bytes([b]))
}

/// Lanes of `x` in `low..=low + span`: one subtraction, a minimum and a compare.
#[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
#[inline(always)]
fn within(x: m128i, low: u8, span: u8) -> m128i {
    let shifted = sub_i8_m128i(x, splat(low));
    cmp_eq_mask_i8_m128i(min_u8_m128i(shifted, splat(span)), shifted)
}

/// One bit per lane: `move_mask` gathers the top bit of each of the sixteen bytes, so the
/// cast keeps every bit.
#[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
#[inline(always)]
fn bits(mask: m128i) -> u16 {
    move_mask_i8_m128i(mask) as u16
}

#[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
#[inline(always)]
fn sixteen_triggers(bytes: &[u8; 16]) -> u16 {
    let v = load_unaligned_m128i(bytes);
    // `0`-`9` and `:` are adjacent.
    let digit_or_colon = within(v, b'0', 10);
    let assign_or_at = bitor_m128i(
        cmp_eq_mask_i8_m128i(v, splat(b'=')),
        cmp_eq_mask_i8_m128i(v, splat(b'@')),
    );
    let tag_end = cmp_eq_mask_i8_m128i(v, splat(b'>'));
    bits(bitor_m128i(
        bitor_m128i(digit_or_colon, assign_or_at),
        tag_end,
    ))
}

#[cfg(not(all(target_arch = "x86_64", target_feature = "sse2")))]
#[inline]
fn sixteen_triggers(bytes: &[u8; 16]) -> u16 {
    triggers_one_at_a_time(bytes)
}

#[cfg_attr(all(target_arch = "x86_64", target_feature = "sse2"), allow(dead_code))]
fn triggers_one_at_a_time(bytes: &[u8; 16]) -> u16 {
    bytes.iter().enumerate().fold(0, |all, (i, &b)| {
        all | u16::from(b.is_ascii_digit() || matches!(b, b':' | b'=' | b'@' | b'>')) << i
    })
}

#[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
#[inline(always)]
fn sixteen(bytes: &[u8; 16]) -> Sixteen {
    let v = load_unaligned_m128i(bytes);
    let digit = within(v, b'0', 9);
    // Setting bit 5 folds `A-Z` onto `a-z` and moves no other byte into that range.
    let letter = within(bitor_m128i(v, splat(0x20)), b'a', 25);
    let alpha = bitor_m128i(letter, cmp_eq_mask_i8_m128i(v, splat(b'_')));
    let dot = cmp_eq_mask_i8_m128i(v, splat(b'.'));
    let colon = cmp_eq_mask_i8_m128i(v, splat(b':'));
    let slash = cmp_eq_mask_i8_m128i(v, splat(b'/'));
    let dash = cmp_eq_mask_i8_m128i(v, splat(b'-'));
    let tight = bitor_m128i(bitor_m128i(dot, colon), bitor_m128i(slash, dash));
    Sixteen {
        word: bits(bitor_m128i(alpha, digit)),
        alpha: bits(alpha),
        tight: bits(tight),
        dot: bits(dot),
        colon: bits(colon),
        slash: bits(slash),
    }
}

#[cfg(not(all(target_arch = "x86_64", target_feature = "sse2")))]
#[inline]
fn sixteen(bytes: &[u8; 16]) -> Sixteen {
    one_at_a_time(bytes)
}

/// The maps of sixteen bytes, one byte at a time: the portable form, and the reference the
/// vector form is tested against.
#[cfg_attr(all(target_arch = "x86_64", target_feature = "sse2"), allow(dead_code))]
fn one_at_a_time(bytes: &[u8; 16]) -> Sixteen {
    let mut s = Sixteen::default();
    for (i, &b) in bytes.iter().enumerate() {
        let bit = 1u16 << i;
        let alpha = b.is_ascii_alphabetic() || b == b'_';
        if alpha {
            s.alpha |= bit;
        }
        if alpha || b.is_ascii_digit() {
            s.word |= bit;
        }
        if matches!(b, b'.' | b':' | b'-' | b'/') {
            s.tight |= bit;
        }
        match b {
            b'.' => s.dot |= bit,
            b':' => s.colon |= bit,
            b'/' => s.slash |= bit,
            _ => {}
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_byte_in_every_lane_matches_the_bytewise_form() {
        for b in 0..=255u8 {
            for lane in 0..16 {
                let mut bytes = *b"a0._:-/ Z9\xff\x80@`[{";
                bytes[lane] = b;
                assert_eq!(
                    sixteen(&bytes),
                    one_at_a_time(&bytes),
                    "byte {b:#x} lane {lane}"
                );
            }
        }
    }

    #[test]
    fn name_bytes_in_every_lane_match_the_bytewise_form() {
        for b in 0..=255u8 {
            for lane in 0..16 {
                let mut bytes = *b"aZ0_-.9z@`[{/:\xff\x80";
                bytes[lane] = b;
                assert_eq!(
                    name_bytes(&bytes),
                    name_bytes_one_at_a_time(&bytes),
                    "byte {b:#x} lane {lane}"
                );
            }
        }
    }

    #[test]
    fn maps_cover_sixty_four_bytes_and_nothing_past_the_end() {
        let hay = b"ab1.2:3-4/5_ x=@".repeat(8);
        for at in [
            0,
            1,
            17,
            hay.len() - 70,
            hay.len() - 3,
            hay.len(),
            hay.len() + 5,
        ] {
            let c = Classes::at(&hay, at);
            for i in 0..SPAN {
                let b = hay.get(at + i).copied();
                let bit = |map: u64| map >> i & 1 == 1;
                let word = b.is_some_and(|b| b.is_ascii_alphanumeric() || b == b'_');
                assert_eq!(bit(c.word), word, "at {at} + {i}");
                assert_eq!(bit(c.tight), b.is_some_and(|b| b".:-/".contains(&b)));
                assert_eq!(bit(c.dot), b == Some(b'.'));
                assert_eq!(bit(c.colon), b == Some(b':'));
                assert_eq!(bit(c.slash), b == Some(b'/'));
                assert_eq!(
                    bit(c.alpha),
                    b.is_some_and(|b| b.is_ascii_alphabetic() || b == b'_')
                );
            }
        }
    }

    #[test]
    fn a_window_decides_its_token_bytes_with_the_bytes_either_side() {
        let text = b"a.b 1-2 -x- x..y 3:4: _/z 9.Q 12.Next 0/ab 7..c";
        // Shifted by every amount, so each byte meets a window's edge on either side.
        for shift in 0..SPAN {
            let mut hay = vec![b' '; shift];
            hay.extend_from_slice(&text.repeat(3));
            let at_all = |i: usize, f: fn(u8) -> bool| i < hay.len() && f(hay[i]);
            let word = |i: usize| at_all(i, is_word);
            let alpha = |i: usize| at_all(i, |b| b.is_ascii_alphabetic() || b == b'_');
            let tight = |i: usize| at_all(i, |b| b".:-/".contains(&b));
            let joins = |i: usize| tight(i) && i > 0 && word(i - 1) && word(i + 1);
            for base in (0..hay.len()).step_by(SPAN) {
                let w = Window::at(&hay, base);
                for i in 0..SPAN {
                    let at = base + i;
                    let bit = |map: u64| map >> i & 1 == 1;
                    assert_eq!(bit(w.inside), word(at) || joins(at), "inside at {at}");
                    assert_eq!(bit(w.cuts), joins(at) && alpha(at + 1), "cuts at {at}");
                }
            }
        }
    }

    #[test]
    fn windows_find_every_trigger_in_order() {
        let text: Vec<u8> = (0..2000u32)
            .map(|i| match (i % 7, i % 45, i % 101, i % 131) {
                (0, ..) => b'1',
                (_, 3, ..) => b':',
                (_, _, 5, _) => b'=',
                (.., 9) => b'@',
                (.., 17) => b'>',
                _ => b'x',
            })
            .collect();
        let want: Vec<usize> = text
            .iter()
            .enumerate()
            .filter(|(_, b)| b.is_ascii_digit() || b":=@>".contains(b))
            .map(|(i, _)| i)
            .collect();
        let mut got = Vec::new();
        let mut windows = Windows::new(&text);
        let mut pos = 0;
        while let Some(p) = windows.next_trigger(pos) {
            got.push(p);
            pos = p + 1;
        }
        assert_eq!(got, want);
    }
}
