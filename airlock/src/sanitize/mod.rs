//! Masks PII and secrets in tool output before the model sees it.
//!
//! One pass over the text finds every detector's matches; overlapping matches resolve to
//! the most specific detector, then the longest span; then each span is rewritten by the
//! [`Strategy`] chosen for its kind. Detection starts from cheap triggers (a digit, an `@`,
//! an assignment, a known token prefix found by a SIMD literal search) and confirms each
//! candidate locally, so clean text goes by at a large fraction of memory speed and every
//! input, however hostile, takes linear time.
//!
//! ```
//! use airlock::sanitize::{Kind, Sanitizer};
//!
//! let sanitizer = Sanitizer::new();
//! let out = sanitizer.sanitize(
//!     "Ticket from bob@example.com, card 4111 1111 1111 1111, key AKIAIOSFODNN7EXAMPLE",
//! );
//! assert_eq!(out.text, "Ticket from [EMAIL], card [CREDIT_CARD], key [AWS_ACCESS_KEY_ID]");
//! assert_eq!(out.findings[0].kind(), &Kind::Email);
//!
//! // Text with nothing to mask is borrowed, not copied.
//! assert!(matches!(sanitizer.sanitize("all clear").text, std::borrow::Cow::Borrowed(_)));
//! ```

mod address;
mod bytes;
mod classes;
mod custom;
mod detect;
mod enabled;
mod encodings;
mod engine;
mod finding;
mod json;
mod keys;
mod kind;
mod maps;
mod mask;
mod output;
mod parallel;
mod report;
#[cfg(test)]
mod samples;
mod scalar;
mod sensitivity;
mod strategy;
mod stream;
mod truncate;

use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt;
use std::num::NonZeroUsize;

use zeroize::{Zeroize, Zeroizing};

pub use address::VisibleAddresses;
pub use custom::CustomDetector;
pub use finding::Finding;
pub use kind::{Category, CustomKind, Kind, UnknownKind};
pub use maps::SanitizeKey;
pub use output::Sanitize;
pub use report::Report;
pub use sensitivity::Sensitivity;
pub use strategy::{HashKeyTooShort, MIN_HASH_KEY_LEN, Strategy, UnknownStrategy};
pub use stream::{MaskedChunk, StreamError, StreamSanitizer};
pub use truncate::Truncation;

use enabled::Enabled;
use engine::Literals;

/// The shortest output budget accepted: room for the truncation marker and some text.
///
/// ```rust
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// use airlock::sanitize::{BuildError, MIN_BUDGET, Sanitizer};
///
/// let smallest = Sanitizer::builder().budget(MIN_BUDGET).build()?;
/// assert_eq!(smallest.budget(), Some(64));
/// let err = Sanitizer::builder().budget(MIN_BUDGET - 1).build().unwrap_err();
/// assert_eq!(err, BuildError::BudgetTooSmall { budget: 63 });
/// # Ok(())
/// # }
/// ```
pub const MIN_BUDGET: usize = 64;

/// The shortest literal secret accepted; a shorter one would mask ordinary words.
///
/// ```rust
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// use airlock::sanitize::{BuildError, MIN_LITERAL_LEN, Sanitizer};
///
/// let vault = Sanitizer::builder().literal_secret("x".repeat(MIN_LITERAL_LEN)).build()?;
/// assert_eq!(vault.sanitize("token xxxxxx").text, "token [KNOWN_SECRET]");
/// let err = Sanitizer::builder().literal_secret("pw123").build().unwrap_err();
/// assert_eq!(err, BuildError::LiteralTooShort { len: 5 });
/// # Ok(())
/// # }
/// ```
pub const MIN_LITERAL_LEN: usize = 6;

/// Why a [`SanitizerBuilder`] or [`CustomDetector`] could not be built.
///
/// Every problem is named, and no message shows a secret:
///
/// ```rust
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// use airlock::sanitize::{BuildError, Category, CustomDetector, Sanitizer};
///
/// let tag = CustomDetector::new("tag", r"#[a-z]+", Category::Pii)?;
/// let err = Sanitizer::builder().detector(tag.clone()).detector(tag).build().unwrap_err();
/// assert_eq!(err, BuildError::DuplicateDetector { name: "tag".into() });
///
/// let err = Sanitizer::builder().literal_secret("hunt2").build().unwrap_err();
/// assert_eq!(err.to_string(), "a literal secret of 5 bytes is too short: literal secrets must be at least 6 bytes");
/// assert!(matches!(Sanitizer::builder().sensitive_key("--").build(), Err(BuildError::EmptyKey { .. })));
/// # Ok(())
/// # }
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum BuildError {
    /// A custom detector's name is not a fresh snake_case identifier.
    #[error(
        "custom detector name `{name}` is invalid: use 1-64 characters of a-z, 0-9 and _, starting with a letter, and not a built-in kind's name"
    )]
    InvalidName {
        /// The rejected name (at most 64 characters of it).
        name: String,
    },
    /// A custom detector's regex does not compile or matches the empty string.
    #[error("custom detector `{name}` has an unusable regex: {reason}")]
    InvalidRegex {
        /// The detector's name.
        name: String,
        /// What the regex compiler (or the empty-match check) said.
        reason: String,
    },
    /// Two custom detectors share a name.
    #[error("two custom detectors are named `{name}`: give each its own name")]
    DuplicateDetector {
        /// The shared name.
        name: String,
    },
    /// A literal secret is too short to mask safely. The secret itself is never shown.
    #[error(
        "a literal secret of {len} bytes is too short: literal secrets must be at least {MIN_LITERAL_LEN} bytes"
    )]
    LiteralTooShort {
        /// The length of the rejected literal.
        len: usize,
    },
    /// A sensitive key name has no letters or digits.
    #[error("sensitive key `{key}` has no letters or digits to match on")]
    EmptyKey {
        /// The rejected key.
        key: String,
    },
    /// The literal secrets could not be compiled into one searcher. Their values are never shown.
    #[error("the {count} literal secrets could not be compiled for searching: {reason}")]
    LiteralSecrets {
        /// How many literal secrets there were.
        count: usize,
        /// What the searcher's builder said.
        reason: String,
    },
    /// The output budget is too small to hold the truncation marker.
    #[error("an output budget of {budget} characters is too small: use at least {MIN_BUDGET}")]
    BudgetTooSmall {
        /// The rejected budget.
        budget: usize,
    },
}

