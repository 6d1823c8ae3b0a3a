//! How a finding is rewritten: the [`Strategy`] and the rendering of each mask.

use std::fmt;
use std::str::FromStr;

use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;
use zeroize::{Zeroize, Zeroizing};

use super::SanitizerBuilder;
use super::kind::Kind;

/// How the sanitizer rewrites what it found.
///
/// | strategy | an email becomes | a card becomes | a GitHub token becomes |
/// |---|---|---|---|
/// | `Full` | `[REDACTED]` | `[REDACTED]` | `[REDACTED]` |
/// | `Partial` | `j***@example.com` | `**** **** **** 1111` | `ghp_****` |
/// | `TypeOnly` | `[EMAIL]` | `[CREDIT_CARD]` | `[GITHUB_TOKEN]` |
/// | `KeyedHash` | `[EMAIL:3f9a1c2e]` | `[CREDIT_CARD:0b7d44e1]` | `[GITHUB_TOKEN:9c1e07aa]` |
///
/// `Partial` never shows more than a secret's public prefix, nor more than the last four
/// digits of a card. `KeyedHash` is an HMAC-SHA-256 under a key of the sanitizer's: the
/// same value gets the same pseudonym within a sanitizer, and nobody without the key can
/// test a guess against it (unlike a plain hash of a phone number, which a brute force
/// over all phone numbers reverses).
///
/// ```rust
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// use airlock::sanitize::{Sanitizer, Strategy};
///
/// let s = Sanitizer::builder().strategy(Strategy::Partial).build()?;
/// assert_eq!(s.sanitize("mail jane@example.com").text, "mail j***@example.com");
/// assert_eq!("type".parse::<Strategy>()?, Strategy::TypeOnly);
/// # Ok(())
/// # }
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Strategy {
    /// Replace with `[REDACTED]`.
    Full,
    /// Keep the shape and what is public: an email's first letter and domain, a card's last
    /// four digits, a token's prefix.
    Partial,
    /// Replace with the kind: `[EMAIL]`.
    #[default]
    TypeOnly,
    /// Replace with the kind and a keyed pseudonym: `[EMAIL:3f9a1c2e]`.
    KeyedHash,
}

impl Strategy {
    /// The name accepted by [`FromStr`] and the command line: `full`, `partial`, `type`, `hash`.
    ///
    /// The name parses back to the strategy:
    ///
    /// ```rust
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// use airlock::sanitize::Strategy;
    ///
    /// assert_eq!(Strategy::KeyedHash.name(), "hash");
    /// assert_eq!(Strategy::KeyedHash.name().parse::<Strategy>()?, Strategy::KeyedHash);
    /// assert_eq!("keyed-hash".parse::<Strategy>()?, Strategy::KeyedHash);
    /// # Ok(())
    /// # }
    /// ```
    pub const fn name(self) -> &'static str {
        match self {
            Strategy::Full => "full",
            Strategy::Partial => "partial",
            Strategy::TypeOnly => "type",
            Strategy::KeyedHash => "hash",
        }
    }
}

impl fmt::Display for Strategy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The error of parsing a [`Strategy`] from an unknown name.
///
/// The error names the strategies there are:
///
/// ```rust
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// use airlock::sanitize::Strategy;
///
/// assert_eq!("partial".parse::<Strategy>()?, Strategy::Partial);
/// let err = "blur".parse::<Strategy>().unwrap_err();
/// assert_eq!(err.to_string(), "unknown strategy `blur`: expected one of full, partial, type, hash");
/// # Ok(())
/// # }
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown strategy `{0}`: expected one of full, partial, type, hash")]
pub struct UnknownStrategy(String);

impl FromStr for Strategy {
    type Err = UnknownStrategy;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "full" => Ok(Strategy::Full),
            "partial" => Ok(Strategy::Partial),
            "type" | "type-only" | "type_only" => Ok(Strategy::TypeOnly),
            "hash" | "keyed-hash" | "keyed_hash" => Ok(Strategy::KeyedHash),
            other => Err(UnknownStrategy(other.chars().take(64).collect())),
        }
    }
}

/// The shortest secret [`SanitizerBuilder::hash_key_from_secret`] accepts: 16 bytes.
pub const MIN_HASH_KEY_LEN: usize = 16;

