//! Rate limits as written in policies: `"10/min"`, `"500/hour"`, `"5/s burst 10"`.

use std::fmt;
use std::num::NonZeroU32;
use std::str::FromStr;
use std::time::Duration;

use super::quoted;

/// A rate: so many calls per period, with an optional burst (how many may come at once; by
/// default the count itself).
///
/// Written `COUNT/PERIOD [burst N]`, where the period is `s`, `sec`, `second`, `m`, `min`,
/// `minute`, `h`, `hour`, `d`, `day` (plurals too) or `ms`, optionally with a multiplier:
/// `"100/5min"`. Case and spaces around the parts do not matter.
///
/// ```rust
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// use std::time::Duration;
/// use airlock::policy::Rate;
///
/// let rate: Rate = "5/s burst 10".parse()?;
/// assert_eq!(rate.count(), 5);
/// assert_eq!(rate.period(), Duration::from_secs(1));
/// assert_eq!(rate.burst(), 10);
/// assert_eq!(rate.to_string(), "5/s burst 10");
/// assert_eq!("500/hour".parse::<Rate>()?.interval(), Duration::from_millis(7200));
///
/// let err = "10 per minute".parse::<Rate>().unwrap_err();
/// assert_eq!(err.to_string(), "`10 per minute` is not a rate: write COUNT/PERIOD [burst N], such as \"10/min\" or \"5/s burst 10\"");
/// # Ok(())
/// # }
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Rate {
    count: NonZeroU32,
    period: Duration,
    burst: NonZeroU32,
}

/// Why a rate could not be read.
///
/// Each variant says what part of the text is wrong:
///
/// ```rust
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// use airlock::policy::{Rate, RateError};
///
/// assert_eq!("10 per minute".parse::<Rate>(), Err(RateError::Syntax("10 per minute".into())));
/// assert_eq!("0/min".parse::<Rate>(), Err(RateError::Count("0".into())));
/// let err = "10/fortnight".parse::<Rate>().unwrap_err();
/// assert_eq!(err, RateError::Period("fortnight".into()));
/// assert_eq!(err.to_string(), "`fortnight` is not a period: use s, min, hour or day (with an optional multiplier, as in 5min)");
/// assert_eq!("10/5min".parse::<Rate>()?.to_string(), "10/5min");
/// # Ok(())
/// # }
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum RateError {
    /// Not of the form `COUNT/PERIOD [burst N]`.
    #[error(
        "`{0}` is not a rate: write COUNT/PERIOD [burst N], such as \"10/min\" or \"5/s burst 10\""
    )]
    Syntax(String),
    /// A count or burst of zero, or too large.
    #[error("`{0}` is not a count of calls: use a whole number from 1 to 4294967295")]
    Count(String),
    /// A period unit that is not one of the known ones.
    #[error(
        "`{0}` is not a period: use s, min, hour or day (with an optional multiplier, as in 5min)"
    )]
    Period(String),
}

impl Rate {
    /// `count` calls per `period` (kept to the millisecond), with a burst of `count`.
    ///
    /// Returns `None` for a period under a millisecond (or over `u64::MAX` milliseconds).
    /// A rate made in code is the same as the one written:
    ///
    /// ```rust
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// use std::num::NonZeroU32;
    /// use std::time::Duration;
    /// use airlock::policy::Rate;
    ///
    /// let ten = NonZeroU32::new(10).ok_or("zero")?;
    /// assert_eq!(Rate::new(ten, Duration::from_secs(60)), Some("10/min".parse()?));
    /// assert_eq!(Rate::new(ten, Duration::from_micros(1500)), Some("10/ms".parse()?));
    /// assert_eq!(Rate::new(ten, Duration::from_micros(999)), None);
    /// # Ok(())
    /// # }
    /// ```
    pub fn new(count: NonZeroU32, period: Duration) -> Option<Rate> {
        let period = Duration::from_millis(u64::try_from(period.as_millis()).ok()?);
        (!period.is_zero()).then_some(Rate {
            count,
            period,
            burst: count,
        })
    }