/// The result of [`Sanitizer::sanitize`].
///
/// What was masked, where, and whether the budget cut the text:
///
/// ```rust
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// use airlock::sanitize::{Kind, Sanitizer};
///
/// let s = Sanitizer::builder().budget(64).build()?;
/// let input = format!("from ann@example.org: {}", "lorem ipsum ".repeat(20));
/// let out = s.sanitize(&input);
/// assert!(out.text.starts_with("from [EMAIL]: lorem ipsum"));
/// assert_eq!(out.findings[0].kind(), &Kind::Email);
/// assert_eq!(&input[out.findings[0].span()], "ann@example.org");
/// let cut = out.truncated.ok_or("not cut")?;
/// assert_eq!(out.text.chars().count(), cut.kept_chars + cut.marker_chars);
/// # Ok(())
/// # }
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sanitized<'a> {
    /// The masked (and, with a budget, truncated) text; borrowed when nothing changed.
    pub text: Cow<'a, str>,
    /// What was masked, in input order, with byte spans into the input.
    pub findings: Vec<Finding>,
    /// Present when the output budget cut the text.
    pub truncated: Option<Truncation>,
}

impl Sanitized<'_> {
    /// Whether the text changed.
    ///
    /// ```rust
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// use airlock::sanitize::Sanitizer;
    ///
    /// let s = Sanitizer::builder().build()?;
    /// assert!(!s.sanitize("all clear").changed());
    /// assert!(s.sanitize("mail ann@example.org").changed());
    /// # Ok(())
    /// # }
    /// ```
    pub fn changed(&self) -> bool {
        matches!(self.text, Cow::Owned(_))
    }
}

/// The result of [`Sanitizer::sanitize_bytes`].
///
/// Bytes that are not UTF-8 are masked around, and kept as they are:
///
/// ```rust
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// use airlock::sanitize::Sanitizer;
///
/// let s = Sanitizer::builder().build()?;
/// let out = s.sanitize_bytes(b"\xff\xfe key AKIAIOSFODNN7EXAMPLE");
/// assert_eq!(out.bytes.as_ref(), b"\xff\xfe key [AWS_ACCESS_KEY_ID]");
/// assert_eq!(out.findings[0].span(), 7..27);
/// # Ok(())
/// # }
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SanitizedBytes<'a> {
    /// The masked bytes; borrowed when nothing changed.
    pub bytes: Cow<'a, [u8]>,
    /// What was masked, in input order, with byte spans into the input.
    pub findings: Vec<Finding>,
}

/// The masking engine. Build it once (cheap: well under a millisecond) and share it.
///
/// See the [module documentation](self) for an overview.
///
/// One sanitizer serves every thread (a panic in a scoped thread fails the example):
///
/// ```rust
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// use airlock::sanitize::{Sanitizer, Strategy};
///
/// let sanitizer = Sanitizer::builder().strategy(Strategy::Full).build()?;
/// std::thread::scope(|scope| {
///     scope.spawn(|| assert_eq!(sanitizer.sanitize("ann@example.org").text, "[REDACTED]"));
///     scope.spawn(|| assert_eq!(sanitizer.sanitize("AKIAIOSFODNN7EXAMPLE").text, "[REDACTED]"));
/// });
/// # Ok(())
/// # }
/// ```
pub struct Sanitizer {
    enabled: Enabled,
    strategies: Strategies,
    custom: Vec<CustomDetector>,
    literals: Option<Literals>,
    sensitive_keys: Vec<Vec<u8>>,
    budget: Option<usize>,
    hash_key: Zeroizing<[u8; 32]>,
    /// The most threads one call may use (`None`: the machine's available parallelism).
    max_threads: Option<NonZeroUsize>,
    /// The IP addresses left visible.
    visible_addresses: VisibleAddresses,
}

impl fmt::Debug for Sanitizer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Sanitizer")
            .field("enabled", &self.enabled)
            .field("strategies", &self.strategies)
            .field("custom", &self.custom)
            .field(
                "literal_secrets",
                &self.literals.as_ref().map_or(0, Literals::len),
            )
            .field("sensitive_keys", &self.sensitive_keys.len())
            .field("budget", &self.budget)
            .field("hash_key", &"[REDACTED]")
            .field("max_threads", &self.max_threads)
            .field("visible_addresses", &self.visible_addresses)
            .finish()
    }
}

