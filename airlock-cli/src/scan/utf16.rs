//! Input in UTF-16 with a byte order mark, read as UTF-8.
//!
//! PowerShell's `>` (before 7.4) and many Windows tools write UTF-16 with a byte order mark.
//! Scanned as bytes, such text would hide every secret behind a NUL between its letters,
//! so it is decoded and scanned, and written, as UTF-8.

use std::io::{self, Read};

/// How much UTF-16 is decoded at a time.
const RAW: usize = 64 * 1024;

/// Reads its input as it is, unless it starts with a UTF-16 byte order mark (`FF FE` for
/// little-endian, `FE FF` for big-endian): then it reads the text after the mark as UTF-8.
///
/// What is not valid UTF-16 passes through as invalid UTF-8 passes through a scan, without
/// loss: an unpaired surrogate becomes its three bytes of generalized UTF-8 (as in WTF-8),
/// and an odd last byte stays as it is.
pub(crate) struct Utf8Input<R> {
    inner: R,
    state: State,
    /// Bytes to hand out, from `at`.
    out: Vec<u8>,
    at: usize,
    /// Scratch for the UTF-16 read.
    raw: Vec<u8>,
    /// The first byte of a code unit whose second has not been read yet.
    odd: Option<u8>,
    /// A high surrogate waiting for its low one.
    high: Option<u16>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    /// The first bytes have not been read.
    Start,
    /// Not UTF-16: passed through.
    Plain,
    /// UTF-16, decoded.
    Utf16 { big_endian: bool },
    /// The UTF-16 input ended.
    Done,
}

impl<R: Read> Utf8Input<R> {
    pub(crate) fn new(inner: R) -> Self {
        Utf8Input {
            inner,
            state: State::Start,
            out: Vec::new(),
            at: 0,
            raw: Vec::new(),
            odd: None,
            high: None,
        }
    }

