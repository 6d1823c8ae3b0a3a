//! Small readers of schema nodes: `required`, `type`, tags, sole keys and tuples.

use serde_json::{Map, Value};

/// The names `type` may use.
const TYPES: [&str; 7] = [
    "null", "boolean", "object", "array", "number", "integer", "string",
];

/// The `required` names of a node.
pub(super) fn required(node: &Map<String, Value>) -> &[Value] {
    node.get("required")
        .and_then(Value::as_array)
        .map_or(&[], Vec::as_slice)
}

/// The first required name of `node` that `map` lacks.
pub(super) fn missing<'n>(
    node: &'n Map<String, Value>,
    map: &Map<String, Value>,
) -> Option<&'n str> {
    required(node)
        .iter()
        .filter_map(Value::as_str)
        .find(|name| !map.contains_key(*name))
}

/// The valid names in a node's `type` (one name or a list).
pub(super) fn types(node: &Map<String, Value>) -> impl Iterator<Item = &str> {
    let list: &[Value] = match node.get("type") {
        Some(one @ Value::String(_)) => std::slice::from_ref(one),
        Some(Value::Array(many)) => many,
        _ => &[],
    };
    list.iter()
        .filter_map(Value::as_str)
        .filter(|t| TYPES.contains(t))
}

/// The single value a schema allows (`const`, or an `enum` of one): a tag.
pub(super) fn single(schema: &Value) -> Option<&Value> {
    let node = schema.as_object()?;
    if let Some(c) = node.get("const") {
        return Some(c);
    }
    match node.get("enum") {
        Some(Value::Array(values)) if values.len() == 1 => values.first(),
        _ => None,
    }
}

/// The one field of a closed object that requires exactly it (serde's externally tagged
/// variants: `{"Variant": …}`).
pub(super) fn sole_key(node: &Map<String, Value>) -> Option<&str> {
    let Some(Value::Object(props)) = node.get("properties") else {
        return None;
    };
    let mut keys = props.keys();
    let (Some(key), None) = (keys.next(), keys.next()) else {
        return None;
    };
    let closed = node.get("additionalProperties") == Some(&Value::Bool(false));
    let needed = required(node).iter().any(|r| r.as_str() == Some(key));
    (closed && needed).then_some(key.as_str())
}

/// The prefix item schemas of an array node and the schema for the items after them.
pub(super) fn tuple(node: &Map<String, Value>) -> (&[Value], Option<&Value>) {
    match (node.get("prefixItems"), node.get("items")) {
        (Some(Value::Array(prefix)), rest) => (prefix, rest),
        (_, Some(Value::Array(prefix))) => (prefix, node.get("additionalItems")),
        (_, rest) => (&[], rest),
    }
}
