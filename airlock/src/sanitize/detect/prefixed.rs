//! Tokens announced by a literal prefix (`ghp_`, `AKIA`, `sk-ant-`, `eyJ`, `-----BEGIN `,
//! `://`, `Bearer `): found by one SIMD multi-literal search, then confirmed here. The same
//! search finds the words that open a context read elsewhere: a `Cookie:` header, a `curl`
//! or `mysql` command line, a `.netrc` entry (by its `login`). (A `.pgpass` line is found by
//! the byte scan, from a `:*:` field or its port's digits.)

use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};

use super::{
    Candidate, Next, Reach, command, cookie, dotfile, is_placeholder, pem, providers, run, url,
};
use crate::sanitize::bytes::{byte, unescaped_before};
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
    /// A token of `providers`.
    Provider,
    /// An option of `curl` that takes a user and password.
    CurlOption,
    /// A context, read by its own detector: see [`Context`].
    Context(Context),
}

/// The words that open a context whose credentials a detector elsewhere reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Context {
    /// `Cookie:` or `Set-Cookie:`, in any case but all capitals (found by their `kie`).
    Cookie,
    /// `mysql` (`mysqldump`, ...) and its arguments, or `curl` and its (found back from a
    /// URL or an option in them).
    Command,
    /// `machine host login user password secret`, found by its `login` (without which it
    /// holds no password to mask): `machine` is a word of prose, `login` is rare there.
    /// (A `.pgpass` line is found by the scan's `:` trigger, at a `:*:` field, or from the
    /// digits of its port.)
    Netrc,
}

impl Context {
    const ALL: [Context; 3] = [Context::Cookie, Context::Command, Context::Netrc];
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
    // Each literal costs every scan (past 64 the search loses its SIMD prefilter, Teddy,
    // and a crowded one lets through more false candidates), so only the prefixes whose
    // tokens may hold no digit are here: `providers` has the rest, found from their digits.
    ("", "hf_", Announces::Provider),
    ("", "hvs.", Announces::Provider),
    // (Batch and recovery tokens, and Groq keys, may hold no digit, or a `--` before the
    // first, which ends the token the numeric scan reaches them from.)
    ("", "hvb.", Announces::Provider),
    ("", "hvr.", Announces::Provider),
    ("", "gsk_", Announces::Provider),
    ("", "GOCSPX-", Announces::Provider),
    ("", "kie", Announces::Context(Context::Cookie)),
    ("", "mysql", Announces::Context(Context::Command)),
    ("", "login", Announces::Context(Context::Netrc)),
    // (A `curl` command is found back from its `://` or `--user`: see `command::LastCurl`.
    // A literal for `-u` found it without a URL too, but cost a third of the clean-prose
    // throughput: each literal here is paid on every byte.)
    ("", "--user", Announces::CurlOption),
];

// Teddy, the SIMD prefilter, takes at most 64 literals.
const _: () = assert!(LITERALS.len() <= 64);

/// The order the search is given [`LITERALS`] in (their indices; a match's pattern is its
/// position here). Teddy puts literals into its sixteen buckets by their position, and a
/// bucket holding literals whose first bytes share little lets through more false
/// candidates: this order was chosen by measuring the search over the corpus' clean prose
/// and tool output (callgrind: 14.4 M -> 11.4 M instructions for 2 MiB of each, against
/// the table's own order); `hvb.`, `hvr.` and `gsk_`, added since, are last until the
/// order is tuned again.
const SEARCH_ORDER: [usize; LITERALS.len()] = [
    10, 3, 24, 27, 11, 14, 2, 5, 8, 16, 9, 35, 12, 29, 13, 36, 46, 17, 18, 19, 33, 6, 30, 34, 47,
    1, 26, 39, 28, 44, 15, 31, 0, 32, 20, 22, 21, 40, 38, 7, 37, 25, 45, 4, 48, 23, 41, 42, 43,
];

