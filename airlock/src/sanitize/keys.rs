//! Which names hold secrets: `password`, `client_secret`, `X-Api-Key`, `AWS_SECRET_ACCESS_KEY`.
//!
//! Names are compared normalized: lowercase letters and digits only, so `api_key`, `apiKey`,
//! `API-KEY` and `x-api-key` all end in `apikey`.

/// What a name says about the value assigned to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum KeyClass {
    /// Nothing: the value is scanned like any text.
    Plain,
    /// A secret whatever it looks like (`password`, `token`, `api_key`, `client_secret`).
    Secret,
    /// An AWS secret access key.
    AwsSecret,
    /// An HTTP `Authorization` header: a scheme, then a credential.
    Authorization,
    /// Credential-like (`signing_salt`, `webhook_key`, `basic_auth`): a secret if it looks random.
    Credential,
}

/// The longest name considered; longer ones are not names but prose or data.
pub(crate) const MAX_KEY: usize = 64;

/// Suffixes of names whose values are secrets whatever they look like.
const SECRET_SUFFIXES: &[&[u8]] = &[
    b"password",
    b"passwd",
    b"passphrase",
    b"passcode",
    b"pwd",
    b"secret",
    b"secretkey",
    b"token",
    b"apikey",
    b"accesskey",
    b"privatekey",
    b"signingkey",
    b"encryptionkey",
    b"masterkey",
    b"sessionkey",
    b"credential",
    b"credentials",
    b"clientkey",
];

/// Whole names that are secrets.
const SECRET_NAMES: &[&[u8]] = &[b"auth", b"pass", b"pw"];

/// Names ending like a secret that are not: pagination cursors and shell variables.
const NOT_SECRETS: &[&[u8]] = &[
    b"pwd",
    b"oldpwd",
    b"pagetoken",
    b"nextpagetoken",
    b"nexttoken",
    b"continuationtoken",
    b"synctoken",
    b"cursortoken",
    b"resumetoken",
];

/// Suffixes of credential-like names whose values are secrets only if they look random.
const CREDENTIAL_SUFFIXES: &[&[u8]] = &[
    b"key",
    b"keys",
    b"auth",
    b"signature",
    b"sig",
    b"hmac",
    b"salt",
    b"cred",
    b"creds",
    b"seed",
];

/// Lowercase letters and digits of `key`.
pub(crate) fn normalize(key: &[u8]) -> Vec<u8> {
    key.iter()
        .filter(|b| b.is_ascii_alphanumeric())
        .map(u8::to_ascii_lowercase)
        .collect()
}

/// Normalizes `key` into `buf`, returning the normalized length (0 when longer than the buffer).
pub(crate) fn normalize_into(key: &[u8], buf: &mut [u8; MAX_KEY]) -> usize {
    let mut n = 0;
    for &b in key {
        if b.is_ascii_alphanumeric() {
            if n == MAX_KEY {
                return 0;
            }
            buf[n] = b.to_ascii_lowercase();
            n += 1;
        }
    }
    n
}

/// The last three letters of every secret, credential and authorization name of three or
/// more characters: a name ending otherwise needs no closer look.
const ENDINGS: [&[u8; 3]; 21] = [
    b"ord", b"swd", b"ase", b"ode", b"pwd", b"ret", b"key", b"ken", b"ial", b"als", b"uth", b"ass",
    b"eys", b"ure", b"sig", b"mac", b"alt", b"red", b"eds", b"eed", b"ion",
];

/// [`ENDINGS`] as a bit table indexed by the low five bits of each letter (any case).
static ENDING_TABLE: [u64; 512] = {
    let mut table = [0u64; 512];
    let mut i = 0;
    while i < ENDINGS.len() {
        let [a, b, c] = *ENDINGS[i];
        let index = ending_index(a, b, c);
        table[index / 64] |= 1 << (index % 64);
        i += 1;
    }
    table
};

const fn ending_index(a: u8, b: u8, c: u8) -> usize {
    ((a as usize & 31) << 10) | ((b as usize & 31) << 5) | (c as usize & 31)
}

/// Whether a name ending in these three characters may be more than plain.
#[inline]
pub(crate) fn ending_may_be_sensitive(tail: [u8; 3]) -> bool {
    let [a, b, c] = tail;
    // The table folds case; it would also fold digits onto letters, and no ending has one.
    if !(a.is_ascii_alphabetic() && b.is_ascii_alphabetic() && c.is_ascii_alphabetic()) {
        return false;
    }
    let index = ending_index(a, b, c);
    ENDING_TABLE[index / 64] & (1 << (index % 64)) != 0
}

