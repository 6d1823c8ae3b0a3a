//! Generators of sensitive values, one per kind, and the checks they satisfy.

use std::fmt::Write as _;
use std::ops::Range;

use crate::rng::Rng;

pub(crate) const ALNUM: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
pub(crate) const UPPER_ALNUM: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
pub(crate) const B64: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
pub(crate) const B64URL: &[u8] =
    b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
pub(crate) const WORDCHARS: &[u8] =
    b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_";
pub(crate) const BASE32: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
pub(crate) const HEX: &[u8] = b"0123456789abcdef";

/// Substrings a random body must not contain, so that it cannot look like another kind.
const FORBIDDEN: &[&str] = &[
    "AKIA",
    "ASIA",
    "AIza",
    "eyJ",
    "xox",
    "xapp",
    "ghp_",
    "gho_",
    "ghs_",
    "ghu_",
    "ghr_",
    "github_pat",
    "glpat",
    "gldt",
    "glrt",
    "sk_",
    "rk_",
    "pk_",
    "sk-",
    "npm_",
    "pypi",
    "SG.",
    "whsec",
    "ya29",
    "SK",
    "hf_",
    "dapi",
    "_v1_",
    "shp",
    "hvs.",
    "hvb.",
    "hvr.",
    "GOCSPX",
    "gsk_",
];

/// Whether a byte starts a [`FORBIDDEN`] substring.
const STARTS_FORBIDDEN: [bool; 256] = {
    let mut table = [false; 256];
    let mut i = 0;
    while i < FORBIDDEN.len() {
        table[FORBIDDEN[i].as_bytes()[0] as usize] = true;
        i += 1;
    }
    table
};

fn has_forbidden(s: &str) -> bool {
    // One pass, comparing only where a forbidden substring may start: bodies are drawn
    // often, and the corpus is built in debug builds of the tests.
    let b = s.as_bytes();
    (0..b.len()).any(|i| {
        STARTS_FORBIDDEN[usize::from(b[i])] && {
            let rest = &b[i..];
            FORBIDDEN.iter().any(|f| rest.starts_with(f.as_bytes()))
        }
    })
}

/// A random body of `n` characters of `alphabet` that contains no other kind's prefix.
pub(crate) fn body(rng: &mut Rng, alphabet: &[u8], n: usize) -> String {
    loop {
        let s = rng.string(alphabet, n);
        if !has_forbidden(&s) {
            return s;
        }
    }
}

/// The first name/last name pools, shared with the neutral generators.
pub(crate) const FIRST: &[&str] = &[
    "ann", "bob", "carol", "dave", "erin", "frank", "grace", "heidi", "ivan", "judy", "mallory",
    "oscar", "peggy", "trent", "victor", "wendy", "li", "omar", "sofia", "yuki", "priya", "mateo",
    "chloe", "noah", "emma", "liam", "zoe", "raj", "nina", "tom",
];
pub(crate) const LAST: &[&str] = &[
    "lee", "smith", "garcia", "nguyen", "mueller", "rossi", "tanaka", "kim", "patel", "cohen",
    "novak", "silva", "brown", "jones", "martin", "dubois", "jansen", "lopez", "ivanova", "okafor",
];
const DOMAINS: &[&str] = &[
    "example.com",
    "example.org",
    "example.net",
    "mail.example.com",
    "corp.example.co.uk",
    "acme-widgets.io",
    "contoso.dev",
    "fabrikam.de",
    "globex.fr",
    "initech.nl",
    "umbrella.es",
    "hooli.xyz",
    "piedpiper.app",
    "wayne-enterprises.com",
    "stark.industries",
    "eu.support.example.com",
];
const ROLES: &[&str] = &[
    "support", "billing", "ops-team", "no-reply", "security", "admin", "hr", "sales", "dev.null",
];
const TAGS: &[&str] = &["orders", "news", "github", "2026", "work"];

fn capitalize(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    if let Some(c) = chars.next() {
        out.push(c.to_ascii_uppercase());
    }
    out.push_str(chars.as_str());
    out
}

/// An email address `local@domain.tld`.
pub(crate) fn email(rng: &mut Rng) -> String {
    let first = *rng.pick(FIRST);
    let last = *rng.pick(LAST);
    let domain = *rng.pick(DOMAINS);
    let local = match rng.below(9) {
        0 | 1 => format!("{first}.{last}"),
        2 => format!("{first}{last}"),
        3 => format!("{}{last}", &first[..1]),
        4 => format!("{first}.{last}{}", rng.range(1, 99)),
        5 => format!("{first}+{}", rng.pick(TAGS)),
        6 => format!("{first}-{last}"),
        7 => (*rng.pick(ROLES)).to_owned(),
        _ => first.to_owned(),
    };
    if rng.percent(8) {
        format!("{}@{}", capitalize(&local), capitalize(domain))
    } else {
        format!("{local}@{domain}")
    }
}

