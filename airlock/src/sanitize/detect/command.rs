//! Passwords on command lines: `curl -u user:password` (`--user`, `-U`, `--proxy-user`),
//! `mysql -pPASSWORD` and `--password=PASSWORD` (and `mysqldump`, `mysqladmin`, ...).
//! Only the password is masked; the user stays readable.

use std::sync::LazyLock;

use memchr::memmem;

use super::{Candidate, is_placeholder, run};
use crate::sanitize::bytes::{byte, escape_at, unescaped_before};
use crate::sanitize::kind::Kind;

/// The most of a command line read, arguments and all.
const MAX_LINE: usize = 4096;
/// How far into a command its lines may continue (`\` at a line's end): no further than a
/// scan of part of a large input reads back, so a part finds what the whole scan finds.
const MAX_CONTINUED: usize = super::READS_BEFORE;
/// The most arguments read.
const MAX_ARGS: usize = 64;

/// The last `curl` before a point of the scan, for a `curl` command found back from its
/// URL's `://` or its `--user`: a literal `curl` in the search would stop it at every
/// `current` and `secure` in prose. Each byte is searched once, however many URLs follow.
#[derive(Debug, Default)]
pub(super) struct LastCurl {
    /// Where the text before has been searched to.
    searched_to: usize,
    /// The start of the last `curl` in it.
    last: Option<usize>,
}

static CURL: LazyLock<memmem::Finder<'static>> = LazyLock::new(|| memmem::Finder::new("curl"));

impl LastCurl {
    /// The start of the last `curl` before `at` and within [`MAX_CONTINUED`] of it (`at`
    /// never goes back between calls).
    pub(super) fn before(&mut self, hay: &[u8], at: usize) -> Option<usize> {
        let from = self
            .searched_to
            .max(at.saturating_sub(MAX_CONTINUED))
            // A `curl` that ends after where the last search stopped started before it.
            .saturating_sub(3)
            .min(at);
        if let Some(found) = CURL.find_iter(&hay[from..at]).last() {
            self.last = Some(from + found);
        }
        self.searched_to = self.searched_to.max(at);
        self.last.filter(|&curl| at - curl <= MAX_CONTINUED)
    }
}

/// The programs whose passwords are read, and how.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Program {
    /// `-u user:password`, `--user user:password`, `-uuser:password`, and the proxy's `-U`.
    Curl,
    /// `-pPASSWORD` (attached: `-p PASSWORD` prompts, and `PASSWORD` is a database),
    /// `--password=PASSWORD`.
    Mysql,
}

/// Reads the command whose program's name starts at `start` (its literal ends at
/// `lit_end`), pushing the passwords in its arguments; returns where reading stopped.
pub(super) fn line(hay: &[u8], start: usize, lit_end: usize, out: &mut Vec<Candidate>) -> usize {
    // The program: a word of its own (`/usr/bin/curl`, `$(mysql …)`, but not `libcurl`).
    let name_end = run(hay, start, 16, |b| {
        b.is_ascii_lowercase() || b == b'-' || b == b'.'
    });
    let name = &hay[start..name_end];
    let program = match name {
        b"curl" | b"curl.exe" => Program::Curl,
        _ if name.starts_with(b"mysql") && !name.contains(&b'.') => Program::Mysql,
        _ => return lit_end,
    };
    let b = unescaped_before(hay, start);
    if b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.') {
        return lit_end;
    }
    if !matches!(byte(hay, name_end), b' ' | b'\t') {
        return lit_end;
    }
    // A command inside a string ends at the string's closing quote.
    let closer = match b {
        b'"' | b'\'' => Some(b),
        _ => None,
    };
    let mut args = Args {
        hay,
        at: name_end,
        start,
        limit: hay.len().min(start + MAX_LINE),
        closer,
        glued: false,
    };
    // The option whose value the next argument is.
    let mut pending: Option<Take> = None;
    for _ in 0..MAX_ARGS {
        let Some((s, e)) = args.next() else { break };
        let arg = &hay[s..e];
        if let Some(take) = pending.take() {
            push(hay, take, s, e, out);
            continue;
        }
        match program {
            Program::Curl => match arg {
                b"-u" | b"--user" | b"-U" | b"--proxy-user" => pending = Some(Take::AfterColon),
                [b'-', b'u' | b'U', ..] => push(hay, Take::AfterColon, s + 2, e, out),
                _ => {
                    for option in [&b"--user="[..], b"--proxy-user="] {
                        if arg.starts_with(option) {
                            pending =
                                attached(hay, Take::AfterColon, s + option.len(), e, &args, out);
                        }
                    }
                }
            },
            Program::Mysql => {
                // `-p'pass word'`: the quoted password is glued to its option.
                if arg.starts_with(b"-p") && !arg.starts_with(b"-p=") {
                    pending = attached(hay, Take::Whole, s + 2, e, &args, out);
                } else if arg.starts_with(b"--password=") {
                    pending = attached(hay, Take::Whole, s + 11, e, &args, out);
                }
            }
        }
    }
    args.at
}