/// Whether `prefix` is what a partial mask keeps of a token: it starts with one of the
/// literals (`AKIA`, `sk-`, `xoxb-`, or the webhook's `https://hooks.slack.com/services/`).
pub(super) fn is_public_prefix(prefix: &[u8]) -> bool {
    let bare = prefix.strip_prefix(b"https://").unwrap_or(prefix);
    prefix.len() <= 48
        && (providers::is_public_prefix(bare)
            || LITERALS.iter().any(|(lead, lit, announces)| {
                !matches!(
                    announces,
                    Announces::Url
                        | Announces::Bearer
                        | Announces::Provider
                        | Announces::CurlOption
                        | Announces::Context(_)
                ) && bare.starts_with(lead.as_bytes())
                    && bare[lead.len()..].starts_with(lit.as_bytes())
            }))
}

/// The longest token body most rules here accept.
const MAX_TOKEN: usize = 512;

static SEARCHER: LazyLock<AhoCorasick> = LazyLock::new(|| searcher(true));

/// The same search without a prefilter, for short inputs (a tool's one-line answer): the
/// prefilter's set-up (Rabin-Karp below Teddy's minimum length) costs more there than
/// walking the automaton over every byte.
static SHORT_SEARCHER: LazyLock<AhoCorasick> = LazyLock::new(|| searcher(false));

/// Inputs up to this many bytes use [`SHORT_SEARCHER`].
const SHORT: usize = 64;

/// Bit `a << 8 | b` set when some literal starts with the bytes `a`, `b`: a short input
/// without any of these pairs holds no literal, and is not searched at all (the search's
/// set-up costs more than a tool's one-line answer takes to check here).
static FIRST_PAIRS: [u64; 1024] = first_pairs();

const fn first_pairs() -> [u64; 1024] {
    let mut bits = [0u64; 1024];
    let mut i = 0;
    while i < LITERALS.len() {
        // Every literal has at least two bytes; one with fewer fails to compile here.
        let lit = LITERALS[i].1.as_bytes();
        let pair = (lit[0] as usize) << 8 | lit[1] as usize;
        bits[pair / 64] |= 1 << (pair % 64);
        i += 1;
    }
    bits
}

/// Every literal the search looks for, with the lead that must come before it, for tests
/// that draw text around them.
#[cfg(test)]
pub(crate) fn literals() -> impl Iterator<Item = (&'static str, &'static str)> {
    LITERALS.iter().map(|&(lead, lit, _)| (lead, lit))
}

/// Whether `hay` has two bytes in a row that start a literal: `false` means no literal is
/// in it.
pub(crate) fn may_hold_a_literal(hay: &[u8]) -> bool {
    hay.windows(2).any(|pair| {
        let pair = usize::from(pair[0]) << 8 | usize::from(pair[1]);
        FIRST_PAIRS[pair / 64] & 1 << (pair % 64) != 0
    })
}

fn searcher(prefilter: bool) -> AhoCorasick {
    // Invariant: a few dozen short literals are far inside every size limit of the builder,
    // so building cannot fail; a failure would be a bug caught by every test.
    #[allow(clippy::expect_used)]
    AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .kind(Some(AhoCorasickKind::DFA))
        .prefilter(prefilter)
        .build(SEARCH_ORDER.iter().map(|&i| LITERALS[i].1))
        .expect("the token literals always build")
}

/// What the confirmers have read, one [`Reach`] per class of token body, so a literal
/// found inside the body another one read (`sk-sk-sk-…`, `eyJeyJeyJ…`) reads none of it
/// again; and what an `sk-` body that failed for good left to know.
#[derive(Debug)]
struct Reads {
    alnum: Reach,
    word: Reach,
    b64url: Reach,
    gitlab: Reach,
    slack: Reach,
    slack_app: Reach,
    jwt: [Reach; 3],
    /// Runs without a digit, to find the next digit.
    no_digit: Reach,
    /// Where the next `-----END ` is.
    pem_end: Next,
    /// An `sk-` body `start..end` that failed in a way every later body ending at `end`
    /// fails too (each of those is a part of it): too short, no digit, no long run.
    sk_failed: (usize, usize),
}

