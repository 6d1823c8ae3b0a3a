//! The line and column of a finding, counted as the input streams by.

/// The UTF-8 byte order mark, which an editor does not count as a column.
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Counts lines and columns up to an offset of the input, and on from there.
///
/// Lines end with `\n` (so `\r\n` too). Columns count characters: every byte but UTF-8's
/// continuation bytes, so a multi-byte character is one column, and so is each byte of a
/// sequence that is not UTF-8 (but a stray continuation byte, which counts none).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Position {
    /// The offset in the input up to which lines and columns are counted.
    offset: usize,
    /// The line at `offset`, from 1.
    line: usize,
    /// The characters between the start of that line and `offset`.
    chars: usize,
}

impl Position {
    pub(crate) fn new() -> Self {
        Position {
            offset: 0,
            line: 1,
            chars: 0,
        }
    }

    /// The line and column, from 1, of the byte at offset `at` of the input, which lies in
    /// `piece` (the input from `piece_offset`), at or after the offset counted to so far.
    pub(crate) fn of(&mut self, piece: &[u8], piece_offset: usize, at: usize) -> (usize, usize) {
        self.count_to(piece, piece_offset, at);
        (self.line, self.chars + 1)
    }

    /// Counts on to offset `to` of the input, which lies in `piece` (the input from
    /// `piece_offset`), as does the offset counted to so far.
    pub(crate) fn count_to(&mut self, piece: &[u8], piece_offset: usize, to: usize) {
        // `sanitize_reader` hands over pieces end to end, so the range is in the piece;
        // were it not, nothing is counted rather than a panic.
        let range = self
            .offset
            .checked_sub(piece_offset)
            .zip(to.checked_sub(piece_offset));
        let Some(mut bytes) = range.and_then(|(from, to)| piece.get(from..to)) else {
            return;
        };
        if self.offset == 0 && bytes.starts_with(BOM) {
            bytes = &bytes[BOM.len()..];
        }
        match memchr::memrchr(b'\n', bytes) {
            Some(last) => {
                self.line += memchr::memchr_iter(b'\n', bytes).count();
                self.chars = chars(&bytes[last + 1..]);
            }
            None => self.chars += chars(bytes),
        }
        self.offset = to;
    }
}

/// The characters in `bytes`: the bytes that are not UTF-8 continuation bytes.
fn chars(bytes: &[u8]) -> usize {
    bytes
        .iter()
        .filter(|&&b| !(0x80..0xC0).contains(&b))
        .count()
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    /// Line and column of `at`, counted the slow way, on valid UTF-8.
    fn slow(text: &str, at: usize) -> (usize, usize) {
        let before = &text[..at];
        let line = before.matches('\n').count() + 1;
        let start = before.rfind('\n').map_or(0, |i| i + 1);
        (line, before[start..].chars().count() + 1)
    }

    #[test]
    fn columns_count_characters_and_lines_start_at_one() {
        let text = "héllo wörld\n  ✓ ann@example.org\r\n🦀\tx";
        let mut position = Position::new();
        let at = text.find("ann@").unwrap();
        assert_eq!(position.of(text.as_bytes(), 0, at), (2, 5));
        let x = text.rfind('x').unwrap();
        assert_eq!(position.of(text.as_bytes(), 0, x), (3, 3));
    }

    #[test]
    fn a_utf8_bom_is_not_a_column() {
        let text = "\u{FEFF}key=1";
        assert_eq!(Position::new().of(text.as_bytes(), 0, 3), (1, 1));
        assert_eq!(Position::new().of(text.as_bytes(), 0, 7), (1, 5));
    }

    proptest! {
        /// Counted over pieces, in steps, the lines and columns are those of the whole text.
        #[test]
        fn pieces_count_as_the_whole(text in "[a-z é✓🦀\n\t]{0,200}", cuts in proptest::collection::vec(0usize..300, 0..10)) {
            let boundaries: Vec<usize> = (0..=text.len()).filter(|&i| text.is_char_boundary(i)).collect();
            let mut points: Vec<usize> = cuts.iter().map(|c| boundaries[c % boundaries.len()]).collect();
            points.sort_unstable();
            let mut position = Position::new();
            // Pieces end at every other point; positions are asked at the rest.
            let mut piece_start = 0;
            for (i, &point) in points.iter().enumerate() {
                if i % 2 == 0 {
                    prop_assert_eq!(position.of(&text.as_bytes()[piece_start..], piece_start, point), slow(&text, point));
                } else {
                    position.count_to(&text.as_bytes()[piece_start..], piece_start, point);
                    piece_start = point;
                }
            }
        }
    }
}