impl Default for Sanitizer {
    fn default() -> Self {
        Sanitizer::new()
    }
}

#[derive(Debug, Clone, Default)]
struct Strategies {
    default: Strategy,
    category: [Option<Strategy>; 2],
    kind: HashMap<Kind, Strategy>,
}

impl Strategies {
    fn for_kind(&self, kind: &Kind) -> Strategy {
        if let Some(s) = self.kind.get(kind) {
            return *s;
        }
        let slot = match kind.category() {
            Category::Pii => 0,
            Category::Secret => 1,
        };
        self.category[slot].unwrap_or(self.default)
    }
}

impl Sanitizer {
    /// A sanitizer with every built-in detector on and the `TypeOnly` strategy.
    ///
    /// Every built-in detector is on, every kind is replaced by its label, and there is no budget:
    ///
    /// ```rust
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// use airlock::sanitize::{Kind, Sanitizer, Strategy};
    ///
    /// let s = Sanitizer::new();
    /// assert!(Kind::BUILTIN.iter().all(|kind| s.is_enabled(kind)));
    /// assert_eq!(s.strategy_for(&"private_key".parse::<Kind>()?), Strategy::TypeOnly);
    /// assert_eq!(s.budget(), None);
    /// # Ok(())
    /// # }
    /// ```
    pub fn new() -> Sanitizer {
        Sanitizer::builder().build_infallible()
    }

    /// Starts configuring a sanitizer.
    ///
    /// ```rust
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// use airlock::sanitize::{Sanitizer, Strategy};
    ///
    /// let s = Sanitizer::builder().strategy(Strategy::Full).budget(1000).build()?;
    /// assert_eq!(s.sanitize("card 4111 1111 1111 1111").text, "card [REDACTED]");
    /// # Ok(())
    /// # }
    /// ```
    pub fn builder() -> SanitizerBuilder {
        SanitizerBuilder::default()
    }

