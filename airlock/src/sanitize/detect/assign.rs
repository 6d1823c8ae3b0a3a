//! Values assigned to secret names, around an `=` or `:`: `password=…`, `"api_key": "…"`,
//! `DB_PASSWORD: …`, `X-Api-Key: …`, `Authorization: Basic …`, `client_secret = "…"`,
//! `Server=x;Uid=sa;Pwd=…;`. (Which names are secrets' is [`keys`]'s to say; XML elements
//! and name/value pairs find their names elsewhere and are judged here.)
//!
//! Where a value ends:
//! - quoted, at its closing quote;
//! - on a line of its own (`DB_PASSWORD=Tr0ub4dor&3xQz`, `  password: a, b; c`,
//!   `password = hunter 2`), at the end of the line, or for a tight `name=value` at the first
//!   space: `& ; , ) ]` inside are the value's;
//! - after a `:` in a structure (`{user: a, password: b}`, an HTTP header), at a delimiter or
//!   the end of the line; elsewhere at a delimiter or a space.
//!
//! A `#` comment after a space, a mask this sanitizer wrote (`[TODO]` looks like one) and the
//! start of a PEM block end a value too: what follows them is scanned as text, and a value
//! that starts with one is not a value to mask. Values are read to their end however long:
//! a value's read is bounded by [`MAX_VALUE`] until its candidate is confirmed, and a
//! confirmed one is read on to its end and skipped by the scan, so no byte is read twice.

use super::{
    Candidate, Next, Reach, is_partial_mask, is_placeholder, is_placeholder_or, mask_token_len,
    prefixed, run, run_back,
};
use crate::sanitize::bytes::{
    KEY, before, byte, class, escape_at, escape_before, past_escape, unescaped_before,
};
use crate::sanitize::enabled::Enabled;
use crate::sanitize::keys::{self, KeyClass, MAX_KEY};
use crate::sanitize::kind::Kind;

/// The longest value read before its candidate is confirmed.
const MAX_VALUE: usize = 4096;

/// The most spaces read between a name and its operator (`terraform fmt` aligns the `=` of
/// a block's lines: `password           = "x"`), or between the operator and its value. Far
/// under [`READS_BEFORE`](super::READS_BEFORE), with a name and its quote.
pub(super) const ALIGN: usize = 512;

pub(super) fn is_key(b: u8) -> bool {
    class(b) & KEY != 0
}

fn is_blank(b: u8) -> bool {
    b == b' ' || b == b'\t'
}

/// What the scan has read of values, so that a value read for one operator is not read
/// again for each operator inside it (`password=${password=${…` , `token: {token: {…`,
/// `password%3Dpassword%3D…`): the unquoted values' runs, where the text of a value to the
/// end of its line ends, where the next `*` is (which a partial mask holds), and where the
/// next percent escape is that ends a value.
#[derive(Debug)]
pub(crate) struct Reads {
    word: Reach,
    line: Reach,
    star: Next,
    /// The next `%0A` or `%0D`: it ends a line's value.
    line_breaks: EscapedEnd,
    /// The next escape that ends a value after an encoded operator.
    encoded_ends: EscapedEnd,
    /// The next ` #` and tab `#`: a comment ends a value.
    comment: Next,
    tab_comment: Next,
    /// The next PEM block's start: it ends a value.
    pem: Next,
    /// The next mask this sanitizer wrote: it ends a value.
    masks: NextMask,
    /// The start and end of the last value trimmed, and where its text ends before any
    /// trailing whitespace (its start when it is all whitespace).
    text: (usize, usize, usize),
    /// The classes of the names met last.
    classes: Classes,
}

/// What was said of the last few names, by name: tool output repeats its names (`version:`
/// on every record), and a name costs more to judge than to compare. Made on first use, so
/// a scan that meets no name pays nothing.
#[derive(Debug)]
struct Memo<T> {
    /// (Direct-mapped by the name's length and ends.)
    slots: Option<Box<[Slot<T>; SLOTS]>>,
}

/// A remembered name (its length and bytes) and what was said of it.
type Slot<T> = (u8, [u8; MAX_KEY], T);

impl<T> Default for Memo<T> {
    fn default() -> Self {
        Memo { slots: None }
    }
}

/// How many names a [`Memo`] remembers.
const SLOTS: usize = 64;

impl<T: Copy> Memo<T> {
    /// `judge(name)`, remembered: `judge` must be the same on every call.
    #[inline]
    fn get(&mut self, name: &[u8], judge: impl Fn(&[u8]) -> T) -> T {
        let (Some(&first), Some(&last)) = (name.first(), name.last()) else {
            return judge(name);
        };
        let Ok(len) = u8::try_from(name.len()) else {
            return judge(name);
        };
        if name.len() > MAX_KEY {
            return judge(name);
        }
        let slots = self
            .slots
            .get_or_insert_with(|| Box::new([(0, [0; MAX_KEY], judge(b"")); SLOTS]));
        let hash =
            usize::from(first).wrapping_mul(31) ^ usize::from(last).wrapping_mul(7) ^ name.len();
        let slot = &mut slots[hash % SLOTS];
        if slot.0 == len && &slot.1[..name.len()] == name {
            return slot.2;
        }
        let answer = judge(name);
        *slot = (len, [0; MAX_KEY], answer);
        slot.1[..name.len()].copy_from_slice(name);
        answer
    }
}

/// [`keys::classify_raw`] of names, remembered.
#[derive(Debug, Default)]
struct Classes(Memo<KeyClass>);

impl Classes {
    /// [`keys::classify_raw`] of `raw`, with the same `extra` on every call.
    fn classify(&mut self, raw: &[u8], extra: &[Vec<u8>]) -> KeyClass {
        self.0.get(raw, |raw| keys::classify_raw(raw, extra))
    }
}

impl Default for Reads {
    fn default() -> Self {
        Reads {
            word: Reach::default(),
            line: Reach::default(),
            star: Next::new(b"*"),
            line_breaks: EscapedEnd::new(ends_line),
            encoded_ends: EscapedEnd::new(ends_encoded_value),
            comment: Next::new(b" #"),
            tab_comment: Next::new(b"\t#"),
            pem: Next::new(b"-----BEGIN"),
            masks: NextMask::default(),
            text: (0, 0, 0),
            classes: Classes::default(),
        }
    }
}

