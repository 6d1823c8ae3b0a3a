//! A schema compiled once, when its tool is registered, into the checks a clean call needs.
//!
//! Most calls a model makes are right, and for them the walker's work (reading keywords out
//! of the schema's maps at every place, building paths, covers and trials) finds nothing. A
//! plan answers the one question a clean call asks, without that work: does this value pass
//! with nothing to report, strip or remove?
//!
//! A plan understands a few keywords (types, values, integer ranges, lengths, properties,
//! required names, closed objects, plain items and `$ref`s to them) and knows the keywords
//! that only annotate. A place whose schema holds any other keyword compiles to
//! [`Node::Unknown`]. A value that reaches an unknown place, or breaks any rule, goes to the
//! walker, which alone writes problems. So a plan can make a call faster but never change
//! what it reports: [`Plan::accepts`] implies the walker finds nothing and changes nothing
//! (`plan_never_accepts_what_the_walker_reports` in the tests checks it on random schemas).

use std::collections::HashMap;

use serde_json::{Map, Value};

use super::numbers::{IntRange, int_ranges, integer};
use super::schema::types;

/// Keywords that describe and never constrain: the walker does not read them.
const ANNOTATIONS: [&str; 12] = [
    "$schema",
    "$id",
    "$comment",
    "$defs",
    "definitions",
    "title",
    "description",
    "default",
    "examples",
    "deprecated",
    "readOnly",
    "writeOnly",
];

/// Keywords a plan checks itself.
const UNDERSTOOD: [&str; 13] = [
    "type",
    "format",
    "const",
    "enum",
    "minimum",
    "maximum",
    "exclusiveMinimum",
    "exclusiveMaximum",
    "minLength",
    "maxLength",
    "properties",
    "required",
    "additionalProperties",
];

/// Keywords understood on arrays: the items' schema and the count.
const ARRAY: [&str; 3] = ["items", "minItems", "maxItems"];

/// The deepest place (in the value) a plan checks; deeper values go to the walker, which
/// stays well inside its own depth and recursion limits for them.
const MAX_DEPTH: usize = 32;
/// The most nodes one plan holds; `$ref`s are inlined, and a schema that would unfold into
/// more is left to the walker past this many.
const MAX_NODES: usize = 1024;
/// The most `$ref` hops inlined at one place.
const MAX_REFS: usize = 4;

/// What a clean call must satisfy, compiled from a tool's argument schema.
#[derive(Debug)]
pub(crate) struct Plan {
    root: Node,
}

/// One place of the schema.
#[derive(Debug)]
enum Node {
    /// A keyword the plan does not check: only the walker can tell.
    Unknown,
    /// `true`, or a schema of annotations only: every value passes.
    Any,
    /// Rules the plan checks.
    Rules(Box<Rules>),
}

/// The rules of one place, each as the walker reads it.
#[derive(Debug, Default)]
struct Rules {
    /// The types allowed, one bit each (see [`bit`]); none: any.
    types: u8,
    constant: Option<Value>,
    listed: Option<Vec<Value>>,
    /// With `integer` among the types: the range an integer must be in.
    integers: Option<IntRange>,
    /// Whether a number that is not checked as an integer has bounds or a single-precision
    /// format: the plan leaves those to the walker.
    bounded_numbers: bool,
    min_length: Option<u64>,
    max_length: Option<u64>,
    min_items: Option<u64>,
    max_items: Option<u64>,
    /// The items' schema; `None`: items are not checked.
    items: Option<Node>,
    properties: Vec<Field>,
    /// The required names `properties` does not declare (the declared ones are marked
    /// there, so a field is looked up once).
    required: Vec<String>,
    /// Whether fields other than `properties` are ghosts (the object is closed).
    closed: bool,
}

/// A declared field of an object.
#[derive(Debug)]
struct Field {
    name: String,
    node: Node,
    required: bool,
}

impl Plan {
    /// Compiles `schema` (the root of a tool's argument schema, which `$ref`s resolve in).
    pub(crate) fn compile(schema: &Value) -> Plan {
        let mut compiler = Compiler {
            root: schema,
            nodes: 0,
        };
        Plan {
            root: compiler.node(schema, 0, 0),
        }
    }

    /// Whether `args` certainly pass the strict check with nothing to report, strip or
    /// remove. `false` says only that the walker must look.
    pub(crate) fn accepts(&self, args: &Value) -> bool {
        self.root.accepts(args, 0)
    }
}

