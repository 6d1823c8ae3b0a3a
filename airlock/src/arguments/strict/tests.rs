use std::collections::HashMap;

use proptest::prelude::*;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::{Map, json};

use super::limits::MAX_PROBLEMS;
use super::path::child_path;
use super::*;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
enum Folder {
    Inbox,
    Sent,
    Archive,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
struct Contact {
    name: String,
    #[schemars(range(min = 1, max = 5))]
    priority: u8,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "kind", rename_all = "lowercase")]
enum Channel {
    Email { address: String },
    Sms { number: String },
}

/// A realistic tool's arguments.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
struct Search {
    #[schemars(range(min = 1, max = 100))]
    limit: u32,
    #[schemars(length(min = 3, max = 64))]
    query: String,
    note: Option<String>,
    folder: Folder,
    owner: Contact,
    cc: Vec<Contact>,
    labels: HashMap<String, u8>,
    channel: Channel,
    #[serde(default)]
    tags: Vec<String>,
}

fn schema<T: JsonSchema>() -> Value {
    serde_json::to_value(schemars::schema_for!(T)).unwrap()
}

/// Checks `args` as a toolbox does (plan first) and by walking alone: the two agree.
fn run(schema: &Value, mut args: Value, ghosts: GhostArguments) -> (Checked, Value) {
    let mut planned_args = args.clone();
    let compiled = Schema::new(schema.clone());
    let planned = check(&compiled, &mut planned_args, ghosts, &Sanitizer::new());
    let checked = walk(schema, &mut args, ghosts, &Sanitizer::new());
    assert_eq!(format!("{planned:?}"), format!("{checked:?}"));
    assert_eq!(planned_args, args);
    (checked, args)
}

fn problems(schema: &Value, args: Value) -> Vec<Problem> {
    run(schema, args, GhostArguments::Strip).0.problems
}

fn valid() -> Value {
    json!({
        "limit": 10,
        "query": "invoices",
        "note": null,
        "folder": "inbox",
        "owner": {"name": "Ann", "priority": 1},
        "cc": [{"name": "Bo", "priority": 2}],
        "labels": {"red": 1},
        "channel": {"kind": "email", "address": "a@example.org"},
    })
}

fn with(field: &str, value: Value) -> Value {
    let mut args = valid();
    args[field] = value;
    args
}

fn only(schema: &Value, args: Value) -> Problem {
    let found = problems(schema, args);
    assert_eq!(found.len(), 1, "{found:#?}");
    found.into_iter().next().unwrap()
}

#[test]
fn a_valid_call_passes_untouched() {
    let s = schema::<Search>();
    let (checked, args) = run(&s, valid(), GhostArguments::Reject);
    assert!(checked.problems.is_empty(), "{:#?}", checked.problems);
    assert!(checked.stripped.is_empty());
    assert_eq!(args, valid());
    serde_json::from_value::<Search>(args).unwrap();
}

#[test]
fn every_problem_is_reported_at_once_in_document_order() {
    let s = schema::<Search>();
    let args = json!({
        "limit": "12",
        "query": null,
        "folder": "Inbox",
        "owner": {"name": 7},
        "cc": [{"name": "ok", "priority": 9}, "bob"],
        "labels": {"a/b~c": 300, "fine": 1},
        "channel": {"kind": "sms", "number": 5551234},
        "tags": [1],
    });
    let found = problems(&s, args);
    let paths: Vec<&str> = found.iter().map(|p| p.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "/cc/0/priority",
            "/cc/1",
            "/channel/number",
            "/folder",
            "/labels/a~1b~0c",
            "/limit",
            "/owner/name",
            "/owner/priority",
            "/query",
            "/tags/0",
        ],
        "{found:#?}"
    );
    let at = |path: &str| found.iter().find(|p| p.path == path).unwrap();
    assert_eq!(at("/cc/0/priority").expected, "integer from 1 to 5");
    assert_eq!(at("/cc/0/priority").fix, "Send an integer from 1 to 5.");
    assert_eq!(at("/cc/1").expected, "object");
    assert_eq!(at("/cc/1").received, "string \"bob\"");
    assert_eq!(at("/channel/number").expected, "string");
    assert_eq!(at("/channel/number").received, "a number of 7 characters");
    assert_eq!(
        at("/channel/number").fix,
        "Send a string: put the value in double quotes."
    );
    assert_eq!(
        at("/folder").fix,
        "Use \"inbox\"; the values are case-sensitive."
    );
    assert_eq!(at("/labels/a~1b~0c").expected, "integer from 0 to 255");
    assert_eq!(at("/labels/a~1b~0c").received, "integer 300");
    assert_eq!(at("/owner/priority").received, "missing");
    assert_eq!(
        at("/owner/priority").fix,
        "Add \"priority\" (integer from 1 to 5)."
    );
    assert_eq!(
        at("/query").fix,
        "Send a string of 3 to 64 characters; null is not a string."
    );
    assert_eq!(at("/tags/0").expected, "string");
}

