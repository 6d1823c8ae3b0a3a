//! A tool's schema in the subset of JSON Schema that OpenAI's strict mode (Structured
//! Outputs) accepts, or none when the schema cannot be said in it.
//!
//! Strict mode wants every object closed (`additionalProperties: false`) with every property
//! listed in `required`, and accepts only some keywords. The rewrite, applied to every schema
//! in the tree (properties, array items, `anyOf` branches, `$defs`):
//!
//! - an object gets `additionalProperties: false` and all its properties in `required`; a
//!   property that was optional becomes nullable (`"type": [T, "null"]`, or an `anyOf` with
//!   `{"type": "null"}` for enums, constants and references), since the model then sends
//!   `null` where it would have left it out (the argument check takes that `null` as absent);
//! - `oneOf` becomes `anyOf`; a single `allOf` entry, and the target of a `$ref` that has
//!   sibling keywords (schemars puts a field's doc comment there), are merged in place;
//! - only the keywords strict mode documents are kept: `type`, `description`, `title`,
//!   `enum`, `const`, `$ref`, `$defs`; `pattern` and the supported string `format`s; the
//!   numeric bounds and `multipleOf`; `minItems` and `maxItems`. So `default`, `minLength`,
//!   `maxLength`, `uniqueItems` and the numeric `format`s (`uint32`, `float`, …) go: the
//!   arguments are still checked against the tool's full schema.
//!
//! What strict mode cannot say makes the whole schema unsupported: maps (an object with
//! `additionalProperties` other than `false`, or `patternProperties`), objects without
//! `properties`, tuples (`prefixItems`), arrays without `items`, values of any type (`true`,
//! `{}`), several `allOf` entries, `anyOf` or `oneOf` beside other constraints or at the root,
//! and schemas nested or referenced deeper than [`MAX_DEPTH`] or larger, merged, than
//! [`MAX_SCHEMAS`].

use std::cell::Cell;

use serde_json::{Map, Value, json};

/// The deepest schema nesting (counting merged references) rewritten.
const MAX_DEPTH: usize = 64;

/// The most schemas rewritten for one tool (merged references are rewritten where they
/// are merged, so this bounds the output too).
const MAX_SCHEMAS: usize = 10_000;

/// The string formats strict mode accepts.
const FORMATS: [&str; 9] = [
    "date-time",
    "time",
    "date",
    "duration",
    "email",
    "hostname",
    "ipv4",
    "ipv6",
    "uuid",
];

/// Annotations kept: they help the model, and may sit beside anything.
const ANNOTATIONS: [&str; 2] = ["description", "title"];

/// Keywords that constrain nothing, dropped (strict mode rejects `default`).
const NOTES: [&str; 8] = [
    "default",
    "examples",
    "deprecated",
    "readOnly",
    "writeOnly",
    "$comment",
    "$schema",
    "$id",
];

/// Keywords kept on any schema, besides the annotations.
const KEPT: [&str; 3] = ["type", "enum", "const"];

/// Keywords that constrain a value by themselves: beside `anyOf` they would be lost.
const CONSTRAINTS: [&str; 8] = [
    "type",
    "enum",
    "const",
    "properties",
    "items",
    "prefixItems",
    "$ref",
    "not",
];

/// Keywords kept on numbers and integers.
const NUMERIC: [&str; 5] = [
    "minimum",
    "maximum",
    "exclusiveMinimum",
    "exclusiveMaximum",
    "multipleOf",
];

/// The schema rewritten for OpenAI's strict mode (see the module docs), or `None` when it has
/// no strict form.
pub(super) fn schema(root: &Value) -> Option<Value> {
    let rewriter = Rewriter {
        root,
        left: Cell::new(MAX_SCHEMAS),
    };
    let rewritten = rewriter.rewrite(root, 0)?;
    let map = rewritten.as_object()?;
    let object = map.get("type") == Some(&Value::String("object".to_owned()));
    (object && !map.contains_key("anyOf")).then_some(rewritten)
}

