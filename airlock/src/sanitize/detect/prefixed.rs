//! Tokens announced by a literal prefix (`ghp_`, `AKIA`, `sk-ant-`, `eyJ`, `-----BEGIN `,
//! `://`, `Bearer `): found by one SIMD multi-literal search, then confirmed here.

use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};

use super::{Candidate, is_placeholder, pem, run, url};
use crate::sanitize::bytes::{before, byte};
use crate::sanitize::enabled::Enabled;
use crate::sanitize::kind::Kind;

/// What a literal announces.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Announces {
    Github,
    GithubPat,
    Gitlab,
    SlackXox,
    SlackApp,
    SlackWebhook,
    Stripe,
    StripeWebhook,
    SkDash,
    Google,
    Npm,
    Pypi,
    Sendgrid,
    Aws,
    Jwt,
    Pem,
    Url,
    Bearer,
}

/// The literals searched for, each with the text that must precede it (`lead`). A token's
/// prefix is `lead` + literal; the split keeps the searched part's first three bytes rare in
/// prose (`ghost` would match `gho`, `global` would match `glo`), so the SIMD search stops
/// on few false candidates.
const LITERALS: &[(&str, &str, Announces)] = &[
    ("g", "hp_", Announces::Github),
    ("g", "ho_", Announces::Github),
    ("g", "hu_", Announces::Github),
    ("g", "hs_", Announces::Github),
    ("g", "hr_", Announces::Github),
    ("github", "_pat_", Announces::GithubPat),
    ("", "glpat-", Announces::Gitlab),
    ("", "glptt-", Announces::Gitlab),
    ("", "gldt-", Announces::Gitlab),
    ("", "glrt-", Announces::Gitlab),
    ("", "glcbt-", Announces::Gitlab),
    ("", "glft-", Announces::Gitlab),
    ("gl", "imt-", Announces::Gitlab),
    ("", "glagent-", Announces::Gitlab),
    ("gl", "oas-", Announces::Gitlab),
    ("", "glsoat-", Announces::Gitlab),
    ("", "xox", Announces::SlackXox),
    ("", "xapp-", Announces::SlackApp),
    ("hooks", ".slack.com/", Announces::SlackWebhook),
    ("", "sk_live_", Announces::Stripe),
    ("", "sk_test_", Announces::Stripe),
    ("", "rk_live_", Announces::Stripe),
    ("", "rk_test_", Announces::Stripe),
    ("", "whsec_", Announces::StripeWebhook),
    ("", "sk-", Announces::SkDash),
    ("", "AIza", Announces::Google),
    ("", "npm_", Announces::Npm),
    ("", "pypi-AgE", Announces::Pypi),
    ("", "SG.", Announces::Sendgrid),
    ("", "AKIA", Announces::Aws),
    ("", "ASIA", Announces::Aws),
    ("", "ABIA", Announces::Aws),
    ("", "ACCA", Announces::Aws),
    ("", "eyJ", Announces::Jwt),
    ("-----", "BEGIN ", Announces::Pem),
    ("", "://", Announces::Url),
    ("", "Bearer ", Announces::Bearer),
    ("", "bearer ", Announces::Bearer),
    ("", "BEARER ", Announces::Bearer),
];

/// Whether `prefix` is what a partial mask keeps of a token: it starts with one of the
/// literals (`AKIA`, `sk-`, `xoxb-`, or the webhook's `https://hooks.slack.com/services/`).
pub(super) fn is_public_prefix(prefix: &[u8]) -> bool {
    let bare = prefix.strip_prefix(b"https://").unwrap_or(prefix);
    prefix.len() <= 48
        && LITERALS.iter().any(|(lead, lit, announces)| {
            *announces != Announces::Url
                && *announces != Announces::Bearer
                && bare.starts_with(lead.as_bytes())
                && bare[lead.len()..].starts_with(lit.as_bytes())
        })
}

