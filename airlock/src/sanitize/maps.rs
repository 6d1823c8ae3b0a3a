//! Maps as outputs: their keys are masked and name their values as a JSON object's keys do
//! ([`SanitizeKey`]).

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::hash::{BuildHasher, Hash};
use std::rc::Rc;
use std::sync::Arc;

use super::Sanitizer;
use super::json;
use super::output::Sanitize;
use super::report::Report;
use super::sensitivity::Sensitivity;

/// A map key type, for masking maps as [`Sanitizer::sanitize_json`] masks JSON objects.
///
/// A text key is masked when it holds something sensitive itself (an email used as a key;
/// two keys that mask alike are kept apart with a `~2`, `~3`, … suffix, so no value is lost),
/// and its name decides, as a field's does, whether the value under it is a secret
/// (`{"api_key": …}`). Implemented for `String`, `Cow<str>`, `Box<str>`, `Rc<str>`,
/// `Arc<str>` and `&str` (whose text cannot be replaced, so it only names), and for numbers,
/// `bool` and `char`, which are never masked and name nothing.
///
/// Both methods have defaults that leave a key as it is and name nothing, so a key type of
/// your own that holds no text needs only `impl SanitizeKey for MyKey {}`:
///
/// ```
/// use std::collections::HashMap;
/// use airlock::sanitize::{Report, Sanitize, SanitizeKey, Sanitizer};
///
/// #[derive(PartialEq, Eq, Hash)]
/// struct UserId(u64);
/// impl SanitizeKey for UserId {}
///
/// let mut emails = HashMap::from([(UserId(7), String::from("ann@example.org"))]);
/// let mut report = Report::default();
/// emails.sanitize(&Sanitizer::new(), &mut report);
/// assert_eq!(emails[&UserId(7)], "[EMAIL]");
///
/// let mut by_name = HashMap::from([
///     (String::from("bob@example.com"), String::from("x")),
///     (String::from("db_password"), String::from("hunter2")),
/// ]);
/// by_name.sanitize(&Sanitizer::new(), &mut report);
/// assert_eq!(by_name["[EMAIL]"], "x");
/// assert_eq!(by_name["db_password"], "[PASSWORD]");
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be the key of a masked map: it does not implement `airlock::sanitize::SanitizeKey`",
    label = "`{Self}` does not implement `airlock::sanitize::SanitizeKey`",
    note = "implement it: an empty `impl airlock::sanitize::SanitizeKey for {Self}` leaves such keys as they are; return the key's text from `SanitizeKey::text` to have it masked"
)]
pub trait SanitizeKey: Sized {
    /// The key as text, as a JSON object's key: masked if it holds something sensitive,
    /// and the name of the value under it. `None` (the default): the key is left as it is
    /// and names nothing.
    ///
    /// ```
    /// use airlock::sanitize::SanitizeKey;
    ///
    /// assert_eq!(String::from("id").text(), Some("id"));
    /// assert_eq!(7_u32.text(), None);
    /// ```
    fn text(&self) -> Option<&str> {
        None
    }

    /// A key holding `masked`, the masked form of this key's [`text`](SanitizeKey::text);
    /// `None` (the default) when the type cannot hold it, and the key is left as it is.
    ///
    /// ```
    /// use airlock::sanitize::SanitizeKey;
    ///
    /// assert_eq!(String::from_masked("[EMAIL]".into()), Some(String::from("[EMAIL]")));
    /// ```
    fn from_masked(masked: String) -> Option<Self> {
        let _ = masked;
        None
    }
}

impl SanitizeKey for String {
    fn text(&self) -> Option<&str> {
        Some(self)
    }

    fn from_masked(masked: String) -> Option<Self> {
        Some(masked)
    }
}

impl SanitizeKey for Cow<'_, str> {
    fn text(&self) -> Option<&str> {
        Some(self)
    }

    fn from_masked(masked: String) -> Option<Self> {
        Some(Cow::Owned(masked))
    }
}

impl SanitizeKey for Box<str> {
    fn text(&self) -> Option<&str> {
        Some(self)
    }

    fn from_masked(masked: String) -> Option<Self> {
        Some(masked.into_boxed_str())
    }
}

impl SanitizeKey for Rc<str> {
    fn text(&self) -> Option<&str> {
        Some(self)
    }

    fn from_masked(masked: String) -> Option<Self> {
        Some(Rc::from(masked))
    }
}

impl SanitizeKey for Arc<str> {
    fn text(&self) -> Option<&str> {
        Some(self)
    }

    fn from_masked(masked: String) -> Option<Self> {
        Some(Arc::from(masked))
    }
}

/// A borrowed key names its value, but cannot be replaced by its mask: use owned keys for
/// maps whose keys may be sensitive.
impl SanitizeKey for &str {
    fn text(&self) -> Option<&str> {
        Some(self)
    }
}

macro_rules! opaque_keys {
    ($($t:ty)*) => {$(
        /// Never masked; names nothing.
        impl SanitizeKey for $t {}
    )*};
}

opaque_keys!(u8 u16 u32 u64 u128 usize i8 i16 i32 i64 i128 isize bool char);