/// The value attached to an option (`-pSECRET`, `--user=u:p`), pushed; or, when the option
/// ends where a quote starts (`-p'pass word'`, `--user="u:p"`), the next argument's part to take.
fn attached(
    hay: &[u8],
    take: Take,
    s: usize,
    e: usize,
    args: &Args<'_>,
    out: &mut Vec<Candidate>,
) -> Option<Take> {
    if s == e {
        return args.glued.then_some(take);
    }
    push(hay, take, s, e, out);
    None
}

/// Which part of an option's value is the password.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Take {
    /// All of it.
    Whole,
    /// What follows the first `:` (`user:password`); nothing without one.
    AfterColon,
}

/// Pushes the password in the value `hay[s..e]`, unless it is empty, a placeholder or a
/// variable (`$PASS`, `${PASS}`, `$(cat pw)`, `%PASS%`).
fn push(hay: &[u8], take: Take, s: usize, e: usize, out: &mut Vec<Candidate>) {
    let s = match take {
        Take::Whole => s,
        Take::AfterColon => match memchr::memchr(b':', &hay[s..e]) {
            Some(colon) => s + colon + 1,
            None => return,
        },
    };
    let value = &hay[s..e];
    let variable =
        value.starts_with(b"$") || (value.len() > 2 && value[0] == b'%' && value.ends_with(b"%"));
    if s < e && !is_placeholder(value) && !variable {
        out.push(Candidate::new(Kind::Password, s, e));
    }
}

/// The arguments of a command line, one at a time, as spans without their quotes.
struct Args<'h> {
    hay: &'h [u8],
    /// Where reading goes on.
    at: usize,
    /// Where the command starts.
    start: usize,
    limit: usize,
    /// The quote the command sits in, if any: the command ends there.
    closer: Option<u8>,
    /// Whether the last argument ran into a quote, which starts the next one without a
    /// space between them.
    glued: bool,
}

impl Args<'_> {
    /// The next argument, or `None` at the end of the command: a line break that does not
    /// continue the line, `|`, `;`, `&`, `<`, `>`, a backtick or `)`, the closing quote of
    /// a string the command is in, or the limit.
    fn next(&mut self) -> Option<(usize, usize)> {
        let hay = self.hay;
        self.glued = false;
        loop {
            self.at = run(hay, self.at, self.limit.saturating_sub(self.at), |b| {
                b == b' ' || b == b'\t'
            });
            // `\` and a line break continue the command on the next line, written as they
            // are or escaped in a JSON or `Debug` string (`\\\n`).
            if byte(self.hay, self.at) == b'\\' && self.at - self.start < MAX_CONTINUED {
                let nl = match (byte(hay, self.at + 1), byte(hay, self.at + 2)) {
                    (b'\n', _) => 2,
                    (b'\r', b'\n') => 3,
                    _ => escaped_continuation(hay, self.at),
                };
                if nl > 0 {
                    self.at += nl;
                    continue;
                }
            }
            break;
        }
        let at = self.at;
        if at >= self.limit {
            return None;
        }
        let b = hay[at];
        if b"\r\n|;&<>`)".contains(&b) || Some(b) == self.closer {
            return None;
        }
        // A quoted argument: to its closing quote (`'…'`, `"…"`, or `\"…\"` inside a string).
        let escaped = b == b'\\' && byte(hay, at + 1) == b'"';
        if b == b'"' || b == b'\'' || escaped {
            let quote = if escaped { b'"' } else { b };
            let from = at + 1 + usize::from(escaped);
            let mut i = from;
            while i < self.limit {
                match hay[i] {
                    b'\n' | b'\r' => break,
                    b'\\' if escaped && byte(hay, i + 1) == b'"' => {
                        self.at = i + 2;
                        return Some((from, i));
                    }
                    b'\\' if quote == b'"' => i += 2,
                    c if c == quote && !escaped => {
                        self.at = i + 1;
                        return Some((from, i));
                    }
                    _ => i += 1,
                }
            }
            self.at = i.min(self.limit);
            return None;
        }
        // A bare argument: to a space or anything that ends one (a quote after it starts
        // the next: `-u"user:pw"` is `-u` and `user:pw`).
        let end = run(hay, at, self.limit - at, |b| {
            b.is_ascii_graphic() && !b"|;&<>`)\"'\\".contains(&b) || b >= 0x80
        });
        self.at = end;
        self.glued = matches!(byte(hay, end), b'"' | b'\'')
            || (byte(hay, end) == b'\\' && byte(hay, end + 1) == b'"');
        (end > at).then_some((at, end))
    }
}

