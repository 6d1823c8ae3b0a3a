//! Passwords in credential dotfiles: `.netrc` entries (`machine host login user password
//! secret`, on one line or several) and `.pgpass` lines (`host:port:database:user:password`).
//! Only the password is masked.

use super::{Candidate, is_placeholder, run, run_back};
use crate::sanitize::bytes::{before, byte, past_escape, unescaped_before};
use crate::sanitize::kind::Kind;

/// The most of a `.netrc` entry read from its `machine`: no further than a scan of part of
/// a large input reads back, so a part finds what the whole scan finds.
pub(super) const MAX_ENTRY: usize = super::READS_BEFORE;
/// The most keyword and value pairs read in one entry.
const MAX_PAIRS: usize = 8;
/// The most of a `.pgpass` line read.
const MAX_LINE: usize = 1024;
/// The longest field of a `.pgpass` line before the password (a host name's limit).
const MAX_FIELD: usize = 253;

/// Whether `i` follows a line break or the start of a string: the input's start, `\n`,
/// `\r`, a quote, or any escape of one (`\n`, `\u000a`, `%0A`: inside a JSON string or a
/// URL), perhaps indented.
fn starts_line(hay: &[u8], i: usize) -> bool {
    let i = run_back(hay, i, 16, |b| b == b' ' || b == b'\t');
    matches!(unescaped_before(hay, i), 0 | b'\n' | b'\r' | b'"' | b'\'')
}

/// Whether `\` at `i` starts an escaped line break, tab or quote (`\n`, `\r`, `\t`, `\"`).
fn escaped_break(hay: &[u8], i: usize) -> bool {
    byte(hay, i) == b'\\' && matches!(byte(hay, i + 1), b'n' | b'r' | b't' | b'"')
}

/// Reads the `.netrc` entry whose `machine` starts at `start`, pushing its password when
/// it has a login too; returns where reading stopped (before the next entry, if any).
pub(super) fn netrc(hay: &[u8], start: usize, out: &mut Vec<Candidate>) -> usize {
    let word_end = start + b"machine".len();
    let separated =
        matches!(byte(hay, word_end), b' ' | b'\t' | b'\n' | b'\r') || escaped_break(hay, word_end);
    // (As the text means it: `\u000amachine` starts a word.)
    let b = unescaped_before(hay, start);
    let word_start = !(b.is_ascii_alphanumeric() || b == b'_' || b == b'-' || b == b'.');
    if !separated || !word_start {
        return word_end;
    }
    let mut words = Words {
        hay,
        at: word_end,
        limit: hay.len().min(start + MAX_ENTRY),
    };
    if words.next().is_none() {
        return words.at;
    }
    let (mut login, mut password) = (false, None);
    for _ in 0..MAX_PAIRS {
        let before_key = words.at;
        let Some((s, e)) = words.next() else { break };
        let key = &hay[s..e];
        if !matches!(key, b"login" | b"password" | b"account" | b"port") {
            // The next entry (`machine`, `default`, `macdef`) or not a `.netrc` at all.
            words.at = before_key;
            break;
        }
        let Some(value) = words.next() else { break };
        match key {
            b"login" => login = true,
            b"password" => password = Some(value),
            _ => {}
        }
    }
    if login
        && let Some((s, e)) = password
        && !is_placeholder(&hay[s..e])
        && hay[s] != b'$'
    {
        out.push(Candidate::new(Kind::Password, s, e));
    }
    words.at
}

/// The `.netrc` entries whose `machine` is before a `login` of the scan: an entry holds a
/// password only with a login, so its `machine` is read from the login (a word rare in prose,
/// where `machine` is not) back. Each byte is searched once, however many logins follow.
#[derive(Debug, Default)]
pub(super) struct Entries {
    /// Where the text before has been searched to.
    searched_to: usize,
    /// Where the last entry read stopped: a `machine` inside it starts none.
    read_to: usize,
}

static MACHINE: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
    std::sync::LazyLock::new(|| memchr::memmem::Finder::new("machine"));

