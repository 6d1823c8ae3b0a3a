//! The problems reported: each names a JSON pointer, the expectation, what came and a fix.

use serde_json::{Map, Number, Value};

use crate::Problem;

use super::cover::Cover;
use super::limits::{MAX_LEVEL, MAX_PROBLEMS, SHOWN_CHARS};
use super::numbers::{fits_number, int_phrase, int_ranges, integer, number_phrase};
use super::path::{At, child_path};
use super::phrases::{list, literal, noun, plural, string_phrase, values_phrase};
use super::schema::types;
use super::walker::Walker;

impl<'s> Walker<'s> {
    /// A value whose JSON type the schema does not allow.
    pub(super) fn wrong_type(
        &self,
        node: &'s Map<String, Value>,
        value: &Value,
        at: At<'_>,
    ) -> Problem {
        let expected = self.describe_node(node, 0);
        let fix = self.type_fix(node, value, &expected, at);
        Problem {
            path: at.path.to_owned(),
            expected,
            received: self.render(value),
            fix,
        }
    }

    /// The sentence that fixes a value of the wrong type.
    fn type_fix(
        &self,
        node: &'s Map<String, Value>,
        value: &Value,
        expected: &str,
        at: At<'_>,
    ) -> String {
        let allows = |t: &str| types(node).any(|x| x == t);
        let listed = node.contains_key("enum") || node.contains_key("const");
        let leave = if at.required {
            ""
        } else {
            " or leave the field out"
        };
        match value {
            Value::Null if listed => format!("Use {expected}{leave}."),
            Value::Null => {
                let base = types(node).next().unwrap_or("value");
                format!(
                    "Send {}{leave}; null is not {}.",
                    noun(expected),
                    noun(base)
                )
            }
            _ if listed => format!("Use {expected}."),
            Value::String(s) => self.string_fix(node, s, expected),
            Value::Number(n) if allows("integer") && integer(n).is_none() => {
                let rest = expected.strip_prefix("integer").unwrap_or("");
                format!("Send a whole number{rest}.")
            }
            Value::Number(_) | Value::Bool(_) if allows("string") => {
                "Send a string: put the value in double quotes.".to_owned()
            }
            _ => format!("Send {}.", noun(expected)),
        }
    }

    /// The sentence that fixes a string sent where another type was expected: a number or
    /// boolean in quotes, or JSON text instead of the array or object it holds.
    fn string_fix(&self, node: &'s Map<String, Value>, s: &str, expected: &str) -> String {
        let allows = |t: &str| types(node).any(|x| x == t);
        let numeric = allows("integer") || allows("number");
        if numeric
            && s.len() <= 40
            && s.trim() == s
            && let Ok(n) = serde_json::from_str::<Number>(s)
            && (allows("number") || integer(&n).is_some())
            && fits_number(node, &n)
        {
            let shown = self.sanitizer.sanitize(s).text;
            return if shown == s && s.chars().count() <= SHOWN_CHARS {
                format!("Send {shown} as a number, without quotes.")
            } else {
                "Send the value as a number, without quotes.".to_owned()
            };
        }
        if allows("boolean") && (s == "true" || s == "false") {
            return format!("Send {s} as a boolean, without quotes.");
        }
        let text = s.trim();
        if allows("array") && text.starts_with('[') && text.ends_with(']') {
            return "Send the array itself, not a string holding it.".to_owned();
        }
        if allows("object") && text.starts_with('{') && text.ends_with('}') {
            return "Send the object itself, not a string holding it.".to_owned();
        }
        format!("Send {}.", noun(expected))
    }

    /// A value not among `enum` or not equal to `const`.
    pub(super) fn unlisted(
        &self,
        node: &'s Map<String, Value>,
        value: &Value,
        at: At<'_>,
    ) -> Problem {
        let expected = self.describe_node(node, 0);
        let same_but_case = match (value, node.get("enum")) {
            (Value::String(s), Some(Value::Array(values))) => values
                .iter()
                .find(|v| v.as_str().is_some_and(|v| v.eq_ignore_ascii_case(s))),
            _ => None,
        };
        let fix = match same_but_case {
            Some(v) => format!("Use {}; the values are case-sensitive.", literal(v)),
            None => format!("Use {expected}."),
        };
        Problem {
            path: at.path.to_owned(),
            expected,
            received: self.render(value),
            fix,
        }
    }

    /// A number outside its format range or bounds, or not a required multiple.
    pub(super) fn out_of_range(
        &self,
        node: &'s Map<String, Value>,
        n: &Number,
        value: &Value,
        at: At<'_>,
    ) -> Problem {
        let integral = integer(n).is_some() && types(node).any(|t| t == "integer");
        let expected = if integral {
            let (shown, all) = int_ranges(node);
            // Show the 64-bit limits only to a value beyond them.
            let v = integer(n);
            let range = if shown.contains(v) && !all.contains(v) {
                all
            } else {
                shown
            };
            int_phrase(range, node.get("multipleOf"))
        } else {
            number_phrase(node)
        };
        Problem {
            path: at.path.to_owned(),
            fix: format!("Send {}.", noun(&expected)),
            expected,
            received: self.render(value),
        }
    }

