//! Time windows as written in policies: `"Mon-Fri 09:00-17:00"` in `America/New_York`.
//!
//! Times are wall-clock times in an IANA time zone: 09:00 means 09:00 local on both sides of a
//! daylight-saving change. A [`Span`] is one window on a set of [`Days`]; a [`Schedule`] is
//! several spans in one time zone, open when any of them is.
//!
//! ```rust
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! use airlock::policy::{Schedule, Span};
//! use jiff::Timestamp;
//!
//! let office: Span = "Mon-Fri 09:00-17:00".parse()?;
//! let schedule = Schedule::new([office], "America/New_York")?;
//! // Friday 2026-03-06, 10:00 in New York (EST, UTC-5).
//! assert!(schedule.is_open("2026-03-06T15:00:00Z".parse::<Timestamp>()?));
//! // Saturday evening: closed until Monday 09:00, which is EDT (UTC-4) after the change.
//! let saturday: Timestamp = "2026-03-07T20:00:00-05:00".parse()?;
//! assert_eq!(
//!     schedule.next_open(saturday),
//!     Some("2026-03-09T09:00:00-04:00".parse()?),
//! );
//! assert_eq!(schedule.to_string(), "Mon–Fri 09:00–17:00 America/New_York");
//! # Ok(())
//! # }
//! ```

use std::fmt;
use std::str::FromStr;
use std::time::Duration;

use jiff::civil::{self, Weekday};
use jiff::tz::{AmbiguousOffset, TimeZone};
use jiff::{SignedDuration, Timestamp};

use super::quoted;

/// Minutes in a (wall-clock) day; also the stored form of an end at `24:00`.
const MINUTES_PER_DAY: u16 = 24 * 60;
const SECONDS_PER_DAY: i64 = 24 * 60 * 60;
/// How far [`Schedule::next_open`] looks ahead: a week, plus a week more for a window that a
/// daylight-saving change skipped this week.
const LOOKAHEAD: SignedDuration = SignedDuration::from_hours(15 * 24);

/// Three-letter and full day names, Monday first (the bit order of [`Days`]).
const NAMES: [(&str, &str); 7] = [
    ("Mon", "Monday"),
    ("Tue", "Tuesday"),
    ("Wed", "Wednesday"),
    ("Thu", "Thursday"),
    ("Fri", "Friday"),
    ("Sat", "Saturday"),
    ("Sun", "Sunday"),
];

/// Why a time window or time zone could not be read.
///
/// Each message quotes (cut to 40 characters) what was wrong and says how to write it.
///
/// ```
/// use airlock::policy::{Schedule, Span, SpanError};
///
/// let err = "Mon-Fry 09:00-17:00".parse::<Span>().unwrap_err();
/// assert_eq!(err, SpanError::Day("Fry".into()));
/// assert!(err.to_string().starts_with("`Fry` is not a day: use Mon, Tue"));
/// assert!(matches!(Schedule::new([], "Mars/Olympus"), Err(SpanError::TimeZone(_))));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum SpanError {
    /// Not of the form `DAYS HH:MM-HH:MM`.
    #[error(
        "`{0}` is not a time window: write DAYS HH:MM-HH:MM, such as \"Mon-Fri 09:00-17:00\" or \"daily 22:00-06:00\""
    )]
    Syntax(String),
    /// A day name that is not one of the known ones, or a malformed day list.
    #[error(
        "`{0}` is not a day: use Mon, Tue, Wed, Thu, Fri, Sat, Sun (or full names), a range such as Mon-Fri, a list such as Mon,Wed,Fri, or daily"
    )]
    Day(String),
    /// A time of day that is malformed or out of range (or `24:00` as a start).
    #[error(
        "`{0}` is not a time of day: write H:MM or HH:MM from 00:00 to 23:59, such as 09:00 or 17:30 (24:00 may only end a window)"
    )]
    Time(String),
    /// A window that starts and ends at the same time.
    #[error(
        "`{0}` is an empty window: it starts and ends at the same time; for the whole day write 00:00-24:00"
    )]
    Empty(String),
    /// A time zone name that is not in the time zone database.
    #[error("`{0}` is not a time zone: use an IANA name such as America/New_York, or \"local\"")]
    TimeZone(String),
}

/// Hyphens stand in for the en and em dashes people paste.
fn dashes(text: &str) -> String {
    text.replace(['–', '—'], "-")
}

/// Monday-zero index of a weekday: its bit in [`Days`].
const fn index(day: Weekday) -> u8 {
    match day {
        Weekday::Monday => 0,
        Weekday::Tuesday => 1,
        Weekday::Wednesday => 2,
        Weekday::Thursday => 3,
        Weekday::Friday => 4,
        Weekday::Saturday => 5,
        Weekday::Sunday => 6,
    }
}

/// A set of weekdays.
///
/// Written as a day (`Mon` or `Monday`), a range (`Mon-Fri`; ranges may wrap, so `Fri-Mon`
/// is Friday, Saturday, Sunday and Monday), a comma list whose items may be ranges
/// (`Mon-Wed,Fri`), or `daily`, `every day` or `*` for all seven. Case and spaces do not
/// matter, and an en dash works as well as a hyphen. Displayed in the shortest form: `daily`,
/// ranges for runs of three or more days, commas otherwise.
///
/// ```rust
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// use airlock::policy::Days;
/// use jiff::civil::Weekday;
///
/// let days: Days = "mon-wed, FRI".parse()?;
/// assert!(days.contains(Weekday::Tuesday));
/// assert!(!days.contains(Weekday::Thursday));
/// assert_eq!(days.to_string(), "Mon–Wed, Fri");
/// assert_eq!("Sat,Sun".parse::<Days>()?, Days::WEEKEND);
/// assert_eq!("Friday–Monday".parse::<Days>()?.to_string(), "Fri–Mon");
/// assert_eq!("every day".parse::<Days>()?, Days::ALL);
/// # Ok(())
/// # }
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Days(u8);

impl Days {
    /// No day at all (a [`Span`] needs at least one).
    ///
    /// ```
    /// use airlock::policy::Days;
    /// assert!(Days::NONE.is_empty());
    /// ```
    pub const NONE: Days = Days(0);
    /// Monday to Friday.
    ///
    /// ```
    /// use airlock::policy::Days;
    /// assert_eq!(Days::WEEKDAYS.to_string(), "Mon–Fri");
    /// ```
    pub const WEEKDAYS: Days = Days(0b001_1111);
    /// Saturday and Sunday.
    ///
    /// ```
    /// use airlock::policy::Days;
    /// assert_eq!(Days::WEEKEND.to_string(), "Sat, Sun");
    /// ```
    pub const WEEKEND: Days = Days(0b110_0000);
    /// Every day of the week.
    ///
    /// ```
    /// use airlock::policy::Days;
    /// assert_eq!(Days::ALL, Days::WEEKDAYS.union(Days::WEEKEND));
    /// assert_eq!(Days::ALL.to_string(), "daily");
    /// ```
    pub const ALL: Days = Days(0b111_1111);

    /// Just `day`.
    ///
    /// ```
    /// use airlock::policy::Days;
    /// use jiff::civil::Weekday;
    ///
    /// let friday = Days::of(Weekday::Friday);
    /// assert!(friday.contains(Weekday::Friday));
    /// assert_eq!(friday.to_string(), "Fri");
    /// ```
    pub const fn of(day: Weekday) -> Days {
        Days(1 << index(day))
    }

    /// Whether `day` is in the set.
    ///
    /// ```
    /// use airlock::policy::Days;
    /// use jiff::civil::Weekday;
    ///
    /// assert!(Days::WEEKDAYS.contains(Weekday::Monday));
    /// assert!(!Days::WEEKDAYS.contains(Weekday::Sunday));
    /// ```
    pub const fn contains(self, day: Weekday) -> bool {
        self.has(index(day))
    }

    /// The days in either set.
    ///
    /// ```
    /// use airlock::policy::Days;
    /// use jiff::civil::Weekday;
    ///
    /// let days = Days::of(Weekday::Monday).union(Days::of(Weekday::Wednesday));
    /// assert_eq!(days.to_string(), "Mon, Wed");
    /// ```
    #[must_use]
    pub const fn union(self, other: Days) -> Days {
        Days(self.0 | other.0)
    }

    /// Whether the set has no day.
    ///
    /// ```
    /// use airlock::policy::Days;
    ///
    /// assert!(Days::NONE.is_empty());
    /// assert!(!Days::WEEKEND.is_empty());
    /// ```
    pub const fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// Whether the day with Monday-zero index `day` (below 7) is in the set.
    const fn has(self, day: u8) -> bool {
        self.0 & (1 << day) != 0
    }
}

impl From<Weekday> for Days {
    fn from(day: Weekday) -> Days {
        Days::of(day)
    }
}

