//! Masking a stream of bytes of any size in bounded memory: [`StreamSanitizer`] on the
//! caller's thread, [`Sanitizer::sanitize_reader`] on every core.

mod reader;

use super::detect::{READS_AFTER, READS_BEFORE};
use super::engine;
use super::parallel::{self, Layout};
use super::{Finding, Sanitizer, mask};

pub use reader::{MaskedChunk, StreamError};

/// A boundary is never placed closer than this to the unread input.
const OVERLAP: usize = READS_AFTER;
/// The left context kept before a boundary.
const LEFT_CONTEXT: usize = READS_BEFORE;
/// How much new input is gathered before a pass.
const CHUNK: usize = 1024 * 1024;
/// The most unemitted input a [`StreamSanitizer`] holds while a finding runs on past a pass
/// (a PEM block of megabytes): past this, the finding's head is masked as it was read, and
/// the rest of it is scanned as text of its own.
const MAX_WAIT: usize = 32 * CHUNK;

/// The sizes a stream is cut by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Window {
    /// How much new input a pass takes.
    pub(crate) chunk: usize,
    /// How much input past a pass's end it reads (the detectors' look-ahead).
    pub(crate) overlap: usize,
    /// How much already-emitted input before a pass it reads (the detectors' look-behind).
    pub(crate) left: usize,
}

impl Window {
    /// The window of [`StreamSanitizer`].
    const STREAM: Window = Window {
        chunk: CHUNK,
        overlap: OVERLAP,
        left: LEFT_CONTEXT,
    };
}

/// What one pass reads: `bytes`, whose first `emitted` were emitted by the pass before it
/// and are read as context only; it emits up to `end`, and reads what follows as
/// look-ahead only.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Span<'a> {
    pub(crate) bytes: &'a [u8],
    /// The offset in the whole input of `bytes[0]`.
    pub(crate) base: usize,
    pub(crate) emitted: usize,
    pub(crate) end: usize,
    /// Whether the pass may wait for more input instead of emitting anything, when a
    /// finding that starts at `emitted` straddles `end` (and so may run on past `bytes`).
    pub(crate) may_wait: bool,
}

/// One pass: masks `span.bytes[emitted..boundary]` into `out`, appends its findings to
/// `findings` with offsets into the whole input, and returns the boundary (an offset into
/// `span.bytes`).
///
/// The boundary is `end` unless a finding straddles it, in which case it moves to that
/// finding's start, so that the next pass sees it whole (or, when that would emit nothing,
/// to its end; or, with `may_wait`, stays at `emitted`:
/// nothing is emitted, and the caller passes again with more input).
pub(crate) fn pass(
    sanitizer: &Sanitizer,
    span: Span<'_>,
    threads: usize,
    out: &mut Vec<u8>,
    findings: &mut Vec<Finding>,
) -> usize {
    let Span {
        bytes,
        base,
        emitted,
        end,
        may_wait,
    } = span;
    let found = engine::find_with(sanitizer, bytes, threads, &Layout::DEFAULT);
    // Findings come in order. Those that start in the left context were settled by the
    // previous pass.
    let fresh = &found[found.partition_point(|f| f.start < emitted)..];
    let mut boundary = end;
    if let Some(straddling) = fresh.iter().find(|f| f.start < end && f.end > end) {
        // Leave it whole for the next pass, unless that would emit nothing.
        boundary = if straddling.start > emitted {
            straddling.start
        } else if may_wait {
            // It may run on past what has been read: longer than a pass (a PEM block of
            // megabytes). Wait for more, rather than emit its head and show its tail.
            return emitted;
        } else {
            straddling.end
        };
    }
    let mine = &fresh[..fresh.partition_point(|f| f.start < boundary)];
    mask::write_range(sanitizer, bytes, emitted..boundary, mine, out);
    findings.extend(mine.iter().map(|f| f.clone().shifted(base)));
    boundary
}

/// Where a pass over `bytes[emitted..nominal]` ends: right after the last line break in
/// the second half of it, or at `nominal` when there is none. A value on one line (a JWT,
/// a bearer token, a `tls.key:` value) that starts before that end also ends before it, so
/// the pass sees it whole however far past its look-ahead it runs; one that starts after
/// it is the next pass's, seen whole if it is shorter than that pass. (Half a pass at
/// least is emitted each time, so the work stays linear.)
pub(crate) fn line_end(bytes: &[u8], emitted: usize, nominal: usize) -> usize {
    let from = emitted + (nominal.saturating_sub(emitted)) / 2;
    memchr::memrchr(b'\n', &bytes[from..nominal]).map_or(nominal, |at| from + at + 1)
}

