//! Numbers that are personal data: phone numbers, SSNs, payment cards and IPv4 addresses,
//! plus the tokens with digits in them that are IBANs or Twilio keys.
//!
//! A digit starts a *token*: letters, digits and `_`, joined by single `-`, `.`, `/` or `:`,
//! except that a name and `:` before its first digit are a label (`ip:10.0.0.1`). A token
//! with letters in it is an identifier (a UUID, a hash, an order id), never one of the
//! numbers here. All-digit tokens joined by single spaces (and a `(555)` group) form a
//! *phrase*, which is matched as a whole and, failing that, token by token. So
//! `2026-11-22` (a date) and `1994 2026` (two years) match nothing, while
//! `+1 (555) 234-5678` and `4111 1111 1111 1111` match in full.

use std::sync::LazyLock;

use aho_corasick::AhoCorasick;

use super::{Candidate, bot_token, dotfile, iban, ipv6, providers};
use crate::sanitize::bytes::{TIGHT, before, byte, class, is_word, past_escape, unescaped_before};
use crate::sanitize::classes::{Classes, SPAN, Windows};
use crate::sanitize::enabled::Enabled;
use crate::sanitize::kind::Kind;

/// The most groups a phrase may have before it is plainly not one number.
const MAX_GROUPS: usize = 16;
/// The most tokens a phrase may join.
const MAX_ITEMS: usize = 6;

#[derive(Debug, Clone, Copy, Default)]
struct Group {
    start: usize,
    end: usize,
    /// The separator before this group: a tight byte, `b' '`, or `b')'` after a `(ddd)`.
    sep: u8,
    /// Which token of the phrase the group belongs to.
    item: usize,
}

impl Group {
    fn len(&self) -> usize {
        self.end - self.start
    }
}

/// A token: its bounds and what is in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Token {
    start: usize,
    end: usize,
    /// Whether it has a letter or `_`: then it is an identifier, not a number.
    lettered: bool,
    /// Which separators it has: `.`, `:`, `-` or `/`, and `/`.
    dot: bool,
    colon: bool,
    dash_or_slash: bool,
    slash: bool,
}

impl Token {
    fn new(start: usize) -> Token {
        Token {
            start,
            end: start,
            lettered: false,
            dot: false,
            colon: false,
            dash_or_slash: false,
            slash: false,
        }
    }

    /// Adds the bytes of `taken` (a mask over `c`) to what the token has.
    #[inline(always)]
    fn take(&mut self, c: &Classes, taken: u64) {
        // (Flags, not counts: x86-64 has no population count before its later extensions.)
        self.lettered |= c.alpha & taken != 0;
        self.dot |= c.dot & taken != 0;
        self.colon |= c.colon & taken != 0;
        self.dash_or_slash |= c.tight & !(c.dot | c.colon) & taken != 0;
        self.slash |= c.slash & taken != 0;
    }

    /// Whether it is one group: no `.`, `:`, `-` or `/` in it.
    fn whole(&self) -> bool {
        !(self.dot || self.colon || self.dash_or_slash)
    }

    /// How many `:` it has (counted only where that matters: a rare question).
    fn colons(&self, hay: &[u8]) -> usize {
        if !self.colon {
            return 0;
        }
        hay[self.start..self.end]
            .iter()
            .filter(|&&b| b == b':')
            .count()
    }
}

/// The token around the digit at `p`, read from the aligned windows the scan has mapped.
///
/// The token starts at `fence` (at most `p`) or later: past the last secret token the
/// literal search found before `p`, and a separator right after it (`ghp_…-555-234-5678`),
/// so a number joined to a secret is read as it will be once the secret is masked.
#[inline]
fn token(windows: &mut Windows, p: usize, fence: usize) -> Token {
    let hay = windows.hay();
    let mut base = p - p % SPAN;
    let w = windows.window(base);
    // (A `:` before the digit ends a label: see `after_label`.)
    let mut outside = (!w.inside | w.classes.colon) & below(p - base);
    if fence > base {
        outside |= below(fence - base);
    }
    let start = if outside != 0 {
        base + SPAN - outside.leading_zeros() as usize
    } else if base == 0 {
        0
    } else {
        // The token starts in an earlier window: rare enough to walk back a byte at a time.
        let start = after_label(hay, token_start(hay, p), p).max(fence);
        base = start - start % SPAN;
        start
    };
    walk(windows, start, base, p)
}

/// The token that starts at `start`, in the window at `base`, read forward over the aligned
/// windows: see [`token`].
#[inline(always)]
fn walk(windows: &mut Windows, start: usize, mut base: usize, p: usize) -> Token {
    let hay = windows.hay();
    let mut from = start - base;
    let mut t = Token::new(start);
    loop {
        let w = windows.window(base);
        let ends = !w.inside & !below(from);
        let mut stop = if ends == 0 {
            SPAN
        } else {
            ends.trailing_zeros() as usize
        };
        let c = &w.classes;
        let mut taken = below(stop) & !below(from);
        if !t.lettered {
            // `…5678.Next`, `….pdf`, `10.0.0.1/api`, `1.2.3-beta`: a number ends at a
            // separator at or past `p` with a letter after it, if no letter came before it:
            // once a letter is in, the token is an identifier and runs to its end. (When the
            // first such separator is before `p`, its letter is too, and no later one counts.)
            let cuts = w.cuts & taken;
            let cut = cuts.trailing_zeros() as usize;
            if cuts != 0 && base + cut >= p {
                let before_cut = taken & below(cut);
                if c.alpha & before_cut == 0 {
                    stop = cut;
                    taken = before_cut;
                }
            }
        }
        t.take(c, taken);
        t.end = base + stop;
        if stop < SPAN || t.end >= hay.len() {
            return t;
        }
        base += SPAN;
        from = 0;
    }
}

/// Where the token of the digit at `p` starts: back over word bytes and single separators
/// between them, one byte at a time (for a token that starts before `p`'s window). The walk
/// stops at a `:`, where [`after_label`] would start the token anyway: a flood of labels and
/// short numbers (`h:54:h:54:…`) is one long run of them, read back from each number.
fn token_start(hay: &[u8], p: usize) -> usize {
    let mut s = p;
    loop {
        s -= hay[..s].iter().rev().take_while(|&&b| is_word(b)).count();
        if s >= 2 && hay[s - 1] != b':' && class(hay[s - 1]) & TIGHT != 0 && is_word(hay[s - 2]) {
            s -= 1;
        } else {
            return s;
        }
    }
}

/// Where a token that starts at `start` starts once the tail of an escape right before it is
/// skipped: the `n` of `\n`, the `0A` of `%0A`, the `u000a` of `\u000a`. The token walk
/// stops at the escape's `\` or `%`, and what follows it is part of the escape, not of a
/// number: `card:\n4111 1111 1111 1111` is a card, `%0A555-234-5678` a phone number.
#[inline]
fn past_escape_tail(hay: &[u8], start: usize) -> usize {
    // (A run of word bytes stops only at an escape's `\` or `%`.)
    if matches!(before(hay, start), b'\\' | b'%') {
        past_escape(hay, start)
    } else {
        start
    }
}