/// The Monday-zero index of a day name, three-letter or full, any case.
fn day_index(word: &str) -> Option<u8> {
    let i = NAMES.iter().position(|(short, long)| {
        word.eq_ignore_ascii_case(short) || word.eq_ignore_ascii_case(long)
    })?;
    u8::try_from(i).ok()
}

impl FromStr for Days {
    type Err = SpanError;

    fn from_str(text: &str) -> Result<Days, SpanError> {
        let text = dashes(text);
        let words = text.split_whitespace().collect::<Vec<_>>().join(" ");
        if ["daily", "every day", "everyday", "*"]
            .iter()
            .any(|all| words.eq_ignore_ascii_case(all))
        {
            return Ok(Days::ALL);
        }
        let mut days = Days::NONE;
        for item in text.split(',') {
            let item = item.trim();
            let (first, last) = match item.split_once('-') {
                Some((first, last)) => (first.trim(), last.trim()),
                None => (item, item),
            };
            if first.is_empty() || last.is_empty() {
                let shown = if item.is_empty() { text.trim() } else { item };
                return Err(SpanError::Day(quoted(shown)));
            }
            let first = day_index(first).ok_or_else(|| SpanError::Day(quoted(first)))?;
            let last = day_index(last).ok_or_else(|| SpanError::Day(quoted(last)))?;
            // A range runs forward from its first day, wrapping past Sunday if need be.
            let mut day = first;
            loop {
                days.0 |= 1 << day;
                if day == last {
                    break;
                }
                day = (day + 1) % 7;
            }
        }
        Ok(days)
    }
}

impl fmt::Display for Days {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if *self == Days::ALL {
            return f.write_str("daily");
        }
        // Runs are found around the week (so Fri, Sat, Sun, Mon is one run) starting after a
        // missing day, then written in order of their first day, Monday first.
        let Some(gap) = (0..7).find(|&d| !self.has(d)) else {
            return f.write_str("daily");
        };
        let mut runs = [(0u8, 0u8); 7];
        let mut count = 0;
        for step in 1..=7 {
            let day = (gap + step) % 7;
            if !self.has(day) {
                continue;
            }
            let extends = count > 0 && {
                let (start, len) = runs[count - 1];
                (start + len) % 7 == day
            };
            if extends {
                runs[count - 1].1 += 1;
            } else {
                runs[count] = (day, 1);
                count += 1;
            }
        }
        let mut items = [(0u8, 0u8); 7];
        let mut n = 0;
        for &(start, len) in &runs[..count] {
            if len >= 3 {
                items[n] = (start, len);
                n += 1;
            } else {
                for k in 0..len {
                    items[n] = ((start + k) % 7, 1);
                    n += 1;
                }
            }
        }
        let items = &mut items[..n];
        items.sort_unstable();
        if items.is_empty() {
            return f.write_str("none");
        }
        for (i, &(start, len)) in items.iter().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            f.write_str(NAMES[usize::from(start)].0)?;
            if len > 1 {
                let last = (start + len - 1) % 7;
                write!(f, "–{}", NAMES[usize::from(last)].0)?;
            }
        }
        Ok(())
    }
}

impl fmt::Debug for Days {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Days({self})")
    }
}

/// One time window: a start and end wall-clock time (to the minute) on a set of days.
///
/// Written `DAYS HH:MM-HH:MM` (see [`Days`] for the days; `H:MM` and an en dash work too).
/// The end may be `24:00`, the end of the day. If the end is before the start, the window
/// **wraps past midnight**: it opens on each listed day at the start and closes the next day
/// at the end, so `Fri 22:00-06:00` is Friday 22:00 to Saturday 06:00. An end of `00:00` is
/// the same as `24:00` and is kept (and displayed) as `24:00`.
///
/// Displayed with en dashes and the shortest form of the days, and serialized as that string.
///
/// ```rust
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// use airlock::policy::{Days, Span};
/// use jiff::civil::date;
///
/// let night: Span = "fri 22:00 - 6:00".parse()?;
/// assert_eq!(Some(night), Span::new(Days::of(jiff::civil::Weekday::Friday), (22, 0), (6, 0)));
/// assert_eq!(night.to_string(), "Fri 22:00–06:00");
/// assert!(night.contains(date(2026, 3, 7).at(5, 59, 0, 0))); // Saturday morning
/// assert!(!night.contains(date(2026, 3, 6).at(5, 0, 0, 0))); // Friday morning
///
/// let json = serde_json::to_string(&night)?;
/// assert_eq!(json, "\"Fri 22:00–06:00\"");
/// assert_eq!(serde_json::from_str::<Span>(&json)?, night);
/// # Ok(())
/// # }
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Span {
    days: Days,
    /// Minute of the day, `0..1440`.
    start: u16,
    /// Minute of the day, `1..=1440`, never equal to `start`; below `start` when wrapping.
    end: u16,
}

impl Span {
    /// A window on `days` from `start` to `end`, each `(hour, minute)`.
    ///
    /// Returns `None` for no days, an hour over 24, a minute over 59, `24:xx` other than
    /// `24:00`, a start of `24:00`, or a start equal to the end.
    ///
    /// ```rust
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// use airlock::policy::{Days, Span};
    ///
    /// const OFFICE: Option<Span> = Span::new(Days::WEEKDAYS, (9, 0), (17, 0));
    /// assert_eq!(OFFICE.ok_or("not a span")?.to_string(), "Mon–Fri 09:00–17:00");
    /// assert!(Span::new(Days::ALL, (0, 0), (24, 0)).is_some());
    /// assert!(Span::new(Days::ALL, (24, 0), (1, 0)).is_none());
    /// assert!(Span::new(Days::ALL, (9, 0), (9, 0)).is_none());
    /// assert!(Span::new(Days::NONE, (9, 0), (17, 0)).is_none());
    /// # Ok(())
    /// # }
    /// ```
    pub const fn new(days: Days, start: (u8, u8), end: (u8, u8)) -> Option<Span> {
        let ((start_hour, start_minute), (end_hour, end_minute)) = (start, end);
        if days.is_empty()
            || start_hour > 23
            || start_minute > 59
            || end_hour > 24
            || end_minute > 59
            || (end_hour == 24 && end_minute != 0)
        {
            return None;
        }
        let start = start_hour as u16 * 60 + start_minute as u16;
        let end = end_hour as u16 * 60 + end_minute as u16;
        if start == end {
            return None;
        }
        let end = if end == 0 { MINUTES_PER_DAY } else { end };
        Some(Span { days, start, end })
    }

    /// The days on which the window opens.
    ///
    /// ```rust
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// use airlock::policy::{Days, Span};
    ///
    /// let span: Span = "Sat-Sun 10:00-12:00".parse()?;
    /// assert_eq!(span.days(), Days::WEEKEND);
    /// # Ok(())
    /// # }
    /// ```
    pub const fn days(self) -> Days {
        self.days
    }

    /// When the window opens, as `(hour, minute)`.
    ///
    /// ```rust
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// use airlock::policy::Span;
    ///
    /// let span: Span = "daily 9:30-17:00".parse()?;
    /// assert_eq!(span.start(), (9, 30));
    /// # Ok(())
    /// # }
    /// ```
    pub const fn start(self) -> (u8, u8) {
        hour_minute(self.start)
    }

    /// When the window closes, as `(hour, minute)`; `(24, 0)` is the end of the day.
    ///
    /// ```rust
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// use airlock::policy::Span;
    ///
    /// assert_eq!("daily 18:00-24:00".parse::<Span>()?.end(), (24, 0));
    /// assert_eq!("daily 18:00-00:00".parse::<Span>()?.end(), (24, 0));
    /// # Ok(())
    /// # }
    /// ```
    pub const fn end(self) -> (u8, u8) {
        hour_minute(self.end)
    }

    /// Whether the window closes on the day after it opens.
    ///
    /// ```rust
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// use airlock::policy::Span;
    ///
    /// assert!("daily 22:00-06:00".parse::<Span>()?.wraps());
    /// assert!(!"daily 06:00-22:00".parse::<Span>()?.wraps());
    /// # Ok(())
    /// # }
    /// ```
    pub const fn wraps(self) -> bool {
        self.end < self.start
    }

    /// Whether the wall-clock time `at` is inside the window: the start is inside, the end is
    /// not, and seconds do not matter (16:59:59 is inside `09:00-17:00`, 17:00:00 is not).
    ///
    /// ```rust
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// use airlock::policy::Span;
    /// use jiff::civil::date;
    ///
    /// let span: Span = "Sun 22:00-02:00".parse()?;
    /// assert!(span.contains(date(2026, 3, 1).at(22, 0, 0, 0))); // Sunday
    /// assert!(span.contains(date(2026, 3, 2).at(1, 59, 59, 0))); // Monday
    /// assert!(!span.contains(date(2026, 3, 2).at(22, 0, 0, 0))); // Monday evening
    /// # Ok(())
    /// # }
    /// ```
    pub fn contains(&self, at: civil::DateTime) -> bool {
        let minute =
            u16::from(at.hour().unsigned_abs()) * 60 + u16::from(at.minute().unsigned_abs());
        self.open_at(index(at.weekday()), minute)
    }