/// The root schema, which `$ref`s resolve against, and the schemas left to rewrite.
struct Rewriter<'r> {
    /// The tool's whole schema.
    root: &'r Value,
    /// Schemas that may still be rewritten, of [`MAX_SCHEMAS`].
    left: Cell<usize>,
}

impl Rewriter<'_> {
    /// One schema rewritten.
    fn rewrite(&self, schema: &Value, depth: usize) -> Option<Value> {
        let left = self.left.get().checked_sub(1)?;
        self.left.set(left);
        if depth > MAX_DEPTH {
            return None;
        }
        let node = schema.as_object()?;
        if let Some(merged) = self.merged(node)? {
            return self.rewrite(&Value::Object(merged), depth + 1);
        }
        let mut out = Map::new();
        for (key, value) in node {
            if ANNOTATIONS.contains(&key.as_str()) || KEPT.contains(&key.as_str()) {
                out.insert(key.clone(), value.clone());
            }
        }
        let types = types(node);
        let has = |t: &str| types.contains(&t);
        if has("object") || node.contains_key("properties") {
            if types.is_empty() {
                out.insert("type".to_owned(), Value::String("object".to_owned()));
            }
            self.object(node, depth, &mut out)?;
        }
        if has("array") {
            self.array(node, depth, &mut out)?;
        }
        if has("string") {
            if let Some(pattern @ Value::String(_)) = node.get("pattern") {
                out.insert("pattern".to_owned(), pattern.clone());
            }
            if let Some(Value::String(format)) = node.get("format")
                && FORMATS.contains(&format.as_str())
            {
                out.insert("format".to_owned(), Value::String(format.clone()));
            }
        }
        if has("number") || has("integer") {
            for key in NUMERIC {
                if let Some(bound @ Value::Number(_)) = node.get(key) {
                    out.insert(key.to_owned(), bound.clone());
                }
            }
        }
        let alternatives = self.alternatives(node, depth)?;
        if let Some(branches) = alternatives {
            out.insert("anyOf".to_owned(), Value::Array(branches));
        }
        if let Some(reference @ Value::String(_)) = node.get("$ref") {
            out.insert("$ref".to_owned(), reference.clone());
        }
        for key in ["$defs", "definitions"] {
            if let Some(Value::Object(defs)) = node.get(key) {
                let mut rewritten = Map::new();
                for (name, def) in defs {
                    rewritten.insert(name.clone(), self.rewrite(def, depth + 1)?);
                }
                out.insert(key.to_owned(), Value::Object(rewritten));
            }
        }
        let says_something = ["type", "enum", "const", "anyOf", "$ref"]
            .iter()
            .any(|k| out.contains_key(*k));
        says_something.then_some(Value::Object(out))
    }

    /// `node` with a single `allOf` entry, or the target of a `$ref` that has siblings, merged in;
    /// `Some(None)` when there is nothing to merge, `None` when they conflict or cannot be.
    fn merged(&self, node: &Map<String, Value>) -> Option<Option<Map<String, Value>>> {
        if let Some(all) = node.get("allOf") {
            let [only] = all.as_array()?.as_slice() else {
                return None;
            };
            let mut merged = node.clone();
            merged.remove("allOf");
            merge(&mut merged, only.as_object()?)?;
            return Some(Some(merged));
        }
        match node.get("$ref") {
            Some(Value::String(reference)) if node.len() > 1 => {
                let target = resolve(self.root, reference)?.as_object()?;
                let mut merged = node.clone();
                merged.remove("$ref");
                merge(&mut merged, target)?;
                Some(Some(merged))
            }
            _ => Some(None),
        }
    }
}

/// Adds `other`'s keywords to `into`; `into`'s annotations win, other conflicts fail.
fn merge(into: &mut Map<String, Value>, other: &Map<String, Value>) -> Option<()> {
    for (key, value) in other {
        match into.get(key) {
            None => {
                into.insert(key.clone(), value.clone());
            }
            Some(mine)
                if mine == value
                    || ANNOTATIONS.contains(&key.as_str())
                    || NOTES.contains(&key.as_str()) => {}
            Some(_) => return None,
        }
    }
    Some(())
}