/// Where the next mask token (`[PASSWORD]`, `[EMAIL:3f9a1c2e]`) starts, remembered as
/// [`Next`] remembers a text.
#[derive(Debug, Default, Clone, Copy)]
struct NextMask {
    /// No mask token starts in `hay[from..at]`, and one starts at `at` (or `at` is the end).
    known: Option<(usize, usize)>,
}

impl NextMask {
    /// Where the first mask token at or after `start` starts. Ask with starts that do not go
    /// back.
    #[inline]
    fn find(&mut self, hay: &[u8], start: usize) -> Option<usize> {
        let at = match self.known {
            Some((from, at)) if from <= start && start <= at => at,
            _ => {
                let mut from = start;
                let at = loop {
                    match hay.get(from..).and_then(|rest| memchr::memchr(b'[', rest)) {
                        Some(i) if mask_token_len(hay, from + i).is_some() => break from + i,
                        Some(i) => from += i + 1,
                        None => break hay.len().max(start),
                    }
                };
                self.known = Some((start, at));
                at
            }
        };
        (at < hay.len()).then_some(at)
    }
}

/// Where the next percent escape of a byte that ends a value is, remembered as [`Next`]
/// remembers a text: one search to it serves every value that starts before it, so values
/// that overlap (`password%3Dpassword%3D…`) do not each read the escapes of the next ones.
#[derive(Debug, Clone, Copy)]
struct EscapedEnd {
    ends: fn(u8) -> bool,
    /// No such escape starts in `hay[from..at]`, and one starts at `at` (or `at` is the
    /// end).
    known: Option<(usize, usize)>,
}

impl EscapedEnd {
    fn new(ends: fn(u8) -> bool) -> EscapedEnd {
        EscapedEnd { ends, known: None }
    }

    /// `end`, or the first percent escape in `hay[at..end]` of a byte that `ends` a value.
    /// Ask with starts that do not go back.
    #[inline]
    fn before(&mut self, hay: &[u8], at: usize, end: usize) -> usize {
        let found = match self.known {
            Some((from, found)) if from <= at && at <= found => found,
            _ => {
                let found = first_escaped(hay, at, self.ends);
                self.known = Some((at, found));
                found
            }
        };
        found.min(end)
    }
}

/// Examines the assignment whose operator is at `op`; returns where the scan goes on.
#[inline(always)]
pub(crate) fn at(
    hay: &[u8],
    op: usize,
    enabled: &Enabled,
    extra: &[Vec<u8>],
    reads: &mut Reads,
    out: &mut Vec<Candidate>,
) -> usize {
    let next = op + 1;
    if !enabled.any_assignment() {
        return next;
    }
    let (value_from, colon) = match (hay[op], byte(hay, op + 1)) {
        // `scheme://` and `module::path` are not assignments.
        (b':', b'/' | b':') => return next,
        (b':', _) if before(hay, op) == b':' => return next,
        (b':', b'=') => (op + 2, false),
        (b':', _) => (op + 1, true),
        (b'=', b'>' | b'=') => (op + 2, false),
        (b'=', _) if matches!(before(hay, op), b'=' | b'!' | b'<' | b'>' | b':') => return next,
        _ => (op + 1, false),
    };

    // The name before the operator, perhaps quoted (or quoted inside a JSON string: `\"`).
    let mut key_end = run_back(hay, op, ALIGN, is_blank);
    let quote = before(hay, key_end);
    let quoted = quote == b'"' || quote == b'\'';
    if quoted {
        key_end -= 1;
        // (And the backslashes that escape the quote: `\"`, or `\\\"` one JSON string deeper.)
        if before(hay, key_end) == b'\\' {
            key_end = run_back(hay, key_end, 7, |b| b == b'\\');
        }
    }
    // A name ends in a letter, a digit or `_` (not in the `-----` of a rule or of a masked
    // PEM block's END line). Most names are plain, and the endings of their last words say
    // so without reading the rest.
    let last = before(hay, key_end);
    if !(last.is_ascii_alphanumeric() || last == b'_')
        || (extra.is_empty() && !keys::name_may_be_sensitive(hay, key_end))
    {
        return next;
    }
    let name = Name {
        end: key_end,
        quoted,
        value_from,
        colon,
        encoded: false,
    };
    named(hay, op, &name, enabled, extra, reads, out)
}

/// Examines the assignment whose operator is percent-encoded, the `%3D` (`=`) or `%3A` (`:`)
/// at `pct`, as in a URL that carries another one's query (`?next=%2Fcb%3Fpassword%3D…`)
/// or a form-encoded body; returns where the scan goes on when it found a value.
pub(crate) fn at_encoded(
    hay: &[u8],
    pct: usize,
    enabled: &Enabled,
    extra: &[Vec<u8>],
    reads: &mut Reads,
    out: &mut Vec<Candidate>,
) -> Option<usize> {
    let (len, op) = escape_at(hay, pct)?;
    if !enabled.any_assignment() || !matches!(op, b'=' | b':') {
        return None;
    }
    let mut value_from = pct + len;
    let after = escape_at(hay, value_from).map_or(byte(hay, value_from), |(_, b)| b);
    // `%3A%2F%2F` (`://`), `%3A%3A` and `%3D%3D` are no assignments.
    if matches!((op, after), (b':', b'/' | b':') | (b'=', b'=')) {
        return None;
    }
    // The value may follow encoded spaces: `x-api-key%3A%20…`.
    while let Some((n, b' ' | b'\t')) =
        escape_at(hay, value_from).filter(|_| hay[value_from] == b'%')
    {
        value_from += n;
    }
    // A name in encoded quotes: `%22password%22%3A%22…%22`, JSON in a URL.
    let mut key_end = pct;
    let quoted = match escape_before(hay, key_end) {
        Some((n, b'"' | b'\'')) => {
            key_end -= n;
            true
        }
        _ => false,
    };
    if extra.is_empty() && !keys::name_may_be_sensitive(hay, key_end) {
        return None;
    }
    let name = Name {
        end: key_end,
        quoted,
        value_from,
        colon: op == b':',
        encoded: true,
    };
    let found = out.len();
    // (`named` goes on after its operator's last byte.)
    let next = named(hay, pct + len - 1, &name, enabled, extra, reads, out);
    (out.len() > found).then_some(next)
}

