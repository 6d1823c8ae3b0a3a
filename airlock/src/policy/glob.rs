//! Tool-name patterns: `*` and `?`, matched case-insensitively.

use std::borrow::Cow;
use std::fmt;

/// A pattern over tool names: `*` matches any run of characters (including none), `?` exactly
/// one, everything else itself, ignoring ASCII case — `delete_*` matches `Delete_User`, so a
/// deny rule cannot be slipped past by changing case.
///
/// Matching is linear in practice and never worse than quadratic (one backtrack point), so
/// a hostile tool name cannot make it slow.
///
/// ```
/// use airlock::policy::Glob;
///
/// let g = Glob::new("delete_*");
/// assert!(g.matches("delete_user"));
/// assert!(g.matches("DELETE_User"));
/// assert!(!g.matches("get_and_delete_user"));
/// assert!(Glob::new("*delete*").matches("get_and_delete_user"));
/// ```
#[derive(Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(transparent)]
pub struct Glob(Cow<'static, str>);

impl Glob {
    /// A pattern from a string known at compile time, for lists of rules in `const`
    /// policies ([`Policy::with_deny`](super::Policy::with_deny)).
    ///
    /// ```rust
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// use airlock::Caller;
    /// use airlock::policy::{Access, Glob, Policy};
    ///
    /// const PURGES: &[Glob] = &[Glob::from_static("*_purge")];
    /// const NO_PURGE: Policy = Policy::new("no-purge").with_deny(PURGES);
    ///
    /// assert!(PURGES[0].matches("mail_purge"));
    /// let access: Access = "read".parse()?;
    /// assert!(!NO_PURGE.decide("mail_purge", access, &Caller::new("agent-7")).is_allowed());
    /// # Ok(())
    /// # }
    /// ```
    pub const fn from_static(pattern: &'static str) -> Glob {
        Glob(Cow::Borrowed(pattern))
    }

    /// A pattern. Every string is one: no character is an error, and only `*` and `?` are
    /// special.
    ///
    /// ```rust
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// use airlock::policy::Glob;
    ///
    /// let g = Glob::new(String::from("get_?ser"));
    /// assert!(g.matches("get_user"));
    /// assert!(!g.matches("get_users"));
    /// assert!(Glob::new("[a]").matches("[A]"));
    /// let parsed: Glob = serde_json::from_str(r#""get_?ser""#)?;
    /// assert_eq!(parsed, g);
    /// # Ok(())
    /// # }
    /// ```
    pub fn new(pattern: impl Into<String>) -> Glob {
        Glob(Cow::Owned(pattern.into()))
    }

    /// The pattern as written (also its [`Display`](fmt::Display)).
    ///
    /// ```rust
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// use airlock::policy::Policy;
    ///
    /// let policy = Policy::from_toml_str(r#"deny = ["Delete_*"]"#)?;
    /// assert_eq!(policy.deny[0].as_str(), "Delete_*");
    /// # Ok(())
    /// # }
    /// ```
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether `name` matches the whole pattern, ignoring ASCII case (other characters
    /// match only themselves).
    ///
    /// ```rust
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// use airlock::policy::Glob;
    ///
    /// let g: Glob = serde_json::from_str(r#""send_*""#)?;
    /// assert!(g.matches("send_mail") && g.matches("SEND_MAIL") && g.matches("send_"));
    /// assert!(!g.matches("resend_mail"));
    /// assert!(!Glob::new("é*").matches("É"));
    /// # Ok(())
    /// # }
    /// ```
    pub fn matches(&self, name: &str) -> bool {
        matches(self.0.as_bytes(), name.as_bytes())
    }

    /// Whether every name `other` matches, this pattern matches too.
    ///
    /// The answer is sound: `true` is a proof, `false` only means no proof was found. It is
    /// exact for the patterns policies are made of (a pattern always covers the patterns
    /// that write it more narrowly, and `?*` covers `*?`), and it gives up with `false` when
    /// the two lengths in bytes, each plus one, multiply to more than 2<sup>20</sup>, so that
    /// comparing stays cheap (two patterns of a thousand characters are compared).
    ///
    /// ```
    /// use airlock::policy::Glob;
    ///
    /// assert!(Glob::new("send_*").covers(&Glob::new("send_mail")));
    /// assert!(Glob::new("*_mail").covers(&Glob::new("SEND_*_mail")));
    /// assert!(Glob::new("*").covers(&Glob::new("anything*")));
    /// assert!(Glob::new("?*").covers(&Glob::new("*?")));
    /// assert!(!Glob::new("send_*").covers(&Glob::new("*_mail")));
    /// assert!(!Glob::new("a?").covers(&Glob::new("a*")));
    /// ```
    pub fn covers(&self, other: &Glob) -> bool {
        let work = (self.0.len() + 1).saturating_mul(other.0.len() + 1);
        work <= Glob::COVERS_MAX_WORK && covers(&elements(&self.0), &tokens(&other.0))
    }

    /// The most work [`Glob::covers`] does: past this product of the two patterns' lengths
    /// (in bytes, each plus one), it answers `false`.
    pub(crate) const COVERS_MAX_WORK: usize = 1 << 20;
}

/// One character of a pattern, as [`Glob::covers`] reads the pattern covered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Token {
    /// `*`: any run of characters.
    Star,
    /// `?`: one character.
    One,
    /// A character matching itself, ignoring ASCII case.
    Char(char),
}

fn tokens(pattern: &str) -> Vec<Token> {
    pattern
        .chars()
        .map(|c| match c {
            '*' => Token::Star,
            '?' => Token::One,
            _ => Token::Char(c),
        })
        .collect()
}

/// A part of a pattern, as [`Glob::covers`] reads the covering pattern.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Element {
    /// A character matching itself, ignoring ASCII case.
    Char(char),
    /// A run of wildcards: `ones` times `?`, and a `*` anywhere in it or not. It matches
    /// exactly `ones` characters, or (with a `*`) `ones` or more.
    Run { ones: usize, star: bool },
}