impl Entries {
    /// Reads every entry whose `machine` is before the `login` at `login`, close enough for
    /// the entry to reach it and not searched before, pushing their passwords; returns where
    /// reading stopped. (`login` never goes back between calls.)
    pub(super) fn before_login(
        &mut self,
        hay: &[u8],
        login: usize,
        out: &mut Vec<Candidate>,
    ) -> usize {
        let from = self
            .searched_to
            .max(login.saturating_sub(MAX_ENTRY))
            .min(login);
        for found in MACHINE.find_iter(&hay[from..login]) {
            let machine = from + found;
            if machine >= self.read_to {
                self.read_to = netrc(hay, machine, out).max(self.read_to);
            }
        }
        self.searched_to = self.searched_to.max(login);
        self.read_to.max(login)
    }
}

/// The words of a `.netrc` entry: runs of printable bytes between whitespace (or escaped
/// line breaks and tabs). A `"` ends the entry: it closes the string the file is in.
struct Words<'h> {
    hay: &'h [u8],
    at: usize,
    limit: usize,
}

impl Words<'_> {
    fn next(&mut self) -> Option<(usize, usize)> {
        let hay = self.hay;
        while self.at < self.limit {
            match hay[self.at] {
                b' ' | b'\t' | b'\n' | b'\r' => self.at += 1,
                b'\\' if escaped_break(hay, self.at) && byte(hay, self.at + 1) != b'"' => {
                    self.at += 2;
                }
                _ => break,
            }
        }
        let from = self.at;
        while self.at < self.limit {
            let b = hay[self.at];
            if !(b.is_ascii_graphic() || b >= 0x80) || b == b'"' || escaped_break(hay, self.at) {
                break;
            }
            self.at += 1;
        }
        (self.at > from).then_some((from, self.at))
    }
}

/// Whether `b` may be in a `.pgpass` host field: a host name, an IPv4 address, or `*`.
fn is_host(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"._-*".contains(&b)
}

/// The password of the `.pgpass` line around the `:*:` at `at` (a field that matches
/// anything), pushed; returns where reading stopped. (The scan asks from its `:` trigger.)
pub(crate) fn pgpass_around(hay: &[u8], at: usize, out: &mut Vec<Candidate>) -> usize {
    // The fields before a password hold no space or quote. Every `:*:` in this run of
    // them leads back to the same start: the run is read once, for the first.
    let field = |b: u8| b.is_ascii_graphic() && b != b'"' && b != b'\'';
    let line = run_back(hay, at, 4 * MAX_FIELD, field);
    // A line of a JSON string starts after its last escaped line break (`"x\nhost:*:…"`).
    let line = hay[line..at]
        .windows(2)
        .rposition(|w| w[0] == b'\\' && matches!(w[1], b'n' | b'r'))
        .map_or(line, |i| line + i + 2);
    let run_end = run(hay, at, MAX_LINE, field).max(at + 3);
    if !starts_line(hay, line) {
        return run_end;
    }
    let (found, end) = pgpass_line(hay, line);
    if let Some(c) = found {
        out.push(c);
    }
    end.max(run_end)
}

/// The password of the `.pgpass` line the numeric scan reached at `s`, the start of its
/// token: a host that starts with a digit (`10.0.0.5:5432:…`), or the port after a host.
pub(crate) fn pgpass_at_token(hay: &[u8], s: usize) -> Option<Candidate> {
    let line = if starts_line(hay, s) {
        s
    } else if before(hay, s) == b':' {
        // (Past an escape right before the host: `\\ndb:5432:…`.)
        let host = past_escape(hay, run_back(hay, s - 1, MAX_FIELD + 1, is_host));
        if host == s - 1 || !starts_line(hay, host) {
            return None;
        }
        host
    } else {
        return None;
    };
    pgpass_line(hay, line).0
}

