//! Arrays: size, uniqueness and items.

use std::collections::HashMap;
use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};

use serde_json::{Map, Value};

use crate::Problem;

use super::out::Out;
use super::path::{At, child_path};
use super::phrases::plural;
use super::schema::tuple;
use super::walker::{Descend, Walker};

impl<'s> Walker<'s> {
    /// Checks an array's size, uniqueness and items.
    pub(super) fn array(
        &self,
        node: &'s Map<String, Value>,
        items: &[Value],
        at: At<'_>,
        out: &mut Out,
    ) {
        let (prefix, rest) = tuple(node);
        let min = node.get("minItems").and_then(Value::as_u64);
        let mut max = node.get("maxItems").and_then(Value::as_u64);
        if matches!(rest, Some(Value::Bool(false))) {
            let len = u64::try_from(prefix.len()).unwrap_or(u64::MAX);
            max = Some(max.map_or(len, |m| m.min(len)));
        }
        let count = u64::try_from(items.len()).unwrap_or(u64::MAX);
        if min.is_some_and(|m| count < m) || max.is_some_and(|m| count > m) {
            out.push(|| self.wrong_count(min, max, items, at));
        }
        if node.get("uniqueItems") == Some(&Value::Bool(true))
            && let Some((first, again)) = repeated(items)
        {
            out.push(|| Problem {
                path: at.path.to_owned(),
                expected: "array of unique items".to_owned(),
                received: format!(
                    "array of {} with item {again} equal to item {first}",
                    plural(items.len(), "item")
                ),
                fix: "Remove the repeated items.".to_owned(),
            });
        }
        for (i, item) in items.iter().enumerate() {
            if self.stop(out) {
                return;
            }
            let Some(schema) = prefix.get(i).or(rest) else {
                continue;
            };
            if schema != &Value::Bool(false) {
                let path = child_path(at.path, &i.to_string());
                self.location(schema, item, at.child(&path, true), out);
            }
        }
    }
}

/// The first pair of equal items, as (first index, repeat index), in linear expected time.
fn repeated(items: &[Value]) -> Option<(usize, usize)> {
    let mut seen: HashMap<u64, Vec<usize>> = HashMap::new();
    for (i, item) in items.iter().enumerate() {
        let mut hasher = DefaultHasher::new();
        hash_value(item, &mut hasher, 0);
        let bucket = seen.entry(hasher.finish()).or_default();
        if let Some(&first) = bucket.iter().find(|&&j| items[j] == *item) {
            return Some((first, i));
        }
        bucket.push(i);
    }
    None
}

/// Hashes a value consistently with its equality, without copying it (deep parts are only
/// hashed by their kind).
fn hash_value(value: &Value, hasher: &mut impl Hasher, depth: usize) {
    std::mem::discriminant(value).hash(hasher);
    if depth > 16 {
        return;
    }
    match value {
        Value::Null => {}
        Value::Bool(b) => b.hash(hasher),
        Value::Number(n) => n.as_f64().map(f64::to_bits).hash(hasher),
        Value::String(s) => s.hash(hasher),
        Value::Array(items) => {
            for item in items {
                hash_value(item, hasher, depth + 1);
            }
        }
        Value::Object(map) => {
            // Key order may differ between equal objects: combine the entries commutatively.
            let mut sum = 0u64;
            for (k, v) in map {
                let mut entry = DefaultHasher::new();
                k.hash(&mut entry);
                hash_value(v, &mut entry, depth + 1);
                sum = sum.wrapping_add(entry.finish());
            }
            sum.hash(hasher);
        }
    }
}
