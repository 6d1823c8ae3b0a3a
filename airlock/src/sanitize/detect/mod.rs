//! The built-in detectors. Each confirms a candidate around one trigger position with
//! bounded look-around, so the whole scan stays linear in the input.

pub(crate) mod assign;
pub(super) mod bot_token;
pub(super) mod command;
pub(super) mod cookie;
pub(super) mod dotfile;
pub(crate) mod element;
pub(super) mod email;
pub(super) mod iban;
pub(super) mod ipv6;
pub(super) mod numeric;
pub(crate) mod pair;
pub(super) mod pem;
pub(super) mod prefixed;
pub(super) mod providers;
pub(super) mod url;

use super::bytes::byte;
use super::kind::Kind;

/// A match before overlaps are resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Candidate {
    pub(crate) start: usize,
    pub(crate) end: usize,
    pub(crate) kind: Kind,
    /// Specificity: on overlap the higher rank wins, then the longer span.
    pub(crate) rank: u8,
    /// Length of the public prefix a partial mask keeps.
    pub(crate) prefix: usize,
}

impl Candidate {
    pub(crate) fn new(kind: Kind, start: usize, end: usize) -> Candidate {
        let rank = rank(&kind);
        Candidate {
            start,
            end,
            kind,
            rank,
            prefix: 0,
        }
    }

    pub(crate) fn with_prefix(mut self, prefix: usize) -> Candidate {
        self.prefix = prefix.min(self.end - self.start);
        self
    }
}

/// How specific a built-in kind is: exact formats beat context rules, which beat loose ones.
fn rank(kind: &Kind) -> u8 {
    match kind {
        Kind::PrivateKey => 100,
        Kind::KnownSecret => 95,
        Kind::AwsAccessKeyId
        | Kind::GithubToken
        | Kind::GitlabToken
        | Kind::SlackToken
        | Kind::SlackWebhook
        | Kind::StripeKey
        | Kind::OpenaiApiKey
        | Kind::AnthropicApiKey
        | Kind::GoogleApiKey
        | Kind::NpmToken
        | Kind::PypiToken
        | Kind::SendgridKey
        | Kind::TwilioKey
        | Kind::HuggingfaceToken
        | Kind::DatabricksToken
        | Kind::DigitaloceanToken
        | Kind::ShopifyToken
        | Kind::DiscordToken
        | Kind::DiscordWebhook
        | Kind::VaultToken
        | Kind::GoogleOauthToken
        | Kind::GoogleClientSecret
        | Kind::TelegramBotToken
        | Kind::GroqApiKey => 90,
        Kind::Jwt => 85,
        Kind::AwsSecretAccessKey => 82,
        Kind::ConnectionString => 80,
        Kind::BearerToken => 75,
        // Over a password: `Cookie: session_token=…` is a cookie first.
        Kind::SessionCookie => 72,
        Kind::Password => 70,
        Kind::GenericSecret => 60,
        Kind::Iban => 55,
        Kind::CreditCard => 54,
        Kind::Ssn => 53,
        Kind::Email => 52,
        Kind::Phone => 51,
        Kind::IpAddress => 50,
        Kind::Custom(_) => 60,
    }
}

/// How far past a match's start the built-in detectors read: the longest span one matches
/// (a PEM block of up to 32 KiB, and its lines) plus the text after it that one reads. A
/// scan of an input's prefix this much past a position finds there what a whole scan does.
pub(crate) const READS_AFTER: usize = 64 * 1024;
const _: () = assert!(pem::MAX_BLOCK + 1024 <= READS_AFTER);

/// How far before a match the built-in detectors read (an email's local part, a key name).
pub(crate) const READS_BEFORE: usize = 1024;

/// The end of the run of `class` bytes starting at `from`, reading at most `max` bytes.
#[inline]
pub(super) fn run(hay: &[u8], from: usize, max: usize, class: impl Fn(u8) -> bool) -> usize {
    let limit = hay.len().min(from.saturating_add(max));
    let mut i = from.min(limit);
    while i < limit && class(hay[i]) {
        i += 1;
    }
    i
}

/// A run of one class of bytes, remembered so that asking for it again from a later start
/// reads no byte twice. A confirmer that fails at one position is asked again at the next
/// trigger, often inside the same run (`sk-sk-sk-…`, `password=${password=${…`): with its
/// runs remembered, the scan stays linear however long they are.
///
/// One `Reach` serves one class (the same on every call), asked with starts that do not go
/// back: a start outside the remembered run reads afresh.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct Reach {
    /// `hay[from..to]` is in the class,
    from: usize,
    to: usize,
    /// and `hay[to]` is not (or is past the end) when this is set.
    ended: bool,
}