/// The `fence` of [`at_digit`] after a secret token that ends at `end`: past a separator
/// that joins the token to what follows it.
pub(crate) fn fence_after(hay: &[u8], end: usize) -> usize {
    end + usize::from(class(byte(hay, end)) & TIGHT != 0)
}

/// Where the number of the digit at `p` starts in its token, which starts at `start`: after
/// the last `:` before `p`. The scan reaches a token at its first digit, and a `:` before
/// that ends a name, not a group of a number: `ip:10.0.0.1`, `card:4111…`, `iban:DE89…`
/// (while `10:30:00` and `sha256:…` keep theirs, which come after a digit).
fn after_label(hay: &[u8], start: usize, p: usize) -> usize {
    hay[start..p]
        .iter()
        .rposition(|&b| b == b':')
        .map_or(start, |i| start + i + 1)
}

/// The bits below bit `n` (all of them from 64 on).
#[inline]
fn below(n: usize) -> u64 {
    1u64.checked_shl(n as u32).map_or(u64::MAX, |bit| bit - 1)
}

/// What the scan does after [`at_digit`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Step {
    /// Goes on here.
    Next(usize),
    /// The digit is the first of a percent escape's two (`%3D`, `%40`), which the scan reads
    /// for what it stands for before it goes on.
    PercentEscape,
}

/// Examines the token of the digit at `p` (the first digit of its token the scan has seen,
/// after `fence`: see [`token`]), pushes what it is, and says where the scan goes on.
#[inline]
pub(crate) fn at_digit(
    windows: &mut Windows,
    p: usize,
    fence: usize,
    enabled: &Enabled,
    v6: &mut ipv6::Runs,
    out: &mut Vec<Candidate>,
) -> Step {
    let hay = windows.hay();
    if let Some(end) = lone_short_number(hay, p) {
        return Step::Next(end);
    }
    let t = token(windows, p, fence);
    if matches!(before(hay, t.start), b'-' | b'.')
        && let Some(end) = across_a_pair(hay, &t, enabled, out)
    {
        return Step::Next(end);
    }
    if !t.lettered && plainly_nothing(hay, &t) {
        return Step::Next(t.end);
    }
    // (Rare: a token glued to an escape, as in `\n4111…` or `%0A4111…`, which starts past
    // it. Never a short number before, and so none after.)
    let t = match past_escape_tail(hay, t.start) {
        start if start == t.start => t,
        start => match after_escape(windows, start, p) {
            Ok(t) => t,
            Err(step) => return step,
        },
    };
    if t.lettered {
        return Step::Next(lettered(hay, &t, p, enabled, v6, out));
    }
    if short(hay, &t) {
        // Before a `:` it may start an IPv6 address (`1::2`) or be the port of a `.pgpass`
        // line (`db:5432:app:user:pw`), and nothing else.
        return Step::Next(match byte(hay, t.end) {
            b':' if t.end > t.start => address(hay, &t, enabled, v6, out)
                .or_else(|| pgpass_port(hay, &t, enabled, out))
                .unwrap_or(t.end),
            _ => t.end,
        });
    }
    Step::Next(number(windows, &t, enabled, v6, out))
}

/// The Discord token that holds the token `t` when `t` starts right after a pair of
/// separators (`aa--0A…`, where the token walk stops): pushed; returns its end. A token
/// whose digits all come after such a pair is found only from here. (Rare: out of line.)
#[inline(never)]
fn across_a_pair(
    hay: &[u8],
    t: &Token,
    enabled: &Enabled,
    out: &mut Vec<Candidate>,
) -> Option<usize> {
    if !matches!(before(hay, t.start - 1), b'-' | b'.') || !enabled.contains(&Kind::DiscordToken) {
        return None;
    }
    let c = bot_token::discord_holding(hay, t.start)?;
    let end = c.end.max(t.end);
    out.push(c);
    Some(end)
}

/// The token that starts at `start`, past an escape, for the digit at `p`; or what the scan
/// does when `p` is in a percent escape, or the token is plainly nothing.
#[inline(never)]
fn after_escape(windows: &mut Windows, start: usize, p: usize) -> Result<Token, Step> {
    let hay = windows.hay();
    if start > p && before(hay, p) == b'%' {
        return Err(Step::PercentEscape);
    }
    let t = walk(windows, start, start - start % SPAN, p.max(start));
    if !t.lettered && plainly_nothing(hay, &t) {
        return Err(Step::Next(t.end));
    }
    Ok(t)
}

/// The end of the digits at `p` when they are [`plainly_nothing`] as the bytes around them
/// show without a window: fewer than 8 digits with whitespace (or an end of the haystack) on
/// both sides, and no digit after a space that follows (`555 234 5678` goes on). Whitespace
/// is in no class of a token, so such digits are a whole token by themselves. (A short
/// number in prose, a count or a year, costs a few bytes' reading here.)
#[inline(always)]
pub(crate) fn lone_short_number(hay: &[u8], p: usize) -> Option<usize> {
    let blank = |b: u8| matches!(b, b' ' | b'\t' | b'\n' | b'\r');
    if p > 0 && !blank(hay[p - 1]) {
        return None;
    }
    let digits = hay[p..]
        .iter()
        .take(8)
        .take_while(|b| b.is_ascii_digit())
        .count();
    let end = p + digits;
    match hay.get(end) {
        _ if digits >= 8 => None,
        None => Some(end),
        Some(&b' ') if byte(hay, end + 1).is_ascii_digit() => None,
        Some(&b) if blank(b) => Some(end),
        Some(_) => None,
    }
}

/// Whether the token `t`, which has no letters, is plainly no number of a person and no
/// address: [`short`], and not before a `:` (where an IPv6 address may start).
#[inline(always)]
fn plainly_nothing(hay: &[u8], t: &Token) -> bool {
    short(hay, t) && byte(hay, t.end) != b':'
}

/// Whether the token `t`, which has no letters, is too short to be a number of a person. Most
/// numbers in text are short and alone (`2024`, `12`): nothing here is under 8 digits unless
/// it has separators, a `+`, parentheses or a neighbour. (Nor is an empty token, the digits
/// of an escape: `\u00e9 2026`.)
#[inline(always)]
fn short(hay: &[u8], t: &Token) -> bool {
    let (s, e) = (t.start, t.end);
    e - s < 8 && t.whole() && (e == s || !joined(hay, s, e))
}

/// Whether something next to the digits `hay[s..e]` joins them to a longer number: a `+` or
/// `(` before them, a `)` after them, or another group after a space.
#[inline(always)]
fn joined(hay: &[u8], s: usize, e: usize) -> bool {
    matches!(before(hay, s), b'+' | b'(')
        || (byte(hay, e) == b' ' && byte(hay, e + 1).is_ascii_digit())
        || byte(hay, e) == b')'
}