/// The longest token body any rule here accepts.
const MAX_TOKEN: usize = 512;

static SEARCHER: LazyLock<AhoCorasick> = LazyLock::new(|| searcher(true));

/// The same search without a prefilter, for short inputs (a tool's one-line answer): the
/// prefilter's set-up (Rabin-Karp below Teddy's minimum length) costs more there than
/// walking the automaton over every byte.
static SHORT_SEARCHER: LazyLock<AhoCorasick> = LazyLock::new(|| searcher(false));

/// Inputs up to this many bytes use [`SHORT_SEARCHER`].
const SHORT: usize = 64;

fn searcher(prefilter: bool) -> AhoCorasick {
    // Invariant: a few dozen short literals are far inside every size limit of the builder,
    // so building cannot fail; a failure would be a bug caught by every test.
    #[allow(clippy::expect_used)]
    AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .kind(Some(AhoCorasickKind::DFA))
        .prefilter(prefilter)
        .build(LITERALS.iter().map(|(_, lit, _)| lit))
        .expect("the token literals always build")
}

/// Finds every prefixed token in `hay`.
pub(crate) fn scan(hay: &[u8], enabled: &Enabled, out: &mut Vec<Candidate>) {
    let searcher = if hay.len() <= SHORT {
        &*SHORT_SEARCHER
    } else {
        &*SEARCHER
    };
    let mut from = 0;
    while from < hay.len() {
        let input = aho_corasick::Input::new(hay).span(from..hay.len());
        let Some(m) = searcher.find(input) else { break };
        let (lead, _, announces) = LITERALS[m.pattern().as_usize()];
        let Some(start) = m
            .start()
            .checked_sub(lead.len())
            .filter(|&s| hay[s..m.start()] == *lead.as_bytes())
        else {
            from = m.start() + 1;
            continue;
        };
        let confirmed = confirm(hay, start, m.end(), announces, enabled);
        from = match confirmed {
            // A token that starts at its literal covers everything up to its end: skip it. A
            // credential found after its literal (`Bearer `, `://`) may itself be a more
            // specific token, so the search goes on right after the literal.
            Some(c) if c.start <= start && c.end > m.end() => {
                let end = c.end;
                out.push(c);
                end
            }
            Some(c) => {
                out.push(c);
                m.end()
            }
            // `xoxb-xoxb-…` without a digit: no `xox` in this run can match, so skip it
            // (otherwise each of them rereads the run, and the scan turns quadratic-ish).
            None if announces == Announces::SlackXox => {
                let end = run(hay, m.end(), MAX_TOKEN + 1, |b| {
                    b.is_ascii_alphanumeric() || b == b'-' || b == b'.'
                });
                if has_digit(&hay[m.end()..end]) {
                    m.start() + 1
                } else {
                    end.max(m.start() + 1)
                }
            }
            None => m.start() + 1,
        };
    }
}