/// Whether a raw name (`api_key`, `X-Api-Key`) may be more than plain, judged by its ending.
pub(crate) fn may_be_sensitive(raw: &[u8]) -> bool {
    let mut tail = raw.iter().rev().filter(|b| b.is_ascii_alphanumeric());
    match (tail.next(), tail.next(), tail.next()) {
        (Some(&c), Some(&b), Some(&a)) => ending_may_be_sensitive([a, b, c]),
        // Two characters or fewer: only `pw` is a secret's name.
        (Some(&c), Some(&b), None) => [b, c].eq_ignore_ascii_case(b"pw"),
        _ => false,
    }
}

/// What a normalized name says about its value. `extra` holds user-added normalized names.
pub(crate) fn classify(name: &[u8], extra: &[Vec<u8>]) -> KeyClass {
    // Every class below ends in one of these letters (or is a user's name): a quick way out.
    let last = name.last().copied().unwrap_or(0);
    if !matches!(
        last,
        b'd' | b'e' | b'h' | b'l' | b'n' | b'g' | b'c' | b'y' | b's' | b't' | b'w'
    ) && extra.is_empty()
    {
        return KeyClass::Plain;
    }
    if extra.iter().any(|k| k.as_slice() == name) {
        return KeyClass::Secret;
    }
    if name == b"authorization" || name == b"proxyauthorization" {
        return KeyClass::Authorization;
    }
    if name.ends_with(b"secretaccesskey")
        || name.ends_with(b"awssecret")
        || name.ends_with(b"awssecretkey")
    {
        return KeyClass::AwsSecret;
    }
    if NOT_SECRETS.contains(&name) {
        return KeyClass::Plain;
    }
    if SECRET_NAMES.contains(&name) || SECRET_SUFFIXES.iter().any(|s| name.ends_with(s)) {
        return KeyClass::Secret;
    }
    if CREDENTIAL_SUFFIXES.iter().any(|s| name.ends_with(s)) {
        return KeyClass::Credential;
    }
    KeyClass::Plain
}

/// What a raw name (`db_password`, `X-Api-Key`) says about its value: [`classify`] of its
/// normalized form. `extra` holds user-added normalized names.
pub(crate) fn classify_raw(raw: &[u8], extra: &[Vec<u8>]) -> KeyClass {
    let mut buf = [0u8; MAX_KEY];
    match normalize_into(raw, &mut buf) {
        // Empty or longer than the buffer: the general path (no allocation when empty).
        0 => classify(&normalize(raw), extra),
        n => classify(&buf[..n], extra),
    }
}

/// The class of a value under the raw name `name` (a JSON object's key, a struct's field)
/// inside a value of class `parent`; `None` for a key that is not text (a number), which
/// names nothing. Everything under a secret's name is secret (`"credentials": {"user": …}`);
/// a credential-like name says nothing about what is nested under it.
pub(crate) fn nested(parent: KeyClass, name: Option<&[u8]>, extra: &[Vec<u8>]) -> KeyClass {
    match (parent, name) {
        (KeyClass::Secret | KeyClass::AwsSecret | KeyClass::Authorization, _) => KeyClass::Secret,
        (_, Some(name)) => classify_raw(name, extra),
        (_, None) => KeyClass::Plain,
    }
}

/// Whether a value looks like a random credential rather than a word, an id or a digest:
/// 16–512 characters without spaces, letters and digits mixed, high Shannon entropy, and
/// not a UUID, a hex digest or a git SHA.
pub(crate) fn looks_random(value: &[u8]) -> bool {
    if !(16..=512).contains(&value.len())
        || value
            .iter()
            .any(|b| b.is_ascii_whitespace() || !b.is_ascii_graphic())
    {
        return false;
    }
    let digits = value.iter().filter(|b| b.is_ascii_digit()).count();
    let letters = value.iter().filter(|b| b.is_ascii_alphabetic()).count();
    if digits == 0 || letters == 0 {
        return false;
    }
    if value.iter().all(|b| b.is_ascii_hexdigit() || *b == b'-') {
        // UUIDs, digests and SHAs are identifiers.
        return false;
    }
    // Words joined by separators (`user_2026_profile`) are names: random text mixes cases,
    // or switches between letters and digits again and again.
    let mixed_case =
        value.iter().any(u8::is_ascii_uppercase) && value.iter().any(u8::is_ascii_lowercase);
    let switches = value
        .windows(2)
        .filter(|w| {
            w[0].is_ascii_digit() != w[1].is_ascii_digit()
                && w[0].is_ascii_alphanumeric()
                && w[1].is_ascii_alphanumeric()
        })
        .count();
    if !mixed_case && switches < 4 {
        return false;
    }
    let mut counts = [0u32; 256];
    for &b in value {
        counts[usize::from(b)] += 1;
    }
    let n = value.len() as f64;
    let entropy: f64 = counts
        .iter()
        .filter(|&&c| c > 0)
        .map(|&c| {
            let p = f64::from(c) / n;
            -p * p.log2()
        })
        .sum();
    // Random base62 of length 16 has about 3.8 bits per character; words have under 3.
    entropy >= 3.3
}