/// The IPv6 address around the all-digit token `t`, if there is one: pushes it and
/// returns where the scan goes on.
#[inline]
fn address(
    hay: &[u8],
    t: &Token,
    enabled: &Enabled,
    v6: &mut ipv6::Runs,
    out: &mut Vec<Candidate>,
) -> Option<usize> {
    let (s, e) = (t.start, t.end);
    let colons = t.colons(hay);
    if enabled.contains(&Kind::IpAddress)
        && (colons >= 2 || byte(hay, e) == b':')
        && ipv6::may_reach_beyond(hay, s, e, colons)
        && let Ok(c) = v6.around(hay, s)
    {
        let end = c.end.max(e);
        out.push(c);
        return Some(end);
    }
    None
}

/// The password of the `.pgpass` line whose port is the short number `t` (after a host
/// and `:`), pushed; returns where the scan goes on.
#[inline(never)]
fn pgpass_port(
    hay: &[u8],
    t: &Token,
    enabled: &Enabled,
    out: &mut Vec<Candidate>,
) -> Option<usize> {
    if before(hay, t.start) != b':' || !enabled.contains(&Kind::Password) {
        return None;
    }
    let c = dotfile::pgpass_at_token(hay, t.start)?;
    let end = c.end.max(t.end);
    out.push(c);
    Some(end)
}

/// The rest of [`at_digit`] for a token of digits and separators that is not plainly
/// nothing: an IP address, a phone number, an SSN, a card, or nothing after all. (Out of
/// line, so the quick ways out above stay small.)
#[inline(never)]
fn number(
    windows: &mut Windows,
    t: &Token,
    enabled: &Enabled,
    v6: &mut ipv6::Runs,
    out: &mut Vec<Candidate>,
) -> usize {
    let hay = windows.hay();
    let (s, e) = (t.start, t.end);
    if !matches!(byte(hay, e), b':' | b'%') {
        return plain_number(windows, t, enabled, v6, out);
    }
    // The token ends at a `:` (perhaps percent-encoded) before a letter: `<bot id>:AA…`, or
    // a `.pgpass` line's `host:port:database:…` (whose host may be an address: it is still
    // examined).
    if enabled.contains(&Kind::TelegramBotToken)
        && let Some(c) = bot_token::telegram(hay, s)
    {
        let end = c.end;
        out.push(c);
        return end;
    }
    let pgpass = enabled
        .contains(&Kind::Password)
        .then(|| dotfile::pgpass_at_token(hay, s))
        .flatten();
    let next = plain_number(windows, t, enabled, v6, out);
    match pgpass {
        Some(c) => {
            let end = c.end;
            out.push(c);
            next.max(end)
        }
        None => next,
    }
}

/// [`number`] for a token that is not the start of a bot token or a `.pgpass` line.
fn plain_number(
    windows: &mut Windows,
    t: &Token,
    enabled: &Enabled,
    v6: &mut ipv6::Runs,
    out: &mut Vec<Candidate>,
) -> usize {
    let hay = windows.hay();
    let (s, e) = (t.start, t.end);
    if let Some(end) = address(hay, t, enabled, v6, out) {
        return end;
    }
    // Times (`10:30:00`) and dates with slashes are no number of a person and, without dots,
    // no IPv4 address either: passed over without splitting them into groups.
    if !t.dot && (t.colon || t.slash) {
        return e;
    }
    let mut groups = [Group::default(); MAX_GROUPS];
    let Some(n) = split(hay, s, e, 0, &mut groups, 0) else {
        return e;
    };
    if t.dot && ipv4(hay, &groups[..n], enabled, out) {
        return e;
    }
    if !enabled.any_number() || !may_start_a_number(hay, t, &groups[..n]) {
        return e;
    }
    phrase(windows, s, e, &mut groups, n, enabled, out)
}

/// Whether a token can begin a phone number, SSN or card at all: times (`10:30:00`), dates
/// (`2026-11-22`, `11/22/2026`) and other shapes never do, and are passed over at once.
fn may_start_a_number(hay: &[u8], t: &Token, groups: &[Group]) -> bool {
    if t.colon || t.slash {
        return false;
    }
    if !(t.dash_or_slash || t.dot) || before(hay, t.start) == b'+' {
        return true;
    }
    let lens_buf = lengths(groups);
    let lens = &lens_buf[..groups.len()];
    if !t.dash_or_slash {
        // Dots only: `555.234.5678`; versions and decimals are not numbers of a person.
        return matches!(lens, [3, 3, 4] | [1, 3, 3, 4]);
    }
    matches!(
        lens,
        [3, 3, 4] | [1, 3, 3, 4] | [3, 2, 4] | [3, 4] | [4, 6, 5] | [4, 6, 4]
    ) || (lens.len() >= 4 && in_fours(lens))
}

/// The digit count of each group.
fn lengths(groups: &[Group]) -> [usize; MAX_GROUPS] {
    let mut lens = [0usize; MAX_GROUPS];
    for (len, g) in lens.iter_mut().zip(groups) {
        *len = g.len();
    }
    lens
}

/// Groups of four with a last group of one to four: how card numbers are written.
fn in_fours(lens: &[usize]) -> bool {
    match lens.split_last() {
        Some((last, rest)) => (1..=4).contains(last) && rest.iter().all(|&l| l == 4),
        None => false,
    }
}

/// A token with letters, whose first digit is at `p`: an IBAN, a Twilio key, a bot token,
/// the password of a `.pgpass` line, an IPv6 address, or nothing.
#[inline]
fn lettered(
    hay: &[u8],
    token: &Token,
    p: usize,
    enabled: &Enabled,
    v6: &mut ipv6::Runs,
    out: &mut Vec<Candidate>,
) -> usize {
    let (s, e) = (token.start, token.end);
    let t = &hay[s..e];
    // Before the IBAN check: `SK` is also Slovakia's country code. (A Telegram token in a
    // URL, `…/bot<token>/…`, starts at the first digit, inside the URL's token.)
    let found = digit_token(hay, s).or_else(|| (p > s).then(|| bot_token::telegram(hay, p))?);
    if let Some(c) = found.filter(|c| enabled.contains(&c.kind)) {
        let end = c.end.max(e);
        out.push(c);
        return end;
    }
    if token.colon
        && enabled.contains(&Kind::Password)
        && let Some(c) = dotfile::pgpass_at_token(hay, s)
    {
        let end = c.end.max(e);
        out.push(c);
        return end;
    }
    if t.len() >= 4
        && t[..2].iter().all(u8::is_ascii_uppercase)
        && t[2..4].iter().all(u8::is_ascii_digit)
    {
        // IBAN-shaped: an account number, valid or not, whose groups are no other number.
        match iban::at(hay, s).filter(|_| enabled.contains(&Kind::Iban)) {
            Some(c) => {
                let end = c.end.max(e);
                out.push(c);
                return end;
            }
            None => return iban::shape_end(hay, s).max(e),
        }
    }
    if enabled.contains(&Kind::IpAddress)
        // (A `:` in a token is always one of its counted separators.)
        && (token.colon || byte(hay, e) == b':')
        && t.iter()
            .all(|&b| b.is_ascii_hexdigit() || b == b':' || b == b'.')
        && let Ok(c) = v6.around(hay, s)
    {
        let end = c.end.max(e);
        out.push(c);
        return end;
    }
    e
}

