//! Which names hold secrets: `password`, `client_secret`, `X-Api-Key`, `AWS_SECRET_ACCESS_KEY`,
//! and the same words with qualifiers after them (`DB_PASSWORD_PROD`, `API_KEY_2`,
//! `SecretString`).
//!
//! A name is read as words: runs of letters or digits, split at separators, at a step from
//! a lowercase letter to a capital (`clientSecret`), before the capital that starts a word
//! after an acronym (`DBPassword`) and between letters and digits (`KEY2`). The part of the
//! name up to the end of a word is compared normalized (lowercase letters and digits only),
//! so `api_key`, `apiKey`, `API-KEY` and `x-api-key` all end in `apikey`.
//!
//! The last credential word of a name decides, among its last three words; the words after
//! it are qualifiers:
//! - none, or only ones that say which copy of the secret it is (`2`, `prod`, `old`,
//!   `value`, `string`, `b64`): the name is a secret's (`DB_PASSWORD_PROD`, `SecretString`);
//! - one that says the value is about the secret rather than the secret (`min`, `length`,
//!   `policy`, `id`, `name`, `url`, `file`, `expires`, …): plain (`password_min_length`,
//!   `token_url`, `DB_PASSWORD_FILE`);
//! - any other word: a [weak](KeyClass::Weak) secret's name (`password_strictness`), whose
//!   value is masked unless it is clearly a setting.
//!
//! The short words `pass` and `pw`, and `PWD` and `OLDPWD` (the shell's working directory),
//! name weak secrets too: `pass: 12` (a test count), `pass: true` and `PWD=/home/ann` stay,
//! `DB_PASS=hunter2` and `Pwd=hunter2;` are masked. `passenger`, `compass` and `bypass` are
//! words of their own, not `pass`.

use super::classes;

/// What a name says about the value assigned to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum KeyClass {
    /// Nothing: the value is scanned like any text.
    Plain,
    /// A secret whatever it looks like (`password`, `token`, `api_key`, `client_secret`).
    Secret,
    /// A secret unless the value is clearly a setting: a number of up to five digits, a
    /// boolean word or a file path ([`is_setting`]). Names that are ambiguous words (`pass`,
    /// `pw`, `PWD`) or a secret's name with an unknown qualifier (`password_strictness`).
    Weak,
    /// An AWS secret access key.
    AwsSecret,
    /// An HTTP `Authorization` header: a scheme, then a credential.
    Authorization,
    /// Credential-like (`signing_salt`, `webhook_key`, `basic_auth`): a secret if it looks random.
    Credential,
}

/// The longest name considered; longer ones are not names but prose or data.
pub(crate) const MAX_KEY: usize = 64;

/// How many words after a credential word may qualify it (`DB_PASSWORD_PROD_2`).
const QUALIFIERS: usize = 2;

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
const SECRET_NAMES: &[&[u8]] = &[b"auth"];

/// Words that name a weak secret (see [`KeyClass::Weak`]) wherever they stand in a name,
/// and whole names that do.
const WEAK_WORDS: &[&[u8]] = &[b"pass", b"pw"];
const WEAK_NAMES: &[&[u8]] = &[b"pwd", b"oldpwd"];