/// Masks a map's entries in the order of their keys' text (the order of a JSON object's):
/// their keys when any holds something sensitive, then each value under its key's name.
fn mask_entries<K: SanitizeKey, V>(
    entries: &mut [(K, V)],
    sanitizer: &Sanitizer,
    report: &mut Report,
) {
    entries.sort_by(|(a, _), (b, _)| a.text().cmp(&b.text()));
    let texts = entries.iter().filter_map(|(key, _)| key.text());
    let names = json::mask_key_names(sanitizer, texts, report);
    let mut names = names.into_iter();
    for (key, _) in entries.iter_mut() {
        if key.text().is_none() {
            continue;
        }
        if let Some(masked) = names.next().and_then(K::from_masked) {
            *key = masked;
        }
    }
}

/// Whether any of these keys holds something to mask.
fn keys_hold_secrets<'a, K: SanitizeKey + 'a>(
    sanitizer: &Sanitizer,
    keys: impl Iterator<Item = &'a K>,
) -> bool {
    json::keys_hold_secrets(sanitizer, keys.filter_map(SanitizeKey::text))
}

/// Masks keys and values, as a JSON object's.
impl<K, V, S> Sanitize for HashMap<K, V, S>
where
    K: SanitizeKey + Eq + Hash,
    V: Sanitize,
    S: BuildHasher,
{
    fn sanitize(&mut self, sanitizer: &Sanitizer, report: &mut Report) {
        self.sanitize_as(Sensitivity::PLAIN, sanitizer, report);
    }

    fn sanitize_as(
        &mut self,
        sensitivity: Sensitivity,
        sanitizer: &Sanitizer,
        report: &mut Report,
    ) {
        if keys_hold_secrets(sanitizer, self.keys()) {
            let mut entries: Vec<(K, V)> = self.drain().collect();
            mask_entries(&mut entries, sanitizer, report);
            self.extend(entries);
        }
        for (key, value) in self.iter_mut() {
            let sensitivity = sensitivity.nested_key(key.text(), sanitizer);
            value.sanitize_as(sensitivity, sanitizer, report);
        }
    }
}

/// Masks keys and values, as a JSON object's.
impl<K, V> Sanitize for BTreeMap<K, V>
where
    K: SanitizeKey + Ord,
    V: Sanitize,
{
    fn sanitize(&mut self, sanitizer: &Sanitizer, report: &mut Report) {
        self.sanitize_as(Sensitivity::PLAIN, sanitizer, report);
    }

    fn sanitize_as(
        &mut self,
        sensitivity: Sensitivity,
        sanitizer: &Sanitizer,
        report: &mut Report,
    ) {
        if keys_hold_secrets(sanitizer, self.keys()) {
            let mut entries: Vec<(K, V)> = std::mem::take(self).into_iter().collect();
            mask_entries(&mut entries, sanitizer, report);
            self.extend(entries);
        }
        for (key, value) in self.iter_mut() {
            let sensitivity = sensitivity.nested_key(key.text(), sanitizer);
            value.sanitize_as(sensitivity, sanitizer, report);
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    /// A map masks as the JSON object it serializes to, keys and collisions included.
    #[test]
    fn maps_mask_as_json_objects() {
        let s = Sanitizer::new();
        let entries = [
            ("b@example.com", "one"),
            ("a@example.com", "two"),
            ("[EMAIL]", "three"),
            ("api_key", "not-obviously-secret"),
            ("note", "call 555-234-5678"),
        ];
        let mut hashed: HashMap<String, String> = entries
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        let mut sorted: BTreeMap<Cow<'_, str>, String> = entries
            .iter()
            .map(|(k, v)| (Cow::Borrowed(*k), v.to_string()))
            .collect();
        let mut value = serde_json::to_value(&hashed).unwrap();
        let expected = s.sanitize_json(&mut value);

        let mut report = Report::default();
        hashed.sanitize(&s, &mut report);
        assert_eq!(serde_json::to_value(&hashed).unwrap(), value);
        assert_eq!(report, expected);

        let mut report = Report::default();
        sorted.sanitize(&s, &mut report);
        assert_eq!(serde_json::to_value(&sorted).unwrap(), value);
        assert_eq!(report, expected);
        assert_eq!(value["[EMAIL]~3"], json!("one"));
    }

    #[test]
    fn keys_that_are_not_text_name_nothing_but_inherit_secrets() {
        let s = Sanitizer::new();
        let mut report = Report::default();
        let mut map = BTreeMap::from([(7_u32, String::from("hunter2"))]);
        map.sanitize(&s, &mut report);
        assert_eq!(map[&7], "hunter2");
        map.sanitize_as(Sensitivity::SECRET, &s, &mut report);
        assert_eq!(map[&7], "[PASSWORD]");
        assert_eq!(report.total(), 1);
    }

    #[test]
    fn borrowed_keys_name_their_values() {
        let s = Sanitizer::new();
        let mut report = Report::default();
        let mut map = HashMap::from([("password", String::from("hunter2"))]);
        map.sanitize(&s, &mut report);
        assert_eq!(map["password"], "[PASSWORD]");
    }
}
