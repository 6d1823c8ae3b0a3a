//! Deterministic, labelled text corpora for testing and benchmarking Airlock's sanitizer.
//!
//! Everything here is generated from a seed by a small built-in PRNG, so a corpus is the
//! same on every machine and every run, and no real personal data or credential is involved.
//!
//! - [`clean_prose`]: English-like text with ordinary numbers and nothing sensitive.
//! - [`tool_output`]: JSON lines, logs, emails, HTML, `.env` files, HTTP exchanges (with
//!   cookies), CSV, YAML/TOML, PEM dumps, shell sessions (`curl -u`, `mysql -p`), `.netrc`
//!   and `.pgpass` files, XML configs and name/value pairs (ECS, SSM, Kubernetes `env`),
//!   with sensitive values planted and labelled by exact byte span, and many near misses
//!   (UUIDs, SHAs, versions, dates, invalid card numbers, `hf_transfer`, `password` in
//!   prose, commands that prompt for a password, ...) that must not be flagged.
//! - [`escaped_tool_output`]: the same tool output as the next tool passes it on: escaped
//!   inside JSON strings and `Debug` output, and percent-encoded in URLs, labelled likewise.
//! - [`near_misses`] and [`positives`]: standalone samples for unit-style checks.
//! - [`hostile`]: floods of trigger bytes and token prefixes, for growth tests and benches.
//!
//! ```
//! let corpus = airlock_corpus::tool_output(64 * 1024, 7);
//! assert_eq!(corpus.text.len(), 64 * 1024);
//! for label in &corpus.labels {
//!     assert!(airlock_corpus::KINDS.contains(&label.kind));
//!     let value = &corpus.text[label.start..label.end];
//!     assert!(!value.is_empty());
//! }
//! ```

mod escaped;
mod hostile;
mod nearmiss;
mod prose;
mod rng;
mod samples;
mod tool;
mod values;

/// The name of every kind a [`Label`] can carry, matching the sanitizer's kind names.
pub const KINDS: &[&str] = &[
    "email",
    "phone",
    "ssn",
    "credit_card",
    "ip_address",
    "iban",
    "aws_access_key_id",
    "aws_secret_access_key",
    "github_token",
    "gitlab_token",
    "slack_token",
    "slack_webhook",
    "stripe_key",
    "openai_api_key",
    "anthropic_api_key",
    "google_api_key",
    "npm_token",
    "pypi_token",
    "sendgrid_key",
    "twilio_key",
    "huggingface_token",
    "databricks_token",
    "digitalocean_token",
    "shopify_token",
    "discord_token",
    "discord_webhook",
    "vault_token",
    "google_oauth_token",
    "google_client_secret",
    "telegram_bot_token",
    "groq_api_key",
    "jwt",
    "connection_string",
    "password",
    "bearer_token",
    "session_cookie",
    "generic_secret",
    // Last: the generator plants every other kind anywhere, this one only in PEM dumps.
    "private_key",
];

/// The byte span of one planted sensitive value in [`Corpus::text`], and its kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Label {
    /// The kind's snake_case name, one of [`KINDS`].
    pub kind: &'static str,
    /// First byte of the sensitive value.
    pub start: usize,
    /// One past the last byte of the sensitive value.
    pub end: usize,
}

impl Label {
    /// The byte range `start..end`.
    pub fn span(&self) -> std::ops::Range<usize> {
        self.start..self.end
    }
}

/// A generated text and the labels of every sensitive value planted in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Corpus {
    /// The text.
    pub text: String,
    /// The planted values, sorted by `start`, never overlapping.
    pub labels: Vec<Label>,
}

/// English-like prose of exactly `bytes` bytes with no sensitive data in it.
///
/// It has ordinary numbers: years, counts, versions (`version 2.3.1`), times (`10:30`),
/// prices (`$12.99`) and percentages, and a few non-ASCII words. The same seed always gives
/// the same text.
///
/// ```
/// let text = airlock_corpus::clean_prose(1000, 1);
/// assert_eq!(text.len(), 1000);
/// assert_eq!(text, airlock_corpus::clean_prose(1000, 1));
/// ```
pub fn clean_prose(bytes: usize, seed: u64) -> String {
    prose::clean_prose(bytes, seed)
}