#[test]
fn a_quoted_integer_is_not_an_integer() {
    let s = schema::<Search>();
    let p = only(&s, with("limit", json!("12")));
    assert_eq!(
        p,
        Problem {
            path: "/limit".into(),
            expected: "integer from 1 to 100".into(),
            received: "string \"12\"".into(),
            fix: "Send 12 as a number, without quotes.".into(),
        }
    );
    // Out of range once unquoted: no promise that unquoting fixes it.
    let p = only(&s, with("limit", json!("500")));
    assert_eq!(p.fix, "Send an integer from 1 to 100.");
}

#[test]
fn fractions_and_booleans_are_not_integers() {
    let s = schema::<Search>();
    let p = only(&s, with("limit", json!(1.5)));
    assert_eq!(p.received, "number 1.5");
    assert_eq!(p.fix, "Send a whole number from 1 to 100.");
    let p = only(&s, with("limit", json!(2.0)));
    assert_eq!(p.received, "number 2.0");
    assert_eq!(p.expected, "integer from 1 to 100");
    let p = only(&s, with("limit", json!(true)));
    assert_eq!(p.received, "boolean true");
    assert_eq!(p.fix, "Send an integer from 1 to 100.");
    let p = only(&s, with("limit", json!(0)));
    assert_eq!(
        (p.received.as_str(), p.fix.as_str()),
        ("integer 0", "Send an integer from 1 to 100.")
    );
}

#[derive(JsonSchema)]
#[allow(dead_code)]
struct Plain {
    n: u32,
    small: i8,
    big: u64,
    signed: i64,
    ratio: f64,
    flag: bool,
}

#[test]
fn formats_set_integer_ranges() {
    let s = schema::<Plain>();
    let ok = json!({"n": 4294967295u64, "small": -128, "big": u64::MAX, "signed": i64::MIN, "ratio": 1, "flag": false});
    assert!(problems(&s, ok).is_empty());
    let found = problems(
        &s,
        json!({"n": -1, "small": 128, "big": -1, "signed": u64::MAX, "ratio": "x", "flag": "true"}),
    );
    let expected: Vec<(&str, &str)> = found
        .iter()
        .map(|p| (p.path.as_str(), p.expected.as_str()))
        .collect();
    assert_eq!(
        expected,
        [
            ("/big", "integer ≥ 0"),
            ("/flag", "boolean"),
            ("/n", "integer from 0 to 4294967295"),
            ("/ratio", "number"),
            (
                "/signed",
                "integer from -9223372036854775808 to 9223372036854775807"
            ),
            ("/small", "integer from -128 to 127"),
        ]
    );
    assert_eq!(found[1].fix, "Send true as a boolean, without quotes.");
    assert_eq!(found[2].fix, "Send an integer from 0 to 4294967295.");
}

#[test]
fn null_is_not_a_value_and_leaving_out_is_offered_when_optional() {
    let s = schema::<Search>();
    let p = only(&s, with("labels", json!({"red": null})));
    assert_eq!(p.expected, "integer from 0 to 255");
    assert_eq!(
        p.fix,
        "Send an integer from 0 to 255 or leave the field out; null is not an integer."
    );
    assert!(problems(&s, with("note", json!(null))).is_empty());
    let p = only(&s, with("note", json!(3)));
    assert_eq!(p.expected, "string or null");
}