impl Reach {
    /// [`run`]`(hay, from, max, class)`, reading only the bytes it has not read before.
    #[inline]
    pub(crate) fn run(
        &mut self,
        hay: &[u8],
        from: usize,
        max: usize,
        class: impl Fn(u8) -> bool,
    ) -> usize {
        let limit = hay.len().min(from.saturating_add(max));
        if !(self.from..=self.to).contains(&from) {
            *self = Reach {
                from,
                to: from.min(limit),
                ended: false,
            };
        }
        if self.ended || self.to >= limit {
            return self.to.min(limit);
        }
        let end = run(hay, self.to, limit - self.to, class);
        self.to = end;
        self.ended = end < limit || end == hay.len();
        end
    }
}

/// Where the next occurrence of a text is, remembered: asking about a later span reads
/// nothing that was searched before (one search to the end serves every start before what
/// it found).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Next {
    needle: &'static [u8],
    /// The needle is nowhere in `hay[from..]` before `at`, and starts at `at` (or `at` is
    /// the end).
    known: Option<(usize, usize)>,
}

impl Next {
    pub(crate) fn new(needle: &'static [u8]) -> Next {
        Next {
            needle,
            known: None,
        }
    }

    /// Where the first occurrence at or after `start` starts, if there is one. Ask with
    /// starts that do not go back.
    #[inline]
    pub(crate) fn find(&mut self, hay: &[u8], start: usize) -> Option<usize> {
        let at = match self.known {
            Some((from, at)) if from <= start && start <= at => at,
            _ => {
                let rest = hay.get(start..).unwrap_or_default();
                let at = memchr::memmem::find(rest, self.needle)
                    .map_or(hay.len().max(start), |i| start + i);
                self.known = Some((start, at));
                at
            }
        };
        (at < hay.len()).then_some(at)
    }

    /// Whether `hay[start..end]` holds the needle whole.
    #[inline]
    pub(crate) fn within(&mut self, hay: &[u8], start: usize, end: usize) -> bool {
        self.find(hay, start)
            .is_some_and(|at| at + self.needle.len() <= end)
    }
}

/// The start of the run of `class` bytes ending at `to`, reading at most `max` bytes back.
#[inline]
pub(super) fn run_back(hay: &[u8], to: usize, max: usize, class: impl Fn(u8) -> bool) -> usize {
    let to = to.min(hay.len());
    let limit = to.saturating_sub(max);
    let mut i = to;
    while i > limit && class(hay[i - 1]) {
        i -= 1;
    }
    i
}

/// Whether a value is already a mask or a placeholder rather than a secret:
/// `[REDACTED]`, `[EMAIL]`, `[EMAIL:3f9a1c2e]`, `****`, `${VAR}`, `{{ var }}`, `<password>`.
pub(super) fn is_placeholder(value: &[u8]) -> bool {
    is_placeholder_or(value, is_partial_mask)
}

/// [`is_placeholder`], with `partial_mask` asked last in place of [`is_partial_mask`]: a
/// scan that knows a value holds no `*` answers for it without reading the value.
pub(super) fn is_placeholder_or(value: &[u8], partial_mask: impl FnOnce(&[u8]) -> bool) -> bool {
    match value {
        [] => true,
        [b'$', b'{', ..] | [b'$', b'(', ..] | [b'{', b'{', ..] | [b'%', b'(', ..] => true,
        [b'<', .., b'>'] => true,
        _ if value.iter().all(|&b| b == b'*') => true,
        _ if value.len() >= 3 && value.iter().all(|&b| b == b'x' || b == b'X' || b == b'.') => true,
        _ => mask_token_len(value, 0) == Some(value.len()) || partial_mask(value),
    }
}

/// Whether a value is a partial mask this sanitizer wrote, so that a second pass leaves it
/// alone: a token's public prefix and `****` (`AKIA****`, `sk-proj-****`), a number with its
/// digits starred but the last few (`(***) ***-**78`, `**** **** **** 1111`, `DE** **** …`),
/// an IP address with starred groups (`10.*.*.*`), or an email with a starred local part.
pub(super) fn is_partial_mask(value: &[u8]) -> bool {
    if let Some(prefix) = value.strip_suffix(b"****") {
        return prefix.is_empty() || prefixed::is_public_prefix(prefix);
    }
    // Each test below reads no more of a long value than it must: the scan asks about
    // every value it meets, and values overlap (`token=[token=[…`).
    if memchr::memchr(b'*', value).is_none() {
        return false;
    }
    let number = value.iter().enumerate().all(|(i, &b)| {
        b == b'*'
            || b.is_ascii_digit()
            || b" ()+-.:".contains(&b)
            || (i < 2 && b.is_ascii_uppercase())
    });
    if number {
        // Starred numbers keep at most four digits of at least nine (a phone keeps two of
        // ten); anything less starred is a value that happens to hold a `*`, and stays a
        // secret.
        let stars = value.iter().filter(|&&b| b == b'*').count();
        let digits = value.iter().filter(|b| b.is_ascii_digit()).count();
        let starred = stars >= 5 && stars > digits;
        let ip = value.ends_with(b".*") || value.ends_with(b":*");
        if starred || ip {
            return true;
        }
    }
    // An email with a starred local part.
    memchr::memmem::find(value, b"***@").is_some()
}