    /// Whether the window is open at `minute` (`0..1440`) of the day with Monday-zero index
    /// `day` (`0..7`).
    #[inline]
    const fn open_at(self, day: u8, minute: u16) -> bool {
        if self.start < self.end {
            self.days.has(day) && self.start <= minute && minute < self.end
        } else {
            (self.days.has(day) && self.start <= minute)
                || (self.days.has((day + 6) % 7) && minute < self.end)
        }
    }
}

const fn hour_minute(minutes: u16) -> (u8, u8) {
    // Stored minutes are at most 1440, so both parts fit in a `u8`.
    ((minutes / 60) as u8, (minutes % 60) as u8)
}

fn parse_time(text: &str) -> Result<(u8, u8), SpanError> {
    let bad = || SpanError::Time(quoted(text));
    let (hour, minute) = text.split_once(':').ok_or_else(bad)?;
    let digits = |part: &str| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit());
    if !digits(hour) || hour.len() > 2 || !digits(minute) || minute.len() != 2 {
        return Err(bad());
    }
    let hour: u8 = hour.parse().map_err(|_| bad())?;
    let minute: u8 = minute.parse().map_err(|_| bad())?;
    if hour > 24 || minute > 59 || (hour == 24 && minute != 0) {
        return Err(bad());
    }
    Ok((hour, minute))
}

impl FromStr for Span {
    type Err = SpanError;

    fn from_str(text: &str) -> Result<Span, SpanError> {
        let syntax = || SpanError::Syntax(quoted(text.trim()));
        let normalized = dashes(text);
        // Day names have no digits: the times start at the first one.
        let split = normalized
            .find(|c: char| c.is_ascii_digit())
            .ok_or_else(syntax)?;
        let (days, times) = normalized.split_at(split);
        if days.trim().is_empty() {
            return Err(syntax());
        }
        let (start_text, end_text) = times.split_once('-').ok_or_else(syntax)?;
        let days: Days = days.parse()?;
        let start = parse_time(start_text.trim())?;
        let end = parse_time(end_text.trim())?;
        if start == (24, 0) {
            return Err(SpanError::Time(quoted(start_text.trim())));
        }
        let (start_minutes, end_minutes) = (
            u16::from(start.0) * 60 + u16::from(start.1),
            u16::from(end.0) * 60 + u16::from(end.1),
        );
        if start_minutes == end_minutes {
            return Err(SpanError::Empty(quoted(text.trim())));
        }
        Span::new(days, start, end).ok_or_else(syntax)
    }
}

impl fmt::Display for Span {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (start_hour, start_minute) = self.start();
        let (end_hour, end_minute) = self.end();
        write!(
            f,
            "{} {start_hour:02}:{start_minute:02}–{end_hour:02}:{end_minute:02}",
            self.days
        )
    }
}

impl fmt::Debug for Span {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Span({self})")
    }
}

impl serde::Serialize for Span {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for Span {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Span, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

/// Several [`Span`]s in one time zone: open when any of them is open.
///
/// The time zone is resolved once, at construction. Checking a time ([`Schedule::is_open`])
/// is one UTC-offset lookup and integer arithmetic over the spans: no allocation, no string
/// work.
///
/// ```rust
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// use airlock::policy::Schedule;
/// use jiff::Timestamp;
///
/// let spans = ["Mon-Fri 09:00-12:00".parse()?, "Mon-Fri 13:00-17:00".parse()?];
/// let schedule = Schedule::new(spans, "Europe/Berlin")?;
/// // Monday 2026-03-02 12:30 in Berlin (CET, UTC+1) is the lunch break.
/// let lunch: Timestamp = "2026-03-02T11:30:00Z".parse()?;
/// assert!(!schedule.is_open(lunch));
/// assert_eq!(schedule.opens_in(lunch), Some(std::time::Duration::from_secs(30 * 60)));
/// assert_eq!(
///     schedule.to_string(),
///     "Mon–Fri 09:00–12:00, Mon–Fri 13:00–17:00 Europe/Berlin",
/// );
/// # Ok(())
/// # }
/// ```
#[derive(Clone, Debug)]
pub struct Schedule {
    spans: Vec<Span>,
    tz: TimeZone,
    /// The zone name as given (trimmed).
    zone: String,
}

impl Schedule {
    /// A schedule of `spans` in `time_zone`: an IANA name (`"America/New_York"`, `"UTC"`,
    /// `"Europe/Berlin"`) or `"local"` for the system's zone (UTC if the system's zone cannot
    /// be found). No spans means never open.
    ///
    /// # Errors
    ///
    /// [`SpanError::TimeZone`] if the time zone database has no zone of that name.
    ///
    /// ```rust
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// use airlock::policy::{Schedule, SpanError};
    ///
    /// let office = "Mon-Fri 09:00-17:00".parse()?;
    /// assert!(Schedule::new([office], "Asia/Tokyo").is_ok());
    /// assert!(Schedule::new([office], "local").is_ok());
    /// let err = Schedule::new([office], "Tokyo").unwrap_err();
    /// assert_eq!(err, SpanError::TimeZone("Tokyo".into()));
    /// assert_eq!(
    ///     err.to_string(),
    ///     "`Tokyo` is not a time zone: use an IANA name such as America/New_York, or \"local\"",
    /// );
    /// # Ok(())
    /// # }
    /// ```
    pub fn new(
        spans: impl IntoIterator<Item = Span>,
        time_zone: &str,
    ) -> Result<Schedule, SpanError> {
        let zone = time_zone.trim();
        let tz = if zone.eq_ignore_ascii_case("local") {
            TimeZone::system()
        } else {
            TimeZone::get(zone).map_err(|_| SpanError::TimeZone(quoted(zone)))?
        };
        Ok(Schedule {
            spans: spans.into_iter().collect(),
            tz,
            zone: zone.to_owned(),
        })
    }

    /// The spans.
    ///
    /// ```rust
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// use airlock::policy::Schedule;
    ///
    /// let schedule = Schedule::new(["daily 08:00-20:00".parse()?], "UTC")?;
    /// assert_eq!(schedule.spans()[0].start(), (8, 0));
    /// # Ok(())
    /// # }
    /// ```
    pub fn spans(&self) -> &[Span] {
        &self.spans
    }

    /// The time zone the spans are read in.
    ///
    /// ```rust
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// use airlock::policy::Schedule;
    ///
    /// let schedule = Schedule::new([], "Europe/Berlin")?;
    /// assert_eq!(schedule.time_zone().iana_name(), Some("Europe/Berlin"));
    /// # Ok(())
    /// # }
    /// ```
    pub fn time_zone(&self) -> &jiff::tz::TimeZone {
        &self.tz
    }

    /// The time zone's name as given to [`Schedule::new`].
    ///
    /// ```rust
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// use airlock::policy::Schedule;
    ///
    /// assert_eq!(Schedule::new([], "local")?.zone_name(), "local");
    /// # Ok(())
    /// # }
    /// ```
    pub fn zone_name(&self) -> &str {
        &self.zone
    }

    /// Whether any span is open at `at` (wall-clock time in the schedule's zone).
    ///
    /// ```rust
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// use airlock::policy::Schedule;
    /// use jiff::Timestamp;
    ///
    /// let schedule = Schedule::new(["Mon-Fri 09:00-17:00".parse()?], "America/New_York")?;
    /// // 09:00 local is inside on both sides of the spring-forward change (2026-03-08).
    /// assert!(schedule.is_open("2026-03-06T09:00:00-05:00".parse::<Timestamp>()?));
    /// assert!(schedule.is_open("2026-03-09T09:00:00-04:00".parse::<Timestamp>()?));
    /// assert!(!schedule.is_open("2026-03-09T08:59:59-04:00".parse::<Timestamp>()?));
    /// # Ok(())
    /// # }
    /// ```
    pub fn is_open(&self, at: Timestamp) -> bool {
        let (day, minute) = self.local(at);
        self.spans.iter().any(|span| span.open_at(day, minute))
    }