/// Three digits of a NANP area code or exchange: first 2-9, not N11.
fn nxx(rng: &mut Rng) -> String {
    loop {
        let a = rng.range(2, 9);
        let b = rng.below(10);
        let c = rng.below(10);
        if !(b == 1 && c == 1) {
            return format!("{a}{b}{c}");
        }
    }
}

/// A phone number in one of the supported spellings.
pub(crate) fn phone(rng: &mut Rng) -> String {
    let (a, e, s) = (nxx(rng), nxx(rng), rng.digits(4));
    match rng.below(10) {
        0 => format!("{a}-{e}-{s}"),
        1 => format!("({a}) {e}-{s}"),
        2 => format!("{a}.{e}.{s}"),
        3 => format!("+1 {a} {e} {s}"),
        4 => format!("+1-{a}-{e}-{s}"),
        5 => format!("1-{a}-{e}-{s}"),
        6 => format!("+1{a}{e}{s}"),
        7 => format!(
            "+44 20 {}{} {}",
            rng.range(3, 8),
            rng.digits(3),
            rng.digits(4)
        ),
        8 => format!(
            "+49 {} {}{}",
            rng.pick(&["30", "40", "89", "69"]),
            rng.range(2, 9),
            rng.digits(7)
        ),
        _ => format!(
            "+33 {} {} {} {} {}",
            rng.range(1, 7),
            rng.digits(2),
            rng.digits(2),
            rng.digits(2),
            rng.digits(2)
        ),
    }
}

/// The three parts of a valid SSN.
fn ssn_parts(rng: &mut Rng) -> (usize, usize, usize) {
    let area = loop {
        let a = rng.range(1, 899);
        if a != 666 {
            break a;
        }
    };
    (area, rng.range(1, 99), rng.range(1, 9999))
}

/// A valid SSN written `123-45-6789` or `123 45 6789`.
pub(crate) fn ssn(rng: &mut Rng) -> String {
    let (a, g, s) = ssn_parts(rng);
    if rng.percent(75) {
        format!("{a:03}-{g:02}-{s:04}")
    } else {
        format!("{a:03} {g:02} {s:04}")
    }
}

/// A valid SSN as 9 bare digits (only sensitive right after `SSN: `).
pub(crate) fn ssn_bare(rng: &mut Rng) -> String {
    let (a, g, s) = ssn_parts(rng);
    format!("{a:03}{g:02}{s:04}")
}

/// The Luhn check digit (0-9) for `digits` (ASCII digits, check digit not included).
pub(crate) fn luhn_digit(digits: &str) -> u32 {
    let mut sum = 0;
    for (i, b) in digits.bytes().rev().enumerate() {
        let mut d = u32::from(b - b'0');
        if i % 2 == 0 {
            d *= 2;
            if d > 9 {
                d -= 9;
            }
        }
        sum += d;
    }
    (10 - sum % 10) % 10
}

/// Whether the digits of `s` (separators ignored) pass the Luhn check.
#[cfg(test)]
pub(crate) fn luhn_valid(s: &str) -> bool {
    let digits: String = s.chars().filter(char::is_ascii_digit).collect();
    match digits.len().checked_sub(1) {
        Some(n) if n > 0 => luhn_digit(&digits[..n]) == u32::from(digits.as_bytes()[n] - b'0'),
        _ => false,
    }
}

/// Whether bare card digits have an issuer prefix and length the spec knows.
#[cfg(test)]
pub(crate) fn card_prefix_ok(d: &str) -> bool {
    let p2: u32 = d.get(..2).and_then(|p| p.parse().ok()).unwrap_or(0);
    let p4: u32 = d.get(..4).and_then(|p| p.parse().ok()).unwrap_or(0);
    match d.len() {
        16 => {
            d.starts_with('4')
                || (51..=55).contains(&p2)
                || (2221..=2720).contains(&p4)
                || p4 == 6011
                || p2 == 65
                || (3528..=3589).contains(&p4)
                || p2 == 62
        }
        15 => p2 == 34 || p2 == 37,
        14 => p2 == 36 || p2 == 38,
        _ => false,
    }
}