/// Names ending like a secret that are not: pagination cursors.
const NOT_SECRETS: &[&[u8]] = &[
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

/// Qualifiers that leave a secret's name a secret's: which copy, which environment, which
/// encoding of the secret the value is. Sorted, lowercase.
const SAME_SECRET: &[&[u8]] = &[
    b"admin",
    b"alt",
    b"api",
    b"app",
    b"b",
    b"backup",
    b"base",
    b"binary",
    b"blob",
    b"bytes",
    b"content",
    b"curr",
    b"current",
    b"data",
    b"db",
    b"default",
    b"demo",
    b"dev",
    b"development",
    b"enc",
    b"encoded",
    b"encrypted",
    b"hex",
    b"live",
    b"local",
    b"main",
    b"master",
    b"new",
    b"old",
    b"plain",
    b"plaintext",
    b"preprod",
    b"prev",
    b"previous",
    b"primary",
    b"prod",
    b"production",
    b"qa",
    b"raw",
    b"readonly",
    b"ro",
    b"root",
    b"rw",
    b"sandbox",
    b"secondary",
    b"service",
    b"stage",
    b"staging",
    b"str",
    b"string",
    b"svc",
    b"temp",
    b"test",
    b"testing",
    b"text",
    b"tmp",
    b"uat",
    b"user",
    b"v",
    b"val",
    b"value",
];

/// Qualifiers that make the value something about a secret rather than the secret. Sorted,
/// lowercase.
const ABOUT_SECRET: &[&[u8]] = &[
    b"age",
    b"algo",
    b"algorithm",
    b"arn",
    b"at",
    b"attempts",
    b"audience",
    b"changed",
    b"chars",
    b"complexity",
    b"count",
    b"created",
    b"date",
    b"days",
    b"desc",
    b"description",
    b"digits",
    b"dir",
    b"disabled",
    b"duration",
    b"enabled",
    b"encoder",
    b"endpoint",
    b"env",
    b"exp",
    b"expiration",
    b"expire",
    b"expired",
    b"expires",
    b"expiry",
    b"field",
    b"file",
    b"filename",
    b"fingerprint",
    b"format",
    b"generator",
    b"header",
    b"help",
    b"hint",
    b"hints",
    b"history",
    b"host",
    b"hours",
    b"id",
    b"ids",
    b"interval",
    b"issuer",
    b"kind",
    b"label",
    b"last",
    b"len",
    b"length",
    b"lifetime",
    b"limit",
    b"location",
    b"locked",
    b"lockout",
    b"manager",
    b"max",
    b"maximum",
    b"min",
    b"minimum",
    b"minutes",
    b"mode",
    b"modified",
    b"ms",
    b"name",
    b"names",
    b"num",
    b"param",
    b"path",
    b"pattern",
    b"period",
    b"placeholder",
    b"policies",
    b"policy",
    b"port",
    b"prefix",
    b"prompt",
    b"provider",
    b"ref",
    b"regex",
    b"required",
    b"reset",
    b"retries",
    b"rotated",
    b"rotation",
    b"rule",
    b"rules",
    b"scheme",
    b"scope",
    b"scopes",
    b"seconds",
    b"set",
    b"size",
    b"source",
    b"src",
    b"state",
    b"status",
    b"storage",
    b"store",
    b"strength",
    b"thumbprint",
    b"time",
    b"timeout",
    b"timestamp",
    b"ttl",
    b"type",
    b"types",
    b"updated",
    b"uri",
    b"url",
    b"usage",
    b"used",
    b"uuid",
    b"valid",
    b"validation",
    b"validator",
    b"var",
    b"version",
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

/// The last three letters of every secret, credential and weak name of three or more
/// characters: a name none of whose last words ends so needs no closer look.
const ENDINGS: [&[u8; 3]; 20] = [
    b"ord", b"swd", b"ase", b"ode", b"pwd", b"ret", b"key", b"ken", b"ial", b"als", b"uth", b"ass",
    b"eys", b"ure", b"sig", b"mac", b"alt", b"red", b"eds", b"eed",
];

/// Endings that matter in a name's last word only: `authorization` (which takes no
/// qualifier) and `value` (the value field of a name/value pair).
const LAST_ENDINGS: [&[u8; 3]; 2] = [b"ion", b"lue"];

/// [`ENDINGS`] as a bit table indexed by the low five bits of each letter (any case).
static ENDING_TABLE: [u64; 512] = table(&ENDINGS, [0; 512]);

/// [`ENDING_TABLE`] and [`LAST_ENDINGS`].
static LAST_ENDING_TABLE: [u64; 512] = table(&LAST_ENDINGS, ENDING_TABLE);

const fn table(endings: &[&[u8; 3]], mut table: [u64; 512]) -> [u64; 512] {
    let mut i = 0;
    while i < endings.len() {
        let [a, b, c] = *endings[i];
        let index = ending_index(a, b, c);
        table[index / 64] |= 1 << (index % 64);
        i += 1;
    }
    table
}

const fn ending_index(a: u8, b: u8, c: u8) -> usize {
    ((a as usize & 31) << 10) | ((b as usize & 31) << 5) | (c as usize & 31)
}

/// Whether a word ending in these three characters may be more than plain: the name's last
/// word (`last`), or one before it.
#[inline]
fn ending_may_be_sensitive(tail: [u8; 3], last: bool) -> bool {
    let [a, b, c] = tail;
    // The table folds case; it would also fold digits onto letters, and no ending has one.
    if !(a.is_ascii_alphabetic() && b.is_ascii_alphabetic() && c.is_ascii_alphabetic()) {
        return false;
    }
    let index = ending_index(a, b, c);
    let table = if last {
        &LAST_ENDING_TABLE
    } else {
        &ENDING_TABLE
    };
    table[index / 64] & (1 << (index % 64)) != 0
}

/// Whether `b`, the byte before `raw[at]`, starts a new word at `at` (both letters or digits).
#[inline(always)]
fn splits(raw: &[u8], at: usize, end: usize) -> bool {
    let (a, b) = (raw[at - 1], raw[at]);
    a.is_ascii_digit() != b.is_ascii_digit()
        || (a.is_ascii_lowercase() && b.is_ascii_uppercase())
        // `DBPassword`: the capital before a lowercase letter starts a word.
        || (a.is_ascii_uppercase()
            && b.is_ascii_uppercase()
            && at + 1 < end
            && raw[at + 1].is_ascii_lowercase())
}

/// The words of `raw[..end]`, last first, as `(start, end)` spans.
fn words_back(raw: &[u8], end: usize) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut to = end;
    std::iter::from_fn(move || {
        while to > 0 && !raw[to - 1].is_ascii_alphanumeric() {
            to -= 1;
        }
        if to == 0 {
            return None;
        }
        let end = to;
        let mut start = end - 1;
        while start > 0 && raw[start - 1].is_ascii_alphanumeric() && !splits(raw, start, end) {
            start -= 1;
        }
        to = start;
        Some((start, end))
    })
}

/// Whether the name ending at `hay[end]` (read back over name characters, at most
/// [`MAX_KEY`] of them) may be more than plain: [`may_be_sensitive`] of it, reading only its
/// last few words, once.
#[inline]
pub(crate) fn name_may_be_sensitive(hay: &[u8], end: usize) -> bool {
    if let Some(answer) = short_name_may_be_sensitive(hay, end) {
        return answer;
    }
    let floor = end.saturating_sub(MAX_KEY);
    lowercase_name_may_be_sensitive(&hay[floor..end])
        .unwrap_or_else(|| any_name_may_be_sensitive(hay, end))
}

/// [`lowercase_name_may_be_sensitive`] of the name ending at `hay[end]`, read from the
/// sixteen bytes before `end` at once as bitmaps of their classes rather than a byte at a
/// time (most names of tool output are a word or two: `ts`, `request_id`, `duration_ms`);
/// `None` when the answer needs more: a capital where the walk back would read it, or a
/// name whose last three words do not end inside those bytes.
#[inline]
fn short_name_may_be_sensitive(hay: &[u8], end: usize) -> Option<bool> {
    // Bit `i` of each map is the class of `bytes[i]`; bit 15 is the name's last byte. Before
    // the input's start the bytes are zero, which is in no class, as the start is no name.
    let bytes: [u8; 16] = match end.checked_sub(16) {
        Some(from) => hay.get(from..end)?.try_into().ok()?,
        None => {
            let mut padded = [0u8; 16];
            padded[16 - end..].copy_from_slice(hay.get(..end)?);
            padded
        }
    };
    let c = classes::name_bytes(&bytes);
    let (lower, digit) = (u32::from(c.lower), u32::from(c.digit));
    // The walk back stops at the last byte that is no lowercase letter, digit or separator:
    // `barrier`, whose bits are those of the bytes before it and itself.
    let other = !(lower | digit | u32::from(c.sep)) & 0xffff;
    let barrier = match other {
        0 => 0,
        _ => u32::MAX >> other.leading_zeros(),
    };
    // The last byte of each word after it: a run of lowercase letters or of digits.
    let mut ends = ((lower & !(lower >> 1)) | (digit & !(digit >> 1))) & !barrier;
    let upper = u32::from(c.upper);
    for n in 0..=QUALIFIERS {
        if ends == 0 {
            // The walk reads on before these bytes, or to a capital, where a word may start.
            let read_on = other == 0 || upper & (barrier ^ (barrier >> 1)) != 0;
            return if read_on { None } else { Some(false) };
        }
        let j = 31 - ends.leading_zeros() as usize;
        ends &= !(1 << j);
        if lower & 1 << j == 0 {
            continue;
        }
        // The word of letters ending at `j` starts after the last byte before it that is no
        // lowercase letter; without one in these bytes, or with a capital there (which
        // starts the word), the walk decides.
        let before = !lower & ((1 << j) - 1);
        if before == 0 {
            return None;
        }
        let start = 32 - before.leading_zeros() as usize;
        if upper & 1 << (start - 1) != 0 {
            return None;
        }
        let sensitive = match bytes[start..=j] {
            [.., a, b, c] if ending_may_be_sensitive([a, b, c], n == 0) => true,
            [b'p', b'w'] => true,
            [_, b'p', b'w'] => n == 0,
            _ => false,
        };
        if sensitive {
            return Some(true);
        }
    }
    Some(false)
}

/// [`name_may_be_sensitive`] of the name that ends `name`, if it has no capital letter (most
/// names: `request_id`, `ts`, `duration_ms`), where its words end only at `_`, `-`, `.` and
/// digits; `None` for a name with a capital, whose words need [`splits`].
#[inline(always)]
fn lowercase_name_may_be_sensitive(name: &[u8]) -> Option<bool> {
    let mut i = name.len();
    let mut n = 0;
    while n <= QUALIFIERS {
        while i > 0 && matches!(name[i - 1], b'_' | b'-' | b'.') {
            i -= 1;
        }
        let Some(&last) = i.checked_sub(1).and_then(|at| name.get(at)) else {
            return Some(false);
        };
        if last.is_ascii_digit() {
            while i > 0 && name[i - 1].is_ascii_digit() {
                i -= 1;
            }
            n += 1;
            continue;
        }
        if !last.is_ascii_lowercase() {
            return (!last.is_ascii_uppercase()).then_some(false);
        }
        let word_end = i;
        while i > 0 && name[i - 1].is_ascii_lowercase() {
            i -= 1;
        }
        if i > 0 && name[i - 1].is_ascii_uppercase() {
            return None;
        }
        match &name[i..word_end] {
            [.., a, b, c] if ending_may_be_sensitive([*a, *b, *c], n == 0) => return Some(true),
            [b'p', b'w'] => return Some(true),
            [_, b'p', b'w'] if n == 0 => return Some(true),
            _ => {}
        }
        n += 1;
    }
    Some(false)
}

/// [`name_may_be_sensitive`] of any name.
fn any_name_may_be_sensitive(hay: &[u8], end: usize) -> bool {
    let floor = end.saturating_sub(MAX_KEY);
    let mut i = end;
    for n in 0..=QUALIFIERS {
        while i > floor && matches!(hay[i - 1], b'_' | b'-' | b'.') {
            i -= 1;
        }
        if i == floor || !hay[i - 1].is_ascii_alphanumeric() {
            return false;
        }
        let word_end = i;
        if hay[i - 1].is_ascii_digit() {
            // Digits are a word of their own, and no credential word.
            while i > floor && hay[i - 1].is_ascii_digit() {
                i -= 1;
            }
            continue;
        }
        i -= 1;
        // Lowercase letters run on; a capital may start a word.
        loop {
            while i > floor && hay[i - 1].is_ascii_lowercase() && !hay[i].is_ascii_uppercase() {
                i -= 1;
            }
            if i > floor && hay[i - 1].is_ascii_alphabetic() && !splits(hay, i, word_end) {
                i -= 1;
            } else {
                break;
            }
        }
        let word = &hay[i..word_end];
        match word {
            [.., a, b, c] if ending_may_be_sensitive([*a, *b, *c], n == 0) => return true,
            [_, _] if word.eq_ignore_ascii_case(b"pw") => return true,
            // `\npw`, `%0Apw`: the name may be `pw` past an escape (`named` reads it so).
            [_, b'p' | b'P', b'w' | b'W'] if n == 0 => return true,
            // (A property of a secret as the last word, `session_id`, makes the name plain:
            // `classify_raw` says so. Looking it up here costs more than the words before.)
            _ => {}
        }
    }
    false
}

/// Whether a raw name (`api_key`, `X-Api-Key`, `DB_PASSWORD_PROD`) may be more than plain,
/// judged by the endings of its last words: every name [`classify_raw`] does not call plain
/// passes (the user's own sensitive keys aside).
#[cfg(test)]
pub(crate) fn may_be_sensitive(raw: &[u8]) -> bool {
    words_back(raw, raw.len())
        .take(QUALIFIERS + 1)
        .enumerate()
        .any(|(n, (start, end))| match &raw[start..end] {
            [.., a, b, c] => ending_may_be_sensitive([*a, *b, *c], n == 0),
            word => word.eq_ignore_ascii_case(b"pw"),
        })
}

/// What the part of a name up to the end of one of its words says, the words after it
/// aside: `normalized` is that part normalized, `word` its last word.
fn base(normalized: &[u8], word: &[u8], extra: &[Vec<u8>]) -> KeyClass {
    if !extra.is_empty() && extra.iter().any(|k| k.as_slice() == normalized) {
        return KeyClass::Secret;
    }
    // Every class below ends in one of these letters: a quick way out.
    if !matches!(
        normalized.last(),
        Some(b'd' | b'e' | b'h' | b'l' | b'n' | b'g' | b'c' | b'y' | b's' | b't' | b'w')
    ) {
        return KeyClass::Plain;
    }
    if normalized == b"authorization" || normalized == b"proxyauthorization" {
        return KeyClass::Authorization;
    }
    if normalized.ends_with(b"secretaccesskey")
        || normalized.ends_with(b"awssecret")
        || normalized.ends_with(b"awssecretkey")
    {
        return KeyClass::AwsSecret;
    }
    if NOT_SECRETS.contains(&normalized) {
        return KeyClass::Plain;
    }
    if WEAK_NAMES.contains(&normalized) || WEAK_WORDS.iter().any(|w| word.eq_ignore_ascii_case(w)) {
        return KeyClass::Weak;
    }
    if SECRET_NAMES.contains(&normalized) || ends_with_any(normalized, SECRET_SUFFIXES) {
        return KeyClass::Secret;
    }
    if ends_with_any(normalized, CREDENTIAL_SUFFIXES) {
        return KeyClass::Credential;
    }
    KeyClass::Plain
}

/// Whether `name` ends with one of `suffixes`, comparing last bytes before calling on
/// `ends_with` (most names share none with any suffix).
fn ends_with_any(name: &[u8], suffixes: &[&[u8]]) -> bool {
    let last = name.last();
    suffixes
        .iter()
        .any(|s| s.last() == last && name.ends_with(s))
}

/// What a credential word's class becomes with the words `qualifiers` after it.
fn qualified<'a>(class: KeyClass, qualifiers: impl Iterator<Item = &'a [u8]> + Clone) -> KeyClass {
    let mut words = qualifiers.clone();
    // `Authorization` takes no qualifier (the name filter reads its ending last only).
    if class == KeyClass::Authorization && qualifiers.clone().next().is_some() {
        return KeyClass::Plain;
    }
    if words.any(|q| among(&ABOUT_PACKED, q)) {
        return KeyClass::Plain;
    }
    let mut words = qualifiers;
    if words.all(|q| among(&SAME_PACKED, q) || q.iter().all(u8::is_ascii_digit)) {
        return class;
    }
    match class {
        KeyClass::Secret | KeyClass::AwsSecret | KeyClass::Weak => KeyClass::Weak,
        KeyClass::Credential => KeyClass::Credential,
        KeyClass::Authorization | KeyClass::Plain => KeyClass::Plain,
    }
}