    /// Finds and masks everything sensitive in `text`, then applies the output budget.
    ///
    /// ```
    /// use airlock::sanitize::Sanitizer;
    ///
    /// let out = Sanitizer::new().sanitize("DATABASE_URL=postgres://app:s3cr3t-pw@db:5432/app");
    /// assert_eq!(out.text, "DATABASE_URL=postgres://app:[CONNECTION_STRING]@db:5432/app");
    /// ```
    pub fn sanitize<'a>(&self, text: &'a str) -> Sanitized<'a> {
        let findings = self.find(text.as_bytes());
        let (masked, spans) = mask::apply_str(self, text, &findings);
        let (text, truncated) = match self.budget {
            Some(budget) => truncate::truncate(masked, budget, &spans),
            None => (masked, None),
        };
        Sanitized {
            text,
            findings,
            truncated,
        }
    }

    /// Masks `text` without applying the budget.
    pub(crate) fn mask<'a>(&self, text: &'a str) -> (Cow<'a, str>, Vec<Finding>) {
        let findings = self.find(text.as_bytes());
        if findings.is_empty() {
            return (Cow::Borrowed(text), findings);
        }
        let (masked, _) = mask::apply_str(self, text, &findings);
        (masked, findings)
    }

    /// Finds and masks everything sensitive in `bytes`, which need not be UTF-8.
    ///
    /// No budget is applied: budgets count characters.
    ///
    /// Binary or mis-encoded output (Latin-1 here) is masked without being decoded:
    ///
    /// ```rust
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// use airlock::sanitize::Sanitizer;
    ///
    /// let s = Sanitizer::builder().budget(64).build()?;
    /// let latin1 = b"Jos\xe9 <jose@example.org>";
    /// let out = s.sanitize_bytes(latin1);
    /// assert_eq!(out.bytes.as_ref(), b"Jos\xe9 <[EMAIL]>");
    /// let clean = s.sanitize_bytes(b"\x00\x01 nothing here");
    /// assert!(matches!(clean.bytes, std::borrow::Cow::Borrowed(_)));
    /// # Ok(())
    /// # }
    /// ```
    pub fn sanitize_bytes<'a>(&self, bytes: &'a [u8]) -> SanitizedBytes<'a> {
        let findings = self.find(bytes);
        let bytes = mask::apply_bytes(self, bytes, &findings);
        SanitizedBytes { bytes, findings }
    }

    /// Finds everything sensitive in `bytes` without masking it.
    ///
    /// ```
    /// use airlock::sanitize::{Kind, Sanitizer};
    ///
    /// let found = Sanitizer::new().find(b"ssn 123-45-6789");
    /// assert_eq!(found[0].kind(), &Kind::Ssn);
    /// assert_eq!(found[0].span(), 4..15);
    /// ```
    pub fn find(&self, bytes: &[u8]) -> Vec<Finding> {
        engine::find(self, bytes)
    }

    /// Masks every string in a JSON value in place and returns what was masked.
    ///
    /// Values under sensitive keys (`password`, `secret`, `token`, `api_key`,
    /// `authorization`, ..., matched case- and separator-insensitively, plus those added with
    /// [`SanitizerBuilder::sensitive_key`]) are masked whatever they look like, numbers
    /// included; object keys that are themselves sensitive values (an email used as a key)
    /// are masked too. No budget is applied: truncate the serialized output instead.
    ///
    /// ```
    /// use airlock::sanitize::Sanitizer;
    /// use serde_json::json;
    ///
    /// let mut value = json!({"user": "ann@example.org", "apiKey": "not-obviously-secret", "n": 3});
    /// let report = Sanitizer::new().sanitize_json(&mut value);
    /// assert_eq!(value, json!({"user": "[EMAIL]", "apiKey": "[PASSWORD]", "n": 3}));
    /// assert_eq!(report.total(), 2);
    /// ```
    pub fn sanitize_json(&self, value: &mut serde_json::Value) -> Report {
        let mut report = Report::default();
        json::sanitize_value(self, value, keys::KeyClass::Plain, &mut report);
        report
    }

    /// Starts masking a stream of bytes in bounded memory; see [`StreamSanitizer`].
    ///
    /// Masking a reader into a writer, a buffer at a time:
    ///
    /// ```rust
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// use std::io::{Read, Write};
    /// use airlock::sanitize::Sanitizer;
    ///
    /// let sanitizer = Sanitizer::builder().build()?;
    /// let mut input: &[u8] = b"deploy key AKIAIOSFODNN7EXAMPLE\nowner ann@example.org\n";
    /// let mut output = Vec::new();
    /// let mut stream = sanitizer.stream();
    /// let (mut out, mut findings) = (Vec::new(), Vec::new());
    /// let mut buf = [0; 16];
    /// loop {
    ///     let n = input.read(&mut buf)?;
    ///     if n == 0 {
    ///         break;
    ///     }
    ///     stream.push(&buf[..n], &mut out, &mut findings);
    ///     output.write_all(&out)?;
    ///     out.clear();
    /// }
    /// stream.finish(&mut out, &mut findings);
    /// output.write_all(&out)?;
    /// assert_eq!(output, b"deploy key [AWS_ACCESS_KEY_ID]\nowner [EMAIL]\n");
    /// assert_eq!(findings.len(), 2);
    /// # Ok(())
    /// # }
    /// ```
    pub fn stream(&self) -> StreamSanitizer<'_> {
        StreamSanitizer::new(self)
    }

    /// The output budget in characters, if any.
    ///
    /// ```rust
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// use airlock::sanitize::Sanitizer;
    ///
    /// assert_eq!(Sanitizer::builder().budget(4096).build()?.budget(), Some(4096));
    /// assert_eq!(Sanitizer::new().budget(), None);
    /// # Ok(())
    /// # }
    /// ```
    pub fn budget(&self) -> Option<usize> {
        self.budget
    }

    /// A copy of this sanitizer restricted to one category of built-in detectors and/or
    /// using one strategy for everything; literal secrets, custom detectors, sensitive keys,
    /// budget and pseudonym key are kept (so pseudonyms stay stable across both).
    ///
    /// This is how a tool's own `mask = ...` setting narrows the runtime's sanitizer.
    ///
    /// ```
    /// use airlock::sanitize::{Category, Sanitizer, Strategy};
    ///
    /// let s = Sanitizer::new().restricted(Some(Category::Secret), Some(Strategy::Full));
    /// assert_eq!(s.sanitize("ann@example.org AKIAIOSFODNN7EXAMPLE").text, "ann@example.org [REDACTED]");
    /// ```
    pub fn restricted(&self, category: Option<Category>, strategy: Option<Strategy>) -> Sanitizer {
        let mut strategies = self.strategies.clone();
        if let Some(strategy) = strategy {
            strategies = Strategies {
                default: strategy,
                ..Strategies::default()
            };
        }
        Sanitizer {
            enabled: category.map_or(self.enabled, |c| self.enabled.only_category(c)),
            strategies,
            custom: self.custom.clone(),
            literals: self.literals.clone(),
            sensitive_keys: self.sensitive_keys.clone(),
            budget: self.budget,
            hash_key: self.hash_key.clone(),
            max_threads: self.max_threads,
            visible_addresses: self.visible_addresses,
        }
    }

    /// The strategy used for findings of `kind`.
    ///
    /// A kind's own strategy wins over its category's, which wins over the default:
    ///
    /// ```rust
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// use airlock::sanitize::{Category, Kind, Sanitizer, Strategy};
    ///
    /// let s = Sanitizer::builder()
    ///     .strategy(Strategy::Full)
    ///     .category_strategy(Category::Pii, Strategy::Partial)
    ///     .kind_strategy(Kind::Email, Strategy::KeyedHash)
    ///     .build()?;
    /// assert_eq!(s.strategy_for(&Kind::Email), Strategy::KeyedHash);
    /// assert_eq!(s.strategy_for(&Kind::Phone), Strategy::Partial);
    /// assert_eq!(s.strategy_for(&Kind::Jwt), Strategy::Full);
    /// # Ok(())
    /// # }
    /// ```
    pub fn strategy_for(&self, kind: &Kind) -> Strategy {
        self.strategies.for_kind(kind)
    }

    /// Whether the detector of a built-in `kind` is on (always `true` for custom kinds).
    ///
    /// ```rust
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// use airlock::sanitize::{Category, CustomDetector, Kind, Sanitizer};
    ///
    /// let badge = CustomDetector::new("badge", r"\bB-[0-9]{4}\b", Category::Pii)?;
    /// let s = Sanitizer::builder().only([Kind::Email]).detector(badge.clone()).build()?;
    /// assert!(s.is_enabled(&Kind::Email));
    /// assert!(!s.is_enabled(&Kind::Phone));
    /// assert!(s.is_enabled(badge.kind()));
    /// # Ok(())
    /// # }
    /// ```
    pub fn is_enabled(&self, kind: &Kind) -> bool {
        self.enabled.contains(kind)
    }
}