/// The error of [`SanitizerBuilder::hash_key_from_secret`]: the secret is too short to key
/// pseudonyms that nobody can reverse by guessing it. The secret itself is never shown.
///
/// ```
/// use airlock::sanitize::{MIN_HASH_KEY_LEN, Sanitizer};
///
/// let err = Sanitizer::builder().hash_key_from_secret(b"hunter2").unwrap_err();
/// assert_eq!(err.secret_len(), 7);
/// assert_eq!(
///     err.to_string(),
///     format!("a hash key of 7 bytes is too short: use at least {MIN_HASH_KEY_LEN} bytes, such as 32 random ones")
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "a hash key of {len} bytes is too short: use at least {MIN_HASH_KEY_LEN} bytes, such as 32 random ones"
)]
pub struct HashKeyTooShort {
    len: usize,
}

impl HashKeyTooShort {
    /// The length in bytes of the rejected secret.
    pub fn secret_len(&self) -> usize {
        self.len
    }
}

impl SanitizerBuilder {
    /// Keys the pseudonyms of [`Strategy::KeyedHash`] with a secret of any length, so that
    /// they are the same in every process, run and file that uses the same secret: a key
    /// file's contents, a passphrase. Without a key, each sanitizer draws a random one, and
    /// its pseudonyms are stable only within it.
    ///
    /// The 32-byte key is HMAC-SHA-256 of the secret under a fixed label (HKDF's extract
    /// step), so it differs from [`hash_key`](Self::hash_key) given the same bytes. It is
    /// kept in memory that is zeroed when the sanitizer is dropped, and never shown; zero
    /// your copy of the secret yourself.
    ///
    /// ```
    /// use airlock::sanitize::{Sanitizer, Strategy};
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// let secret = b"the key file of the support team"; // e.g. std::fs::read(path)?
    /// let keyed = || -> Result<Sanitizer, Box<dyn std::error::Error>> {
    ///     Ok(Sanitizer::builder()
    ///         .strategy(Strategy::KeyedHash)
    ///         .hash_key_from_secret(secret)?
    ///         .build()?)
    /// };
    /// // Two sanitizers, as in two runs: the same value gets the same pseudonym.
    /// let first = keyed()?.sanitize("from ann@example.org").text.into_owned();
    /// assert_eq!(keyed()?.sanitize("from ann@example.org").text, first);
    /// assert!(first.starts_with("from [EMAIL:"));
    /// # Ok(())
    /// # }
    /// ```
    ///
    /// # Errors
    /// [`HashKeyTooShort`] for a secret shorter than [`MIN_HASH_KEY_LEN`] bytes.
    pub fn hash_key_from_secret(mut self, secret: &[u8]) -> Result<Self, HashKeyTooShort> {
        if secret.len() < MIN_HASH_KEY_LEN {
            return Err(HashKeyTooShort { len: secret.len() });
        }
        self.hash_key = Some(derive_key(secret));
        Ok(self)
    }
}

/// The key of `KeyedHash` for a secret: HMAC-SHA-256(label, secret).
fn derive_key(secret: &[u8]) -> Zeroizing<[u8; 32]> {
    const LABEL: &[u8] = b"airlock sanitize KeyedHash key v1";
    // The label zero-padded to a block, as HMAC pads any shorter key: an infallible `new`.
    let mut label = hmac::digest::Key::<Hmac<Sha256>>::default();
    label[..LABEL.len()].copy_from_slice(LABEL);
    let mut mac = <Hmac<Sha256> as KeyInit>::new(&label);
    mac.update(secret);
    let mut tag = mac.finalize().into_bytes();
    let mut key = Zeroizing::new([0u8; 32]);
    key.copy_from_slice(&tag);
    let tag: &mut [u8] = &mut tag;
    tag.zeroize();
    key
}

/// The text every `Full` mask is.
pub(crate) const REDACTED: &[u8] = b"[REDACTED]";

/// What a partial mask keeps of a secret: its public prefix, then this.
const STARS: &[u8] = b"****";

/// Writes the mask of `matched` (a finding of `kind`) to `out`.
///
/// `prefix` is the length of the public prefix a detector found (`ghp_`, `sk-proj-`), which
/// `Partial` keeps.
pub(crate) fn render(
    strategy: Strategy,
    kind: &Kind,
    matched: &[u8],
    prefix: usize,
    hash_key: &[u8; 32],
    out: &mut Vec<u8>,
) {
    match strategy {
        Strategy::Full => out.extend_from_slice(REDACTED),
        Strategy::TypeOnly => {
            out.push(b'[');
            kind.write_label(out);
            out.push(b']');
        }
        Strategy::KeyedHash => {
            out.push(b'[');
            kind.write_label(out);
            out.push(b':');
            out.extend_from_slice(&pseudonym(hash_key, kind, matched));
            out.push(b']');
        }
        Strategy::Partial => partial(kind, matched, prefix, out),
    }
}