fn confirm(
    hay: &[u8],
    start: usize,
    lit_end: usize,
    announces: Announces,
    enabled: &Enabled,
) -> Option<Candidate> {
    let alnum = |b: u8| b.is_ascii_alphanumeric();
    let word = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    let b64url = |b: u8| b.is_ascii_alphanumeric() || b == b'_' || b == b'-';
    let token = |kind: Kind, class: &dyn Fn(u8) -> bool, min: usize, max: usize| {
        if !enabled.contains(&kind) || before(hay, start).is_ascii_alphanumeric() {
            return None;
        }
        let end = run(hay, lit_end, max + 1, class);
        let len = end - lit_end;
        ((min..=max).contains(&len))
            .then(|| Candidate::new(kind, start, end).with_prefix(lit_end - start))
    };
    match announces {
        Announces::Github => token(Kind::GithubToken, &alnum, 36, 251),
        Announces::GithubPat => token(Kind::GithubToken, &word, 50, 251),
        Announces::Gitlab => {
            let c = token(
                Kind::GitlabToken,
                &|b| b64url(b) || b == b'.',
                20,
                MAX_TOKEN,
            )?;
            // A trailing `.` ends a sentence; a trailing `-` is part of the token.
            let end = c.start + trim_trailing(&hay[c.start..c.end], b".");
            (end - lit_end >= 20).then_some(Candidate { end, ..c })
        }
        Announces::SlackXox => {
            // xoxb-, xoxp-, xoxa-, xoxr-, xoxs-, xoxe-, xoxe.xoxp-
            if !matches!(byte(hay, lit_end), b'a' | b'b' | b'e' | b'p' | b'r' | b's')
                || !matches!(byte(hay, lit_end + 1), b'-' | b'.')
            {
                return None;
            }
            let c = token(
                Kind::SlackToken,
                &|b| alnum(b) || b == b'-' || b == b'.',
                12,
                MAX_TOKEN,
            )?;
            let end = c.start + trim_trailing(&hay[c.start..c.end], b".-");
            has_digit(&hay[lit_end..end]).then(|| Candidate {
                end,
                ..c.with_prefix(5)
            })
        }
        Announces::SlackApp => token(Kind::SlackToken, &|b| alnum(b) || b == b'-', 20, MAX_TOKEN),
        Announces::SlackWebhook => slack_webhook(hay, start, lit_end, enabled),
        Announces::Stripe => token(Kind::StripeKey, &alnum, 10, MAX_TOKEN),
        Announces::StripeWebhook => token(Kind::StripeKey, &alnum, 24, MAX_TOKEN),
        Announces::SkDash => sk_dash(hay, start, lit_end, enabled),
        Announces::Google => token(Kind::GoogleApiKey, &b64url, 35, 35),
        Announces::Npm => token(Kind::NpmToken, &alnum, 36, 36),
        Announces::Pypi => token(Kind::PypiToken, &b64url, 50, MAX_TOKEN).map(|c| c.with_prefix(5)),
        Announces::Sendgrid => {
            let c = token(Kind::SendgridKey, &b64url, 16, 32)?;
            if byte(hay, c.end) != b'.' {
                return None;
            }
            let end = run(hay, c.end + 1, 65, b64url);
            ((30..=64).contains(&(end - c.end - 1))).then_some(Candidate { end, ..c })
        }
        Announces::Aws => {
            let c = token(Kind::AwsAccessKeyId, &alnum, 16, 16)?;
            hay[lit_end..c.end]
                .iter()
                .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
                .then_some(c)
        }
        Announces::Jwt => jwt(hay, start, enabled),
        Announces::Pem => pem::at(hay, start, enabled),
        Announces::Url => url::connection(hay, start, enabled),
        Announces::Bearer => bearer(hay, start, lit_end, enabled),
    }
}

/// `sk-ant-api03-…` (Anthropic) or `sk-proj-…`, `sk-svcacct-…`, `sk-admin-…`, legacy `sk-…` (OpenAI).
fn sk_dash(hay: &[u8], start: usize, lit_end: usize, enabled: &Enabled) -> Option<Candidate> {
    if before(hay, start).is_ascii_alphanumeric() {
        return None;
    }
    let class = |b: u8| b.is_ascii_alphanumeric() || b == b'_' || b == b'-';
    let end = run(hay, lit_end, MAX_TOKEN + 1, class);
    let body = &hay[lit_end..end];
    if body.len() < 20 || body.len() > MAX_TOKEN || !has_digit(body) {
        return None;
    }
    // Prose like `sk-learn-tutorials-for-beginners` has no long unbroken run.
    let longest = body
        .split(|&b| b == b'-')
        .map(<[u8]>::len)
        .max()
        .unwrap_or(0);
    if longest < 16 {
        return None;
    }
    let (kind, prefix) = if let Some(rest) = body.strip_prefix(b"ant-") {
        // Keep `sk-ant-api03-`: the product segment is public.
        let segment = rest.iter().position(|&b| b == b'-').filter(|&n| n <= 10);
        (Kind::AnthropicApiKey, 3 + 4 + segment.map_or(0, |n| n + 1))
    } else {
        let named = [&b"proj-"[..], b"svcacct-", b"admin-", b"None-"]
            .into_iter()
            .find(|p| body.starts_with(p));
        (Kind::OpenaiApiKey, 3 + named.map_or(0, <[u8]>::len))
    };
    enabled
        .contains(&kind)
        .then(|| Candidate::new(kind, start, end).with_prefix(prefix))
}