    /// Reads the first two bytes and decides how to read the rest.
    fn sniff(&mut self) -> io::Result<()> {
        let mut head = [0u8; 2];
        let mut n = 0;
        while n < head.len() {
            match self.inner.read(&mut head[n..]) {
                Ok(0) => break,
                Ok(k) => n += k,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
        self.state = match head[..n] {
            [0xFF, 0xFE] => State::Utf16 { big_endian: false },
            [0xFE, 0xFF] => State::Utf16 { big_endian: true },
            _ => {
                self.out.extend_from_slice(&head[..n]);
                State::Plain
            }
        };
        Ok(())
    }

    /// Decodes the next read of UTF-16 into `out`; at the end of the input, flushes what
    /// waits for a pair and moves to `Done`.
    fn decode_more(&mut self, big_endian: bool) -> io::Result<()> {
        self.out.clear();
        self.at = 0;
        self.raw.resize(RAW, 0);
        let n = loop {
            match self.inner.read(&mut self.raw) {
                Ok(n) => break n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        };
        if n == 0 {
            if let Some(high) = self.high.take() {
                push_surrogate(&mut self.out, high);
            }
            if let Some(odd) = self.odd.take() {
                self.out.push(odd);
            }
            self.state = State::Done;
            return Ok(());
        }
        let raw = std::mem::take(&mut self.raw);
        let mut bytes = &raw[..n];
        // `bytes` is not empty, so a waiting first byte gets its second.
        if let Some(first) = self.odd.take()
            && let Some((&second, rest)) = bytes.split_first()
        {
            self.unit(code_unit(big_endian, first, second));
            bytes = rest;
        }
        let mut pairs = bytes.chunks_exact(2);
        for pair in &mut pairs {
            self.unit(code_unit(big_endian, pair[0], pair[1]));
        }
        if let [last] = pairs.remainder() {
            self.odd = Some(*last);
        }
        self.raw = raw;
        Ok(())
    }

    /// Decodes one code unit into `out`.
    fn unit(&mut self, unit: u16) {
        if let Some(high) = self.high.take() {
            if (0xDC00..=0xDFFF).contains(&unit) {
                let scalar =
                    0x10000 + ((u32::from(high) - 0xD800) << 10) + (u32::from(unit) - 0xDC00);
                match char::from_u32(scalar) {
                    Some(c) => push_char(&mut self.out, c),
                    // Unreachable: every surrogate pair makes a scalar value.
                    None => {
                        push_surrogate(&mut self.out, high);
                        push_surrogate(&mut self.out, unit);
                    }
                }
                return;
            }
            push_surrogate(&mut self.out, high);
        }
        match unit {
            0xD800..=0xDBFF => self.high = Some(unit),
            0xDC00..=0xDFFF => push_surrogate(&mut self.out, unit),
            _ => match char::from_u32(u32::from(unit)) {
                Some(c) => push_char(&mut self.out, c),
                // Unreachable: a code unit that is not a surrogate is a scalar value.
                None => push_surrogate(&mut self.out, unit),
            },
        }
    }
}

impl<R: Read> Read for Utf8Input<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        loop {
            if self.at < self.out.len() {
                let n = buf.len().min(self.out.len() - self.at);
                buf[..n].copy_from_slice(&self.out[self.at..self.at + n]);
                self.at += n;
                return Ok(n);
            }
            match self.state {
                State::Start => self.sniff()?,
                State::Plain => return self.inner.read(buf),
                State::Utf16 { big_endian } => self.decode_more(big_endian)?,
                State::Done => return Ok(0),
            }
        }
    }
}

fn code_unit(big_endian: bool, first: u8, second: u8) -> u16 {
    if big_endian {
        u16::from_be_bytes([first, second])
    } else {
        u16::from_le_bytes([first, second])
    }
}

fn push_char(out: &mut Vec<u8>, c: char) {
    let mut utf8 = [0u8; 4];
    out.extend_from_slice(c.encode_utf8(&mut utf8).as_bytes());
}

/// The three bytes generalized UTF-8 gives a surrogate (`ED A0 80` for U+D800).
fn push_surrogate(out: &mut Vec<u8>, unit: u16) {
    let [high, low] = unit.to_be_bytes();
    out.extend_from_slice(&[
        0xE0 | (high >> 4),
        0x80 | ((high & 0x0F) << 2) | (low >> 6),
        0x80 | (low & 0x3F),
    ]);
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    /// Reads everything through `Utf8Input`, in reads of `size` bytes at most.
    fn decoded(bytes: &[u8], size: usize) -> Vec<u8> {
        /// A reader that returns at most `size` bytes per read.
        struct Small<'a>(&'a [u8], usize);
        impl Read for Small<'_> {
            fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
                let n = self.1.min(buf.len()).min(self.0.len());
                buf[..n].copy_from_slice(&self.0[..n]);
                self.0 = &self.0[n..];
                Ok(n)
            }
        }
        let mut out = Vec::new();
        Utf8Input::new(Small(bytes, size))
            .read_to_end(&mut out)
            .unwrap();
        out
    }

    fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
        let mut bytes = if big_endian {
            vec![0xFE, 0xFF]
        } else {
            vec![0xFF, 0xFE]
        };
        for unit in text.encode_utf16() {
            let pair = if big_endian {
                unit.to_be_bytes()
            } else {
                unit.to_le_bytes()
            };
            bytes.extend_from_slice(&pair);
        }
        bytes
    }

    #[test]
    fn utf16_with_a_bom_is_read_as_utf8_without_the_bom() {
        let text = "key ghp_0123 for jöhn@example.org 🦀\r\n";
        for big_endian in [false, true] {
            for size in [1, 2, 3, 7, 1 << 20] {
                assert_eq!(decoded(&utf16(text, big_endian), size), text.as_bytes());
            }
        }
    }

    #[test]
    fn anything_else_passes_through() {
        for bytes in [
            &b""[..],
            b"a",
            b"\xFF",
            b"\xFE",
            b"\xFF\xFF abc",
            b"\xEF\xBB\xBFutf-8 with its BOM",
            b"plain \xC3 text",
        ] {
            for size in [1, 2, 64] {
                assert_eq!(decoded(bytes, size), bytes);
            }
        }
    }

    #[test]
    fn invalid_utf16_passes_through_without_loss() {
        // A lone high surrogate, a lone low one, a high one at the end, and an odd byte.
        let units: [u16; 5] = [0x0061, 0xD800, 0x0062, 0xDC01, 0xDBFF];
        let mut le = vec![0xFF, 0xFE];
        for unit in units {
            le.extend_from_slice(&unit.to_le_bytes());
        }
        le.push(0x7A);
        for size in [1, 3, 64] {
            assert_eq!(
                decoded(&le, size),
                b"a\xED\xA0\x80b\xED\xB0\x81\xED\xAF\xBFz"
            );
        }
    }

    proptest! {
        /// Any text, read in any size, in either byte order, comes out as its UTF-8.
        #[test]
        fn any_text_round_trips(text in "\\PC*", size in 1usize..40, big_endian: bool) {
            prop_assert_eq!(decoded(&utf16(&text, big_endian), size), text.as_bytes());
        }

        /// Any bytes after a BOM decode without a panic, to at most 3 bytes per 2.
        #[test]
        fn any_bytes_after_a_bom_decode(bytes in proptest::collection::vec(any::<u8>(), 0..200), size in 1usize..40) {
            let input = [&[0xFF, 0xFE][..], &bytes].concat();
            let out = decoded(&input, size);
            prop_assert!(out.len() <= 3 * bytes.len().div_ceil(2));
        }
    }
}