#[cfg(test)]
mod tests {
    use super::*;

    fn class(name: &str) -> KeyClass {
        classify(&normalize(name.as_bytes()), &[])
    }

    #[test]
    fn secret_names() {
        for name in [
            "password",
            "DB_PASSWORD",
            "passwd",
            "client_secret",
            "apiKey",
            "X-Api-Key",
            "access_token",
            "id_token",
            "refresh-token",
            "GITHUB_TOKEN",
            "private_key",
            "auth",
            "credentials",
            "csrf_token",
            "signing_key",
        ] {
            assert_eq!(class(name), KeyClass::Secret, "{name}");
        }
        assert_eq!(class("Authorization"), KeyClass::Authorization);
        assert_eq!(class("AWS_SECRET_ACCESS_KEY"), KeyClass::AwsSecret);
        assert_eq!(class("aws_secret"), KeyClass::AwsSecret);
    }

    #[test]
    fn plain_and_credential_names() {
        for name in [
            "PWD",
            "OLDPWD",
            "next_page_token",
            "nextToken",
            "max_tokens",
            "token_count",
            "password_min_length",
            "tokenizer",
            "secret_name",
            "author",
            "name",
            "passwordless",
        ] {
            assert_eq!(class(name), KeyClass::Plain, "{name}");
        }
        for name in [
            "webhook_key",
            "primary_key",
            "basic_auth",
            "signature",
            "key",
            "salt",
        ] {
            assert_eq!(class(name), KeyClass::Credential, "{name}");
        }
        assert_eq!(classify(b"ticket", &[b"ticket".to_vec()]), KeyClass::Secret);
    }

    #[test]
    fn raw_names_classify_as_normalized_ones() {
        let long = format!("{}_password", "x".repeat(80));
        for name in [
            "DB_PASSWORD",
            "X-Api-Key",
            "--",
            "",
            "status",
            long.as_str(),
        ] {
            assert_eq!(classify_raw(name.as_bytes(), &[]), class(name), "{name}");
        }
        let extra = [b"ticket".to_vec()];
        assert_eq!(classify_raw(b"X_Ticket", &extra), KeyClass::Plain);
        assert_eq!(classify_raw(b"Ticket", &extra), KeyClass::Secret);
    }

    #[test]
    fn nesting_keeps_secrets_secret() {
        let plain = KeyClass::Plain;
        assert_eq!(nested(plain, Some(b"user"), &[]), KeyClass::Plain);
        assert_eq!(nested(plain, Some(b"api_key"), &[]), KeyClass::Secret);
        assert_eq!(nested(plain, None, &[]), KeyClass::Plain);
        for parent in [
            KeyClass::Secret,
            KeyClass::AwsSecret,
            KeyClass::Authorization,
        ] {
            assert_eq!(nested(parent, Some(b"user"), &[]), KeyClass::Secret);
            assert_eq!(nested(parent, None, &[]), KeyClass::Secret);
        }
        assert_eq!(
            nested(KeyClass::Credential, Some(b"user"), &[]),
            KeyClass::Plain
        );
    }

    #[test]
    fn randomness() {
        assert!(looks_random(b"q7Xv2LmP9sKd4TzR8wYb"));
        assert!(looks_random(b"Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MA=="));
        for v in [
            &b"550e8400-e29b-41d4-a716-446655440000"[..],
            b"da39a3ee5e6b4b0d3255bfef95601890afd80709",
            b"created_at_timestamp",
            b"aaaaaaaaaaaaaaaa1111",
            b"short1",
            b"user_2026_profile",
        ] {
            assert!(!looks_random(v), "{}", String::from_utf8_lossy(v));
        }
    }
}

#[cfg(test)]
mod endings {
    use super::*;

    /// Every name `classify` does not call plain must pass the ending filter.
    #[test]
    fn filter_keeps_every_sensitive_name() {
        let others: [&[u8]; 4] = [
            b"authorization",
            b"proxyauthorization",
            b"awssecret",
            b"awssecretkey",
        ];
        let names = SECRET_SUFFIXES
            .iter()
            .chain(SECRET_NAMES)
            .chain(CREDENTIAL_SUFFIXES)
            .chain(others.iter());
        for name in names {
            let plain = classify(name, &[]) == KeyClass::Plain;
            assert_eq!(
                plain,
                NOT_SECRETS.contains(name),
                "{}",
                String::from_utf8_lossy(name)
            );
            assert!(may_be_sensitive(name), "{}", String::from_utf8_lossy(name));
        }
        assert!(!may_be_sensitive(b"status") && !may_be_sensitive(b"x"));
        assert!(
            may_be_sensitive(b"PW")
                && !may_be_sensitive(b"id")
                && !may_be_sensitive(b"password_min_length")
        );
    }
}