/// Whether `word` is in `list` (sorted, lowercase), whatever its case.
fn among(list: &[u128], word: &[u8]) -> bool {
    if word.len() > 16 {
        return false;
    }
    // (Packed, a word is one compare: names are looked up for every trigger of the scan.)
    let mut packed = 0u128;
    for &b in word {
        packed = packed << 8 | u128::from(b.to_ascii_lowercase());
    }
    packed <<= 8 * (16 - word.len());
    list.binary_search(&packed).is_ok()
}

/// A word of at most 16 bytes as a number whose order is the word's: its bytes big-endian,
/// zeros after them.
const fn pack(word: &[u8]) -> u128 {
    assert!(word.len() <= 16);
    let mut packed = 0u128;
    let mut i = 0;
    while i < 16 {
        packed <<= 8;
        if i < word.len() {
            packed |= word[i] as u128;
        }
        i += 1;
    }
    packed
}

/// Each word of a sorted list, [`pack`]ed: still sorted.
const fn pack_all<const N: usize>(list: &[&[u8]]) -> [u128; N] {
    let mut packed = [0u128; N];
    let mut i = 0;
    while i < N {
        packed[i] = pack(list[i]);
        i += 1;
    }
    packed
}

/// [`ABOUT_SECRET`], packed for [`among`].
static ABOUT_PACKED: [u128; ABOUT_SECRET.len()] = pack_all(ABOUT_SECRET);