/// Where the name before an operator ends, and what follows the operator.
struct Name {
    /// The end of the name, before any closing quote.
    end: usize,
    quoted: bool,
    /// Where the value may start (after the operator).
    value_from: usize,
    /// Whether the operator is a `:` alone.
    colon: bool,
    /// Whether the operator is percent-encoded: then the text around it is a query inside
    /// another one's, and its `&` and quotes are encoded too.
    encoded: bool,
}

/// The rest of [`at`], once the end of the name does not rule it out: out of line, so the
/// quick ways out above stay small.
#[inline(never)]
fn named(
    hay: &[u8],
    op: usize,
    name: &Name,
    enabled: &Enabled,
    extra: &[Vec<u8>],
    reads: &mut Reads,
    out: &mut Vec<Candidate>,
) -> usize {
    let next = op + 1;
    let Name {
        end: key_end,
        quoted,
        value_from,
        colon,
        encoded,
    } = *name;
    // (`\npassword=`, `\u0026password=`: the name starts past the escape.)
    let key_start = past_escape(hay, run_back(hay, key_end, MAX_KEY + 1, is_key)).min(key_end);
    if key_start == key_end || key_end - key_start > MAX_KEY {
        return next;
    }
    // `[PASSWORD:1a2b3c4d]` is a mask this sanitizer wrote, not an assignment.
    if before(hay, key_start) == b'[' && mask_token_len(hay, key_start - 1).is_some() {
        return next;
    }
    let raw = &hay[key_start..key_end];
    let mut class = reads.classes.classify(raw, extra);
    if class == KeyClass::Plain && super::pair::names_a_value(raw) {
        class = super::pair::class_before(hay, key_start, extra);
    }
    if class == KeyClass::Plain {
        return next;
    }

    // The value: quoted to its closing quote, else to a delimiter. In prose (`the token: it
    // expires`) a `:` only assigns a single word that looks like a credential.
    let structured = quoted || line_start(hay, key_start);
    let own_line = !quoted && own_line(hay, key_start);
    let prose = colon && !structured;
    let value_start = run(hay, value_from, ALIGN, is_blank);
    let shape = if own_line && (colon || value_start > value_from) {
        Shape::Line
    } else if own_line {
        Shape::Tight
    } else if (colon && !prose) || class == KeyClass::Authorization {
        Shape::Delimited
    } else {
        Shape::Word
    };
    let Some(mut value) = value_bounds(hay, value_start, shape, encoded, reads) else {
        return next;
    };
    let indicator_end = value.end;
    let block = shape == Shape::Line && is_block_indicator(&hay[value.start..value.end]);
    if block {
        // `password: |`: the value is the more indented lines after it.
        match block_scalar(hay, key_start, value.end, MAX_VALUE) {
            Some(lines) => value = lines,
            None => return next,
        }
    }
    let Some(mut c) = judge(hay, &value, class, prose, enabled, reads) else {
        return next;
    };
    if value.cut_short && c.end == value.end {
        // A confirmed value longer than the first read: on to its end, read once, as the
        // scan goes on after it.
        c.end = if block {
            block_scalar(hay, key_start, indicator_end, usize::MAX).map_or(c.end, |v| v.end)
        } else {
            run(hay, c.end, usize::MAX, |b| value.shape.holds(b))
        };
    }
    // The scan goes on after the candidate, not the value: a bearer token is only the first
    // word of a header's value, which runs to the end of its line. A value that ends in an
    // operator (`the secret: token: abc123`) names the next value: the scan goes on at it.
    let resume = if c.end == value.end && matches!(before(hay, c.end), b':' | b'=') {
        c.end - 1
    } else {
        c.end
    };
    out.push(c);
    resume.max(next)
}

/// How a value is read: see the module's documentation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Shape {
    /// Between quotes.
    Quoted,
    /// To the end of its line.
    Line,
    /// To the first space or the end of its line.
    Tight,
    /// To a delimiter or the end of its line.
    Delimited,
    /// To a delimiter or a space.
    Word,
    /// The more indented lines after a YAML block scalar's `|` or `>`.
    Block,
}

impl Shape {
    /// Whether an unquoted value of this shape goes on over `b`.
    #[inline]
    fn holds(self, b: u8) -> bool {
        match self {
            Shape::Quoted | Shape::Block => false,
            Shape::Line => b != b'\n' && b != b'\r' && b != 0,
            Shape::Tight => b > b' ' && b != 0x7f,
            Shape::Delimited => !b"\r\n,;}]\"'<>\\".contains(&b) && b != 0,
            Shape::Word => b.is_ascii_graphic() && !b",;&\"'<>)}]\\`".contains(&b) || b >= 0x80,
        }
    }

    /// Whether reads of this shape are bounded by [`MAX_VALUE`] until confirmed. A value on
    /// a line of its own is read whole at once: one name starts a line. Quoted values end at
    /// the next quote of their kind, so the reads of two of them never overlap.
    fn bounded(self) -> bool {
        matches!(self, Shape::Delimited | Shape::Word)
    }
}

/// A value's bounds, and how it was read.
pub(super) struct Value {
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) shape: Shape,
    /// Whether the read stopped at [`MAX_VALUE`] rather than where the value ends.
    pub(super) cut_short: bool,
}