impl Default for Reads {
    fn default() -> Self {
        Reads {
            alnum: Reach::default(),
            word: Reach::default(),
            b64url: Reach::default(),
            gitlab: Reach::default(),
            slack: Reach::default(),
            slack_app: Reach::default(),
            jwt: [Reach::default(); 3],
            no_digit: Reach::default(),
            pem_end: Next::new(b"-----END "),
            sk_failed: (usize::MAX, 0),
        }
    }
}

impl Reads {
    /// Whether `hay[from..end]` holds a digit.
    fn has_digit(&mut self, hay: &[u8], from: usize, end: usize) -> bool {
        let max = end.saturating_sub(from);
        self.no_digit.run(hay, from, max, |b| !b.is_ascii_digit()) < end
    }
}

/// The length of the longest literal searched for.
const LONGEST: usize = {
    let mut longest = 0;
    let mut i = 0;
    while i < LITERALS.len() {
        if LITERALS[i].1.len() > longest {
            longest = LITERALS[i].1.len();
        }
        i += 1;
    }
    longest
};

/// How far from the last match the next one is looked for without the prefilter: in a
/// flood of literals (`ghp_ghp_…`, `AKIAAKIA…`) starting the prefilter for each costs more
/// than walking the automaton over a few bytes.
const NEAR: usize = 64;