/// Realistic tool output of exactly `bytes` bytes, with sensitive values planted and labelled.
///
/// About 1-2% of the whitespace-separated tokens are sensitive; every kind of [`KINDS`]
/// appears. The rest is full of near misses that a sanitizer must leave alone.
///
/// ```
/// let corpus = airlock_corpus::tool_output(16 * 1024, 42);
/// assert_eq!(corpus.text.len(), 16 * 1024);
/// assert!(!corpus.labels.is_empty());
/// ```
pub fn tool_output(bytes: usize, seed: u64) -> Corpus {
    tool::tool_output(bytes, seed)
}

/// Tool output as the next tool passes it on, of exactly `bytes` bytes, with the sensitive
/// values labelled where they sit in the escaped text.
///
/// Blocks like those of [`tool_output`] are escaped inside JSON strings (a container's log
/// line, a tool result; as `serde_json`, Python and Go escape them) or `Debug`-formatted
/// inside an error, and request lines carry values percent-encoded in their URLs: inside a
/// query carried by another one's (`%3Fpassword%3D…%26`), a search (`%20…%20`), a message
/// (`%0A…%0A`) or a form. Many values sit right after an escape: `\n`, `\u003e`, `%0A`,
/// `%3D`, `%20`. The values are as [`tool_output`] plants them, except that an email's `@`
/// in a URL is `%40` and a private key's line breaks inside a string are `\n`.
///
/// ```
/// let corpus = airlock_corpus::escaped_tool_output(64 * 1024, 42);
/// assert_eq!(corpus.text.len(), 64 * 1024);
/// assert!(corpus.text.contains("\\n") && corpus.text.contains("%3D"));
/// assert!(!corpus.labels.is_empty());
/// ```
pub fn escaped_tool_output(bytes: usize, seed: u64) -> Corpus {
    escaped::escaped_tool_output(bytes, seed)
}

/// Standalone strings that look sensitive but are not: UUIDs, SHAs, versions, dates,
/// timestamps, order and tracking numbers, cards failing Luhn, invalid SSNs and phone numbers,
/// MAC addresses, `user@localhost`, `icon@2x.png`, `max_tokens: 4096`, `sk-learn`, provider
/// prefixes in words (`hf_transfer`, `dapibus`), a Discord id alone, cookies that are no
/// session's, commands that prompt for their password, `password` in prose, ...
///
/// ```
/// let samples = airlock_corpus::near_misses(1);
/// assert!(samples.iter().any(|s| s == "icon@2x.png"));
/// assert!(samples.iter().any(|s| s == "pip install hf_transfer"));
/// ```
pub fn near_misses(seed: u64) -> Vec<String> {
    samples::near_misses(seed)
}

/// `(kind, sample)` pairs covering every kind of [`KINDS`] in many spellings.
///
/// For most kinds the sample is exactly the sensitive value. For the kinds recognised by
/// the name they are assigned to (`aws_secret_access_key`, `password`, `generic_secret`,
/// `bearer_token`), for `session_cookie` (`Cookie: sessionid=…`), for `connection_string`
/// and for a bare SSN (`SSN: 123456789`), the sample includes that context and the
/// sensitive value is part of it: after the last `=`, `:`, space, quote or `>`, before a
/// closing quote, `}` or end tag (`curl … -u admin:…`, `<password>…</password>`,
/// `{"name": "DB_PASSWORD", "value": "…"}`).
///
/// ```
/// let samples = airlock_corpus::positives(1);
/// for kind in airlock_corpus::KINDS {
///     assert!(samples.iter().any(|(k, _)| k == kind), "{kind}");
/// }
/// ```
pub fn positives(seed: u64) -> Vec<(&'static str, String)> {
    samples::positives(seed)
}

