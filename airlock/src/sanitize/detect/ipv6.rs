//! IPv6 addresses, full and compressed, parsed by the standard library.

use std::net::Ipv6Addr;

use super::{Candidate, run, run_back};
use crate::sanitize::bytes::{before, byte, is_word, past_escape, unescaped_before};
use crate::sanitize::kind::Kind;

/// The longest IPv6 text: eight groups, or six and an embedded IPv4 address.
const MAX_LEN: usize = 45;

fn is_v6(b: u8) -> bool {
    b.is_ascii_hexdigit() || b == b':' || b == b'.'
}

/// Whether an address can be found around the number `hay[start..end]` that has `colons`
/// colons: short of six, an address needs a `::`, which a number never holds (each of its
/// separators sits between digits), so the address characters must run on past the number.
/// `false` means [`around`] would find nothing.
pub(crate) fn may_reach_beyond(hay: &[u8], start: usize, end: usize, colons: usize) -> bool {
    colons >= 6 || is_v6(before(hay, start)) || is_v6(byte(hay, end))
}

/// What the scan has learned of runs of address bytes: every position in `from..to` lies
/// in a run that holds no address around it, so none of them is asked again. Without it a
/// long run (`1::1::1::…`) would be read to its end once for each number or `:` in it.
#[derive(Debug, Default)]
pub(crate) struct Runs {
    from: usize,
    to: usize,
}

impl Runs {
    /// [`around`], answered from what is known when `at` lies in a run that was asked
    /// about before.
    ///
    /// Every position of a run that [`around`] rejected gets the same answer from `around`
    /// up to the end it returned: a run short enough to be an address is read whole from
    /// any of its positions, and one too long is too long around each of them.
    #[inline]
    pub(crate) fn around(&mut self, hay: &[u8], at: usize) -> Result<Candidate, usize> {
        if (self.from..self.to).contains(&at) {
            return Err(self.to);
        }
        self.ask(hay, at)
    }

    #[inline(never)]
    fn ask(&mut self, hay: &[u8], at: usize) -> Result<Candidate, usize> {
        around(hay, at).inspect_err(|&to| {
            self.from = at;
            self.to = to;
        })
    }
}

/// The address around position `at`; `None` unless the run there parses and looks like an
/// address rather than a time (`10:30:00`), a MAC address or a Rust path (`a::b`).
/// Returns the candidate or, when nothing matched, where the run of address bytes ends (as
/// far as it was read, or all of it when it is too long to hold an address anywhere), past
/// which no position of the run needs asking again.
pub(crate) fn around(hay: &[u8], at: usize) -> Result<Candidate, usize> {
    // (Past an escape whose hex digits the run back took: `%0A2001:db8::1`.)
    let mut start = past_escape(hay, run_back(hay, at, MAX_LEN + 1, is_v6)).min(at);
    let end = run(hay, at, MAX_LEN + 1, is_v6);
    // `addr:2001:db8::1`: a lone `:` right after a word is the label's; an address starts
    // with a `:` only as its `::`.
    if byte(hay, start) == b':' && byte(hay, start + 1) != b':' && is_word(before(hay, start)) {
        start += 1;
    }
    let skip = end.max(at + 1);
    if end - start > MAX_LEN {
        return Err(run(hay, end, usize::MAX, is_v6).max(at + 1));
    }
    if is_word(unescaped_before(hay, start)) || is_word(byte(hay, end)) {
        return Err(skip);
    }
    let mut text = &hay[start..end];
    while let [rest @ .., b'.'] = text {
        text = rest;
    }
    let colons = text.iter().filter(|&&b| b == b':').count();
    let hex = text.iter().filter(|b| b.is_ascii_hexdigit()).count();
    // Eight groups, six and an IPv4 address, or a `::`: anything else (`10:30:00`) is not one.
    let compressed = text.windows(2).any(|w| w == b"::");
    let dotted = text.contains(&b'.');
    if colons < 2 || hex < 4 || !(compressed || colons == 7 || (colons == 6 && dotted)) {
        return Err(skip);
    }
    let parsed = std::str::from_utf8(text)
        .ok()
        .and_then(|t| t.parse::<Ipv6Addr>().ok());
    match parsed {
        Some(_) => Ok(Candidate::new(Kind::IpAddress, start, start + text.len())),
        None => Err(skip),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn find(text: &str) -> Option<&str> {
        let at = text.find(':')?;
        around(text.as_bytes(), at)
            .ok()
            .map(|c| &text[c.start..c.end])
    }

    #[test]
    fn finds_addresses() {
        assert_eq!(
            find("from 2001:db8:85a3::8a2e:370:7334."),
            Some("2001:db8:85a3::8a2e:370:7334")
        );
        assert_eq!(
            find("[fe80::1ff:fe23:4567:890a]:443"),
            Some("fe80::1ff:fe23:4567:890a")
        );
        assert_eq!(
            find("::ffff:192.168.10.20 ok"),
            Some("::ffff:192.168.10.20")
        );
        assert_eq!(
            find("2001:0db8:0000:0000:0000:ff00:0042:8329"),
            Some("2001:0db8:0000:0000:0000:ff00:0042:8329")
        );
        // After a label's `:`, from the label's colon or from one of the address's own.
        assert_eq!(find("addr:2001:db8::1"), Some("2001:db8::1"));
        assert_eq!(
            around(b"ip:fe80::1ff:fe23:4567:890a", 9).map(|c| (c.start, c.end)),
            Ok((3, 27))
        );
    }

    #[test]
    fn numbers_that_cannot_reach_an_address() {
        // (text, the number's span, its colons, whether an address may reach past it)
        for (text, start, end, colons, reach) in [
            ("at 10:30:00 ok", 3, 11, 2, false),
            ("\"04:35:57\",", 1, 9, 2, false),
            ("1:2:3:4:5", 0, 9, 4, false),
            ("1:2::3", 0, 3, 1, true),
            ("::1:2", 2, 5, 1, true),
            ("1:2:3:4:5:6:7:8", 0, 15, 7, true),
        ] {
            let hay = text.as_bytes();
            assert_eq!(may_reach_beyond(hay, start, end, colons), reach, "{text}");
            if !reach {
                assert!(around(hay, start).is_err(), "{text}");
            }
        }
    }

    #[test]
    fn near_misses() {
        for text in [
            "at 10:30:00",
            "00:1A:2B:3C:4D:5E",
            "std::vec",
            "a::b",
            "::1",
            "::",
            "localhost:8080",
            "ab:cd:ef",
        ] {
            assert_eq!(find(text), None, "{text}");
        }
    }
}