/// Compiles places, counting nodes.
struct Compiler<'s> {
    root: &'s Value,
    nodes: usize,
}

impl Compiler<'_> {
    /// Compiles the place at `depth` in the value, `refs` hops from where it was named.
    fn node(&mut self, schema: &Value, depth: usize, refs: usize) -> Node {
        self.nodes += 1;
        // Past `MAX_DEPTH`, a nested value is never accepted; so one place deeper is enough.
        if self.nodes > MAX_NODES || depth > MAX_DEPTH {
            return Node::Unknown;
        }
        match schema {
            Value::Bool(true) => Node::Any,
            Value::Object(node) => self.rules(node, depth, refs),
            // `false` refuses everything (the walker says why); anything else is malformed.
            _ => Node::Unknown,
        }
    }

    fn rules(&mut self, node: &Map<String, Value>, depth: usize, refs: usize) -> Node {
        let mut keywords = node
            .keys()
            .map(String::as_str)
            .filter(|k| !ANNOTATIONS.contains(k));
        match (keywords.next(), keywords.next()) {
            (None, _) => return Node::Any,
            // A place that only refers elsewhere is the place it refers to.
            (Some("$ref"), None) => return self.reference(node, depth, refs),
            _ => {}
        }
        let understood = |k: &&str| UNDERSTOOD.contains(k) || ARRAY.contains(k);
        if !node
            .keys()
            .map(String::as_str)
            .all(|k| ANNOTATIONS.contains(&k) || understood(&k))
        {
            return Node::Unknown;
        }
        match self.checked_rules(node, depth) {
            Some(rules) => Node::Rules(Box::new(rules)),
            None => Node::Unknown,
        }
    }

    fn reference(&mut self, node: &Map<String, Value>, depth: usize, refs: usize) -> Node {
        let target = match node.get("$ref") {
            Some(Value::String(reference)) if refs < MAX_REFS => resolve(self.root, reference),
            _ => None,
        };
        match target {
            Some(target) => self.node(target, depth, refs + 1),
            None => Node::Unknown,
        }
    }

    /// The rules of a node whose keywords are all understood; `None` when one is malformed
    /// (the walker would ignore it or report it, and either is its call).
    fn checked_rules(&mut self, node: &Map<String, Value>, depth: usize) -> Option<Rules> {
        let mut rules = Rules::default();
        match node.get("type") {
            None | Some(Value::String(_)) => {}
            Some(Value::Array(list)) if list.iter().all(Value::is_string) => {}
            Some(_) => return None,
        }
        for t in types(node) {
            rules.types |= bit(t);
        }
        rules.constant = node.get("const").cloned();
        rules.listed = match node.get("enum") {
            None => None,
            Some(Value::Array(values)) => Some(values.clone()),
            Some(_) => return None,
        };
        if rules.types & bit("integer") != 0 {
            rules.integers = Some(int_ranges(node).1);
        }
        let bounds = ["minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"];
        rules.bounded_numbers = bounds.iter().any(|b| node.contains_key(*b))
            || node.get("format").and_then(Value::as_str) == Some("float");
        rules.min_length = count(node, "minLength")?;
        rules.max_length = count(node, "maxLength")?;
        rules.min_items = count(node, "minItems")?;
        rules.max_items = count(node, "maxItems")?;
        rules.items = match node.get("items") {
            None => None,
            Some(schema @ (Value::Object(_) | Value::Bool(true))) => {
                Some(self.node(schema, depth + 1, 0))
            }
            // `items: false` and tuples (`items: [...]`) are the walker's.
            Some(_) => return None,
        };
        if let Some(props) = node.get("properties") {
            let Value::Object(props) = props else {
                return None;
            };
            rules.closed = true;
            for (name, schema) in props {
                let compiled = self.node(schema, depth + 1, 0);
                rules.properties.push(Field {
                    name: name.clone(),
                    node: compiled,
                    required: false,
                });
            }
        }
        if let Some(required) = node.get("required") {
            let Value::Array(names) = required else {
                return None;
            };
            let index: HashMap<&str, usize> = (rules.properties.iter().enumerate())
                .map(|(i, field)| (field.name.as_str(), i))
                .collect();
            let mut marked = Vec::new();
            for name in names {
                let name = name.as_str()?;
                match index.get(name) {
                    Some(&i) => marked.push(i),
                    None => rules.required.push(name.to_owned()),
                }
            }
            for i in marked {
                rules.properties[i].required = true;
            }
        }
        match node.get("additionalProperties") {
            None => {}
            Some(Value::Bool(false)) => rules.closed = true,
            // Open: the walker's cover is open, and fields past `properties` are not read.
            Some(Value::Bool(true)) => rules.closed = false,
            // A schema for the other fields is the walker's.
            Some(_) => return None,
        }
        Some(rules)
    }
}