/// Bare digits of a Luhn-valid card number with a real issuer prefix.
pub(crate) fn card_digits(rng: &mut Rng) -> String {
    let (mut s, len) = match rng.below(8) {
        0 | 1 => ("4".to_owned(), 16),
        2 => {
            if rng.percent(70) {
                (rng.range(51, 55).to_string(), 16)
            } else {
                (rng.range(2221, 2720).to_string(), 16)
            }
        }
        3 => ((*rng.pick(&["34", "37"])).to_owned(), 15),
        4 => ((*rng.pick(&["6011", "65"])).to_owned(), 16),
        5 => (rng.range(3528, 3589).to_string(), 16),
        6 => ((*rng.pick(&["36", "38"])).to_owned(), 14),
        _ => ("62".to_owned(), 16),
    };
    let fill = len - 1 - s.len();
    s.push_str(&rng.digits(fill));
    let check = luhn_digit(&s);
    let _ = write!(s, "{check}");
    s
}

/// Writes bare card digits in one of the usual groupings.
pub(crate) fn format_card(rng: &mut Rng, d: &str) -> String {
    let sep = match rng.below(3) {
        0 => return d.to_owned(),
        1 => ' ',
        _ => '-',
    };
    let groups: &[usize] = match d.len() {
        15 => &[4, 6, 5],
        14 => &[4, 6, 4],
        _ => &[4, 4, 4, 4],
    };
    let mut out = String::with_capacity(d.len() + 3);
    let mut at = 0;
    for (i, g) in groups.iter().enumerate() {
        if i > 0 {
            out.push(sep);
        }
        out.push_str(&d[at..at + g]);
        at += g;
    }
    out
}

/// A Luhn-valid card number, bare or grouped.
pub(crate) fn credit_card(rng: &mut Rng) -> String {
    let d = card_digits(rng);
    format_card(rng, &d)
}

/// An IPv4 address with valid octets and no leading zeros (never 0.x, 127.x or multicast).
pub(crate) fn ipv4(rng: &mut Rng) -> String {
    let first = if rng.percent(60) {
        *rng.pick(&[
            203usize, 198, 192, 172, 10, 8, 34, 52, 81, 100, 151, 185, 212,
        ])
    } else {
        loop {
            let f = rng.range(11, 223);
            if f != 127 {
                break f;
            }
        }
    };
    format!(
        "{first}.{}.{}.{}",
        rng.below(256),
        rng.below(256),
        rng.range(1, 254)
    )
}

/// An IPv6 address, full or compressed (RFC 5952), never ending in `::`.
pub(crate) fn ipv6(rng: &mut Rng) -> String {
    let mut g = [0u16; 8];
    let prefix: (u16, u16) = *rng.pick(&[
        (0x2001, 0x0db8),
        (0xfe80, 0),
        (0x2a00, 0x1450),
        (0x2606, 0x4700),
        (0x2001, 0x4860),
    ]);
    g[0] = prefix.0;
    g[1] = prefix.1;
    for x in g.iter_mut().skip(2) {
        *x = if rng.percent(30) {
            rng.below(0x100) as u16
        } else {
            rng.below(0x10000) as u16
        };
    }
    if g[0] == 0xfe80 {
        g[1] = 0;
        g[2] = 0;
        g[3] = 0;
    } else if rng.percent(70) {
        let start = rng.range(2, 5);
        let len = rng.range(2, 3);
        for x in g.iter_mut().skip(start).take(len) {
            *x = 0;
        }
    }
    if g[7] == 0 {
        g[7] = rng.range(1, 0xffff) as u16;
    }
    match rng.below(5) {
        0 => g
            .iter()
            .map(|x| format!("{x:04x}"))
            .collect::<Vec<_>>()
            .join(":"),
        1 => g
            .iter()
            .map(|x| format!("{x:x}"))
            .collect::<Vec<_>>()
            .join(":"),
        _ => compress_ipv6(&g),
    }
}

/// RFC 5952 text of an IPv6 address: the longest run of 2+ zero groups becomes `::`.
fn compress_ipv6(g: &[u16; 8]) -> String {
    let (mut best, mut best_len, mut run_start, mut run_len) = (0, 0, 0, 0);
    for (i, x) in g.iter().enumerate() {
        if *x == 0 {
            if run_len == 0 {
                run_start = i;
            }
            run_len += 1;
            if run_len > best_len {
                best = run_start;
                best_len = run_len;
            }
        } else {
            run_len = 0;
        }
    }
    let hex = |xs: &[u16]| {
        xs.iter()
            .map(|x| format!("{x:x}"))
            .collect::<Vec<_>>()
            .join(":")
    };
    if best_len < 2 {
        return hex(g);
    }
    format!("{}::{}", hex(&g[..best]), hex(&g[best + best_len..]))
}

