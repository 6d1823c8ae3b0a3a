//! Tokens of providers people paste into tools, confirmed at their start: Hugging Face
//! (`hf_`), Databricks (`dapi`), DigitalOcean (`dop_v1_`, `doo_v1_`, `dor_v1_`), Shopify
//! (`shpat_`, `shpss_`, `shpca_`, `shppa_`), HashiCorp Vault (`hvs.`, `hvb.`, `hvr.`),
//! Google OAuth (`ya29.`, `GOCSPX-`), Groq (`gsk_`) and Discord webhooks.
//!
//! Each literal in the search costs every scan, and past a few dozen the search loses its
//! SIMD prefilter; so the literal search looks only for the prefixes whose tokens may hold
//! no digit (`hf_`, `hvs.`, `hvb.`, `hvr.`, `GOCSPX-`, `gsk_`), and the numeric scan reaches
//! the others from a digit in them (every one has digits: hex, a `v1`, a `29`, a Discord id).

use super::{Candidate, run};
use crate::sanitize::bytes::{byte, unescaped_before};
use crate::sanitize::kind::Kind;

/// The longest Vault token body accepted (batch tokens run to a few hundred characters).
const MAX_VAULT: usize = 512;

fn is_hex(b: u8) -> bool {
    b.is_ascii_digit() || (b'a'..=b'f').contains(&b)
}

fn is_b64url(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b == b'-'
}

/// The provider token starting at `s`, if one does; whatever its kind is, enabled or not.
pub(crate) fn at(hay: &[u8], s: usize) -> Option<Candidate> {
    if !matches!(
        byte(hay, s),
        b'h' | b'd' | b's' | b'y' | b'G' | b'g' | b'c' | b'p'
    ) || unescaped_before(hay, s).is_ascii_alphanumeric()
    {
        return None;
    }
    let rest = &hay[s..];
    // `(kind, prefix length, body class, shortest body, longest body)`, and whether the
    // byte after the body must end the word (it need not after a run of any length).
    let (kind, prefix, class, min, max): (Kind, usize, fn(u8) -> bool, usize, usize) = match rest {
        [b'h', b'f', b'_', ..] => (
            Kind::HuggingfaceToken,
            3,
            |b| b.is_ascii_alphanumeric(),
            34,
            34,
        ),
        [b'd', b'a', b'p', b'i', ..] => return databricks(hay, s),
        [b'd', b'o', b'p' | b'o' | b'r', b'_', b'v', b'1', b'_', ..] => {
            (Kind::DigitaloceanToken, 7, is_hex, 64, 64)
        }
        [b's', b'h', b'p', b'a', b't', b'_', ..]
        | [b's', b'h', b'p', b's', b's', b'_', ..]
        | [b's', b'h', b'p', b'c', b'a', b'_', ..]
        | [b's', b'h', b'p', b'p', b'a', b'_', ..] => (Kind::ShopifyToken, 6, is_hex, 32, 32),
        // Service tokens are `hvs.` and 24 characters, or 90 and more with a namespace.
        [b'h', b'v', b's' | b'b' | b'r', b'.', ..] => {
            (Kind::VaultToken, 4, is_b64url, 24, MAX_VAULT)
        }
        [b'y', b'a', b'2', b'9', b'.', ..] => return google_oauth(hay, s),
        [b'G', b'O', b'C', b'S', b'P', b'X', b'-', ..] => {
            (Kind::GoogleClientSecret, 7, is_b64url, 28, 28)
        }
        [b'g', b's', b'k', b'_', ..] => {
            (Kind::GroqApiKey, 4, |b| b.is_ascii_alphanumeric(), 52, 52)
        }
        _ => return discord_webhook(hay, s),
    };
    let body = s + prefix;
    let end = run(hay, body, max + 1, class);
    // A fixed-length body ends its word; a Vault token ends where base64url does.
    let len = end - body;
    ((min..=max).contains(&len) && !is_b64url(byte(hay, end)))
        .then(|| Candidate::new(kind, s, end).with_prefix(prefix))
}

