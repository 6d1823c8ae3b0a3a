//! The key of `--strategy hash`, from `--hash-key-file` or `AIRLOCK_HASH_KEY`.
//!
//! The key is a secret: it is held in memory that is zeroed when dropped, read without
//! copies that would not be, and never printed, not even in an error.

use std::fmt;
use std::fs::File;
use std::io::{self, Read};
use std::path::Path;

use zeroize::Zeroizing;

use crate::Failure;

/// The environment variable that holds a key.
pub(crate) const ENV: &str = "AIRLOCK_HASH_KEY";

/// The longest key file read: a key, not a file of data given by mistake.
const MAX_FILE: usize = 1024;

/// A key, and where it came from (for errors).
pub(crate) struct HashKey {
    pub(crate) secret: Zeroizing<Vec<u8>>,
    pub(crate) source: String,
}

/// Never shows the secret.
impl fmt::Debug for HashKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HashKey")
            .field("secret", &"[REDACTED]")
            .field("source", &self.source)
            .finish()
    }
}

/// The key in the file at `path`, without one trailing line break (so that
/// `AIRLOCK_HASH_KEY="$(cat FILE)"` gives the same key).
pub(crate) fn from_file(path: &Path) -> Result<HashKey, Failure> {
    let source = format!("--hash-key-file {path:?}");
    let cannot = |err: io::Error| Failure::new(format_args!("cannot read {source}: {err}"));
    let mut file = File::open(path).map_err(cannot)?;
    let mut buf = Zeroizing::new([0u8; MAX_FILE + 1]);
    let mut len = 0;
    while len < buf.len() {
        match file.read(&mut buf[len..]) {
            Ok(0) => break,
            Ok(n) => len += n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(cannot(e)),
        }
    }
    if len > MAX_FILE {
        return Err(Failure::new(format_args!(
            "{source} is longer than {MAX_FILE} bytes: it should hold one key, such as the \
             output of `openssl rand -hex 32`"
        )));
    }
    let mut key = &buf[..len];
    for ending in [&b"\r\n"[..], b"\n"] {
        if let Some(rest) = key.strip_suffix(ending) {
            key = rest;
            break;
        }
    }
    let mut secret = Zeroizing::new(Vec::with_capacity(key.len()));
    secret.extend_from_slice(key);
    Ok(HashKey { secret, source })
}

/// The key in `AIRLOCK_HASH_KEY`, if it is set.
pub(crate) fn from_env() -> Option<HashKey> {
    let value = std::env::var_os(ENV)?;
    Some(HashKey {
        secret: Zeroizing::new(value.into_encoded_bytes()),
        source: ENV.to_owned(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp(name: &str, contents: &[u8]) -> std::path::PathBuf {
        let dir = std::env::temp_dir().join(format!("airlock-cli-key-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join(name);
        std::fs::write(&path, contents).unwrap();
        path
    }

    #[test]
    fn one_trailing_line_break_is_not_part_of_the_key() {
        for (contents, key) in [
            (&b"0123456789abcdef\n"[..], &b"0123456789abcdef"[..]),
            (b"0123456789abcdef\r\n", b"0123456789abcdef"),
            (b"0123456789abcdef\n\n", b"0123456789abcdef\n"),
            (b"\x00\xFF binary key", b"\x00\xFF binary key"),
        ] {
            let path = temp("key", contents);
            assert_eq!(&from_file(&path).unwrap().secret[..], key);
        }
    }

    #[test]
    fn errors_name_the_file_and_never_show_the_key() {
        let missing = from_file(Path::new("/nonexistent/airlock.key")).unwrap_err();
        assert!(
            missing
                .to_string()
                .starts_with("cannot read --hash-key-file \"/nonexistent/airlock.key\": "),
            "{missing}"
        );
        let long = temp("long", &[b'k'; MAX_FILE + 1]);
        let err = from_file(&long).unwrap_err().to_string();
        assert!(
            err.contains("longer than 1024 bytes") && !err.contains("kkk"),
            "{err}"
        );
        assert_eq!(
            from_file(&temp("max", &[b'k'; MAX_FILE]))
                .unwrap()
                .secret
                .len(),
            MAX_FILE
        );
    }
}