    /// The same rate allowing `burst` calls at once.
    ///
    /// A burst above the count lets a quiet caller spend its savings at once:
    ///
    /// ```rust
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// use std::num::NonZeroU32;
    /// use airlock::policy::Rate;
    ///
    /// let rate = "10/min".parse::<Rate>()?.with_burst(NonZeroU32::new(20).ok_or("zero")?);
    /// assert_eq!(rate.burst(), 20);
    /// assert_eq!(rate, "10/min burst 20".parse()?);
    /// assert_eq!(rate.to_string(), "10/min burst 20");
    /// # Ok(())
    /// # }
    /// ```
    #[must_use]
    pub fn with_burst(mut self, burst: NonZeroU32) -> Rate {
        self.burst = burst;
        self
    }

    /// Calls per period.
    ///
    /// ```rust
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// use airlock::policy::Rate;
    ///
    /// assert_eq!("500/hour".parse::<Rate>()?.count(), 500);
    /// # Ok(())
    /// # }
    /// ```
    pub fn count(&self) -> u32 {
        self.count.get()
    }

    /// The period.
    ///
    /// A multiplier is part of the period:
    ///
    /// ```rust
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// use std::time::Duration;
    /// use airlock::policy::Rate;
    ///
    /// assert_eq!("100/5min".parse::<Rate>()?.period(), Duration::from_secs(300));
    /// assert_eq!("1/day".parse::<Rate>()?.period(), Duration::from_secs(86_400));
    /// # Ok(())
    /// # }
    /// ```
    pub fn period(&self) -> Duration {
        self.period
    }

    /// Calls that may come at once.
    ///
    /// Unless set, the burst is the count:
    ///
    /// ```rust
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// use airlock::policy::Rate;
    ///
    /// assert_eq!("10/min".parse::<Rate>()?.burst(), 10);
    /// assert_eq!("10/min burst 3".parse::<Rate>()?.burst(), 3);
    /// # Ok(())
    /// # }
    /// ```
    pub fn burst(&self) -> u32 {
        self.burst.get()
    }

    /// The time in which one call's allowance comes back: `period / count` (at least 1 ns).
    ///
    /// ```rust
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// use std::time::Duration;
    /// use airlock::policy::Rate;
    ///
    /// assert_eq!("3/s".parse::<Rate>()?.interval(), Duration::from_nanos(333_333_333));
    /// assert_eq!("10/min burst 20".parse::<Rate>()?.interval(), Duration::from_secs(6));
    /// # Ok(())
    /// # }
    /// ```
    pub fn interval(&self) -> Duration {
        (self.period / self.count.get()).max(Duration::from_nanos(1))
    }
}

/// A period unit's length in milliseconds.
fn unit(word: &str) -> Option<u64> {
    let millis = match word {
        "ms" => 1,
        "s" | "sec" | "secs" | "second" | "seconds" => 1000,
        "m" | "min" | "mins" | "minute" | "minutes" => 60_000,
        "h" | "hr" | "hrs" | "hour" | "hours" => 3_600_000,
        "d" | "day" | "days" => 86_400_000,
        _ => return None,
    };
    Some(millis)
}

fn count(text: &str) -> Result<NonZeroU32, RateError> {
    text.parse::<NonZeroU32>()
        .map_err(|_| RateError::Count(quoted(text)))
}

impl FromStr for Rate {
    type Err = RateError;

    fn from_str(text: &str) -> Result<Rate, RateError> {
        let syntax = || RateError::Syntax(quoted(text));
        let lower = text.trim().to_ascii_lowercase();
        let (rate, burst) = match lower.split_once("burst") {
            Some((rate, burst)) => (rate.trim(), Some(count(burst.trim())?)),
            None => (lower.as_str(), None),
        };
        let (calls, period) = rate.split_once('/').ok_or_else(syntax)?;
        let calls = count(calls.trim())?;
        let period = period.trim();
        let digits = period.bytes().take_while(u8::is_ascii_digit).count();
        let (multiplier, word) = period.split_at(digits);
        let multiplier: u64 = if multiplier.is_empty() {
            1
        } else {
            match multiplier.parse::<u64>() {
                Ok(m) if m > 0 => m,
                _ => return Err(RateError::Period(quoted(period))),
            }
        };
        let millis = unit(word.trim())
            .and_then(|ms| ms.checked_mul(multiplier))
            .ok_or_else(|| RateError::Period(quoted(period)))?;
        let rate = Rate {
            count: calls,
            period: Duration::from_millis(millis),
            burst: calls,
        };
        Ok(match burst {
            Some(burst) => rate.with_burst(burst),
            None => rate,
        })
    }
}

