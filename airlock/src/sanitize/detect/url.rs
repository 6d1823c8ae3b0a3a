//! The password in a URL's user info: `postgres://app:PASSWORD@db:5432/app`.

use super::{Candidate, is_placeholder, run, run_back};
use crate::sanitize::bytes::past_escape;
use crate::sanitize::enabled::Enabled;
use crate::sanitize::kind::Kind;

/// The password of the URL whose `://` is at `sep`.
pub(super) fn connection(hay: &[u8], sep: usize, enabled: &Enabled) -> Option<Candidate> {
    if !enabled.contains(&Kind::ConnectionString) {
        return None;
    }
    let scheme_start = run_back(hay, sep, 32, |b| {
        b.is_ascii_alphanumeric() || b"+.-".contains(&b)
    });
    // (`%3Dpostgres://…`, `\u003epostgres://…`: the scheme starts past the escape.)
    let scheme_start = past_escape(hay, scheme_start).min(sep);
    if scheme_start == sep || !hay[scheme_start].is_ascii_alphabetic() {
        return None;
    }
    let authority_start = sep + 3;
    let authority_end = run(hay, authority_start, 512, |b| {
        !b.is_ascii_whitespace() && !b"/?#\"'<>\\`".contains(&b) && b != 0
    });
    let authority = &hay[authority_start..authority_end];
    // The last `@` ends the user info, so an unencoded `@` in the password stays inside it.
    let at = memchr::memrchr(b'@', authority)?;
    let colon = memchr::memchr(b':', &authority[..at])?;
    let password = &authority[colon + 1..at];
    if is_placeholder(password) || password.starts_with(b"$") {
        return None;
    }
    Some(Candidate::new(
        Kind::ConnectionString,
        authority_start + colon + 1,
        authority_start + at,
    ))
}