fn slack_webhook(hay: &[u8], start: usize, lit_end: usize, enabled: &Enabled) -> Option<Candidate> {
    if !enabled.contains(&Kind::SlackWebhook) {
        return None;
    }
    let rest = &hay[lit_end..];
    let segment = [&b"services/"[..], b"workflows/", b"triggers/"]
        .into_iter()
        .find(|s| rest.starts_with(s))?;
    let path_start = lit_end + segment.len();
    let end = run(hay, path_start, MAX_TOKEN, |b| {
        b.is_ascii_alphanumeric() || b == b'/' || b == b'_' || b == b'-'
    });
    let end = path_start + trim_trailing(&hay[path_start..end], b"/");
    if end - path_start < 20 {
        return None;
    }
    let scheme = [&b"https://"[..], b"http://"]
        .into_iter()
        .find(|s| hay[..start].ends_with(s))
        .map_or(0, <[u8]>::len);
    let span_start = start - scheme;
    Some(Candidate::new(Kind::SlackWebhook, span_start, end).with_prefix(path_start - span_start))
}

/// A JSON Web Token: `eyJ<header>.eyJ<payload>.<signature>`.
fn jwt(hay: &[u8], start: usize, enabled: &Enabled) -> Option<Candidate> {
    let b64url = |b: u8| b.is_ascii_alphanumeric() || b == b'_' || b == b'-';
    if !enabled.contains(&Kind::Jwt) || b64url(before(hay, start)) {
        return None;
    }
    // Each part is read to its end however long (a 16 KiB payload is no rarity): the scan
    // skips the token, and an `eyJ` inside a part is not a token's start, so no part is
    // read twice.
    let header_end = run(hay, start, usize::MAX, b64url);
    if header_end - start < 10
        || byte(hay, header_end) != b'.'
        || !hay[header_end + 1..].starts_with(b"eyJ")
    {
        return None;
    }
    let payload_end = run(hay, header_end + 1, usize::MAX, b64url);
    if payload_end - header_end - 1 < 10 || byte(hay, payload_end) != b'.' {
        return None;
    }
    let end = run(hay, payload_end + 1, usize::MAX, b64url);
    Some(Candidate::new(Kind::Jwt, start, end).with_prefix(3))
}

/// The credential after `Bearer `.
fn bearer(hay: &[u8], start: usize, lit_end: usize, enabled: &Enabled) -> Option<Candidate> {
    if !enabled.contains(&Kind::BearerToken) || before(hay, start).is_ascii_alphanumeric() {
        return None;
    }
    token_after_scheme(hay, lit_end).map(|(s, e)| Candidate::new(Kind::BearerToken, s, e))
}