/// A secret token starting at `s` that the scan reaches from a digit in it, and that a
/// value under a secret's name keeps the kind of: a Twilio key, a Telegram or Discord bot
/// token, a provider's token (`dapi…`, `ya29.…`: see `providers`).
pub(crate) fn digit_token(hay: &[u8], s: usize) -> Option<Candidate> {
    twilio(hay, s)
        .or_else(|| bot_token::telegram(hay, s))
        .or_else(|| bot_token::discord(hay, s))
        .or_else(|| providers::at(hay, s))
}

/// A Twilio API key at `s`: `SK` and 32 hex digits, a whole word. (Found from the digits in
/// it rather than by the literal search, where a two-byte literal would slow every scan.)
#[inline]
pub(crate) fn twilio(hay: &[u8], s: usize) -> Option<Candidate> {
    if hay[s..].starts_with(b"SK") {
        twilio_at(hay, s)
    } else {
        None
    }
}

/// [`twilio`] once the text at `s` starts with `SK`.
fn twilio_at(hay: &[u8], s: usize) -> Option<Candidate> {
    if unescaped_before(hay, s).is_ascii_alphanumeric() {
        return None;
    }
    let end = super::run(hay, s, 35, |b| b.is_ascii_alphanumeric());
    (end - s == 34 && hay[s + 2..end].iter().all(u8::is_ascii_hexdigit))
        .then(|| Candidate::new(Kind::TwilioKey, s, end).with_prefix(2))
}

/// Splits the all-digit token `hay[s..e]` into groups, appending at `groups[n..]`.
/// `None` when there are too many.
fn split(
    hay: &[u8],
    s: usize,
    e: usize,
    first_sep: u8,
    groups: &mut [Group; MAX_GROUPS],
    n: usize,
) -> Option<usize> {
    let item = if n == 0 { 0 } else { groups[n - 1].item + 1 };
    let mut n = n;
    let mut i = s;
    let mut sep = first_sep;
    while i < e {
        let end = super::run(hay, i, e - i, |b| b.is_ascii_digit());
        if n == MAX_GROUPS {
            return None;
        }
        groups[n] = Group {
            start: i,
            end,
            sep,
            item,
        };
        n += 1;
        sep = byte(hay, end);
        i = end + 1;
    }
    Some(n)
}

/// IPv4 addresses among the groups: four `.`-joined groups of 0–255 without leading zeros,
/// not part of a longer dotted run (`1.2.3.4.5` is a version). A `:port` or `/prefix` may follow.
fn ipv4(hay: &[u8], groups: &[Group], enabled: &Enabled, out: &mut Vec<Candidate>) -> bool {
    let mut found = false;
    let mut i = 0;
    while i < groups.len() {
        let mut j = i + 1;
        while j < groups.len() && groups[j].sep == b'.' {
            j += 1;
        }
        let run = &groups[i..j];
        if run.len() == 4 && run.iter().all(|g| octet(&hay[g.start..g.end])) {
            found = true;
            if enabled.contains(&Kind::IpAddress) && !after_version(hay, run[0].start) {
                out.push(Candidate::new(Kind::IpAddress, run[0].start, run[3].end));
            }
        }
        i = j;
    }
    found
}

/// Whether the dotted number at `start` follows the word "version" (`version 10.4.2.1`,
/// `Version: 10.4.2.1`, `"app_version": "10.4.2.1"`, `APP_VERSION=10.4.2.1`): it is a
/// version then, not an address.
fn after_version(hay: &[u8], start: usize) -> bool {
    let word_end = super::run_back(hay, start, 4, |b| b" \t:=\"'".contains(&b));
    let Some(word_start) = word_end.checked_sub(7) else {
        return false;
    };
    hay[word_start..word_end].eq_ignore_ascii_case(b"version")
        && !before(hay, word_start).is_ascii_alphabetic()
}

fn octet(digits: &[u8]) -> bool {
    match digits {
        [_] => true,
        [b'0', ..] => false,
        [..] if digits.len() <= 3 => value(digits) <= 255,
        _ => false,
    }
}

fn value(digits: &[u8]) -> u64 {
    digits
        .iter()
        .take(19)
        .fold(0, |acc, &d| acc * 10 + u64::from(d - b'0'))
}

/// One token of a phrase, or a `(555)` group.
#[derive(Debug, Clone, Copy, Default)]
struct Item {
    /// Its groups: `groups[first..last]`.
    first: usize,
    last: usize,
    start: usize,
    end: usize,
    paren: bool,
}

/// Grows the phrase right from the first token, then matches it.
fn phrase(
    windows: &mut Windows,
    s: usize,
    e: usize,
    groups: &mut [Group; MAX_GROUPS],
    mut n: usize,
    enabled: &Enabled,
    out: &mut Vec<Candidate>,
) -> usize {
    let hay = windows.hay();
    let mut items = [Item::default(); MAX_ITEMS];
    let paren = before(hay, s) == b'(' && byte(hay, e) == b')' && n == 1;
    items[0] = Item {
        first: 0,
        last: n,
        start: s - usize::from(paren),
        end: e + usize::from(paren),
        paren,
    };
    let lead = items[0].start;
    let plus = before(hay, lead) == b'+'
        && !is_word(unescaped_before(hay, lead - 1))
        && before(hay, lead - 1) != b'+';
    let mut count = 1;
    while count < MAX_ITEMS {
        let prev = items[count - 1];
        let mut next = prev.end;
        if byte(hay, next) == b' ' {
            next += 1;
        } else if !prev.paren {
            break;
        }
        let first = n;
        let item = if byte(hay, next) == b'(' {
            // `+1 (555) 234-5678`
            let digits_end = super::run(hay, next + 1, 4, |b| b.is_ascii_digit());
            if digits_end == next + 1 || byte(hay, digits_end) != b')' || n == MAX_GROUPS {
                break;
            }
            groups[n] = Group {
                start: next + 1,
                end: digits_end,
                sep: b' ',
                item: count,
            };
            n += 1;
            Item {
                first,
                last: n,
                start: next,
                end: digits_end + 1,
                paren: true,
            }
        } else if byte(hay, next).is_ascii_digit() {
            let Token {
                start: ns,
                end: ne,
                lettered,
                ..
            } = token(windows, next, 0);
            if ns != next || lettered {
                break;
            }
            match split(hay, ns, ne, b' ', groups, n) {
                Some(m) => n = m,
                None => break,
            }
            Item {
                first,
                last: n,
                start: ns,
                end: ne,
                paren: false,
            }
        } else {
            break;
        };
        items[count] = item;
        count += 1;
    }
    let items = &items[..count];
    let start = lead - usize::from(plus);
    let end = items[count - 1].end;
    let any_paren = items.iter().any(|i| i.paren);
    if let Some(kind) = classify(
        &groups[..n],
        plus,
        any_paren,
        &Context { hay, start },
        enabled,
    ) {
        out.push(Candidate::new(kind, start, end));
        return end;
    }
    // Not one number as a whole: the longest run of tokens that is one, from the left
    // (`SSN 123-45-6789 4111 1111 1111 1111`: an SSN, then a card). The scan then starts a
    // new phrase right after it, exactly as it will once the run is masked (a phrase is
    // capped at a few tokens, and masking must not reveal more of the next number).
    // (A run needs 8 digits to be any kind: from the first `k` whose tokens to the end have
    // fewer, none has.)
    let mut digits_from = [0usize; MAX_ITEMS + 1];
    for k in (0..count).rev() {
        let own: usize = groups[items[k].first..items[k].last]
            .iter()
            .map(Group::len)
            .sum();
        digits_from[k] = digits_from[k + 1] + own;
    }
    for k in 0..count {
        if digits_from[k] < 8 {
            break;
        }
        let found = (k + 1..=count)
            .rev()
            .filter(|&j| !(k == 0 && j == count))
            .find_map(|j| {
                let run = &items[k..j];
                // A `(555)` group may only open a run, as it may only open a phrase.
                if run[1..].iter().any(|item| item.paren) {
                    return None;
                }
                let lead_plus = k == 0 && plus;
                let run_start = if lead_plus { start } else { run[0].start };
                let mine = &groups[run[0].first..run[run.len() - 1].last];
                let context = Context {
                    hay,
                    start: run_start,
                };
                classify(mine, lead_plus, run[0].paren, &context, enabled)
                    .map(|kind| (j, kind, run_start))
            });
        if let Some((j, kind, run_start)) = found {
            out.push(Candidate::new(kind, run_start, items[j - 1].end));
            return if j < count { items[j].start } else { end };
        }
    }
    end
}

