//! Masking JSON values: every string, and whatever sits under a secret's name.

use serde_json::{Map, Value};

use super::Sanitizer;
use super::detect::{self, Candidate};
use super::keys::{self, KeyClass};
use super::kind::Kind;
use super::report::Report;
use super::strategy::render;

pub(crate) fn sanitize_value(sanitizer: &Sanitizer, value: &mut Value, report: &mut Report) {
    // An explicit stack rather than recursion: nesting of any depth cannot exhaust the
    // call stack.
    let mut stack: Vec<(&mut Value, KeyClass)> = vec![(value, KeyClass::Plain)];
    while let Some((value, class)) = stack.pop() {
        match value {
            Value::String(text) => {
                let masked_whole = mask_whole(sanitizer, text, class, report);
                if !masked_whole {
                    mask_text(sanitizer, text, report);
                }
            }
            Value::Number(n)
                if matches!(
                    class,
                    KeyClass::Secret | KeyClass::AwsSecret | KeyClass::Authorization
                ) =>
            {
                let mut text = n.to_string();
                if mask_whole(sanitizer, &mut text, KeyClass::Secret, report) {
                    *value = Value::String(text);
                }
            }
            Value::Array(items) => stack.extend(items.iter_mut().map(|item| (item, class))),
            Value::Object(map) => {
                // Keys first: masking one rebuilds the map.
                mask_keys(sanitizer, map, report);
                for (key, child) in map.iter_mut() {
                    let own =
                        keys::classify(&keys::normalize(key.as_bytes()), &sanitizer.sensitive_keys);
                    // Everything under a secret's name is secret (`"credentials": {"user": …}`).
                    let child_class = match (class, own) {
                        (KeyClass::Secret | KeyClass::AwsSecret | KeyClass::Authorization, _) => {
                            KeyClass::Secret
                        }
                        (_, own) => own,
                    };
                    stack.push((child, child_class));
                }
            }
            _ => {}
        }
    }
}

/// Masks a string as ordinary text.
fn mask_text(sanitizer: &Sanitizer, text: &mut String, report: &mut Report) {
    let (masked, findings) = sanitizer.mask(text);
    if !findings.is_empty() {
        report.add_findings(&findings);
        *text = masked.into_owned();
    }
}

/// Masks the whole of a value under a secret's name; `false` when the name does not make it
/// secret (or its detector is off) and it should be scanned as text instead.
fn mask_whole(
    sanitizer: &Sanitizer,
    text: &mut String,
    class: KeyClass,
    report: &mut Report,
) -> bool {
    let bytes = text.as_bytes();
    let trimmed = bytes.trim_ascii();
    if class == KeyClass::Plain || detect::is_placeholder(trimmed) {
        return class != KeyClass::Plain;
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
            KeyClass::Secret | KeyClass::AwsSecret => {
                Some(Candidate::new(Kind::Password, start, end))
            }
            KeyClass::Credential => {
                keys::looks_random(trimmed).then(|| Candidate::new(Kind::GenericSecret, start, end))
            }
        },
    };
    let Some(c) = candidate.filter(|c| sanitizer.enabled.contains(&c.kind)) else {
        return false;
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
    // Spans lie on ASCII bytes of a `String` and masks are UTF-8, so nothing is lossy here.
    *text = String::from_utf8_lossy(&out).into_owned();
    true
}

/// Masks object keys that are themselves sensitive (an email used as a key). Two keys that
/// mask alike stay apart with a `~2`, `~3`, … suffix, so no value is lost.
fn mask_keys(sanitizer: &Sanitizer, map: &mut Map<String, Value>, report: &mut Report) {
    let sensitive = map.keys().any(|k| !sanitizer.find(k.as_bytes()).is_empty());
    if !sensitive {
        return;
    }
    let old = std::mem::take(map);
    for (key, value) in old {
        let (masked, findings) = sanitizer.mask(&key);
        report.add_findings(&findings);
        let mut name = masked.into_owned();
        if map.contains_key(&name) {
            let base = name.clone();
            let mut n = 2;
            while map.contains_key(&name) {
                name = format!("{base}~{n}");
                n += 1;
            }
        }
        map.insert(name, value);
    }
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