/// An IPv4 (70%) or IPv6 address.
pub(crate) fn ip_address(rng: &mut Rng) -> String {
    if rng.percent(70) {
        ipv4(rng)
    } else {
        ipv6(rng)
    }
}

/// The mod-97 remainder of an IBAN-style string (letters count as 10..35).
pub(crate) fn mod97(s: &str) -> u32 {
    let mut r = 0u32;
    for b in s.bytes() {
        r = match b {
            b'0'..=b'9' => (r * 10 + u32::from(b - b'0')) % 97,
            b'A'..=b'Z' => (r * 100 + u32::from(b - b'A') + 10) % 97,
            _ => r,
        };
    }
    r
}

/// Whether an IBAN (spaces allowed) passes the mod-97 check.
#[cfg(test)]
pub(crate) fn iban_valid(s: &str) -> bool {
    let compact: String = s.chars().filter(|c| *c != ' ').collect();
    if compact.len() < 5 {
        return false;
    }
    let rearranged = format!("{}{}", &compact[4..], &compact[..4]);
    mod97(&rearranged) == 1
}

/// Country code and a random BBAN of the right shape.
fn bban(rng: &mut Rng) -> (&'static str, String) {
    match rng.below(5) {
        0 => ("DE", rng.digits(18)),
        1 => (
            "GB",
            format!(
                "{}{}",
                rng.pick(&["WEST", "NWBK", "BARC", "LOYD", "MIDL", "HBUK"]),
                rng.digits(14)
            ),
        ),
        2 => {
            let account = if rng.percent(80) {
                rng.digits(11)
            } else {
                rng.string(UPPER_ALNUM, 11)
            };
            (
                "FR",
                format!("{}{account}{}", rng.digits(10), rng.digits(2)),
            )
        }
        3 => (
            "NL",
            format!(
                "{}{}",
                rng.pick(&["ABNA", "INGB", "RABO", "TRIO", "SNSB"]),
                rng.digits(10)
            ),
        ),
        _ => ("ES", rng.digits(20)),
    }
}

fn group4(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 4);
    for (i, c) in s.chars().enumerate() {
        if i > 0 && i % 4 == 0 {
            out.push(' ');
        }
        out.push(c);
    }
    out
}

/// An IBAN with valid check digits (or, with `valid == false`, wrong ones), compact or grouped.
pub(crate) fn iban_with(rng: &mut Rng, valid: bool) -> String {
    let (cc, bban) = bban(rng);
    let good = 98 - mod97(&format!("{bban}{cc}00"));
    let check = if valid {
        good
    } else {
        (good as usize - 2 + rng.range(1, 96)) as u32 % 97 + 2
    };
    let compact = format!("{cc}{check:02}{bban}");
    if rng.percent(50) {
        compact
    } else {
        group4(&compact)
    }
}

/// A valid IBAN.
pub(crate) fn iban(rng: &mut Rng) -> String {
    iban_with(rng, true)
}

/// `AKIA` and 16 base32 characters.
pub(crate) fn aws_access_key_id(rng: &mut Rng) -> String {
    format!("AKIA{}", body(rng, BASE32, 16))
}

/// 40 characters of `[A-Za-z0-9/+]`.
pub(crate) fn aws_secret_value(rng: &mut Rng) -> String {
    body(rng, B64, 40)
}

/// A classic or fine-grained GitHub token.
pub(crate) fn github_token(rng: &mut Rng) -> String {
    if rng.percent(15) {
        format!(
            "github_pat_{}_{}",
            body(rng, ALNUM, 22),
            body(rng, ALNUM, 59)
        )
    } else {
        format!(
            "{}{}",
            rng.pick(&["ghp_", "gho_", "ghs_"]),
            body(rng, ALNUM, 36)
        )
    }
}

/// `glpat-` and 20 characters.
pub(crate) fn gitlab_token(rng: &mut Rng) -> String {
    format!("glpat-{}", body(rng, B64URL, 20))
}

/// A Slack bot token.
pub(crate) fn slack_token(rng: &mut Rng) -> String {
    format!(
        "xoxb-{}{}-{}{}-{}",
        rng.range(1, 9),
        rng.digits(11),
        rng.range(1, 9),
        rng.digits(12),
        body(rng, ALNUM, 24)
    )
}