/// `dapi` and 32 hex digits, with a workspace suffix (`-2`) if there is one.
fn databricks(hay: &[u8], s: usize) -> Option<Candidate> {
    let body = s + 4;
    let mut end = run(hay, body, 33, is_hex);
    if end - body != 32 {
        return None;
    }
    if byte(hay, end) == b'-' && byte(hay, end + 1).is_ascii_digit() {
        end += 2;
    }
    (!is_b64url(byte(hay, end)))
        .then(|| Candidate::new(Kind::DatabricksToken, s, end).with_prefix(4))
}

/// `ya29.` and at least 30 characters. Access tokens run to 2 KiB; a longer run is masked
/// whole, never cut with a tail left visible (the scan goes on after it, so it is read once).
fn google_oauth(hay: &[u8], s: usize) -> Option<Candidate> {
    let body = s + 5;
    let run_end = run(hay, body, usize::MAX, |b| is_b64url(b) || b == b'.');
    // A `.` at the end ends a sentence.
    let end = body
        + hay[body..run_end]
            .iter()
            .rposition(|&b| b != b'.')
            .map_or(0, |i| i + 1);
    (end - body >= 30).then(|| Candidate::new(Kind::GoogleOauthToken, s, end).with_prefix(5))
}

/// `https://discord.com/api/webhooks/<id>/<token>` whose host starts at `s` (also
/// `discordapp.com`, a `canary.` or `ptb.` host, and a versioned `api/v10/`): masked from
/// the id on, with the scheme before `s` in the span.
fn discord_webhook(hay: &[u8], s: usize) -> Option<Candidate> {
    let mut at = s;
    for sub in [&b"canary."[..], b"ptb."] {
        if hay[at..].starts_with(sub) {
            at += sub.len();
        }
    }
    let host = [&b"discord.com/api/"[..], b"discordapp.com/api/"]
        .into_iter()
        .find(|h| hay[at..].starts_with(h))?;
    at += host.len();
    if byte(hay, at) == b'v' {
        let digits = run(hay, at + 1, 3, |b| b.is_ascii_digit());
        if digits == at + 1 || byte(hay, digits) != b'/' {
            return None;
        }
        at = digits + 1;
    }
    let path_start = at + hay[at..].starts_with(b"webhooks/").then_some(9)?;
    let id_end = run(hay, path_start, 21, |b| b.is_ascii_digit());
    if !(17..=20).contains(&(id_end - path_start)) || byte(hay, id_end) != b'/' {
        return None;
    }
    let end = run(hay, id_end + 1, 101, is_b64url);
    if !(60..=100).contains(&(end - id_end - 1)) {
        return None;
    }
    let scheme = [&b"https://"[..], b"http://"]
        .into_iter()
        .find(|p| hay[..s].ends_with(p))
        .map_or(0, <[u8]>::len);
    let start = s - scheme;
    Some(Candidate::new(Kind::DiscordWebhook, start, end).with_prefix(path_start - start))
}

