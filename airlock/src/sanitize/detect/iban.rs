//! International bank account numbers: a known country's length and a valid mod-97 check.

use super::Candidate;
use crate::sanitize::bytes::{byte, is_word};
use crate::sanitize::kind::Kind;

/// IBAN lengths by country (ISO 13616 registry).
const LENGTHS: &[(&[u8; 2], usize)] = &[
    (b"AD", 24),
    (b"AE", 23),
    (b"AL", 28),
    (b"AT", 20),
    (b"AZ", 28),
    (b"BA", 20),
    (b"BE", 16),
    (b"BG", 22),
    (b"BH", 22),
    (b"BR", 29),
    (b"BY", 28),
    (b"CH", 21),
    (b"CR", 22),
    (b"CY", 28),
    (b"CZ", 24),
    (b"DE", 22),
    (b"DK", 18),
    (b"DO", 28),
    (b"EE", 20),
    (b"EG", 29),
    (b"ES", 24),
    (b"FI", 18),
    (b"FO", 18),
    (b"FR", 27),
    (b"GB", 22),
    (b"GE", 22),
    (b"GI", 23),
    (b"GL", 18),
    (b"GR", 27),
    (b"GT", 28),
    (b"HR", 21),
    (b"HU", 28),
    (b"IE", 22),
    (b"IL", 23),
    (b"IQ", 23),
    (b"IS", 26),
    (b"IT", 27),
    (b"JO", 30),
    (b"KW", 30),
    (b"KZ", 20),
    (b"LB", 28),
    (b"LC", 32),
    (b"LI", 21),
    (b"LT", 20),
    (b"LU", 20),
    (b"LV", 21),
    (b"LY", 25),
    (b"MC", 27),
    (b"MD", 24),
    (b"ME", 22),
    (b"MK", 19),
    (b"MR", 27),
    (b"MT", 31),
    (b"MU", 30),
    (b"NL", 18),
    (b"NO", 15),
    (b"PK", 24),
    (b"PL", 28),
    (b"PS", 29),
    (b"PT", 25),
    (b"QA", 29),
    (b"RO", 24),
    (b"RS", 22),
    (b"SA", 24),
    (b"SC", 31),
    (b"SD", 18),
    (b"SE", 24),
    (b"SI", 19),
    (b"SK", 24),
    (b"SM", 27),
    (b"ST", 25),
    (b"SV", 28),
    (b"TL", 23),
    (b"TN", 24),
    (b"TR", 26),
    (b"UA", 29),
    (b"VA", 22),
    (b"VG", 24),
    (b"XK", 20),
];

/// The IBAN starting at `start` (two capital letters and two digits), compact
/// (`GB82WEST12345698765432`) or in groups of four (`DE89 3704 0044 0532 0130 00`).
pub(super) fn at(hay: &[u8], start: usize) -> Option<Candidate> {
    let country = [byte(hay, start), byte(hay, start + 1)];
    let &(_, len) = LENGTHS.iter().find(|(c, _)| **c == country)?;
    let mut chars = [0u8; 34];
    let mut n = 0;
    let mut i = start;
    let mut group = 0;
    while n < len {
        let b = byte(hay, i);
        if b.is_ascii_uppercase() || b.is_ascii_digit() {
            chars[n] = b;
            n += 1;
            group += 1;
            i += 1;
        } else if b == b' ' && group == 4 && n >= 4 {
            group = 0;
            i += 1;
        } else {
            return None;
        }
    }
    // The account number must end here, not run on into more letters or digits.
    if is_word(byte(hay, i)) {
        return None;
    }
    (chars[2].is_ascii_digit() && chars[3].is_ascii_digit() && mod97(&chars[..len]) == 1)
        .then(|| Candidate::new(Kind::Iban, start, i))
}

/// The end of the IBAN-shaped text at `start` (capitals and digits, alone or in groups of
/// four): what a failed [`at`] covers, so that its groups are not read as other numbers.
pub(super) fn shape_end(hay: &[u8], start: usize) -> usize {
    let mut i = start;
    let mut group = 0;
    for _ in 0..42 {
        let b = byte(hay, i);
        if b.is_ascii_uppercase() || b.is_ascii_digit() {
            group += 1;
        } else if b == b' '
            && group == 4
            && (byte(hay, i + 1).is_ascii_uppercase() || byte(hay, i + 1).is_ascii_digit())
        {
            group = 0;
        } else {
            break;
        }
        i += 1;
    }
    i
}

/// ISO 7064 mod 97-10 over the rearranged IBAN (country and check digits moved to the end).
fn mod97(iban: &[u8]) -> u32 {
    let (head, tail) = iban.split_at(4);
    tail.iter().chain(head).fold(0u32, |acc, &b| {
        if b.is_ascii_digit() {
            (acc * 10 + u32::from(b - b'0')) % 97
        } else {
            (acc * 100 + u32::from(b - b'A') + 10) % 97
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn find(text: &str) -> Option<&str> {
        let start = text.find(|c: char| c.is_ascii_uppercase())?;
        at(text.as_bytes(), start).map(|c| &text[c.start..c.end])
    }

    #[test]
    fn valid_ibans() {
        assert_eq!(
            find("DE89 3704 0044 0532 0130 00 paid"),
            Some("DE89 3704 0044 0532 0130 00")
        );
        assert_eq!(
            find("GB82WEST12345698765432,"),
            Some("GB82WEST12345698765432")
        );
        assert_eq!(
            find("FR1420041010050500013M02606"),
            Some("FR1420041010050500013M02606")
        );
        assert_eq!(find("NL91ABNA0417164300."), Some("NL91ABNA0417164300"));
    }

    #[test]
    fn near_misses() {
        // Wrong check digits, wrong length, unknown country, run-on text.
        for text in [
            "DE89 3704 0044 0532 0130 01",
            "GB82WEST1234569876543",
            "ZZ82WEST12345698765432",
            "GB82WEST12345698765432X",
        ] {
            assert_eq!(find(text), None, "{text}");
        }
    }
}