/// A Slack incoming-webhook URL.
pub(crate) fn slack_webhook(rng: &mut Rng) -> String {
    let t = rng.pick(&[8usize, 10]);
    let b = rng.pick(&[8usize, 10]);
    format!(
        "https://hooks.slack.com/services/T{}/B{}/{}",
        rng.string(UPPER_ALNUM, *t),
        rng.string(UPPER_ALNUM, *b),
        body(rng, ALNUM, 24)
    )
}

/// A Stripe secret or restricted key.
pub(crate) fn stripe_key(rng: &mut Rng) -> String {
    format!(
        "{}{}",
        rng.pick(&["sk_live_", "sk_test_", "rk_live_", "rk_test_"]),
        body(rng, ALNUM, 24)
    )
}

/// An OpenAI project key.
pub(crate) fn openai_api_key(rng: &mut Rng) -> String {
    loop {
        let n = rng.range(48, 120);
        let b = body(rng, B64URL, n);
        // A key with no digit, or no 16 characters between `-`s, reads as prose
        // (`sk-learn-tutorials-…`), by the detector's design; real keys (156 characters)
        // almost always have both.
        if b.split('-').any(|run| run.len() >= 16) && b.bytes().any(|c| c.is_ascii_digit()) {
            return format!("sk-proj-{b}");
        }
    }
}

/// An Anthropic API key.
pub(crate) fn anthropic_api_key(rng: &mut Rng) -> String {
    format!("sk-ant-api03-{}AA", body(rng, B64URL, 93))
}

/// A Google API key.
pub(crate) fn google_api_key(rng: &mut Rng) -> String {
    format!("AIza{}", body(rng, B64URL, 35))
}

/// An npm token.
pub(crate) fn npm_token(rng: &mut Rng) -> String {
    format!("npm_{}", body(rng, ALNUM, 36))
}

/// A PyPI upload token.
pub(crate) fn pypi_token(rng: &mut Rng) -> String {
    format!("pypi-AgEIcHlwaS5vcmc{}", body(rng, B64URL, 60))
}

/// A SendGrid key.
pub(crate) fn sendgrid_key(rng: &mut Rng) -> String {
    format!("SG.{}.{}", body(rng, B64URL, 22), body(rng, B64URL, 43))
}

/// A Twilio API key SID.
pub(crate) fn twilio_key(rng: &mut Rng) -> String {
    format!("SK{}", rng.string(HEX, 32))
}

/// A Hugging Face access token: `hf_` and 34 letters.
pub(crate) fn huggingface_token(rng: &mut Rng) -> String {
    format!("hf_{}", body(rng, ALNUM, 34))
}

/// A Databricks personal access token: `dapi`, 32 hex digits, and sometimes a workspace
/// suffix (`-2`).
pub(crate) fn databricks_token(rng: &mut Rng) -> String {
    let suffix = if rng.percent(20) {
        format!("-{}", rng.range(2, 9))
    } else {
        String::new()
    };
    format!("dapi{}{suffix}", rng.string(HEX, 32))
}

/// A DigitalOcean personal (`dop_v1_`), OAuth (`doo_v1_`) or refresh (`dor_v1_`) token.
pub(crate) fn digitalocean_token(rng: &mut Rng) -> String {
    format!(
        "{}{}",
        rng.pick(&["dop_v1_", "dop_v1_", "doo_v1_", "dor_v1_"]),
        rng.string(HEX, 64)
    )
}

/// A Shopify admin API access token or shared secret.
pub(crate) fn shopify_token(rng: &mut Rng) -> String {
    format!(
        "{}{}",
        rng.pick(&["shpat_", "shpat_", "shpss_", "shpca_", "shppa_"]),
        rng.string(HEX, 32)
    )
}

/// Standard base64 of `bytes`, without padding.
pub(crate) fn b64(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() * 4 / 3 + 3);
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |acc, (i, b)| acc | u32::from(*b) << (16 - 8 * i));
        for i in 0..=chunk.len() {
            out.push(char::from(B64[(n >> (18 - 6 * i) & 63) as usize]));
        }
    }
    out
}

/// A Discord user id (a snowflake of 17 to 19 digits, never starting with `0`).
pub(crate) fn discord_id(rng: &mut Rng) -> String {
    let n = rng.range(17, 19);
    format!("{}{}", rng.range(1, 9), rng.digits(n - 1))
}