/// Configures a [`Sanitizer`].
///
/// ```rust
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// use airlock::sanitize::{Category, Kind, Sanitizer, Strategy};
///
/// let sanitizer = Sanitizer::builder()
///     .strategy(Strategy::Full)
///     .category_strategy(Category::Pii, Strategy::Partial)
///     .kind_strategy(Kind::Email, Strategy::TypeOnly)
///     .disable(Kind::IpAddress)
///     .literal_secret("correct-horse-battery")
///     .sensitive_key("x-internal-ticket")
///     .budget(4096)
///     .build()?;
/// let out = sanitizer.sanitize("from 10.0.0.1: ann@example.org paid with 4111-1111-1111-1111 using correct-horse-battery");
/// assert_eq!(out.text, "from 10.0.0.1: [EMAIL] paid with ****-****-****-1111 using [REDACTED]");
/// # Ok(())
/// # }
/// ```
#[derive(Default)]
pub struct SanitizerBuilder {
    disabled: Vec<Kind>,
    only: Option<Vec<Kind>>,
    strategies: Strategies,
    custom: Vec<CustomDetector>,
    literals: Vec<Zeroizing<String>>,
    sensitive_keys: Vec<String>,
    budget: Option<usize>,
    hash_key: Option<Zeroizing<[u8; 32]>>,
    max_threads: Option<NonZeroUsize>,
    visible_addresses: VisibleAddresses,
}

impl fmt::Debug for SanitizerBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SanitizerBuilder")
            .field("disabled", &self.disabled)
            .field("only", &self.only)
            .field("strategies", &self.strategies)
            .field("custom", &self.custom)
            .field("literal_secrets", &self.literals.len())
            .field("sensitive_keys", &self.sensitive_keys)
            .field("budget", &self.budget)
            .field("hash_key", &self.hash_key.as_ref().map(|_| "[REDACTED]"))
            .field("max_threads", &self.max_threads)
            .field("visible_addresses", &self.visible_addresses)
            .finish()
    }
}

impl SanitizerBuilder {
    /// Turns on only these built-in detectors (custom detectors and literal secrets stay on).
    ///
    /// Only emails and cards are masked here:
    ///
    /// ```rust
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// use airlock::sanitize::{Kind, Sanitizer};
    ///
    /// let s = Sanitizer::builder().only([Kind::Email, Kind::CreditCard]).build()?;
    /// let out = s.sanitize("ann@example.org, 4111 1111 1111 1111, AKIAIOSFODNN7EXAMPLE");
    /// assert_eq!(out.text, "[EMAIL], [CREDIT_CARD], AKIAIOSFODNN7EXAMPLE");
    /// # Ok(())
    /// # }
    /// ```
    #[must_use]
    pub fn only(mut self, kinds: impl IntoIterator<Item = Kind>) -> Self {
        self.only = Some(kinds.into_iter().collect());
        self
    }

    /// Turns off a built-in detector.
    ///
    /// Emails stay visible; everything else is masked as usual:
    ///
    /// ```rust
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// use airlock::sanitize::{Kind, Sanitizer};
    ///
    /// let s = Sanitizer::builder().disable(Kind::Email).build()?;
    /// let out = s.sanitize("ann@example.org, 4111 1111 1111 1111");
    /// assert_eq!(out.text, "ann@example.org, [CREDIT_CARD]");
    /// # Ok(())
    /// # }
    /// ```
    #[must_use]
    pub fn disable(mut self, kind: Kind) -> Self {
        self.disabled.push(kind);
        self
    }

    /// The strategy for every kind without a more specific one (default: `TypeOnly`).
    ///
    /// ```rust
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// use airlock::sanitize::{Sanitizer, Strategy};
    ///
    /// let s = Sanitizer::builder().strategy(Strategy::Partial).build()?;
    /// let out = s.sanitize("ann@example.org paid with 4111 1111 1111 1111");
    /// assert_eq!(out.text, "a***@example.org paid with **** **** **** 1111");
    /// # Ok(())
    /// # }
    /// ```
    #[must_use]
    pub fn strategy(mut self, strategy: Strategy) -> Self {
        self.strategies.default = strategy;
        self
    }

    /// The strategy for one category, over the default.
    ///
    /// Secrets gone without a trace, personal data by kind:
    ///
    /// ```rust
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// use airlock::sanitize::{Category, Sanitizer, Strategy};
    ///
    /// let s = Sanitizer::builder().category_strategy(Category::Secret, Strategy::Full).build()?;
    /// let out = s.sanitize("ann@example.org, AKIAIOSFODNN7EXAMPLE");
    /// assert_eq!(out.text, "[EMAIL], [REDACTED]");
    /// # Ok(())
    /// # }
    /// ```
    #[must_use]
    pub fn category_strategy(mut self, category: Category, strategy: Strategy) -> Self {
        let slot = match category {
            Category::Pii => 0,
            Category::Secret => 1,
        };
        self.strategies.category[slot] = Some(strategy);
        self
    }