/// The words before a number that make a bare one personal data.
struct Context<'a> {
    hay: &'a [u8],
    start: usize,
}

const SSN_WORDS: &[&[u8]] = &[
    b"ssn",
    b"social security",
    b"soc sec",
    b"ss#",
    b"tax id",
    b"taxpayer",
];
const PHONE_WORDS: &[&[u8]] = &[
    b"phone",
    b"tel",
    b"mobile",
    b"cell",
    b"fax",
    b"call",
    b"sms",
    b"whatsapp",
    b"contact",
    b"dial",
    b"telephone",
    b"cellphone",
];

/// The words that make a bare number personal data, in one case-insensitive automaton.
static CONTEXT_WORDS: LazyLock<AhoCorasick> = LazyLock::new(|| {
    // Invariant: eighteen short words are far inside every size limit of the builder, so
    // building cannot fail; a failure would be a bug caught by every test.
    #[allow(clippy::expect_used)]
    AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .build(SSN_WORDS.iter().chain(PHONE_WORDS))
        .expect("the context words always build")
});

impl Context<'_> {
    /// Whether the 32 bytes before the number, on its line, hold one of `words`.
    ///
    /// A mask token (`[SSN]`, `[TELEGRAM_BOT_TOKEN]`, `[PHONE:1a2b3c4d]`) is neither: it
    /// stands where a value was, so a word in it is no label (the `SSN` of `[SSN] : 100010001`
    /// was a number before masking, the `TEL` of `[TELEGRAM_BOT_TOKEN]` a bot's id), and it
    /// stands between a word and the number as the value did (`SSN: [SSN], 123456789` was
    /// `SSN: 123-45-6789, 123456789`). Without this a second pass would find what the first
    /// did not.
    fn mentions(&self, words: &[&[u8]]) -> bool {
        let from = self.start.saturating_sub(32);
        let window = &self.hay[from..self.start];
        let line_start = window
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(from, |i| from + i + 1);
        let line = &self.hay[line_start..self.start];
        let offset = line_start;
        // The word must label this number: no other number stands between them
        // (`SSN: 852089591, account 757688261` labels only the first). It must stand as a
        // word: `ssn` in `classNames` or `tel` in `hotel` labels nothing. (Overlapping, so
        // that a match inside a word hides no word that overlaps it.)
        CONTEXT_WORDS.find_overlapping_iter(line).any(|m| {
            let word = &line[m.range()];
            let (ws, we) = (line_start + m.start(), line_start + m.end());
            words.iter().any(|w| w.eq_ignore_ascii_case(word))
                && self.is_word_at(offset + m.start(), offset + m.end())
                && !line[m.end()..].iter().any(u8::is_ascii_digit)
                && !self.in_mask(ws, we)
                && !self.mask_in(we, self.start)
        })
    }

    /// Whether `hay[s..e]` is inside a mask token. (A token's name is at most 64 bytes: the
    /// read back is bounded.)
    fn in_mask(&self, s: usize, e: usize) -> bool {
        let from = s.saturating_sub(MASK_TOKEN_MAX);
        memchr::memrchr(b'[', &self.hay[from..s])
            .and_then(|i| super::mask_token_len(self.hay, from + i).map(|len| from + i + len))
            .is_some_and(|end| end >= e)
    }

    /// Whether a mask token starts in `hay[s..e]`.
    fn mask_in(&self, s: usize, e: usize) -> bool {
        memchr::memchr_iter(b'[', &self.hay[s..e])
            .any(|i| super::mask_token_len(self.hay, s + i).is_some())
    }

    /// Whether the letters at `start..end` of the haystack are a word of their own: no
    /// letter goes on before or after them, except at a change of case into a capital
    /// (`phoneNumber`, `mobilePhone`), an escape before them (`\nssn`), or a plural `s`.
    fn is_word_at(&self, start: usize, end: usize) -> bool {
        let hay = self.hay;
        let first = hay[start];
        let last = hay[end - 1];
        let prev = unescaped_before(hay, start);
        let starts = !prev.is_ascii_alphabetic()
            || (prev.is_ascii_lowercase() && first.is_ascii_uppercase());
        // A plural `s` goes with the word (`phones:`, `SSNs`).
        let end = if matches!(byte(hay, end), b's' | b'S') && last.is_ascii_alphabetic() {
            end + 1
        } else {
            end
        };
        let next = byte(hay, end);
        let ends = !last.is_ascii_alphabetic()
            || !next.is_ascii_alphabetic()
            || (hay[end - 1].is_ascii_lowercase() && next.is_ascii_uppercase());
        starts && ends
    }
}

/// The longest a mask token is: `[`, a name of at most 64 bytes, `:`, eight hex digits, `]`.
const MASK_TOKEN_MAX: usize = 1 + 64 + 1 + 8 + 1;

