//! Masking JSON values: every string, and whatever sits under a secret's name.
//!
//! Typed outputs follow the same rules ([`Sanitize`](super::Sanitize)): a string, a number
//! or a map under a name is masked exactly as a JSON value under that key.

use std::collections::{HashMap, HashSet};

use serde_json::{Map, Value};

use super::Sanitizer;
use super::detect::{self, Candidate, pair, pem};
use super::keys::{self, KeyClass};
use super::kind::Kind;
use super::mask;
use super::report::Report;
use super::strategy::render;

/// Masks `value`, which sits under a name of class `class` (`Plain` at the top).
pub(crate) fn sanitize_value(
    sanitizer: &Sanitizer,
    value: &mut Value,
    class: KeyClass,
    report: &mut Report,
) {
    // An explicit stack rather than recursion: nesting of any depth cannot exhaust the
    // call stack. (The value itself is not on it: a lone string allocates nothing.)
    let mut stack: Vec<(&mut Value, KeyClass)> = Vec::new();
    let mut next = Some((value, class));
    while let Some((value, class)) = next.take().or_else(|| stack.pop()) {
        match value {
            Value::String(text) => {
                if let Some(masked) = mask_str(sanitizer, text, class, report) {
                    *text = masked;
                }
            }
            Value::Number(n) if masks_numbers(class) => {
                if let Some(masked) = mask_number(sanitizer, &n.to_string(), report) {
                    *value = Value::String(masked);
                }
            }
            Value::Array(items) => stack.extend(items.iter_mut().map(|item| (item, class))),
            Value::Object(map) => {
                // Keys first: masking one rebuilds the map.
                mask_keys(sanitizer, map, report);
                let extra = &sanitizer.sensitive_keys;
                let pair = pair_class(map, extra);
                for (key, child) in map.iter_mut() {
                    let mut child_class = keys::nested(class, Some(key.as_bytes()), extra);
                    if child_class == KeyClass::Plain && pair::names_a_value(key.as_bytes()) {
                        child_class = pair;
                    }
                    stack.push((child, child_class));
                }
            }
            _ => {}
        }
    }
}

/// The class the name of a name/value pair gives its value, when `map` is one
/// (`{"name": "DB_PASSWORD", "value": "…"}`, `{"Name": "/prod/db/password", "Value": "…"}`,
/// `{"ParameterKey": "DBPassword", "ParameterValue": "…"}`, in any order): that of the name,
/// or a secret's under an SSM `"Type": "SecureString"`. `Plain` for any other map.
fn pair_class(map: &Map<String, Value>, extra: &[Vec<u8>]) -> KeyClass {
    let mut class = KeyClass::Plain;
    let mut secure = false;
    let mut has_value = false;
    for (key, value) in map {
        // Every field name below is short: longer keys need no normalizing.
        if key.len() > 16 {
            continue;
        }
        let field = keys::normalize(key.as_bytes());
        match value {
            Value::String(name)
                if class == KeyClass::Plain && pair::NAME_FIELDS.contains(&field.as_slice()) =>
            {
                class = keys::classify_raw(name.as_bytes(), extra);
            }
            Value::String(kind) if field == b"type" => {
                secure |= kind.eq_ignore_ascii_case("SecureString");
            }
            _ => has_value |= pair::names_a_value(key.as_bytes()),
        }
    }
    match (has_value, secure, class) {
        (false, ..) => KeyClass::Plain,
        (true, true, KeyClass::Plain) => KeyClass::Secret,
        (true, _, class) => class,
    }
}

/// The masked form of a string under a name of class `class`, or `None` if nothing in it
/// is masked: the whole of it under a secret's name, what the detectors find otherwise.
pub(crate) fn mask_str(
    sanitizer: &Sanitizer,
    text: &str,
    class: KeyClass,
    report: &mut Report,
) -> Option<String> {
    match mask_whole(sanitizer, text, class, report) {
        Whole::Masked(masked) => Some(masked),
        Whole::Kept => None,
        Whole::Scan => mask::counted(sanitizer, text, report),
    }
}

/// Whether a number under a name of class `class` is masked: under a secret's, an AWS
/// secret's or an authorization's name, not under a merely credential-like one.
pub(crate) fn masks_numbers(class: KeyClass) -> bool {
    matches!(
        class,
        KeyClass::Secret | KeyClass::AwsSecret | KeyClass::Authorization
    )
}

