//! [`Sensitivity`]: what the name a value sits under says about it.

use super::Sanitizer;
use super::keys::{self, KeyClass};

/// What the name a value sits under says about it: nothing, or that it is secret
/// (`password`, `api_key`, `authorization`, a [sensitive key] of the sanitizer's own, …).
///
/// A value under a secret's name is masked whatever it holds, as
/// [`Sanitizer::sanitize_json`] masks the value under such a key; everything nested in it is
/// secret too. [`Sanitize::sanitize_as`](super::Sanitize::sanitize_as) takes one, and
/// `#[derive(Sanitize)]` computes one for each field with [`Sensitivity::nested`], from the
/// field's name and the sanitizer, when the value is masked.
///
/// ```
/// use airlock::sanitize::{Sanitizer, Sensitivity};
///
/// let sanitizer = Sanitizer::builder().sensitive_key("ticket").build()?;
/// let top = Sensitivity::PLAIN;
/// assert!(top.nested("user_name", &sanitizer).is_plain());
/// assert!(!top.nested("db_password", &sanitizer).is_plain());
/// assert!(!top.nested("Ticket", &sanitizer).is_plain());
/// // Everything under a secret's name is secret.
/// let credentials = top.nested("credentials", &sanitizer);
/// assert_eq!(credentials.nested("user_name", &sanitizer), Sensitivity::SECRET);
/// # Ok::<(), airlock::sanitize::BuildError>(())
/// ```
///
/// [sensitive key]: super::SanitizerBuilder::sensitive_key
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sensitivity(KeyClass);

impl Sensitivity {
    /// A name that says nothing: the value is masked by what it holds. The top of an output
    /// is plain.
    ///
    /// Under a plain name a string is masked by what it holds, as
    /// [`Sanitize::sanitize`](super::Sanitize::sanitize) masks it:
    ///
    /// ```rust
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// use airlock::sanitize::{Report, Sanitize, Sanitizer, Sensitivity};
    ///
    /// let sanitizer = Sanitizer::builder().build()?;
    /// let mut report = Report::default();
    /// let mut note = String::from("correct horse, ann@example.org");
    /// note.sanitize_as(Sensitivity::PLAIN, &sanitizer, &mut report);
    /// assert_eq!(note, "correct horse, [EMAIL]");
    /// # Ok(())
    /// # }
    /// ```
    pub const PLAIN: Sensitivity = Sensitivity(KeyClass::Plain);

    /// A secret's name (`password`): the value is masked whatever it holds. What
    /// `#[mask(sensitive)]` gives a field.
    ///
    /// ```
    /// use airlock::sanitize::{Report, Sanitize, Sanitizer, Sensitivity};
    ///
    /// let mut value = String::from("correct horse");
    /// let mut report = Report::default();
    /// value.sanitize_as(Sensitivity::SECRET, &Sanitizer::new(), &mut report);
    /// assert_eq!(value, "[PASSWORD]");
    /// ```
    pub const SECRET: Sensitivity = Sensitivity(KeyClass::Secret);

    /// The sensitivity of a value under `name` (a field's name, a map's key) inside a value
    /// of this sensitivity, as [`Sanitizer::sanitize_json`] decides it for an object's key:
    /// names compare without case and separators (`dbPassword`, `DB_PASSWORD`), the
    /// sanitizer's own sensitive keys count, and everything under a secret's name is secret.
    ///
    /// ```
    /// use airlock::sanitize::{Sanitizer, Sensitivity};
    ///
    /// let s = Sanitizer::new();
    /// assert_eq!(Sensitivity::PLAIN.nested("apiKey", &s), Sensitivity::SECRET);
    /// assert_eq!(Sensitivity::SECRET.nested("id", &s), Sensitivity::SECRET);
    /// assert!(Sensitivity::PLAIN.nested("next_page_token", &s).is_plain());
    /// ```
    pub fn nested(self, name: &str, sanitizer: &Sanitizer) -> Sensitivity {
        self.nested_key(Some(name), sanitizer)
    }

    /// [`nested`](Self::nested) for a map's key, which may not be text (a number names
    /// nothing).
    pub(crate) fn nested_key(self, name: Option<&str>, sanitizer: &Sanitizer) -> Sensitivity {
        Sensitivity(keys::nested(
            self.0,
            name.map(str::as_bytes),
            &sanitizer.sensitive_keys,
        ))
    }

    /// Whether the name says nothing, so the value is masked by what it holds.
    ///
    /// ```
    /// use airlock::sanitize::Sensitivity;
    ///
    /// assert!(Sensitivity::PLAIN.is_plain() && !Sensitivity::SECRET.is_plain());
    /// ```
    pub fn is_plain(self) -> bool {
        self.0 == KeyClass::Plain
    }

    /// The class of the name.
    pub(crate) fn class(self) -> KeyClass {
        self.0
    }
}
