//! How the scan reads single bytes: a byte past either end of the input reads as 0, and
//! one table gives each byte's classes. The detectors and the 64-byte classifier (`classes`)
//! share it. The detectors also read the bytes right before a value through the escapes of
//! escaped text (`\n`, `\u000a`, `%0A`), which stand for the character they encode.

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

// Escapes: how a JSON string, `Debug` output, a Python `repr` or a URL writes a character.
// Tool output is very often escaped text, and a value right after an escape starts there as
// it would after the character the escape stands for: `keys:\nghp_…`, `card:\n4111 …`,
// `?next=%2Fcb%3Ftoken%3Dghp_…`. Every left-boundary check of a detector reads the byte
// before a value through these ([`unescaped_before`]), and every run of letters and digits
// read back to its start skips an escape's tail at its front ([`past_escape`]).

/// Whether the `\` at `i` starts an escape rather than ends one (`\\`): it is preceded by an
/// even number of backslashes. (Read back at most 64 bytes: a longer run of backslashes is
/// no escaped text, and either answer is harmless there.)
fn opens_escape(hay: &[u8], i: usize) -> bool {
    let run = hay[i.saturating_sub(64)..i]
        .iter()
        .rev()
        .take_while(|&&b| b == b'\\')
        .count();
    run % 2 == 0
}

/// The value of the `n` hex digits at `hay[at..]`, if they all are.
fn hex(hay: &[u8], at: usize, n: usize) -> Option<u32> {
    let digits = hay.get(at..at + n)?;
    digits.iter().try_fold(0u32, |acc, &b| {
        char::from(b).to_digit(16).map(|d| acc << 4 | d)
    })
}

/// The escape that starts at `i`, if one does: its length and the byte it stands for (for a
/// character outside ASCII, 0x80, which no detector reads as part of a value).
///
/// Escapes are `\n`, `\t`, `\r`, `\b`, `\f`, `\"`, `\'`, `\/`, `\\` (JSON and `Debug`),
/// `\uXXXX` (JSON), `\xXX` (Python and C), and `%XX` (URLs).
pub(super) fn escape_at(hay: &[u8], i: usize) -> Option<(usize, u8)> {
    let code = |value: u32| {
        u8::try_from(value)
            .ok()
            .filter(u8::is_ascii)
            .unwrap_or(0x80)
    };
    match byte(hay, i) {
        b'%' => hex(hay, i + 1, 2).map(|v| (3, code(v))),
        b'\\' if opens_escape(hay, i) => match byte(hay, i + 1) {
            b'n' => Some((2, b'\n')),
            b't' => Some((2, b'\t')),
            b'r' => Some((2, b'\r')),
            b'b' => Some((2, 0x08)),
            b'f' => Some((2, 0x0c)),
            c @ (b'"' | b'\'' | b'/' | b'\\') => Some((2, c)),
            b'u' => hex(hay, i + 2, 4).map(|v| (6, code(v))),
            b'x' => hex(hay, i + 2, 2).map(|v| (4, code(v))),
            _ => None,
        },
        _ => None,
    }
}

/// The escape that ends right before `i`, if one does: its length and the byte it stands for.
pub(super) fn escape_before(hay: &[u8], i: usize) -> Option<(usize, u8)> {
    // (An escape's length says where it starts: 2 for `\n`, 3 for `%0A`, 4 for `\x0a`, 6
    // for `\u000a`; its first byte is looked at before the rest.)
    [(2, b'\\'), (3, b'%'), (4, b'\\'), (6, b'\\')]
        .into_iter()
        .find_map(|(len, first)| {
            let start = i.checked_sub(len)?;
            if byte(hay, start) != first {
                return None;
            }
            escape_at(hay, start).filter(|&(n, _)| n == len)
        })
}

/// The character before `i` as the text means it: the byte before `i`, or the byte an
/// escape that ends there stands for (`\n` before `ghp_…` is a line break, not an `n`).
#[inline]
pub(super) fn unescaped_before(hay: &[u8], i: usize) -> u8 {
    let b = before(hay, i);
    // Every escape that ends in a byte other than a letter or digit stands for that byte
    // (`\"`, `\/`, `\\`), and those that end in one end in a hex digit or `n`, `t`, `r`.
    if (b.is_ascii_hexdigit() || matches!(b, b'n' | b't' | b'r'))
        && let Some((_, decoded)) = escape_before(hay, i)
    {
        decoded
    } else {
        b
    }
}