/// The mask of a number, given as its JSON text, under a secret's name; `None` when the
/// detector of its kind is off.
pub(crate) fn mask_number(
    sanitizer: &Sanitizer,
    text: &str,
    report: &mut Report,
) -> Option<String> {
    match mask_whole(sanitizer, text, KeyClass::Secret, report) {
        Whole::Masked(masked) => Some(masked),
        // A number's text is never a placeholder, so never `Kept`.
        Whole::Kept | Whole::Scan => None,
    }
}

/// What a name makes of the string under it.
enum Whole {
    /// The whole value is a secret: its mask.
    Masked(String),
    /// Under a secret's name but already a mask or a placeholder: left as it is.
    Kept,
    /// The name does not make it secret (or its detector is off): scan it as text.
    Scan,
}

/// Masks the whole of a value under a secret's name.
fn mask_whole(sanitizer: &Sanitizer, text: &str, class: KeyClass, report: &mut Report) -> Whole {
    let bytes = text.as_bytes();
    let trimmed = bytes.trim_ascii();
    if class == KeyClass::Plain {
        return Whole::Scan;
    }
    // A value holds whatever it holds: `<…>` is not a template here. A mask this sanitizer
    // wrote, a PEM block's partial mask included, is left as it is.
    let angled = trimmed.starts_with(b"<") && trimmed.ends_with(b">");
    if (detect::is_placeholder(trimmed) && !angled) || pem::is_masked(trimmed) {
        return Whole::Kept;
    }
    if class == KeyClass::Weak && keys::is_setting(trimmed) {
        return Whole::Scan;
    }
    // A value that is exactly one known format keeps that kind (`"token": "ghp_…"`).
    let start = bytes.len() - bytes.trim_ascii_start().len();
    let end = start + trimmed.len();
    let found = sanitizer.find(bytes);
    let candidate = match found.as_slice() {
        [only] if only.start == start && only.end == end => {
            Some(Candidate::new(only.kind.clone(), start, end).with_prefix(only.prefix))
        }
        _ => match class {
            KeyClass::Plain => None,
            KeyClass::Authorization => {
                detect::assign::authorization(bytes, start, end, &sanitizer.enabled)
            }
            KeyClass::AwsSecret if trimmed.len() == 40 => {
                Some(Candidate::new(Kind::AwsSecretAccessKey, start, end))
            }
            KeyClass::Secret | KeyClass::AwsSecret | KeyClass::Weak => {
                Some(Candidate::new(Kind::Password, start, end))
            }
            KeyClass::Credential => {
                keys::looks_random(trimmed).then(|| Candidate::new(Kind::GenericSecret, start, end))
            }
        },
    };
    let Some(c) = candidate.filter(|c| sanitizer.enabled.contains(&c.kind)) else {
        return Whole::Scan;
    };
    let mut out = Vec::with_capacity(bytes.len());
    out.extend_from_slice(&bytes[..c.start]);
    let strategy = sanitizer.strategy_for(&c.kind);
    render(
        strategy,
        &c.kind,
        &bytes[c.start..c.end],
        c.prefix,
        &sanitizer.hash_key,
        &mut out,
    );
    out.extend_from_slice(&bytes[c.end..]);
    report.add(&c.kind);
    // Spans lie on ASCII bytes of a `str` and masks are UTF-8, so nothing is lossy here.
    Whole::Masked(String::from_utf8_lossy(&out).into_owned())
}

/// Masks object keys that are themselves sensitive (an email used as a key). Two keys that
/// mask alike stay apart with a `~2`, `~3`, … suffix, so no value is lost.
fn mask_keys(sanitizer: &Sanitizer, map: &mut Map<String, Value>, report: &mut Report) {
    let names = map.keys().map(String::as_str);
    if !keys_hold_secrets(sanitizer, names.clone()) {
        return;
    }
    let masked = mask_key_names(sanitizer, names, report);
    let old = std::mem::take(map);
    for ((_, value), name) in old.into_iter().zip(masked) {
        map.insert(name, value);
    }
}

/// Whether any of a map's keys holds something to mask.
pub(crate) fn keys_hold_secrets<'a>(
    sanitizer: &Sanitizer,
    mut keys: impl Iterator<Item = &'a str>,
) -> bool {
    keys.any(|k| !sanitizer.find(k.as_bytes()).is_empty())
}