    /// The strategy for one kind, over its category's and the default.
    ///
    /// Cards keep their last four digits; the rest is masked by kind:
    ///
    /// ```rust
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// use airlock::sanitize::{Kind, Sanitizer, Strategy};
    ///
    /// let s = Sanitizer::builder().kind_strategy(Kind::CreditCard, Strategy::Partial).build()?;
    /// let out = s.sanitize("ann@example.org paid with 4111 1111 1111 1111");
    /// assert_eq!(out.text, "[EMAIL] paid with **** **** **** 1111");
    /// # Ok(())
    /// # }
    /// ```
    #[must_use]
    pub fn kind_strategy(mut self, kind: Kind, strategy: Strategy) -> Self {
        self.strategies.kind.insert(kind, strategy);
        self
    }

    /// Adds a detector of your own.
    ///
    /// ```rust
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// use airlock::sanitize::{Category, CustomDetector, Sanitizer};
    ///
    /// let ticket = CustomDetector::new("ticket_id", r"\bTCK-[0-9]{5}\b", Category::Pii)?;
    /// let s = Sanitizer::builder().detector(ticket).build()?;
    /// assert_eq!(s.sanitize("see TCK-12345").text, "see [TICKET_ID]");
    /// # Ok(())
    /// # }
    /// ```
    #[must_use]
    pub fn detector(mut self, detector: CustomDetector) -> Self {
        self.custom.push(detector);
        self
    }

    /// Masks this exact value wherever it appears, as a `known_secret` (the vault feeds these):
    /// as itself, and as escaped and encoded text writes it: inside a JSON string (`\"`,
    /// `\\`, `\/`, `\n`, `\u00e9` in either case of hex), in `Debug` output, and
    /// percent-encoded in a URL or a form (either case of hex, a space as `%20` or `+`).
    ///
    /// The value is kept in memory that is zeroed when the sanitizer is dropped.
    ///
    /// ```rust
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// use airlock::sanitize::Sanitizer;
    ///
    /// let s = Sanitizer::builder().literal_secret("s3cr3t-value").build()?;
    /// let out = s.sanitize("connect with s3cr3t-value or xs3cr3t-valuex");
    /// assert_eq!(out.text, "connect with [KNOWN_SECRET] or x[KNOWN_SECRET]x");
    /// # Ok(())
    /// # }
    /// ```
    ///
    /// It is found JSON-escaped, Debug-escaped and percent-encoded too:
    ///
    /// ```
    /// use airlock::sanitize::Sanitizer;
    ///
    /// let s = Sanitizer::builder().literal_secret("tr0ub4dor&3 horse").build()?;
    /// let url = "GET /cb?user=ann&q=tr0ub4dor%263+horse HTTP/1.1";
    /// assert_eq!(s.sanitize(url).text, "GET /cb?user=ann&q=[KNOWN_SECRET] HTTP/1.1");
    /// let json = r#"{"q":"tr0ub4dor\u00263 horse"}"#;
    /// assert_eq!(s.sanitize(json).text, r#"{"q":"[KNOWN_SECRET]"}"#);
    /// # Ok::<(), airlock::sanitize::BuildError>(())
    /// ```
    #[must_use]
    pub fn literal_secret(mut self, secret: impl Into<String>) -> Self {
        self.literals.push(Zeroizing::new(secret.into()));
        self
    }

    /// Treats values under this JSON or `key=value` name as secrets, whatever they look like.
    ///
    /// Matching ignores case and separators: `x-internal-ticket` also covers `X_Internal_Ticket`.
    ///
    /// A value under the key is masked whatever it holds:
    ///
    /// ```rust
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// use airlock::sanitize::Sanitizer;
    /// use serde_json::json;
    ///
    /// let s = Sanitizer::builder().sensitive_key("x-internal-ticket").build()?;
    /// let mut value = json!({"X_Internal_Ticket": "T-7", "status": "open"});
    /// s.sanitize_json(&mut value);
    /// assert_eq!(value, json!({"X_Internal_Ticket": "[PASSWORD]", "status": "open"}));
    /// # Ok(())
    /// # }
    /// ```
    #[must_use]
    pub fn sensitive_key(mut self, key: impl Into<String>) -> Self {
        self.sensitive_keys.push(key.into());
        self
    }

    /// Truncates [`Sanitizer::sanitize`]'s output to at most `chars` characters, marker included.
    ///
    /// The cut never goes through a mask, and the marker says how much was cut:
    ///
    /// ```rust
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// use airlock::sanitize::Sanitizer;
    ///
    /// let s = Sanitizer::builder().budget(64).build()?;
    /// let long = "line ".repeat(100);
    /// let out = s.sanitize(&long);
    /// assert_eq!(out.text, "line line line line line line line line li…[truncated 458 chars]");
    /// assert_eq!(out.text.chars().count(), 64);
    ///
    /// // A cut inside `[EMAIL]` moves to its start.
    /// let near = format!("{} ann@example.org{}", "x".repeat(38), " tail".repeat(20));
    /// let out = s.sanitize(&near);
    /// assert_eq!(out.text, format!("{} …[truncated 107 chars]", "x".repeat(38)));
    /// # Ok(())
    /// # }
    /// ```
    #[must_use]
    pub fn budget(mut self, chars: usize) -> Self {
        self.budget = Some(chars);
        self
    }