/// The bounds of the value starting at `at`, read as `shape` says (a quote there, or an
/// escaped one, `\"`, `%22`, makes it quoted), up to a comment, a mask or a PEM block in it.
/// After an `encoded` operator the text is a query inside another one's, and the percent
/// escapes of a control character, `&`, a quote, `<` or `>` end the value: they are that
/// query's delimiters (`%3Fpassword%3Dhunter2%26next%3D…`). After a plain one they are the
/// value's own (`password=tr0ub4dor%263`), but an encoded line break ends a line's value.
pub(super) fn value_bounds(
    hay: &[u8],
    at: usize,
    shape: Shape,
    encoded: bool,
    reads: &mut Reads,
) -> Option<Value> {
    let first = byte(hay, at);
    if first == b'"' || first == b'\'' {
        let start = at + 1;
        let mut i = start;
        // Unbounded: see `Shape::bounded`.
        while i < hay.len() {
            match hay[i] {
                b'\n' | b'\r' => return None,
                b'\\' => i += 2,
                b if b == first => return trimmed(hay, start, i, Shape::Quoted, false, reads),
                _ => i += 1,
            }
        }
        return None;
    }
    if let Some(len) = escaped_quote(hay, at) {
        // Up to the same escaped quote: `\"…\"`, `%22…%22`.
        let quote = &hay[at..at + len];
        let start = at + len;
        let limit = hay.len().min(start + MAX_VALUE);
        let mut i = start;
        while i < limit {
            match hay[i] {
                b'\n' | b'\r' => return None,
                _ if hay[i..].starts_with(quote) => {
                    return trimmed(hay, start, i, Shape::Quoted, false, reads);
                }
                _ => i += 1,
            }
        }
        return None;
    }
    let holds = |b| shape.holds(b);
    let mut end = match shape {
        // (The runs of one class are remembered: values overlap, `password=${password=${…`.)
        Shape::Word => reads.word.run(hay, at, MAX_VALUE, holds),
        Shape::Delimited => reads.line.run(hay, at, MAX_VALUE, holds),
        _ => run(hay, at, usize::MAX, holds),
    };
    let cut_short = shape.bounded() && end - at == MAX_VALUE;
    end = if encoded {
        reads.encoded_ends.before(hay, at, end)
    } else if matches!(shape, Shape::Line | Shape::Delimited) {
        reads.line_breaks.before(hay, at, end)
    } else {
        end
    };
    if shape == Shape::Tight {
        // `Password=x;Server=db` at the start of a line: a `;`, `&` or `,` before another
        // `name=` separates fields (a connection string, a query); otherwise it is the
        // value's (`DB_PASSWORD=Tr0ub4dor&3xQz`). (Each is looked at once: a line has one
        // value of its own.)
        let mut from = at;
        while let Some(i) = memchr::memchr3(b';', b'&', b',', &hay[from..end]) {
            let field = from + i + 1;
            let name_end = run(hay, field, MAX_KEY + 1, is_key);
            if name_end > field && name_end - field <= MAX_KEY && byte(hay, name_end) == b'=' {
                end = from + i;
                break;
            }
            from = field;
        }
        // A `;` at its end ends a statement or a connection string (`Pwd=x;`).
        if end > at && hay[end - 1] == b';' {
            end -= 1;
        }
    }
    if matches!(shape, Shape::Line | Shape::Tight) {
        // An escaped line break (`\n` in a JSON string) ends the line.
        if let Some(i) = hay[at..end]
            .windows(2)
            .position(|w| w[0] == b'\\' && matches!(w[1], b'n' | b'r' | b't' | b'"' | b'u'))
        {
            end = at + i;
        }
    }
    if matches!(shape, Shape::Line | Shape::Delimited) {
        // A `#` after a space starts a comment, in YAML, shell and dotenv files alike.
        let comment = [reads.comment.find(hay, at), reads.tab_comment.find(hay, at)];
        if let Some(i) = comment.into_iter().flatten().min().filter(|&i| i < end) {
            end = i;
        }
    }
    trimmed(hay, at, end, shape, cut_short, reads)
}

/// Whether a YAML value is a block scalar's indicator: `|`, `>`, with a chomping `-` or
/// `+` and an indentation digit.
fn is_block_indicator(value: &[u8]) -> bool {
    match value {
        [b'|' | b'>', rest @ ..] => {
            rest.len() <= 2
                && rest
                    .iter()
                    .all(|&b| matches!(b, b'-' | b'+') || (b'1'..=b'9').contains(&b))
        }
        _ => false,
    }
}

/// The value of the block scalar whose indicator's line goes on from `from`, under the name
/// starting at `key_start`: the lines after it indented more than that line (blank lines
/// among them), read up to `limit` bytes (then `cut_short`).
fn block_scalar(hay: &[u8], key_start: usize, from: usize, limit: usize) -> Option<Value> {
    // The name is the first thing on its line (`own_line`): its line starts at most a
    // margin before it.
    let margin = key_start.saturating_sub(ALIGN + 8);
    let line_start =
        memchr::memrchr(b'\n', &hay[margin..key_start]).map_or(margin, |i| margin + i + 1);
    let indent = key_start - line_start;
    let mut i = from + memchr::memchr(b'\n', &hay[from..])?;
    let first = i + 1;
    let (mut start, mut end) = (None, first);
    let mut cut_short = false;
    while i < hay.len() {
        let at = i + 1;
        if at - first > limit {
            cut_short = true;
            break;
        }
        let room = hay.len().min(at.saturating_add(limit));
        let line_end = memchr::memchr(b'\n', &hay[at..room]).map_or(room, |n| at + n);
        let line = &hay[at..line_end];
        let spaces = line.iter().take_while(|&&b| b == b' ').count();
        if line.trim_ascii().is_empty() {
            i = line_end;
            continue;
        }
        if spaces <= indent {
            break;
        }
        start.get_or_insert(at + spaces);
        end = at + line.trim_ascii_end().len();
        if line_end == room && room < hay.len() {
            cut_short = true;
            break;
        }
        i = line_end;
    }
    let start = start?;
    Some(Value {
        start,
        end,
        shape: Shape::Block,
        cut_short,
    })
}