/// Whether a run of the bytes a token or a base64 value is made of crosses `nominal` and
/// reaches the end of `bytes`: a value whose end a pass would not see. (Reads back at most
/// from the end to `nominal`: the look-ahead, once per pass.)
fn runs_on(bytes: &[u8], nominal: usize) -> bool {
    let value_byte = |b: u8| b.is_ascii_alphanumeric() || b"+/=_-.%".contains(&b);
    let mut i = bytes.len();
    while i > nominal && value_byte(bytes[i - 1]) {
        i -= 1;
    }
    i == nominal && nominal > 0 && value_byte(bytes[nominal - 1])
}

/// Masks a stream in bounded memory: feed it bytes with [`push`](Self::push), then
/// [`finish`](Self::finish). The output and findings are exactly those of
/// [`Sanitizer::sanitize_bytes`] over the whole input, with offsets into the whole input,
/// however the input is split — a secret across two reads is still found — as long as no
/// single match is longer than 32 MiB.
///
/// A pass over the input ends after a line break where there is one in its second half,
/// so a value on one line is seen whole (a JWT or a `tls.key:` value of any length up to
/// there); when a finding starts at a pass's first byte and runs past its end (a PEM block
/// longer than a pass), or a run of a value's bytes (base64, a token) crosses the end and
/// reaches past the input read so far, the pass waits for twice as much input, up to
/// 32 MiB, and the value is masked whole. Past 32 MiB, the part of such a value read so far
/// is masked as it is, and the rest is scanned as text of its own: a tail may stay visible.
///
/// Memory stays around 1 MiB whatever the input's size or line lengths, and grows to at
/// most 32 MiB only while such a value is read. All the work is
/// done on the caller's thread, in [`push`](Self::push) and [`finish`](Self::finish); to
/// mask a [`Read`](std::io::Read) on every core, use [`Sanitizer::sanitize_reader`].
///
/// ```
/// use airlock::sanitize::Sanitizer;
///
/// let sanitizer = Sanitizer::new();
/// let mut stream = sanitizer.stream();
/// let (mut out, mut findings) = (Vec::new(), Vec::new());
/// stream.push(b"auth with ghp_0123456789abcdef", &mut out, &mut findings);
/// stream.push(b"ghijklmnopqrstuvwxyz and more", &mut out, &mut findings);
/// stream.finish(&mut out, &mut findings);
/// assert_eq!(out, b"auth with [GITHUB_TOKEN] and more");
/// assert_eq!(findings[0].span(), 10..50);
/// ```
#[derive(Debug)]
pub struct StreamSanitizer<'s> {
    sanitizer: &'s Sanitizer,
    /// Unemitted input, preceded by up to `window.left` bytes of already-emitted context.
    buf: Vec<u8>,
    /// How many bytes at the front of `buf` were already emitted.
    emitted: usize,
    /// The offset in the whole input of `buf[0]`.
    base: usize,
    window: Window,
    /// How much unemitted input a pass waits for: a pass of the window, or more while a
    /// finding runs on past it (see [`MAX_WAIT`]).
    wanted: usize,
}

impl<'s> StreamSanitizer<'s> {
    pub(crate) fn new(sanitizer: &'s Sanitizer) -> Self {
        Self::with_window(sanitizer, Window::STREAM)
    }

    /// A stream with other window sizes, so tests can cross many boundaries with small inputs.
    pub(crate) fn with_window(sanitizer: &'s Sanitizer, window: Window) -> Self {
        StreamSanitizer {
            sanitizer,
            buf: Vec::new(),
            emitted: 0,
            base: 0,
            window,
            wanted: window.chunk + window.overlap,
        }
    }

