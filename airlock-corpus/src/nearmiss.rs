//! Values that look sensitive but are not: the negatives every detector must leave alone.

use crate::rng::Rng;
use crate::values::{self, HEX, UPPER_ALNUM};

/// A random (v4-shaped) UUID, lowercase or (rarely) uppercase.
pub(crate) fn uuid(rng: &mut Rng) -> String {
    let s = format!(
        "{}-{}-4{}-{}{}-{}",
        rng.string(HEX, 8),
        rng.string(HEX, 4),
        rng.string(HEX, 3),
        rng.pick(&["8", "9", "a", "b"]),
        rng.string(HEX, 3),
        rng.string(HEX, 12)
    );
    if rng.percent(10) {
        s.to_ascii_uppercase()
    } else {
        s
    }
}

/// `n` lowercase hex digits (git SHAs, digests).
pub(crate) fn hex(rng: &mut Rng, n: usize) -> String {
    rng.string(HEX, n)
}

/// A version number: `1.2.3`, `v10.0.19041.1`, `2.0.0-beta.1`, ...
pub(crate) fn version(rng: &mut Rng) -> String {
    let (a, b, c) = (rng.below(20), rng.below(40), rng.below(30));
    match rng.below(6) {
        0 | 1 => format!("{a}.{b}.{c}"),
        2 => format!("v{a}.{b}.{c}"),
        3 => format!("v10.0.{}.{}", rng.range(10240, 26100), rng.range(1, 999)),
        4 => format!(
            "{a}.{b}.{c}-{}.{}",
            rng.pick(&["beta", "rc", "alpha"]),
            rng.range(1, 9)
        ),
        _ => format!("{a}.{b}"),
    }
}

/// A calendar date, ISO or US style.
pub(crate) fn date(rng: &mut Rng) -> String {
    let (y, m, d) = (rng.range(1990, 2030), rng.range(1, 12), rng.range(1, 28));
    if rng.percent(70) {
        format!("{y}-{m:02}-{d:02}")
    } else {
        format!("{m:02}/{d:02}/{y}")
    }
}

/// A wall-clock time `10:30:00` or `10:30`.
pub(crate) fn time(rng: &mut Rng) -> String {
    let (h, m, s) = (rng.below(24), rng.below(60), rng.below(60));
    if rng.percent(70) {
        format!("{h:02}:{m:02}:{s:02}")
    } else {
        format!("{h:02}:{m:02}")
    }
}

/// An ISO 8601 timestamp, with or without fraction and offset.
pub(crate) fn iso(rng: &mut Rng) -> String {
    let (m, d, h, mi, s) = (
        rng.range(1, 12),
        rng.range(1, 28),
        rng.below(24),
        rng.below(60),
        rng.below(60),
    );
    match rng.below(4) {
        0 => format!("2026-{m:02}-{d:02}T{h:02}:{mi:02}:{s:02}Z"),
        1 => format!(
            "2026-{m:02}-{d:02}T{h:02}:{mi:02}:{s:02}.{:03}Z",
            rng.below(1000)
        ),
        2 => format!(
            "2026-{m:02}-{d:02}T{h:02}:{mi:02}:{s:02}+0{}:00",
            rng.range(1, 9)
        ),
        _ => format!("2025-{m:02}-{d:02} {h:02}:{mi:02}:{s:02}"),
    }
}

/// A unix timestamp in seconds (10 digits), milliseconds (13) or microseconds (16).
pub(crate) fn unix(rng: &mut Rng) -> String {
    let s = 1_700_000_000 + rng.below(90_000_000);
    match rng.below(3) {
        0 => s.to_string(),
        1 => format!("{s}{:03}", rng.below(1000)),
        _ => format!("{s}{:06}", rng.below(1_000_000)),
    }
}

/// An order or ticket reference: `ORD-2026-000123`, `#12345678`.
pub(crate) fn order_id(rng: &mut Rng) -> String {
    match rng.below(3) {
        0 => format!("ORD-{}-{:06}", rng.range(2019, 2026), rng.below(1_000_000)),
        1 => format!("#{}", rng.range(10_000_000, 99_999_999)),
        _ => format!("INV-{:05}", rng.below(100_000)),
    }
}

/// A UPS-style tracking number `1Z999AA10123456784`.
pub(crate) fn tracking(rng: &mut Rng) -> String {
    format!(
        "1Z{}{}{}",
        rng.string(UPPER_ALNUM, 6),
        rng.digits(2),
        rng.digits(8)
    )
}

/// Two years next to each other: `1994 2026`.
pub(crate) fn year_pair(rng: &mut Rng) -> String {
    format!("{} {}", rng.range(1950, 2010), rng.range(2011, 2030))
}

/// A card-shaped number that is not a card: a real prefix failing Luhn, or a Luhn-valid
/// 16-digit number without an issuer prefix.
pub(crate) fn not_a_card(rng: &mut Rng) -> String {
    let mut d = values::card_digits(rng);
    if rng.percent(75) {
        let last = d.len() - 1;
        let wrong = (u32::from(d.as_bytes()[last] - b'0') + rng.range(1, 9) as u32) % 10;
        d.replace_range(last.., &wrong.to_string());
    } else {
        let mut s = (*rng.pick(&["9", "1"])).to_owned();
        s.push_str(&rng.digits(14));
        let check = values::luhn_digit(&s);
        d = format!("{s}{check}");
    }
    values::format_card(rng, &d)
}