/// The schema a `$ref` into the root names.
fn resolve<'r>(root: &'r Value, reference: &str) -> Option<&'r Value> {
    let pointer = reference.strip_prefix('#')?;
    if pointer.is_empty() {
        Some(root)
    } else {
        root.pointer(pointer)
    }
}

/// The names in a node's `type`.
fn types(node: &Map<String, Value>) -> Vec<&str> {
    match node.get("type") {
        Some(Value::String(t)) => vec![t.as_str()],
        Some(Value::Array(many)) => many.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    }
}

impl Rewriter<'_> {
    /// A closed object with every property required, the optional ones made nullable.
    fn object(
        &self,
        node: &Map<String, Value>,
        depth: usize,
        out: &mut Map<String, Value>,
    ) -> Option<()> {
        if node.contains_key("patternProperties") {
            return None;
        }
        match node.get("additionalProperties") {
            None | Some(Value::Bool(false)) => {}
            Some(_) => return None,
        }
        let properties = node.get("properties")?.as_object()?;
        let required: Vec<&str> = node
            .get("required")
            .and_then(Value::as_array)
            .map_or_else(Vec::new, |r| r.iter().filter_map(Value::as_str).collect());
        let mut rewritten = Map::new();
        for (name, schema) in properties {
            let mut strict = self.rewrite(schema, depth + 1)?;
            if !required.contains(&name.as_str()) {
                strict = nullable(strict);
            }
            rewritten.insert(name.clone(), strict);
        }
        let names = rewritten.keys().cloned().map(Value::String).collect();
        out.insert("properties".to_owned(), Value::Object(rewritten));
        out.insert("required".to_owned(), Value::Array(names));
        out.insert("additionalProperties".to_owned(), Value::Bool(false));
        Some(())
    }

    /// An array of one item schema, with its size bounds.
    fn array(
        &self,
        node: &Map<String, Value>,
        depth: usize,
        out: &mut Map<String, Value>,
    ) -> Option<()> {
        if node.contains_key("prefixItems") {
            return None;
        }
        let items = self.rewrite(node.get("items")?, depth + 1)?;
        out.insert("items".to_owned(), items);
        for key in ["minItems", "maxItems"] {
            if let Some(count @ Value::Number(_)) = node.get(key) {
                out.insert(key.to_owned(), count.clone());
            }
        }
        Some(())
    }

    /// `anyOf` or `oneOf` as the rewritten branches of an `anyOf`: `Some(None)` when there are
    /// none, `None` when they cannot be said (both, beside other constraints, or a branch).
    fn alternatives(&self, node: &Map<String, Value>, depth: usize) -> Option<Option<Vec<Value>>> {
        let branches = match (node.get("anyOf"), node.get("oneOf")) {
            (None, None) => return Some(None),
            (Some(one), None) | (None, Some(one)) => one.as_array()?,
            (Some(_), Some(_)) => return None,
        };
        let beside = CONSTRAINTS.iter().any(|k| node.contains_key(*k));
        if beside || branches.is_empty() {
            return None;
        }
        let rewritten = branches
            .iter()
            .map(|b| self.rewrite(b, depth + 1))
            .collect::<Option<Vec<_>>>()?;
        Some(Some(rewritten))
    }
}

