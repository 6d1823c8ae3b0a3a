//! A wait in words (`1h 5m`, `2.5s`), for decisions and the errors rendered from them.
//!
//! It imports nothing of the crate, so both the policy engine and the errors can use it
//! without depending on each other's way round.

use std::time::Duration;

/// `1h 5m`, `14h 3m`, `2.5s`, `120ms`: a wait in words a model and a person read alike.
pub(crate) fn in_words(ms: u64) -> String {
    let s = ms / 1000;
    let (big, unit, small, small_unit) = match ms {
        0..1000 => return format!("{ms}ms"),
        1000..60_000 if ms % 1000 >= 100 => return format!("{}.{}s", s, (ms % 1000) / 100),
        1000..60_000 => return format!("{s}s"),
        60_000..3_600_000 => (s / 60, "m", s % 60, "s"),
        _ if s < 86_400 => (s / 3600, "h", (s % 3600) / 60, "m"),
        _ => (s / 86_400, "d", (s % 86_400) / 3600, "h"),
    };
    if small == 0 {
        format!("{big}{unit}")
    } else {
        format!("{big}{unit} {small}{small_unit}")
    }
}

/// `d` in whole milliseconds, saturating.
pub(crate) fn millis(d: Duration) -> u64 {
    u64::try_from(d.as_millis()).unwrap_or(u64::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_read_naturally() {
        assert_eq!(in_words(120), "120ms");
        assert_eq!(in_words(2_500), "2.5s");
        assert_eq!(in_words(65_000), "1m 5s");
        assert_eq!(in_words(14 * 3_600_000 + 3 * 60_000), "14h 3m");
        assert_eq!(in_words(3 * 86_400_000 + 3_600_000), "3d 1h");
        assert_eq!(in_words(3_600_000), "1h");
        assert_eq!(in_words(20_000), "20s");
        assert_eq!(in_words(120_000), "2m");
        assert!(!in_words(u64::MAX).is_empty());
    }

    #[test]
    fn millis_saturate() {
        assert_eq!(millis(Duration::from_micros(1500)), 1);
        assert_eq!(millis(Duration::MAX), u64::MAX);
    }
}
