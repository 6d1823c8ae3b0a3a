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
    /// A pattern from a string known at compile time.
    pub const fn from_static(pattern: &'static str) -> Glob {
        Glob(Cow::Borrowed(pattern))
    }

    /// A pattern.
    pub fn new(pattern: impl Into<String>) -> Glob {
        Glob(Cow::Owned(pattern.into()))
    }

    /// The pattern as written.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether `name` matches the whole pattern, ignoring ASCII case.
    pub fn matches(&self, name: &str) -> bool {
        matches(self.0.as_bytes(), name.as_bytes())
    }
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

    proptest! {
        #[test]
        fn agrees_with_a_recursive_reference(p in "[ab*?é]{0,8}", n in "[abAé]{0,10}") {
            let pc: Vec<char> = p.chars().collect();
            let nc: Vec<char> = n.chars().collect();
            prop_assert_eq!(Glob::new(p.clone()).matches(&n), reference(&pc, &nc));
        }
    }
}
