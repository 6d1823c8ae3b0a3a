//! The forms a literal secret takes in escaped and encoded text: inside a JSON string, in
//! `Debug` output, and percent-encoded in a URL or a form. A vault secret that holds a `"`,
//! a `\`, a `/`, a control character or a character outside ASCII is written differently
//! there, and each of these forms is searched for as well as the secret itself.

use std::fmt::Write as _;

use zeroize::Zeroizing;

/// How a JSON encoder writes a string: `serde_json` escapes only what it must; PHP also
/// writes `/` as `\/`; Python (by default) and others write every character outside ASCII
/// as `\uXXXX`, in lowercase or uppercase hex; Go also writes `<`, `>` and `&` that way.
#[derive(Clone, Copy)]
struct Json {
    slash: bool,
    ascii: bool,
    upper: bool,
    html: bool,
}

/// How a URL or a form encodes text: every byte but the unreserved ones (`A-Z a-z 0-9 - . _
/// ~`) and `keep` as `%XX`, in lowercase or uppercase hex, and a space as `%20` or `+`.
#[derive(Clone, Copy)]
struct Percent {
    keep: &'static [u8],
    upper: bool,
    plus: bool,
}

/// Every form of `secret` other than itself (each once): JSON-escaped, `Debug`-escaped
/// and percent-encoded, as the encoders in use write them. Empty for most secrets, which
/// hold none of the characters these escape.
pub(crate) fn escaped_forms(secret: &str) -> Vec<Zeroizing<Vec<u8>>> {
    let mut forms: Vec<Zeroizing<Vec<u8>>> = Vec::new();
    let mut add = |form: Zeroizing<Vec<u8>>| {
        if form.as_slice() != secret.as_bytes() && !forms.contains(&form) {
            forms.push(form);
        }
    };
    for bits in 0..16u8 {
        add(json(
            secret,
            Json {
                slash: bits & 1 != 0,
                ascii: bits & 2 != 0,
                upper: bits & 4 != 0,
                html: bits & 8 != 0,
            },
        ));
    }
    add(debug(secret));
    // Nothing kept (Python's `quote(safe="")`), `/` kept (its default), and what
    // JavaScript's `encodeURIComponent` keeps.
    for keep in [&b""[..], b"/", b"!'()*"] {
        for bits in 0..4u8 {
            add(percent(
                secret,
                Percent {
                    keep,
                    upper: bits & 1 != 0,
                    plus: bits & 2 != 0,
                },
            ));
        }
    }
    forms
}

/// `\u` and four hex digits for each UTF-16 unit of `c`.
fn unicode_escape(out: &mut String, c: char, upper: bool) {
    let mut units = [0u16; 2];
    for unit in c.encode_utf16(&mut units) {
        // (Writing to a `String` cannot fail.)
        let _ = if upper {
            write!(out, "\\u{unit:04X}")
        } else {
            write!(out, "\\u{unit:04x}")
        };
    }
}

/// `secret` as a JSON string's contents.
fn json(secret: &str, how: Json) -> Zeroizing<Vec<u8>> {
    let mut out = Zeroizing::new(String::with_capacity(secret.len() + 8));
    for c in secret.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '/' if how.slash => out.push_str("\\/"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            '<' | '>' | '&' | '\u{2028}' | '\u{2029}' if how.html => {
                unicode_escape(&mut out, c, how.upper);
            }
            c if c.is_ascii_control() && (c != '\u{7f}' || how.ascii) => {
                unicode_escape(&mut out, c, how.upper);
            }
            c if !c.is_ascii() && how.ascii => unicode_escape(&mut out, c, how.upper),
            c => out.push(c),
        }
    }
    Zeroizing::new(std::mem::take(&mut *out).into_bytes())
}

/// `secret` as Rust's `Debug` writes a string's contents: `\"`, `\\`, `\n`, `\r`, `\t`,
/// `\0`, and `\u{…}` for other control characters.
fn debug(secret: &str) -> Zeroizing<Vec<u8>> {
    let mut out = Zeroizing::new(String::with_capacity(secret.len() + 8));
    for c in secret.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\0' => out.push_str("\\0"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    Zeroizing::new(std::mem::take(&mut *out).into_bytes())
}

/// `secret` percent-encoded.
fn percent(secret: &str, how: Percent) -> Zeroizing<Vec<u8>> {
    let mut out = Zeroizing::new(String::with_capacity(secret.len() * 3));
    for &b in secret.as_bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) || how.keep.contains(&b) {
            out.push(char::from(b));
        } else if b == b' ' && how.plus {
            out.push('+');
        } else if how.upper {
            let _ = write!(out, "%{b:02X}");
        } else {
            let _ = write!(out, "%{b:02x}");
        }
    }
    Zeroizing::new(std::mem::take(&mut *out).into_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn forms(secret: &str) -> Vec<String> {
        escaped_forms(secret)
            .iter()
            .map(|f| String::from_utf8_lossy(f).into_owned())
            .collect()
    }

    #[test]
    fn plain_secrets_have_no_other_form() {
        assert!(forms("correct-horse_battery.staple~42").is_empty());
    }

    #[test]
    fn forms_as_encoders_write_them() {
        let secret = "pa\"ss/wö rd\n<&>\u{1b}";
        let all = forms(secret);
        for want in [
            // serde_json, PHP, Python, Go
            r#"pa\"ss/wö rd\n<&>\u001b"#,
            r#"pa\"ss\/wö rd\n<&>\u001b"#,
            r#"pa\"ss/w\u00f6 rd\n<&>\u001b"#,
            r#"pa\"ss/w\u00F6 rd\n<&>\u001B"#,
            r#"pa\"ss/wö rd\n\u003c\u0026\u003e\u001b"#,
            // Debug
            r#"pa\"ss/wö rd\n<&>\u{1b}"#,
            // percent-encoded, and form-encoded
            "pa%22ss%2Fw%C3%B6%20rd%0A%3C%26%3E%1B",
            "pa%22ss/w%c3%b6%20rd%0a%3c%26%3e%1b",
            "pa%22ss%2Fw%C3%B6+rd%0A%3C%26%3E%1B",
        ] {
            assert!(all.iter().any(|f| f == want), "{want} not in {all:#?}");
        }
        assert!(!all.iter().any(|f| f == secret));
        let mut unique = all.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), all.len());
    }

    #[test]
    fn characters_outside_the_basic_plane_are_surrogate_pairs() {
        assert!(
            forms("key🔑value")
                .iter()
                .any(|f| f == r"key\ud83d\udd11value")
        );
    }
}