#[test]
fn null_at_an_optional_field_that_refuses_it_counts_as_left_out() {
    let s = schema::<Search>();
    // `tags` has a default and refuses null: the null is removed, silently.
    let (checked, args) = run(&s, with("tags", json!(null)), GhostArguments::Reject);
    assert!(checked.problems.is_empty(), "{:#?}", checked.problems);
    assert!(checked.stripped.is_empty());
    assert_eq!(args, valid());
    assert!(
        serde_json::from_value::<Search>(args)
            .unwrap()
            .tags
            .is_empty()
    );
    // `note` accepts null: it stays.
    let (checked, args) = run(&s, with("note", json!(null)), GhostArguments::Strip);
    assert!(checked.problems.is_empty() && checked.stripped.is_empty());
    assert_eq!(args["note"], Value::Null);
    // A required field's null is still a problem, and a ghost's is still stripped.
    let p = only(&s, with("query", json!(null)));
    assert_eq!(p.path, "/query");
    let mut ghost = with("tags", json!(null));
    ghost["extra"] = json!(null);
    let (checked, args) = run(&s, ghost, GhostArguments::Strip);
    assert_eq!(checked.stripped, ["/extra"]);
    assert_eq!(args, valid());
}

#[test]
fn null_at_an_optional_field_in_nested_objects_and_branches() {
    let s = json!({
        "type": "object",
        "properties": {
            "inner": {
                "type": "object",
                "properties": {"n": {"type": "integer"}, "m": {"type": "integer"}},
                "required": ["m"],
            },
            "pick": {"oneOf": [
                {"type": "object", "properties": {"kind": {"const": "a"}, "x": {"type": "string"}},
                 "required": ["kind"], "additionalProperties": false},
                {"type": "object", "properties": {"kind": {"const": "b"}}, "required": ["kind"],
                 "additionalProperties": false},
            ]},
            "list": {"type": "array", "items": {"type": "object", "properties": {"k": {"type": "boolean"}}}},
        },
        "required": ["inner"],
    });
    let (checked, args) = run(
        &s,
        json!({"inner": {"n": null, "m": 1}, "pick": {"kind": "a", "x": null}, "list": [{"k": null}]}),
        GhostArguments::Reject,
    );
    assert!(checked.problems.is_empty(), "{:#?}", checked.problems);
    assert!(checked.stripped.is_empty());
    assert_eq!(
        args,
        json!({"inner": {"m": 1}, "pick": {"kind": "a"}, "list": [{}]})
    );
    let found = problems(&s, json!({"inner": {"m": null}}));
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].path, "/inner/m");
    // A property whose schema is `false` refuses null too, and is taken as left out.
    let s = json!({"type": "object", "properties": {"never": false}});
    let (checked, args) = run(&s, json!({"never": null}), GhostArguments::Reject);
    assert!(checked.problems.is_empty());
    assert_eq!(args, json!({}));
}

#[test]
fn a_missing_required_field_is_reported_at_its_own_path() {
    let s = schema::<Search>();
    let mut args = valid();
    args.as_object_mut().unwrap().remove("folder");
    let p = only(&s, args);
    assert_eq!(p.path, "/folder");
    assert_eq!(p.received, "missing");
    assert_eq!(p.expected, "one of \"inbox\", \"sent\", \"archive\"");
    assert_eq!(
        p.fix,
        "Add \"folder\" (one of \"inbox\", \"sent\", \"archive\")."
    );
    let p = only(&s, with("folder", json!("spam")));
    assert_eq!(p.fix, "Use one of \"inbox\", \"sent\", \"archive\".");
}

fn haunted() -> Value {
    let mut args = valid();
    args["verbose"] = json!(true);
    args["owner"]["email"] = json!("ann@example.org");
    args["cc"][0]["x/y"] = json!(1);
    args["channel"]["number"] = json!("555");
    args
}

