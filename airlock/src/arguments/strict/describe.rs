//! The expectation a schema sets, in a few words, for `expected`.

use serde_json::{Map, Value};

use super::limits::MAX_HOPS;
use super::numbers::{int_phrase, int_ranges, number_phrase};
use super::phrases::{
    list, list_values, literal, object_phrase, plural, string_phrase, values_phrase,
};
use super::schema::{single, tuple, types};
use super::walker::Walker;

impl<'s> Walker<'s> {
    /// The expectation a schema sets, in a few words.
    pub(super) fn describe(&self, schema: &'s Value, depth: usize) -> String {
        match schema {
            Value::Bool(false) => "no value".to_owned(),
            Value::Object(node) => self.describe_node(node, depth),
            _ => "any value".to_owned(),
        }
    }

    /// The expectation a schema node sets, following `$ref` and `allOf` as far as needed.
    pub(super) fn describe_node(&self, node: &'s Map<String, Value>, depth: usize) -> String {
        let mut node = node;
        for _ in 0..MAX_HOPS {
            if let Some(c) = node.get("const") {
                return literal(c);
            }
            if let Some(Value::Array(values)) = node.get("enum") {
                return values_phrase(values);
            }
            let phrases: Vec<String> = types(node)
                .map(|t| self.type_phrase(node, t, depth))
                .collect();
            if !phrases.is_empty() {
                return phrases.join(" or ");
            }
            let next = match node.get("$ref") {
                Some(Value::String(r)) => self.resolve(r),
                _ => None,
            };
            if let Some(next) = next {
                match next {
                    Value::Object(inner) => node = inner,
                    other => return self.describe(other, depth),
                }
                continue;
            }
            for keyword in ["anyOf", "oneOf"] {
                if let Some(Value::Array(branches)) = node.get(keyword)
                    && !branches.is_empty()
                {
                    return if depth >= 2 {
                        "one of several values".to_owned()
                    } else {
                        self.summary(branches, depth).0
                    };
                }
            }
            match node
                .get("allOf")
                .and_then(Value::as_array)
                .and_then(|a| a.first())
            {
                Some(Value::Object(inner)) => node = inner,
                _ if node.contains_key("properties") => return "object".to_owned(),
                _ => return "any value".to_owned(),
            }
        }
        "any value".to_owned()
    }

    /// The expectation for one `type` of a node.
    fn type_phrase(&self, node: &'s Map<String, Value>, t: &str, depth: usize) -> String {
        match t {
            "integer" => int_phrase(int_ranges(node).0, node.get("multipleOf")),
            "number" => number_phrase(node),
            "string" => string_phrase(node),
            "array" => self.array_phrase(node, depth),
            "object" => object_phrase(node),
            other => other.to_owned(),
        }
    }

    /// `array of integer`, `array of 2 items (integer, boolean)`.
    fn array_phrase(&self, node: &'s Map<String, Value>, depth: usize) -> String {
        if depth >= 2 {
            return "array".to_owned();
        }
        let (prefix, rest) = tuple(node);
        if !prefix.is_empty() {
            let parts = list(prefix.iter().map(|s| self.describe(s, depth + 1)));
            return format!("array of {} ({parts})", plural(prefix.len(), "item"));
        }
        match rest.map(|s| self.describe(s, depth + 1)) {
            Some(item) if item != "any value" => format!("array of {item}"),
            _ => "array".to_owned(),
        }
    }

    /// The alternatives of an `anyOf`/`oneOf`, and whether they are all plain values (so the
    /// fix says "Use").
    pub(super) fn summary(&self, branches: &'s [Value], depth: usize) -> (String, bool) {
        let mut values: Vec<&'s Value> = Vec::new();
        let mut plain = true;
        for branch in branches {
            match self.literals(branch) {
                Some(vs) => values.extend(vs),
                None => {
                    plain = false;
                    break;
                }
            }
        }
        if plain && !values.is_empty() {
            return (list_values(&values), true);
        }
        let phrases = list(branches.iter().map(|b| self.describe(b, depth + 1)));
        (format!("one of: {phrases}"), false)
    }

    /// The values a branch allows, if it is a plain list of them (`enum`, `const`, `null`).
    fn literals(&self, branch: &'s Value) -> Option<Vec<&'s Value>> {
        let node = *self.facets(branch).last()?;
        if let Some(c) = node.get("const") {
            return Some(vec![c]);
        }
        if let Some(Value::Array(values)) = node.get("enum") {
            return Some(values.iter().collect());
        }
        let mut types = types(node);
        match (types.next(), types.next()) {
            (Some("null"), None) => Some(vec![&Value::Null]),
            _ => None,
        }
    }

    /// The field every branch tags with a different value (`"kind"`), and those values.
    pub(super) fn common_tag(&self, branches: &'s [Value]) -> Option<(&'s str, Vec<Value>)> {
        let mut name: Option<&'s str> = None;
        let mut values = Vec::new();
        for branch in branches {
            let node = *self.facets(branch).first()?;
            let Some(Value::Object(props)) = node.get("properties") else {
                return None;
            };
            let (field, value) = props
                .iter()
                .find_map(|(k, s)| single(s).map(|v| (k.as_str(), v)))?;
            if name.is_some_and(|n| n != field) {
                return None;
            }
            name = Some(field);
            values.push(value.clone());
        }
        name.map(|n| (n, values))
    }
}