/// [`SAME_SECRET`], packed for [`among`].
static SAME_PACKED: [u128; SAME_SECRET.len()] = pack_all(SAME_SECRET);

/// What a raw name (`db_password`, `X-Api-Key`, `DB_PASSWORD_PROD`) says about its value.
/// `extra` holds user-added normalized names.
pub(crate) fn classify_raw(raw: &[u8], extra: &[Vec<u8>]) -> KeyClass {
    let mut buf = [0u8; MAX_KEY];
    let long;
    let normalized: &[u8] = match normalize_into(raw, &mut buf) {
        // Empty or longer than the buffer: the general path (no allocation when empty).
        0 => {
            long = normalize(raw);
            &long
        }
        n => &buf[..n],
    };
    // The words after the one examined, last first, and their letters and digits (every one
    // after it in the name: words are the name's runs of them).
    let mut after = [(0, 0); QUALIFIERS];
    let mut after_len = 0;
    for (i, (start, end)) in words_back(raw, raw.len()).take(QUALIFIERS + 1).enumerate() {
        // A property of the secret as the last word: plain, whatever comes before
        // (`token_count`, `session_id`); no credential word is one.
        if i == 0 && among(&ABOUT_PACKED, &raw[start..end]) {
            return KeyClass::Plain;
        }
        // Only a word the name filter lets through can make the name more than plain (every
        // name of the lists passes it, `filter_keeps_every_sensitive_name`): the others are
        // not looked up, which most names of tool output are.
        let word = &raw[start..end];
        let may = !extra.is_empty()
            || match word {
                [.., a, b, c] => ending_may_be_sensitive([*a, *b, *c], i == 0),
                _ => word.eq_ignore_ascii_case(b"pw"),
            };
        let prefix = &normalized[..normalized.len() - after_len];
        let class = if may {
            base(prefix, word, extra)
        } else {
            KeyClass::Plain
        };
        if class != KeyClass::Plain {
            let words = after[..i].iter().rev().map(|&(s, e)| &raw[s..e]);
            return qualified(class, words);
        }
        if let Some(slot) = after.get_mut(i) {
            *slot = (start, end);
        }
        after_len += end - start;
    }
    KeyClass::Plain
}

