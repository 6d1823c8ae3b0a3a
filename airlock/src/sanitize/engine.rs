//! The scan: triggers, candidates, and the resolution of overlaps into findings.

use aho_corasick::{AhoCorasick, MatchKind};
use zeroize::Zeroizing;

use super::bytes::{self, byte};
use super::classes::{self, SPAN, Windows};
use super::detect::{self, Candidate, assign, dotfile, element, email, ipv6, numeric, prefixed};
use super::enabled::Enabled;
use super::encodings;
use super::finding::Finding;
use super::kind::Kind;
use super::parallel::{self, Layout};
use super::{BuildError, Sanitizer, VisibleAddresses};

/// Exact secret values to mask wherever they appear, as themselves and in the forms escaped
/// and encoded text gives them (JSON-escaped, `Debug`-escaped, percent-encoded).
#[derive(Clone)]
pub(crate) struct Literals {
    searcher: AhoCorasick,
    count: usize,
    /// The length of the longest form of a secret.
    longest: usize,
}

impl Literals {
    /// The searcher for `secrets`, or `None` when there are none.
    ///
    /// # Errors
    /// [`BuildError::LiteralSecrets`] when the automaton exceeds the builder's size limits
    /// (tens of thousands of long secrets): a secret that could not be searched for would
    /// leak, so this is an error rather than a silent fallback.
    pub(crate) fn new(secrets: &[Zeroizing<String>]) -> Result<Option<Literals>, BuildError> {
        if secrets.is_empty() {
            return Ok(None);
        }
        let escaped: Vec<Zeroizing<Vec<u8>>> = secrets
            .iter()
            .flat_map(|s| encodings::escaped_forms(s))
            .collect();
        let patterns = || {
            secrets
                .iter()
                .map(|s| s.as_bytes())
                .chain(escaped.iter().map(|f| f.as_slice()))
        };
        let searcher = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(patterns())
            .map_err(|e| BuildError::LiteralSecrets {
                count: secrets.len(),
                reason: e.to_string(),
            })?;
        Ok(Some(Literals {
            searcher,
            count: secrets.len(),
            longest: patterns().map(<[u8]>::len).max().unwrap_or(0),
        }))
    }

    pub(crate) fn len(&self) -> usize {
        self.count
    }

    fn scan(&self, hay: &[u8], out: &mut Vec<Candidate>) {
        for m in self.searcher.find_iter(hay) {
            out.push(Candidate::new(Kind::KnownSecret, m.start(), m.end()));
        }
    }
}

/// Every finding in `hay`, in order, without overlaps.
pub(crate) fn find(sanitizer: &Sanitizer, hay: &[u8]) -> Vec<Finding> {
    if plainly_clean(sanitizer, hay) {
        // (Checked against the whole scan wherever debug assertions are on: every test of the
        // crate that masks a short text holds the pre-screen to the scan.)
        debug_assert!(
            find_with(sanitizer, hay, 1, &Layout::DEFAULT).is_empty(),
            "the short-text pre-screen passed over a text that holds a finding"
        );
        return Vec::new();
    }
    find_with(
        sanitizer,
        hay,
        parallel::threads(sanitizer.max_threads, hay.len()),
        &Layout::DEFAULT,
    )
}

/// [`find`], with a large `hay` scanned in parts by up to `threads` threads.
pub(crate) fn find_with(
    sanitizer: &Sanitizer,
    hay: &[u8],
    threads: usize,
    layout: &Layout,
) -> Vec<Finding> {
    // A literal secret longer than the overlap of two parts could cross a cut unseen.
    let splittable = || {
        sanitizer
            .literals
            .as_ref()
            .is_none_or(|l| l.longest <= parallel::LONGEST_LITERAL)
    };
    // (Most outputs are one short piece: scanned here, with no parts to plan.)
    let mut candidates = if threads > 1 && splittable() {
        parallel::scan(hay, threads, layout, |part| built_in(sanitizer, part))
    } else {
        built_in(sanitizer, hay)
    };
    for detector in &sanitizer.custom {
        for m in detector.regex.find_iter(hay) {
            let accepted = detector
                .validate
                .as_ref()
                .is_none_or(|check| check(&String::from_utf8_lossy(m.as_bytes())));
            if accepted {
                let mut c = Candidate::new(detector.kind.clone(), m.start(), m.end());
                c.rank = detector.priority;
                candidates.push(c);
            }
        }
    }
    resolve(hay, candidates)
}