/// A 9-digit number with no SSN label in front.
pub(crate) fn nine_digits(rng: &mut Rng) -> String {
    rng.range(100_000_000, 899_999_999).to_string()
}

/// An SSN-shaped number that breaks the allocation rules.
pub(crate) fn bad_ssn(rng: &mut Rng) -> String {
    let (a, g, s) = (rng.range(1, 899), rng.range(1, 99), rng.range(1, 9999));
    match rng.below(5) {
        0 => format!("000-{g:02}-{s:04}"),
        1 => format!("666-{g:02}-{s:04}"),
        2 => format!("{}-{g:02}-{s:04}", rng.range(900, 999)),
        3 => format!("{a:03}-00-{s:04}"),
        _ => format!("{a:03}-{g:02}-0000"),
    }
}

/// A phone-shaped number whose area code or exchange starts with 0 or 1.
pub(crate) fn bad_phone(rng: &mut Rng) -> String {
    let (a, e, s) = (rng.range(2, 9), rng.range(200, 999), rng.digits(4));
    match rng.below(4) {
        0 => format!("1{}-{e}-{s}", rng.digits(2)),
        1 => format!("(0{}) {e}-{s}", rng.digits(2)),
        2 => format!("{a}{}-1{}-{s}", rng.digits(2), rng.digits(2)),
        _ => format!("0{}.{e}.{s}", rng.digits(2)),
    }
}

/// A MAC address.
pub(crate) fn mac(rng: &mut Rng) -> String {
    let parts: Vec<String> = (0..6).map(|_| rng.string(HEX, 2)).collect();
    if rng.percent(70) {
        parts.join(":")
    } else {
        parts.join("-").to_ascii_uppercase()
    }
}

/// A host and port: `localhost:8080`.
pub(crate) fn host_port(rng: &mut Rng) -> String {
    let host = *rng.pick(&[
        "localhost",
        "db.internal",
        "api.example.com",
        "redis",
        "web-01",
    ]);
    format!(
        "{host}:{}",
        rng.pick(&[80, 443, 3000, 5432, 6379, 8080, 8443, 9090])
    )
}

/// A decimal number.
pub(crate) fn decimal(rng: &mut Rng) -> String {
    match rng.below(3) {
        0 => "3.14159".to_owned(),
        1 => {
            let n = rng.range(1, 6);
            format!("{}.{}", rng.below(100), rng.digits(n))
        }
        _ => format!("{}.{}e-{}", rng.range(1, 9), rng.digits(2), rng.range(1, 9)),
    }
}

/// Something with an `@` that is not an email address.
pub(crate) fn not_email(rng: &mut Rng) -> String {
    match rng.below(8) {
        0 => "user@localhost".to_owned(),
        1 => format!("icon@{}x.png", rng.range(2, 3)),
        2 => format!("@{}", rng.pick(values::FIRST)),
        3 => format!(
            "@types/node@{}.{}.{}",
            rng.range(16, 22),
            rng.below(20),
            rng.below(20)
        ),
        4 => format!("deploy@web-0{}:~$", rng.range(1, 9)),
        5 => format!("nginx@sha256:{}", hex(rng, 64)),
        6 => "logo@3x.webp".to_owned(),
        _ => format!("@babel/core@7.{}.{}", rng.below(30), rng.below(10)),
    }
}

/// A word that contains a token prefix but is an ordinary word.
pub(crate) fn prefix_word(rng: &mut Rng) -> &'static str {
    rng.word(&[
        "task-runner",
        "skeleton",
        "sk-learn",
        "risk-free",
        "desk-booking",
        "ask-me-anything",
        "pk_id",
        "ghost",
        "hf_transfer",
        "use_hf_hub",
        "dapibus",
    ])
}

/// One near-miss value of any sort, as plain text.
pub(crate) fn any(rng: &mut Rng) -> String {
    match rng.below(22) {
        0 => uuid(rng),
        1 => hex(rng, 40),
        2 => hex(rng, 7),
        3 => hex(rng, 64),
        4 => version(rng),
        5 => date(rng),
        6 => time(rng),
        7 => iso(rng),
        8 => unix(rng),
        9 => order_id(rng),
        10 => tracking(rng),
        11 => year_pair(rng),
        12 => not_a_card(rng),
        13 => nine_digits(rng),
        14 => bad_ssn(rng),
        15 => bad_phone(rng),
        16 => mac(rng),
        17 => host_port(rng),
        18 => decimal(rng),
        19 => not_email(rng),
        20 => values::iban_with(rng, false),
        _ => prefix_word(rng).to_owned(),
    }
}

/// A Discord snowflake id of today: 19 digits starting with `1`.
pub(crate) fn snowflake(rng: &mut Rng) -> String {
    format!("1{}", rng.digits(18))
}

