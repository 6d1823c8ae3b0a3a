//! How the scan reads single bytes: a byte past either end of the input reads as 0, and
//! one table gives each byte's classes. The detectors and the 64-byte classifier (`classes`)
//! share it.

/// The byte at `i`, or 0 (a byte no detector accepts) past either end.
#[inline]
pub(super) fn byte(hay: &[u8], i: usize) -> u8 {
    hay.get(i).copied().unwrap_or(0)
}

/// The byte before `i`, or 0 at the start.
#[inline]
pub(super) fn before(hay: &[u8], i: usize) -> u8 {
    if i == 0 { 0 } else { byte(hay, i - 1) }
}

/// Byte classes, looked up in one table on the hot paths.
pub(super) const WORD: u8 = 1;
/// A letter or `_` (also a `WORD`): what makes a token an identifier rather than a number.
pub(super) const ALPHA: u8 = 2;
/// A separator that joins the groups of a token: `-`, `.`, `/`, `:`.
pub(super) const TIGHT: u8 = 4;
/// A character of a key name: a `WORD`, `-` or `.`.
pub(super) const KEY: u8 = 8;
/// A letter or digit.
pub(super) const ALNUM: u8 = 16;

pub(super) static CLASS: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        table[b] = if c.is_ascii_alphabetic() {
            WORD | ALPHA | KEY | ALNUM
        } else if c == b'_' {
            WORD | ALPHA | KEY
        } else if c.is_ascii_digit() {
            WORD | KEY | ALNUM
        } else if matches!(c, b'-' | b'.') {
            TIGHT | KEY
        } else if matches!(c, b'/' | b':') {
            TIGHT
        } else {
            0
        };
        b += 1;
    }
    table
};

/// The class bits of `b`.
#[inline(always)]
pub(super) fn class(b: u8) -> u8 {
    CLASS[usize::from(b)]
}

/// Letters, digits and `_`: the characters of an identifier or a word.
#[inline(always)]
pub(super) fn is_word(b: u8) -> bool {
    class(b) & WORD != 0
}