/// Finds every prefixed token in `hay`.
pub(crate) fn scan(hay: &[u8], enabled: &Enabled, out: &mut Vec<Candidate>) {
    let searcher = if hay.len() > SHORT {
        &*SEARCHER
    } else if may_hold_a_literal(hay) {
        &*SHORT_SEARCHER
    } else {
        return;
    };
    let mut reads = Reads::default();
    let mut from = 0;
    // Per context, where the last one read ended: a context's word inside it (`mysql` in
    // the arguments of a `mysql` command) opens nothing new, so no byte is read twice.
    let mut read_to = [0usize; Context::ALL.len()];
    let mut last_curl = command::LastCurl::default();
    let mut entries = dotfile::Entries::default();
    let mut near = false;
    while from < hay.len() {
        let (mut found, mut after) = (None, from);
        if near && hay.len() - from > NEAR {
            // A match in the window that starts early enough for any literal to fit in it
            // whole is the first one after `from`; without one, none starts before `after`.
            let window = aho_corasick::Input::new(hay).span(from..from + NEAR);
            match SHORT_SEARCHER.find(window) {
                Some(m) if m.start() + LONGEST <= from + NEAR => found = Some(m),
                _ => after = from + NEAR - LONGEST + 1,
            }
        }
        let Some(m) =
            found.or_else(|| searcher.find(aho_corasick::Input::new(hay).span(after..hay.len())))
        else {
            break;
        };
        near = m.start() - from < NEAR;
        let (lead, _, announces) = LITERALS[SEARCH_ORDER[m.pattern().as_usize()]];
        let Some(start) = m
            .start()
            .checked_sub(lead.len())
            .filter(|&s| hay[s..m.start()] == *lead.as_bytes())
        else {
            from = m.start() + 1;
            continue;
        };
        if matches!(announces, Announces::Url | Announces::CurlOption)
            && enabled.contains(&Kind::Password)
        {
            let slot = &mut read_to[Context::Command as usize];
            if let Some(curl) = last_curl.before(hay, start).filter(|&c| c >= *slot) {
                *slot = command::line(hay, curl, curl + 4, out).max(*slot);
            }
            if announces == Announces::CurlOption {
                from = m.end();
                continue;
            }
        }
        if let Announces::Context(context) = announces {
            // The credentials in a context are masked where they are; other tokens inside
            // it (a `ghp_…` in a `curl -H`) are still searched for, after the context's word.
            let slot = &mut read_to[context as usize];
            if start >= *slot {
                *slot = read_context(hay, start, m.end(), context, enabled, &mut entries, out)
                    .max(*slot);
            }
            from = m.end();
            continue;
        }
        let confirmed = confirm(hay, start, m.end(), announces, enabled, &mut reads);
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
                let end = reads.slack.run(hay, m.end(), MAX_TOKEN + 1, |b| {
                    b.is_ascii_alphanumeric() || b == b'-' || b == b'.'
                });
                if reads.has_digit(hay, m.end(), end) {
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
    reads: &mut Reads,
) -> Option<Candidate> {
    let alnum = |b: u8| b.is_ascii_alphanumeric();
    let word = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    let b64url = |b: u8| b.is_ascii_alphanumeric() || b == b'_' || b == b'-';
    // (`reach` remembers the runs of `class` and of no other.)
    let token = |kind: Kind, reach: &mut Reach, class: &dyn Fn(u8) -> bool, min, max| {
        if !enabled.contains(&kind) || unescaped_before(hay, start).is_ascii_alphanumeric() {
            return None;
        }
        let end = reach.run(hay, lit_end, max + 1, class);
        let len = end - lit_end;
        ((min..=max).contains(&len))
            .then(|| Candidate::new(kind, start, end).with_prefix(lit_end - start))
    };
    match announces {
        Announces::Github => token(Kind::GithubToken, &mut reads.alnum, &alnum, 36, 251),
        Announces::GithubPat => token(Kind::GithubToken, &mut reads.word, &word, 50, 251),
        Announces::Gitlab => {
            let c = token(
                Kind::GitlabToken,
                &mut reads.gitlab,
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
                &mut reads.slack,
                &|b| alnum(b) || b == b'-' || b == b'.',
                12,
                MAX_TOKEN,
            )?;
            let end = c.start + trim_trailing(&hay[c.start..c.end], b".-");
            reads.has_digit(hay, lit_end, end).then(|| Candidate {
                end,
                ..c.with_prefix(5)
            })
        }
        Announces::SlackApp => token(
            Kind::SlackToken,
            &mut reads.slack_app,
            &|b| alnum(b) || b == b'-',
            20,
            MAX_TOKEN,
        ),
        Announces::SlackWebhook => slack_webhook(hay, start, lit_end, enabled),
        Announces::Stripe => token(Kind::StripeKey, &mut reads.alnum, &alnum, 10, MAX_TOKEN),
        Announces::StripeWebhook => token(Kind::StripeKey, &mut reads.alnum, &alnum, 24, MAX_TOKEN),
        Announces::SkDash => sk_dash(hay, start, lit_end, enabled, reads),
        Announces::Google => token(Kind::GoogleApiKey, &mut reads.b64url, &b64url, 35, 35),
        Announces::Npm => token(Kind::NpmToken, &mut reads.alnum, &alnum, 36, 36),
        Announces::Pypi => token(Kind::PypiToken, &mut reads.b64url, &b64url, 50, MAX_TOKEN)
            .map(|c| c.with_prefix(5)),
        Announces::Sendgrid => {
            let c = token(Kind::SendgridKey, &mut reads.b64url, &b64url, 16, 32)?;
            if byte(hay, c.end) != b'.' {
                return None;
            }
            let end = run(hay, c.end + 1, 65, b64url);
            ((30..=64).contains(&(end - c.end - 1))).then_some(Candidate { end, ..c })
        }
        Announces::Aws => {
            let c = token(Kind::AwsAccessKeyId, &mut reads.alnum, &alnum, 16, 16)?;
            hay[lit_end..c.end]
                .iter()
                .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
                .then_some(c)
        }
        Announces::Jwt => jwt(hay, start, enabled, &mut reads.jwt),
        Announces::Pem => pem::at(hay, start, enabled, &mut reads.pem_end),
        Announces::Url => url::connection(hay, start, enabled),
        Announces::Bearer => bearer(hay, start, lit_end, enabled),
        Announces::Provider => providers::at(hay, start).filter(|c| enabled.contains(&c.kind)),
        // (Read by `scan` before it confirms anything.)
        Announces::Context(_) | Announces::CurlOption => None,
    }
}

/// Reads the context whose word is at `hay[start..lit_end]`, pushing the credentials in
/// it; returns where reading stopped.
fn read_context(
    hay: &[u8],
    start: usize,
    lit_end: usize,
    context: Context,
    enabled: &Enabled,
    entries: &mut dotfile::Entries,
    out: &mut Vec<Candidate>,
) -> usize {
    match context {
        Context::Cookie if enabled.contains(&Kind::SessionCookie) => {
            cookie::header(hay, start, out)
        }
        Context::Command if enabled.contains(&Kind::Password) => {
            command::line(hay, start, lit_end, out)
        }
        Context::Netrc if enabled.contains(&Kind::Password) => {
            entries.before_login(hay, start, out)
        }
        _ => lit_end,
    }
}

/// `sk-ant-api03-…` (Anthropic) or `sk-proj-…`, `sk-svcacct-…`, `sk-admin-…`, legacy `sk-…` (OpenAI).
fn sk_dash(
    hay: &[u8],
    start: usize,
    lit_end: usize,
    enabled: &Enabled,
    reads: &mut Reads,
) -> Option<Candidate> {
    if unescaped_before(hay, start).is_ascii_alphanumeric() {
        return None;
    }
    let class = |b: u8| b.is_ascii_alphanumeric() || b == b'_' || b == b'-';
    let end = reads.b64url.run(hay, lit_end, MAX_TOKEN + 1, class);
    let body = &hay[lit_end..end];
    if body.len() > MAX_TOKEN {
        return None;
    }
    let (failed_from, failed_end) = reads.sk_failed;
    if end == failed_end && failed_from <= lit_end {
        return None;
    }
    // Prose like `sk-learn-tutorials-for-beginners` has no long unbroken run.
    let longest = || {
        body.split(|&b| b == b'-')
            .map(<[u8]>::len)
            .max()
            .unwrap_or(0)
    };
    if body.len() < 20 || !has_digit(body) || longest() < 16 {
        reads.sk_failed = (lit_end, end);
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

/// A JSON Web Token: `eyJ<header>.eyJ<payload>.<signature>`; `reads` remembers the runs
/// of its three parts.
fn jwt(hay: &[u8], start: usize, enabled: &Enabled, reads: &mut [Reach; 3]) -> Option<Candidate> {
    let b64url = |b: u8| b.is_ascii_alphanumeric() || b == b'_' || b == b'-';
    if !enabled.contains(&Kind::Jwt) || b64url(unescaped_before(hay, start)) {
        return None;
    }
    // Each part is read to its end however long (a 16 KiB payload is no rarity): the scan
    // skips the token, and the runs are remembered for the next `eyJ` inside one.
    let [header, payload, signature] = reads;
    let header_end = header.run(hay, start, usize::MAX, b64url);
    if header_end - start < 10
        || byte(hay, header_end) != b'.'
        || !hay[header_end + 1..].starts_with(b"eyJ")
    {
        return None;
    }
    let payload_end = payload.run(hay, header_end + 1, usize::MAX, b64url);
    if payload_end - header_end - 1 < 10 || byte(hay, payload_end) != b'.' {
        return None;
    }
    let end = signature.run(hay, payload_end + 1, usize::MAX, b64url);
    Some(Candidate::new(Kind::Jwt, start, end).with_prefix(3))
}

/// The credential after `Bearer `.
fn bearer(hay: &[u8], start: usize, lit_end: usize, enabled: &Enabled) -> Option<Candidate> {
    if !enabled.contains(&Kind::BearerToken) || unescaped_before(hay, start).is_ascii_alphanumeric()
    {
        return None;
    }
    let (s, e) = token_after_scheme(hay, lit_end)?;
    // A provider's token that is the whole credential has its own kind (`Bearer dapi…`,
    // `Bearer gsk_…`), as `hf_`'s literal gives it: the numeric scan, which finds most of
    // them from their digits, starts nothing inside this token. (A Google access token,
    // `ya29.…`, is the very bearer token of OAuth, and stays one.)
    let provider = providers::at(hay, s)
        .filter(|c| c.end == e && c.kind != Kind::GoogleOauthToken && enabled.contains(&c.kind));
    Some(provider.unwrap_or_else(|| Candidate::new(Kind::BearerToken, s, e)))
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
    use proptest::prelude::*;

    /// Bytes that make literals likely: every literal's bytes and a few others.
    fn near_literals() -> impl Strategy<Value = Vec<u8>> {
        let mut alphabet: Vec<u8> = LITERALS
            .iter()
            .flat_map(|(lead, lit, _)| lead.bytes().chain(lit.bytes()))
            .chain(*b" 7\n%\xff")
            .collect();
        alphabet.sort_unstable();
        alphabet.dedup();
        proptest::collection::vec(proptest::sample::select(alphabet), 0..=SHORT)
    }

    proptest! {
        #[test]
        fn no_first_pair_means_no_literal(hay in near_literals()) {
            if !may_hold_a_literal(&hay) {
                prop_assert!(SHORT_SEARCHER.find(&hay[..]).is_none());
            }
        }
    }

    #[test]
    fn the_search_order_holds_every_literal_once() {
        let mut seen = [false; LITERALS.len()];
        for &i in &SEARCH_ORDER {
            assert!(!seen[i], "{i} twice");
            seen[i] = true;
        }
        // And each match names its own literal.
        for (lead, lit, _) in LITERALS {
            let text = format!("x {lead}{lit} y");
            let m = SEARCHER.find(text.as_bytes());
            let found = m.map(|m| LITERALS[SEARCH_ORDER[m.pattern().as_usize()]].1);
            assert_eq!(found, Some(*lit), "{text}");
        }
    }

    #[test]
    fn every_literal_has_its_first_pair() {
        for (lead, lit, _) in LITERALS {
            let text = format!("x {lead}{lit}0123456789 y");
            assert!(may_hold_a_literal(text.as_bytes()), "{lit}");
            assert!(may_hold_a_literal(lit.as_bytes()), "{lit}");
        }
        assert!(!may_hold_a_literal(b"blue 7"));
        assert!(!may_hold_a_literal(b""));
    }

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
    fn providers_tokens_without_a_digit_before_a_dash_dash() {
        for token in [
            format!(
                "gsk_{}",
                "oqqPBGPszEsBMvBUtQPead".repeat(3).get(..52).unwrap_or("")
            ),
            format!("hvb.AAAAAQ{}", "UsZCxMyTseaAzUt".repeat(6)),
            format!("hvs.{}", "CAESIJabcdef".repeat(2)),
            "hvr.AAAAAQBz--UsZC72M28Tse98aAzUt".to_owned(),
            "hvb.AAAAAQBz--UsZCxMyTseaAzUtqrs".to_owned(),
        ] {
            let text = format!("x {token} y");
            let kind = if token.starts_with("gsk_") {
                Kind::GroqApiKey
            } else {
                Kind::VaultToken
            };
            assert_eq!(found(&text), vec![(kind, token.as_str())], "in {text:?}");
        }
        // In a word, or not of the exact length and alphabet: prose, not a key.
        for text in [
            format!("desk_{}", "a".repeat(51)),
            format!("xgsk_{}", "a".repeat(52)),
            format!("gsk_{}", "a".repeat(51)),
            format!("gsk_{}", "a".repeat(53)),
            format!("gsk_{}_x", "a".repeat(52)),
            "the gsk_ prefix and hvb. and hvr. tokens".to_owned(),
            "hvr.short--token".to_owned(),
            format!("xhvb.{}", "A".repeat(30)),
        ] {
            assert_eq!(found(&text), vec![], "in {text:?}");
        }
    }

    #[test]
    fn a_providers_token_after_bearer_has_its_own_kind() {
        let hex64 = "0123456789abcdef".repeat(4);
        let hex32 = &hex64[..32];
        let cases: Vec<(String, Kind)> = vec![
            (format!("dapi{hex32}"), Kind::DatabricksToken),
            (format!("dapi{hex32}-2"), Kind::DatabricksToken),
            (format!("dop_v1_{hex64}"), Kind::DigitaloceanToken),
            (format!("shpat_{hex32}"), Kind::ShopifyToken),
            (format!("gsk_{}", "Ab12".repeat(13)), Kind::GroqApiKey),
        ];
        for (token, kind) in &cases {
            for text in [
                format!("Authorization: Bearer {token}"),
                format!("\"Authorization\": \"Bearer {token}\""),
                format!("authorization: bearer {token}\n"),
            ] {
                // (Once from `Bearer`, and once more from a prefix that is a literal too.)
                let mut found = found(&text);
                found.dedup();
                assert_eq!(found, vec![(kind.clone(), token.as_str())], "in {text:?}");
            }
        }
        // A credential that only starts like one, and a Google access token, are bearer
        // tokens.
        let oauth = format!("ya29.a0{}", "Xy1-".repeat(10));
        for token in [
            format!("dapi{hex32}.x9"),
            format!("gsk_{}Q", "Ab12".repeat(13)),
            oauth,
        ] {
            let text = format!("Authorization: Bearer {token}");
            assert_eq!(
                found(&text),
                vec![(Kind::BearerToken, token.as_str())],
                "in {text:?}"
            );
        }
    }

    #[test]
    fn a_providers_token_after_bearer_without_its_kind_enabled_is_a_bearer_token() {
        let token = format!("gsk_{}", "Ab12".repeat(13));
        let text = format!("Authorization: Bearer {token}");
        let mut enabled = Enabled::all();
        enabled.remove(&Kind::GroqApiKey);
        let mut out = Vec::new();
        scan(text.as_bytes(), &enabled, &mut out);
        let found: Vec<_> = out
            .iter()
            .map(|c| (&c.kind, &text[c.start..c.end]))
            .collect();
        assert_eq!(found, vec![(&Kind::BearerToken, token.as_str())]);
    }

    #[test]
    fn tokens_right_after_an_escape() {
        let jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.c2lnbmF0dXJl";
        for escape in [r"\n", r"\t", r"\u000a", r"\x0a", "%0A", "%3D", "%2F"] {
            let text = format!("keys:{escape}{GH}");
            assert_eq!(found(&text), vec![(Kind::GithubToken, GH)], "in {text:?}");
            let text = format!("x{escape}AKIAIOSFODNN7EXAMPLE");
            let want = vec![(Kind::AwsAccessKeyId, "AKIAIOSFODNN7EXAMPLE")];
            assert_eq!(found(&text), want, "in {text:?}");
            let text = format!("x{escape}{jwt}");
            assert_eq!(found(&text), vec![(Kind::Jwt, jwt)], "in {text:?}");
            let text = format!("dsn{escape}mysql://root:hunter2@db/app");
            let want = vec![(Kind::ConnectionString, "hunter2")];
            assert_eq!(found(&text), want, "in {text:?}");
        }
        // A backslash escaped itself leaves a plain letter before the token.
        assert_eq!(found(&format!(r"x\\n{GH}")), vec![]);
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