/// The password of the `.pgpass` line starting at `line`, if it is one: four fields and a
/// password, joined by `:` (`\:` and `\\` are escapes), with a host, a port or `*`, and no
/// `:` left in the password. Also returns where reading stopped.
fn pgpass_line(hay: &[u8], line: usize) -> (Option<Candidate>, usize) {
    let limit = hay.len().min(line + MAX_LINE);
    // Four `:`s among printable bytes come first: a line with fewer before its first space
    // (a log line's timestamp, `2026-07-05T14:53:47+06:00 INFO …`) is read no further, a
    // byte at a time in one tight loop rather than field by field.
    let mut colons = 0;
    for &b in hay.get(line..limit).unwrap_or_default() {
        if b == b':' {
            colons += 1;
            if colons == 4 {
                break;
            }
        } else if !b.is_ascii_graphic() || b == b'"' {
            break;
        }
    }
    if colons < 4 {
        return (None, line);
    }
    let mut fields = [(0usize, 0usize); 4];
    let mut at = line;
    for field in &mut fields {
        let from = at;
        while at < limit && at - from <= MAX_FIELD {
            match hay[at] {
                b':' => break,
                b'\\' if matches!(byte(hay, at + 1), b':' | b'\\') => at += 2,
                b if b.is_ascii_graphic() && b != b'"' && b != b'\\' => at += 1,
                _ => return (None, at),
            }
        }
        if at == from || byte(hay, at) != b':' {
            return (None, at);
        }
        *field = (from, at);
        at += 1;
    }
    let [host, port, ..] = fields.map(|(s, e)| &hay[s..e]);
    let host_ok = host == b"*" || host.iter().all(|&b| is_host(b) && b != b'*');
    let port_ok = port == b"*"
        || (port.len() <= 5
            && port.iter().all(u8::is_ascii_digit)
            && (1..=65535).contains(&port.iter().fold(0u32, |n, &d| n * 10 + u32::from(d - b'0'))));
    if !host_ok || !port_ok {
        return (None, at);
    }
    // The password runs to the end of the line (or of the string it is in).
    let from = at;
    while at < limit {
        match hay[at] {
            b'\n' | b'\r' | b'"' => break,
            b'\\' if matches!(byte(hay, at + 1), b':' | b'\\') => at += 2,
            b'\\' => break,
            // An unescaped `:` makes it no `.pgpass` line (`/etc/passwd` has six).
            b':' => return (None, run(hay, at, limit - at, |b| b != b'\n')),
            _ => at += 1,
        }
    }
    let end = from
        + hay[from..at.min(limit)]
            .iter()
            .rposition(|b| !b.is_ascii_whitespace())
            .map_or(0, |i| i + 1);
    let value = &hay[from..end];
    if value.is_empty() || is_placeholder(value) || value[0] == b'$' {
        return (None, at);
    }
    (Some(Candidate::new(Kind::Password, from, end)), at)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn netrc_found(text: &str) -> Vec<&str> {
        let hay = text.as_bytes();
        let mut out = Vec::new();
        let mut read_to = 0;
        for at in 0..hay.len() {
            if hay[at..].starts_with(b"machine") && at >= read_to {
                read_to = netrc(hay, at, &mut out);
            }
        }
        out.iter().map(|c| &text[c.start..c.end]).collect()
    }

    #[test]
    fn netrc_entries() {
        for (text, values) in [
            (
                "machine api.example.com login bob password s3cr3t-Pw\n",
                &["s3cr3t-Pw"][..],
            ),
            // After an escaped line break of any form.
            (r"\u000amachine h login u password 0a0#AA\n", &["0a0#AA"]),
            ("x%0Amachine h login u password pw-enc", &["pw-enc"]),
            (
                "machine github.com\n  login ann\n  password ghx_notatoken1\nmachine gitlab.com login c password pw2\n",
                &["ghx_notatoken1", "pw2"],
            ),
            (
                r#"{"path": "~/.netrc", "content": "machine h.example login u password Js0n-pw\nmachine b login v password pw3"}"#,
                &["Js0n-pw", "pw3"],
            ),
            ("machine h password first-pw login u", &["first-pw"]),
            (
                r"x\u000amachine h.example login u password 0!A!0a\n",
                &["0!A!0a"],
            ),
        ] {
            assert_eq!(netrc_found(text), values, "in {text:?}");
        }
    }

    #[test]
    fn netrc_near_misses() {
        for text in [
            // A password without a login, and prose about machines.
            "machine h password lonely-pw",
            "the machine learning password policy is strict",
            "machine h login u password $NETRC_PASSWORD",
            "machine h login u password [PASSWORD]",
            "machinery login u password x1",
            "vmachine h login u password x1",
        ] {
            assert_eq!(netrc_found(text), Vec::<&str>::new(), "in {text:?}");
        }
    }

    #[test]
    fn netrc_entries_are_read_back_from_their_login_once() {
        let text = "the machine hums\nmachine h.example login u password p4ss-1\n\
                    machine login.example login v password p4ss-2 login w\n";
        let hay = text.as_bytes();
        let mut entries = Entries::default();
        let mut out = Vec::new();
        for (login, _) in text.match_indices("login") {
            entries.before_login(hay, login, &mut out);
        }
        let found: Vec<_> = out.iter().map(|c| &text[c.start..c.end]).collect();
        assert_eq!(found, ["p4ss-1", "p4ss-2"]);
        // A `machine` too far before its login holds no password the entry reaches.
        let far = format!(
            "machine h {} login u password p4ss-3",
            "x ".repeat(MAX_ENTRY)
        );
        let mut out = Vec::new();
        let login = far.find("login").unwrap_or_default();
        Entries::default().before_login(far.as_bytes(), login, &mut out);
        assert!(out.is_empty(), "{out:?}");
    }

    fn pgpass_found(text: &str) -> Vec<&str> {
        let hay = text.as_bytes();
        let mut out = Vec::new();
        for line in 0..hay.len() {
            if starts_line(hay, line)
                && (line == 0 || hay[line - 1] != b' ')
                && let (Some(c), _) = pgpass_line(hay, line)
            {
                out.push(c);
            }
        }
        out.iter().map(|c| &text[c.start..c.end]).collect()
    }

    #[test]
    fn pgpass_lines() {
        for (text, values) in [
            (
                "db.internal:5432:app:app_user:S3cr3t!pw\n",
                &["S3cr3t!pw"][..],
            ),
            ("*:*:*:postgres:pg-pw-1", &["pg-pw-1"]),
            ("localhost:*:orders:svc:with\\:colon\n", &["with\\:colon"]),
            ("10.0.0.5:6432:*:*:pw with space  \r\n", &["pw with space"]),
            (r#""localhost:5432:app:u:Js0nPw\nnext""#, &["Js0nPw"]),
            (r"x\u000alocalhost:5432:app:u:Js0nPw2", &["Js0nPw2"]),
        ] {
            assert_eq!(pgpass_found(text), values, "in {text:?}");
        }
    }

    #[test]
    fn pgpass_near_misses() {
        for text in [
            "root:x:0:0:root:/root:/bin/bash",
            "nobody:*:-2:-2:Unprivileged User:/var/empty:/usr/bin/false",
            "root:*:19000:0:99999:7:::",
            "INFO:root:12:started:ok",
            "00:1a:2b:3c:4d:5e",
            "2026-11-22T10:30:00Z",
            "2026-07-05T14:53:47+06:00 INFO app: started",
            "h:5432:db user:pw",
            "host:99999:db:user:pw",
            "h:5432:db:user:",
            "h:5432:db:user:${PGPASSWORD}",
            "h o:5432:db:user:pw",
        ] {
            assert_eq!(pgpass_found(text), Vec::<&str>::new(), "in {text:?}");
        }
    }

    #[test]
    fn pgpass_from_either_trigger() {
        let text = "x\ndb.internal:5432:app:app_user:Tr1gger-pw\n*:*:*:u:Star-pw\n";
        let hay = text.as_bytes();
        let port = text.find("5432").unwrap();
        let c = pgpass_at_token(hay, port).unwrap();
        assert_eq!(&text[c.start..c.end], "Tr1gger-pw");
        let mut out = Vec::new();
        let star = text.find(":*:").unwrap();
        let end = pgpass_around(hay, star, &mut out);
        assert_eq!(&text[out[0].start..out[0].end], "Star-pw");
        assert_eq!(end, text.len() - 1);
        // Not at a line's start: a word before the host.
        let prose = "see db.internal:5432:app:app_user:pw1";
        let port = prose.find("5432").unwrap();
        assert_eq!(pgpass_at_token(prose.as_bytes(), port), None);
    }
}
