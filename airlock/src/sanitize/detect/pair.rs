//! Name/value pairs: a value whose own name says nothing (`value`, `Value`,
//! `ParameterValue`) in a structure whose other field names it, as AWS SSM, ECS task
//! definitions, Kubernetes `env` lists, GitLab variables and .NET `appSettings` print them:
//! `{"name": "DB_PASSWORD", "value": "…"}`,
//! `{"Name": "/prod/db/password", "Type": "SecureString", "Value": "…"}`,
//! `- name: DB_PASSWORD⏎  value: …`, `<add key="DbPassword" value="…"/>`.
//!
//! The name is looked for before the value, in the same structure: back to an opening or
//! closing bracket or brace, or to the start of the YAML list item, at most [`REACH`] bytes.
//! (A name after its value is not looked for: that would be a second read forward. Every
//! printer above puts the name first, and `sanitize_json` sees both in any order.)

use super::assign::is_key;
use super::{run, run_back};
use crate::sanitize::bytes::{before, byte};
use crate::sanitize::keys::{self, KeyClass, MAX_KEY};

/// The fields that hold a pair's value, normalized.
const VALUE_FIELDS: &[&[u8]] = &[b"value", b"parametervalue", b"optionvalue"];

/// The fields that name a pair, normalized.
pub(crate) const NAME_FIELDS: &[&[u8]] = &[
    b"name",
    b"key",
    b"parameterkey",
    b"parametername",
    b"optionname",
];

/// How far back from a value's field its pair's name is looked for. With a name and the
/// spaces around it, under [`READS_BEFORE`](super::READS_BEFORE).
const REACH: usize = 256;

/// Whether a raw field name (`value`, `Value`, `ParameterValue`) holds a pair's value.
pub(crate) fn names_a_value(raw: &[u8]) -> bool {
    if raw.len() < 5 || !raw[raw.len() - 3..].eq_ignore_ascii_case(b"lue") {
        return false;
    }
    let mut buf = [0u8; MAX_KEY];
    let n = keys::normalize_into(raw, &mut buf);
    VALUE_FIELDS.contains(&&buf[..n])
}

/// The class the pair's name gives the value whose field's name starts at `field`: that of
/// the name, or a secret's under an SSM `Type: SecureString`.
pub(super) fn class_before(hay: &[u8], field: usize, extra: &[Vec<u8>]) -> KeyClass {
    let floor = field.saturating_sub(REACH);
    let mut class = None;
    let mut secure = false;
    let mut i = field;
    // Where the field after the one being read starts: a field's value is not read past it,
    // so the walk reads each byte at most twice.
    let mut upto = field;
    while i > floor {
        i -= 1;
        match hay[i] {
            b'{' | b'}' | b'[' | b']' => break,
            // The line after it starts this YAML list item: the structure starts there.
            b'\n' if list_item(hay, i + 1) => break,
            b':' | b'=' => {
                let Some((name_start, name, value)) = field_at(hay, i, upto) else {
                    continue;
                };
                upto = name_start;
                let mut buf = [0u8; MAX_KEY];
                let n = keys::normalize_into(name, &mut buf);
                let name = &buf[..n];
                if class.is_none() && NAME_FIELDS.contains(&name) {
                    class = Some(keys::classify_raw(value, extra));
                } else if name == b"type" && value.eq_ignore_ascii_case(b"SecureString") {
                    secure = true;
                } else if VALUE_FIELDS.contains(&name) {
                    // Another pair's value: this pair starts after it. (So a run of value
                    // fields is walked back over once, not once per field.)
                    break;
                }
            }
            _ => {}
        }
    }
    match class {
        Some(KeyClass::Plain) | None if secure => KeyClass::Secret,
        Some(class) => class,
        None => KeyClass::Plain,
    }
}

/// Whether the line starting at `at` is a YAML list item (`  - name: …`).
fn list_item(hay: &[u8], at: usize) -> bool {
    let dash = run(hay, at, REACH, |b| b == b' ' || b == b'\t');
    hay.get(dash..dash + 2)
        .is_some_and(|w| w[0] == b'-' && (w[1] == b' ' || w[1] == b'\t'))
}

/// The field whose operator is at `op`: where its name starts, its raw name, and its value
/// (a quoted one, or a word), read no further than `upto`.
fn field_at(hay: &[u8], op: usize, upto: usize) -> Option<(usize, &[u8], &[u8])> {
    let mut end = run_back(hay, op, 16, |b| b == b' ' || b == b'\t');
    if matches!(before(hay, end), b'"' | b'\'') {
        end -= 1;
        if before(hay, end) == b'\\' {
            end -= 1;
        }
    }
    let start = run_back(hay, end, MAX_KEY + 1, is_key);
    if start == end || end - start > MAX_KEY {
        return None;
    }
    let hay = &hay[..upto.max(op + 1)];
    let mut value_start = run(hay, op + 1, 16, |b| b == b' ' || b == b'\t');
    if byte(hay, value_start) == b'\\' {
        value_start += 1;
    }
    let quote = byte(hay, value_start);
    let quoted = quote == b'"' || quote == b'\'';
    let value_start = value_start + usize::from(quoted);
    let value_end = run(hay, value_start, REACH, |b| {
        if quoted {
            b != quote && b != b'\\' && b != b'\n'
        } else {
            b.is_ascii_graphic() && !b",;&\"'<>)}]\\`".contains(&b)
        }
    });
    let value = hay[value_start..value_end].trim_ascii();
    (!value.is_empty()).then_some((start, &hay[start..end], value))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn class_of_value(text: &str) -> KeyClass {
        let at = text.rfind("alue").map_or(0, |i| i - 1);
        // The field's name starts at the `v` or `V`, or at `ParameterValue`'s `P`.
        let at = text[..at + 1]
            .rfind(|c: char| !c.is_ascii_alphanumeric())
            .map_or(0, |i| i + 1);
        class_before(text.as_bytes(), at, &[])
    }

    #[test]
    fn the_name_of_a_pair_names_its_value() {
        for text in [
            r#"{"name": "DB_PASSWORD", "value""#,
            r#"{"Name": "/prod/db/password", "Type": "String", "Value""#,
            r#"{"Name": "/prod/app/config", "Type": "SecureString", "Value""#,
            r#"{"ParameterKey": "DBPassword", "ParameterValue""#,
            r#"{"key":"API_KEY_2","variable_type":"env_var","value""#,
            "env:\n- name: DB_PASSWORD\n  value",
            "  - name: A\n    value: a\n  - name: DB_PASSWORD\n    value",
            r#"<add key="DbPassword" value"#,
        ] {
            assert_eq!(class_of_value(text), KeyClass::Secret, "{text}");
        }
    }

    #[test]
    fn a_name_in_another_structure_does_not() {
        for text in [
            r#"{"name": "DB_PASSWORD", "valueFrom": {}}, {"value""#,
            r#"{"name": "LOG_LEVEL", "value""#,
            "- name: DB_PASSWORD\n  valueFrom: x\n- value",
            r#"{"Name": "/prod/db/password_policy", "Value""#,
            "name: DB_PASSWORD\nvalue: a\nvalue",
            "value",
        ] {
            assert_eq!(class_of_value(text), KeyClass::Plain, "{text}");
        }
    }

    #[test]
    fn value_fields() {
        for name in ["value", "Value", "ParameterValue", "option_value"] {
            assert!(names_a_value(name.as_bytes()), "{name}");
        }
        for name in ["values", "valueFrom", "name"] {
            assert!(!names_a_value(name.as_bytes()), "{name}");
        }
    }
}
