//! Chat bot tokens without a literal prefix, found from the digits in them: Telegram's
//! `<bot id>:AA…` and Discord's `<base64 user id>.<timestamp>.<hmac>`.

use super::{Candidate, run};
use crate::sanitize::bytes::{byte, unescaped_before};
use crate::sanitize::kind::Kind;

fn is_b64url(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b == b'-'
}

/// A Telegram bot token starting at `s`, or after a `bot` there or just before it (as in
/// the API's URLs, `/bot<token>/getMe`): 8 to 10 digits of the bot's id, `:`, and 35
/// characters of base64url starting with `A`.
pub(crate) fn telegram(hay: &[u8], s: usize) -> Option<Candidate> {
    let start = if hay[s..].starts_with(b"bot") {
        s + 3
    } else {
        s
    };
    let word = if start >= 3 && hay[start - 3..start] == *b"bot" {
        start - 3
    } else {
        start
    };
    if !(b'1'..=b'9').contains(&byte(hay, start)) || is_b64url(unescaped_before(hay, word)) {
        return None;
    }
    let id_end = run(hay, start, 11, |b| b.is_ascii_digit());
    // The `:` may be percent-encoded, as in a URL's query (`?token=123%3AAA…`).
    let colon = match &hay[id_end..] {
        [b':', ..] => 1,
        [b'%', b'3', b'A' | b'a', ..] => 3,
        _ => return None,
    };
    let secret = id_end + colon;
    if !(8..=10).contains(&(id_end - start)) || byte(hay, secret) != b'A' {
        return None;
    }
    let end = run(hay, secret, 36, is_b64url);
    (end - secret == 35).then(|| Candidate::new(Kind::TelegramBotToken, start, end))
}

/// A Discord bot token starting at `s`: a user id (17 to 20 digits) in base64 (23 to 27
/// characters: it starts with `M`, `N` or `O`), a timestamp (6 or 7), and an HMAC (27 to
/// 38), joined by `.`. The id must decode to digits, which random text almost never does.
pub(crate) fn discord(hay: &[u8], s: usize) -> Option<Candidate> {
    if !matches!(byte(hay, s), b'M' | b'N' | b'O') || is_b64url(unescaped_before(hay, s)) {
        return None;
    }
    let id_end = run(hay, s, 28, |b| b.is_ascii_alphanumeric());
    if !(23..=27).contains(&(id_end - s))
        || byte(hay, id_end) != b'.'
        || !decodes_to_id(&hay[s..id_end])
    {
        return None;
    }
    let time_end = run(hay, id_end + 1, 8, is_b64url);
    if !(6..=7).contains(&(time_end - id_end - 1)) || byte(hay, time_end) != b'.' {
        return None;
    }
    let end = run(hay, time_end + 1, 39, is_b64url);
    (27..=38)
        .contains(&(end - time_end - 1))
        .then(|| Candidate::new(Kind::DiscordToken, s, end))
}

/// The Discord token that holds the text at `s`, where the number scan's token walk has
/// stopped at a pair of separators (`--`, `-.`, `.-`) that a token's timestamp and HMAC
/// may hold: a token whose digits all come after such a pair (its id, base64 of digits,
/// often has none) is reached only there. Reads back at most the longest a token runs
/// before its last character, so the work per call is bounded.
pub(crate) fn discord_holding(hay: &[u8], s: usize) -> Option<Candidate> {
    // An id, a timestamp and an HMAC at their longest, with their two `.`.
    const LONGEST: usize = 27 + 1 + 7 + 1 + 38;
    let from = super::run_back(hay, s, LONGEST, |b| is_b64url(b) || b == b'.');
    (from..s)
        .filter(|&i| (i == from || hay[i - 1] == b'.') && matches!(hay[i], b'M' | b'N' | b'O'))
        .filter_map(|i| discord(hay, i))
        .find(|c| c.end > s)
}