/// Whether `hay` plainly holds nothing to mask, told from one classification of its bytes:
/// it is at most one window long, no literal secret or custom detector is searched for, no
/// two bytes in a row start a prefixed token's literal, and its only trigger bytes are
/// lone short numbers (`blue 7`, `in 2024`), each of which [`scan_bytes`] passes over.
///
/// Most tool outputs are short strings like these (a name, a status, a count): answered
/// here, they skip setting up the scan. Whatever [`built_in`] learns to find from other
/// bytes than its triggers and literals must be ruled out here too; the debug assertion in
/// [`find`] and the property test `plainly_clean_text_holds_nothing` hold this to the scan.
#[inline]
fn plainly_clean(sanitizer: &Sanitizer, hay: &[u8]) -> bool {
    if hay.len() > SPAN || sanitizer.literals.is_some() || !sanitizer.custom.is_empty() {
        return false;
    }
    let mut triggers = classes::triggers(hay, 0);
    while triggers != 0 {
        let p = triggers.trailing_zeros() as usize;
        if !hay[p].is_ascii_digit() {
            return false;
        }
        match numeric::lone_short_number(hay, p) {
            // (`end` is at most `hay.len()`, at most 64: past it, no bit is left.)
            Some(end) => triggers &= u64::MAX.checked_shl(end as u32).unwrap_or(0),
            None => return false,
        }
    }
    !prefixed::may_hold_a_literal(hay)
}

/// The candidates of the built-in detectors and the literal secrets in `hay`.
pub(crate) fn built_in(sanitizer: &Sanitizer, hay: &[u8]) -> Vec<Candidate> {
    let mut candidates = Vec::new();
    let enabled = &sanitizer.enabled;
    let mut tokens = Vec::new();
    prefixed::scan(hay, enabled, &mut tokens);
    scan_bytes(
        hay,
        enabled,
        &sanitizer.sensitive_keys,
        &tokens,
        &mut candidates,
    );
    // Loopback and unspecified addresses (and, if asked, private ones) name no one.
    let visible = sanitizer.visible_addresses;
    if visible != VisibleAddresses::None && !candidates.is_empty() {
        candidates.retain(|c| c.kind != Kind::IpAddress || !visible.shows(&hay[c.start..c.end]));
    }
    candidates.append(&mut tokens);
    if let Some(literals) = &sanitizer.literals {
        literals.scan(hay, &mut candidates);
    }
    candidates
}

