//! PEM private key blocks, whatever the key type, with or without their END line.

use super::{Candidate, Next, run};
use crate::sanitize::enabled::Enabled;
use crate::sanitize::kind::Kind;

/// The longest block accepted: an 8192-bit RSA key is about 6.5 KiB of PEM.
pub(crate) const MAX_BLOCK: usize = 32 * 1024;

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
    let window = &hay[body_start..hay.len().min(body_start + MAX_BLOCK)];
    let end_line = ends
        .find(hay, body_start)
        .map(|at| at - body_start)
        .filter(|&at| at + b"-----END ".len() <= window.len());
    let (body_end, end) = match end_line {
        Some(at)
            if window[at + 9..].starts_with(label)
                && window[at + 9 + label.len()..].starts_with(b"-----") =>
        {
            (body_start + at, body_start + at + 9 + label.len() + 5)
        }
        _ => {
            // No END line (a truncated output): the block runs as far as its body does.
            let body = |b: u8| b.is_ascii_alphanumeric() || b"+/=\\:,- \t\r\n".contains(&b);
            let end = run(hay, body_start, MAX_BLOCK, body);
            let end = body_start
                + hay[body_start..end]
                    .iter()
                    .rposition(|b| !b.is_ascii_whitespace())
                    .map_or(0, |i| i + 1);
            (end, end)
        }
    };
    let body = &hay[body_start..body_end];
    // An already-masked block (`****` between the lines) or an empty one is not a key.
    let has_key_material = body.iter().any(|&b| b.is_ascii_alphanumeric() && b != b'n')
        || body.windows(2).any(|w| w[0] != b'\\' && w[1] == b'n');
    has_key_material.then(|| Candidate::new(Kind::PrivateKey, start, end))
}