/// A neutral field: its name, its value, and whether the value is a JSON string.
pub(crate) fn field(rng: &mut Rng) -> (&'static str, String, bool) {
    let n = rng.below(48);
    let (name, value, string) = match n {
        0 => ("request_id", uuid(rng), true),
        1 => ("commit", hex(rng, 40), true),
        2 => ("short_sha", hex(rng, 7), true),
        3 => ("digest", format!("sha256:{}", hex(rng, 64)), true),
        4 => ("version", version(rng), true),
        5 => (
            "build",
            format!("v10.0.{}.{}", rng.range(10240, 26100), rng.range(1, 999)),
            true,
        ),
        6 => ("created", date(rng), true),
        7 => ("time", time(rng), true),
        8 => ("updated_at", iso(rng), true),
        9 => ("ts", unix(rng), false),
        10 => ("order_id", order_id(rng), true),
        11 => ("tracking_number", tracking(rng), true),
        12 => ("years", year_pair(rng), true),
        13 => ("reference", not_a_card(rng), true),
        14 => ("account_no", nine_digits(rng), false),
        15 => ("case_code", bad_ssn(rng), true),
        16 => ("support_line", bad_phone(rng), true),
        17 => ("mac", mac(rng), true),
        18 => ("listen", host_port(rng), true),
        19 => ("ratio", decimal(rng), false),
        20 => ("host", "user@localhost".to_owned(), true),
        21 => (
            "icon",
            format!("/static/icon@{}x.png", rng.range(2, 3)),
            true,
        ),
        22 => ("mention", format!("@{}", rng.pick(values::FIRST)), true),
        23 => ("password_min_length", rng.range(8, 16).to_string(), false),
        24 => (
            "max_tokens",
            (*rng.pick(&["1024", "4096", "8192", "200000"])).to_owned(),
            false,
        ),
        25 => ("token_count", rng.range(1, 9999).to_string(), false),
        26 => (
            "price",
            format!("${}.{:02}", rng.range(1, 999), rng.below(100)),
            true,
        ),
        27 => ("cpu", format!("{}%", rng.below(100)), true),
        28 => (
            "status",
            (*rng.pick(&["200", "201", "204", "404", "500"])).to_owned(),
            false,
        ),
        29 => ("count", rng.below(10_000).to_string(), false),
        30 => ("runner", prefix_word(rng).to_owned(), true),
        31 => ("package", not_email(rng), true),
        32 => ("idempotency_key", uuid(rng), true),
        33 => (
            "sort_key",
            (*rng.pick(&["created_at", "id", "name", "-updated_at"])).to_owned(),
            true,
        ),
        34 => (
            "token_type",
            (*rng.pick(&["Bearer", "bearer", "refresh"])).to_owned(),
            true,
        ),
        35 => (
            "expires_in",
            (*rng.pick(&["3600", "86400", "300"])).to_owned(),
            false,
        ),
        36 => ("password_changed_at", iso(rng), true),
        37 => ("iban_example", values::iban_with(rng, false), true),
        38 => (
            "fingerprint",
            format!("SHA256:{}", values::body(rng, values::B64, 43)),
            true,
        ),
        39 => (
            "module",
            (*rng.pick(&[
                "serde::de::Error",
                "app::feed::add",
                "db::pool",
                "core::fmt",
            ]))
            .to_owned(),
            true,
        ),
        40 => ("user", display_name(rng), true),
        41 => ("city", (*rng.pick(CITIES)).to_owned(), true),
        42 => (
            "region",
            (*rng.pick(&["us-east-1", "eu-west-3", "ap-southeast-2"])).to_owned(),
            true,
        ),
        43 => ("retries", rng.below(6).to_string(), false),
        44 => ("public_key_id", format!("key_{}", rng.range(1, 99)), true),
        // A Discord id that is no token: a snowflake (19 digits from 2022 on: never a
        // card's prefix), and its base64 alone.
        45 => ("channel_id", snowflake(rng), true),
        46 => ("user_b64", values::b64(snowflake(rng).as_bytes()), true),
        _ => ("sha1", hex(rng, 40), true),
    };
    (name, value, string)
}

/// Cities, some with non-ASCII names.
pub(crate) const CITIES: &[&str] = &[
    "Boston",
    "Zürich",
    "São Paulo",
    "Berlin",
    "Paris",
    "Madrid",
    "Amsterdam",
    "London",
    "東京",
    "Kraków",
    "Austin",
    "Montréal",
];

/// A person's display name, sometimes with non-ASCII letters.
pub(crate) fn display_name(rng: &mut Rng) -> String {
    const FIRST: &[&str] = &[
        "Ann", "Bob", "Carol", "Dave", "Jörg", "Zoë", "José", "Priya", "Yuki", "Chloé", "Noah",
        "Emma", "Mateo", "Sofia",
    ];
    const LAST: &[&str] = &[
        "Lee", "Smith", "García", "Nguyen", "Müller", "Rossi", "Tanaka", "Kim", "Patel", "Cohen",
        "Novák", "Silva",
    ];
    format!("{} {}", rng.pick(FIRST), rng.pick(LAST))
}