    /// The Monday-zero weekday and minute of the day of `at` on the schedule's wall clock.
    ///
    /// Equivalent to `self.tz.to_datetime(at)`, but skips building a civil date: one offset
    /// lookup, then integer arithmetic on local seconds since 1970-01-01 (a Thursday).
    //
    // Speed: jiff needs nothing special. `TimeZone` is an `Arc` inside and `to_offset` is a
    // binary search over the zone's transitions (or its POSIX rule past the last one), about
    // 15-20 ns for America/New_York whether or not jiff's `tz-fat` feature is on; `is_open`
    // with three spans measured 20-45 ns in release, about half of `to_datetime` + `contains`.
    #[inline]
    fn local(&self, at: Timestamp) -> (u8, u16) {
        let offset = self.tz.to_offset(at);
        // `as_second` truncates toward zero; floor it for instants before 1970.
        let second = at.as_second() - i64::from(at.subsec_nanosecond() < 0);
        // No overflow: timestamps are within ±10,000 years and offsets within ±26 hours.
        let local = second + i64::from(offset.seconds());
        let day = local.div_euclid(SECONDS_PER_DAY);
        let minute = local.rem_euclid(SECONDS_PER_DAY) / 60;
        let weekday = (day + 3).rem_euclid(7);
        // `weekday` is in 0..7 and `minute` in 0..1440: the casts are exact.
        (weekday as u8, minute as u16)
    }

    /// The first instant at or after `at` when the schedule is open: `Some(at)` if it is open
    /// now, otherwise the earliest later instant at which a span opens.
    ///
    /// A span opens when the wall clock reaches its start, or when a daylight-saving change
    /// makes the wall clock jump into it: a window starting inside a spring-forward gap opens
    /// at the end of the gap (for `Sun 02:30-04:00` in New York on 2026-03-08, at 03:00 EDT),
    /// and a window starting in the repeated hour of a fall-back opens at its first
    /// occurrence (or, once that has passed, its second). The result is an exact instant, so
    /// durations computed from it are real elapsed time.
    ///
    /// `None` if there are no spans. (It looks up to 15 days ahead, so in theory also if the
    /// wall clock skipped every opening for two weeks; no real time zone does.)
    ///
    /// ```rust
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// use airlock::policy::Schedule;
    /// use jiff::Timestamp;
    ///
    /// let schedule = Schedule::new(["Mon-Fri 09:00-17:00".parse()?], "America/New_York")?;
    /// let saturday: Timestamp = "2026-03-07T20:00:00-05:00".parse()?;
    /// let monday: Timestamp = "2026-03-09T09:00:00-04:00".parse()?;
    /// assert_eq!(schedule.next_open(saturday), Some(monday));
    /// assert_eq!(schedule.next_open(monday), Some(monday));
    /// assert_eq!(Schedule::new([], "UTC")?.next_open(monday), None);
    /// # Ok(())
    /// # }
    /// ```
    pub fn next_open(&self, at: Timestamp) -> Option<Timestamp> {
        if self.spans.is_empty() {
            return None;
        }
        if self.is_open(at) {
            return Some(at);
        }
        let horizon = at.checked_add(LOOKAHEAD).unwrap_or(Timestamp::MAX);
        let mut best: Option<Timestamp> = None;
        // While closed, the schedule can only open where the wall clock reaches a span's
        // start or jumps (a time zone transition), so the earliest such instant that is open
        // is the answer.
        let consider = |best: &mut Option<Timestamp>, t: Timestamp| {
            if at < t && t <= horizon && best.is_none_or(|b| t < b) && self.is_open(t) {
                *best = Some(t);
            }
        };
        for transition in self.tz.following(at) {
            if transition.timestamp() > horizon {
                break;
            }
            consider(&mut best, transition.timestamp());
        }
        // Every local date the wall clock can show between `at` and `horizon`, with two days'
        // margin on each side for zones whose offset changes by up to a day.
        let two_days_before =
            |d: civil::Date| d.yesterday().and_then(|d| d.yesterday()).unwrap_or(d);
        let two_days_after = |d: civil::Date| d.tomorrow().and_then(|d| d.tomorrow()).unwrap_or(d);
        let first = two_days_before(self.tz.to_datetime(at).date());
        let mut last = two_days_after(self.tz.to_datetime(horizon).date());
        let mut date = first;
        loop {
            let day = index(date.weekday());
            for span in self.spans.iter().filter(|span| span.days.has(day)) {
                let (hour, minute) = span.start();
                // The start is below 24:00, so the time is always valid.
                let Ok(time) = civil::Time::new(hour as i8, minute as i8, 0, 0) else {
                    continue;
                };
                let start = date.to_datetime(time);
                match self.tz.to_ambiguous_timestamp(start).offset() {
                    AmbiguousOffset::Unambiguous { offset } => {
                        if let Ok(t) = offset.to_timestamp(start) {
                            consider(&mut best, t);
                        }
                    }
                    // The wall clock shows this start twice: try both instants.
                    AmbiguousOffset::Fold { before, after } => {
                        for offset in [before, after] {
                            if let Ok(t) = offset.to_timestamp(start) {
                                consider(&mut best, t);
                            }
                        }
                    }
                    // The wall clock never shows this start; the transition that skips it
                    // was considered above.
                    AmbiguousOffset::Gap { .. } => {}
                }
            }
            // Nothing on a later date can come before the best so far (same margin).
            if let Some(best) = best {
                last = last.min(two_days_after(self.tz.to_datetime(best).date()));
            }
            if date >= last {
                break;
            }
            match date.tomorrow() {
                Ok(next) => date = next,
                Err(_) => break,
            }
        }
        best
    }

    /// How long until the schedule opens: zero if it is open at `at`, `None` as for
    /// [`Schedule::next_open`].
    ///
    /// ```rust
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// use std::time::Duration;
    /// use airlock::policy::Schedule;
    /// use jiff::Timestamp;
    ///
    /// let schedule = Schedule::new(["Mon-Fri 09:00-17:00".parse()?], "America/New_York")?;
    /// // Saturday 20:00 EST to Monday 09:00 EDT: 37 hours on the wall clock, 36 elapsed.
    /// let saturday: Timestamp = "2026-03-07T20:00:00-05:00".parse()?;
    /// assert_eq!(schedule.opens_in(saturday), Some(Duration::from_secs(36 * 3600)));
    /// # Ok(())
    /// # }
    /// ```
    pub fn opens_in(&self, at: Timestamp) -> Option<Duration> {
        self.next_open(at)
            .map(|open| open.duration_since(at).unsigned_abs())
    }

    /// The zone as displayed: `local` as the system zone's IANA name when known.
    fn zone_display(&self) -> &str {
        if self.zone.eq_ignore_ascii_case("local") {
            self.tz.iana_name().unwrap_or("local")
        } else {
            &self.zone
        }
    }
}

impl PartialEq for Schedule {
    /// Same spans (in the same order) and the same zone name as given.
    fn eq(&self, other: &Schedule) -> bool {
        self.spans == other.spans && self.zone == other.zone
    }
}

impl Eq for Schedule {}

impl fmt::Display for Schedule {
    /// The spans, then the zone: `Mon–Fri 09:00–17:00 America/New_York`. Spans are joined by
    /// `, `, or by `; ` if any span's days are themselves a list; no spans display as `never`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.spans.is_empty() {
            f.write_str("never")?;
        }
        let lists = self
            .spans
            .iter()
            .any(|span| span.days.to_string().contains(','));
        let separator = if lists { "; " } else { ", " };
        for (i, span) in self.spans.iter().enumerate() {
            if i > 0 {
                f.write_str(separator)?;
            }
            write!(f, "{span}")?;
        }
        write!(f, " {}", self.zone_display())
    }
}

#[cfg(test)]
mod tests {
    use jiff::civil::{DateTime, date};
    use proptest::prelude::*;

    use super::*;

    fn span(text: &str) -> Span {
        text.parse().unwrap_or_else(|e| panic!("{text}: {e}"))
    }

    fn ts(text: &str) -> Timestamp {
        text.parse().unwrap_or_else(|e| panic!("{text}: {e}"))
    }

    fn schedule(spans: &[&str], zone: &str) -> Schedule {
        Schedule::new(spans.iter().map(|s| span(s)), zone).unwrap()
    }

    /// A civil time in `zone`, which must not be ambiguous there.
    fn local(zone: &str, dt: DateTime) -> Timestamp {
        let tz = TimeZone::get(zone).unwrap();
        tz.to_ambiguous_timestamp(dt).unambiguous().unwrap()
    }

    fn hours(h: u64) -> Duration {
        Duration::from_secs(h * 3600)
    }

    const MON: Days = Days::of(Weekday::Monday);
    const WED: Days = Days::of(Weekday::Wednesday);
    const FRI: Days = Days::of(Weekday::Friday);
    const SAT: Days = Days::of(Weekday::Saturday);
    const SUN: Days = Days::of(Weekday::Sunday);