/// The length of the mask token (`[KIND]` or `[KIND:hex8]`) starting at `hay[at]`, if one does.
pub(super) fn mask_token_len(hay: &[u8], at: usize) -> Option<usize> {
    if byte(hay, at) != b'[' {
        return None;
    }
    let name_end = run(hay, at + 1, 64, |b| {
        b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_'
    });
    if name_end == at + 1 || !byte(hay, at + 1).is_ascii_uppercase() {
        return None;
    }
    match byte(hay, name_end) {
        b']' => Some(name_end + 1 - at),
        b':' => {
            let hex_end = run(hay, name_end + 1, 8, |b| {
                b.is_ascii_digit() || (b'a'..=b'f').contains(&b)
            });
            (hex_end == name_end + 9 && byte(hay, hex_end) == b']').then(|| hex_end + 1 - at)
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mask_tokens() {
        assert_eq!(mask_token_len(b"[REDACTED]", 0), Some(10));
        assert_eq!(mask_token_len(b"x [EMAIL:3f9a1c2e] y", 2), Some(16));
        assert_eq!(mask_token_len(b"[EMAIL:3f9a1c2]", 0), None);
        assert_eq!(mask_token_len(b"[email]", 0), None);
        assert_eq!(mask_token_len(b"[", 0), None);
    }

    #[test]
    fn placeholders() {
        for p in [
            "",
            "****",
            "${DB_PASSWORD}",
            "{{ secret }}",
            "<password>",
            "[PASSWORD]",
            "xxxxxx",
            "...",
        ] {
            assert!(is_placeholder(p.as_bytes()), "{p}");
        }
        for p in [
            "AKIA****",
            "sk-proj-****",
            "(***) ***-**78",
            "**** **** **** 1111",
            "10.*.*.*",
            "2001:*",
            "j***@example.com",
            "DE** **** **30 00",
        ] {
            assert!(is_placeholder(p.as_bytes()), "{p}");
        }
        for v in [
            "hunter2",
            "[not a mask]",
            "s3cr3t!",
            "<unterminated",
            "hunter***2",
            "pass****",
            "a*b",
            "12*",
        ] {
            assert!(!is_placeholder(v.as_bytes()), "{v}");
        }
    }

    proptest::proptest! {
        #[test]
        fn a_remembered_run_ends_where_a_fresh_one_does(
            hay in proptest::collection::vec(proptest::sample::select(&b"ab-"[..]), 0..120),
            asks in proptest::collection::vec((0..8usize, 0..40usize), 1..40),
        ) {
            // Starts that move forward by small steps (and sometimes far past the end).
            let class = |b: u8| b != b'-';
            let mut reach = Reach::default();
            let mut from = 0;
            for (step, max) in asks {
                from += step * step;
                proptest::prop_assert_eq!(
                    reach.run(&hay, from, max, class),
                    run(&hay, from, max, class)
                );
            }
        }
    }

    #[test]
    fn a_remembered_search_answers_as_a_fresh_one() {
        let hay = b"ab*cd**e-f*--*";
        for needle in [&b"*"[..], b"**", b"-*"] {
            let mut next = Next::new(needle);
            for start in 0..=hay.len() {
                for end in start..=hay.len() {
                    let fresh = memchr::memmem::find(&hay[start..end], needle).is_some();
                    assert_eq!(next.within(hay, start, end), fresh, "{start}..{end}");
                }
            }
        }
    }

    #[test]
    fn runs_stay_in_bounds() {
        assert_eq!(run(b"abc", 5, 10, |_| true), 3);
        assert_eq!(run(b"abc", 0, 2, |_| true), 2);
        assert_eq!(run_back(b"abc", 9, 10, |_| true), 0);
        assert_eq!(run_back(b"abc", 3, 1, |_| true), 2);
    }
}