    /// The key of the `KeyedHash` strategy. Without one, each sanitizer draws a random key,
    /// so pseudonyms are stable within a sanitizer but not across processes.
    ///
    /// Two sanitizers with the same key give a value the same pseudonym:
    ///
    /// ```rust
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// use airlock::sanitize::{Sanitizer, Strategy};
    ///
    /// let key = [7; 32];
    /// let a = Sanitizer::builder().strategy(Strategy::KeyedHash).hash_key(key).build()?;
    /// let b = Sanitizer::builder().strategy(Strategy::KeyedHash).hash_key(key).build()?;
    /// let masked = a.sanitize("ann@example.org").text.into_owned();
    /// assert_eq!(b.sanitize("ann@example.org").text, masked);
    /// assert!(masked.starts_with("[EMAIL:") && masked.len() == "[EMAIL:01234567]".len());
    /// assert_ne!(a.sanitize("bob@example.org").text, masked);
    /// # Ok(())
    /// # }
    /// ```
    #[must_use]
    pub fn hash_key(mut self, key: [u8; 32]) -> Self {
        let mut key = key;
        self.hash_key = Some(Zeroizing::new(key));
        key.zeroize();
        self
    }

    /// The most threads one call may use on a large input (default: the machine's
    /// available parallelism, read once per process).
    ///
    /// An input of a few MiB or more is cut after line breaks into parts of at least 1 MiB,
    /// scanned at once on scoped threads that have finished when the call returns; the
    /// findings are exactly those of one scan. Smaller inputs, the usual tool output, never
    /// leave the caller's thread. `NonZeroUsize::MIN` keeps every call on it, as a server
    /// that already sanitizes on every core may want.
    ///
    /// ```rust
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// use std::num::NonZeroUsize;
    /// use airlock::sanitize::Sanitizer;
    ///
    /// let one = Sanitizer::builder().max_threads(NonZeroUsize::MIN).build()?;
    /// let log = "GET /users/7 from 10.0.0.1 for ann@example.org\n".repeat(60_000);
    /// assert_eq!(one.find(log.as_bytes()), Sanitizer::new().find(log.as_bytes()));
    /// # Ok(())
    /// # }
    /// ```
    #[must_use]
    pub fn max_threads(mut self, threads: NonZeroUsize) -> Self {
        self.max_threads = Some(threads);
        self
    }

    /// Which IP addresses stay visible (default: [`VisibleAddresses::Local`], loopback and
    /// unspecified addresses, which name no one).
    ///
    /// ```
    /// use airlock::sanitize::{Sanitizer, VisibleAddresses};
    ///
    /// let s = Sanitizer::builder()
    ///     .visible_addresses(VisibleAddresses::Private)
    ///     .build()?;
    /// assert_eq!(
    ///     s.sanitize("10.0.0.5 -> 198.51.100.4").text,
    ///     "10.0.0.5 -> [IP_ADDRESS]",
    /// );
    /// # Ok::<(), airlock::sanitize::BuildError>(())
    /// ```
    #[must_use]
    pub fn visible_addresses(mut self, visible: VisibleAddresses) -> Self {
        self.visible_addresses = visible;
        self
    }

    /// Builds the sanitizer.
    ///
    /// # Errors
    /// A [`BuildError`] for a duplicate custom detector, a literal secret shorter than
    /// [`MIN_LITERAL_LEN`], a sensitive key without letters or digits, or a budget under
    /// [`MIN_BUDGET`].
    ///
    /// ```rust
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// use airlock::sanitize::{BuildError, Sanitizer};
    ///
    /// let sanitizer = Sanitizer::builder().literal_secret("correct-horse").build()?;
    /// assert_eq!(sanitizer.sanitize("pw correct-horse").text, "pw [KNOWN_SECRET]");
    /// let err = Sanitizer::builder().budget(10).build().unwrap_err();
    /// assert_eq!(err, BuildError::BudgetTooSmall { budget: 10 });
    /// # Ok(())
    /// # }
    /// ```
    pub fn build(self) -> Result<Sanitizer, BuildError> {
        for (i, detector) in self.custom.iter().enumerate() {
            if self.custom[..i].iter().any(|d| d.kind == detector.kind) {
                return Err(BuildError::DuplicateDetector {
                    name: detector.kind.name().to_owned(),
                });
            }
        }
        if let Some(short) = self.literals.iter().find(|l| l.len() < MIN_LITERAL_LEN) {
            return Err(BuildError::LiteralTooShort { len: short.len() });
        }
        let mut sensitive_keys = Vec::with_capacity(self.sensitive_keys.len());
        for key in &self.sensitive_keys {
            let normalized = keys::normalize(key.as_bytes());
            if normalized.is_empty() {
                return Err(BuildError::EmptyKey {
                    key: key.chars().take(64).collect(),
                });
            }
            sensitive_keys.push(normalized);
        }
        if let Some(budget) = self.budget.filter(|&b| b < MIN_BUDGET) {
            return Err(BuildError::BudgetTooSmall { budget });
        }
        let literals = Literals::new(&self.literals)?;
        Ok(self.finish(sensitive_keys, literals))
    }

    /// `build` for the default configuration, which has nothing to reject (no literal
    /// secrets, custom detectors, sensitive keys or budget).
    fn build_infallible(self) -> Sanitizer {
        self.finish(Vec::new(), None)
    }