/// Where a run of bytes of a class that holds the letters and digits, read back to `start`,
/// really starts: past the tail of an escape that begins right before it (`n` of `\n`,
/// `0A` of `%0A`, `u000a` of `\u000a`, or `000a` of it in a run of hex digits).
#[inline]
pub(super) fn past_escape(hay: &[u8], start: usize) -> usize {
    // The run stopped at a byte of the escape that is no letter or digit, or (a run of hex
    // digits) at its `u` or `x`; most runs stop elsewhere.
    if matches!(before(hay, start), b'\\' | b'%' | b'u' | b'x') {
        tail_end(hay, start)
    } else {
        start
    }
}

/// The end of the escape whose tail covers `start`, or `start`.
fn tail_end(hay: &[u8], start: usize) -> usize {
    // Escapes are at most six bytes long, so the one that covers `start` begins at most five
    // bytes before it.
    (start.saturating_sub(5)..start)
        .rev()
        .find_map(|i| {
            escape_at(hay, i)
                .map(|(len, _)| i + len)
                .filter(|&end| end > start)
        })
        .unwrap_or(start)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_and_what_they_stand_for() {
        for (text, at, escape) in [
            (&br"a\nb"[..], 1, Some((2, b'\n'))),
            (br"\t", 0, Some((2, b'\t'))),
            (br#"\""#, 0, Some((2, b'"'))),
            (br"\/", 0, Some((2, b'/'))),
            (br"\u000a", 0, Some((6, b'\n'))),
            (br"\u003D", 0, Some((6, b'='))),
            (br"\u00e9", 0, Some((6, 0x80))),
            (br"\x0a", 0, Some((4, b'\n'))),
            (b"%0A", 0, Some((3, b'\n'))),
            (b"%3d", 0, Some((3, b'='))),
            (b"%C3", 0, Some((3, 0x80))),
            // Not escapes: a backslash escaped itself, unknown letters, too few hex digits.
            (br"\\n", 1, None),
            (br"\q", 0, None),
            (br"\u00", 0, None),
            (b"%0", 0, None),
            (b"%zz", 0, None),
            (b"abc", 1, None),
        ] {
            assert_eq!(
                escape_at(text, at),
                escape,
                "{}",
                String::from_utf8_lossy(text)
            );
        }
        // Three backslashes: an escaped one, then an escape.
        assert_eq!(escape_at(br"\\\n", 2), Some((2, b'\n')));
    }

    #[test]
    fn the_character_before_a_value() {
        for (text, at, want) in [
            (&br"keys:\nghp_"[..], 7, b'\n'),
            (br"x\u000aAKIA", 7, b'\n'),
            (b"%3Dghp_", 3, b'='),
            (b"%2f4111", 3, b'/'),
            (br"\\nghp_", 3, b'n'),
            (b"xghp_", 1, b'x'),
            (b" ghp_", 1, b' '),
            (b"ghp_", 0, 0),
        ] {
            assert_eq!(
                unescaped_before(text, at),
                want,
                "{}",
                String::from_utf8_lossy(text)
            );
        }
    }

    #[test]
    fn a_run_starts_past_the_tail_of_an_escape() {
        for (text, start, want) in [
            (&br"\n4111"[..], 1, 2),
            (br"\u000a4111", 1, 6),
            // A run of hex digits read back stops at the `u`, inside the escape.
            (br"\u000a2001:db8::1", 2, 6),
            (br"\x0a4111", 1, 4),
            (b"%0A4111", 1, 3),
            (b"%3D%0A4111", 4, 6),
            (b"x4111", 0, 0),
            (br"\\n4111", 2, 2),
            (b"4111", 2, 2),
        ] {
            assert_eq!(
                past_escape(text, start),
                want,
                "{}",
                String::from_utf8_lossy(text)
            );
        }
    }
}