/// A Discord bot token: the bot's id in base64, a timestamp (6 characters) and an HMAC
/// (27 characters, or 38 in newer tokens), joined by `.`.
pub(crate) fn discord_token(rng: &mut Rng) -> String {
    loop {
        let id = b64(discord_id(rng).as_bytes());
        let n = *rng.pick(&[27usize, 38]);
        let (time, hmac) = (body(rng, B64URL, 6), body(rng, B64URL, n));
        // GAP (reported with issue 14): a token without a digit is not reached at all (the
        // scan finds a bot token from its digits). Such tokens are drawn again.
        let digit = |s: &str| s.bytes().any(|b| b.is_ascii_digit());
        if digit(&id) || digit(&time) || digit(&hmac) {
            return format!("{id}.{time}.{hmac}");
        }
    }
}

/// A Discord webhook URL: `https://discord.com/api/webhooks/<id>/<68 characters>`.
pub(crate) fn discord_webhook(rng: &mut Rng) -> String {
    format!(
        "https://{}/api/webhooks/{}/{}",
        rng.pick(&["discord.com", "discord.com", "discordapp.com"]),
        discord_id(rng),
        body(rng, B64URL, 68)
    )
}

/// A HashiCorp Vault token: a service token (`hvs.` and 24 characters, or 90 and more
/// with a namespace), a batch token (`hvb.`) or a recovery token (`hvr.`).
pub(crate) fn vault_token(rng: &mut Rng) -> String {
    match rng.below(4) {
        0 | 1 => format!("hvs.{}", body(rng, ALNUM, 24)),
        2 => {
            let n = rng.range(90, 120);
            format!("hvs.CAESI{}", body(rng, B64URL, n - 5))
        }
        _ => {
            let n = rng.range(90, 140);
            let b = body(rng, B64URL, n - 6);
            format!("{}AAAAAQ{b}", rng.pick(&["hvb.", "hvr."]))
        }
    }
}

/// A Google OAuth access token: `ya29.` and 100 to 220 characters of base64url.
pub(crate) fn google_oauth_token(rng: &mut Rng) -> String {
    loop {
        let n = rng.range(100, 220);
        let s = format!(
            "ya29.{}{}",
            rng.pick(&["a0", "a0Ad", "c.", "A0AR"]),
            body(rng, B64URL, n)
        );
        if !s.ends_with(['-', '_']) {
            return s;
        }
    }
}

/// A Google OAuth client secret: `GOCSPX-` and 28 characters.
pub(crate) fn google_client_secret(rng: &mut Rng) -> String {
    format!("GOCSPX-{}", body(rng, B64URL, 28))
}

/// A Telegram bot token: the bot's id (8 to 10 digits), `:`, and 35 characters that
/// start with `AA`.
pub(crate) fn telegram_bot_token(rng: &mut Rng) -> String {
    let n = rng.range(8, 10);
    format!(
        "{}{}:AA{}",
        rng.range(1, 9),
        rng.digits(n - 1),
        body(rng, B64URL, 33)
    )
}

/// A Groq API key: `gsk_` and 52 letters.
pub(crate) fn groq_api_key(rng: &mut Rng) -> String {
    format!("gsk_{}", body(rng, ALNUM, 52))
}

/// A session cookie's value, as the framework that sets it writes it, for a cookie name.
pub(crate) fn session_value(rng: &mut Rng, name: &str) -> String {
    match name {
        "JSESSIONID" => body(rng, b"0123456789ABCDEF", 32),
        "PHPSESSID" => body(rng, b"0123456789abcdefghijklmnopqrstuv", 26),
        "connect.sid" => format!("s%3A{}.{}", body(rng, B64URL, 32), body(rng, ALNUM, 43)),
        "ASP.NET_SessionId" => body(rng, b"abcdefghijklmnopqrstuvwxyz012345", 24),
        "laravel_session" => format!("eyJpdiI6{}", body(rng, ALNUM, 120)),
        _ => {
            let n = rng.range(20, 48);
            body(rng, ALNUM, n)
        }
    }
}

/// Base64url without padding.
pub(crate) fn b64url(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() * 4 / 3 + 3);
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |acc, (i, b)| acc | u32::from(*b) << (16 - 8 * i));
        let chars = chunk.len() + 1;
        for i in 0..chars {
            out.push(char::from(B64URL[(n >> (18 - 6 * i) & 63) as usize]));
        }
    }
    out
}