#[test]
fn ghosts_are_stripped_at_every_level() {
    let s = schema::<Search>();
    let (checked, args) = run(&s, haunted(), GhostArguments::Strip);
    assert!(checked.problems.is_empty(), "{:#?}", checked.problems);
    assert_eq!(
        checked.stripped,
        ["/cc/0/x~1y", "/channel/number", "/owner/email", "/verbose"]
    );
    assert_eq!(args, valid());
}

#[test]
fn ghosts_are_rejected_at_every_level() {
    let s = schema::<Search>();
    let (checked, args) = run(&s, haunted(), GhostArguments::Reject);
    assert!(checked.stripped.is_empty());
    assert_eq!(args, haunted());
    let paths: Vec<&str> = checked.problems.iter().map(|p| p.path.as_str()).collect();
    assert_eq!(
        paths,
        ["/cc/0/x~1y", "/channel/number", "/owner/email", "/verbose"],
        "{:#?}",
        checked.problems
    );
    let root = &checked.problems[3];
    assert_eq!(
        root.expected,
        "no argument of that name (known: cc, channel, folder, labels, limit, note, owner, query, tags)"
    );
    assert_eq!(
        root.fix,
        "Remove `verbose`; this tool takes cc, channel, folder, labels, limit, note, owner, query, tags."
    );
    assert_eq!(root.received, "boolean true");
    let nested = &checked.problems[2];
    assert_eq!(
        nested.expected,
        "no field of that name (known: name, priority)"
    );
    assert_eq!(nested.received, "string \"[EMAIL]\"");
    assert_eq!(
        checked.problems[1].expected,
        "no field of that name (known: address, kind)"
    );
}

#[test]
fn a_tagged_enum_reports_the_tagged_variant() {
    let s = schema::<Search>();
    let p = only(&s, with("channel", json!({"kind": "sms", "number": true})));
    assert_eq!(
        (p.path.as_str(), p.expected.as_str()),
        ("/channel/number", "string")
    );
    let p = only(&s, with("channel", json!({"kind": "email"})));
    assert_eq!(
        (p.path.as_str(), p.received.as_str()),
        ("/channel/address", "missing")
    );
    let p = only(&s, with("channel", json!({"kind": "fax", "number": "1"})));
    assert_eq!(p.path, "/channel");
    assert_eq!(
        p.expected,
        "one of: object with \"kind\" = \"email\", object with \"kind\" = \"sms\""
    );
    assert_eq!(p.fix, "Set \"kind\" to one of \"email\", \"sms\".");
    let p = only(&s, with("channel", json!("email")));
    assert_eq!(p.received, "string \"email\"");
}

#[test]
fn sensitive_values_never_come_back() {
    let s = schema::<Search>();
    let p = only(&s, with("limit", json!("bob@example.com")));
    assert_eq!(p.received, "string \"[EMAIL]\"");
    assert_eq!(p.fix, "Send an integer from 1 to 100.");
    let p = only(&s, with("query", json!(4111111111111111u64)));
    assert_eq!(p.received, "a number of 16 characters");
    let p = only(&s, with("limit", json!("4111 1111 1111 1111")));
    assert!(!format!("{p:?}").contains("4111 1111"), "{p:?}");
    let p = only(&s, with("limit", json!(12345678)));
    assert_eq!(p.received, "a number of 8 characters");
    assert!(!format!("{p:?}").contains("12345678"));
}

#[test]
fn a_ten_megabyte_string_is_cut_before_masking() {
    let s = schema::<Search>();
    let huge = "x".repeat(10 * 1024 * 1024);
    let p = only(&s, with("limit", Value::String(huge)));
    assert!(p.received.chars().count() <= 50, "{}", p.received);
    assert_eq!(p.received, format!("string \"{}…\"", "x".repeat(32)));
    let p = only(
        &s,
        with("query", Value::String("y".repeat(10 * 1024 * 1024))),
    );
    assert_eq!(p.expected, "string of 3 to 64 characters");
    assert!(
        p.received.ends_with("(10485760 characters)"),
        "{}",
        p.received
    );
}