/// Inputs that make a scanner read the same bytes again and again, as `(name, text)`, each
/// text at most `bytes` long: every token prefix the sanitizer searches for, repeated
/// (`sk-sk-sk-…`); assignments whose values are no values (`password=${password=${…`);
/// runs of IPv6 characters (`1::1::…`); emails, URLs and digits with separators; escapes;
/// and a JSON object keyed by email addresses (`json_email_keys`). Names are unique.
///
/// ```
/// let inputs = airlock_corpus::hostile(4096);
/// for (name, text) in &inputs {
///     assert!(!text.is_empty() && text.len() <= 4096, "{name}");
/// }
/// assert!(inputs.iter().any(|(name, _)| *name == "v6_one_colons"));
/// ```
pub fn hostile(bytes: usize) -> Vec<(&'static str, String)> {
    hostile::hostile(bytes)
}

/// A JSON object of `keys` members, each keyed by a different email address and holding a
/// number: `{"a0@x.com": 0, "a1@x.com": 1, …}`. Masked, its keys all read alike.
///
/// ```
/// let text = airlock_corpus::email_keyed_object(2);
/// assert_eq!(text, r#"{"a0@x.com": 0, "a1@x.com": 1}"#);
/// ```
pub fn email_keyed_object(keys: usize) -> String {
    hostile::email_keyed_object(keys)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    fn digits(s: &str) -> String {
        s.chars().filter(char::is_ascii_digit).collect()
    }

    fn ascii_token(s: &str, prefix: &str, len: usize, ok: fn(u8) -> bool) -> bool {
        s.len() == prefix.len() + len
            && s.starts_with(prefix)
            && s.bytes().skip(prefix.len()).all(ok)
    }

    fn b64url(b: u8) -> bool {
        b.is_ascii_alphanumeric() || b == b'-' || b == b'_'
    }

    /// Whether a labelled value looks like its kind.
    fn plausible(kind: &str, s: &str) -> bool {
        match kind {
            "email" => {
                let Some((local, domain)) = s.split_once('@') else {
                    return false;
                };
                let tld = domain.rsplit('.').next().unwrap_or("");
                !local.is_empty()
                    && local
                        .bytes()
                        .all(|b| b.is_ascii_alphanumeric() || b"._%+-".contains(&b))
                    && domain.contains('.')
                    && tld.len() >= 2
                    && tld.bytes().all(|b| b.is_ascii_alphabetic())
            }
            "phone" => {
                let d = digits(s);
                (10..=12).contains(&d.len())
                    && (s.starts_with(['+', '(']) || s.as_bytes()[0].is_ascii_digit())
            }
            "ssn" => {
                let d = digits(s);
                let area: u32 = d[..3].parse().unwrap_or(0);
                d.len() == 9
                    && area != 0
                    && area != 666
                    && area < 900
                    && &d[3..5] != "00"
                    && &d[5..] != "0000"
            }
            "credit_card" => values::luhn_valid(s) && values::card_prefix_ok(&digits(s)),
            "ip_address" => s.parse::<std::net::IpAddr>().is_ok(),
            "iban" => values::iban_valid(s),
            "aws_access_key_id" => ascii_token(s, "AKIA", 16, |b| values::BASE32.contains(&b)),
            "aws_secret_access_key" => s.len() == 40 && s.bytes().all(|b| values::B64.contains(&b)),
            "github_token" => {
                ["ghp_", "gho_", "ghs_"]
                    .iter()
                    .any(|p| ascii_token(s, p, 36, |b| b.is_ascii_alphanumeric()))
                    || ascii_token(s, "github_pat_", 82, |b| {
                        b.is_ascii_alphanumeric() || b == b'_'
                    })
            }
            "gitlab_token" => ascii_token(s, "glpat-", 20, b64url),
            "slack_token" => s.starts_with("xoxb-") && s.split('-').count() == 4,
            "slack_webhook" => {
                s.starts_with("https://hooks.slack.com/services/T") && s.split('/').count() == 7
            }
            "stripe_key" => ["sk_live_", "sk_test_", "rk_live_", "rk_test_"]
                .iter()
                .any(|p| ascii_token(s, p, 24, |b| b.is_ascii_alphanumeric())),
            "openai_api_key" => {
                s.starts_with("sk-proj-") && (56..=128).contains(&s.len()) && s.bytes().all(b64url)
            }
            "anthropic_api_key" => {
                s.starts_with("sk-ant-api03-") && s.ends_with("AA") && s.len() == 13 + 95
            }
            "google_api_key" => ascii_token(s, "AIza", 35, b64url),
            "npm_token" => ascii_token(s, "npm_", 36, |b| b.is_ascii_alphanumeric()),
            "pypi_token" => ascii_token(s, "pypi-AgEIcHlwaS5vcmc", 60, b64url),
            "sendgrid_key" => s.starts_with("SG.") && s.len() == 3 + 22 + 1 + 43,
            "twilio_key" => ascii_token(s, "SK", 32, |b| values::HEX.contains(&b)),
            "huggingface_token" => ascii_token(s, "hf_", 34, |b| b.is_ascii_alphanumeric()),
            "databricks_token" => {
                let (token, suffix) = s.split_at(s.len().min(36));
                ascii_token(token, "dapi", 32, |b| values::HEX.contains(&b))
                    && (suffix.is_empty()
                        || (suffix.len() == 2
                            && suffix.starts_with('-')
                            && suffix.as_bytes()[1].is_ascii_digit()))
            }
            "digitalocean_token" => ["dop_v1_", "doo_v1_", "dor_v1_"]
                .iter()
                .any(|p| ascii_token(s, p, 64, |b| values::HEX.contains(&b))),
            "shopify_token" => ["shpat_", "shpss_", "shpca_", "shppa_"]
                .iter()
                .any(|p| ascii_token(s, p, 32, |b| values::HEX.contains(&b))),
            "discord_token" => {
                let parts: Vec<&str> = s.split('.').collect();
                parts.len() == 3
                    && (23..=27).contains(&parts[0].len())
                    && parts[0].starts_with(['M', 'N', 'O'])
                    && parts[1].len() == 6
                    && [27, 38].contains(&parts[2].len())
                    && s.bytes().all(|b| b == b'.' || b64url(b))
            }
            "discord_webhook" => {
                let parts: Vec<&str> = s.split('/').collect();
                parts.len() == 7
                    && ["discord.com", "discordapp.com"].contains(&parts[2])
                    && parts[3..5] == ["api", "webhooks"]
                    && (17..=19).contains(&parts[5].len())
                    && parts[6].len() == 68
            }
            "vault_token" => {
                ["hvs.", "hvb.", "hvr."].iter().any(|p| s.starts_with(p))
                    && (28..=512).contains(&s.len())
                    && s.bytes().skip(4).all(b64url)
            }
            "google_oauth_token" => {
                s.starts_with("ya29.")
                    && s.len() >= 105
                    && s.bytes().all(|b| b == b'.' || b64url(b))
            }
            "google_client_secret" => ascii_token(s, "GOCSPX-", 28, b64url),
            "telegram_bot_token" => s.split_once(':').is_some_and(|(id, secret)| {
                (8..=10).contains(&id.len())
                    && id.bytes().all(|b| b.is_ascii_digit())
                    && secret.len() == 35
                    && secret.starts_with("AA")
                    && secret.bytes().all(b64url)
            }),
            "groq_api_key" => ascii_token(s, "gsk_", 52, |b| b.is_ascii_alphanumeric()),
            "session_cookie" => {
                s.len() >= 16
                    && s.bytes()
                        .all(|b| b.is_ascii_graphic() && !b"\";,".contains(&b))
            }
            "jwt" => {
                let parts: Vec<&str> = s.split('.').collect();
                parts.len() == 3 && parts[0].starts_with("eyJ") && parts[1].starts_with("eyJ")
            }
            "private_key" => {
                s.starts_with("-----BEGIN ")
                    && s.ends_with("PRIVATE KEY-----")
                    && s.contains("-----END ")
            }
            "connection_string" | "password" | "bearer_token" => {
                s.len() >= 8 && !s.contains(char::is_whitespace) && !s.contains(['"', '@', ','])
            }
            "generic_secret" => {
                (24..=40).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_alphanumeric())
            }
            _ => false,
        }
    }

    #[test]
    fn same_seed_same_corpus() {
        assert_eq!(tool_output(200_000, 9), tool_output(200_000, 9));
        assert_ne!(tool_output(200_000, 9).text, tool_output(200_000, 10).text);
        assert_eq!(clean_prose(50_000, 3), clean_prose(50_000, 3));
        assert_ne!(clean_prose(50_000, 3), clean_prose(50_000, 4));
        assert_eq!(near_misses(5), near_misses(5));
        assert_eq!(positives(5), positives(5));
    }

    #[test]
    fn sizes_are_exact() {
        for bytes in [0, 1, 17, 1000, 4096, 100_003] {
            assert_eq!(clean_prose(bytes, 1).len(), bytes);
            let corpus = tool_output(bytes, 1);
            assert_eq!(corpus.text.len(), bytes);
            assert!(corpus.labels.iter().all(|l| l.end <= bytes));
        }
    }

    #[test]
    fn labels_are_sorted_disjoint_and_plausible() {
        for seed in 0..3 {
            let corpus = tool_output(1 << 20, seed);
            let mut prev_end = 0;
            let mut per_kind: BTreeMap<&str, usize> = BTreeMap::new();
            for label in &corpus.labels {
                assert!(label.start >= prev_end, "overlap at {label:?}");
                assert!(label.start < label.end);
                prev_end = label.end;
                assert!(
                    corpus.text.is_char_boundary(label.start)
                        && corpus.text.is_char_boundary(label.end)
                );
                let value = &corpus.text[label.span()];
                assert!(plausible(label.kind, value), "{}: {value:?}", label.kind);
                *per_kind.entry(label.kind).or_default() += 1;
            }
            for kind in KINDS {
                let n = per_kind.get(kind).copied().unwrap_or(0);
                assert!(
                    n >= 5,
                    "kind {kind} planted only {n} times in 1 MiB: {per_kind:?}"
                );
            }
        }
    }

    #[test]
    fn escaped_labels_are_sorted_disjoint_and_plausible() {
        for seed in 0..3 {
            let corpus = escaped_tool_output(1 << 20, seed);
            assert_eq!(corpus.text.len(), 1 << 20);
            let mut prev_end = 0;
            let mut per_kind: BTreeMap<&str, usize> = BTreeMap::new();
            for label in &corpus.labels {
                assert!(label.start >= prev_end, "overlap at {label:?}");
                assert!(label.start < label.end);
                prev_end = label.end;
                let value = corpus.text[label.span()]
                    .replace("%40", "@")
                    .replace("%3A", ":")
                    .replace("\\n", "\n");
                assert!(plausible(label.kind, &value), "{}: {value:?}", label.kind);
                *per_kind.entry(label.kind).or_default() += 1;
            }
            for kind in KINDS {
                let n = per_kind.get(kind).copied().unwrap_or(0);
                assert!(n >= 5, "kind {kind} planted only {n} times: {per_kind:?}");
            }
            // The escapes a value is right after, each often.
            let text = corpus.text.as_bytes();
            for escape in ["\\n", "%3D", "%20", "%0A", "\\u003e"] {
                let after = corpus
                    .labels
                    .iter()
                    .filter(|l| text[..l.start].ends_with(escape.as_bytes()))
                    .count();
                assert!(after >= 10, "{after} values after {escape}");
            }
        }
        assert_eq!(
            escaped_tool_output(100_000, 4),
            escaped_tool_output(100_000, 4)
        );
    }

    /// How many labels of `kind` in `corpus` have text before them (on their line, within
    /// 160 bytes) for which `shape` holds.
    fn count_shape(corpus: &Corpus, kind: &str, shape: impl Fn(&str) -> bool) -> usize {
        corpus
            .labels
            .iter()
            .filter(|l| l.kind == kind)
            .filter(|l| {
                let mut from = l.start.saturating_sub(160);
                while !corpus.text.is_char_boundary(from) {
                    from += 1;
                }
                // As the text means it, where it is escaped.
                let before = corpus.text[from..l.start]
                    .replace(r#"\""#, "\"")
                    .replace(r"\n", "\n")
                    .replace("%3D", "=");
                shape(before.rsplit('\n').next().unwrap_or(&before)) || shape(&before)
            })
            .count()
    }

    #[test]
    fn every_shape_of_issue_14_is_planted() {
        let plain = tool_output(8 << 20, 1);
        let escaped = escaped_tool_output(4 << 20, 1);
        // (name, kind, the text before the value) of each shape.
        type Shape = (&'static str, &'static str, fn(&str) -> bool);
        let shapes: &[Shape] = &[
            ("curl -u", "password", |b| {
                b.contains("curl") && b.ends_with(':')
            }),
            ("mysql -p", "password", |b| {
                b.contains("mysql") && b.ends_with("-p")
            }),
            ("--password=", "password", |b| b.ends_with("--password=")),
            (".netrc", "password", |b| b.ends_with("password ")),
            (".pgpass", "password", |b| b.contains(".pgpass")),
            ("<password>", "password", |b| b.ends_with(">")),
            ("name/value", "password", |b| {
                b.ends_with("\"value\": \"")
                    || b.ends_with("\"Value\": \"")
                    || b.ends_with("value: ")
            }),
            ("<add key value>", "password", |b| b.ends_with("value=\"")),
            ("Pwd=", "password", |b| b.ends_with("Pwd=")),
            ("other names", "password", |b| {
                let name = b.trim_end_matches(['"', '=', ' ', ':']);
                let (lower, upper) = tool::OTHER_PASSWORD_NAMES;
                lower.iter().chain(upper).any(|n| name.ends_with(n))
            }),
            ("Cookie:", "session_cookie", |b| {
                b.contains("Cookie: ") && !b.contains("Set-")
            }),
            ("Set-Cookie:", "session_cookie", |b| {
                b.contains("Set-Cookie: ")
            }),
            ("Bearer hf_", "huggingface_token", |b| {
                b.ends_with("Bearer ")
            }),
            ("Bot", "discord_token", |b| b.ends_with("Bot ")),
            ("X-Vault-Token:", "vault_token", |b| {
                b.ends_with("X-Vault-Token: ")
            }),
            ("/bot<token>", "telegram_bot_token", |b| b.ends_with("/bot")),
        ];
        for (name, kind, shape) in shapes {
            let n = count_shape(&plain, kind, shape);
            assert!(n >= 5, "{name}: {n} plain plants");
        }
        // Providers' tokens sent as `Authorization: Bearer …`, found by their own kind.
        for kind in [
            "databricks_token",
            "digitalocean_token",
            "shopify_token",
            "groq_api_key",
        ] {
            let n = count_shape(&plain, kind, |b| b.ends_with("Bearer "));
            assert!(n >= 5, "Bearer {kind}: {n} plain plants");
        }
        for (name, kind, shape) in &shapes[..shapes.len() - 4] {
            let n = count_shape(&escaped, kind, shape);
            assert!(n >= 5, "{name}: {n} escaped plants");
        }
        // Escaped: a Telegram token's `:` percent-encoded in a URL, and an appSettings
        // pair with its `<` and `>` escaped by Go.
        assert!(
            escaped.labels.iter().any(|l| {
                l.kind == "telegram_bot_token" && escaped.text[l.span()].contains("%3A")
            })
        );
        let go_escaped_pair = |b: &str| b.contains(r"\u003cadd key=") && b.ends_with("value=\"");
        assert!(count_shape(&escaped, "password", go_escaped_pair) >= 1);
        // And a command line continued with `\` (`"$ curl -X PUT \\\n    -u admin:…"`).
        let continued = |b: &str| b.contains("\\\\\n") && b.ends_with(':');
        assert!(count_shape(&escaped, "password", continued) >= 1);
    }

    #[test]
    fn context_labels_sit_in_their_context() {
        let corpus = tool_output(1 << 20, 11);
        for label in &corpus.labels {
            let before = String::from_utf8_lossy(
                &corpus.text.as_bytes()[label.start.saturating_sub(48)..label.start],
            );
            match label.kind {
                "connection_string" => assert!(before.contains("://"), "{before:?}"),
                "bearer_token" => assert!(before.ends_with("Bearer "), "{before:?}"),
                "aws_secret_access_key" => {
                    assert!(
                        before
                            .to_ascii_lowercase()
                            .contains("aws_secret_access_key"),
                        "{before:?}"
                    );
                }
                "generic_secret" => {
                    assert!(before.to_ascii_lowercase().contains("key"), "{before:?}")
                }
                _ => {}
            }
            if label.kind == "connection_string" {
                assert_eq!(corpus.text.as_bytes()[label.end], b'@');
            }
        }
    }

    #[test]
    fn sensitive_token_density_is_one_to_two_percent() {
        let corpus = tool_output(4 << 20, 2);
        let tokens = corpus.text.split_whitespace().count();
        let ratio = corpus.labels.len() as f64 / tokens as f64;
        assert!(
            (0.01..=0.02).contains(&ratio),
            "{} labels / {tokens} tokens = {ratio:.4}",
            corpus.labels.len()
        );
    }

    #[test]
    fn clean_prose_has_numbers_but_nothing_sensitive() {
        let text = clean_prose(200_000, 8);
        assert!(text.contains('$') && text.contains('%') && text.contains(':'));
        assert!(text.contains("version ") && text.bytes().any(|b| b.is_ascii_digit()));
        assert!(!text.contains('@') && !text.contains('+') && !text.contains('='));
        assert!(!text.is_ascii(), "some non-ASCII words are expected");
    }

    #[test]
    fn positives_are_plausible_where_checkable() {
        let samples = positives(3);
        for (kind, sample) in &samples {
            assert!(KINDS.contains(kind), "{kind}");
            match *kind {
                "credit_card" | "iban" | "ip_address" | "jwt" => {
                    assert!(plausible(kind, sample), "{kind}: {sample}")
                }
                _ => {}
            }
        }
        for kind in KINDS {
            assert!(
                samples.iter().filter(|(k, _)| k == kind).count() >= 2,
                "{kind}"
            );
        }
    }

    #[test]
    fn near_misses_fail_the_checks_they_resemble() {
        for s in near_misses(4) {
            let d = digits(&s);
            if d.len() >= 14 && d.len() == s.chars().filter(|c| !matches!(c, ' ' | '-')).count() {
                assert!(
                    !(values::luhn_valid(&s) && values::card_prefix_ok(&d)),
                    "{s} is a card"
                );
            }
            assert!(
                !(s.len() >= 18
                    && s.as_bytes()[..2].iter().all(u8::is_ascii_uppercase)
                    && values::iban_valid(&s)),
                "{s}"
            );
        }
    }

    #[test]
    fn hostile_inputs_have_unique_names_and_fit_their_size() {
        for bytes in [1000, 64 * 1024, 1 << 20] {
            let inputs = hostile(bytes);
            let names: std::collections::HashSet<_> = inputs.iter().map(|(n, _)| n).collect();
            assert_eq!(names.len(), inputs.len());
            for (name, text) in &inputs {
                assert!(text.len() <= bytes, "{name}: {} > {bytes}", text.len());
                // Large enough for a scan that rereads to show it.
                assert!(bytes < 64 * 1024 || text.len() >= bytes / 2, "{name}");
            }
        }
    }
}
