//! PEM private key blocks, whatever the key type, with or without their END line, however
//! long.

use memchr::memmem;

use super::{Candidate, Next, run};
use crate::sanitize::enabled::Enabled;
use crate::sanitize::kind::Kind;

/// How far the END line is looked for at first: an 8192-bit RSA key is about 6.5 KiB of
/// PEM. A block whose body goes on past this is read on to the end of its body (once: the
/// scan goes on after the block), so a longer one is masked whole too.
pub(crate) const MAX_BLOCK: usize = 32 * 1024;

/// The bytes of a block's body: base64, its line breaks (escaped ones too), and the
/// `Proc-Type: 4,ENCRYPTED` headers of an encrypted key.
fn is_body(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"+/=\\:,- \t\r\n".contains(&b)
}

/// A private key block starting at `-----BEGIN ` at `start`. `ends` finds the `-----END `
/// after it, remembered for the next block (a run of BEGIN lines without one searches once).
pub(super) fn at(
    hay: &[u8],
    start: usize,
    enabled: &Enabled,
    ends: &mut Next,
) -> Option<Candidate> {
    if !enabled.contains(&Kind::PrivateKey) {
        return None;
    }
    let block = block(hay, start, ends)?;
    block
        .has_key_material(hay)
        .then(|| Candidate::new(Kind::PrivateKey, start, block.end))
}

/// Whether `value` is a PEM private key block with nothing in it: what `Partial` writes for
/// one (`-----BEGIN RSA PRIVATE KEY-----\n****\n-----END RSA PRIVATE KEY-----`).
pub(crate) fn is_masked(value: &[u8]) -> bool {
    value.starts_with(b"-----BEGIN ")
        && block(value, 0, &mut Next::new(b"-----END "))
            .is_some_and(|b| b.end == value.len() && !b.has_key_material(value))
}

/// The parts of a block.
struct Block {
    body_start: usize,
    body_end: usize,
    /// The end of the END line, or of the body when there is none.
    end: usize,
}

impl Block {
    /// An already-masked block (`****` between the lines) or an empty one is not a key.
    fn has_key_material(&self, hay: &[u8]) -> bool {
        let body = &hay[self.body_start..self.body_end];
        body.iter().any(|&b| b.is_ascii_alphanumeric() && b != b'n')
            || body.windows(2).any(|w| w[0] != b'\\' && w[1] == b'n')
    }
}

/// The private key block whose `-----BEGIN ` is at `start`, if its label says it is one.
/// It ends at its END line, or, without one, where its body does: at a byte no body holds,
/// or at the next block's BEGIN line (an END line after that is the next block's).
fn block(hay: &[u8], start: usize, ends: &mut Next) -> Option<Block> {
    let label_start = start + b"-----BEGIN ".len();
    let label_end = run(hay, label_start, 64, |b| {
        b.is_ascii_uppercase() || b.is_ascii_digit() || b == b' '
    });
    let label = &hay[label_start..label_end];
    if !(label.ends_with(b"PRIVATE KEY") || label.ends_with(b"PRIVATE KEY BLOCK"))
        || !hay[label_end..].starts_with(b"-----")
    {
        return None;
    }
    let body_start = label_end + 5;
    // The first END line in `from..to`, unless a BEGIN line comes first; else where the
    // body must stop: at that BEGIN line, or at `to`.
    let mut end_line = |from: usize, to: usize| -> Result<Block, usize> {
        let end_at = ends.find(hay, from).filter(|&at| at < to);
        if let Some(i) = memmem::find(&hay[from..end_at.unwrap_or(to)], b"-----BEGIN ") {
            return Err(from + i);
        }
        let at = end_at.ok_or(to)?;
        let rest = &hay[at + 9..];
        if rest.starts_with(label) && rest[label.len()..].starts_with(b"-----") {
            Ok(Block {
                body_start,
                body_end: at,
                end: at + 9 + label.len() + 5,
            })
        } else {
            Err(to)
        }
    };
    let window_end = hay.len().min(body_start + MAX_BLOCK);
    let limit = match end_line(body_start, window_end) {
        Ok(block) => return Some(block),
        Err(limit) => limit,
    };
    // No END line in the window. When the body reaches past it, the block is longer than
    // the window: its body is read on to its end (once: the candidate covers it), and the
    // END line looked for there.
    let reaches_past = limit == window_end
        && window_end > body_start
        && hay.get(window_end).is_some_and(|&b| is_body(b))
        && is_body(hay[window_end - 1]);
    let limit = if reaches_past {
        let run_end = run(hay, window_end, usize::MAX, is_body);
        // From a little before the window's end: the END line may straddle it.
        let from = window_end.saturating_sub(9 + label.len()).max(body_start);
        match end_line(from, run_end) {
            Ok(block) => return Some(block),
            Err(limit) => limit,
        }
    } else {
        limit
    };
    // No END line (a truncated output): the block runs as far as its body does.
    let end = run(hay, body_start, limit - body_start, is_body);
    let end = truncated_end(hay, body_start, end);
    Some(Block {
        body_start,
        body_end: end,
        end,
    })
}