/// Whether unpadded base64 decodes to 17 to 20 ASCII digits that do not start with `0`.
fn decodes_to_id(b64: &[u8]) -> bool {
    let value = |c: u8| match c {
        b'A'..=b'Z' => Some(c - b'A'),
        b'a'..=b'z' => Some(c - b'a' + 26),
        b'0'..=b'9' => Some(c - b'0' + 52),
        _ => None,
    };
    let mut bits = 0u32;
    let mut held = 0;
    let mut digits = 0;
    for &c in b64 {
        let Some(v) = value(c) else { return false };
        bits = (bits << 6) | u32::from(v);
        held += 6;
        if held >= 8 {
            held -= 8;
            let decoded = (bits >> held) as u8;
            bits &= (1 << held) - 1;
            let first = digits == 0;
            if !decoded.is_ascii_digit() || (first && decoded == b'0') {
                return false;
            }
            digits += 1;
        }
    }
    (17..=20).contains(&digits)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn find(f: fn(&[u8], usize) -> Option<Candidate>, text: &str) -> Option<&str> {
        let hay = text.as_bytes();
        (0..hay.len())
            .find_map(|s| f(hay, s))
            .map(|c| &text[c.start..c.end])
    }

    #[test]
    fn telegram_tokens() {
        let token = "7123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw1";
        for text in [
            format!("TELEGRAM_TOKEN={token}"),
            format!("https://api.telegram.org/bot{token}/getMe"),
            format!("/bot{token}"),
            format!("\"{token}\""),
        ] {
            assert_eq!(find(telegram, &text), Some(token), "{text}");
        }
        // In a URL's query, its `:` percent-encoded.
        let encoded = token.replace(':', "%3A");
        let text = format!("?token={encoded}&x=1");
        assert_eq!(find(telegram, &text), Some(encoded.as_str()), "{text}");
        for text in [
            // Too short or long a secret, an id too short, not `A`, glued to a word.
            "7123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw",
            "7123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw12",
            "7123456:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw1",
            "7123456789:BAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw1",
            "x7123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw1",
            "10:30:00",
        ] {
            assert_eq!(find(telegram, text), None, "{text}");
        }
    }

    #[test]
    fn a_discord_token_whose_digits_come_after_a_separator_pair() {
        // The id decodes to 100000000000000000: no digit in it, none in the timestamp.
        for token in [
            "MTAwMDAwMDAwMDAwMDAwMDAw.aa--Aa.0AA_AAaaa00_A_0-AA0aa-a0a-0",
            "MTAwMDAwMDAwMDAwMDAwMDAw.aaAaa-.0AA_AAaaa00_A_0-AA0aa-a0a-0",
            "MTAwMDAwMDAwMDAwMDAwMDAw.aaAaaa.-0A_AAaaa00_A_0-AA0aa-a0a-0",
            "MTAwMDAwMDAwMDAwMDAwMDAw.aaAaaa.AAA_AAaaa--0A_0-AA0aa-a0a-0",
        ] {
            let text = format!(" {token}\n");
            let digit = text.find(|c: char| c.is_ascii_digit()).unwrap_or(0);
            // From the digit's token, which starts past the pair.
            let s = digit
                - text[..digit]
                    .bytes()
                    .rev()
                    .take_while(|b| b.is_ascii_alphanumeric() || *b == b'_')
                    .count();
            let found = discord_holding(text.as_bytes(), s).map(|c| &text[c.start..c.end]);
            assert_eq!(found, Some(token), "{text}");
        }
        // Not inside a token, or too far from its start.
        for text in ["aa--0aa", "MTAwMDAwMDAwMDAwMDAwMDAw--0A", "Mx.aaAaaa.--0A"] {
            assert_eq!(
                discord_holding(text.as_bytes(), text.len() - 2),
                None,
                "{text}"
            );
        }
    }

    #[test]
    fn discord_tokens() {
        // The ids decode to 198622483471925248 and 799281494476455987.
        for token in [
            "MTk4NjIyNDgzNDcxOTI1MjQ4.Cl2FMQ.ZnCjm1XVW7vRze4b7Cq4se7kKWs",
            "Nzk5MjgxNDk0NDc2NDU1OTg3.YABS5g.2lmzECVlZv3vv6miVnUaKPQi2wI",
            "MTIzNDU2Nzg5MDEyMzQ1Njc4OQ.GhIjKl.abcdefghijklmnopqrstuvwxyz0123456789AB",
        ] {
            assert_eq!(find(discord, &format!("Bot {token}\n")), Some(token));
        }
        for text in [
            // The id is not digits in base64, or a part has the wrong length.
            "MZ1yGvKTjE0rY0cV8i47CjAa.Cl2FMQ.ZnCjm1XVW7vRze4b7Cq4se7kKWs",
            "MTk4NjIyNDgzNDcxOTI1MjQ4.Cl2FM.ZnCjm1XVW7vRze4b7Cq4se7kKWs",
            "MTk4NjIyNDgzNDcxOTI1MjQ4.Cl2FMQ.ZnCjm1XVW7vRze4b7Cq4se7kK",
            "xMTk4NjIyNDgzNDcxOTI1MjQ4.Cl2FMQ.ZnCjm1XVW7vRze4b7Cq4se7kKWs",
            "MDk4NjIyNDgzNDcxOTI1MjQ4.Cl2FMQ.ZnCjm1XVW7vRze4b7Cq4se7kKWs",
        ] {
            assert_eq!(find(discord, text), None, "{text}");
        }
    }
}