#[test]
fn too_many_problems_are_counted_not_listed() {
    let s = schema::<Search>();
    let cc: Vec<Value> = (0..80).map(|_| json!({"name": 1, "priority": 1})).collect();
    let found = problems(&s, with("cc", Value::Array(cc)));
    assert_eq!(found.len(), MAX_PROBLEMS + 1);
    let last = found.last().unwrap();
    assert_eq!(
        (
            last.path.as_str(),
            last.expected.as_str(),
            last.received.as_str(),
            last.fix.as_str()
        ),
        (
            "",
            "at most 50 problems reported",
            "30 more problems",
            "Fix the problems above first."
        )
    );
}

#[test]
fn boolean_and_empty_schemas() {
    for schema in [json!(true), json!({})] {
        let (checked, args) = run(
            &schema,
            json!({"a": [1, {"b": null}]}),
            GhostArguments::Reject,
        );
        assert!(checked.problems.is_empty() && checked.stripped.is_empty());
        assert_eq!(args, json!({"a": [1, {"b": null}]}));
    }
    let p = only(&json!(false), json!({}));
    assert_eq!((p.path.as_str(), p.expected.as_str()), ("", "no value"));
    let s = json!({"type": "object", "properties": {"gone": false, "any": true}});
    let p = only(&s, json!({"gone": 1, "any": [1]}));
    assert_eq!(p.path, "/gone");
    assert!(problems(&json!({"type": "object"}), json!({"x": 1})).is_empty());
}

#[test]
fn anyof_summarizes_plain_alternatives() {
    let s = json!({"anyOf": [{"type": "string"}, {"type": "null"}]});
    let p = only(&s, json!(5));
    assert_eq!(p.expected, "one of: string, null");
    assert_eq!(p.received, "integer 5");
    assert_eq!(p.fix, "Send one of: string, null.");
    assert!(problems(&s, json!(null)).is_empty());
    let s = json!({"anyOf": [{"enum": ["a", "b"]}, {"type": "null"}]});
    let p = only(&s, json!("c"));
    assert_eq!(p.expected, "one of \"a\", \"b\", null");
    assert_eq!(p.fix, "Use one of \"a\", \"b\", null.");
}

#[test]
fn oneof_must_fit_exactly_one() {
    let s = json!({"oneOf": [{"type": "integer"}, {"type": "number", "minimum": 0}]});
    assert!(problems(&s, json!(-1)).is_empty());
    assert!(problems(&s, json!(0.5)).is_empty());
    let p = only(&s, json!(3));
    assert_eq!(p.expected, "exactly one of: integer, number ≥ 0");
    let s = json!({"not": {"type": "string"}});
    assert!(problems(&s, json!(1)).is_empty());
    assert_eq!(only(&s, json!("x")).expected, "a value other than string");
}

#[test]
fn numbers_strings_and_arrays_honour_their_constraints() {
    let s = json!({"type": "object", "properties": {
        "n": {"type": "number", "exclusiveMinimum": 0, "maximum": 1},
        "m": {"type": "integer", "multipleOf": 5},
        "s": {"type": "string", "pattern": "^[a-z]+$"},
        "bad": {"type": "string", "pattern": "(("},
        "t": {"type": "array", "prefixItems": [{"type": "integer"}, {"type": "boolean"}], "items": false},
        "u": {"type": "array", "items": {"type": "integer"}, "uniqueItems": true, "minItems": 1},
        "c": {"const": {"x": 1}},
    }});
    let ok = json!({"n": 1, "m": 10, "s": "abc", "bad": "anything", "t": [1, true], "u": [1, 2], "c": {"x": 1}});
    assert!(problems(&s, ok).is_empty());
    let found = problems(
        &s,
        json!({"n": 0, "m": 7, "s": "ABC", "t": [1, true, 3], "u": [2, 1, 2], "c": {"x": 2}}),
    );
    let got: Vec<(&str, &str)> = found
        .iter()
        .map(|p| (p.path.as_str(), p.expected.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            ("/c", "{\"x\":1}"),
            ("/m", "integer, a multiple of 5"),
            ("/n", "number > 0 and ≤ 1"),
            ("/s", "string matching `^[a-z]+$`"),
            ("/t", "array of at most 2 items"),
            ("/u", "array of unique items"),
        ],
        "{found:#?}"
    );
    assert_eq!(
        found[5].received,
        "array of 3 items with item 2 equal to item 0"
    );
    assert_eq!(only(&s, json!({"u": []})).fix, "Send at least 1 item.");
}