    #[test]
    fn day_spellings() {
        let mon_wed_fri = MON.union(WED).union(FRI);
        let cases = [
            ("Mon", MON),
            ("monday", MON),
            ("MONDAY", MON),
            ("  mOn ", MON),
            ("Mon-Fri", Days::WEEKDAYS),
            ("mon – friday", Days::WEEKDAYS),
            ("Monday—Friday", Days::WEEKDAYS),
            ("Sat-Sun", Days::WEEKEND),
            ("Fri-Mon", FRI.union(SAT).union(SUN).union(MON)),
            ("Sun-Mon", SUN.union(MON)),
            ("Wed-Wed", WED),
            ("Mon-Sun", Days::ALL),
            ("Tue-Mon", Days::ALL),
            ("Mon,Wed,Fri", mon_wed_fri),
            ("mon , wed,FRI", mon_wed_fri),
            ("Mon-Wed,Fri", Days::of(Weekday::Tuesday).union(mon_wed_fri)),
            ("Sat,Sun,Sat", Days::WEEKEND),
            ("daily", Days::ALL),
            ("Daily", Days::ALL),
            ("every day", Days::ALL),
            ("Every   Day", Days::ALL),
            ("everyday", Days::ALL),
            ("*", Days::ALL),
            ("Thursday", Days::of(Weekday::Thursday)),
            ("tue", Days::of(Weekday::Tuesday)),
        ];
        for (text, days) in cases {
            assert_eq!(text.parse::<Days>(), Ok(days), "{text}");
        }
    }

    #[test]
    fn days_consts_and_sets() {
        assert!(Days::NONE.is_empty());
        assert!(!Days::ALL.is_empty());
        assert_eq!(Days::WEEKDAYS.union(Days::WEEKEND), Days::ALL);
        for day in [
            Weekday::Monday,
            Weekday::Tuesday,
            Weekday::Wednesday,
            Weekday::Thursday,
            Weekday::Friday,
        ] {
            assert!(Days::WEEKDAYS.contains(day) && !Days::WEEKEND.contains(day));
            assert_eq!(Days::from(day), Days::of(day));
        }
        for day in [Weekday::Saturday, Weekday::Sunday] {
            assert!(!Days::WEEKDAYS.contains(day) && Days::WEEKEND.contains(day));
        }
        assert!(!Days::NONE.contains(Weekday::Monday));
        assert_eq!(format!("{:?}", Days::WEEKDAYS), "Days(Mon–Fri)");
        assert_eq!(Days::NONE.to_string(), "none");
    }

    #[test]
    fn every_day_set_displays_and_parses_back() {
        for bits in 1..=0b111_1111u8 {
            let days = Days(bits);
            let text = days.to_string();
            assert_eq!(text.parse::<Days>(), Ok(days), "{bits:07b} {text}");
            assert!(!text.contains(",,") && !text.ends_with(", "), "{text}");
        }
    }

    #[test]
    fn day_display_forms() {
        let cases = [
            (Days::ALL, "daily"),
            (Days::WEEKDAYS, "Mon–Fri"),
            (Days::WEEKEND, "Sat, Sun"),
            (MON, "Mon"),
            (MON.union(WED).union(FRI), "Mon, Wed, Fri"),
            ("Mon-Wed,Fri".parse().unwrap(), "Mon–Wed, Fri"),
            ("Fri-Mon".parse().unwrap(), "Fri–Mon"),
            ("Sun,Mon,Wed".parse().unwrap(), "Mon, Wed, Sun"),
            ("Sat-Mon,Wed".parse().unwrap(), "Wed, Sat–Mon"),
            ("Mon-Sat".parse().unwrap(), "Mon–Sat"),
            ("Tue-Sun".parse().unwrap(), "Tue–Sun"),
            ("Mon,Tue".parse().unwrap(), "Mon, Tue"),
        ];
        for (days, text) in cases {
            assert_eq!(days.to_string(), text);
        }
    }

    #[test]
    fn span_spellings() {
        let cases = [
            ("Mon-Fri 09:00-17:00", Days::WEEKDAYS, (9, 0), (17, 0)),
            ("Mon–Fri 09:00–17:00", Days::WEEKDAYS, (9, 0), (17, 0)),
            ("mon - fri  9:00 - 17:00", Days::WEEKDAYS, (9, 0), (17, 0)),
            (
                "  Monday-Friday 9:30-17:45  ",
                Days::WEEKDAYS,
                (9, 30),
                (17, 45),
            ),
            ("Mon-Fri9:00-17:00", Days::WEEKDAYS, (9, 0), (17, 0)),
            ("Sat 10:00-12:00", SAT, (10, 0), (12, 0)),
            (
                "Mon,Wed,Fri 08:00-08:01",
                MON.union(WED).union(FRI),
                (8, 0),
                (8, 1),
            ),
            ("daily 00:00-24:00", Days::ALL, (0, 0), (24, 0)),
            ("every day 22:00-06:00", Days::ALL, (22, 0), (6, 0)),
            ("* 0:00-1:00", Days::ALL, (0, 0), (1, 0)),
            ("Fri 22:00-06:00", FRI, (22, 0), (6, 0)),
            // An end of midnight is the end of the day.
            ("Fri 22:00-00:00", FRI, (22, 0), (24, 0)),
            ("Fri 22:00-24:00", FRI, (22, 0), (24, 0)),
            ("Sun 23:59-00:00", SUN, (23, 59), (24, 0)),
        ];
        for (text, days, start, end) in cases {
            assert_eq!(
                text.parse::<Span>(),
                Ok(Span::new(days, start, end).unwrap()),
                "{text}"
            );
        }
        let night = span("Fri 22:00-06:00");
        assert!(night.wraps());
        assert_eq!(
            (night.days(), night.start(), night.end()),
            (FRI, (22, 0), (6, 0))
        );
        assert!(!span("Fri 22:00-00:00").wraps());
    }

    #[test]
    fn new_rejects_what_parsing_rejects() {
        let d = Days::ALL;
        assert!(Span::new(Days::NONE, (9, 0), (17, 0)).is_none());
        assert!(Span::new(d, (25, 0), (17, 0)).is_none());
        assert!(Span::new(d, (9, 0), (25, 0)).is_none());
        assert!(Span::new(d, (9, 60), (17, 0)).is_none());
        assert!(Span::new(d, (9, 0), (17, 60)).is_none());
        assert!(Span::new(d, (9, 0), (24, 1)).is_none());
        assert!(Span::new(d, (24, 0), (17, 0)).is_none());
        assert!(Span::new(d, (9, 0), (9, 0)).is_none());
        assert!(Span::new(d, (0, 0), (0, 0)).is_none());
        assert!(Span::new(d, (u8::MAX, u8::MAX), (u8::MAX, u8::MAX)).is_none());
        assert!(Span::new(d, (0, 0), (24, 0)).is_some());
        assert!(Span::new(d, (23, 59), (0, 0)).is_some());
        assert!(Span::new(d, (0, 1), (0, 0)).is_some());
    }

    #[test]
    fn errors_say_what_is_wrong() {
        let cases = [
            ("", SpanError::Syntax(String::new())),
            ("Mon-Fri", SpanError::Syntax("Mon-Fri".into())),
            ("9:00-17:00", SpanError::Syntax("9:00-17:00".into())),
            ("Mon-Fri 09:00", SpanError::Syntax("Mon-Fri 09:00".into())),
            (
                "Mon-Fri 09:00 to 17:00",
                SpanError::Syntax("Mon-Fri 09:00 to 17:00".into()),
            ),
            ("Mon-Fry 09:00-17:00", SpanError::Day("Fry".into())),
            ("Mo 09:00-17:00", SpanError::Day("Mo".into())),
            ("Mon Wed 09:00-17:00", SpanError::Day("Mon Wed".into())),
            ("Mon,,Fri 09:00-17:00", SpanError::Day("Mon,,Fri".into())),
            ("Mon- 09:00-17:00", SpanError::Day("Mon-".into())),
            ("weekdays 09:00-17:00", SpanError::Day("weekdays".into())),
            ("Mon 9-17", SpanError::Time("9".into())),
            ("Mon 25:00-17:00", SpanError::Time("25:00".into())),
            ("Mon 09:60-17:00", SpanError::Time("09:60".into())),
            ("Mon 09:00-24:30", SpanError::Time("24:30".into())),
            ("Mon 24:00-06:00", SpanError::Time("24:00".into())),
            ("Mon 009:00-17:00", SpanError::Time("009:00".into())),
            ("Mon 9:0-17:00", SpanError::Time("9:0".into())),
            (
                "Mon 09:00-17:00-18:00",
                SpanError::Time("17:00-18:00".into()),
            ),
            ("Mon 09:00-+5:00", SpanError::Time("+5:00".into())),
            (
                "Mon 09:00-09:00",
                SpanError::Empty("Mon 09:00-09:00".into()),
            ),
            (
                "Mon 00:00-00:00",
                SpanError::Empty("Mon 00:00-00:00".into()),
            ),
        ];
        for (text, expected) in cases {
            assert_eq!(text.parse::<Span>(), Err(expected), "{text}");
        }
        let messages = [
            (
                "Mon-Fri",
                "`Mon-Fri` is not a time window: write DAYS HH:MM-HH:MM, such as \"Mon-Fri 09:00-17:00\" or \"daily 22:00-06:00\"",
            ),
            (
                "Mon-Fry 09:00-17:00",
                "`Fry` is not a day: use Mon, Tue, Wed, Thu, Fri, Sat, Sun (or full names), a range such as Mon-Fri, a list such as Mon,Wed,Fri, or daily",
            ),
            (
                "Mon 25:00-17:00",
                "`25:00` is not a time of day: write H:MM or HH:MM from 00:00 to 23:59, such as 09:00 or 17:30 (24:00 may only end a window)",
            ),
            (
                "Mon 09:00-09:00",
                "`Mon 09:00-09:00` is an empty window: it starts and ends at the same time; for the whole day write 00:00-24:00",
            ),
        ];
        for (text, message) in messages {
            assert_eq!(text.parse::<Span>().unwrap_err().to_string(), message);
        }
        let err = Schedule::new([], "Mars/Olympus_Mons").unwrap_err();
        assert_eq!(err, SpanError::TimeZone("Mars/Olympus_Mons".into()));
        assert_eq!(
            err.to_string(),
            "`Mars/Olympus_Mons` is not a time zone: use an IANA name such as America/New_York, or \"local\""
        );
        // Quotes are cut to 40 characters.
        let long = format!("{} 09:00-17:00", "x".repeat(1000));
        assert_eq!(long.parse::<Span>(), Err(SpanError::Day("x".repeat(40))));
        let long = format!("Mon {}", "9".repeat(1000));
        let err = long.parse::<Span>().unwrap_err().to_string();
        assert!(err.len() < 250, "{err}");
        let err = Schedule::new([], &"Z".repeat(1000))
            .unwrap_err()
            .to_string();
        assert!(err.len() < 200, "{err}");
    }