fn elements(pattern: &str) -> Vec<Element> {
    let mut out: Vec<Element> = Vec::new();
    for c in pattern.chars() {
        let (ones, star) = match c {
            '?' => (1, false),
            '*' => (0, true),
            _ => {
                out.push(Element::Char(c));
                continue;
            }
        };
        match out.last_mut() {
            Some(Element::Run { ones: n, star: s }) => {
                *n += ones;
                *s |= star;
            }
            _ => out.push(Element::Run { ones, star }),
        }
    }
    out
}

/// Whether `outer` matches every name `inner` matches (sound; see [`Glob::covers`]).
///
/// Working from the end of `outer`, `next[j]` says whether the elements after the current
/// one cover `inner[j..]`, and `row[j]` whether the current one and those after it do:
/// - nothing covers only nothing;
/// - a character covers the same character, in any ASCII case;
/// - a run of k `?` covers k tokens that each make one character (a `?` or a character);
/// - a run of k `?` with a `*` covers any tokens `inner[j..j']` that always make k characters
///   or more, `*`s included: any `j'` at or past the first with k such tokens.
fn covers(outer: &[Element], inner: &[Token]) -> bool {
    let n = inner.len();
    // fixed[j]: how many of `inner[..j]` make exactly one character (all but `*`).
    let mut fixed = Vec::with_capacity(n + 1);
    let mut count = 0usize;
    fixed.push(count);
    for token in inner {
        count += usize::from(*token != Token::Star);
        fixed.push(count);
    }
    let mut next: Vec<bool> = (0..=n).map(|j| j == n).collect();
    let mut row = vec![false; n + 1];
    // later[j]: whether `next[j']` holds for some j' >= j.
    let mut later = vec![false; n + 2];
    for element in outer.iter().rev() {
        match *element {
            Element::Char(a) => {
                for (j, cell) in row.iter_mut().enumerate() {
                    *cell = match inner.get(j) {
                        Some(Token::Char(b)) => a.eq_ignore_ascii_case(b) && next[j + 1],
                        _ => false,
                    };
                }
            }
            Element::Run { ones, star: false } => {
                for (j, cell) in row.iter_mut().enumerate() {
                    *cell = j + ones <= n && fixed[j + ones] - fixed[j] == ones && next[j + ones];
                }
            }
            Element::Run { ones, star: true } => {
                for j in (0..=n).rev() {
                    later[j] = next[j] || later[j + 1];
                }
                for (j, cell) in row.iter_mut().enumerate() {
                    let want = fixed[j] + ones;
                    let first = j + fixed[j..].partition_point(|&f| f < want);
                    *cell = first <= n && later[first];
                }
            }
        }
        std::mem::swap(&mut row, &mut next);
    }
    next[0]
}