/// A count keyword (`minLength`, `maxItems`, ...) as the walker reads it; `Some(None)` when
/// absent, `None` when present but not a count (left to the walker).
fn count(node: &Map<String, Value>, keyword: &str) -> Option<Option<u64>> {
    match node.get(keyword) {
        None => Some(None),
        Some(v) => v.as_u64().map(Some),
    }
}

/// The schema a local `$ref` (`#`, `#/$defs/Name`) points at.
fn resolve<'s>(root: &'s Value, reference: &str) -> Option<&'s Value> {
    let pointer = reference.strip_prefix('#')?;
    if pointer.is_empty() {
        Some(root)
    } else {
        root.pointer(pointer)
    }
}

/// The bit of a type name (`types` yields only the seven JSON Schema names).
fn bit(t: &str) -> u8 {
    match t {
        "null" => 1,
        "boolean" => 2,
        "object" => 4,
        "array" => 8,
        "number" => 16,
        "integer" => 32,
        _ => 64, // "string"
    }
}

/// The types a value is, as bits: an integral number is both `number` and `integer`.
fn bits(value: &Value) -> u8 {
    match value {
        Value::Null => bit("null"),
        Value::Bool(_) => bit("boolean"),
        Value::Object(_) => bit("object"),
        Value::Array(_) => bit("array"),
        Value::Number(n) if integer(n).is_some() => bit("number") | bit("integer"),
        Value::Number(_) => bit("number"),
        Value::String(_) => bit("string"),
    }
}

impl Node {
    fn accepts(&self, value: &Value, depth: usize) -> bool {
        let nested = match value {
            Value::Array(items) => !items.is_empty(),
            Value::Object(map) => !map.is_empty(),
            _ => false,
        };
        if depth >= MAX_DEPTH && nested {
            return false;
        }
        match self {
            Node::Unknown => false,
            Node::Any => true,
            Node::Rules(rules) => rules.accepts(value, depth),
        }
    }
}

impl Rules {
    fn accepts(&self, value: &Value, depth: usize) -> bool {
        if self.types != 0 && self.types & bits(value) == 0 {
            return false;
        }
        if self.constant.as_ref().is_some_and(|c| c != value)
            || self.listed.as_ref().is_some_and(|l| !l.contains(value))
        {
            return false;
        }
        match value {
            Value::Number(n) => match (integer(n), &self.integers) {
                (Some(i), Some(range)) => range.contains(Some(i)),
                _ => !self.bounded_numbers,
            },
            Value::String(s) => self.fits_length(s),
            Value::Array(items) => self.fits_items(items, depth),
            Value::Object(map) => self.fits_fields(map, depth),
            Value::Null | Value::Bool(_) => true,
        }
    }

    fn fits_length(&self, s: &str) -> bool {
        if self.min_length.is_none() && self.max_length.is_none() {
            return true;
        }
        let chars = u64::try_from(s.chars().count()).unwrap_or(u64::MAX);
        self.min_length.is_none_or(|m| chars >= m) && self.max_length.is_none_or(|m| chars <= m)
    }

    fn fits_items(&self, items: &[Value], depth: usize) -> bool {
        let n = u64::try_from(items.len()).unwrap_or(u64::MAX);
        if self.min_items.is_some_and(|m| n < m) || self.max_items.is_some_and(|m| n > m) {
            return false;
        }
        match &self.items {
            None => true,
            Some(node) => items.iter().all(|item| node.accepts(item, depth + 1)),
        }
    }