/// What the groups are, as one number.
fn classify(
    groups: &[Group],
    plus: bool,
    paren: bool,
    context: &Context<'_>,
    enabled: &Enabled,
) -> Option<Kind> {
    // Every kind below has 8 to 19 digits: a phrase tries many runs of its tokens, and most
    // are ruled out here (`1 1 1 1 …` costs a sum, not a match, per run).
    let digits: usize = groups.iter().map(Group::len).sum();
    if !(8..=19).contains(&digits) {
        return None;
    }
    let lens_buf = lengths(groups);
    let lens = &lens_buf[..groups.len()];
    let seps = &groups[1..];
    let hay = context.hay;
    let phone_seps = seps
        .iter()
        .all(|g| matches!(g.sep, b' ' | b'-' | b'.' | b')'));
    if plus {
        if !phone_seps || !enabled.contains(&Kind::Phone) {
            return None;
        }
        let first = &hay[groups[0].start..groups[0].end];
        if first.first() == Some(&b'1') {
            return nanp(groups, true, hay).then_some(Kind::Phone);
        }
        return (8..=15).contains(&digits).then_some(Kind::Phone);
    }
    let uniform = |sep: u8| seps.iter().all(|g| g.sep == sep);
    if !paren && enabled.contains(&Kind::Ssn) {
        let shaped = lens == [3, 2, 4] && (uniform(b'-') || (uniform(b' ') && groups[2].item == 2));
        if (shaped || lens == [9])
            && ssn_valid(hay, groups)
            && (shaped || context.mentions(SSN_WORDS))
        {
            return Some(Kind::Ssn);
        }
    }
    if !paren && enabled.contains(&Kind::CreditCard) && (14..=19).contains(&digits) {
        let grouped = lens.len() == 1 || lens == [4, 6, 5] || lens == [4, 6, 4] || in_fours(lens);
        if grouped && (uniform(b'-') || uniform(b' ')) {
            let mut number = [0u8; 19];
            let mut k = 0;
            for g in groups {
                for &d in &hay[g.start..g.end] {
                    number[k] = d - b'0';
                    k += 1;
                }
            }
            if card_valid(&number[..k]) {
                return Some(Kind::CreditCard);
            }
        }
    }
    if enabled.contains(&Kind::Phone) && phone_seps && nanp(groups, false, hay) {
        let bare = lens.len() == 1 || (lens.len() == 2 && lens[0] == 1);
        if !bare || context.mentions(PHONE_WORDS) {
            return Some(Kind::Phone);
        }
    }
    None
}

/// A NANP number: `[1] NXX NXX XXXX` in groups 3-3-4 (or ten digits together), after an
/// optional leading `1`.
fn nanp(groups: &[Group], plus: bool, hay: &[u8]) -> bool {
    let digit = |g: &Group, i: usize| hay[g.start + i];
    let rest = match groups {
        [first, rest @ ..] if first.len() == 1 && digit(first, 0) == b'1' => rest,
        [first, ..] if plus && first.len() == 11 && digit(first, 0) == b'1' => {
            let d = &hay[first.start + 1..first.end];
            return groups.len() == 1
                && (b'2'..=b'9').contains(&d[0])
                && (b'2'..=b'9').contains(&d[3]);
        }
        _ if plus => return false,
        _ => groups,
    };
    let (area, exchange) = match rest {
        [a, b, c] if a.len() == 3 && b.len() == 3 && c.len() == 4 => (digit(a, 0), digit(b, 0)),
        [a] if a.len() == 10 => (digit(a, 0), digit(a, 3)),
        _ => return false,
    };
    (b'2'..=b'9').contains(&area) && (b'2'..=b'9').contains(&exchange)
}

/// The SSA's rules: no area 000, 666 or 900–999, no group 00, no serial 0000.
fn ssn_valid(hay: &[u8], groups: &[Group]) -> bool {
    let mut d = [0u8; 9];
    let mut k = 0;
    for g in groups {
        for &b in &hay[g.start..g.end] {
            if k < 9 {
                d[k] = b;
                k += 1;
            }
        }
    }
    let area = value(&d[..3]);
    area != 0 && area != 666 && area < 900 && value(&d[3..5]) != 0 && value(&d[5..9]) != 0
}

/// A known issuer's prefix and length, and a valid Luhn check digit.
fn card_valid(d: &[u8]) -> bool {
    let n = d.len();
    let prefix = |k: usize| {
        d.iter()
            .take(k)
            .fold(0u32, |acc, &x| acc * 10 + u32::from(x))
    };
    let issuer = match d.first() {
        Some(4) => n == 16 || n == 19,
        Some(5) => (51..=55).contains(&prefix(2)) && n == 16,
        Some(2) => (2221..=2720).contains(&prefix(4)) && n == 16,
        Some(3) => {
            ((prefix(2) == 34 || prefix(2) == 37) && n == 15)
                || ((3528..=3589).contains(&prefix(4)) && (16..=19).contains(&n))
                || (((300..=305).contains(&prefix(3)) || [36, 38, 39].contains(&prefix(2)))
                    && (14..=19).contains(&n))
        }
        Some(6) => {
            (prefix(4) == 6011
                || (644..=649).contains(&prefix(3))
                || prefix(2) == 65
                || prefix(2) == 62)
                && (16..=19).contains(&n)
        }
        _ => false,
    };
    issuer && luhn(d)
}