impl fmt::Display for Rate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let ms = u64::try_from(self.period.as_millis()).unwrap_or(u64::MAX);
        let period = match ms {
            1000 => "s".to_owned(),
            60_000 => "min".to_owned(),
            3_600_000 => "hour".to_owned(),
            86_400_000 => "day".to_owned(),
            _ if ms.is_multiple_of(86_400_000) => format!("{}day", ms / 86_400_000),
            _ if ms.is_multiple_of(3_600_000) => format!("{}hour", ms / 3_600_000),
            _ if ms.is_multiple_of(60_000) => format!("{}min", ms / 60_000),
            _ if ms.is_multiple_of(1000) => format!("{}s", ms / 1000),
            _ => format!("{ms}ms"),
        };
        write!(f, "{}/{period}", self.count)?;
        if self.burst != self.count {
            write!(f, " burst {}", self.burst)?;
        }
        Ok(())
    }
}

impl serde::Serialize for Rate {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for Rate {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Rate, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    #[test]
    fn spellings() {
        let cases = [
            ("10/min", 10, 60, 10),
            ("500/hour", 500, 3600, 500),
            ("5/s burst 10", 5, 1, 10),
            (" 5 / S  BURST 1 ", 5, 1, 1),
            ("100/5min", 100, 300, 100),
            ("1/day", 1, 86_400, 1),
            ("3/2hours", 3, 7200, 3),
            ("2/1500ms", 2, 1, 2),
        ];
        for (text, count, secs, burst) in cases {
            let rate: Rate = text.parse().unwrap_or_else(|e| panic!("{text}: {e}"));
            assert_eq!(
                (rate.count(), rate.period().as_secs(), rate.burst()),
                (count, secs, burst),
                "{text}"
            );
        }
    }

    #[test]
    fn bad_rates_say_what_is_wrong() {
        assert!(matches!("10".parse::<Rate>(), Err(RateError::Syntax(_))));
        assert!(matches!("0/min".parse::<Rate>(), Err(RateError::Count(_))));
        assert!(matches!("-1/min".parse::<Rate>(), Err(RateError::Count(_))));
        assert!(matches!(
            "10/fortnight".parse::<Rate>(),
            Err(RateError::Period(_))
        ));
        assert!(matches!(
            "10/0min".parse::<Rate>(),
            Err(RateError::Period(_))
        ));
        assert!(matches!(
            "10/min burst 0".parse::<Rate>(),
            Err(RateError::Count(_))
        ));
        assert!(matches!(
            "10/99999999999999999999day".parse::<Rate>(),
            Err(RateError::Period(_))
        ));
        let long = format!("{}/min", "9".repeat(1000));
        let err = long.parse::<Rate>().unwrap_err().to_string();
        assert!(err.len() < 200, "{err}");
    }

    #[test]
    fn sub_millisecond_periods_are_refused() {
        let one = NonZeroU32::MIN;
        assert!(Rate::new(one, Duration::from_micros(999)).is_none());
        assert_eq!(
            Rate::new(one, Duration::from_micros(1500))
                .unwrap()
                .period(),
            Duration::from_millis(1)
        );
        assert_eq!(
            Rate::new(one, Duration::from_millis(1500))
                .unwrap()
                .to_string(),
            "1/1500ms"
        );
    }

    #[test]
    fn serde_round_trip() {
        let rate: Rate = serde_json::from_str("\"5/s burst 10\"").unwrap();
        assert_eq!(serde_json::to_string(&rate).unwrap(), "\"5/s burst 10\"");
        let err = serde_json::from_str::<Rate>("\"ten/min\"").unwrap_err();
        assert!(err.to_string().contains("not a count"), "{err}");
    }

    proptest! {
        #[test]
        fn display_parses_back(count in 1u32.., mult in 1u64..1000, unit in 0usize..5, burst in 1u32..) {
            let ms = [1u64, 1000, 60_000, 3_600_000, 86_400_000][unit] * mult;
            let rate = Rate::new(NonZeroU32::new(count).unwrap(), Duration::from_millis(ms)).unwrap()
                .with_burst(NonZeroU32::new(burst).unwrap());
            prop_assert_eq!(rate.to_string().parse::<Rate>(), Ok(rate));
        }

        #[test]
        fn never_panics(text in "\\PC{0,40}") {
            let _ = text.parse::<Rate>();
        }
    }
}