#[test]
fn hostile_schemas_never_panic() {
    let schemas = [
        json!({"type": 5}),
        json!({"type": ["nope", 3]}),
        json!({"properties": []}),
        json!({"properties": {"a": 5}, "required": "a"}),
        json!({"required": [1, "a"]}),
        json!({"$ref": 7}),
        json!({"$ref": "#/nowhere"}),
        json!({"$ref": "http://example.com/schema"}),
        json!({"$ref": "#"}),
        json!({"$defs": {"A": {"$ref": "#/$defs/B"}, "B": {"$ref": "#/$defs/A"}}, "$ref": "#/$defs/A"}),
        json!({"anyOf": [{"$ref": "#"}, {"$ref": "#"}]}),
        json!({"oneOf": [{"$ref": "#"}, {"not": {"$ref": "#"}}]}),
        json!({"allOf": [{"$ref": "#"}], "properties": {"a": {"$ref": "#"}}}),
        json!({"items": {"$ref": "#"}, "additionalProperties": {"$ref": "#"}}),
        json!({"minimum": "x", "maxLength": -1, "multipleOf": 0, "enum": 3, "pattern": 9}),
        json!({"anyOf": [], "oneOf": 5, "allOf": {}, "not": 1}),
        json!({"prefixItems": 3, "items": [true, false], "uniqueItems": "yes"}),
        json!({"type": "integer", "minimum": 1e300, "maximum": -1e300, "multipleOf": 1e-300}),
        json!(5),
        json!(null),
    ];
    let values = [
        json!(null),
        json!(1),
        json!(1.5),
        json!("s"),
        json!([1, [2, [3]]]),
        json!({"a": {"a": {"a": []}}}),
    ];
    for s in &schemas {
        for v in &values {
            let (checked, _) = run(s, v.clone(), GhostArguments::Reject);
            assert!(checked.problems.len() <= MAX_PROBLEMS + 1);
        }
    }
    let p = only(&json!({"$ref": "#"}), json!(1));
    assert_eq!(p.received, "nesting too deep");
    assert!(problems(&json!({"$ref": "#/nowhere"}), json!({"x": 1})).is_empty());
}

#[derive(Serialize, Deserialize, JsonSchema)]
struct Node {
    next: Option<Box<Node>>,
    value: u8,
}

#[test]
fn deep_values_are_bounded() {
    let s = schema::<Node>();
    let mut v = json!({"value": 1, "next": null});
    for _ in 0..200 {
        v = json!({"value": 1, "next": v});
    }
    let found = problems(&s, v);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].received, "nesting too deep");
    let mut v = json!({"value": 1, "next": null});
    for _ in 0..30 {
        v = json!({"value": 1, "next": v});
    }
    assert!(problems(&s, v).is_empty());
}

#[test]
fn schema_loops_fit_a_small_stack() {
    let mut defs = Map::new();
    for i in 0..60 {
        defs.insert(
            format!("A{i}"),
            json!({"$ref": format!("#/$defs/A{}", i + 1)}),
        );
    }
    defs.insert(
        "A60".into(),
        json!({"type": "object", "properties": {"x": {"anyOf": [{"$ref": "#/$defs/A0"}, {"type": "null"}]}}}),
    );
    let chain = json!({"$defs": defs, "$ref": "#/$defs/A0"});
    let mut value = json!({"x": null});
    for _ in 0..100 {
        value = json!({"x": value});
    }
    let found = std::thread::Builder::new()
        .stack_size(2 << 20)
        .spawn(move || problems(&chain, value))
        .unwrap()
        .join()
        .unwrap();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].received, "nesting too deep");
}

#[derive(Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
enum Expr {
    Pair(Box<Expr>, Box<Expr>, u8),
    Wrap { inner: Box<Expr>, id: u8 },
    Leaf(u8),
}