/// The class of a value under the raw name `name` (a JSON object's key, a struct's field)
/// inside a value of class `parent`; `None` for a key that is not text (a number), which
/// names nothing. Everything under a secret's name is secret (`"credentials": {"user": …}`);
/// a credential-like or weak name says nothing about what is nested under it.
pub(crate) fn nested(parent: KeyClass, name: Option<&[u8]>, extra: &[Vec<u8>]) -> KeyClass {
    match (parent, name) {
        (KeyClass::Secret | KeyClass::AwsSecret | KeyClass::Authorization, _) => KeyClass::Secret,
        (_, Some(name)) => classify_raw(name, extra),
        (_, None) => KeyClass::Plain,
    }
}

/// Whether a value under a [weak](KeyClass::Weak) secret's name is clearly a setting rather
/// than a secret: a number of up to five digits (a count, a port, a length), a boolean word
/// (`true`, `no`, `enabled`, …), or a file path (`/home/ann`, `~/.ssh`, `./x`, `C:\x`).
pub(crate) fn is_setting(value: &[u8]) -> bool {
    let digits = value.iter().filter(|b| b.is_ascii_digit()).count();
    let number = (1..=5).contains(&digits)
        && value
            .iter()
            .enumerate()
            .all(|(i, &b)| b.is_ascii_digit() || b == b'.' || (i == 0 && b == b'-'));
    const WORDS: &[&[u8]] = &[
        b"true",
        b"false",
        b"yes",
        b"no",
        b"on",
        b"off",
        b"enabled",
        b"disabled",
        b"none",
        b"required",
        b"optional",
    ];
    let word = WORDS.iter().any(|w| value.eq_ignore_ascii_case(w));
    let path = matches!(value, [b'/' | b'~', ..] | [b'.', b'/' | b'.', ..])
        || matches!(value, [drive, b':', b'\\' | b'/', ..] if drive.is_ascii_alphabetic());
    number || word || path
}