/// Whether `prefix` is the public prefix of a token here, which a partial mask keeps.
pub(super) fn is_public_prefix(prefix: &[u8]) -> bool {
    const PREFIXES: &[&[u8]] = &[
        b"hf_", b"dapi", b"dop_v1_", b"doo_v1_", b"dor_v1_", b"shpat_", b"shpss_", b"shpca_",
        b"shppa_", b"hvs.", b"hvb.", b"hvr.", b"ya29.", b"GOCSPX-", b"gsk_",
        // (A Twilio key's, found in `numeric`.)
        b"SK",
    ];
    PREFIXES.contains(&prefix)
        || (prefix.ends_with(b"/webhooks/") && prefix.windows(8).any(|w| w == b"discord."))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Option<(Kind, &str, &str)> {
        let hay = text.as_bytes();
        (0..hay.len()).find_map(|s| at(hay, s)).map(|c| {
            (
                c.kind,
                &text[c.start..c.end],
                &text[c.start..c.start + c.prefix],
            )
        })
    }

    #[test]
    fn tokens_with_their_kind_span_and_public_prefix() {
        let hex64 = "0123456789abcdef".repeat(4);
        let hex32 = &hex64[..32];
        let hook = format!(
            "https://discord.com/api/webhooks/123456789012345678/{}",
            "Ab1_".repeat(17)
        );
        let hf = format!("hf_{}kLmN", "aBcDeFgHiJ".repeat(3));
        let oauth = format!("ya29.a0{}", "Xy1-".repeat(10));
        // (text, the token in it, its kind, its public prefix)
        let cases = [
            (
                format!("x {hf} y"),
                hf.clone(),
                Kind::HuggingfaceToken,
                "hf_",
            ),
            (
                format!("dapi{hex32}-2."),
                format!("dapi{hex32}-2"),
                Kind::DatabricksToken,
                "dapi",
            ),
            (
                format!("dop_v1_{hex64}"),
                format!("dop_v1_{hex64}"),
                Kind::DigitaloceanToken,
                "dop_v1_",
            ),
            (
                format!("doo_v1_{hex64}"),
                format!("doo_v1_{hex64}"),
                Kind::DigitaloceanToken,
                "doo_v1_",
            ),
            (
                format!("shppa_{hex32}"),
                format!("shppa_{hex32}"),
                Kind::ShopifyToken,
                "shppa_",
            ),
            (
                format!("hvs.{}", "CAESIJ".repeat(4)),
                format!("hvs.{}", "CAESIJ".repeat(4)),
                Kind::VaultToken,
                "hvs.",
            ),
            (
                format!("hvr.{}", "AbCd12".repeat(5)),
                format!("hvr.{}", "AbCd12".repeat(5)),
                Kind::VaultToken,
                "hvr.",
            ),
            (
                format!("{oauth}."),
                oauth.clone(),
                Kind::GoogleOauthToken,
                "ya29.",
            ),
            (
                format!("GOCSPX-{}", "Ab1-".repeat(7)),
                format!("GOCSPX-{}", "Ab1-".repeat(7)),
                Kind::GoogleClientSecret,
                "GOCSPX-",
            ),
            (
                format!("gsk_{}", "Ab12".repeat(13)),
                format!("gsk_{}", "Ab12".repeat(13)),
                Kind::GroqApiKey,
                "gsk_",
            ),
            (
                format!("see {hook}."),
                hook.clone(),
                Kind::DiscordWebhook,
                "https://discord.com/api/webhooks/",
            ),
        ];
        for (text, token, kind, prefix) in &cases {
            assert_eq!(
                found(text),
                Some((kind.clone(), token.as_str(), *prefix)),
                "{text}"
            );
            let bare = prefix.strip_prefix("https://").unwrap_or(prefix);
            assert!(is_public_prefix(bare.as_bytes()), "{prefix}");
        }
        let versioned = hook
            .replace("/api/", "/api/v10/")
            .replace("discord.com", "canary.discordapp.com");
        assert_eq!(found(&versioned).map(|f| f.1), Some(versioned.as_str()));
    }

    #[test]
    fn near_misses() {
        let hex64 = "0123456789abcdef".repeat(4);
        for text in [
            format!("hf_{}", "a".repeat(33)),
            format!("hf_{}", "a".repeat(35)),
            format!("xhf_{}", "a".repeat(34)),
            format!("dapi{}", &hex64[..31]),
            format!("dapi{}", &hex64[..33]),
            format!("dapi{}g", &hex64[..32]),
            format!("dox_v1_{hex64}"),
            format!("dop_v1_{}", hex64.to_uppercase()),
            format!("shpxx_{}", &hex64[..32]),
            "hvs.short".to_owned(),
            "ya29.short".to_owned(),
            format!("GOCSPX-{}", "a".repeat(29)),
            format!("gsk_{}", "a".repeat(51)),
            "https://discord.com/api/webhooks/123/abc".to_owned(),
            format!(
                "https://discord.com/api/users/123456789012345678/{}",
                "a".repeat(68)
            ),
        ] {
            assert_eq!(found(&text), None, "{text}");
        }
    }
}