/// `hay[start..end]` up to a mask or a PEM block in it, without the spaces around it.
pub(super) fn trimmed(
    hay: &[u8],
    start: usize,
    end: usize,
    shape: Shape,
    cut_short: bool,
    reads: &mut Reads,
) -> Option<Value> {
    let mut end = end;
    // A mask inside (`hunter2 [TODO]`), perhaps cut short by a delimiter (`]`): the value
    // ends before it, so it is not dropped whole for touching a mask, and the text after it
    // is scanned.
    if let Some(i) = reads.masks.find(hay, start + 1).filter(|&i| i < end) {
        end = i;
    }
    if let Some(i) = reads.pem.find(hay, start + 1).filter(|&i| i < end) {
        end = i;
    }
    // Past the whitespace at its ends. The end is read back over once for values that
    // overlap (`(token: (token: …` before a long run of spaces): see `Reads::text`.
    let start = start
        + hay[start..end]
            .iter()
            .take_while(|b| b.is_ascii_whitespace())
            .count();
    let (last_at, last_end, last_text) = reads.text;
    let (seen, text_before) = if last_at <= start && start < last_end && last_end <= end {
        (last_end, last_text.max(start))
    } else {
        (start, start)
    };
    let text = hay[seen..end]
        .iter()
        .rposition(|b| !b.is_ascii_whitespace())
        .map_or(text_before, |i| seen + i + 1);
    reads.text = (start, end, text);
    (text > start).then_some(Value {
        start,
        end: text,
        shape,
        cut_short,
    })
}

/// The candidate for the value `value` under a name of class `class`, if it is one: not
/// a placeholder, a mask, a reference, a structure or (under a weak name) a setting.
/// `prose` says the name was not a structure's but a sentence's (`the token: …`).
pub(super) fn judge(
    hay: &[u8],
    value: &Value,
    class: KeyClass,
    prose: bool,
    enabled: &Enabled,
    reads: &mut Reads,
) -> Option<Candidate> {
    let (start, end) = (value.start, value.end);
    let bytes = &hay[start..end];
    let starred = reads.star.within(hay, start, end);
    // `{"password": "<…>"}` holds whatever it holds; unquoted, `<password>` is a template.
    let angled = value.shape == Shape::Quoted && bytes.starts_with(b"<") && bytes.ends_with(b">");
    if (is_placeholder_or(bytes, |v| starred && is_partial_mask(v)) && !angled)
        || mask_token_len(bytes, 0).is_some()
        || bytes.starts_with(b"-----BEGIN")
        || matches!(
            bytes,
            b"null" | b"None" | b"nil" | b"true" | b"false" | b"undefined"
        )
        || bytes.starts_with(b"{")
        || bytes.starts_with(b"[") && !bytes.ends_with(b"]")
        || value_is_variable(bytes)
        || (class == KeyClass::Weak && keys::is_setting(bytes))
    {
        return None;
    }
    // A value that is itself a known token keeps that kind: the scan skips past this value,
    // and the digit-triggered token detectors would not see it again.
    if let Some(c) = super::numeric::digit_token(hay, start)
        .filter(|c| c.end == end && enabled.contains(&c.kind))
    {
        return Some(c);
    }
    match class {
        KeyClass::Plain => None,
        KeyClass::Authorization => authorization(hay, start, end, enabled),
        KeyClass::AwsSecret
            if bytes.len() == 40
                && bytes
                    .iter()
                    .all(|&b| b.is_ascii_alphanumeric() || b == b'/' || b == b'+') =>
        {
            enabled
                .contains(&Kind::AwsSecretAccessKey)
                .then(|| Candidate::new(Kind::AwsSecretAccessKey, start, end))
        }
        KeyClass::Secret | KeyClass::AwsSecret | KeyClass::Weak => {
            let word = prose && bytes.iter().all(u8::is_ascii_lowercase);
            (!word && enabled.contains(&Kind::Password))
                .then(|| Candidate::new(Kind::Password, start, end))
        }
        KeyClass::Credential => {
            // A block's lines are judged by the first.
            let sample = match value.shape {
                Shape::Block => bytes.split(|&b| b == b'\n').next().unwrap_or_default(),
                _ => bytes,
            };
            (enabled.contains(&Kind::GenericSecret) && keys::looks_random(sample.trim_ascii()))
                .then(|| Candidate::new(Kind::GenericSecret, start, end))
        }
    }
}

/// The length of the escaped quote that opens a value at `at`, if one does: `\"` in a JSON
/// string, `\\\"` in a JSON string inside another, `%22` in a URL, `\u0022`.
fn escaped_quote(hay: &[u8], at: usize) -> Option<usize> {
    let slashes = run(hay, at, 8, |b| b == b'\\') - at;
    if slashes % 2 == 1 && matches!(byte(hay, at + slashes), b'"' | b'\'') {
        return Some(slashes + 1);
    }
    match escape_at(hay, at) {
        Some((len, b'"' | b'\'')) if len >= 3 => Some(len),
        _ => None,
    }
}

/// Whether a percent-encoded byte ends a value to the end of its line: a line break.
fn ends_line(b: u8) -> bool {
    b == b'\n' || b == b'\r'
}

/// Whether a percent-encoded byte ends a value in a query inside another one's: a control
/// character (a line break), `&`, a quote, `<` or `>`.
fn ends_encoded_value(b: u8) -> bool {
    b < 0x20 || b"&\"'<>".contains(&b)
}

/// The first percent escape in `hay[at..]` of a byte that `ends` a value, or the end.
fn first_escaped(hay: &[u8], at: usize, ends: fn(u8) -> bool) -> usize {
    let mut from = at;
    while let Some(i) = hay.get(from..).and_then(|rest| memchr::memchr(b'%', rest)) {
        let i = from + i;
        if let Some((_, b)) = escape_at(hay, i)
            && ends(b)
        {
            return i;
        }
        from = i + 1;
    }
    hay.len().max(at)
}

/// Whether the name starts a line (`KEY=…`, `  key: …`, `- key: …`, `export KEY=…`) or a
/// field of a structure, rather than sitting in the middle of prose.
fn line_start(hay: &[u8], key_start: usize) -> bool {
    let mut i = run_back(hay, key_start, 16, is_blank);
    if hay[..i].ends_with(b"export") {
        i = run_back(hay, i - 6, 16, is_blank);
    }
    match unescaped_before(hay, i) {
        0 | b'\n' | b'\r' | b'{' | b',' | b';' | b'&' | b'?' | b'[' | b'(' => true,
        // A YAML list's `- `, not the end of a `-----` rule or of a masked PEM block.
        b'-' => matches!(before(hay, i - 1), 0 | b'\n' | b'\r' | b' ' | b'\t'),
        _ => false,
    }
}