/// Whether a value looks like a random credential rather than a word, an id or a digest:
/// 16 characters or more without spaces, letters and digits mixed, high Shannon entropy, and
/// not a UUID, a hex digest or a git SHA.
pub(crate) fn looks_random(value: &[u8]) -> bool {
    // No upper bound: a long base64 key (`tls.key: LS0tLS1CRUdJTi…`) is as random as a short one.
    if value.len() < 16
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
        classify_raw(name.as_bytes(), &[])
    }

    fn words(name: &str) -> Vec<&str> {
        let mut words: Vec<&str> = words_back(name.as_bytes(), name.len())
            .map(|(s, e)| &name[s..e])
            .collect();
        words.reverse();
        words
    }

    #[test]
    fn names_split_into_words() {
        assert_eq!(words("DB_PASSWORD_PROD"), ["DB", "PASSWORD", "PROD"]);
        assert_eq!(words("clientSecret"), ["client", "Secret"]);
        assert_eq!(words("SecretString"), ["Secret", "String"]);
        assert_eq!(words("DBPassword"), ["DB", "Password"]);
        assert_eq!(words("APIKey2"), ["API", "Key", "2"]);
        assert_eq!(words("x-api-key"), ["x", "api", "key"]);
        assert_eq!(words("/prod/db/password"), ["prod", "db", "password"]);
        assert_eq!(words("tls.key"), ["tls", "key"]);
        assert_eq!(words("--"), Vec::<&str>::new());
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
            "x-api-key",
            "access_token",
            "id_token",
            "refresh-token",
            "GITHUB_TOKEN",
            "private_key",
            "auth",
            "credentials",
            "csrf_token",
            "signing_key",
            "clientSecret",
            "DB_PWD",
        ] {
            assert_eq!(class(name), KeyClass::Secret, "{name}");
        }
        assert_eq!(class("Authorization"), KeyClass::Authorization);
        assert_eq!(class("AWS_SECRET_ACCESS_KEY"), KeyClass::AwsSecret);
        assert_eq!(class("aws_secret"), KeyClass::AwsSecret);
    }

    #[test]
    fn a_credential_word_anywhere_with_qualifiers_after_it() {
        for name in [
            "DB_PASSWORD_PROD",
            "API_KEY_2",
            "apiKey2",
            "SecretString",
            "secret_value",
            "SecretBinary",
            "GITHUB_TOKEN_OLD",
            "DB_PASSWORD_PROD_2",
            "password_b64",
            "/prod/db/password",
        ] {
            assert_eq!(class(name), KeyClass::Secret, "{name}");
        }
        assert_eq!(class("AWS_SECRET_ACCESS_KEY_2"), KeyClass::AwsSecret);
        // A qualifier that is neither a copy nor a property of the secret: weak.
        for name in [
            "password_strictness",
            "SECRET_KEY_RAILS",
            "token_secret_santa",
        ] {
            assert_eq!(class(name), KeyClass::Weak, "{name}");
        }
        // A property of the secret, not the secret.
        for name in [
            "password_min_length",
            "password_policy",
            "PasswordLastUsed",
            "token_url",
            "secret_arn",
            "SecretId",
            "api_key_id",
            "access_key_id",
            "DB_PASSWORD_FILE",
            "token_expires_at",
            "client_secret_expires_at",
            "password_hint",
            "private_key_path",
            "ssh_key_fingerprint",
        ] {
            assert_eq!(class(name), KeyClass::Plain, "{name}");
        }
        // Three words after a credential word are too many to qualify it.
        assert_eq!(class("password_a_b_c"), KeyClass::Plain);
    }

    #[test]
    fn short_words_are_weak_and_whole() {
        for name in [
            "pass",
            "DB_PASS",
            "pw",
            "db.pw",
            "PWD",
            "Pwd",
            "OLDPWD",
            "SMTP_PASS",
        ] {
            assert_eq!(class(name), KeyClass::Weak, "{name}");
        }
        for name in ["passenger", "compass", "bypass", "passport_number"] {
            assert_eq!(class(name), KeyClass::Plain, "{name}");
        }
    }

    #[test]
    fn plain_and_credential_names() {
        for name in [
            "next_page_token",
            "nextToken",
            "next_page_token_2",
            "max_tokens",
            "token_count",
            "password_min_length",
            "tokenizer",
            "secret_name",
            "author",
            "name",
            "passwordless",
            "prompt_tokens",
            "value",
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
            "tls.key",
        ] {
            assert_eq!(class(name), KeyClass::Credential, "{name}");
        }
    }

    #[test]
    fn sensitive_keys_of_the_user() {
        let extra = [b"ticket".to_vec()];
        assert_eq!(classify_raw(b"Ticket", &extra), KeyClass::Secret);
        assert_eq!(classify_raw(b"ticket_2", &extra), KeyClass::Secret);
        assert_eq!(classify_raw(b"X_Ticket", &extra), KeyClass::Plain);
        assert_eq!(classify_raw(b"ticket", &[]), KeyClass::Plain);
    }

    #[test]
    fn long_names_classify_too() {
        let long = format!("{}_password", "x".repeat(80));
        assert_eq!(class(&long), KeyClass::Secret);
        assert_eq!(class(""), KeyClass::Plain);
        assert_eq!(class("--"), KeyClass::Plain);
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
        for parent in [KeyClass::Credential, KeyClass::Weak] {
            assert_eq!(nested(parent, Some(b"user"), &[]), KeyClass::Plain);
        }
    }

    #[test]
    fn settings() {
        for v in [
            "12",
            "0",
            "-1",
            "0.95",
            "65535",
            "true",
            "No",
            "enabled",
            "/home/ann",
            "~/.ssh",
            "./run",
            "../x",
            "C:\\Users",
            "d:/x",
        ] {
            assert!(is_setting(v.as_bytes()), "{v}");
        }
        for v in ["hunter2", "123456", "1.2.3.4.5.6", "", "-", "x/y", "tr"] {
            assert!(!is_setting(v.as_bytes()), "{v}");
        }
    }

    #[test]
    fn randomness() {
        assert!(looks_random(b"q7Xv2LmP9sKd4TzR8wYb"));
        assert!(looks_random(b"Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MA=="));
        // A 2 KB base64 key, as `tls.key:` holds one.
        let long: String = (0..2048)
            .map(|i: usize| {
                let alphabet = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
                char::from(alphabet[(i * 7919 + i / 3) % 64])
            })
            .collect();
        assert!(looks_random(long.as_bytes()));
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

    /// Every name `classify_raw` does not call plain must pass the ending filter.
    #[test]
    fn filter_keeps_every_sensitive_name() {
        let others: [&[u8]; 6] = [
            b"authorization",
            b"proxyauthorization",
            b"awssecret",
            b"awssecretkey",
            b"DB_PASSWORD_PROD_2",
            b"SecretString",
        ];
        let names = SECRET_SUFFIXES
            .iter()
            .chain(SECRET_NAMES)
            .chain(WEAK_WORDS)
            .chain(WEAK_NAMES)
            .chain(CREDENTIAL_SUFFIXES)
            .chain(others.iter());
        for name in names {
            assert_ne!(
                classify_raw(name, &[]),
                KeyClass::Plain,
                "{}",
                String::from_utf8_lossy(name)
            );
            assert!(may_be_sensitive(name), "{}", String::from_utf8_lossy(name));
            for qualifier in ["_2", "_prod", "_strictness", "Value"] {
                let long = [*name, qualifier.as_bytes()].concat();
                if classify_raw(&long, &[]) != KeyClass::Plain {
                    assert!(
                        may_be_sensitive(&long),
                        "{}",
                        String::from_utf8_lossy(&long)
                    );
                }
            }
        }
        for name in NOT_SECRETS {
            assert_eq!(classify_raw(name, &[]), KeyClass::Plain);
        }
        assert!(!may_be_sensitive(b"status") && !may_be_sensitive(b"x"));
        assert!(
            may_be_sensitive(b"PW")
                && !may_be_sensitive(b"id")
                && !may_be_sensitive(b"created_at")
                && may_be_sensitive(b"value")
        );
    }

    #[test]
    fn word_lists_are_sorted_lowercase() {
        for list in [ABOUT_SECRET, SAME_SECRET] {
            assert!(list.windows(2).all(|w| w[0] < w[1]));
            assert!(
                list.iter()
                    .all(|w| w.len() <= 16 && !w.iter().any(u8::is_ascii_uppercase))
            );
        }
        assert!(among(&ABOUT_PACKED, b"Length") && !among(&ABOUT_PACKED, b"password"));
        assert!(!among(&ABOUT_PACKED, b"a_word_longer_than_sixteen"));
    }

    #[test]
    fn the_lowercase_filter_agrees_with_the_general_one() {
        let words = [
            "password", "pw", "db", "id", "2", "prod", "x", "token", "at", "api", "key", "npw",
            "Secret", "ts", "created", "h2o", "sha256", "passwd", "value",
        ];
        for a in words {
            for b in words {
                for c in words {
                    for sep in ["_", "-", ".", ""] {
                        let name = format!(" {a}{sep}{b}{sep}{c}");
                        let hay = name.as_bytes();
                        let floor = hay.len().saturating_sub(MAX_KEY);
                        if let Some(fast) = lowercase_name_may_be_sensitive(&hay[floor..]) {
                            assert_eq!(fast, any_name_may_be_sensitive(hay, hay.len()), "{name}");
                        }
                    }
                }
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn the_short_filter_agrees_with_the_walk(
            hay in proptest::collection::vec(
                proptest::sample::select(&b"pwordkeytasnilAPWKS_-.07 \"\x00"[..]),
                0..40,
            ),
            cut in 0..40usize,
        ) {
            let end = cut.min(hay.len());
            if let Some(short) = short_name_may_be_sensitive(&hay, end) {
                let floor = end.saturating_sub(MAX_KEY);
                let walked = lowercase_name_may_be_sensitive(&hay[floor..end])
                    .unwrap_or_else(|| any_name_may_be_sensitive(&hay, end));
                proptest::prop_assert_eq!(short, walked, "{:?}", String::from_utf8_lossy(&hay[..end]));
            }
        }
    }

    #[test]
    fn the_short_filter_answers_for_short_lowercase_names() {
        for (text, answer) in [
            (" ts", Some(false)),
            ("\"request_id", Some(false)),
            (" db_password_prod", Some(true)),
            ("ab_db_password_prod", Some(true)),
            ("T14", None),
            (":05T14", None),
            ("x:y_z_w_v", Some(false)),
            ("x api-key-2", Some(true)),
            ("{pw", Some(true)),
            ("\\npw", Some(true)),
            (" pw_x_y_z", Some(false)),
            (" Date", None),
            ("a_b_c_password_min_length", None),
        ] {
            let hay = text.as_bytes();
            assert_eq!(
                short_name_may_be_sensitive(hay, hay.len()),
                answer,
                "{text}"
            );
        }
    }

    #[test]
    fn the_filter_reads_a_name_back_from_its_end() {
        let hay = b"{\"DB_PASSWORD_PROD\": 1, \"created_at\": 2, x-api-key: 3";
        let at = |needle: &str| {
            let text = std::str::from_utf8(hay).unwrap_or_default();
            text.find(needle).map_or(0, |i| i + needle.len())
        };
        assert!(name_may_be_sensitive(hay, at("DB_PASSWORD_PROD")));
        assert!(!name_may_be_sensitive(hay, at("created_at")));
        assert!(name_may_be_sensitive(hay, at("x-api-key")));
        assert!(!name_may_be_sensitive(hay, 0));
    }
}