/// The length of the escaped `\` and line break at `at` (`\\\n`, `\\\r\n`), or 0.
fn escaped_continuation(hay: &[u8], at: usize) -> usize {
    if escape_at(hay, at) != Some((2, b'\\')) {
        return 0;
    }
    match (escape_at(hay, at + 2), escape_at(hay, at + 4)) {
        (Some((2, b'\n')), _) => 4,
        (Some((2, b'\r')), Some((2, b'\n'))) => 6,
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<&str> {
        let hay = text.as_bytes();
        let mut out = Vec::new();
        let mut read_to = 0;
        for at in 0..hay.len() {
            let word = ["curl", "mysql"]
                .into_iter()
                .find(|w| hay[at..].starts_with(w.as_bytes()));
            if let Some(word) = word
                && at >= read_to
            {
                read_to = line(hay, at, at + word.len(), &mut out);
            }
        }
        out.iter().map(|c| &text[c.start..c.end]).collect()
    }

    #[test]
    fn passwords_in_commands() {
        for (text, values) in [
            (
                "curl -u admin:S3cr3t-pw https://api.example.com",
                &["S3cr3t-pw"][..],
            ),
            (
                "curl --user 'deploy:p@ss word' -X POST https://x",
                &["p@ss word"],
            ),
            ("$ curl -s -uci:tok3n https://x", &["tok3n"]),
            (
                "curl -U proxy:pr0xy-pw --proxy http://p:3128 https://x",
                &["pr0xy-pw"],
            ),
            ("curl --user=\"bob:hunter22\" https://x", &["hunter22"]),
            (
                "curl -X POST \\\n  -u admin:c0nt1nued \\\n  https://x",
                &["c0nt1nued"],
            ),
            (
                r#"{"cmd": "curl -u \"ann:Js0nQu0ted\" https://x"}"#,
                &["Js0nQu0ted"],
            ),
            ("mysql -h db -u root -pS3cr3t app", &["S3cr3t"]),
            (
                "mysqldump --password=Dump-pw1 shop > shop.sql",
                &["Dump-pw1"],
            ),
            ("mysqldump -uroot -p'quoted pw' db", &["quoted pw"]),
            ("/usr/bin/mysql -pA1b2C3 -e 'select 1'", &["A1b2C3"]),
            ("echo ok && curl -u a:b1 x; mysql -pXy1", &["b1", "Xy1"]),
            // Continued lines in a JSON or `Debug` string.
            (
                r#"{"log":"$ curl -X PUT \\\n    -u admin:Tr0ub4dor3xQz \\\n    https://api.example.com\n"}"#,
                &["Tr0ub4dor3xQz"],
            ),
            (r#""mysql -h db \\\r\n  -pEsc4ped-pw app""#, &["Esc4ped-pw"]),
        ] {
            assert_eq!(found(text), values, "in {text:?}");
        }
    }

    #[test]
    fn near_misses() {
        for text in [
            // No password given: curl and mysql prompt for it.
            "curl -u admin https://api.example.com",
            "mysql -u root -p app",
            "mysql -u root -p\nls -l",
            // Variables and placeholders are not the password.
            "curl -u \"$USER:$PASS\" https://x",
            "curl -u admin:${TOKEN} https://x",
            "mysql -p$MYSQL_PWD",
            "mysql -p**** app",
            "curl -u admin:[PASSWORD] https://x",
            // Other programs' `-u` and `-p`, and the option after the command ends.
            "docker run -u 1000:1000 -p 8080:80 img",
            "sudo -u postgres psql -p 5432",
            "curl https://x | grep -u a:b",
            "libcurl -u a:b",
            "pymysql -pSecret1",
            "mysql.connector -pSecret1",
            "mysql://root:pw@db/app",
            "curl -H 'X: y' --url https://x",
            // An escaped line break ends the command; an escaped `\` alone does not continue it.
            r#""curl https://x\n-u a:notmine1""#,
            r#""curl https://x \\ -u a:notmine1""#,
            r#""curl https://x \\\\\n -u a:notmine1""#,
        ] {
            assert_eq!(found(text), Vec::<&str>::new(), "in {text:?}");
        }
    }

    #[test]
    fn the_last_curl_is_found_back_from_a_point_once() {
        let text = "curl -u a:b https://x\nls; curl --user c:d https://y https://z";
        let hay = text.as_bytes();
        let mut last = LastCurl::default();
        let urls: Vec<usize> = text.match_indices("://").map(|(i, _)| i).collect();
        assert_eq!(last.before(hay, urls[0]), Some(0));
        let second = text.rfind("curl").unwrap();
        assert_eq!(last.before(hay, urls[1]), Some(second));
        assert_eq!(last.before(hay, urls[2]), Some(second));
        // Too far back.
        let far = format!("curl {}://x", " ".repeat(MAX_CONTINUED));
        assert_eq!(
            LastCurl::default().before(far.as_bytes(), far.len() - 4),
            None
        );
    }

    #[test]
    fn reading_is_bounded_and_continues_only_near_the_command() {
        let far = format!("curl {} -u a:farpass1", "-s ".repeat(MAX_LINE));
        assert_eq!(found(&far), Vec::<&str>::new());
        let continued = format!(
            "curl {}\\\n -u a:contpass1",
            "-s ".repeat(MAX_CONTINUED / 3 + 1)
        );
        assert_eq!(found(&continued), Vec::<&str>::new());
        let mut out = Vec::new();
        let text = format!("curl {}", "x".repeat(3 * MAX_LINE));
        assert!(line(text.as_bytes(), 0, 4, &mut out) <= MAX_LINE);
    }
}