    #[test]
    fn span_display_forms() {
        let cases = [
            ("mon-fri 9:00-17:00", "Mon–Fri 09:00–17:00"),
            ("every day 22:00-6:00", "daily 22:00–06:00"),
            ("Mon-Wed,Fri 08:30-12:00", "Mon–Wed, Fri 08:30–12:00"),
            ("sat,sun 10:00-24:00", "Sat, Sun 10:00–24:00"),
            ("Fri 22:00-00:00", "Fri 22:00–24:00"),
            ("Fri-Mon 00:00-00:01", "Fri–Mon 00:00–00:01"),
        ];
        for (text, shown) in cases {
            assert_eq!(span(text).to_string(), shown);
            assert_eq!(span(shown), span(text));
        }
        assert_eq!(
            format!("{:?}", span("Mon 09:00-17:00")),
            "Span(Mon 09:00–17:00)"
        );
    }

    #[test]
    fn serde_round_trip() {
        let s: Span = serde_json::from_str("\"Mon-Fri 9:00-17:00\"").unwrap();
        assert_eq!(
            serde_json::to_string(&s).unwrap(),
            "\"Mon–Fri 09:00–17:00\""
        );
        let list: Vec<Span> =
            serde_json::from_str(r#"["Mon-Fri 09:00-12:00", "Sat 10:00-12:00"]"#).unwrap();
        assert_eq!(list.len(), 2);
        let err = serde_json::from_str::<Span>("\"Mon-Fry 09:00-17:00\"").unwrap_err();
        assert!(err.to_string().contains("`Fry` is not a day"), "{err}");
        assert!(serde_json::from_str::<Span>("42").is_err());
    }

    #[test]
    fn contains_start_inclusive_end_exclusive() {
        let office = span("Mon-Fri 09:00-17:00");
        let monday = date(2026, 3, 2);
        assert!(!office.contains(monday.at(8, 59, 59, 999_999_999)));
        assert!(office.contains(monday.at(9, 0, 0, 0)));
        assert!(office.contains(monday.at(16, 59, 59, 999_999_999)));
        assert!(!office.contains(monday.at(17, 0, 0, 0)));
        // A day not listed.
        assert!(!office.contains(date(2026, 3, 7).at(12, 0, 0, 0)));
        assert!(!office.contains(date(2026, 3, 8).at(12, 0, 0, 0)));
    }

    #[test]
    fn contains_to_end_of_day() {
        let evening = span("Mon 18:00-24:00");
        assert!(evening.contains(date(2026, 3, 2).at(23, 59, 59, 0)));
        assert!(!evening.contains(date(2026, 3, 3).at(0, 0, 0, 0)));
        let whole = span("Wed 00:00-24:00");
        assert!(whole.contains(date(2026, 3, 4).at(0, 0, 0, 0)));
        assert!(whole.contains(date(2026, 3, 4).at(23, 59, 0, 0)));
        assert!(!whole.contains(date(2026, 3, 3).at(23, 59, 0, 0)));
        assert!(!whole.contains(date(2026, 3, 5).at(0, 0, 0, 0)));
    }

    #[test]
    fn contains_wraps_past_midnight() {
        let night = span("Fri 22:00-06:00");
        let (friday, saturday) = (date(2026, 3, 6), date(2026, 3, 7));
        assert!(!night.contains(friday.at(21, 59, 0, 0)));
        assert!(night.contains(friday.at(22, 0, 0, 0)));
        assert!(night.contains(friday.at(23, 59, 59, 0)));
        assert!(night.contains(saturday.at(0, 0, 0, 0)));
        assert!(night.contains(saturday.at(5, 59, 0, 0)));
        assert!(!night.contains(saturday.at(6, 0, 0, 0)));
        // Not Friday 00:00-06:00, and Saturday night is not listed.
        assert!(!night.contains(friday.at(3, 0, 0, 0)));
        assert!(!night.contains(saturday.at(23, 0, 0, 0)));

        let sunday_night = span("Sun 22:00-02:00");
        assert!(sunday_night.contains(date(2026, 3, 8).at(23, 0, 0, 0)));
        assert!(sunday_night.contains(date(2026, 3, 9).at(1, 0, 0, 0))); // Monday
        assert!(!sunday_night.contains(date(2026, 3, 9).at(2, 0, 0, 0)));
        assert!(!sunday_night.contains(date(2026, 3, 8).at(1, 0, 0, 0))); // Sunday morning
    }

    #[test]
    fn several_spans() {
        let s = schedule(
            &[
                "Mon-Fri 09:00-12:00",
                "Mon-Fri 13:00-17:00",
                "Sat 10:00-12:00",
            ],
            "UTC",
        );
        assert!(s.is_open(ts("2026-03-02T09:00:00Z")));
        assert!(!s.is_open(ts("2026-03-02T12:30:00Z")));
        assert!(s.is_open(ts("2026-03-02T13:00:00Z")));
        assert!(s.is_open(ts("2026-03-07T11:00:00Z")));
        assert!(!s.is_open(ts("2026-03-08T11:00:00Z")));
        assert_eq!(
            s.next_open(ts("2026-03-02T12:30:00Z")),
            Some(ts("2026-03-02T13:00:00Z"))
        );
        assert_eq!(
            s.next_open(ts("2026-03-06T17:00:00Z")),
            Some(ts("2026-03-07T10:00:00Z"))
        );
        assert_eq!(
            s.next_open(ts("2026-03-07T12:00:00Z")),
            Some(ts("2026-03-09T09:00:00Z"))
        );
        assert_eq!(
            s.to_string(),
            "Mon–Fri 09:00–12:00, Mon–Fri 13:00–17:00, Sat 10:00–12:00 UTC"
        );
        let lists = schedule(&["Mon,Wed 09:00-12:00", "Fri 13:00-17:00"], "UTC");
        assert_eq!(
            lists.to_string(),
            "Mon, Wed 09:00–12:00; Fri 13:00–17:00 UTC"
        );
    }

    #[test]
    fn next_open_from_inside_is_now() {
        let s = schedule(&["Mon-Fri 09:00-17:00"], "America/New_York");
        for at in ["2026-03-02T09:00:00-05:00", "2026-03-02T16:59:59.999-05:00"] {
            assert_eq!(s.next_open(ts(at)), Some(ts(at)));
            assert_eq!(s.opens_in(ts(at)), Some(Duration::ZERO));
        }
    }

    #[test]
    fn next_open_later_the_same_day() {
        let s = schedule(&["Mon-Fri 09:00-17:00"], "America/New_York");
        let at = ts("2026-03-02T07:15:30-05:00");
        assert_eq!(s.next_open(at), Some(ts("2026-03-02T09:00:00-05:00")));
        assert_eq!(
            s.opens_in(at),
            Some(Duration::from_secs(3600 + 44 * 60 + 30))
        );
    }

    #[test]
    fn next_open_friday_evening_to_monday() {
        let s = schedule(&["Mon-Fri 09:00-17:00"], "Europe/Berlin");
        let friday = ts("2026-03-06T17:00:00+01:00");
        assert!(!s.is_open(friday));
        assert_eq!(s.next_open(friday), Some(ts("2026-03-09T09:00:00+01:00")));
        assert_eq!(s.opens_in(friday), Some(hours(64)));
    }

    #[test]
    fn next_open_wrap_span() {
        let s = schedule(&["Fri 22:00-06:00"], "UTC");
        assert_eq!(
            s.next_open(ts("2026-03-05T12:00:00Z")),
            Some(ts("2026-03-06T22:00:00Z"))
        );
        let saturday_early = ts("2026-03-07T05:59:00Z");
        assert_eq!(s.next_open(saturday_early), Some(saturday_early));
        assert_eq!(
            s.next_open(ts("2026-03-07T06:00:00Z")),
            Some(ts("2026-03-13T22:00:00Z"))
        );
        let sunday_night = schedule(&["Sun 22:00-02:00"], "UTC");
        let monday = ts("2026-03-09T01:00:00Z");
        assert!(sunday_night.is_open(monday));
        assert_eq!(
            sunday_night.next_open(ts("2026-03-09T02:00:00Z")),
            Some(ts("2026-03-15T22:00:00Z"))
        );
    }

    #[test]
    fn weekend_before_spring_forward_new_york() {
        let s = schedule(&["Mon-Fri 09:00-17:00"], "America/New_York");
        // Saturday 2026-03-07 20:00 EST; the clocks go forward on Sunday 2026-03-08.
        let saturday = local("America/New_York", date(2026, 3, 7).at(20, 0, 0, 0));
        assert_eq!(saturday, ts("2026-03-08T01:00:00Z"));
        let monday = date(2026, 3, 9)
            .at(9, 0, 0, 0)
            .in_tz("America/New_York")
            .unwrap()
            .timestamp();
        assert_eq!(monday, ts("2026-03-09T09:00:00-04:00"));
        assert_eq!(s.next_open(saturday), Some(monday));
        // 37 hours on the wall clock, 36 of real time.
        let wall = date(2026, 3, 7)
            .at(20, 0, 0, 0)
            .duration_until(date(2026, 3, 9).at(9, 0, 0, 0));
        assert_eq!(wall, SignedDuration::from_hours(37));
        assert_eq!(s.opens_in(saturday), Some(hours(36)));
    }

    #[test]
    fn weekend_before_fall_back_new_york() {
        let s = schedule(&["Mon-Fri 09:00-17:00"], "America/New_York");
        let saturday = ts("2026-10-31T20:00:00-04:00");
        assert_eq!(s.next_open(saturday), Some(ts("2026-11-02T09:00:00-05:00")));
        // 37 hours on the wall clock, 38 of real time.
        assert_eq!(s.opens_in(saturday), Some(hours(38)));
    }

    #[test]
    fn nine_local_is_inside_on_both_sides_of_a_change() {
        let s = schedule(&["daily 09:00-17:00"], "America/New_York");
        for (before, after) in [
            ("2026-03-07T09:00:00-05:00", "2026-03-09T09:00:00-04:00"),
            ("2026-10-31T09:00:00-04:00", "2026-11-02T09:00:00-05:00"),
        ] {
            assert!(s.is_open(ts(before)) && s.is_open(ts(after)));
        }
        // The same UTC time is 08:30 before the spring change and 09:30 after it.
        assert!(!s.is_open(ts("2026-03-07T13:30:00Z")));
        assert!(s.is_open(ts("2026-03-09T13:30:00Z")));
        assert!(!s.is_open(ts("2026-03-09T08:59:00-04:00")));
        assert!(!s.is_open(ts("2026-11-02T08:59:00-05:00")));

        let berlin = schedule(&["daily 09:00-17:00"], "Europe/Berlin");
        for at in [
            "2026-03-28T09:00:00+01:00",
            "2026-03-30T09:00:00+02:00",
            "2026-10-24T09:00:00+02:00",
            "2026-10-26T09:00:00+01:00",
        ] {
            assert!(berlin.is_open(ts(at)), "{at}");
            assert!(
                !berlin.is_open(ts(at) - SignedDuration::from_secs(1)),
                "{at}"
            );
        }
    }

    #[test]
    fn window_starting_in_the_spring_forward_gap() {
        // New York, Sunday 2026-03-08: 02:00 EST jumps to 03:00 EDT.
        let s = schedule(&["Sun 02:30-04:00"], "America/New_York");
        let at = ts("2026-03-08T01:00:00-05:00");
        let end_of_gap = ts("2026-03-08T03:00:00-04:00");
        assert_eq!(s.next_open(at), Some(end_of_gap));
        assert_eq!(s.opens_in(at), Some(hours(1)));
        assert!(!s.is_open(end_of_gap - SignedDuration::from_nanos(1)));
        assert!(s.is_open(end_of_gap));
        // (jiff's "compatible" conversion of 02:30 would say 03:30 EDT, half an hour after
        // the window is already open by the wall clock.)
        let compatible = TimeZone::get("America/New_York")
            .unwrap()
            .to_ambiguous_timestamp(date(2026, 3, 8).at(2, 30, 0, 0))
            .compatible()
            .unwrap();
        assert_eq!(compatible, ts("2026-03-08T03:30:00-04:00"));

        // A window wholly inside the gap never opens that day: next week.
        let skipped = schedule(&["Sun 02:15-02:45"], "America/New_York");
        assert_eq!(skipped.next_open(at), Some(ts("2026-03-15T02:15:00-04:00")));

        // So is one wholly inside it that starts at its beginning: more than a week ahead.
        let skipped = schedule(&["Sun 02:00-02:01"], "America/New_York");
        let saturday = ts("2026-03-07T00:59:59-05:00");
        assert_eq!(
            skipped.next_open(saturday),
            Some(ts("2026-03-15T02:00:00-04:00"))
        );
        assert_eq!(
            skipped.opens_in(saturday),
            Some(Duration::from_secs(8 * 86_400 + 1))
        );

        // Berlin, Sunday 2026-03-29: 02:00 CET jumps to 03:00 CEST.
        let berlin = schedule(&["Sun 02:30-04:00"], "Europe/Berlin");
        let at = ts("2026-03-29T01:59:00+01:00");
        assert_eq!(berlin.next_open(at), Some(ts("2026-03-29T03:00:00+02:00")));
        assert_eq!(berlin.opens_in(at), Some(Duration::from_secs(60)));
    }

    #[test]
    fn window_in_the_repeated_hour() {
        // New York, Sunday 2026-11-01: 02:00 EDT goes back to 01:00 EST.
        let s = schedule(&["Sun 01:00-01:30"], "America/New_York");
        let first_one = ts("2026-11-01T01:00:00-04:00");
        let second_one = ts("2026-11-01T01:00:00-05:00");
        assert_eq!(
            second_one.duration_since(first_one),
            SignedDuration::from_hours(1)
        );
        // Before the fold: the earlier instant.
        assert_eq!(
            s.next_open(ts("2026-11-01T00:30:00-04:00")),
            Some(first_one)
        );
        // Open on both passes through the hour.
        for at in ["2026-11-01T01:10:00-04:00", "2026-11-01T01:10:00-05:00"] {
            assert_eq!(s.next_open(ts(at)), Some(ts(at)));
        }
        // After the first pass, it opens again when the clock goes back.
        let between = ts("2026-11-01T01:40:00-04:00");
        assert!(!s.is_open(between));
        assert_eq!(s.next_open(between), Some(second_one));
        assert_eq!(s.opens_in(between), Some(Duration::from_secs(20 * 60)));
        // After the second pass: next Sunday.
        assert_eq!(
            s.next_open(ts("2026-11-01T01:40:00-05:00")),
            Some(ts("2026-11-08T01:00:00-05:00"))
        );

        // A window starting in the repeated hour and ending after it.
        let s = schedule(&["Sun 01:30-03:00"], "America/New_York");
        assert_eq!(
            s.next_open(ts("2026-11-01T00:00:00-04:00")),
            Some(ts("2026-11-01T01:30:00-04:00"))
        );
        // Real elapsed time inside it: 01:30 EDT to 03:00 EST is 2.5 hours.
        assert!(s.is_open(ts("2026-11-01T02:59:00-05:00")));
        assert!(!s.is_open(ts("2026-11-01T03:00:00-05:00")));

        // Berlin, Sunday 2026-10-25: 03:00 CEST goes back to 02:00 CET.
        let berlin = schedule(&["Sun 02:00-02:30"], "Europe/Berlin");
        assert_eq!(
            berlin.next_open(ts("2026-10-25T01:30:00+02:00")),
            Some(ts("2026-10-25T02:00:00+02:00"))
        );
        assert_eq!(
            berlin.next_open(ts("2026-10-25T02:45:00+02:00")),
            Some(ts("2026-10-25T02:00:00+01:00"))
        );
    }

    #[test]
    fn berlin_durations_are_real_time() {
        let s = schedule(&["Mon-Fri 09:00-17:00"], "Europe/Berlin");
        // Saturday 20:00 to Monday 09:00 is 37 wall-clock hours.
        assert_eq!(s.opens_in(ts("2026-03-28T20:00:00+01:00")), Some(hours(36)));
        assert_eq!(s.opens_in(ts("2026-10-24T20:00:00+02:00")), Some(hours(38)));
        assert_eq!(
            s.next_open(ts("2026-10-24T20:00:00+02:00")),
            Some(ts("2026-10-26T09:00:00+01:00"))
        );
    }

    #[test]
    fn zones() {
        let utc = schedule(&["daily 09:00-17:00"], "UTC");
        assert!(utc.is_open(ts("2026-07-01T09:00:00Z")));
        assert!(!utc.is_open(ts("2026-07-01T17:00:00Z")));
        assert_eq!(utc.to_string(), "daily 09:00–17:00 UTC");
        assert!(Schedule::new([], "utc").is_ok());
        assert!(Schedule::new([], " Europe/Berlin ").is_ok());
        for bad in [
            "",
            "New York",
            "America/Gotham",
            "../../etc/passwd",
            "+05:00",
        ] {
            assert!(
                matches!(Schedule::new([], bad), Err(SpanError::TimeZone(_))),
                "{bad}"
            );
        }
        // The system's zone, whatever it is here.
        let local = Schedule::new([span("daily 09:00-17:00")], "local").unwrap();
        assert_eq!(local.zone_name(), "local");
        let shown = local.to_string();
        assert!(
            shown.starts_with("daily 09:00–17:00 ") && shown.len() > 18,
            "{shown}"
        );
        let _ = local.is_open(ts("2026-07-01T12:00:00Z"));
        assert!(local.next_open(ts("2026-07-01T12:00:00Z")).is_some());
        // Kolkata is UTC+05:30: minutes matter.
        let kolkata = schedule(&["daily 09:00-17:00"], "Asia/Kolkata");
        assert!(kolkata.is_open(ts("2026-07-01T03:30:00Z")));
        assert!(!kolkata.is_open(ts("2026-07-01T03:29:59Z")));
    }

    #[test]
    fn no_spans_is_never_open() {
        let never = Schedule::new([], "America/New_York").unwrap();
        let at = ts("2026-07-01T12:00:00Z");
        assert!(!never.is_open(at));
        assert_eq!(never.next_open(at), None);
        assert_eq!(never.opens_in(at), None);
        assert_eq!(never.to_string(), "never America/New_York");
    }

    #[test]
    fn equality_and_clone() {
        let a = schedule(&["Mon-Fri 09:00-17:00"], "America/New_York");
        assert_eq!(a.clone(), a);
        assert_ne!(a, schedule(&["Mon-Fri 09:00-17:00"], "Europe/Berlin"));
        assert_ne!(a, schedule(&["Mon-Fri 09:00-18:00"], "America/New_York"));
        assert_eq!(a.spans(), &[span("Mon-Fri 09:00-17:00")]);
        assert_eq!(a.time_zone().iana_name(), Some("America/New_York"));
    }

    #[test]
    fn extreme_instants_do_not_panic() {
        let s = schedule(
            &["Mon-Fri 09:00-17:00", "Sun 22:00-02:00"],
            "America/New_York",
        );
        for at in [
            Timestamp::MIN,
            Timestamp::MAX,
            Timestamp::UNIX_EPOCH,
            ts("1883-11-18T12:00:00Z"),
            ts("-000001-06-01T00:00:00Z"),
            ts("1969-12-31T23:59:59.5Z"),
        ] {
            let _ = s.is_open(at);
            if let Some(open) = s.next_open(at) {
                assert!(open >= at && s.is_open(open));
            }
            let _ = s.opens_in(at);
        }
    }

    fn any_span() -> impl Strategy<Value = Span> {
        (1..=0b111_1111u8, 0u8..24, 0u8..60, 0u8..=24, 0u8..60).prop_filter_map(
            "valid span",
            |(days, start_hour, start_minute, end_hour, end_minute)| {
                let end_minute = if end_hour == 24 { 0 } else { end_minute };
                Span::new(
                    Days(days),
                    (start_hour, start_minute),
                    (end_hour, end_minute),
                )
            },
        )
    }

    /// Spans starting and ending in the small hours, where the clocks change.
    fn small_hours_span() -> impl Strategy<Value = Span> {
        (
            prop::sample::select(vec![Days::ALL, SUN, SAT.union(SUN)]),
            0u8..5,
            0u8..60,
            0u8..5,
            0u8..60,
        )
            .prop_filter_map("valid span", |(days, sh, sm, eh, em)| {
                Span::new(days, (sh, sm), (eh, em))
            })
    }

    const ZONES: [&str; 6] = [
        "America/New_York",
        "Europe/Berlin",
        "UTC",
        "Asia/Kolkata",
        "Australia/Lord_Howe",
        "America/Sao_Paulo",
    ];

    /// Instants in 2025-2027, half of them within a few days of a transition.
    fn any_instant() -> impl Strategy<Value = Timestamp> {
        let near: Vec<i64> = [
            "2026-03-08T07:00:00Z",
            "2026-11-01T06:00:00Z",
            "2026-03-29T01:00:00Z",
            "2026-10-25T01:00:00Z",
            "2026-04-04T15:00:00Z",
            "2026-10-03T16:00:00Z",
        ]
        .iter()
        .map(|t| ts(t).as_second())
        .collect();
        let plain = ts("2025-01-01T00:00:00Z").as_second()..ts("2028-01-01T00:00:00Z").as_second();
        prop_oneof![
            plain.prop_map(|s| Timestamp::from_second(s).unwrap()),
            (prop::sample::select(near), -4 * 86_400i64..86_400)
                .prop_map(|(t, d)| Timestamp::from_second(t + d).unwrap()),
        ]
    }

    proptest! {
        #[test]
        fn display_parses_back(span in any_span()) {
            let text = span.to_string();
            prop_assert_eq!(text.parse::<Span>(), Ok(span));
            let json = serde_json::to_string(&span).unwrap();
            prop_assert_eq!(serde_json::from_str::<Span>(&json).unwrap(), span);
        }

        #[test]
        fn never_panics(text in "\\PC{0,40}") {
            let _ = text.parse::<Span>();
            let _ = text.parse::<Days>();
            let _ = Schedule::new([], &text);
        }

        #[test]
        fn near_misses_never_panic(text in "[MonTuesdaily*,–— -]{0,12}[0-9]{0,3}[:]?[0-9]{0,3}[-–]?[0-9]{0,3}:?[0-9]{0,3}") {
            if let Ok(span) = text.parse::<Span>() {
                prop_assert_eq!(span.to_string().parse::<Span>(), Ok(span));
            }
        }

        /// The arithmetic fast path agrees with jiff's civil conversion, for any instant.
        #[test]
        fn is_open_agrees_with_civil_time(
            spans in prop::collection::vec(any_span(), 0..4),
            zone in prop::sample::select(ZONES.to_vec()),
            second in ts("-009999-01-03T00:00:00Z").as_second()..ts("9999-12-30T00:00:00Z").as_second(),
            nanos in -999_999_999i32..=999_999_999,
        ) {
            let s = Schedule::new(spans.clone(), zone).unwrap();
            let nanos = if second > 0 { nanos.abs() } else if second < 0 { -nanos.abs() } else { nanos };
            let at = Timestamp::new(second, nanos).unwrap();
            let civil = s.time_zone().to_datetime(at);
            prop_assert_eq!(s.is_open(at), spans.iter().any(|span| span.contains(civil)));
        }

        /// `next_open` is open, and nothing before it is.
        #[test]
        fn next_open_is_the_first_open_instant(
            spans in prop::collection::vec(prop_oneof![any_span(), small_hours_span()], 1..3),
            zone in prop::sample::select(ZONES.to_vec()),
            at in any_instant(),
        ) {
            let s = Schedule::new(spans, zone).unwrap();
            let Some(open) = s.next_open(at) else {
                return Err(TestCaseError::fail(format!("no opening for {s} at {at}")));
            };
            prop_assert!(s.is_open(open), "{} at {}: {}", s, at, open);
            if open != at {
                prop_assert!(!s.is_open(at));
                // The schedule can only change state on a minute boundary (all these zones'
                // offsets are whole minutes): check each one in between.
                let mut minute = (at.as_second().div_euclid(60) + 1) * 60;
                while minute < open.as_second() {
                    let t = Timestamp::from_second(minute).unwrap();
                    prop_assert!(!s.is_open(t), "{} at {}: open at {} before {}", s, at, t, open);
                    minute += 60;
                }
            }
        }
    }
}