    /// Feeds `input`; appends whatever output is final to `out` and its findings to `findings`.
    ///
    /// Output comes out only once it is final, so it may lag the input (by up to about 1 MiB)
    /// and stop inside a line; what has come out is the start of the whole input's masked
    /// output, and never changes:
    ///
    /// ```rust
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// use airlock::sanitize::Sanitizer;
    ///
    /// let sanitizer = Sanitizer::builder().build()?;
    /// let mut stream = sanitizer.stream();
    /// let (mut out, mut findings) = (Vec::new(), Vec::new());
    /// let log = b"GET /status 200 for ann@example.org\n".repeat(40_000);
    /// for line in log.chunks(36) {
    ///     stream.push(line, &mut out, &mut findings);
    /// }
    /// let whole = sanitizer.sanitize_bytes(&log);
    /// assert!(whole.bytes.starts_with(&out));
    /// assert!(whole.findings.starts_with(&findings));
    /// # Ok(())
    /// # }
    /// ```
    pub fn push(&mut self, input: &[u8], out: &mut Vec<u8>, findings: &mut Vec<Finding>) {
        let mut rest = input;
        while !rest.is_empty() {
            let full = self.wanted;
            let room = (self.emitted + full).saturating_sub(self.buf.len()).max(1);
            let take = room.min(rest.len());
            self.buf.extend_from_slice(&rest[..take]);
            rest = &rest[take..];
            if self.buf.len() >= self.emitted + full {
                self.pass(false, out, findings);
            }
        }
    }

    /// Ends the stream: appends the rest of the output and its findings.
    ///
    /// However the input was split, the result is that of masking it whole:
    ///
    /// ```rust
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// use airlock::sanitize::Sanitizer;
    ///
    /// let sanitizer = Sanitizer::builder().build()?;
    /// let input = b"card 4111 1111 1111 1111, key AKIAIOSFODNN7EXAMPLE";
    /// let mut stream = sanitizer.stream();
    /// let (mut out, mut findings) = (Vec::new(), Vec::new());
    /// for piece in input.chunks(7) {
    ///     stream.push(piece, &mut out, &mut findings);
    /// }
    /// stream.finish(&mut out, &mut findings);
    /// let whole = sanitizer.sanitize_bytes(input);
    /// assert_eq!(out, whole.bytes.as_ref());
    /// assert_eq!(findings, whole.findings);
    /// # Ok(())
    /// # }
    /// ```
    pub fn finish(mut self, out: &mut Vec<u8>, findings: &mut Vec<Finding>) {
        self.pass(true, out, findings);
    }

    /// The offset in the whole input up to which output has been produced.
    ///
    /// Every finding reported so far ends at or before it:
    ///
    /// ```rust
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// use airlock::sanitize::Sanitizer;
    ///
    /// let sanitizer = Sanitizer::builder().build()?;
    /// let mut stream = sanitizer.stream();
    /// let (mut out, mut findings) = (Vec::new(), Vec::new());
    /// let log = "user ann@example.org logged in\n".repeat(50_000);
    /// stream.push(log.as_bytes(), &mut out, &mut findings);
    /// assert!(stream.position() <= log.len());
    /// assert!(findings.iter().all(|f| f.end() <= stream.position()));
    /// # Ok(())
    /// # }
    /// ```
    pub fn position(&self) -> usize {
        self.base + self.emitted
    }