/// Eight lowercase hex digits of HMAC-SHA-256(key, kind ‖ 0 ‖ value).
fn pseudonym(key: &[u8; 32], kind: &Kind, value: &[u8]) -> [u8; 8] {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    // A 32-byte key is always a valid HMAC key; the fallback is unreachable but keeps this total.
    let Ok(mut mac) = <Hmac<Sha256> as KeyInit>::new_from_slice(key) else {
        return *b"00000000";
    };
    mac.update(kind.name().as_bytes());
    mac.update(&[0]);
    mac.update(value);
    let tag = mac.finalize().into_bytes();
    let mut hex = [0u8; 8];
    for (i, byte) in tag.iter().take(4).enumerate() {
        hex[2 * i] = HEX[usize::from(byte >> 4)];
        hex[2 * i + 1] = HEX[usize::from(byte & 0x0f)];
    }
    hex
}

fn partial(kind: &Kind, matched: &[u8], prefix: usize, out: &mut Vec<u8>) {
    match kind {
        Kind::Email => {
            // First character of the local part, then the domain.
            match memchr::memrchr(b'@', matched) {
                Some(at) if at > 0 => {
                    out.push(matched[0]);
                    out.extend_from_slice(b"***");
                    out.extend_from_slice(&matched[at..]);
                }
                _ => out.extend_from_slice(STARS),
            }
        }
        Kind::Phone => keep_last_digits(matched, 2, out),
        Kind::Ssn | Kind::CreditCard => keep_last_digits(matched, 4, out),
        Kind::IpAddress => {
            // The first group: enough to tell a private range from a public one.
            let sep = if matched.contains(&b':') { b':' } else { b'.' };
            let first = matched
                .iter()
                .position(|&b| b == sep)
                .unwrap_or(matched.len());
            out.extend_from_slice(&matched[..first]);
            let groups = if sep == b'.' { 3 } else { 1 };
            for _ in 0..groups {
                out.push(sep);
                out.push(b'*');
            }
        }
        Kind::Iban => {
            let alnum = matched.iter().filter(|b| b.is_ascii_alphanumeric()).count();
            let mut seen = 0;
            for &b in matched {
                if b.is_ascii_alphanumeric() {
                    seen += 1;
                    out.push(if seen <= 2 || seen + 4 > alnum {
                        b
                    } else {
                        b'*'
                    });
                } else {
                    out.push(b);
                }
            }
        }
        Kind::PrivateKey => match pem_label(matched) {
            Some(label) => {
                out.extend_from_slice(b"-----BEGIN ");
                out.extend_from_slice(label);
                out.extend_from_slice(b"-----\n****\n-----END ");
                out.extend_from_slice(label);
                out.extend_from_slice(b"-----");
            }
            None => out.extend_from_slice(STARS),
        },
        _ => {
            out.extend_from_slice(&matched[..prefix.min(matched.len())]);
            out.extend_from_slice(STARS);
        }
    }
}

/// The label of a PEM block: `RSA PRIVATE KEY` in `-----BEGIN RSA PRIVATE KEY-----`.
fn pem_label(block: &[u8]) -> Option<&[u8]> {
    let rest = block.strip_prefix(b"-----BEGIN ")?;
    let end = memchr::memmem::find(rest, b"-----")?;
    Some(&rest[..end])
}