#[test]
fn untagged_alternatives_stay_bounded() {
    let s = schema::<Expr>();
    let mut v = json!(1);
    for _ in 0..40 {
        v = json!([v.clone(), v, "not a u8"]);
        if v.to_string().len() > 1_000_000 {
            break;
        }
    }
    let start = std::time::Instant::now();
    let found = problems(&s, v);
    assert!(!found.is_empty());
    assert!(start.elapsed().as_secs() < 20, "{:?}", start.elapsed());
}

#[derive(Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
struct Inner {
    a: String,
}

#[derive(Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "kind")]
enum Shape {
    Named(Inner),
    Empty,
}

#[derive(Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
enum External {
    Plain,
    Named(Inner),
    Count(u8),
}

#[derive(Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
struct Flat {
    id: u8,
    #[serde(flatten)]
    shape: Shape,
    external: External,
    maybe: Option<Inner>,
}

#[test]
fn serde_compositions_declare_their_fields() {
    let s = schema::<Flat>();
    let ok = json!({"id": 1, "kind": "Named", "a": "x", "external": {"Named": {"a": "y"}}, "maybe": {"a": "z"}});
    let (checked, args) = run(&s, ok.clone(), GhostArguments::Reject);
    assert!(checked.problems.is_empty(), "{:#?}", checked.problems);
    assert_eq!(args, ok);
    serde_json::from_value::<Flat>(args).unwrap();
    let mut haunted = ok.clone();
    haunted["b"] = json!(1);
    haunted["external"]["Named"]["c"] = json!(2);
    haunted["maybe"]["d"] = json!(3);
    let (checked, args) = run(&s, haunted, GhostArguments::Strip);
    assert!(checked.problems.is_empty(), "{:#?}", checked.problems);
    // Fields the flattened enum's branch checks come after the struct's own.
    assert_eq!(checked.stripped, ["/external/Named/c", "/maybe/d", "/b"]);
    assert_eq!(args, ok);
    let found = problems(
        &s,
        json!({"id": 1, "kind": "Named", "a": 5, "external": {"Named": {"a": 1}}, "maybe": {"a": false}}),
    );
    let paths: Vec<&str> = found.iter().map(|p| p.path.as_str()).collect();
    assert_eq!(paths, ["/external/Named/a", "/maybe/a", "/a"], "{found:#?}");
    let p = only(
        &s,
        json!({"id": 1, "kind": "Empty", "external": "Plane", "maybe": null}),
    );
    assert_eq!(
        p.expected,
        "one of: \"Plain\", object with \"Named\", object with \"Count\""
    );
}

// ----- Properties -----

fn arb_json(depth: u32) -> impl Strategy<Value = Value> {
    let key = prop_oneof![
        prop::sample::select(vec![
            "limit", "query", "note", "folder", "owner", "cc", "labels", "channel", "tags", "kind",
            "name", "priority", "address", "number",
        ])
        .prop_map(str::to_owned),
        "[a-z/~]{0,4}",
    ];
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        (-1e9f64..1e9).prop_map(Value::from),
        prop::sample::select(vec!["12", "inbox", "email", "sms", "bob@example.com", ""])
            .prop_map(Value::from),
        "\\PC{0,40}".prop_map(Value::String),
    ];
    leaf.prop_recursive(depth, 64, 6, move |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec((key.clone(), inner), 0..6)
                .prop_map(|fields| Value::Object(fields.into_iter().collect())),
        ]
    })
}

fn arb_contact() -> impl Strategy<Value = Contact> {
    ("\\PC{0,12}", 1u8..=5).prop_map(|(name, priority)| Contact { name, priority })
}

fn arb_search() -> impl Strategy<Value = Search> {
    (
        1u32..=100,
        "\\PC{3,64}",
        prop::option::of("\\PC{0,12}"),
        prop::sample::select(vec![Folder::Inbox, Folder::Sent, Folder::Archive]),
        arb_contact(),
        prop::collection::vec(arb_contact(), 0..4),
        prop::collection::hash_map("\\PC{0,6}", any::<u8>(), 0..4),
        prop_oneof![
            "\\PC{0,12}".prop_map(|address| Channel::Email { address }),
            "\\PC{0,12}".prop_map(|number| Channel::Sms { number }),
        ],
        prop::collection::vec("\\PC{0,6}", 0..3),
    )
        .prop_map(
            |(limit, query, note, folder, owner, cc, labels, channel, tags)| Search {
                limit,
                query,
                note,
                folder,
                owner,
                cc,
                labels,
                channel,
                tags,
            },
        )
}