/// Runs the detectors that start from single bytes: numbers, emails, assignments, XML
/// elements, IPv6, `.pgpass` lines.
///
/// `tokens` are the secret tokens the literal search found, in order: the bytes inside
/// them start nothing, and a number's token does not reach back into them, so a number
/// right after a secret (`ghp_…:555-234-5678`) is found now rather than once the secret is
/// masked, which keeps masking idempotent.
fn scan_bytes(
    hay: &[u8],
    enabled: &Enabled,
    extra: &[Vec<u8>],
    tokens: &[Candidate],
    out: &mut Vec<Candidate>,
) {
    // Trigger bytes are digits, `:`, `=`, `@` and `>`, found one 64-byte window at a time: each
    // window is mapped to a bitmap once, with SIMD compares, so dense text pays for each
    // byte once however many triggers it holds, and clean text skips a window in a few
    // instructions.
    let mut windows = Windows::new(hay);
    let mut pos = 0;
    // The runs of address bytes known to hold no IPv6 address, shared by the `:`s and the
    // numbers in them, so each run is read once.
    let mut v6 = ipv6::Runs::default();
    // The values the assignments have read, so none is read again from a later operator.
    let mut reads = assign::Reads::default();
    // Where the last `.pgpass` line read stopped: the `:*:`s in it start nothing new.
    let mut pgpass_to = 0;
    // The tokens before `next_token` start at or before the scan and reach `covered`; a
    // number's token starts at `fence` or later (past a separator right at `covered`).
    let (mut covered, mut fence, mut next_token) = (0, 0, 0);
    let mut next_start = tokens.first().map_or(usize::MAX, |t| t.start);
    while let Some(p) = windows.next_trigger(pos) {
        if p >= next_start {
            while let Some(t) = tokens.get(next_token).filter(|t| t.start <= p) {
                covered = covered.max(t.end);
                next_token += 1;
            }
            next_start = tokens.get(next_token).map_or(usize::MAX, |t| t.start);
            fence = numeric::fence_after(hay, covered);
            if covered > p {
                pos = covered;
                continue;
            }
        }
        pos = match hay[p] {
            b'@' => {
                if enabled.contains(&Kind::Email)
                    && let Some(c) = email::at(hay, p)
                {
                    out.push(c);
                }
                p + 1
            }
            b':' => {
                if byte(hay, p + 1) == b'*' {
                    pgpass_to = pgpass(hay, p, pgpass_to, enabled, out);
                }
                let mut next = assign::at(hay, p, enabled, extra, &mut reads, out);
                if enabled.contains(&Kind::IpAddress) && next == p + 1 && colon_may_be_v6(hay, p) {
                    match v6.around(hay, p) {
                        Ok(c) => {
                            next = c.end.max(p + 1);
                            out.push(c);
                        }
                        // Not past the run, which may hold a number (`":4111…`), but
                        // past the `:`s right after this one: they assign nothing (see
                        // `assign::at`) and are in the same run.
                        Err(run_end) => {
                            next = detect::run(hay, p + 1, run_end - (p + 1), |b| b == b':');
                        }
                    }
                }
                next
            }
            b'=' => assign::at(hay, p, enabled, extra, &mut reads, out),
            b'>' => element::at(hay, p, enabled, extra, &mut reads, out),
            // A `>` as Go's JSON encoder writes it (`\u003e`), whose first digit this is.
            _ if let Some(next) = element::at_escaped(hay, p, enabled, extra, &mut reads, out) => {
                next
            }
            _ => match numeric::at_digit(&mut windows, p, fence, enabled, &mut v6, out) {
                numeric::Step::Next(next) => next.max(p + 1),
                // (Then on to the token after the escape, whose first digit, or the escape's
                // second, is the next trigger.)
                numeric::Step::PercentEscape => {
                    encoded(hay, p - 1, enabled, extra, &mut reads, out).unwrap_or(p + 1)
                }
            },
        };
    }
}

/// What the percent escape at `pct` (whose first digit the scan is at) stands for when that is an email's
/// `@` or an assignment's `=` or `:`, as in a URL: `jane.doe%40example.com`,
/// `?next=%2Fcb%3Fpassword%3Dhunter2`. `Some` of where the scan goes on when it found one.
#[inline(never)]
fn encoded(
    hay: &[u8],
    pct: usize,
    enabled: &Enabled,
    extra: &[Vec<u8>],
    reads: &mut assign::Reads,
    out: &mut Vec<Candidate>,
) -> Option<usize> {
    match bytes::escape_at(hay, pct)? {
        (len, b'@') if enabled.contains(&Kind::Email) => {
            out.push(email::at_encoded(hay, pct)?);
            Some(pct + len)
        }
        (_, b'=' | b':') => assign::at_encoded(hay, pct, enabled, extra, reads, out),
        _ => None,
    }
}

/// Reads the `.pgpass` line around the `:` at `p` when it starts a field that matches
/// anything (`host:*:db:user:password`) and is past `read_to`, where the last line read
/// stopped; returns where reading stopped. (Out of line: rare, and the scan stays small.)
#[inline(never)]
fn pgpass(
    hay: &[u8],
    p: usize,
    read_to: usize,
    enabled: &Enabled,
    out: &mut Vec<Candidate>,
) -> usize {
    if byte(hay, p + 2) != b':' || p < read_to || !enabled.contains(&Kind::Password) {
        return read_to;
    }
    dotfile::pgpass_around(hay, p, out).max(read_to)
}

/// Whether the `:` at `p` can be one of an IPv6 address's: each of those has a hex digit on
/// both sides or is half of the address's `::`.
fn colon_may_be_v6(hay: &[u8], p: usize) -> bool {
    let (before, after) = (bytes::before(hay, p), bytes::byte(hay, p + 1));
    before == b':' || after == b':' || (before.is_ascii_hexdigit() && after.is_ascii_hexdigit())
}