/// A rewritten schema that also accepts `null`.
fn nullable(schema: Value) -> Value {
    let Value::Object(mut node) = schema else {
        return schema;
    };
    let listed = node.contains_key("enum") || node.contains_key("const");
    if let Some(Value::Array(branches)) = node.get_mut("anyOf") {
        if !branches.iter().any(is_null) {
            branches.push(json!({"type": "null"}));
        }
        return Value::Object(node);
    }
    if !listed {
        match node.get_mut("type") {
            Some(Value::String(t)) if t == "null" => return Value::Object(node),
            Some(Value::String(t)) => {
                let t = std::mem::take(t);
                node.insert("type".to_owned(), json!([t, "null"]));
                return Value::Object(node);
            }
            Some(Value::Array(many)) => {
                if !many.iter().any(|t| t == "null") {
                    many.push(Value::String("null".to_owned()));
                }
                return Value::Object(node);
            }
            _ => {}
        }
    }
    // An enum, a constant or a reference: offer null beside it, annotations outside.
    let mut outer = Map::new();
    for key in ANNOTATIONS {
        if let Some(v) = node.remove(key) {
            outer.insert(key.to_owned(), v);
        }
    }
    outer.insert(
        "anyOf".to_owned(),
        json!([Value::Object(node), {"type": "null"}]),
    );
    Value::Object(outer)
}