    /// A string of the wrong length or not matching its pattern.
    pub(super) fn bad_string(
        &self,
        node: &'s Map<String, Value>,
        s: &str,
        value: &Value,
        at: At<'_>,
    ) -> Problem {
        let expected = string_phrase(node);
        let mut received = self.render(value);
        if node.contains_key("minLength") || node.contains_key("maxLength") {
            received.push_str(&format!(" ({})", plural(s.chars().count(), "character")));
        }
        Problem {
            path: at.path.to_owned(),
            fix: format!("Send {}.", noun(&expected)),
            expected,
            received,
        }
    }

    /// An array with too few or too many items.
    pub(super) fn wrong_count(
        &self,
        min: Option<u64>,
        max: Option<u64>,
        items: &[Value],
        at: At<'_>,
    ) -> Problem {
        let span = match (min, max) {
            (Some(a), Some(b)) if a == b => format!("exactly {}", plural(a, "item")),
            (Some(a), Some(b)) => format!("{a} to {}", plural(b, "item")),
            (Some(a), None) => format!("at least {}", plural(a, "item")),
            (None, Some(b)) => format!("at most {}", plural(b, "item")),
            (None, None) => "any number of items".to_owned(),
        };
        Problem {
            path: at.path.to_owned(),
            expected: format!("array of {span}"),
            received: format!("array of {}", plural(items.len(), "item")),
            fix: format!("Send {span}."),
        }
    }

    /// A required field that is not there, reported at its own path.
    pub(super) fn absent(&self, name: &str, schema: Option<&'s Value>, at: At<'_>) -> Problem {
        let expected = schema.map_or_else(|| "a value".to_owned(), |s| self.describe(s, 0));
        Problem {
            path: child_path(at.path, name),
            fix: format!("Add \"{name}\" ({expected})."),
            expected,
            received: "missing".to_owned(),
        }
    }

    /// A field no schema declares, in reject mode.
    pub(super) fn ghost(
        &self,
        key: &str,
        value: &Value,
        path: &str,
        cover: &Cover<'s>,
        at: At<'_>,
    ) -> Problem {
        let (what, owner) = if at.level == 0 {
            ("argument", "this tool")
        } else {
            ("field", "this object")
        };
        let mut names: Vec<&str> = Vec::new();
        for name in &cover.names {
            if !names.contains(name) {
                names.push(name);
            }
        }
        let known = list(names.iter().map(|n| (*n).to_owned()));
        let shown = self.shown(key);
        let (expected, fix) = if names.is_empty() {
            (
                format!("no {what} of that name ({owner} takes none)"),
                format!("Remove `{shown}`; {owner} takes no {what}s."),
            )
        } else {
            (
                format!("no {what} of that name (known: {known})"),
                format!("Remove `{shown}`; {owner} takes {known}."),
            )
        };
        Problem {
            path: path.to_owned(),
            expected,
            received: self.render(value),
            fix,
        }
    }

    /// A value where the schema is `false`.
    pub(super) fn forbidden(&self, value: &Value, at: At<'_>) -> Problem {
        Problem {
            path: at.path.to_owned(),
            expected: "no value".to_owned(),
            received: self.render(value),
            fix: "Leave this value out.".to_owned(),
        }
    }

    /// A value that fits no branch of an `anyOf`/`oneOf`, and no branch stands out.
    pub(super) fn no_branch(&self, branches: &'s [Value], value: &Value, at: At<'_>) -> Problem {
        let (expected, literals) = self.summary(branches, 0);
        let tag = self.common_tag(branches);
        let fix = match (value, tag) {
            (Value::Object(_), Some((name, values))) => {
                format!("Set \"{name}\" to {}.", values_phrase(&values))
            }
            _ if literals => format!("Use {expected}."),
            _ => format!("Send {expected}."),
        };
        Problem {
            path: at.path.to_owned(),
            expected,
            received: self.render(value),
            fix,
        }
    }

    /// A value that fits more than one branch of a `oneOf`.
    pub(super) fn ambiguous(&self, branches: &'s [Value], value: &Value, at: At<'_>) -> Problem {
        let (choices, _) = self.summary(branches, 0);
        let choices = choices
            .strip_prefix("one of: ")
            .or_else(|| choices.strip_prefix("one of "))
            .unwrap_or(&choices)
            .to_owned();
        Problem {
            path: at.path.to_owned(),
            expected: format!("exactly one of: {choices}"),
            received: format!("{}, which fits several", self.render(value)),
            fix: "Send a value that fits only one of them.".to_owned(),
        }
    }
}

/// The problem at a place nested too deeply (or where the schema loops).
pub(super) fn too_deep(path: &str) -> Problem {
    Problem {
        path: path.to_owned(),
        expected: format!("at most {MAX_LEVEL} levels of nesting"),
        received: "nesting too deep".to_owned(),
        fix: "Send a less deeply nested value.".to_owned(),
    }
}

/// The last problem when more than [`MAX_PROBLEMS`] were found.
pub(super) fn overflow(more: usize) -> Problem {
    Problem {
        path: String::new(),
        expected: format!("at most {MAX_PROBLEMS} problems reported"),
        received: if more == 1 {
            "1 more problem".to_owned()
        } else {
            format!("{more} more problems")
        },
        fix: "Fix the problems above first.".to_owned(),
    }
}

/// The only problem when checking ran out of fuel.
pub(super) fn too_complex() -> Problem {
    Problem {
        path: String::new(),
        expected: "arguments simple enough to check".to_owned(),
        received: "a value too complex to check against this schema".to_owned(),
        fix: "Send a smaller or simpler value.".to_owned(),
    }
}