/// Keeps, of overlapping candidates, the highest rank, then the longest, then the first;
/// drops candidates inside masks this sanitizer wrote.
fn resolve(hay: &[u8], mut candidates: Vec<Candidate>) -> Vec<Finding> {
    if candidates.is_empty() {
        // (Most outputs: nothing to keep, and no list to make.)
        return Vec::new();
    }
    candidates.retain(|c| c.end > c.start && !inside_mask(hay, c));
    // Stable sort: the two scans each yield runs already in order, which it merges in linear time.
    candidates.sort_by_key(|c| (c.start, std::cmp::Reverse(c.end)));
    let mut findings = Vec::with_capacity(candidates.len());
    let mut rest = candidates.as_mut_slice();
    while let Some(first) = rest.first() {
        // A cluster: candidates that overlap the first one, directly or through each other.
        let mut end = first.end;
        let size = 1 + rest[1..]
            .iter()
            .take_while(|c| {
                let inside = c.start < end;
                end = end.max(c.end);
                inside
            })
            .count();
        let (cluster, tail) = rest.split_at_mut(size);
        if let [only] = cluster {
            findings.push(finding(only));
        } else {
            resolve_cluster(cluster, &mut findings);
        }
        rest = tail;
    }
    findings
}

/// Resolves one cluster of overlapping candidates, appending the kept ones in order.
fn resolve_cluster(cluster: &mut [Candidate], findings: &mut Vec<Finding>) {
    // A value under a secret's name that strictly contains a more specific match outranks
    // it: `password: hunter2 AKIA…` masks the whole value, not just the key id inside it,
    // which would leave `hunter2` readable. (Clusters are small; a huge one skips this.)
    if cluster.len() <= 64 {
        let spans: Vec<(usize, usize, u8)> =
            cluster.iter().map(|c| (c.start, c.end, c.rank)).collect();
        let assigned = |kind: &Kind| {
            matches!(
                kind,
                Kind::Password
                    | Kind::GenericSecret
                    | Kind::AwsSecretAccessKey
                    | Kind::SessionCookie
            )
        };
        for c in cluster.iter_mut().filter(|c| assigned(&c.kind)) {
            let inner = spans
                .iter()
                .filter(|&&(s, e, _)| c.start <= s && e <= c.end && e - s < c.end - c.start)
                .map(|&(_, _, rank)| rank)
                .max();
            c.rank = c.rank.max(inner.unwrap_or(0));
        }
    }
    cluster.sort_unstable_by(|a, b| {
        b.rank
            .cmp(&a.rank)
            .then((b.end - b.start).cmp(&(a.end - a.start)))
            .then(a.start.cmp(&b.start))
    });
    // Kept spans, sorted by start and disjoint: a candidate clashes only with its neighbours.
    let mut kept: Vec<&Candidate> = Vec::new();
    for c in cluster.iter() {
        let at = kept.partition_point(|k| k.start < c.start);
        let clash_before = at > 0 && kept[at - 1].end > c.start;
        let clash_after = kept.get(at).is_some_and(|k| k.start < c.end);
        if !clash_before && !clash_after {
            kept.insert(at, c);
        }
    }
    findings.extend(kept.into_iter().map(finding));
}

fn finding(c: &Candidate) -> Finding {
    Finding {
        kind: c.kind.clone(),
        start: c.start,
        end: c.end,
        prefix: c.prefix,
    }
}

/// Whether `c` overlaps a mask token (`[EMAIL]`, `[REDACTED]`, `[PHONE:1a2b3c4d]`).
fn inside_mask(hay: &[u8], c: &Candidate) -> bool {
    let from = c.start.saturating_sub(80);
    let mut i = from;
    while let Some(offset) = memchr::memchr(b'[', &hay[i..c.end.min(hay.len())]) {
        let at = i + offset;
        if let Some(len) = detect::mask_token_len(hay, at)
            && at + len > c.start
        {
            return true;
        }
        i = at + 1;
    }
    false
}

#[cfg(test)]
mod scan_tests {
    use crate::sanitize::Sanitizer;