/// Whether a branch is exactly the null type.
fn is_null(branch: &Value) -> bool {
    branch.get("type").and_then(Value::as_str) == Some("null")
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use schemars::JsonSchema;
    use serde::Deserialize;

    use super::*;
    use crate::call::invoke::root_schema as schema_for;

    /// Keywords strict mode rejects, which must not survive anywhere.
    const REJECTED: [&str; 10] = [
        "default",
        "minLength",
        "maxLength",
        "uniqueItems",
        "oneOf",
        "allOf",
        "prefixItems",
        "patternProperties",
        "not",
        "examples",
    ];

    /// Checks every schema in `value` against strict mode's rules.
    fn assert_strict(value: &Value, at: &str) {
        let Value::Object(node) = value else {
            panic!("{at}: a schema that is not an object: {value}");
        };
        for key in REJECTED {
            assert!(!node.contains_key(key), "{at}: `{key}` kept in {value}");
        }
        if let Some(Value::String(format)) = node.get("format") {
            assert!(FORMATS.contains(&format.as_str()), "{at}: format {format}");
            assert!(types(node).contains(&"string"), "{at}");
        }
        if let Some(Value::Object(props)) = node.get("properties") {
            assert_eq!(node["additionalProperties"], false, "{at}");
            let mut required: Vec<&str> = node["required"]
                .as_array()
                .unwrap()
                .iter()
                .map(|r| r.as_str().unwrap())
                .collect();
            required.sort_unstable();
            let names: Vec<&str> = props.keys().map(String::as_str).collect();
            assert_eq!(required, names, "{at}");
            for (name, schema) in props {
                assert_strict(schema, &format!("{at}/properties/{name}"));
            }
        }
        if let Some(items) = node.get("items") {
            assert_strict(items, &format!("{at}/items"));
        }
        for key in ["anyOf"] {
            if let Some(Value::Array(branches)) = node.get(key) {
                for (i, b) in branches.iter().enumerate() {
                    assert_strict(b, &format!("{at}/{key}/{i}"));
                }
            }
        }
        for key in ["$defs", "definitions"] {
            if let Some(Value::Object(defs)) = node.get(key) {
                for (name, def) in defs {
                    assert_strict(def, &format!("{at}/{key}/{name}"));
                }
            }
        }
    }

    /// A contact.
    #[derive(Deserialize, JsonSchema)]
    #[allow(dead_code)]
    struct Contact {
        name: String,
        #[serde(default)]
        age: u8,
        #[schemars(email)]
        email: Option<String>,
    }

    #[derive(Deserialize, JsonSchema)]
    #[serde(rename_all = "lowercase")]
    #[allow(dead_code)]
    enum Folder {
        Inbox,
        Sent,
    }

    #[derive(Deserialize, JsonSchema)]
    #[serde(tag = "kind", rename_all = "lowercase")]
    #[allow(dead_code)]
    enum Channel {
        Email { address: String },
        Sms { number: String },
    }

    #[derive(Deserialize, JsonSchema)]
    #[allow(dead_code)]
    enum External {
        Plain,
        Named { x: i8 },
    }

    #[derive(Deserialize, JsonSchema)]
    #[allow(dead_code)]
    struct Node {
        value: u32,
        children: Vec<Node>,
        next: Option<Box<Node>>,
    }

    /// The arguments of a realistic tool.
    #[derive(Deserialize, JsonSchema)]
    #[allow(dead_code)]
    struct Args {
        /// Words to look for.
        #[schemars(length(min = 3, max = 64))]
        query: String,
        ratio: f32,
        count: Option<u32>,
        #[serde(default = "ten")]
        limit: i64,
        /// Who owns it.
        owner: Contact,
        maybe: Option<Contact>,
        folder: Option<Folder>,
        #[serde(default)]
        #[schemars(extend("default" = "inbox"))]
        fallback: Option<Folder>,
        /// How to reach them.
        channel: Channel,
        external: External,
        #[schemars(length(max = 5))]
        tags: Vec<String>,
        tree: Node,
        #[serde(default)]
        #[schemars(regex(pattern = r"^[a-z]+$"))]
        code: String,
    }

    fn ten() -> i64 {
        10
    }

    #[test]
    fn a_realistic_schema_follows_the_rules_everywhere() {
        let original = schema_for::<Args>();
        let strict = schema(&original).expect("a strict form");
        assert_strict(&strict, "");
        let p = &strict["properties"];
        assert_eq!(
            p["query"],
            json!({"type": "string", "description": "Words to look for."})
        );
        assert_eq!(p["ratio"], json!({"type": "number"}));
        assert_eq!(
            p["count"],
            json!({"type": ["integer", "null"], "minimum": 0})
        );
        assert_eq!(p["limit"], json!({"type": ["integer", "null"]}));
        // A `$ref` with a description is merged in place; the field's words win.
        assert_eq!(p["owner"]["description"], "Who owns it.");
        assert_eq!(p["owner"]["required"], json!(["age", "email", "name"]));
        assert_eq!(
            p["owner"]["properties"]["age"],
            json!({"type": ["integer", "null"], "minimum": 0, "maximum": 255})
        );
        assert_eq!(
            p["owner"]["properties"]["email"],
            json!({"type": ["string", "null"], "format": "email"})
        );
        assert_eq!(
            p["maybe"],
            json!({"anyOf": [{"$ref": "#/$defs/Contact"}, {"type": "null"}]})
        );
        assert_eq!(p["fallback"], p["folder"]);
        // `oneOf` becomes `anyOf`.
        assert_eq!(p["channel"]["description"], "How to reach them.");
        assert_eq!(p["channel"]["anyOf"].as_array().unwrap().len(), 2);
        assert_eq!(
            p["channel"]["anyOf"][0]["properties"]["kind"],
            json!({"type": "string", "const": "email"})
        );
        assert_eq!(
            p["tags"],
            json!({"type": "array", "items": {"type": "string"}, "maxItems": 5})
        );
        assert_eq!(
            p["code"],
            json!({"type": ["string", "null"], "pattern": "^[a-z]+$"})
        );
        assert_eq!(
            strict["$defs"]["Node"]["properties"]["next"],
            json!({"anyOf": [{"$ref": "#/$defs/Node"}, {"type": "null"}]})
        );
        let mut required: Vec<&str> = original["required"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(Value::as_str)
            .collect();
        required.sort_unstable();
        assert!(required.len() < p.as_object().unwrap().len());
    }

    #[test]
    fn optional_fields_become_nullable_in_every_shape() {
        let s = json!({
            "type": "object",
            "properties": {
                "plain": {"type": "string", "description": "d"},
                "listed": {"type": "string", "enum": ["a", "b"], "description": "d"},
                "constant": {"const": 3},
                "several": {"type": ["string", "integer"]},
                "already": {"type": ["string", "null"]},
                "null": {"type": "null"},
                "reference": {"$ref": "#/$defs/X"},
                "branches": {"anyOf": [{"type": "string"}, {"type": "integer"}]},
                "nullable_branches": {"anyOf": [{"type": "string"}, {"type": "null"}]},
            },
            "$defs": {"X": {"type": "boolean"}},
        });
        let strict = schema(&s).unwrap();
        assert_strict(&strict, "");
        let p = &strict["properties"];
        assert_eq!(
            p["plain"],
            json!({"type": ["string", "null"], "description": "d"})
        );
        assert_eq!(
            p["listed"],
            json!({"anyOf": [{"type": "string", "enum": ["a", "b"]}, {"type": "null"}], "description": "d"})
        );
        assert_eq!(
            p["constant"],
            json!({"anyOf": [{"const": 3}, {"type": "null"}]})
        );
        assert_eq!(p["several"], json!({"type": ["string", "integer", "null"]}));
        assert_eq!(p["already"], json!({"type": ["string", "null"]}));
        assert_eq!(p["null"], json!({"type": "null"}));
        assert_eq!(
            p["reference"],
            json!({"anyOf": [{"$ref": "#/$defs/X"}, {"type": "null"}]})
        );
        assert_eq!(
            p["branches"],
            json!({"anyOf": [{"type": "string"}, {"type": "integer"}, {"type": "null"}]})
        );
        assert_eq!(p["nullable_branches"], s["properties"]["nullable_branches"]);
    }

    #[test]
    fn keywords_strict_mode_rejects_are_removed() {
        let s = json!({
            "type": "object",
            "properties": {
                "n": {"type": "integer", "format": "uint32", "minimum": 0, "default": 3,
                      "multipleOf": 2, "exclusiveMaximum": 9},
                "x": {"type": "number", "format": "double", "examples": [1.5]},
                "s": {"type": "string", "minLength": 1, "maxLength": 9, "format": "uri"},
                "d": {"type": "string", "format": "date-time", "deprecated": true},
                "a": {"type": "array", "items": {"type": "integer"}, "uniqueItems": true,
                      "minItems": 1, "contains": {"const": 1}},
                "o": {"type": "object", "properties": {}, "minProperties": 0},
            },
            "required": ["n", "x", "s", "d", "a", "o"],
        });
        let strict = schema(&s).unwrap();
        assert_strict(&strict, "");
        let p = &strict["properties"];
        assert_eq!(
            p["n"],
            json!({"type": "integer", "minimum": 0, "multipleOf": 2, "exclusiveMaximum": 9})
        );
        assert_eq!(p["x"], json!({"type": "number"}));
        assert_eq!(p["s"], json!({"type": "string"}));
        assert_eq!(p["d"], json!({"type": "string", "format": "date-time"}));
        assert_eq!(
            p["a"],
            json!({"type": "array", "items": {"type": "integer"}, "minItems": 1})
        );
        assert_eq!(
            p["o"],
            json!({"type": "object", "properties": {}, "required": [], "additionalProperties": false})
        );
    }

    #[test]
    fn single_all_of_entries_merge_and_several_do_not() {
        let s = json!({
            "type": "object",
            "properties": {"a": {"allOf": [{"$ref": "#/$defs/A"}], "description": "mine"}},
            "required": ["a"],
            "$defs": {"A": {"type": "object", "description": "theirs",
                            "properties": {"b": {"type": "integer"}}}},
        });
        let strict = schema(&s).unwrap();
        assert_strict(&strict, "");
        assert_eq!(
            strict["properties"]["a"],
            json!({"type": "object", "description": "mine",
                   "properties": {"b": {"type": ["integer", "null"]}},
                   "required": ["b"], "additionalProperties": false})
        );
        let several = json!({"type": "object", "properties": {
            "a": {"allOf": [{"type": "integer"}, {"minimum": 1}]}}});
        assert_eq!(schema(&several), None);
        let conflict = json!({"type": "object", "properties": {
            "a": {"type": "string", "allOf": [{"type": "integer"}]}}});
        assert_eq!(schema(&conflict), None);
    }

    #[test]
    fn what_strict_mode_cannot_say_gives_no_strict_form() {
        #[derive(Deserialize, JsonSchema)]
        #[allow(dead_code)]
        struct Map {
            labels: HashMap<String, u8>,
        }
        #[derive(Deserialize, JsonSchema)]
        #[allow(dead_code)]
        struct Tuple {
            pair: (u8, String),
        }
        #[derive(Deserialize, JsonSchema)]
        #[allow(dead_code)]
        struct Anything {
            any: serde_json::Value,
        }
        #[derive(Deserialize, JsonSchema)]
        #[allow(dead_code)]
        enum WithTuple {
            Pair(u8, u8),
        }
        #[derive(Deserialize, JsonSchema)]
        #[allow(dead_code)]
        struct Nested {
            inner: WithTuple,
        }
        assert_eq!(schema(&schema_for::<Map>()), None);
        assert_eq!(schema(&schema_for::<Tuple>()), None);
        assert_eq!(schema(&schema_for::<Anything>()), None);
        assert_eq!(schema(&schema_for::<Nested>()), None);
        for hostile in [
            json!({"type": "object", "properties": {"a": {"type": "object"}}}),
            json!({"type": "object", "properties": {"a": {"type": "array"}}}),
            json!({"type": "object", "properties": {"a": {}}}),
            json!({"type": "object", "properties": {"a": {"description": "only words"}}}),
            json!({"type": "object", "properties": {"a": {"anyOf": []}}}),
            json!({"type": "object", "properties": {"a": {"anyOf": [{"type": "string"}], "oneOf": [{"type": "string"}]}}}),
            json!({"type": "object", "properties": {"a": {"type": "string", "anyOf": [{"minLength": 1}]}}}),
            json!({"type": "object", "properties": {}, "anyOf": [{"required": ["a"]}]}),
            json!({"type": "object", "properties": {"a": {"$ref": "#/$defs/none", "description": "x"}}}),
            json!({"type": "object", "properties": {}, "patternProperties": {"^x": {"type": "string"}}}),
            json!({"type": "object", "properties": {}, "additionalProperties": true}),
            json!({"type": "string"}),
            json!(true),
            json!([]),
        ] {
            assert_eq!(schema(&hostile), None, "{hostile}");
        }
    }

    #[test]
    fn hostile_references_and_nesting_are_bounded() {
        // A reference with siblings that names itself.
        let looped = json!({"type": "object", "properties": {"a": {"$ref": "#/$defs/A", "description": "x"}},
                            "$defs": {"A": {"$ref": "#/$defs/A", "description": "x"}}});
        assert_eq!(schema(&looped), None);
        // Each level doubles when merged: 2^n schemas, stopped by the budget for large n.
        let doubling = |levels: usize| {
            let mut defs = Map::new();
            for i in 0..levels {
                let next = format!("#/$defs/D{}", i + 1);
                defs.insert(
                    format!("D{i}"),
                    json!({"type": "object", "properties": {
                        "l": {"$ref": next, "description": "left"},
                        "r": {"$ref": next, "description": "right"},
                    }}),
                );
            }
            defs.insert(format!("D{levels}"), json!({"type": "integer"}));
            json!({"type": "object", "properties": {"d": {"$ref": "#/$defs/D0"}}, "$defs": defs})
        };
        assert_strict(&schema(&doubling(5)).unwrap(), "");
        assert_eq!(schema(&doubling(40)), None);
        // Deep nesting.
        let mut deep = json!({"type": "integer"});
        for _ in 0..200 {
            deep = json!({"type": "array", "items": deep});
        }
        let deep = json!({"type": "object", "properties": {"d": deep}, "required": ["d"]});
        assert_eq!(schema(&deep), None);
        // Bare references are kept, not followed: recursion is fine.
        let recursive = schema(&schema_for::<Node>()).unwrap();
        assert_strict(&recursive, "");
    }
}