/// A signed JWT: header and payload are real base64url JSON, the signature is random.
pub(crate) fn jwt(rng: &mut Rng) -> String {
    loop {
        let (alg, sig_len) = *rng.pick(&[("HS256", 32usize), ("RS256", 256), ("ES256", 64)]);
        let header = format!(r#"{{"alg":"{alg}","typ":"JWT"}}"#);
        let payload = format!(
            r#"{{"sub":"{}","name":"{} {}","iat":{},"exp":{},"scope":"{}"}}"#,
            rng.digits(10),
            capitalize(rng.word(FIRST)),
            capitalize(rng.word(LAST)),
            1_760_000_000 + rng.below(10_000_000),
            1_770_000_000 + rng.below(10_000_000),
            rng.pick(&["read", "read write", "admin", "orders:read"])
        );
        let sig: Vec<u8> = (0..sig_len).map(|_| rng.below(256) as u8).collect();
        let (h, p, s) = (
            b64url(header.as_bytes()),
            b64url(payload.as_bytes()),
            b64url(&sig),
        );
        if !has_forbidden(&h[3..]) && !has_forbidden(&p[3..]) && !has_forbidden(&s) {
            return format!("{h}.{p}.{s}");
        }
    }
}

/// `n` lines of PEM body (64 columns, the last one shorter).
pub(crate) fn pem_body(rng: &mut Rng, lead: &str, lines: usize) -> String {
    let mut out = String::with_capacity(lines * 65);
    for i in 0..lines {
        let last = i + 1 == lines;
        let len = if last { rng.range(8, 60) } else { 64 };
        let mut line = loop {
            let l = rng.string(B64, len);
            if !has_forbidden(&l) {
                break l;
            }
        };
        if i == 0 {
            line.replace_range(..lead.len(), lead);
        }
        if last && rng.percent(50) {
            line.push('=');
        }
        out.push_str(&line);
        out.push('\n');
    }
    out
}

/// A whole PEM private key block, without a trailing newline.
pub(crate) fn private_key(rng: &mut Rng) -> String {
    let (label, lead) = *rng.pick(&[
        ("RSA PRIVATE KEY", "MIIEow"),
        ("EC PRIVATE KEY", "MHcCAQEE"),
        ("OPENSSH PRIVATE KEY", "b3BlbnNzaC1rZXktdjEAAAAA"),
        ("PRIVATE KEY", "MIIEvQIBADAN"),
    ]);
    let lines = rng.range(3, 7);
    format!(
        "-----BEGIN {label}-----\n{}-----END {label}-----",
        pem_body(rng, lead, lines)
    )
}

/// A password-like value: no spaces, not a token format, never all digits.
pub(crate) fn password_value(rng: &mut Rng) -> String {
    const WORDS: &[&str] = &[
        "Summer", "winter", "Dragon", "monkey", "Falcon", "orange", "Quartz", "tiger", "Sunset",
    ];
    match rng.below(10) {
        0..=2 => format!(
            "{}{}{}",
            rng.pick(WORDS),
            rng.range(1990, 2030),
            rng.pick(&["!", "*", "", "!!"])
        ),
        3 => format!(
            "{}-{}-{}-{}",
            rng.pick(&["correct", "purple", "lunar"]),
            rng.pick(&["horse", "battery", "staple", "pony"]),
            rng.pick(&["river", "stone", "cloud"]),
            rng.pick(&["apple", "tango", "delta"])
        ),
        _ => loop {
            let n = rng.range(10, 24);
            let mut s = String::with_capacity(n);
            rng.push_chars(&mut s, ALNUM, 1);
            rng.push_chars(
                &mut s,
                b"ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789!*_-",
                n - 2,
            );
            rng.push_chars(&mut s, ALNUM, 1);
            let lower = s.bytes().any(|b| b.is_ascii_lowercase());
            let other = s
                .bytes()
                .any(|b| b.is_ascii_uppercase() || b.is_ascii_digit());
            if lower && other && !has_forbidden(&s) {
                break s;
            }
        },
    }
}

/// A high-entropy value of 24-40 characters mixing upper, lower and digits.
pub(crate) fn generic_secret_value(rng: &mut Rng) -> String {
    loop {
        let n = rng.range(24, 40);
        let s = rng.string(ALNUM, n);
        let count = |f: fn(&u8) -> bool| s.bytes().filter(f).count();
        if count(u8::is_ascii_uppercase) >= 3
            && count(u8::is_ascii_lowercase) >= 3
            && count(u8::is_ascii_digit) >= 3
            && !has_forbidden(&s)
        {
            return s;
        }
    }
}

/// An opaque bearer token of 24+ characters of `[A-Za-z0-9._-]`, never a JWT.
pub(crate) fn bearer_value(rng: &mut Rng) -> String {
    if rng.percent(30) {
        let n = rng.range(40, 90);
        return format!("ya29.a0{}", body(rng, B64URL, n));
    }
    loop {
        let a = rng.range(12, 30);
        let s = if rng.percent(40) {
            let b = rng.range(10, 30);
            format!("{}.{}", body(rng, ALNUM, a), body(rng, B64URL, b))
        } else {
            format!("{}{}", body(rng, ALNUM, 1), body(rng, B64URL, a + 12))
        };
        if !s.ends_with(['-', '_']) && !has_forbidden(&s) {
            return s;
        }
    }
}

/// A connection-string URL and the byte range of its password.
pub(crate) fn connection_string(rng: &mut Rng) -> (String, Range<usize>) {
    let pw = loop {
        let n = rng.range(12, 28);
        let mut s = rng.string(ALNUM, 1);
        rng.push_chars(
            &mut s,
            b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_",
            n - 2,
        );
        rng.push_chars(&mut s, ALNUM, 1);
        if s.bytes().any(|b| b.is_ascii_digit())
            && s.bytes().any(|b| b.is_ascii_alphabetic())
            && !has_forbidden(&s)
        {
            break s;
        }
    };
    let db = *rng.pick(&["app", "orders", "analytics", "users", "billing"]);
    let (scheme, user, host, tail) = match rng.below(7) {
        0 | 1 => (
            *rng.pick(&["postgres", "postgresql"]),
            *rng.pick(&["app", "admin", "svc_orders", "reporting"]),
            *rng.pick(&["db.internal", "db-primary.prod.internal", "pg.example.com"]),
            format!(":5432/{db}"),
        ),
        2 => (
            "mysql",
            *rng.pick(&["root", "app", "wordpress"]),
            *rng.pick(&["mysql.internal", "db.example.com"]),
            format!(":3306/{db}"),
        ),
        3 => (
            "mongodb+srv",
            *rng.pick(&["app", "atlasAdmin"]),
            *rng.pick(&["cluster0.ab1cd.mongodb.net", "cluster1.x7k2p.mongodb.net"]),
            format!("/{db}?retryWrites=true&w=majority"),
        ),
        4 => (
            "redis",
            "default",
            *rng.pick(&["cache.internal", "redis.example.com"]),
            format!(":6379/{}", rng.below(16)),
        ),
        5 => (
            "amqp",
            *rng.pick(&["guest", "worker"]),
            *rng.pick(&["mq.internal", "rabbit.example.com"]),
            ":5672/jobs".to_owned(),
        ),
        _ => (
            "postgres",
            "app",
            "10-0-3-17.db.internal",
            format!("/{db}?sslmode=require"),
        ),
    };
    let prefix = format!("{scheme}://{user}:");
    let start = prefix.len();
    let url = format!("{prefix}{pw}@{host}{tail}");
    (url, start..start + pw.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn luhn_known_values() {
        assert!(luhn_valid("4111 1111 1111 1111"));
        assert!(luhn_valid("378282246310005"));
        assert!(!luhn_valid("4111111111111112"));
        assert_eq!(luhn_digit("411111111111111"), 1);
    }

    #[test]
    fn iban_known_values() {
        assert!(iban_valid("GB82WEST12345698765432"));
        assert!(iban_valid("DE89 3704 0044 0532 0130 00"));
        assert!(!iban_valid("DE88 3704 0044 0532 0130 00"));
    }

    #[test]
    fn generated_values_are_valid() {
        let mut rng = Rng::new(3, 3);
        for _ in 0..2000 {
            let d = card_digits(&mut rng);
            assert!(luhn_valid(&d) && card_prefix_ok(&d), "{d}");
            let i = iban_with(&mut rng, true);
            assert!(iban_valid(&i), "{i}");
            let bad = iban_with(&mut rng, false);
            assert!(!iban_valid(&bad), "{bad}");
            let (url, span) = connection_string(&mut rng);
            assert_eq!(url.as_bytes()[span.end], b'@', "{url}");
            assert_eq!(url.as_bytes()[span.start - 1], b':', "{url}");
        }
    }

    #[test]
    fn b64url_matches_known_jwt_header() {
        assert_eq!(
            b64url(br#"{"alg":"HS256","typ":"JWT"}"#),
            "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9"
        );
        assert_eq!(b64url(b"ab"), "YWI");
    }

    #[test]
    fn ipv6_compression() {
        assert_eq!(
            compress_ipv6(&[0x2001, 0xdb8, 0x85a3, 0, 0, 0x8a2e, 0x370, 0x7334]),
            "2001:db8:85a3::8a2e:370:7334"
        );
        assert_eq!(
            compress_ipv6(&[0xfe80, 0, 0, 0, 0x1ff, 0xfe23, 0x4567, 0x890a]),
            "fe80::1ff:fe23:4567:890a"
        );
    }
}