    fn fits_fields(&self, map: &Map<String, Value>, depth: usize) -> bool {
        if !self.required.iter().all(|name| map.contains_key(name)) {
            return false;
        }
        let mut declared = 0;
        for field in &self.properties {
            match map.get(&field.name) {
                Some(v) => {
                    declared += 1;
                    // An optional field's `null` the place refuses is removed by the
                    // walker: a change the plan leaves to it, like every other.
                    if !field.node.accepts(v, depth + 1) {
                        return false;
                    }
                }
                None if field.required => return false,
                None => {}
            }
        }
        // A closed object's other fields are ghosts, stripped or refused.
        !self.closed || declared == map.len()
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;
    use serde_json::json;

    use super::*;
    use crate::arguments::GhostArguments;
    use crate::sanitize::Sanitizer;

    fn accepts(schema: Value, value: Value) -> bool {
        Plan::compile(&schema).accepts(&value)
    }

    #[test]
    fn a_clean_object_is_accepted_and_every_flaw_goes_to_the_walker() {
        let schema = json!({
            "type": "object",
            "properties": {
                "n": {"type": "integer", "format": "uint8", "description": "a number"},
                "word": {"type": "string", "maxLength": 4},
                "tags": {"type": "array", "items": {"type": "string"}, "maxItems": 2},
                "note": {"type": ["string", "null"]},
            },
            "required": ["n", "word"],
        });
        let clean = json!({"n": 7, "word": "blue", "tags": ["a"], "note": null});
        assert!(accepts(schema.clone(), clean));
        for flawed in [
            json!({"n": 256, "word": "blue"}),
            json!({"n": 7.5, "word": "blue"}),
            json!({"n": "7", "word": "blue"}),
            json!({"n": 7, "word": "azure"}),
            json!({"n": 7}),
            json!({"n": 7, "word": "blue", "ghost": 1}),
            json!({"n": 7, "word": "blue", "tags": ["a", "b", "c"]}),
            json!({"n": 7, "word": "blue", "tags": [1]}),
            json!({"n": null, "word": "blue"}),
            json!([]),
        ] {
            assert!(!accepts(schema.clone(), flawed.clone()), "{flawed}");
        }
    }

    #[test]
    fn refs_are_inlined_and_cycles_end_in_the_walker() {
        let schema = json!({
            "type": "object",
            "properties": {"contact": {"$ref": "#/$defs/Contact"}},
            "$defs": {"Contact": {"type": "object", "properties": {"name": {"type": "string"}}}},
        });
        assert!(accepts(schema.clone(), json!({"contact": {"name": "Ann"}})));
        assert!(!accepts(schema, json!({"contact": {"name": 1}})));

        let tree = json!({
            "type": "object",
            "properties": {"child": {"$ref": "#"}},
        });
        let mut deep = json!({});
        for _ in 0..3 {
            deep = json!({"child": deep});
        }
        assert!(accepts(tree.clone(), deep.clone()));
        for _ in 0..MAX_DEPTH {
            deep = json!({"child": deep});
        }
        assert!(!accepts(tree, deep));
    }

    #[test]
    fn keywords_it_does_not_check_leave_the_place_to_the_walker() {
        for schema in [
            json!({"type": "string", "pattern": "^a"}),
            json!({"anyOf": [{"type": "string"}]}),
            json!({"type": "integer", "multipleOf": 2}),
            json!({"type": "array", "uniqueItems": true}),
            json!({"type": "object", "additionalProperties": {"type": "string"}}),
            json!({"type": "object", "patternProperties": {}}),
            json!({"type": "string", "x-unheard-of": 1}),
            json!(false),
            json!({"$ref": "#/$defs/Missing"}),
            json!({"type": 5}),
        ] {
            assert!(!accepts(schema.clone(), json!("a")), "{schema}");
        }
        // Annotations only: anything passes.
        assert!(accepts(
            json!({"description": "any", "title": "x"}),
            json!([1, {}])
        ));
        // A format is no annotation where it narrows a number.
        assert!(!accepts(json!({"format": "float"}), json!(1e300)));
        assert!(accepts(json!({"format": "float"}), json!("1")));
    }

    #[test]
    fn a_schema_that_unfolds_without_end_stays_small() {
        // Each level refers to the next twice: inlined, 2^40 places.
        let mut defs = Map::new();
        for i in 0..40 {
            let next = format!("#/$defs/T{}", i + 1);
            defs.insert(
                format!("T{i}"),
                json!({"type": "object", "properties": {"a": {"$ref": next}, "b": {"$ref": next}}}),
            );
        }
        let schema = json!({"$ref": "#/$defs/T0", "$defs": defs});
        let plan = Plan::compile(&schema);
        assert!(plan.accepts(&json!({"a": {}})));
    }

    /// Schemas from every keyword the walker reads, understood by the plan or not.
    fn schema() -> impl Strategy<Value = Value> {
        let leaf = prop_oneof![
            Just(json!(true)),
            Just(json!(false)),
            Just(json!({})),
            prop::sample::select(vec!["null", "boolean", "integer", "number", "string"])
                .prop_map(|t| json!({"type": t})),
            prop::sample::select(vec!["integer", "number", "string"])
                .prop_map(|t| json!({"type": [t, "null"]})),
            (
                0u64..3,
                prop::option::of(-2i64..300),
                prop::option::of(-2i64..300)
            )
                .prop_map(|(f, lo, hi)| {
                    let mut node = json!({"type": "integer"});
                    node["format"] = json!(["uint8", "int32", "float"][f as usize]);
                    if let Some(lo) = lo {
                        node["minimum"] = json!(lo);
                    }
                    if let Some(hi) = hi {
                        node["exclusiveMaximum"] = json!(hi);
                    }
                    node
                }),
            Just(json!({"type": "number", "format": "float"})),
            Just(json!({"type": "number", "maximum": 2.5})),
            Just(json!({"type": "integer", "multipleOf": 2})),
            (prop::option::of(0u64..3), prop::option::of(0u64..3)).prop_map(|(lo, hi)| {
                let mut node = json!({"type": "string"});
                if let Some(lo) = lo {
                    node["minLength"] = json!(lo);
                }
                if let Some(hi) = hi {
                    node["maxLength"] = json!(hi);
                }
                node
            }),
            Just(json!({"type": "string", "pattern": "^a"})),
            Just(json!({"enum": ["a", 1, null]})),
            Just(json!({"const": "a"})),
            Just(json!({"$ref": "#"})),
            Just(json!({"minLength": "x"})),
        ];
        leaf.prop_recursive(4, 24, 4, |inner| {
            prop_oneof![
                (
                    prop::collection::btree_map(
                        prop::sample::select(vec!["a", "b", "c"]),
                        inner.clone(),
                        0..3
                    ),
                    prop::collection::vec(prop::sample::select(vec!["a", "b", "d"]), 0..2),
                    0u8..4,
                )
                    .prop_map(|(props, required, extra)| {
                        let mut node = json!({"type": "object", "properties": props});
                        if !required.is_empty() {
                            node["required"] = json!(required);
                        }
                        match extra {
                            0 => {}
                            1 => node["additionalProperties"] = json!(false),
                            2 => node["additionalProperties"] = json!(true),
                            _ => node["additionalProperties"] = json!({"type": "string"}),
                        }
                        node
                    }),
                (inner.clone(), prop::option::of(0u64..3), any::<bool>()).prop_map(
                    |(items, max, unique)| {
                        let mut node = json!({"type": "array", "items": items});
                        if let Some(max) = max {
                            node["maxItems"] = json!(max);
                        }
                        if unique {
                            node["uniqueItems"] = json!(true);
                        }
                        node
                    }
                ),
                prop::collection::vec(inner.clone(), 1..3).prop_map(|b| json!({"anyOf": b})),
                (inner.clone(), inner).prop_map(|(a, b)| json!({"allOf": [a, b]})),
            ]
        })
    }

    fn value() -> impl Strategy<Value = Value> {
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::from),
            prop::sample::select(vec![0i64, 1, 2, 255, 256, -1, 299]).prop_map(Value::from),
            prop::sample::select(vec![2.5f64, 7.5, 1e300]).prop_map(Value::from),
            prop::sample::select(vec!["", "a", "ab", "abc", "b"]).prop_map(Value::from),
        ];
        leaf.prop_recursive(4, 24, 4, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..3).prop_map(Value::from),
                prop::collection::btree_map(
                    prop::sample::select(vec!["a".to_owned(), "b".to_owned(), "d".to_owned()]),
                    inner,
                    0..3
                )
                .prop_map(|m| Value::Object(m.into_iter().collect())),
            ]
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        #[test]
        fn plan_never_accepts_what_the_walker_reports(schema in schema(), args in value()) {
            let plan = Plan::compile(&schema);
            if plan.accepts(&args) {
                for ghosts in [GhostArguments::Strip, GhostArguments::Reject] {
                    let mut walked = args.clone();
                    let checked =
                        super::super::walk(&schema, &mut walked, ghosts, &Sanitizer::new());
                    prop_assert!(checked.problems.is_empty(), "{:?}", checked.problems);
                    prop_assert!(checked.stripped.is_empty());
                    prop_assert_eq!(&walked, &args);
                }
            }
        }
    }
}