/// The credential of an `Authorization` scheme, starting at `from`: at least 8 token68
/// characters that look random (so `Bearer authentication` is prose).
pub(super) fn token_after_scheme(hay: &[u8], from: usize) -> Option<(usize, usize)> {
    let token68 = |b: u8| b.is_ascii_alphanumeric() || b"._~+/-".contains(&b);
    // To its end however long: a credential follows one scheme's space, so no two reads of
    // one overlap.
    let body_end = run(hay, from, usize::MAX, token68);
    let end = run(hay, body_end, 4, |b| b == b'=');
    // `token_type=bearer module=db`: an `=` inside is an assignment, not padding.
    if token68(byte(hay, end)) || byte(hay, end) == b'=' {
        return None;
    }
    let value = &hay[from..end];
    let body = &hay[from..body_end];
    // Credentials are random: a digit in them, or both cases over a long run. Names like
    // `password_changed_at` (after `token_type=bearer`) are neither.
    let mixed = body.iter().any(u8::is_ascii_uppercase) && body.iter().any(u8::is_ascii_lowercase);
    let shaped =
        body.len() >= 8 && (body.iter().any(u8::is_ascii_digit) || (mixed && body.len() >= 16));
    (shaped && !is_placeholder(value) && value.iter().any(u8::is_ascii_alphanumeric))
        .then_some((from, end))
}

fn has_digit(bytes: &[u8]) -> bool {
    bytes.iter().any(u8::is_ascii_digit)
}

/// The length of `bytes` without trailing bytes from `trim`.
fn trim_trailing(bytes: &[u8], trim: &[u8]) -> usize {
    bytes
        .iter()
        .rposition(|b| !trim.contains(b))
        .map_or(0, |i| i + 1)
}

#[cfg(test)]
mod tests {

    #[test]
    fn the_short_search_finds_what_the_long_one_finds() {
        let samples = [
            "token ghp_0123456789abcdefghijklmnopqrstuvwxyz end",
            "sk-ant-api03-AbCdEfGh xoxb-1-2 AKIAIOSFODNN7EXAMPLE",
            "Bearer abc.def.ghi https://u:p@h/ eyJhbGciOiJIUzI1NiJ9.e30.x",
            "blue 7",
            "",
        ];
        for sample in samples {
            for start in 0..sample.len() {
                let hay = &sample.as_bytes()[start..];
                let short = SHORT_SEARCHER
                    .find_iter(hay)
                    .map(|m| (m.pattern(), m.span()));
                let long = SEARCHER.find_iter(hay).map(|m| (m.pattern(), m.span()));
                assert!(short.eq(long), "{sample:?} from {start}");
            }
        }
    }

    use super::*;

    fn found(text: &str) -> Vec<(Kind, &str)> {
        let mut out = Vec::new();
        scan(text.as_bytes(), &Enabled::all(), &mut out);
        out.into_iter()
            .map(|c| (c.kind, &text[c.start..c.end]))
            .collect()
    }

    const GH: &str = "ghp_0123456789abcdefghijABCDEFGHIJklmnop";