fn luhn(d: &[u8]) -> bool {
    let sum: u32 = d
        .iter()
        .rev()
        .enumerate()
        .map(|(i, &x)| {
            let x = u32::from(x);
            if i % 2 == 1 {
                let y = x * 2;
                if y > 9 { y - 9 } else { y }
            } else {
                x
            }
        })
        .sum();
    sum.is_multiple_of(10)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sanitize::bytes::{ALPHA, WORD};

    /// The token walk one byte at a time: the reference the bitmap walk is tested against.
    /// (It starts where the bitmap walk starts: the walk back is the same code in both.)
    fn token_bytewise(hay: &[u8], p: usize) -> Token {
        let s = after_label(hay, token_start(hay, p), p);
        let mut t = Token::new(s);
        t.end = p;
        for &b in &hay[s..p] {
            t.count(b);
        }
        loop {
            let mut seen = 0u8;
            for &b in &hay[t.end..] {
                let c = class(b);
                if c & WORD == 0 {
                    break;
                }
                seen |= c;
                t.end += 1;
            }
            t.lettered |= seen & ALPHA != 0;
            let sep = byte(hay, t.end);
            let next = class(byte(hay, t.end + 1));
            if class(sep) & TIGHT == 0 || next & WORD == 0 {
                break;
            }
            if next & ALPHA != 0 && !t.lettered {
                // `…5678.Next`, `….pdf`, `10.0.0.1/api`, `1.2.3-beta`: a number ends where a
                // word starts after a separator.
                break;
            }
            t.count(sep);
            t.end += 1;
        }
        t
    }

    impl Token {
        /// Counts one byte of the token.
        fn count(&mut self, b: u8) {
            self.lettered |= class(b) & ALPHA != 0;
            self.dot |= b == b'.';
            self.colon |= b == b':';
            self.dash_or_slash |= b == b'-' || b == b'/';
            self.slash |= b == b'/';
        }
    }

    /// Whether the bitmap walk agrees with the bytewise one at every digit of `hay`, both
    /// with a fresh window cache and with one carried along as the scan does.
    fn walks_agree(hay: &[u8]) -> Result<(), String> {
        let mut carried = Windows::new(hay);
        for p in (0..hay.len()).filter(|&p| hay[p].is_ascii_digit()) {
            let slow = token_bytewise(hay, p);
            let fast = [
                token(&mut Windows::new(hay), p, 0),
                token(&mut carried, p, 0),
            ];
            if let Some(wrong) = fast.iter().find(|&&t| t != slow) {
                return Err(format!(
                    "at {p} in {:?}: {wrong:?} != {slow:?}",
                    String::from_utf8_lossy(hay)
                ));
            }
        }
        Ok(())
    }

    /// Whether every lone short number `lone_short_number` answers for is the token the
    /// walk reads there, and plainly nothing.
    fn lone_numbers_are_plainly_nothing(hay: &[u8]) -> Result<(), String> {
        for p in (0..hay.len()).filter(|&p| hay[p].is_ascii_digit()) {
            if let Some(end) = lone_short_number(hay, p) {
                let t = token(&mut Windows::new(hay), p, 0);
                if (t.start, t.end) != (p, end) || t.lettered || !plainly_nothing(hay, &t) {
                    return Err(format!(
                        "at {p} in {:?}: {t:?}, not {p}..{end} and plainly nothing",
                        String::from_utf8_lossy(hay)
                    ));
                }
            }
        }
        Ok(())
    }

    #[test]
    fn lone_short_numbers() {
        for (text, at, end) in [
            ("7", 0, Some(1)),
            ("blue 7", 5, Some(6)),
            ("in 2024 the", 3, Some(7)),
            ("x 1234567\n", 2, Some(9)),
            ("x 12345678 ", 2, None),
            ("555 234 5678", 0, None),
            ("(555) 234", 1, None),
            ("+1 555", 1, None),
            ("a 1.5 b", 2, None),
            ("a 15: b", 2, None),
            ("a 15x", 2, None),
            ("a7 b", 1, None),
        ] {
            assert_eq!(lone_short_number(text.as_bytes(), at), end, "{text:?}");
            lone_numbers_are_plainly_nothing(text.as_bytes()).unwrap_or_else(|e| panic!("{e}"));
        }
    }

    #[test]
    fn the_bitmap_walk_is_the_bytewise_walk() {
        // Tokens that cross a window's edge or end on either side of it, and letters and
        // separators right at it.
        let mut cases: Vec<Vec<u8>> = Vec::new();
        for len in 55..=140 {
            for tail in [&b""[..], b".x", b"-Next", b".5", b"..", b" 1", b"_"] {
                let mut digits: Vec<u8> = (0..len).map(|i| b'0' + (i % 10) as u8).collect();
                digits.extend_from_slice(tail);
                cases.push(digits.clone());
                let dotted: Vec<u8> = digits
                    .iter()
                    .enumerate()
                    .map(|(i, &b)| if i % 4 == 3 { b'.' } else { b })
                    .collect();
                cases.push(dotted);
            }
        }
        cases.push(b"abc.5 x-1.Next 10.0.0.1/api 1.2.3-beta a--1 1::2 _1_ 9/z".to_vec());
        for case in &cases {
            walks_agree(case).unwrap_or_else(|e| panic!("{e}"));
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]

        #[test]
        fn bitmap_walk_matches_bytewise_on_any_text(
            text in proptest::collection::vec(
                proptest::sample::select(&b"0123456789aZ_.:-/ +()\xc3\xa9\\%nuA"[..]), 0..200)
        ) {
            walks_agree(&text).map_err(proptest::test_runner::TestCaseError::fail)?;
        }

        #[test]
        fn lone_short_numbers_are_plainly_nothing_in_any_text(
            text in proptest::collection::vec(
                proptest::sample::select(&b"0123456789 \t\n\r .:-/+()_aZ\\%"[..]), 0..80)
        ) {
            lone_numbers_are_plainly_nothing(&text)
                .map_err(proptest::test_runner::TestCaseError::fail)?;
        }
    }

    fn found(text: &str) -> Vec<(Kind, &str)> {
        let hay = text.as_bytes();
        let mut out = Vec::new();
        let mut windows = Windows::new(hay);
        let mut v6 = ipv6::Runs::default();
        let mut i = 0;
        while i < hay.len() {
            if hay[i].is_ascii_digit() {
                i = match at_digit(&mut windows, i, 0, &Enabled::all(), &mut v6, &mut out) {
                    Step::Next(next) => next.max(i + 1),
                    Step::PercentEscape => i + 1,
                };
            } else {
                i += 1;
            }
        }
        out.into_iter()
            .map(|c| (c.kind, &text[c.start..c.end]))
            .collect()
    }

    fn one(text: &str, kind: Kind, span: &str) {
        assert_eq!(found(text), vec![(kind, span)], "in {text:?}");
    }

    fn none(text: &str) {
        assert_eq!(found(text), vec![], "in {text:?}");
    }

    #[test]
    fn phones() {
        for (text, span) in [
            ("call 555-234-5678 now", "555-234-5678"),
            ("(555) 234-5678", "(555) 234-5678"),
            ("(555)234-5678", "(555)234-5678"),
            ("555.234.5678.", "555.234.5678"),
            ("at 555 234 5678,", "555 234 5678"),
            ("+1 555 234 5678", "+1 555 234 5678"),
            ("+1-555-234-5678", "+1-555-234-5678"),
            ("1-800-234-5678", "1-800-234-5678"),
            ("+15552345678", "+15552345678"),
            ("+1 (555) 234-5678", "+1 (555) 234-5678"),
            ("+44 20 7946 0958", "+44 20 7946 0958"),
            ("+49 30 12345678", "+49 30 12345678"),
            ("+33 1 23 45 67 89", "+33 1 23 45 67 89"),
            ("phone: 5552345678", "5552345678"),
            ("Room 12 555-234-5678", "555-234-5678"),
            ("ids 555 234 5678 4", "555 234 5678"),
        ] {
            one(text, Kind::Phone, span);
        }
    }

    #[test]
    fn not_phones() {
        for text in [
            "2026-11-22",
            "11/22/2026",
            "10:30:00",
            "version 1.2.3",
            "order 5552345678",
            "1994 2026",
            "123-456-7890",
            "555-034-5678",
            "C++11 and +1234",
            "1732262400",
            "3.14159",
            "ORD-555-234-5678",
            "x555-234-5678",
            "555-234-5678-99",
            "555-234-5678a",
        ] {
            none(text);
        }
    }

    #[test]
    fn ssns() {
        one("ssn 123-45-6789.", Kind::Ssn, "123-45-6789");
        one("ssn 123-45-6789.Next", Kind::Ssn, "123-45-6789");
        one("id 123 45 6789", Kind::Ssn, "123 45 6789");
        one("SSN: 123456789", Kind::Ssn, "123456789");
        one(
            "note=\"SSN: 852089591\" account_no=757688261",
            Kind::Ssn,
            "852089591",
        );
        none("iban_example=\"DE55 6576 8935 7636 2108 08\"");
        // A phrase that is no one number splits into the longest runs that are.
        assert_eq!(
            found("ssn 100-10-1000 4000 0000 0000 0002 x"),
            vec![
                (Kind::Ssn, "100-10-1000"),
                (Kind::CreditCard, "4000 0000 0000 0002")
            ]
        );
        assert_eq!(
            found("ssn 100-10-1000 (200) 234-5678"),
            vec![(Kind::Ssn, "100-10-1000"), (Kind::Phone, "(200) 234-5678")]
        );
        for text in [
            "000-12-3456",
            "666-12-3456",
            "900-12-3456",
            "123-00-4567",
            "123-45-0000",
            "zip 123456789",
            "123-45 6789",
        ] {
            none(text);
        }
    }

    #[test]
    fn context_words_label_a_bare_number_only_as_words() {
        for text in [
            "{\"note\": \"classNames\", \"account_no\": 812760104}",
            "RssNtn 812760104",
            "hotel 5552345678",
            "recall 5552345678",
            "excellent 5552345678",
            "Rossnick 812760104",
        ] {
            none(text);
        }
        for (text, kind, span) in [
            ("ssn_no 812760104", Kind::Ssn, "812760104"),
            ("SSNs: 812760104", Kind::Ssn, "812760104"),
            ("customerSsn=812760104", Kind::Ssn, "812760104"),
            ("{\"log\":\"x\\nssn 812760104\"}", Kind::Ssn, "812760104"),
            ("phoneNumber: 5552345678", Kind::Phone, "5552345678"),
            ("mobilePhone=5552345678", Kind::Phone, "5552345678"),
            ("telephone 5552345678", Kind::Phone, "5552345678"),
            ("tel. 5552345678", Kind::Phone, "5552345678"),
            ("Call: 5552345678", Kind::Phone, "5552345678"),
        ] {
            one(text, kind, span);
        }
    }

    #[test]
    fn cards() {
        for text in [
            "4111111111111111",
            "4111 1111 1111 1111",
            "4111-1111-1111-1111",
            "5555 5555 5555 4444",
            "2223 0031 2200 3222",
            "3782 822463 10005",
            "3056 930902 5904",
            "6011 1111 1111 1117",
            "3530 1113 3330 0000",
            "6200 0000 0000 0005",
        ] {
            one(&format!("card {text}."), Kind::CreditCard, text);
        }
        for text in [
            "4111111111111112",
            "4111 1111 1111",
            "1234 5678 9012 3456",
            "4111-1111 1111-1111",
            "9111111111111111",
        ] {
            none(text);
        }
    }

    #[test]
    fn ipv4() {
        one("from 203.0.113.42.", Kind::IpAddress, "203.0.113.42");
        one("10.0.0.1:8080", Kind::IpAddress, "10.0.0.1");
        one("10.0.0.0/8", Kind::IpAddress, "10.0.0.0");
        one("@10.20.0.15:5432/billing", Kind::IpAddress, "10.20.0.15");
        for text in ["1.2.3", "1.2.3.4.5", "256.1.1.1", "01.2.3.4", "v1.2.3.4"] {
            none(text);
        }
    }

    #[test]
    fn a_version_after_the_word_version_is_no_address() {
        for text in [
            "version 10.4.2.1",
            "Version: 10.4.2.1",
            "v10.4.2.1",
            "VERSION=10.4.2.1",
            "\"app_version\": \"10.4.2.1\"",
            "nginx version 10.4.2.1 started",
        ] {
            none(text);
        }
        // Other words, and a version elsewhere on the line, change nothing.
        for (text, span) in [
            ("conversion 10.4.2.1", "10.4.2.1"),
            ("version 2 at 10.4.2.1", "10.4.2.1"),
            ("server 10.4.2.1", "10.4.2.1"),
        ] {
            one(text, Kind::IpAddress, span);
        }
    }

    #[test]
    fn a_mask_token_is_no_word_before_a_number() {
        // What a first pass leaves, read by a second: the word in a mask was a value, and a
        // mask between a word and a number was one. (Each was found as a label before.)
        for text in [
            " [SSN] : 100010001:AAAA--A_aaaAa0a-_aA0A0aaAAA0_aA0Aaaaa [EMAIL]",
            "[SSN] 123456789",
            "x [SSN:1a2b3c4d] 123456789",
            "[TELEGRAM_BOT_TOKEN] 5552345678",
            "SSN: [SSN], 123456789",
            "phone [GITHUB_TOKEN] 5552345678",
        ] {
            none(text);
        }
        // Words outside masks still label.
        one("[EMAIL] ssn 123456789", Kind::Ssn, "123456789");
        one("[ssn] 123456789", Kind::Ssn, "123456789");
        one("tel [x] 5552345678", Kind::Phone, "5552345678");
    }

    #[test]
    fn bot_tokens_are_found_from_their_digits() {
        let telegram = "7123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw1";
        let discord = "MTk4NjIyNDgzNDcxOTI1MjQ4.Cl2FMQ.ZnCjm1XVW7vRze4b7Cq4se7kKWs";
        one(
            &format!("token {telegram} ok"),
            Kind::TelegramBotToken,
            telegram,
        );
        one(
            &format!("/bot{telegram}/getMe"),
            Kind::TelegramBotToken,
            telegram,
        );
        one(&format!("Bot {discord}"), Kind::DiscordToken, discord);
        one(&format!("token:{discord}"), Kind::DiscordToken, discord);
        // Its only digits after a `--`, `-.` or `.-`, where the token walk stops.
        for discord in [
            "MTAwMDAwMDAwMDAwMDAwMDAw.aa--Aa.0AA_AAaaa00_A_0-AA0aa-a0a-0",
            "MTAwMDAwMDAwMDAwMDAwMDAw.aaAaa-.0AA_AAaaa00_A_0-AA0aa-a0a-0",
            "MTAwMDAwMDAwMDAwMDAwMDAw.aaAaaa.-AA_AAaaa00_A_0-AA0aa-a0a-0",
            "MTAwMDAwMDAwMDAwMDAwMDAw.aaAaaa.AAA_AAaaa--0A_0-AA0aa-a0a-0",
        ] {
            one(&format!(" {discord}\n"), Kind::DiscordToken, discord);
        }
        none("--0--0--0--0 aa--00000000 a.-12345678");
    }

    #[test]
    fn lettered_tokens() {
        one(
            "iban DE89 3704 0044 0532 0130 00",
            Kind::Iban,
            "DE89 3704 0044 0532 0130 00",
        );
        one(
            "via fe80::1ff:fe23:4567:890a",
            Kind::IpAddress,
            "fe80::1ff:fe23:4567:890a",
        );
        for text in [
            "550e8400-e29b-41d4-a716-446655440000",
            "1Z999AA10123456784",
            "da39a3ee5e6b4b0d3255bfef95601890afd80709",
            "ORD-2026-000123",
        ] {
            none(text);
        }
    }

    #[test]
    fn a_name_and_colon_before_a_number_are_a_label() {
        for (text, kind, span) in [
            ("client:10.0.0.1 ok", Kind::IpAddress, "10.0.0.1"),
            ("host:10.0.0.1:8080", Kind::IpAddress, "10.0.0.1"),
            ("x-forwarded-for:10.0.0.1", Kind::IpAddress, "10.0.0.1"),
            (
                "card:4111111111111111.",
                Kind::CreditCard,
                "4111111111111111",
            ),
            ("ssn:123-45-6789", Kind::Ssn, "123-45-6789"),
            ("tel:555-234-5678", Kind::Phone, "555-234-5678"),
            (
                "iban:DE89370400440532013000",
                Kind::Iban,
                "DE89370400440532013000",
            ),
        ] {
            one(text, kind, span);
        }
        // A `:` after a digit is the number's or the identifier's own.
        for text in [
            "sha256:4111111111111111",
            "at:10:30:00",
            "order:12345678",
            "urn:uuid:550e8400-e29b-41d4-a716-446655440000",
            "db.internal:5432/app",
        ] {
            none(text);
        }
    }
}