/// The end of a block without an END line whose body's bytes run to `run_end`. When the
/// byte there joins the body's last word into a token of another kind (`MIIE
/// ann@example.org`, `0a password_prod: x`), that word is not the key's: the block ends
/// before it, so the token is found whole, now and after masking alike (unless the word is
/// all the key there is).
fn truncated_end(hay: &[u8], body_start: usize, run_end: usize) -> usize {
    let glued = hay
        .get(run_end)
        .is_some_and(|b| matches!(b, b'@' | b'.' | b'_' | b'%'));
    let mut end = run_end;
    if glued
        && let Some(i) = hay[body_start..run_end]
            .iter()
            .rposition(|&b| b.is_ascii_whitespace() || b == b'\\')
    {
        let before = Block {
            body_start,
            body_end: body_start + i,
            end: body_start + i,
        };
        if before.has_key_material(hay) {
            end = body_start + i;
        }
    }
    trim_end(hay, body_start, end)
}

/// `end` less the whitespace before it, not before `from`.
fn trim_end(hay: &[u8], from: usize, end: usize) -> usize {
    from + hay[from..end]
        .iter()
        .rposition(|b| !b.is_ascii_whitespace())
        .map_or(0, |i| i + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Option<&str> {
        let start = text.find("-----BEGIN ")?;
        at(
            text.as_bytes(),
            start,
            &Enabled::all(),
            &mut Next::new(b"-----END "),
        )
        .map(|c| &text[c.start..c.end])
    }

    fn body(lines: usize) -> String {
        "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7VJTUt9Us8cKj\n".repeat(lines)
    }

    #[test]
    fn blocks_longer_than_the_window_are_whole() {
        // 64 KiB of body, END line far past the first window.
        let block = format!(
            "-----BEGIN RSA PRIVATE KEY-----\n{}-----END RSA PRIVATE KEY-----",
            body(1024)
        );
        assert!(block.len() > 2 * MAX_BLOCK);
        let text = format!("key:\n{block}\nafter: the block.");
        assert_eq!(found(&text), Some(block.as_str()));
        // Without its END line, to the end of its body.
        let cut = format!("-----BEGIN PGP PRIVATE KEY BLOCK-----\n{}", body(1024));
        assert_eq!(found(&format!("{cut}\n. done")), Some(cut.trim_end()));
    }

    #[test]
    fn an_end_line_across_the_window_edge_is_found() {
        for shift in 0..40 {
            let head = "-----BEGIN EC PRIVATE KEY-----";
            let filler = "A".repeat(MAX_BLOCK - shift);
            let block = format!("{head}{filler}\n-----END EC PRIVATE KEY-----");
            assert_eq!(
                found(&format!("{block}\nok.")),
                Some(block.as_str()),
                "{shift}"
            );
        }
    }

    #[test]
    fn a_word_glued_to_a_truncated_block_is_not_the_blocks() {
        let head = "-----BEGIN RSA PRIVATE KEY-----\nMIIEvQIBADANBg";
        for glued in [
            " ann@example.org",
            "\nann@example.org",
            "\\nann@example.org",
        ] {
            let text = format!("{head}{glued}");
            assert_eq!(found(&text), Some(head), "{text:?}");
        }
        // Unless it is all the key there is.
        let text = "-----BEGIN RSA PRIVATE KEY-----\nAAa++00Aa=password=a%A;00";
        assert_eq!(found(text), Some(&text[..text.len() - 5]));
        // Followed by a space or a line break, the body's last word is the body's.
        let text = format!("{head}\nAwEHoUQDQgAE\nok then");
        assert_eq!(found(&text), Some(text.as_str()));
    }

    #[test]
    fn a_block_without_an_end_line_stops_at_the_next_block() {
        let first = "-----BEGIN OPENSSH PRIVATE KEY-----\nA0+aA0A0";
        let second =
            "-----BEGIN OPENSSH PRIVATE KEY-----\nAa0aa\n-----END OPENSSH PRIVATE KEY-----";
        for between in ["\n", "\"the secret: x ", " "] {
            let text = format!("{first}{between}{second}");
            assert_eq!(found(&text), Some(first), "{text:?}");
            let start = text.rfind("-----BEGIN").unwrap_or(0);
            let c = at(
                text.as_bytes(),
                start,
                &Enabled::all(),
                &mut Next::new(b"-----END "),
            )
            .map(|c| &text[c.start..c.end]);
            assert_eq!(c, Some(second));
        }
        // The key's only line, before a quote, is the key's.
        let text = format!("\"{first}\", next");
        assert_eq!(found(&text), Some(first));
    }

    #[test]
    fn masked_blocks() {
        assert!(is_masked(
            b"-----BEGIN RSA PRIVATE KEY-----\n****\n-----END RSA PRIVATE KEY-----"
        ));
        assert!(!is_masked(
            b"-----BEGIN RSA PRIVATE KEY-----\nMIIE\n-----END RSA PRIVATE KEY-----"
        ));
        assert!(!is_masked(
            b"-----BEGIN PUBLIC KEY-----\n****\n-----END PUBLIC KEY-----"
        ));
        assert!(!is_masked(b"****"));
    }
}