    #[test]
    fn tokens_with_their_kind_and_span() {
        let anthropic = format!("sk-ant-api03-{}AA", "a1B2c3D4e5".repeat(9));
        let openai = format!(
            "sk-proj-{}-{}",
            "Zx9_Yw8Vu7TqR5sP3oN1mL2k", "Jh4Gf6Ds8Aa0Ss2Dd4Ff6Gg"
        );
        let cases: Vec<(String, Kind, String)> = vec![
            (format!("token={GH}"), Kind::GithubToken, GH.into()),
            (format!("github_pat_{}", "A1b2C3d4_".repeat(9)), Kind::GithubToken, format!("github_pat_{}", "A1b2C3d4_".repeat(9))),
            ("glpat-Ab1Cd2Ef3Gh4Ij5Kl6Mn-".into(), Kind::GitlabToken, "glpat-Ab1Cd2Ef3Gh4Ij5Kl6Mn-".into()),
            ("xoxb-123456789012-1234567890123-AbCdEfGhIjKl.".into(), Kind::SlackToken, "xoxb-123456789012-1234567890123-AbCdEfGhIjKl".into()),
            ("see https://hooks.slack.com/services/T0123ABCD/B0123ABCD/abcdefghijklmnopqrstuvwx>".into(), Kind::SlackWebhook, "https://hooks.slack.com/services/T0123ABCD/B0123ABCD/abcdefghijklmnopqrstuvwx".into()),
            ("sk_live_51HxQ2eKp9Vb3TzR8wYbLmP4sKd,".into(), Kind::StripeKey, "sk_live_51HxQ2eKp9Vb3TzR8wYbLmP4sKd".into()),
            (format!("{openai}\""), Kind::OpenaiApiKey, openai.clone()),
            // Peers miss these when a `,` or `<` follows.
            (format!("<key>{anthropic}</key>"), Kind::AnthropicApiKey, anthropic.clone()),
            (format!("{anthropic},"), Kind::AnthropicApiKey, anthropic.clone()),
            ("AIzaSyA1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q,".into(), Kind::GoogleApiKey, "AIzaSyA1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q".into()),
            ("AIzaSyA1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q<".into(), Kind::GoogleApiKey, "AIzaSyA1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q".into()),
            ("npm_abcdefghijklmnopqrstuvwxyz0123456789".into(), Kind::NpmToken, "npm_abcdefghijklmnopqrstuvwxyz0123456789".into()),
            (format!("pypi-AgEIcHlwaS5vcmc{}", "x1Y2z3".repeat(10)), Kind::PypiToken, format!("pypi-AgEIcHlwaS5vcmc{}", "x1Y2z3".repeat(10))),
            (format!("SG.{}.{}", "a1B2c3D4e5F6g7H8i9J0k1", "Z".repeat(43)), Kind::SendgridKey, format!("SG.{}.{}", "a1B2c3D4e5F6g7H8i9J0k1", "Z".repeat(43))),
            ("id=AKIAIOSFODNN7EXAMPLE;".into(), Kind::AwsAccessKeyId, "AKIAIOSFODNN7EXAMPLE".into()),
            ("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.c2lnbmF0dXJl".into(), Kind::Jwt, "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.c2lnbmF0dXJl".into()),
            ("mysql://root:hunter2@db/app".into(), Kind::ConnectionString, "hunter2".into()),
            ("Bearer 7f3c9a2e41b8d6f0c5a1e9b2d4f8a6c3".into(), Kind::BearerToken, "7f3c9a2e41b8d6f0c5a1e9b2d4f8a6c3".into()),
        ];
        for (text, kind, span) in &cases {
            assert_eq!(
                found(text),
                vec![(kind.clone(), span.as_str())],
                "in {text:?}"
            );
        }
    }

    #[test]
    fn near_misses() {
        for text in [
            "ghp_tooShort123",
            &format!("x{GH}"),
            "sk-learn-tutorials-for-beginners-2024",
            "task-runner and sk-",
            "pk_live_51HxQ2eKp9Vb3TzR8wYbLmP4sKd",
            "AKIAIOSFODNN7EXAMPL",
            "AKIAIOSFODNN7EXAMPLEX",
            "AIzaSyA1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6",
            "eyJhbGciOiJIUzI1NiJ9 is a header",
            "https://example.com/path",
            "postgres://user@db/app",
            "postgres://user:${DB_PASSWORD}@db/app",
            "the bearer authentication scheme",
            "token_type=bearer module=db",
            "xoxb-not-a-token-here",
            "hooks.slack.com/docs",
            "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----",
            "-----BEGIN RSA PRIVATE KEY-----\n****\n-----END RSA PRIVATE KEY-----",
        ] {
            assert_eq!(found(text), vec![], "in {text:?}");
        }
    }

    #[test]
    fn private_keys_whole_or_truncated() {
        let block = "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----";
        assert_eq!(
            found(&format!("key:\n{block}\nok")),
            vec![(Kind::PrivateKey, block)]
        );
        let escaped = r"-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBg\n-----END PRIVATE KEY-----\n";
        assert_eq!(
            found(escaped),
            vec![(Kind::PrivateKey, &escaped[..escaped.len() - 2])]
        );
        let cut = "-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEIBb2\nAwEHoUQDQgAE";
        assert_eq!(found(cut), vec![(Kind::PrivateKey, cut)]);
    }
}