    /// Emits everything up to a boundary that no finding straddles.
    fn pass(&mut self, last: bool, out: &mut Vec<u8>, findings: &mut Vec<Finding>) {
        let may_wait = !last && self.wanted < MAX_WAIT;
        let end = if last {
            self.buf.len()
        } else {
            let nominal = self.buf.len() - self.window.overlap;
            let end = line_end(&self.buf, self.emitted, nominal);
            if may_wait && end == nominal && runs_on(&self.buf, nominal) {
                // A value-like run crosses the end and reaches past what has been read
                // (a JWT or a base64 key of megabytes on one line): wait for its end.
                self.wanted = (self.wanted * 2).min(MAX_WAIT);
                return;
            }
            end
        };
        let threads = parallel::threads(self.sanitizer.max_threads, self.buf.len());
        let span = Span {
            bytes: &self.buf,
            base: self.base,
            emitted: self.emitted,
            end,
            may_wait,
        };
        let boundary = pass(self.sanitizer, span, threads, out, findings);
        if boundary == self.emitted && !last {
            // A finding from the first unemitted byte runs to the end of the input read so
            // far: read twice as much before the next pass (so the rescans stay linear).
            self.wanted = (self.wanted * 2).min(MAX_WAIT);
            return;
        }
        self.wanted = self.window.chunk + self.window.overlap;
        let drop = boundary.saturating_sub(self.window.left);
        self.buf.drain(..drop);
        self.base += drop;
        self.emitted = boundary - drop;
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::sanitize::samples;

    proptest! {
        #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

        /// Whatever the window sizes and however the input is split, the stream's output and
        /// findings are those of one pass over the whole input.
        #[test]
        fn stream_equals_whole(
            picks in proptest::collection::vec(0..samples::PIECES.len(), 0..120),
            cuts in proptest::collection::vec(1usize..200, 1..20),
            chunk in 1usize..300,
        ) {
            // Pieces are joined by a separator so that no match (an unquoted value runs to the
            // next space) grows past the test window's overlap.
            let input: String = picks.iter().map(|&i| format!("{} ", samples::PIECES[i])).collect();
            let s = Sanitizer::new();
            let whole = s.sanitize_bytes(input.as_bytes());
            // The overlap must exceed the longest match in the pieces (the PEM block, 70 bytes).
            let mut stream = StreamSanitizer::with_window(&s, Window { chunk, overlap: 128, left: 96 });
            let (mut out, mut found) = (Vec::new(), Vec::new());
            let mut rest = input.as_bytes();
            for &cut in cuts.iter().cycle() {
                if rest.is_empty() {
                    break;
                }
                let (head, tail) = rest.split_at(cut.min(rest.len()));
                stream.push(head, &mut out, &mut found);
                rest = tail;
            }
            stream.finish(&mut out, &mut found);
            prop_assert_eq!(String::from_utf8_lossy(&out), String::from_utf8_lossy(&whole.bytes));
            prop_assert_eq!(found, whole.findings);
        }
    }

    #[test]
    fn a_value_longer_than_a_pass_is_waited_for() {
        // A pass of 256 new bytes and 128 of look-ahead; values of several passes, on one
        // line and over many, across the ends of the passes.
        let b64 = |n: usize| -> String {
            (0..n)
                .map(|i| {
                    char::from(
                        b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
                            [(i * 7 + i / 5) % 62],
                    )
                })
                .collect()
        };
        let lines: String = (0..40).map(|i| format!("{}\n", b64(60 + i % 3))).collect();
        let values = [
            format!(
                "id_token eyJhbGciOiJIUzI1NiJ9.eyJ{}.c2lnbmF0dXJl ok\n",
                b64(3000)
            ),
            format!("Authorization: Bearer {}9\n", b64(3000)),
            format!("-----BEGIN RSA PRIVATE KEY-----\n{lines}-----END RSA PRIVATE KEY-----\n"),
        ];
        let s = Sanitizer::new();
        for value in &values {
            for lead in [0, 100, 250, 300] {
                let input = format!(
                    "{}{value}{}",
                    "log line.\n".repeat(lead / 10),
                    "tail.\n".repeat(60)
                );
                let whole = s.sanitize_bytes(input.as_bytes());
                let mut stream = StreamSanitizer::with_window(
                    &s,
                    Window {
                        chunk: 256,
                        overlap: 128,
                        left: 96,
                    },
                );
                let (mut out, mut found) = (Vec::new(), Vec::new());
                for piece in input.as_bytes().chunks(50) {
                    stream.push(piece, &mut out, &mut found);
                }
                stream.finish(&mut out, &mut found);
                assert_eq!(
                    String::from_utf8_lossy(&out),
                    String::from_utf8_lossy(&whole.bytes),
                    "{lead}: {value}"
                );
                assert_eq!(found, whole.findings);
            }
        }
    }

    #[test]
    fn memory_stays_bounded() {
        let s = Sanitizer::new();
        let mut stream = s.stream();
        let (mut out, mut found) = (Vec::new(), Vec::new());
        let block = "no secrets here, just words and 2026-11-22 dates\n".repeat(20_000);
        for _ in 0..20 {
            stream.push(block.as_bytes(), &mut out, &mut found);
            assert!(
                stream.buf.capacity() < 4 * (CHUNK + OVERLAP),
                "{}",
                stream.buf.capacity()
            );
            out.clear();
        }
        assert!(found.is_empty());
    }
}