/// The masked names of a map's keys, given in the map's order (sorted, as a JSON object's):
/// two that mask alike are kept apart with a `~2`, `~3`, … suffix on the later one.
pub(crate) fn mask_key_names<'a>(
    sanitizer: &Sanitizer,
    keys: impl Iterator<Item = &'a str>,
    report: &mut Report,
) -> Vec<String> {
    let mut taken = HashSet::new();
    // For each name taken more than once, the suffix to try first next time: the ones
    // below it are taken (names are only ever added), so a directory of ten thousand
    // addresses, all `[EMAIL]`, takes linear time rather than trying `~2`, `~3`, … again
    // for each.
    let mut next_suffix: HashMap<String, usize> = HashMap::new();
    let mut names = Vec::new();
    for key in keys {
        let (masked, findings) = sanitizer.mask(key);
        report.add_findings(&findings);
        let mut name = masked.into_owned();
        if taken.contains(&name) {
            let base = name;
            let n = next_suffix.entry(base.clone()).or_insert(2);
            loop {
                name = format!("{base}~{n}");
                *n += 1;
                if !taken.contains(&name) {
                    break;
                }
            }
        }
        taken.insert(name.clone());
        names.push(name);
    }
    names
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn masks_strings_and_secret_names() {
        let s = Sanitizer::new();
        let mut v = json!({
            "user": {"email": "ann@example.org", "password": "hunter2", "pin_code": 1234},
            "headers": {"Authorization": "Bearer abc123def456", "X-Api-Key": 987654321},
            "credentials": {"username": "svc", "nested": ["a", 5]},
            "token": "ghp_0123456789abcdefghijklmnopqrstuvwxyz",
            "notes": ["call 555-234-5678", null, true, 4.5],
            "ann@example.org": "key is an address",
            "webhook_key": "q7Xv2LmP9sKd4TzR8wYb",
            "primary_key": "user_id",
            "next_page_token": "abc",
            "secret": null,
            "password_hint": "masked already: [REDACTED]",
        });
        let report = s.sanitize_json(&mut v);
        assert_eq!(
            v,
            json!({
                "user": {"email": "[EMAIL]", "password": "[PASSWORD]", "pin_code": 1234},
                "headers": {"Authorization": "Bearer [BEARER_TOKEN]", "X-Api-Key": "[PASSWORD]"},
                "credentials": {"username": "[PASSWORD]", "nested": ["[PASSWORD]", "[PASSWORD]"]},
                "token": "[GITHUB_TOKEN]",
                "notes": ["call [PHONE]", null, true, 4.5],
                "[EMAIL]": "key is an address",
                "webhook_key": "[GENERIC_SECRET]",
                "primary_key": "user_id",
                "next_page_token": "abc",
                "secret": null,
                "password_hint": "masked already: [REDACTED]",
            })
        );
        assert_eq!(report.count(&Kind::Password), 5);
        assert_eq!(report.count(&Kind::Email), 2);
        assert_eq!(report.total(), 11);
    }

    #[test]
    fn colliding_keys_are_kept_apart() {
        let s = Sanitizer::new();
        let mut v = json!({"a@example.com": 1, "b@example.com": 2});
        s.sanitize_json(&mut v);
        assert_eq!(v, json!({"[EMAIL]": 1, "[EMAIL]~2": 2}));
    }

    #[test]
    fn many_colliding_keys_each_take_the_first_free_suffix() {
        // A key that already holds a suffix keeps it; the addresses go around it.
        let s = Sanitizer::new();
        let mut v = json!({
            "[EMAIL]~3": 0, "a@example.com": 1, "b@example.com": 2,
            "c@example.com": 3, "d@example.com": 4,
        });
        s.sanitize_json(&mut v);
        assert_eq!(
            v,
            json!({
                "[EMAIL]~3": 0, "[EMAIL]": 1, "[EMAIL]~2": 2,
                "[EMAIL]~4": 3, "[EMAIL]~5": 4,
            })
        );
    }

    #[test]
    fn deep_nesting_does_not_recurse() {
        // Built and dropped on a thread with room for serde_json's own recursive drop.
        let handle = std::thread::Builder::new()
            .stack_size(256 << 20)
            .spawn(|| {
                let mut v = json!("ann@example.org");
                for i in 0..20_000 {
                    // Built by hand: `json!` would serialize `v` again at every level.
                    v = if i % 2 == 0 {
                        Value::Array(vec![v])
                    } else {
                        Value::Object(Map::from_iter([("k".to_owned(), v)]))
                    };
                }
                let report = Sanitizer::new().sanitize_json(&mut v);
                report.count(&Kind::Email)
            })
            .unwrap();
        assert_eq!(handle.join().unwrap(), 1);
    }

    #[test]
    fn name_value_pairs_name_their_values() {
        let s = Sanitizer::new();
        let mut v = json!({
            "containerDefinitions": [{"environment": [
                {"name": "DB_PASSWORD", "value": "hunter2"},
                {"name": "LOG_LEVEL", "value": "debug"},
                {"value": "s3cr3t", "name": "API_KEY_2"},
            ]}],
            "Parameters": [
                {"Name": "/prod/db/password", "Type": "String", "Value": "hunter3", "Version": 1},
                {"Name": "/prod/app/config", "Type": "SecureString", "Value": "anything"},
                {"Name": "/prod/app/region", "Type": "String", "Value": "eu-west-1"},
                {"ParameterKey": "DBPassword", "ParameterValue": "hunter4"},
            ],
            "variables": [{"key": "pass", "value": "12"}, {"key": "pass", "value": "hunter5"}],
        });
        let report = s.sanitize_json(&mut v);
        assert_eq!(
            v,
            json!({
                "containerDefinitions": [{"environment": [
                    {"name": "DB_PASSWORD", "value": "[PASSWORD]"},
                    {"name": "LOG_LEVEL", "value": "debug"},
                    {"value": "[PASSWORD]", "name": "API_KEY_2"},
                ]}],
                "Parameters": [
                    {"Name": "/prod/db/password", "Type": "String", "Value": "[PASSWORD]", "Version": 1},
                    {"Name": "/prod/app/config", "Type": "SecureString", "Value": "[PASSWORD]"},
                    {"Name": "/prod/app/region", "Type": "String", "Value": "eu-west-1"},
                    {"ParameterKey": "DBPassword", "ParameterValue": "[PASSWORD]"},
                ],
                "variables": [{"key": "pass", "value": "12"}, {"key": "pass", "value": "[PASSWORD]"}],
            })
        );
        assert_eq!(report.count(&Kind::Password), 6);
    }

    #[test]
    fn a_value_under_a_secrets_name_is_masked_whatever_it_holds() {
        let s = Sanitizer::new();
        let mut v = json!({
            "password": "<abc>",
            "DB_PASSWORD_PROD": "x",
            "SecretString": "{\"user\":\"a\"}",
            "pass": 12,
            "pwd": "/home/ann",
            "Pwd": "hunter2",
            "password_min_length": 12,
            "template": "${DB_PASSWORD}",
            "secret": "${DB_PASSWORD}",
        });
        s.sanitize_json(&mut v);
        assert_eq!(
            v,
            json!({
                "password": "[PASSWORD]",
                "DB_PASSWORD_PROD": "[PASSWORD]",
                "SecretString": "[PASSWORD]",
                "pass": 12,
                "pwd": "/home/ann",
                "Pwd": "[PASSWORD]",
                "password_min_length": 12,
                "template": "${DB_PASSWORD}",
                "secret": "${DB_PASSWORD}",
            })
        );
    }

    #[test]
    fn a_pem_blocks_partial_mask_stays() {
        let s = Sanitizer::builder()
            .strategy(crate::sanitize::Strategy::Partial)
            .build()
            .unwrap();
        let block =
            "-----BEGIN RSA PRIVATE KEY-----\nMIIEvQIBADANBg\n-----END RSA PRIVATE KEY-----";
        let mut v = json!({"private_key": block});
        s.sanitize_json(&mut v);
        let once = v.clone();
        assert_eq!(
            once,
            json!({"private_key": "-----BEGIN RSA PRIVATE KEY-----\n****\n-----END RSA PRIVATE KEY-----"})
        );
        let report = s.sanitize_json(&mut v);
        assert_eq!(v, once);
        assert!(report.is_empty());
    }

    #[test]
    fn idempotent() {
        let s = Sanitizer::new();
        let mut v = json!({"password": "x", "k": "ann@example.org", "token": 5});
        s.sanitize_json(&mut v);
        let once = v.clone();
        let report = s.sanitize_json(&mut v);
        assert_eq!(v, once);
        assert!(report.is_empty());
    }
}
