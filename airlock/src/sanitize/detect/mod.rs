//! The built-in detectors. Each confirms a candidate around one trigger position with
//! bounded look-around, so the whole scan stays linear in the input.

pub(crate) mod assign;
pub(crate) mod element;
pub(super) mod email;
pub(super) mod iban;
pub(super) mod ipv6;
pub(super) mod numeric;
pub(crate) mod pair;
pub(super) mod pem;
pub(super) mod prefixed;
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
        | Kind::TwilioKey => 90,
        Kind::Jwt => 85,
        Kind::AwsSecretAccessKey => 82,
        Kind::ConnectionString => 80,
        Kind::BearerToken => 75,
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
    match value {
        [] => true,
        [b'$', b'{', ..] | [b'$', b'(', ..] | [b'{', b'{', ..] | [b'%', b'(', ..] => true,
        [b'<', .., b'>'] => true,
        _ if value.iter().all(|&b| b == b'*') => true,
        _ if value.len() >= 3 && value.iter().all(|&b| b == b'x' || b == b'X' || b == b'.') => true,
        _ => mask_token_len(value, 0) == Some(value.len()) || is_partial_mask(value),
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
    let stars = value.iter().filter(|&&b| b == b'*').count();
    if stars == 0 {
        return false;
    }
    let number = value.iter().enumerate().all(|(i, &b)| {
        b == b'*'
            || b.is_ascii_digit()
            || b" ()+-.:".contains(&b)
            || (i < 2 && b.is_ascii_uppercase())
    });
    // Starred numbers keep at most four digits of at least nine (a phone keeps two of ten);
    // anything less starred is a value that happens to hold a `*`, and stays a secret.
    let digits = value.iter().filter(|b| b.is_ascii_digit()).count();
    let starred = stars >= 5 && stars > digits;
    let ip = value.ends_with(b".*") || value.ends_with(b":*");
    let email = value.windows(4).any(|w| w == b"***@");
    (number && (starred || ip)) || email
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

    #[test]
    fn runs_stay_in_bounds() {
        assert_eq!(run(b"abc", 5, 10, |_| true), 3);
        assert_eq!(run(b"abc", 0, 2, |_| true), 2);
        assert_eq!(run_back(b"abc", 9, 10, |_| true), 0);
        assert_eq!(run_back(b"abc", 3, 1, |_| true), 2);
    }
}