    #[test]
    fn the_rest_of_a_line_after_a_bearer_token_is_scanned() {
        // The header's value runs to the end of the line, the token only to its own end.
        let text = "Authorization: Bearer abc123def456ghi sent by ann@example.org from 10.0.0.1\n";
        let findings = Sanitizer::new().find(text.as_bytes());
        let found: Vec<_> = findings
            .iter()
            .map(|f| (f.kind().name(), &text[f.span()]))
            .collect();
        assert_eq!(
            found,
            [
                ("bearer_token", "abc123def456ghi"),
                ("email", "ann@example.org"),
                ("ip_address", "10.0.0.1"),
            ]
        );
    }

    #[test]
    fn numbers_right_after_a_label_and_colon_are_found() {
        // A `:` next to a hex digit is asked whether it is in an IPv6 address; when it is
        // not, the numbers after it are still examined.
        let s = Sanitizer::new();
        for (text, kind, found) in [
            (
                r#"{"card":4111111111111111}"#,
                "credit_card",
                "4111111111111111",
            ),
            (r#"{"ip":10.0.0.1,"n":1}"#, "ip_address", "10.0.0.1"),
            ("ssn :123-45-6789", "ssn", "123-45-6789"),
            ("phone :+1 555-234-5678", "phone", "+1 555-234-5678"),
            ("addr:2001:db8::1", "ip_address", "2001:db8::1"),
            // (A label of hex digits reads as the address's first group: masked with it.)
            ("fe:2001:db8::1", "ip_address", "fe:2001:db8::1"),
            (
                r#"{"ip":"fe80::1ff:fe23:4567:890a"}"#,
                "ip_address",
                "fe80::1ff:fe23:4567:890a",
            ),
        ] {
            let findings = s.find(text.as_bytes());
            let got: Vec<_> = findings
                .iter()
                .map(|f| (f.kind().name(), &text[f.span()]))
                .collect();
            assert_eq!(got, [(kind, found)], "{text}");
        }
    }

    #[test]
    fn a_number_joined_to_a_secret_token_is_found_before_and_after_masking() {
        let github = "ghp_0AaAaAaA000AAA000A0AAaA00aaa0a0aAa0a";
        let s = Sanitizer::new();
        for joint in [":", "-", ".", "/"] {
            let text = format!("{github}{joint}100-10-1000 ok");
            let findings = s.find(text.as_bytes());
            let kinds: Vec<_> = findings.iter().map(|f| f.kind().name()).collect();
            assert_eq!(kinds, ["github_token", "ssn"], "{text}");
            let once = s.sanitize(&text).text.into_owned();
            assert_eq!(s.sanitize(&once).text, once, "{text}");
        }
    }
}

#[cfg(test)]
mod resolve_tests {
    use super::*;

    fn c(kind: Kind, start: usize, end: usize) -> Candidate {
        Candidate::new(kind, start, end)
    }

    fn spans(found: &[Finding]) -> Vec<(Kind, usize, usize)> {
        found
            .iter()
            .map(|f| (f.kind.clone(), f.start, f.end))
            .collect()
    }

    #[test]
    fn the_most_specific_then_the_longest_wins() {
        let hay = [b'x'; 100];
        // A GitHub token with the same span as a password beats it; an email inside them
        // loses; of two equal ranks the longer wins; disjoint spans all stay.
        let found = resolve(
            &hay,
            vec![
                c(Kind::Password, 10, 50),
                c(Kind::GithubToken, 10, 50),
                c(Kind::Email, 20, 30),
                c(Kind::Phone, 60, 70),
                c(Kind::Phone, 60, 75),
                c(Kind::IpAddress, 80, 90),
            ],
        );
        assert_eq!(
            spans(&found),
            vec![
                (Kind::GithubToken, 10, 50),
                (Kind::Phone, 60, 75),
                (Kind::IpAddress, 80, 90)
            ]
        );
    }

    #[test]
    fn a_span_containing_a_more_specific_one_wins() {
        let hay = [b'x'; 60];
        let found = resolve(
            &hay,
            vec![
                c(Kind::Password, 4, 40),
                c(Kind::AwsAccessKeyId, 20, 40),
                c(Kind::Email, 4, 15),
            ],
        );
        assert_eq!(spans(&found), vec![(Kind::Password, 4, 40)]);
    }