    fn finish(self, sensitive_keys: Vec<Vec<u8>>, literals: Option<Literals>) -> Sanitizer {
        let mut enabled = match &self.only {
            Some(kinds) => Enabled::none().with_all(kinds),
            None => Enabled::all(),
        };
        for kind in &self.disabled {
            enabled.remove(kind);
        }
        let hash_key = self.hash_key.unwrap_or_else(random_key);
        Sanitizer {
            enabled,
            strategies: self.strategies,
            custom: self.custom,
            literals,
            sensitive_keys,
            budget: self.budget,
            hash_key,
            max_threads: self.max_threads,
            visible_addresses: self.visible_addresses,
        }
    }
}

/// A fresh random key for `KeyedHash`.
///
/// Should the operating system's generator fail (it does not on any supported platform),
/// the key falls back to one derived from the clock and the address space, which is still
/// unpredictable to a model reading the output.
fn random_key() -> Zeroizing<[u8; 32]> {
    let mut key = Zeroizing::new([0u8; 32]);
    if getrandom::fill(key.as_mut()).is_err() {
        use std::hash::{BuildHasher, Hasher};
        for chunk in key.chunks_mut(8) {
            let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
            hasher.write_u128(
                std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .map_or(0, |d| d.as_nanos()),
            );
            chunk.copy_from_slice(&hasher.finish().to_le_bytes());
        }
    }
    key
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builder_rejects_bad_configuration_with_typed_errors() {
        let short = Sanitizer::builder()
            .literal_secret("abc")
            .build()
            .unwrap_err();
        assert_eq!(short, BuildError::LiteralTooShort { len: 3 });
        assert!(!short.to_string().contains("abc"), "{short}");
        assert_eq!(
            Sanitizer::builder().budget(10).build().unwrap_err(),
            BuildError::BudgetTooSmall { budget: 10 }
        );
        assert!(matches!(
            Sanitizer::builder().sensitive_key("--").build(),
            Err(BuildError::EmptyKey { .. })
        ));
        let d = CustomDetector::new("ticket", "T-[0-9]+", Category::Pii).unwrap();
        assert_eq!(
            Sanitizer::builder()
                .detector(d.clone())
                .detector(d)
                .build()
                .unwrap_err(),
            BuildError::DuplicateDetector {
                name: "ticket".into()
            }
        );
    }

    #[test]
    fn literal_secrets_are_masked_and_never_shown() {
        let s = Sanitizer::builder()
            .literal_secret("correct-horse-battery")
            .hash_key([9; 32])
            .build()
            .unwrap();
        let out = s.sanitize("pw correct-horse-battery, again correct-horse-battery.");
        assert_eq!(out.text, "pw [KNOWN_SECRET], again [KNOWN_SECRET].");
        assert_eq!(out.findings.len(), 2);
        let debug = format!(
            "{s:?} {:?}",
            Sanitizer::builder()
                .literal_secret("correct-horse-battery")
                .hash_key([9; 32])
        );
        assert!(
            !debug.contains("correct-horse") && !debug.contains("9, 9"),
            "{debug}"
        );
    }

    #[test]
    fn strategy_precedence_and_detector_selection() {
        let s = Sanitizer::builder()
            .strategy(Strategy::Full)
            .category_strategy(Category::Pii, Strategy::Partial)
            .kind_strategy(Kind::Email, Strategy::TypeOnly)
            .build()
            .unwrap();
        assert_eq!(s.strategy_for(&Kind::Email), Strategy::TypeOnly);
        assert_eq!(s.strategy_for(&Kind::Phone), Strategy::Partial);
        assert_eq!(s.strategy_for(&Kind::Jwt), Strategy::Full);

        let only = Sanitizer::builder().only([Kind::Email]).build().unwrap();
        assert_eq!(
            only.sanitize("a@example.com 10.0.0.1").text,
            "[EMAIL] 10.0.0.1"
        );
        let without = Sanitizer::builder().disable(Kind::Email).build().unwrap();
        assert_eq!(
            without.sanitize("a@example.com 10.0.0.1").text,
            "a@example.com [IP_ADDRESS]"
        );
        assert!(!without.is_enabled(&Kind::Email) && without.is_enabled(&Kind::Phone));
    }

    #[test]
    fn extra_sensitive_keys_match_any_spelling() {
        let s = Sanitizer::builder()
            .sensitive_key("x-internal-ticket")
            .build()
            .unwrap();
        assert_eq!(
            s.sanitize("X_Internal_Ticket=T-1234 ok").text,
            "X_Internal_Ticket=[PASSWORD] ok"
        );
        let mut v = serde_json::json!({"xInternalTicket": 42});
        s.sanitize_json(&mut v);
        assert_eq!(v, serde_json::json!({"xInternalTicket": "[PASSWORD]"}));
    }

    #[test]
    fn budget_truncates_after_masking() {
        let s = Sanitizer::builder().budget(64).build().unwrap();
        let text = format!("{} ann@example.org", "x".repeat(200));
        let out = s.sanitize(&text);
        assert!(out.text.chars().count() <= 64);
        assert!(out.truncated.is_some());
        assert_eq!(
            out.findings.len(),
            1,
            "findings describe the input, cut or not"
        );
    }
}