impl fmt::Debug for Glob {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Glob({:?})", self.0)
    }
}

impl fmt::Display for Glob {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<&str> for Glob {
    fn from(pattern: &str) -> Glob {
        Glob::new(pattern)
    }
}

/// Every string of at most `len` tokens from `alphabet`, shortest first: for tests that
/// check glob logic against brute force.
#[cfg(test)]
pub(super) fn words(alphabet: &[&str], len: usize) -> Vec<String> {
    let mut all = vec![String::new()];
    let mut last = all.clone();
    for _ in 0..len {
        last = last
            .iter()
            .flat_map(|w| alphabet.iter().map(move |t| format!("{w}{t}")))
            .collect();
        all.extend(last.iter().cloned());
    }
    all
}

/// Classic wildcard matching with a single backtrack point (the last `*`), over bytes; `?`
/// consumes one whole UTF-8 character.
fn matches(pattern: &[u8], name: &[u8]) -> bool {
    let (mut p, mut n) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while n < name.len() {
        match pattern.get(p) {
            Some(b'*') => {
                star = Some((p, n));
                p += 1;
            }
            Some(b'?') => {
                p += 1;
                n += char_len(name[n]);
            }
            Some(&c) if c.eq_ignore_ascii_case(&name[n]) => {
                p += 1;
                n += 1;
            }
            _ => match star {
                Some((sp, sn)) => {
                    // Let the last `*` swallow one more character and retry after it.
                    let next = sn + char_len(name[sn]);
                    star = Some((sp, next));
                    p = sp + 1;
                    n = next;
                }
                None => return false,
            },
        }
    }
    pattern[p.min(pattern.len())..].iter().all(|&c| c == b'*')
}

/// The length of the UTF-8 character that starts with `lead` (1 for a stray byte).
fn char_len(lead: u8) -> usize {
    match lead {
        0xF0..=0xF7 => 4,
        0xE0..=0xEF => 3,
        0xC0..=0xDF => 2,
        _ => 1,
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    #[test]
    fn wildcards_and_case() {
        let cases = [
            ("*", "", true),
            ("*", "anything", true),
            ("", "", true),
            ("", "x", false),
            ("read_*", "read_", true),
            ("read_*", "READ_mail", true),
            ("read_*", "unread_mail", false),
            ("*_mail", "send_mail", true),
            ("*_mail", "send_mails", false),
            ("s?nd", "send", true),
            ("s?nd", "snd", false),
            ("a*b*c", "aXbYc", true),
            ("a*b*c", "aXbY", false),
            ("*delete*", "get_and_DELETE_user", true),
            ("é?", "éü", true),
            ("??", "ü", false),
        ];
        for (pattern, name, want) in cases {
            assert_eq!(
                Glob::new(pattern).matches(name),
                want,
                "{pattern} vs {name}"
            );
        }
    }

    fn reference(p: &[char], n: &[char]) -> bool {
        match (p.first(), n.first()) {
            (None, None) => true,
            (Some('*'), _) => reference(&p[1..], n) || (!n.is_empty() && reference(p, &n[1..])),
            (Some('?'), Some(_)) => reference(&p[1..], &n[1..]),
            (Some(a), Some(b)) => a.eq_ignore_ascii_case(b) && reference(&p[1..], &n[1..]),
            _ => false,
        }
    }

    #[test]
    fn covers_cases() {
        let cases = [
            ("*", "", true),
            ("*", "*", true),
            ("*", "a?b*", true),
            ("", "", true),
            ("", "*", false),
            ("a", "A", true),
            ("send_*", "send_mail", true),
            ("send_*", "SEND_*", true),
            ("send_*", "send*", false),
            ("send_*", "*_mail", false),
            ("*_mail", "send_*_mail", true),
            ("a*b", "a*c*b", true),
            ("a*c*b", "a*b", false),
            ("?*", "*?", true),
            ("*?", "?*", true),
            ("*?*", "??", true),
            ("??", "*?*", false),
            ("?", "a", true),
            ("?", "é", true),
            ("a?", "a*", false),
            ("a*", "a?", true),
            ("*a*", "*a*a*", true),
            ("*a*a*", "*a*", false),
            ("é*", "É*", false),
            ("**", "*", true),
        ];
        for (outer, inner, want) in cases {
            assert_eq!(
                Glob::new(outer).covers(&Glob::new(inner)),
                want,
                "{outer} covers {inner}"
            );
        }
    }

    #[test]
    fn covers_gives_up_on_huge_patterns_without_claiming() {
        let huge = Glob::new("a".repeat(2000));
        assert!(!huge.covers(&huge));
        assert!(Glob::new("a".repeat(500)).covers(&Glob::new("a".repeat(500))));
    }

    #[test]
    fn runs_of_wildcards_are_one_element() {
        use Element::{Char, Run};
        assert_eq!(
            elements("*?**?a*"),
            [
                Run {
                    ones: 2,
                    star: true
                },
                Char('a'),
                Run {
                    ones: 0,
                    star: true
                }
            ]
        );
        assert_eq!(
            elements("??"),
            [Run {
                ones: 2,
                star: false
            }]
        );
        assert_eq!(elements(""), []);
    }

    /// Every name over {a, b} of at most `len` characters.
    fn names(len: usize) -> Vec<String> {
        super::words(&["a", "b"], len)
    }

    /// Every pattern over {a, b, *, ?} of at most 3 tokens against every other: a false
    /// `covers` would show on a name of at most 6 characters (each character of a shortest
    /// counterexample is taken by a non-`*` token of one of the two patterns).
    #[test]
    fn covers_is_sound_exhaustively() {
        let patterns = super::words(&["a", "b", "*", "?"], 3);
        let names = names(6);
        for outer in &patterns {
            let o = Glob::new(outer.clone());
            for inner in &patterns {
                let i = Glob::new(inner.clone());
                if o.covers(&i) {
                    let counterexample = names.iter().find(|n| i.matches(n) && !o.matches(n));
                    assert_eq!(counterexample, None, "{outer} covers {inner}");
                }
            }
        }
    }

    proptest! {
        #[test]
        fn covers_is_sound(outer in "[abA*?]{0,5}", inner in "[abA*?]{0,5}") {
            let (o, i) = (Glob::new(outer.clone()), Glob::new(inner.clone()));
            if o.covers(&i) {
                for name in names(5) {
                    prop_assert!(
                        !i.matches(&name) || o.matches(&name),
                        "{} covers {} but {} matches only the second", outer, inner, name
                    );
                }
            }
        }

        /// Writing a pattern more narrowly (a `*` as any pattern, a `?` as a character or
        /// `?`, a letter in another case) always gives one it covers.
        #[test]
        fn covers_every_narrowing(
            outer in "[abA*?]{0,6}",
            fills in prop::collection::vec("[abB*?]{0,3}", 6),
        ) {
            let mut inner = String::new();
            for (c, fill) in outer.chars().zip(&fills) {
                match c {
                    '*' => inner.push_str(fill),
                    '?' => inner.push(fill.chars().find(|&f| f != '*').unwrap_or('a')),
                    _ => inner.push(c.to_ascii_uppercase()),
                }
            }
            prop_assert!(Glob::new(outer.clone()).covers(&Glob::new(inner.clone())), "{} {}", outer, inner);
        }

        #[test]
        fn covers_is_reflexive(p in "[abA*?é]{0,8}") {
            let g = Glob::new(p);
            prop_assert!(g.covers(&g));
            prop_assert!(Glob::new(g.as_str().to_ascii_uppercase()).covers(&g));
        }

        #[test]
        fn agrees_with_a_recursive_reference(p in "[ab*?é]{0,8}", n in "[abAé]{0,10}") {
            let pc: Vec<char> = p.chars().collect();
            let nc: Vec<char> = n.chars().collect();
            prop_assert_eq!(Glob::new(p.clone()).matches(&n), reference(&pc, &nc));
        }
    }
}