    #[test]
    fn order_of_candidates_does_not_matter() {
        let hay = [b'x'; 40];
        let mut candidates = vec![
            c(Kind::Email, 0, 10),
            c(Kind::Password, 5, 20),
            c(Kind::Ssn, 15, 25),
            c(Kind::CreditCard, 22, 35),
        ];
        let first = spans(&resolve(&hay, candidates.clone()));
        candidates.reverse();
        assert_eq!(spans(&resolve(&hay, candidates)), first);
        // Password (70) beats both neighbours it overlaps; the card does not touch it.
        assert_eq!(
            first,
            vec![(Kind::Password, 5, 20), (Kind::CreditCard, 22, 35)]
        );
    }

    #[test]
    fn candidates_inside_masks_are_dropped() {
        let hay = b"password=[PASSWORD:1a2b3c4d] ok";
        let found = resolve(
            hay,
            vec![c(Kind::Password, 19, 27), c(Kind::Password, 9, 28)],
        );
        assert!(found.is_empty(), "{found:?}");
    }
}

#[cfg(test)]
mod pre_screen_tests {
    use super::*;
    use proptest::strategy::Strategy;

    #[test]
    fn short_texts_with_nothing_to_find_are_told_plainly() {
        let s = Sanitizer::new();
        for clean in [
            "",
            "blue 7",
            "in 2024 the count was 12",
            "ok\n",
            "x 1234567\t",
            "done.",
        ] {
            assert!(plainly_clean(&s, clean.as_bytes()), "{clean:?}");
        }
        for not in [
            "blue 12345678",
            "555 234 5678",
            "a7 b",
            "ann@example.org",
            "pw=hunter2",
            "<b>",
            "key ghp_",
            "machine h login u password p",
            &"word ".repeat(13),
        ] {
            assert!(!plainly_clean(&s, not.as_bytes()), "{not:?}");
        }
        let with_literal = Sanitizer::builder()
            .literal_secret("hunter2")
            .build()
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(!plainly_clean(&with_literal, b"blue 7"));
    }

    proptest::proptest! {
        #[test]
        fn plainly_clean_text_holds_nothing(
            parts in proptest::collection::vec(
                proptest::prop_oneof![
                    proptest::sample::select(fragments()),
                    // A prefixed token, with or without digits (which are triggers).
                    (
                        proptest::sample::select(fragments()),
                        "[A-Za-z_-]{8,40}|[A-Za-z0-9_.-]{8,40}",
                    )
                        .prop_map(|(lead, body)| lead + &body),
                    "[ -~\n\t]{0,8}",
                ],
                0..12,
            )
        ) {
            // (Cut to one window rather than rejected: most draws are longer.)
            let mut text = parts.concat();
            let mut end = text.len().min(SPAN);
            while !text.is_char_boundary(end) {
                end -= 1;
            }
            text.truncate(end);
            for s in [Sanitizer::new(), Sanitizer::builder().sensitive_key("motto").build()?] {
                if plainly_clean(&s, text.as_bytes()) {
                    let found = find_with(&s, text.as_bytes(), 1, &Layout::DEFAULT);
                    proptest::prop_assert!(found.is_empty(), "{text:?}: {found:?}");
                }
            }
        }
    }

    /// Pieces of text that start something: every prefixed literal with its lead, words
    /// that announce a value, numbers of every length, and blanks and escapes around them.
    fn fragments() -> Vec<String> {
        let mut all: Vec<String> = detect::prefixed::literals()
            .map(|(lead, lit)| format!("{lead}{lit}"))
            .collect();
        for word in [
            "password",
            "pwd",
            "motto",
            "token",
            "secret",
            "machine",
            "login",
            "mysql -p",
            "curl -u",
            "--user",
            "Cookie",
            "sessionid",
            "eyJ",
            "-----BEGIN",
            "@",
            ":",
            "=",
            ">",
            "<password>",
            "7",
            "2024",
            "1234567",
            "12345678",
            "555 234 5678",
            "4111 1111 1111 1111",
            "123-45-6789",
            "10.0.0.1",
            "::1",
            " ",
            "\n",
            "\t",
            "\\n",
            "%0A",
            "%40",
            "%3D",
            "a",
            "Z",
            "example.com",
            "ann",
            "-",
            ".",
            "/",
            "_",
            "+",
            "(",
            "machine h.example login u password hunter",
            "-----BEGIN PRIVATE KEY-----\nMIIBVQIBADANBg\n-----END PRIVATE KEY-----",
        ] {
            all.push(word.to_owned());
        }
        all
    }
}