/// Whether the name is the first thing on its line (after indentation, `export ` or a YAML
/// list's `- `), so its value is the rest of the line.
fn own_line(hay: &[u8], key_start: usize) -> bool {
    let mut i = run_back(hay, key_start, ALIGN, is_blank);
    if hay[..i].ends_with(b"export") {
        i = run_back(hay, i - 6, ALIGN, is_blank);
    } else if before(hay, i) == b'-' {
        i = run_back(hay, i - 1, ALIGN, is_blank);
    }
    // (A line break's escape starts no line of its own: the value is a JSON string's, and
    // ends at its delimiters.)
    matches!(before(hay, i), 0 | b'\n' | b'\r')
}

/// `$DB_PASSWORD`, `process.env.TOKEN`, `os.environ["KEY"]`: a reference, not the secret.
fn value_is_variable(value: &[u8]) -> bool {
    match value {
        [b'$', rest @ ..] => {
            !rest.is_empty()
                && rest
                    .iter()
                    .all(|&b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_')
        }
        _ => {
            value.starts_with(b"process.env.")
                || value.starts_with(b"os.environ")
                || value.starts_with(b"env.")
        }
    }
}

/// `Authorization: <scheme> <credential>`: Bearer credentials are bearer tokens; any other
/// scheme's credential (Basic, Token, Digest parameters) is a password.
pub(crate) fn authorization(
    hay: &[u8],
    start: usize,
    end: usize,
    enabled: &Enabled,
) -> Option<Candidate> {
    let value = &hay[start..end];
    let scheme_len = value
        .iter()
        .position(|&b| b == b' ')
        .filter(|&n| n > 0 && value[..n].iter().all(u8::is_ascii_alphabetic));
    match scheme_len {
        Some(n) if value[..n].eq_ignore_ascii_case(b"bearer") => {
            let from = run(hay, start + n, 8, |b| b == b' ');
            let (s, e) = prefixed::token_after_scheme(hay, from)?;
            enabled
                .contains(&Kind::BearerToken)
                .then(|| Candidate::new(Kind::BearerToken, s, e))
        }
        Some(n) => {
            let from = run(hay, start + n, 8, |b| b == b' ');
            // `Bot <discord token>` keeps the token's kind.
            if let Some(c) = super::numeric::digit_token(hay, from)
                .filter(|c| c.end == end && enabled.contains(&c.kind))
            {
                return Some(c);
            }
            (from < end && !is_placeholder(&hay[from..end]) && enabled.contains(&Kind::Password))
                .then(|| Candidate::new(Kind::Password, from, end))
        }
        // A scheme alone: its credential was masked (`Basic [PASSWORD]`), or is missing.
        None if is_scheme(value) => None,
        None => enabled
            .contains(&Kind::Password)
            .then(|| Candidate::new(Kind::Password, start, end)),
    }
}

/// Whether `word` is an HTTP authentication scheme's name.
fn is_scheme(word: &[u8]) -> bool {
    [
        &b"bearer"[..],
        b"basic",
        b"digest",
        b"token",
        b"negotiate",
        b"ntlm",
        b"hoba",
        b"mutual",
        b"vapid",
    ]
    .iter()
    .any(|s| word.eq_ignore_ascii_case(s))
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(crate) fn found(text: &str) -> Vec<(Kind, &str)> {
        let hay = text.as_bytes();
        let mut out = Vec::new();
        let mut reads = Reads::default();
        let mut i = 0;
        while i < hay.len() {
            i = if matches!(hay[i], b'=' | b':') {
                at(hay, i, &Enabled::all(), &[], &mut reads, &mut out)
            } else {
                i + 1
            };
        }
        out.into_iter()
            .map(|c| (c.kind, &text[c.start..c.end]))
            .collect()
    }

    #[test]
    fn remembered_classes_are_the_classes() {
        let mut classes = Classes::default();
        // Names of one length and the same ends share a slot.
        let names: &[&[u8]] = &[
            b"password",
            b"pxxxxxxd",
            b"api_key",
            b"aaa_key",
            b"version",
            b"v",
            b"",
            b"pw",
            b"DB_PASSWORD_PROD",
            b"DB_PASSWORD_FILE",
            b"token_ttl",
            b"token_tl",
        ];
        for _ in 0..2 {
            for name in names {
                assert_eq!(
                    classes.classify(name, &[]),
                    keys::classify_raw(name, &[]),
                    "{}",
                    String::from_utf8_lossy(name)
                );
            }
        }
        let long = [b'a'; 100];
        assert_eq!(classes.classify(&long, &[]), keys::classify_raw(&long, &[]));
    }

    #[test]
    fn assignments() {
        let cases: &[(&str, Kind, &str)] = &[
            ("user=bob password=hunter2 next", Kind::Password, "hunter2"),
            ("DB_PASSWORD: s3cret pass", Kind::Password, "s3cret pass"),
            (
                r#"{"api_key": "abc123xyz", "n": 1}"#,
                Kind::Password,
                "abc123xyz",
            ),
            (
                r#"{\"token\":\"t0k3n-value\"}"#,
                Kind::Password,
                "t0k3n-value",
            ),
            ("client_secret = 'a b c'", Kind::Password, "a b c"),
            ("export GITHUB_TOKEN=abcdef123", Kind::Password, "abcdef123"),
            ("X-Api-Key: k3y-value\r\n", Kind::Password, "k3y-value"),
            (
                "Authorization: Bearer abc.def-ghi_123\n",
                Kind::BearerToken,
                "abc.def-ghi_123",
            ),
            (
                "Authorization: Basic dXNlcjpwYXNz\n",
                Kind::Password,
                "dXNlcjpwYXNz",
            ),
            (
                "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
                Kind::AwsSecretAccessKey,
                "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
            ),
            (
                "webhook_key=q7Xv2LmP9sKd4TzR8wYb",
                Kind::GenericSecret,
                "q7Xv2LmP9sKd4TzR8wYb",
            ),
            ("url?user=bob&password=p%40ss&x=1", Kind::Password, "p%40ss"),
            ("if password == \"letmein\" {", Kind::Password, "letmein"),
            ("$token := \"abc123\"", Kind::Password, "abc123"),
        ];
        for (text, kind, value) in cases {
            assert_eq!(found(text), vec![(kind.clone(), *value)], "in {text:?}");
        }
    }

    #[test]
    fn passwords_by_other_names() {
        let cases: &[(&str, &str)] = &[
            ("Server=x;Uid=sa;Pwd=hunter2;", "hunter2"),
            ("Driver={ODBC};Server=db;UID=sa;PWD=Tr0ub4dor;", "Tr0ub4dor"),
            ("pwd=hunter2", "hunter2"),
            ("passwd: hunter2", "hunter2"),
            ("pass=hunter2", "hunter2"),
            ("DB_PASS=hunter2", "hunter2"),
            ("pw: hunter2", "hunter2"),
            ("DB_PASSWORD_PROD=hunter2", "hunter2"),
            ("API_KEY_2=abc123", "abc123"),
            ("SecretString: hunter2", "hunter2"),
            ("secret_value = \"hunter2\"", "hunter2"),
            ("clientSecret: hunter2", "hunter2"),
            ("x-api-key: hunter2", "hunter2"),
            ("password_strictness: hunter2", "hunter2"),
        ];
        for (text, value) in cases {
            assert_eq!(found(text), vec![(Kind::Password, *value)], "in {text:?}");
        }
    }

    #[test]
    fn names_about_a_secret_and_settings_under_weak_names_stay() {
        for text in [
            "passenger: bob",
            "compass: north",
            "bypass: yes please",
            "password_policy: strict",
            "password_min_length: 12",
            "pass: true",
            "pass: 12",
            "PWD=/home/ann/src",
            "OLDPWD=/tmp",
            "pwd: ~/src",
            "password_strictness: 3",
            "token_url: https://example.com/oauth/token",
            "DB_PASSWORD_FILE=/run/secrets/db",
            "secret_arn: arn-of-it",
        ] {
            assert_eq!(found(text), vec![], "in {text:?}");
        }
        // A long number under a weak name may be a numeric password.
        assert_eq!(found("Pwd=12345678;"), vec![(Kind::Password, "12345678")]);
    }

    #[test]
    fn values_on_a_line_of_their_own_are_whole() {
        let cases: &[(&str, &str)] = &[
            ("DB_PASSWORD=Tr0ub4dor&3xQz", "Tr0ub4dor&3xQz"),
            ("DB_PASSWORD=Tr0ub4dor&3xQz\nNEXT=1", "Tr0ub4dor&3xQz"),
            ("  password: a,b;c)d]e}f\n", "a,b;c)d]e}f"),
            ("export TOKEN=ab;cd,ef", "ab;cd,ef"),
            ("- password: x&y, z\n", "x&y, z"),
            ("password = hunter 2\n", "hunter 2"),
            ("password           = \"x y\"\n", "x y"),
            ("password           = hunter2\n", "hunter2"),
            ("password:           hunter2\n", "hunter2"),
            ("password: hunter2 # rotate soon\n", "hunter2"),
            ("password: hunter2 # [TODO]\n", "hunter2"),
            ("password: hunter2 [TODO] later\n", "hunter2"),
            ("password=hunter2 [TODO]\n", "hunter2"),
            ("\"password\": \"hunter2 [TODO]\"", "hunter2"),
            ("{a: 1, password: hunter2 [TODO]}", "hunter2"),
            ("{a: 1, password: hunter2 # [TODO]}", "hunter2"),
            ("{\"password\": \"<abc>\"}", "<abc>"),
        ];
        for (text, value) in cases {
            assert_eq!(found(text), vec![(Kind::Password, *value)], "in {text:?}");
        }
        // A tight `name=value` ends at a space: a command follows it.
        assert_eq!(
            found("PGPASSWORD=s3cr3t psql -h db"),
            vec![(Kind::Password, "s3cr3t")]
        );
    }

    #[test]
    fn block_scalars() {
        assert_eq!(
            found("a:\n  password: |\n    hunter2\n    and more\n\n    lines\n  next: 1\n"),
            vec![(Kind::Password, "hunter2\n    and more\n\n    lines")]
        );
        assert_eq!(
            found("- tls.key: >-\n    q7Xv2LmP9sKd4TzR8wYb\n    q7Xv2LmP9sKd4TzR8wYb\nnext: 1"),
            vec![(
                Kind::GenericSecret,
                "q7Xv2LmP9sKd4TzR8wYb\n    q7Xv2LmP9sKd4TzR8wYb"
            )]
        );
        let long = "    x1x1x1x1x1x1x1x1x1x1x1x1x1x1\n".repeat(500);
        let text = format!("password: |\n{long}next: 1");
        assert_eq!(found(&text), vec![(Kind::Password, long.trim())]);
        let line = "x1".repeat(3000);
        let text = format!("password: >\n  {line}\nnext: 1");
        assert_eq!(found(&text), vec![(Kind::Password, line.as_str())]);
        for text in [
            "password: |\nnext: 1",
            "password: |\n",
            "password: |",
            "private_key: |\n  -----BEGIN RSA PRIVATE KEY-----\n  MIIE\n",
            "password: |\n  [PASSWORD]\n",
        ] {
            assert_eq!(found(text), vec![], "in {text:?}");
        }
    }

    #[test]
    fn the_scan_goes_on_after_a_value_that_names_the_next() {
        assert_eq!(
            found("the secret: token: abc123"),
            vec![(Kind::Password, "token:"), (Kind::Password, "abc123")]
        );
    }

    #[test]
    fn long_values_are_whole() {
        let long = "x1".repeat(3000);
        for text in [
            format!("password: {long}\nnext"),
            format!("password={long}\nnext"),
            format!("\"password\": \"{long}\", \"n\": 1"),
            format!("user=bob password={long} next"),
            format!("{{user: a, password: {long}, n: 1}}"),
        ] {
            assert_eq!(
                found(&text),
                vec![(Kind::Password, long.as_str())],
                "{}",
                &text[..20]
            );
        }
        let key: String = (0..2048)
            .map(|i: usize| {
                let alphabet = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
                char::from(alphabet[(i * 7919 + i / 3) % 64])
            })
            .collect();
        let text = format!("data:\n  tls.crt: none\n  tls.key: {key}\n");
        assert_eq!(found(&text), vec![(Kind::GenericSecret, key.as_str())]);
    }

    #[test]
    fn names_and_lines_read_through_escapes() {
        for (text, value) in [
            (
                r#"{"log":"x\nDB_PASSWORD: s3cret pass\nok"}"#,
                "s3cret pass",
            ),
            (
                r#"{"log":"x\u000aDB_PASSWORD: s3cret pass\u000aok"}"#,
                "s3cret pass",
            ),
            (r#"{"log":"ok\npw=hunter22\n"}"#, "hunter22"),
            (r#"{\\\"password\\\":\\\"hunter22\\\"}"#, "hunter22"),
            ("password=hunter22%0Anext", "hunter22%0Anext"),
            ("x%0ADB_PASSWORD: s3cret pass%0Aok", "s3cret pass"),
            ("password=tr0ub4dor%263&next=1", "tr0ub4dor%263"),
            ("password=p%40ss%40w0rd&x=1", "p%40ss%40w0rd"),
        ] {
            assert_eq!(found(text), vec![(Kind::Password, value)], "in {text:?}");
        }
    }

    #[test]
    fn a_remembered_escaped_end_answers_as_a_fresh_search() {
        let hay = b"a%20b%0Ac%26d%3De%0d%zz%22f%%0A";
        for ends in [ends_line as fn(u8) -> bool, ends_encoded_value] {
            let mut remembered = EscapedEnd::new(ends);
            for at in 0..=hay.len() {
                for end in at..=hay.len() {
                    let fresh = (at..end)
                        .find(|&i| {
                            hay[i] == b'%' && escape_at(hay, i).is_some_and(|(_, b)| ends(b))
                        })
                        .unwrap_or(end);
                    assert_eq!(remembered.before(hay, at, end), fresh, "{at}..{end}");
                }
            }
        }
    }

    #[test]
    fn percent_encoded_operators_assign() {
        let encoded = |text: &'static str| {
            let mut out = Vec::new();
            let mut reads = Reads::default();
            let mut from = 0;
            while let Some(i) = text[from..].find('%').map(|i| from + i) {
                from = at_encoded(
                    text.as_bytes(),
                    i,
                    &Enabled::all(),
                    &[],
                    &mut reads,
                    &mut out,
                )
                .unwrap_or(i + 1);
            }
            out.into_iter()
                .map(|c| (c.kind, &text[c.start..c.end]))
                .collect::<Vec<_>>()
        };
        for (text, value) in [
            ("next=%2Fcb%3Fpassword%3Dhunter22%26x%3D1", "hunter22"),
            ("next=%2Fcb%3Fpassword%3dhunter22", "hunter22"),
            ("x-api-key%3A%20k3y-value%0D%0A", "k3y-value"),
            ("%7B%22password%22%3A%22hunter%2022%22%7D", "hunter%2022"),
        ] {
            assert_eq!(encoded(text), vec![(Kind::Password, value)], "in {text:?}");
        }
        for text in [
            "next=%2Fcb%3Fuser%3Dann",
            "url%3Dhttps%3A%2F%2Fexample.com",
            "password%3D%3Dx",
            "token_count%3D153",
        ] {
            assert_eq!(encoded(text), vec![], "in {text:?}");
        }
    }

    #[test]
    fn not_assignments() {
        for text in [
            "password_min_length: 12",
            "max_tokens: 4096",
            "token_count=153",
            "password=${DB_PASSWORD}",
            "password: [REDACTED]",
            "password: [REDACTED] # rotated",
            "password=[PASSWORD:1a2b3c4d]",
            "token: null",
            "requires_password: true",
            "the token: it expires soon",
            "primary_key: user_id",
            "key: 550e8400-e29b-41d4-a716-446655440000",
            "password = os.environ[\"DB\"]",
            "token=$GITHUB_TOKEN",
            "if token != x",
            "password:\n  nested",
            "https://example.com",
            "password: \"unterminated",
            "password: <your password here>",
            "private_key: -----BEGIN RSA PRIVATE KEY-----",
            "password: ****",
        ] {
            assert_eq!(found(text), vec![], "in {text:?}");
        }
    }

    #[test]
    fn a_masked_credential_leaves_its_scheme() {
        for text in [
            "Authorization: Bearer [REDACTED]\n",
            "Authorization: Basic [PASSWORD:1a2b3c4d]\n",
            "Authorization: Basic ****\n",
            "Authorization: Bearer\n",
        ] {
            assert_eq!(found(text), vec![], "in {text:?}");
        }
    }

    #[test]
    fn a_dash_before_a_name_is_a_list_item_only_after_a_space() {
        assert_eq!(found("- password: a"), vec![(Kind::Password, "a")]);
        assert_eq!(found("x - password: a"), vec![(Kind::Password, "a")]);
        // After a rule or a masked PEM block's END line, a sentence's word.
        assert_eq!(found("KEY----- password: a"), vec![]);
        // And that line's end is no name.
        assert_eq!(
            found("-----END RSA PRIVATE KEY-----\": x=A)aAaa9Kq2Zr7Lm"),
            vec![]
        );
    }

    #[test]
    fn a_value_stops_before_a_pem_block_in_it() {
        assert_eq!(
            found("token: xyz -----BEGIN PRIVATE KEY-----\nMIIE\n"),
            vec![(Kind::Password, "xyz")]
        );
        assert_eq!(
            found("token: xyz-----BEGIN PRIVATE KEY-----\nMIIE\n"),
            vec![(Kind::Password, "xyz")]
        );
        // In prose a value is one word: `-----BEGIN` alone is the block's, not the value's.
        assert_eq!(
            found("\":password: -----BEGIN RSA PRIVATE KEY-----\nMIIE\n"),
            vec![]
        );
    }
}