/// Replaces every digit but the last `keep` with `*`, keeping separators.
fn keep_last_digits(matched: &[u8], keep: usize, out: &mut Vec<u8>) {
    let digits = matched.iter().filter(|b| b.is_ascii_digit()).count();
    let mut seen = 0;
    for &b in matched {
        if b.is_ascii_digit() {
            seen += 1;
            out.push(if seen + keep > digits { b } else { b'*' });
        } else {
            out.push(b);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn masked(strategy: Strategy, kind: Kind, matched: &str, prefix: usize) -> String {
        let mut out = Vec::new();
        render(
            strategy,
            &kind,
            matched.as_bytes(),
            prefix,
            &[7; 32],
            &mut out,
        );
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn partial_keeps_only_what_is_public() {
        assert_eq!(
            masked(Strategy::Partial, Kind::Email, "jane@example.com", 0),
            "j***@example.com"
        );
        assert_eq!(
            masked(
                Strategy::Partial,
                Kind::CreditCard,
                "4111 1111 1111 1111",
                0
            ),
            "**** **** **** 1111"
        );
        assert_eq!(
            masked(Strategy::Partial, Kind::Ssn, "123-45-6789", 0),
            "***-**-6789"
        );
        assert_eq!(
            masked(Strategy::Partial, Kind::Phone, "(555) 234-5678", 0),
            "(***) ***-**78"
        );
        assert_eq!(
            masked(Strategy::Partial, Kind::IpAddress, "192.168.1.20", 0),
            "192.*.*.*"
        );
        assert_eq!(
            masked(Strategy::Partial, Kind::IpAddress, "2001:db8::1", 0),
            "2001:*"
        );
        assert_eq!(
            masked(
                Strategy::Partial,
                Kind::Iban,
                "DE89 3704 0044 0532 0130 00",
                0
            ),
            "DE** **** **** **** **30 00"
        );
        assert_eq!(
            masked(Strategy::Partial, Kind::OpenaiApiKey, "sk-proj-abcdef", 8),
            "sk-proj-****"
        );
        assert_eq!(
            masked(Strategy::Partial, Kind::Password, "hunter2", 0),
            "****"
        );
        assert_eq!(
            masked(
                Strategy::Partial,
                Kind::PrivateKey,
                "-----BEGIN EC PRIVATE KEY-----\nMHcC\n-----END EC PRIVATE KEY-----",
                0
            ),
            "-----BEGIN EC PRIVATE KEY-----\n****\n-----END EC PRIVATE KEY-----"
        );
    }

    #[test]
    fn type_only_and_full() {
        assert_eq!(
            masked(Strategy::TypeOnly, Kind::GithubToken, "ghp_x", 4),
            "[GITHUB_TOKEN]"
        );
        assert_eq!(
            masked(Strategy::Full, Kind::Email, "a@b.co", 0),
            "[REDACTED]"
        );
    }

    #[test]
    fn keyed_hash_is_stable_per_key_and_differs_across_keys() {
        let a = masked(Strategy::KeyedHash, Kind::Phone, "555-234-5678", 0);
        let b = masked(Strategy::KeyedHash, Kind::Phone, "555-234-5678", 0);
        let c = masked(Strategy::KeyedHash, Kind::Phone, "555-234-5679", 0);
        assert_eq!(a, b);
        assert_ne!(a, c);
        assert!(
            a.starts_with("[PHONE:") && a.len() == "[PHONE:]".len() + 8,
            "{a}"
        );
        let mut other = Vec::new();
        render(
            Strategy::KeyedHash,
            &Kind::Phone,
            b"555-234-5678",
            0,
            &[8; 32],
            &mut other,
        );
        assert_ne!(a.as_bytes(), other.as_slice());
    }

    #[test]
    fn a_secret_keys_the_same_pseudonyms_in_every_sanitizer_and_version() {
        let keyed = |secret: &[u8]| {
            super::super::Sanitizer::builder()
                .strategy(Strategy::KeyedHash)
                .hash_key_from_secret(secret)
                .unwrap()
                .build()
                .unwrap()
        };
        let secret = b"0123456789abcdef0123456789abcdef";
        let text = keyed(secret).sanitize("ann@example.org").text.into_owned();
        // Pinned (HMAC-SHA-256 twice, checked with Python's hmac): a change of derivation
        // would change every pseudonym users have stored.
        assert_eq!(text, "[EMAIL:eb8da9c3]");
        assert_eq!(keyed(secret).sanitize("ann@example.org").text, text);
        assert_ne!(
            keyed(b"0123456789abcdef0123456789abcdeF")
                .sanitize("ann@example.org")
                .text,
            text
        );
        let mut raw = Vec::new();
        render(
            Strategy::KeyedHash,
            &Kind::Email,
            b"ann@example.org",
            0,
            secret,
            &mut raw,
        );
        assert_ne!(
            raw,
            text.as_bytes(),
            "the secret is not used as the key as is"
        );
    }

    #[test]
    fn a_short_secret_is_refused_without_being_shown() {
        let err = super::super::Sanitizer::builder()
            .hash_key_from_secret(b"fifteen-bytes!!")
            .unwrap_err();
        assert_eq!(err, HashKeyTooShort { len: 15 });
        assert!(!err.to_string().contains("fifteen"), "{err}");
        assert!(
            super::super::Sanitizer::builder()
                .hash_key_from_secret(&[0; 16])
                .is_ok()
        );
    }

    #[test]
    fn strategy_names_round_trip() {
        for s in [
            Strategy::Full,
            Strategy::Partial,
            Strategy::TypeOnly,
            Strategy::KeyedHash,
        ] {
            assert_eq!(s.name().parse::<Strategy>(), Ok(s));
        }
        assert!(
            "redact"
                .parse::<Strategy>()
                .unwrap_err()
                .to_string()
                .contains("full, partial")
        );
    }
}
