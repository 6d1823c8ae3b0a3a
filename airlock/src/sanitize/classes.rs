//! The classes of 64 bytes at once, as bitmaps: what the walk over a token reads instead of
//! testing one byte at a time, so its length costs a few bit operations rather than a
//! mispredicted branch where it ends.
//!
//! On x86-64 the bytes are classified sixteen at a time with SSE2, which every x86-64 has
//! (through `safe_arch`, so without `unsafe` here); elsewhere one byte at a time.

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
    pub(crate) dot: u64,
    pub(crate) colon: u64,
    pub(crate) dash: u64,
    pub(crate) slash: u64,
}

impl Classes {
    /// The classes of `hay[at..at + SPAN]`.
    #[inline]
    pub(crate) fn at(hay: &[u8], at: usize) -> Classes {
        let rest = hay.get(at..).unwrap_or_default();
        match rest.first_chunk::<SPAN>() {
            Some(bytes) => Classes::of(bytes),
            None => {
                let mut padded = [0u8; SPAN];
                padded[..rest.len()].copy_from_slice(rest);
                Classes::of(&padded)
            }
        }
    }

    /// The separators that join the groups of a token: `.`, `:`, `-` and `/`.
    #[inline]
    pub(crate) fn tight(&self) -> u64 {
        self.dot | self.colon | self.dash | self.slash
    }

    #[inline]
    fn of(bytes: &[u8; SPAN]) -> Classes {
        let (chunks, _) = bytes.as_chunks::<16>();
        let mut all = Classes::default();
        for (k, chunk) in chunks.iter().enumerate() {
            let part = sixteen(chunk);
            let shift = 16 * k;
            all.word |= u64::from(part.word) << shift;
            all.alpha |= u64::from(part.alpha) << shift;
            all.dot |= u64::from(part.dot) << shift;
            all.colon |= u64::from(part.colon) << shift;
            all.dash |= u64::from(part.dash) << shift;
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
    dot: u16,
    colon: u16,
    dash: u16,
    slash: u16,
}

#[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
#[inline(always)]
fn sixteen(bytes: &[u8; 16]) -> Sixteen {
    use safe_arch::{
        bitor_m128i, cmp_eq_mask_i8_m128i, load_unaligned_m128i, min_u8_m128i, move_mask_i8_m128i,
        set_splat_i8_m128i, sub_i8_m128i,
    };
    let splat = |b: u8| set_splat_i8_m128i(i8::from_ne_bytes([b]));
    let v = load_unaligned_m128i(bytes);
    // `x - low <= span` as unsigned bytes: one subtraction, a minimum and a compare.
    let within = |x, low: u8, span: u8| {
        let shifted = sub_i8_m128i(x, splat(low));
        cmp_eq_mask_i8_m128i(min_u8_m128i(shifted, splat(span)), shifted)
    };
    let digit = within(v, b'0', 9);
    // Setting bit 5 folds `A-Z` onto `a-z` and moves no other byte into that range.
    let letter = within(bitor_m128i(v, splat(0x20)), b'a', 25);
    let alpha = bitor_m128i(letter, cmp_eq_mask_i8_m128i(v, splat(b'_')));
    // `move_mask` gathers the top bit of each byte: exactly sixteen bits, so the cast keeps all.
    let bits = |mask| move_mask_i8_m128i(mask) as u16;
    Sixteen {
        word: bits(bitor_m128i(alpha, digit)),
        alpha: bits(alpha),
        dot: bits(cmp_eq_mask_i8_m128i(v, splat(b'.'))),
        colon: bits(cmp_eq_mask_i8_m128i(v, splat(b':'))),
        dash: bits(cmp_eq_mask_i8_m128i(v, splat(b'-'))),
        slash: bits(cmp_eq_mask_i8_m128i(v, splat(b'/'))),
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
        match b {
            b'.' => s.dot |= bit,
            b':' => s.colon |= bit,
            b'-' => s.dash |= bit,
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
    fn maps_cover_sixty_four_bytes_and_nothing_past_the_end() {
        let hay = b"ab1.2:3-4/5_ x".repeat(8);
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
                assert_eq!(bit(c.tight()), b.is_some_and(|b| b".:-/".contains(&b)));
                assert_eq!(
                    bit(c.alpha),
                    b.is_some_and(|b| b.is_ascii_alphabetic() || b == b'_')
                );
            }
        }
    }
}