/// Whether `path` names a value of `original`, or a field of an object in it.
fn names_a_place(original: &Value, path: &str) -> bool {
    if original.pointer(path).is_some() {
        return true;
    }
    let Some(cut) = path.rfind('/') else {
        return false;
    };
    matches!(original.pointer(&path[..cut]), Some(Value::Object(_)))
}

proptest! {
    #[test]
    fn arbitrary_values_give_well_placed_problems(
        value in prop_oneof![
            arb_json(6),
            prop::collection::vec(("[a-z]{1,8}", arb_json(5)), 0..10)
                .prop_map(|f| Value::Object(f.into_iter().collect())),
        ],
        reject in any::<bool>(),
    ) {
        let s = schema::<Search>();
        let mode = if reject { GhostArguments::Reject } else { GhostArguments::Strip };
        let (checked, _) = run(&s, value.clone(), mode);
        prop_assert!(checked.problems.len() <= MAX_PROBLEMS + 1);
        for p in &checked.problems {
            prop_assert!(p.path.is_empty() || p.path.starts_with('/'), "{:?}", p);
            prop_assert!(names_a_place(&value, &p.path), "{:?} in {}", p, value);
            prop_assert!(!p.expected.is_empty() && !p.received.is_empty() && p.fix.ends_with('.'));
        }
        for pointer in &checked.stripped {
            prop_assert!(value.pointer(pointer).is_some(), "{} in {}", pointer, value);
        }
    }

    #[test]
    fn valid_instances_pass_untouched(search in arb_search()) {
        let s = schema::<Search>();
        let value = serde_json::to_value(&search).unwrap();
        let (checked, args) = run(&s, value.clone(), GhostArguments::Reject);
        prop_assert!(checked.problems.is_empty(), "{:#?}", checked.problems);
        prop_assert!(checked.stripped.is_empty());
        prop_assert_eq!(&args, &value);
        prop_assert_eq!(serde_json::from_value::<Search>(args).unwrap(), search);
    }

    #[test]
    fn a_ghost_is_stripped_exactly(
        search in arb_search(),
        key in "ghost[a-z/~]{0,4}",
        ghost in arb_json(3),
        place in 0usize..4,
    ) {
        let s = schema::<Search>();
        let value = serde_json::to_value(&search).unwrap();
        let parent = match place {
            0 => "",
            1 => "/owner",
            2 => "/channel",
            _ if search.cc.is_empty() => "",
            _ => "/cc/0",
        };
        let mut haunted = value.clone();
        haunted
            .pointer_mut(parent)
            .and_then(Value::as_object_mut)
            .unwrap()
            .insert(key.clone(), ghost);
        let (checked, args) = run(&s, haunted, GhostArguments::Strip);
        prop_assert!(checked.problems.is_empty(), "{:#?}", checked.problems);
        prop_assert_eq!(checked.stripped, vec![child_path(parent, &key)]);
        prop_assert_eq!(args, value);
    }
}

#[test]
fn an_f32_keeps_to_its_range_and_its_bounds() {
    let s = json!({"type": "number", "format": "float", "minimum": 0});
    let p = only(&s, json!(1e39));
    assert_eq!(p.expected, "number from 0 to 3.4028235e38");
    assert_eq!(p.received, "number 1e+39");
    assert_eq!(p.fix, "Send a number from 0 to 3.4028235e38.");
    assert_eq!(
        only(&s, json!(-1)).expected,
        "number from 0 to 3.4028235e38"
    );
    assert!(problems(&s, json!(f32::MAX)).is_empty());
    let double = json!({"type": "number", "format": "double"});
    assert!(problems(&double, json!(1e39)).is_empty());
}
