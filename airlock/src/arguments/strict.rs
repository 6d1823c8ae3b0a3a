//! Strict checking of a call's arguments against the JSON Schema `schemars` generates for the
//! tool's argument type, before serde sees them, reporting every problem at once.
//!
//! The rules, briefly:
//!
//! - No coercion: `"12"` is not an integer, nor are `1.5`, `2.0` or `true`; `null` is not a
//!   string. `type` may be one name or a list (`["string", "null"]`).
//! - Integers honour their `format` range (`uint32`, `int8`, …) and `minimum`, `maximum`,
//!   `exclusiveMinimum`, `exclusiveMaximum` and `multipleOf`; numbers their bounds; strings
//!   their length in characters and `pattern` (a pattern that does not compile is no
//!   constraint); `enum` and `const` compare JSON values. Unknown keywords are ignored.
//! - Objects: a missing required field is reported at its own path. A field no schema at that
//!   place declares (a *ghost argument*) is stripped or rejected per [`GhostArguments`], at every
//!   level, unless `additionalProperties` allows it (`true`) or checks it (a schema). Fields
//!   declared by any schema applied at the same place (`$ref`, `allOf`, the accepted branch of
//!   `anyOf`/`oneOf`, which is how serde flattens and tags) count as declared; a schema with
//!   neither `properties` nor `additionalProperties` allows any field.
//! - Arrays: `items`, `prefixItems` (with `items: false`), `minItems`, `maxItems`, `uniqueItems`.
//! - `$ref` resolves against the root schema (an unknown one allows anything); `allOf` needs
//!   every branch, `anyOf` some, `oneOf` exactly one, `not` none. Branches are tried without
//!   side effects and only the accepted one strips. When none fits, the one branch that the
//!   value's tag (serde's `#[serde(tag = "…")]`), key or type selects reports its own problems;
//!   otherwise one problem lists the alternatives.
//! - A [`Problem`] names a JSON pointer, the expectation in a few words, what came and one
//!   sentence saying how to fix it. What came is never echoed as sent: strings are cut to 32
//!   characters and then masked, numbers longer than 6 characters are only measured.
//! - Hostile schemas and values cannot panic or blow up: `$ref` hops and nesting are bounded
//!   (`nesting too deep`), the work is bounded by the size of the value, and at most 50
//!   problems are reported, then a count of the rest.

use std::borrow::Cow;
use std::cell::{Cell, RefCell};
use std::cmp::Ordering::{Greater, Less};
use std::collections::hash_map::DefaultHasher;
use std::collections::{HashMap, HashSet};
use std::fmt;
use std::hash::{Hash, Hasher};

use regex::{Regex, RegexBuilder};
use serde_json::{Map, Number, Value};

use crate::Problem;
use crate::runtime::GhostArguments;
use crate::sanitize::Sanitizer;

/// The most problems reported; the rest are only counted.
const MAX_PROBLEMS: usize = 50;
/// The most `$ref` hops and combinator levels followed at one place in the value.
const MAX_HOPS: usize = 64;
/// The deepest value nesting checked.
const MAX_LEVEL: usize = 64;
/// The deepest recursion of the checker, whatever the schema.
const MAX_FRAMES: usize = 512;
/// The most characters of a string shown in `received`.
const SHOWN_CHARS: usize = 32;
/// The longest number shown in `received`; longer ones are only measured.
const SHOWN_DIGITS: usize = 6;
/// The most enum values or branches listed in `expected`.
const LISTED: usize = 10;
/// Schema evaluations allowed regardless of the value's size.
const BASE_FUEL: usize = 20_000;
/// Schema evaluations allowed per node of the value.
const FUEL_PER_NODE: usize = 100;
/// The names `type` may use.
const TYPES: [&str; 7] = [
    "null", "boolean", "object", "array", "number", "integer", "string",
];

/// What a strict check found.
#[derive(Debug, Default)]
pub(crate) struct Checked {
    /// Every problem, in document order.
    pub(crate) problems: Vec<Problem>,
    /// JSON pointers of the undeclared fields removed (strip mode).
    pub(crate) stripped: Vec<String>,
}

/// Checks `args` against `schema`; see the module docs.
pub(crate) fn check(
    schema: &Value,
    args: &mut Value,
    ghosts: GhostArguments,
    sanitizer: &Sanitizer,
) -> Checked {
    let walker = Walker {
        root: schema,
        ghosts,
        sanitizer,
        fuel: Cell::new(BASE_FUEL.saturating_add(FUEL_PER_NODE.saturating_mul(size(args)))),
        frames: Cell::new(0),
        patterns: RefCell::new(HashMap::new()),
    };
    let mut out = Out::new(false);
    walker.location(schema, args, At::ROOT, &mut out);
    walker.finish(out, args)
}

/// The number of nodes in `value`, counted without recursion.
fn size(value: &Value) -> usize {
    let mut stack = vec![value];
    let mut count = 0usize;
    while let Some(v) = stack.pop() {
        count += 1;
        match v {
            Value::Array(items) => stack.extend(items),
            Value::Object(map) => stack.extend(map.values()),
            _ => {}
        }
    }
    count
}

/// Where in the value a check is, and how it got there.
#[derive(Debug, Clone, Copy)]
struct At<'p> {
    /// The JSON pointer of the value.
    path: &'p str,
    /// How deeply the value is nested.
    level: usize,
    /// Whether the value is a required field (leaving it out is no fix).
    required: bool,
    /// `$ref` hops and combinator levels taken at this place.
    hops: usize,
}

impl<'p> At<'p> {
    /// The arguments object itself.
    const ROOT: At<'static> = At {
        path: "",
        level: 0,
        required: true,
        hops: 0,
    };

    /// The same place, one schema hop further.
    fn hop(self) -> Self {
        At {
            hops: self.hops + 1,
            ..self
        }
    }

    /// A field or item of the value, at `path`.
    fn child<'q>(self, path: &'q str, required: bool) -> At<'q> {
        At {
            path,
            level: self.level + 1,
            required,
            hops: 0,
        }
    }
}

/// The JSON pointer of `key` under `parent` (RFC 6901: `~` as `~0`, `/` as `~1`).
fn child_path(parent: &str, key: &str) -> String {
    let mut path = String::with_capacity(parent.len() + key.len() + 1);
    path.push_str(parent);
    path.push('/');
    for c in key.chars() {
        match c {
            '~' => path.push_str("~0"),
            '/' => path.push_str("~1"),
            c => path.push(c),
        }
    }
    path
}

/// The key a JSON pointer segment names.
fn unescape(segment: &str) -> Cow<'_, str> {
    if segment.contains('~') {
        Cow::Owned(segment.replace("~1", "/").replace("~0", "~"))
    } else {
        Cow::Borrowed(segment)
    }
}

/// Problems and stripped fields found by one walk: the whole check, or one branch's trial.
#[derive(Debug)]
struct Out {
    /// The problems kept, at most [`MAX_PROBLEMS`].
    problems: Vec<Problem>,
    /// Problems found but not kept.
    more: usize,
    /// JSON pointers of ghost fields to strip.
    stripped: Vec<String>,
    /// A trial only asks whether a branch fits: it keeps no problem and stops at the first.
    trial: bool,
}

impl Out {
    /// An empty result; `trial` for a branch tried on the side.
    fn new(trial: bool) -> Self {
        Out {
            problems: Vec::new(),
            more: 0,
            stripped: Vec::new(),
            trial,
        }
    }

    /// Records a problem, building it only if it is kept, and once per path and expectation.
    fn push(&mut self, make: impl FnOnce() -> Problem) {
        if self.trial || self.problems.len() >= MAX_PROBLEMS {
            self.more += 1;
            return;
        }
        let problem = make();
        let repeated = self
            .problems
            .iter()
            .any(|p| p.path == problem.path && p.expected == problem.expected);
        if !repeated {
            self.problems.push(problem);
        }
    }

    /// Records a failure a trial needs to know of, but nobody reads.
    fn fail(&mut self) {
        self.more += 1;
    }

    /// Whether any problem was found.
    fn failed(&self) -> bool {
        self.more > 0 || !self.problems.is_empty()
    }
}

/// What the schemas applied at one place say about an object's fields.
#[derive(Debug, Clone, Default)]
struct Cover<'s> {
    /// The declared field names, in schema order.
    names: Vec<&'s str>,
    /// `additionalProperties` schemas every undeclared field must fit.
    extra: Vec<&'s Value>,
    /// Undeclared fields are allowed (or already handled).
    open: bool,
    /// Some schema declares fields or forbids others: undeclared fields are ghosts.
    closed: bool,
}

impl<'s> Cover<'s> {
    /// A cover that leaves every field alone.
    fn open() -> Self {
        Cover {
            open: true,
            ..Cover::default()
        }
    }

    /// Adds what `other` says.
    fn merge(&mut self, other: &Cover<'s>) {
        self.names.extend(&other.names);
        self.extra.extend(&other.extra);
        self.open |= other.open;
        self.closed |= other.closed;
    }

    /// Adds what an object schema node itself says about fields.
    fn declare(&mut self, node: &'s Map<String, Value>) {
        if let Some(Value::Object(props)) = node.get("properties") {
            self.closed = true;
            self.names.extend(props.keys().map(String::as_str));
        }
        match node.get("additionalProperties") {
            Some(Value::Bool(true)) => self.open = true,
            Some(Value::Bool(false)) => self.closed = true,
            Some(schema @ Value::Object(_)) => self.extra.push(schema),
            _ => {}
        }
        if node.contains_key("patternProperties") {
            self.open = true;
        }
    }
}

/// Which in-place part of a schema node is being applied (and so is left out of its siblings).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Except {
    /// The `$ref` target.
    Ref,
    /// One `allOf` entry.
    AllOf(usize),
    /// The `anyOf` branches.
    AnyOf,
    /// The `oneOf` branches.
    OneOf,
}

/// The schema nodes applied at the same place as the one being checked, outside it: what a
/// branch must count as declared when it decides which fields are ghosts.
#[derive(Debug, Clone, Copy)]
struct Siblings<'a, 's> {
    /// The enclosing node and the part of it being applied.
    frame: Option<(&'s Map<String, Value>, Except)>,
    /// The frames further out.
    parent: Option<&'a Siblings<'a, 's>>,
}

impl<'a, 's> Siblings<'a, 's> {
    /// No enclosing node: the schema applied to a fresh place in the value.
    const NONE: Siblings<'static, 'static> = Siblings {
        frame: None,
        parent: None,
    };

    /// `node`'s part `except`, inside `self`.
    fn within(&'a self, node: &'s Map<String, Value>, except: Except) -> Siblings<'a, 's> {
        Siblings {
            frame: Some((node, except)),
            parent: Some(self),
        }
    }
}

/// What a branch's shape says about a value before trying it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Verdict {
    /// The branch cannot fit: wrong type, a tag of another value, a required field missing.
    Mismatch,
    /// The value carries the branch's tag (or its single key).
    Match,
    /// Only trying tells.
    Unknown,
}

/// The checker: the root schema, the mode and the bounds of one check.
struct Walker<'s> {
    /// The root schema, which `$ref`s resolve against.
    root: &'s Value,
    /// What to do with ghost arguments.
    ghosts: GhostArguments,
    /// Masks strings before they are shown.
    sanitizer: &'s Sanitizer,
    /// Schema evaluations left.
    fuel: Cell<usize>,
    /// The current recursion depth.
    frames: Cell<usize>,
    /// Compiled `pattern`s (`None` for one that does not compile).
    patterns: RefCell<HashMap<&'s str, Option<Regex>>>,
}

impl<'s> Walker<'s> {
    /// Turns a walk into the result, stripping the ghosts found from `args`.
    fn finish(&self, out: Out, args: &mut Value) -> Checked {
        if self.fuel.get() == 0 {
            return Checked {
                problems: vec![too_complex()],
                stripped: Vec::new(),
            };
        }
        let mut seen = HashSet::new();
        let mut stripped = out.stripped;
        stripped.retain(|p| seen.insert(p.clone()));
        for pointer in &stripped {
            remove(args, pointer);
        }
        let mut problems = out.problems;
        if out.more > 0 {
            problems.push(overflow(out.more));
        }
        Checked { problems, stripped }
    }

    /// Whether a walk into `out` should stop: a trial that failed, or no fuel left.
    fn stop(&self, out: &Out) -> bool {
        (out.trial && out.failed()) || self.fuel.get() == 0
    }

    /// Uses one unit of fuel; false when there is none left.
    fn spend(&self) -> bool {
        let left = self.fuel.get();
        self.fuel.set(left.saturating_sub(1));
        left > 0
    }

    /// The schema a `$ref` names, if it is a pointer into the root schema.
    fn resolve(&self, reference: &str) -> Option<&'s Value> {
        let pointer = reference.strip_prefix('#')?;
        if pointer.is_empty() {
            Some(self.root)
        } else {
            self.root.pointer(pointer)
        }
    }

    /// Checks a value at a fresh place: the schema, then its undeclared fields.
    fn location(&self, schema: &'s Value, value: &Value, at: At<'_>, out: &mut Out) {
        let nested = match value {
            Value::Array(items) => !items.is_empty(),
            Value::Object(map) => !map.is_empty(),
            _ => false,
        };
        if at.level >= MAX_LEVEL && nested {
            out.push(|| too_deep(at.path));
            return;
        }
        let cover = self.apply(schema, value, at, out, &Siblings::NONE);
        self.extras(&cover, value, at, out);
    }

    /// Applies one schema at the current place and says which fields it declares.
    fn apply(
        &self,
        schema: &'s Value,
        value: &Value,
        at: At<'_>,
        out: &mut Out,
        siblings: &Siblings<'_, 's>,
    ) -> Cover<'s> {
        if self.stop(out) || !self.spend() {
            return Cover::open();
        }
        match schema {
            Value::Bool(false) => {
                out.push(|| self.forbidden(value, at));
                Cover::open()
            }
            Value::Object(node) => {
                if at.hops > MAX_HOPS || self.frames.get() >= MAX_FRAMES {
                    out.push(|| too_deep(at.path));
                    return Cover::open();
                }
                self.frames.set(self.frames.get() + 1);
                let cover = self.node(node, value, at, out, siblings);
                self.frames.set(self.frames.get() - 1);
                cover
            }
            _ => Cover::default(),
        }
    }

    /// Applies an object schema: type, values, constraints, then its in-place parts.
    fn node(
        &self,
        node: &'s Map<String, Value>,
        value: &Value,
        at: At<'_>,
        out: &mut Out,
        siblings: &Siblings<'_, 's>,
    ) -> Cover<'s> {
        if !fits_type(node, value) {
            out.push(|| self.wrong_type(node, value, at));
            return Cover::open();
        }
        if !fits_values(node, value) {
            out.push(|| self.unlisted(node, value, at));
            return Cover::open();
        }
        let mut cover = Cover::default();
        match value {
            Value::Number(n) if !fits_number(node, n) => {
                out.push(|| self.out_of_range(node, n, value, at));
            }
            Value::String(s) if !self.fits_string(node, s) => {
                out.push(|| self.bad_string(node, s, value, at));
            }
            Value::Array(items) => self.array(node, items, at, out),
            Value::Object(map) => cover = self.object(node, map, at, out),
            _ => {}
        }
        self.in_place(node, value, at, out, siblings, &mut cover);
        cover
    }

    /// Applies `$ref`, `allOf`, `anyOf`, `oneOf` and `not` at the same place.
    fn in_place(
        &self,
        node: &'s Map<String, Value>,
        value: &Value,
        at: At<'_>,
        out: &mut Out,
        siblings: &Siblings<'_, 's>,
        cover: &mut Cover<'s>,
    ) {
        if let Some(Value::String(reference)) = node.get("$ref") {
            match self.resolve(reference) {
                Some(target) => {
                    let inner = siblings.within(node, Except::Ref);
                    cover.merge(&self.apply(target, value, at.hop(), out, &inner));
                }
                None => cover.open = true,
            }
        }
        if let Some(Value::Array(all)) = node.get("allOf") {
            for (i, schema) in all.iter().enumerate() {
                let inner = siblings.within(node, Except::AllOf(i));
                cover.merge(&self.apply(schema, value, at.hop(), out, &inner));
            }
        }
        for (keyword, except) in [("anyOf", Except::AnyOf), ("oneOf", Except::OneOf)] {
            if let Some(Value::Array(branches)) = node.get(keyword) {
                let inner = siblings.within(node, except);
                cover.merge(&self.alternatives(branches, except, value, at, out, &inner));
            }
        }
        if let Some(not) = node.get("not")
            && !self.stop(out)
        {
            let mut trial = Out::new(true);
            self.apply(not, value, at.hop(), &mut trial, &Siblings::NONE);
            if !trial.failed() && self.fuel.get() > 0 {
                out.push(|| Problem {
                    path: at.path.to_owned(),
                    expected: format!("a value other than {}", self.describe(not, 0)),
                    received: self.render(value),
                    fix: "Send a different value.".to_owned(),
                });
            }
        }
    }

    /// Checks an object's declared fields and says which fields the node declares.
    fn object(
        &self,
        node: &'s Map<String, Value>,
        map: &Map<String, Value>,
        at: At<'_>,
        out: &mut Out,
    ) -> Cover<'s> {
        let mut cover = Cover::default();
        cover.declare(node);
        let required = required(node);
        let is_required = |name: &str| required.iter().any(|r| r.as_str() == Some(name));
        if out.trial && missing(node, map).is_some() {
            out.fail();
            return cover;
        }
        let props = match node.get("properties") {
            Some(Value::Object(props)) => Some(props),
            _ => None,
        };
        for (name, schema) in props.into_iter().flatten() {
            if self.stop(out) {
                return cover;
            }
            match map.get(name) {
                Some(v) => {
                    let path = child_path(at.path, name);
                    self.location(schema, v, at.child(&path, is_required(name)), out);
                }
                None if is_required(name) => out.push(|| self.absent(name, Some(schema), at)),
                None => {}
            }
        }
        for name in required.iter().filter_map(Value::as_str) {
            let declared = props.is_some_and(|p| p.contains_key(name));
            if !declared && !map.contains_key(name) {
                out.push(|| self.absent(name, None, at));
            }
        }
        cover
    }

    /// Checks the fields no schema at this place declares: against `additionalProperties`
    /// schemas, or as ghosts.
    fn extras(&self, cover: &Cover<'s>, value: &Value, at: At<'_>, out: &mut Out) {
        let Value::Object(map) = value else { return };
        if cover.open || (!cover.closed && cover.extra.is_empty()) {
            return;
        }
        for (key, v) in map {
            if self.stop(out) {
                return;
            }
            if cover.names.contains(&key.as_str()) {
                continue;
            }
            let path = child_path(at.path, key);
            if cover.extra.is_empty() {
                match self.ghosts {
                    GhostArguments::Strip => out.stripped.push(path),
                    GhostArguments::Reject => out.push(|| self.ghost(key, v, &path, cover, at)),
                }
            } else {
                for schema in &cover.extra {
                    self.location(schema, v, at.child(&path, false), out);
                }
            }
        }
    }

    /// Checks an array's size, uniqueness and items.
    fn array(&self, node: &'s Map<String, Value>, items: &[Value], at: At<'_>, out: &mut Out) {
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

    /// Applies `anyOf` or `oneOf`: picks the branch that fits, trying branches on the side,
    /// and reports why none does. Returns an open cover: the branch handled every field.
    ///
    /// Kept out of line: only places with alternatives pay for its large stack frame.
    #[inline(never)]
    fn alternatives(
        &self,
        branches: &'s [Value],
        kind: Except,
        value: &Value,
        at: At<'_>,
        out: &mut Out,
        siblings: &Siblings<'_, 's>,
    ) -> Cover<'s> {
        if self.stop(out) {
            return Cover::open();
        }
        // Only an object's fields need what the branch's siblings declare.
        let outer = if value.is_object() {
            self.outer(siblings)
        } else {
            Cover::default()
        };
        let verdicts: Vec<Verdict> = branches.iter().map(|b| self.verdict(b, value)).collect();
        let live: Vec<usize> = (0..branches.len())
            .filter(|&i| verdicts[i] != Verdict::Mismatch)
            .collect();
        let structured = matches!(value, Value::Object(_) | Value::Array(_));
        if let [only] = live[..]
            && (structured || verdicts[only] == Verdict::Match)
        {
            self.branch(&branches[only], value, at, out, siblings, &outer);
            return Cover::open();
        }
        let mut passed: Vec<Out> = Vec::new();
        for &i in &live {
            let mut trial = Out::new(true);
            self.branch(&branches[i], value, at, &mut trial, siblings, &outer);
            if self.fuel.get() == 0 {
                return Cover::open();
            }
            if !trial.failed() {
                let clean = trial.stripped.is_empty();
                passed.push(trial);
                if kind == Except::AnyOf && clean {
                    break;
                }
            }
        }
        let clean: Vec<&Out> = passed.iter().filter(|t| t.stripped.is_empty()).collect();
        let one = kind == Except::OneOf;
        let chosen = match (one, passed.len(), clean.len()) {
            (_, 0, _) => None,
            (true, 1, _) | (false, _, 0) => passed.first(),
            (true, _, 1) | (false, _, _) => clean.first().copied(),
            (true, _, _) => {
                out.push(|| self.ambiguous(branches, value, at));
                return Cover::open();
            }
        };
        if let Some(trial) = chosen {
            out.stripped.extend(trial.stripped.iter().cloned());
            return Cover::open();
        }
        let matched: Vec<usize> = live
            .iter()
            .copied()
            .filter(|&i| verdicts[i] == Verdict::Match)
            .collect();
        match matched[..] {
            _ if out.trial => out.fail(),
            [only] => self.branch(&branches[only], value, at, out, siblings, &outer),
            _ => out.push(|| self.no_branch(branches, value, at)),
        }
        Cover::open()
    }

    /// Applies one branch at the current place, then handles the fields neither it nor its
    /// siblings declare.
    fn branch(
        &self,
        branch: &'s Value,
        value: &Value,
        at: At<'_>,
        out: &mut Out,
        siblings: &Siblings<'_, 's>,
        outer: &Cover<'s>,
    ) {
        let mut cover = self.apply(branch, value, at.hop(), out, siblings);
        cover.merge(outer);
        self.extras(&cover, value, at, out);
    }

    /// What the schema nodes around a branch declare, statically (every branch of a
    /// sibling combinator counts).
    fn outer(&self, siblings: &Siblings<'_, 's>) -> Cover<'s> {
        let mut cover = Cover::default();
        let mut seen = HashSet::new();
        let mut frames = HashSet::new();
        let mut frame = Some(siblings);
        while let Some(s) = frame {
            if let Some((node, except)) = s.frame {
                let ptr: *const Map<String, Value> = node;
                // A schema loop repeats frames; a node gathered whole covers its frames.
                if !seen.contains(&ptr) && frames.insert((ptr, except)) {
                    self.gather(node, Some(except), &mut cover, &mut seen, 0);
                }
            }
            frame = s.parent;
        }
        cover
    }

    /// Adds what `node` and its in-place parts (but `except`) declare, each node once.
    fn gather(
        &self,
        node: &'s Map<String, Value>,
        except: Option<Except>,
        cover: &mut Cover<'s>,
        seen: &mut HashSet<*const Map<String, Value>>,
        depth: usize,
    ) {
        if depth > MAX_HOPS {
            cover.open = true;
            return;
        }
        cover.declare(node);
        let mut parts: Vec<&'s Value> = Vec::new();
        if except != Some(Except::Ref)
            && let Some(Value::String(reference)) = node.get("$ref")
        {
            match self.resolve(reference) {
                Some(target) => parts.push(target),
                None => cover.open = true,
            }
        }
        if let Some(Value::Array(all)) = node.get("allOf") {
            let skip = match except {
                Some(Except::AllOf(i)) => Some(i),
                _ => None,
            };
            parts.extend(
                all.iter()
                    .enumerate()
                    .filter(|(i, _)| Some(*i) != skip)
                    .map(|p| p.1),
            );
        }
        for (keyword, kind) in [("anyOf", Except::AnyOf), ("oneOf", Except::OneOf)] {
            if except != Some(kind)
                && let Some(Value::Array(branches)) = node.get(keyword)
            {
                parts.extend(branches);
            }
        }
        for part in parts {
            if let Value::Object(inner) = part
                && seen.insert(inner as *const _)
            {
                self.gather(inner, None, cover, seen, depth + 1);
            }
        }
    }

    /// The nodes a schema is made of along its `$ref` chain.
    fn facets(&self, schema: &'s Value) -> Vec<&'s Map<String, Value>> {
        let mut nodes = Vec::new();
        let mut current = schema;
        while let Value::Object(node) = current
            && nodes.len() <= MAX_HOPS
        {
            nodes.push(node);
            match node.get("$ref").and_then(Value::as_str) {
                Some(reference) => match self.resolve(reference) {
                    Some(target) => current = target,
                    None => break,
                },
                None => break,
            }
        }
        nodes
    }

    /// What a branch's shape says about `value`, without walking it.
    fn verdict(&self, branch: &'s Value, value: &Value) -> Verdict {
        if branch == &Value::Bool(false) {
            return Verdict::Mismatch;
        }
        let (mut tagged, mut lacking) = (false, false);
        for node in self.facets(branch) {
            let mut types = types(node).peekable();
            if types.peek().is_some() && !types.any(|t| loosely(value, t)) {
                return Verdict::Mismatch;
            }
            let Value::Object(map) = value else { continue };
            lacking |= missing(node, map).is_some();
            if let Some(key) = sole_key(node) {
                tagged |= map.contains_key(key);
            }
            let Some(Value::Object(props)) = node.get("properties") else {
                continue;
            };
            for (name, schema) in props {
                match (single(schema), map.get(name)) {
                    (Some(tag), Some(v)) if tag == v => tagged = true,
                    (Some(_), Some(_)) => return Verdict::Mismatch,
                    _ => {}
                }
            }
        }
        // A tagged branch lacking a field still fails, but it is the one to report.
        match (tagged, lacking) {
            (true, _) => Verdict::Match,
            (false, true) => Verdict::Mismatch,
            (false, false) => Verdict::Unknown,
        }
    }

    /// Whether a string meets its length and pattern.
    fn fits_string(&self, node: &'s Map<String, Value>, s: &str) -> bool {
        let min = node.get("minLength").and_then(Value::as_u64);
        let max = node.get("maxLength").and_then(Value::as_u64);
        if min.is_some() || max.is_some() {
            let count = u64::try_from(s.chars().count()).unwrap_or(u64::MAX);
            if min.is_some_and(|m| count < m) || max.is_some_and(|m| count > m) {
                return false;
            }
        }
        match node.get("pattern") {
            Some(Value::String(pattern)) => self.matches(pattern, s),
            _ => true,
        }
    }

    /// Whether `s` matches `pattern`; a pattern that does not compile matches everything.
    fn matches(&self, pattern: &'s str, s: &str) -> bool {
        let mut patterns = self.patterns.borrow_mut();
        let regex = patterns
            .entry(pattern)
            .or_insert_with(|| RegexBuilder::new(pattern).size_limit(1 << 20).build().ok());
        regex.as_ref().is_none_or(|r| r.is_match(s))
    }

    // ----- Problems -----

    /// A value whose JSON type the schema does not allow.
    fn wrong_type(&self, node: &'s Map<String, Value>, value: &Value, at: At<'_>) -> Problem {
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
    fn unlisted(&self, node: &'s Map<String, Value>, value: &Value, at: At<'_>) -> Problem {
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
    fn out_of_range(
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
    fn bad_string(
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
    fn wrong_count(
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
    fn absent(&self, name: &str, schema: Option<&'s Value>, at: At<'_>) -> Problem {
        let expected = schema.map_or_else(|| "a value".to_owned(), |s| self.describe(s, 0));
        Problem {
            path: child_path(at.path, name),
            fix: format!("Add \"{name}\" ({expected})."),
            expected,
            received: "missing".to_owned(),
        }
    }

    /// A field no schema declares, in reject mode.
    fn ghost(
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
    fn forbidden(&self, value: &Value, at: At<'_>) -> Problem {
        Problem {
            path: at.path.to_owned(),
            expected: "no value".to_owned(),
            received: self.render(value),
            fix: "Leave this value out.".to_owned(),
        }
    }

    /// A value that fits no branch of an `anyOf`/`oneOf`, and no branch stands out.
    fn no_branch(&self, branches: &'s [Value], value: &Value, at: At<'_>) -> Problem {
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
    fn ambiguous(&self, branches: &'s [Value], value: &Value, at: At<'_>) -> Problem {
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

    /// The field every branch tags with a different value (`"kind"`), and those values.
    fn common_tag(&self, branches: &'s [Value]) -> Option<(&'s str, Vec<Value>)> {
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

    // ----- Descriptions -----

    /// The expectation a schema sets, in a few words.
    fn describe(&self, schema: &'s Value, depth: usize) -> String {
        match schema {
            Value::Bool(false) => "no value".to_owned(),
            Value::Object(node) => self.describe_node(node, depth),
            _ => "any value".to_owned(),
        }
    }

    /// The expectation a schema node sets, following `$ref` and `allOf` as far as needed.
    fn describe_node(&self, node: &'s Map<String, Value>, depth: usize) -> String {
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
    fn summary(&self, branches: &'s [Value], depth: usize) -> (String, bool) {
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

    // ----- Rendering -----

    /// What came, for `received`: its type and a short, masked rendering.
    fn render(&self, value: &Value) -> String {
        match value {
            Value::Null => "null".to_owned(),
            Value::Bool(b) => format!("boolean {b}"),
            Value::Number(n) => {
                let text = n.to_string();
                let kind = if integer(n).is_some() {
                    "integer"
                } else {
                    "number"
                };
                if text.len() <= SHOWN_DIGITS {
                    format!("{kind} {text}")
                } else {
                    format!("a number of {} characters", text.len())
                }
            }
            Value::String(s) => format!("string {}", Value::String(self.shown(s))),
            Value::Array(items) => format!("array of {}", plural(items.len(), "item")),
            Value::Object(map) => format!("object with {}", plural(map.len(), "field")),
        }
    }

    /// At most [`SHOWN_CHARS`] characters of `s` (then `…`), masked.
    fn shown(&self, s: &str) -> String {
        let (cut, more) = match s.char_indices().nth(SHOWN_CHARS) {
            Some((end, _)) => (&s[..end], true),
            None => (s, false),
        };
        let mut text = self.sanitizer.sanitize(cut).text.into_owned();
        if more {
            text.push('…');
        }
        text
    }
}

/// The `required` names of a node.
fn required(node: &Map<String, Value>) -> &[Value] {
    node.get("required")
        .and_then(Value::as_array)
        .map_or(&[], Vec::as_slice)
}

/// The first required name of `node` that `map` lacks.
fn missing<'n>(node: &'n Map<String, Value>, map: &Map<String, Value>) -> Option<&'n str> {
    required(node)
        .iter()
        .filter_map(Value::as_str)
        .find(|name| !map.contains_key(*name))
}

/// The valid names in a node's `type` (one name or a list).
fn types(node: &Map<String, Value>) -> impl Iterator<Item = &str> {
    let list: &[Value] = match node.get("type") {
        Some(one @ Value::String(_)) => std::slice::from_ref(one),
        Some(Value::Array(many)) => many,
        _ => &[],
    };
    list.iter()
        .filter_map(Value::as_str)
        .filter(|t| TYPES.contains(t))
}

/// Whether `value` is of JSON Schema type `t` (an integer only if it has no fraction).
fn is_a(value: &Value, t: &str) -> bool {
    match (value, t) {
        (Value::Number(n), "integer") => integer(n).is_some(),
        (Value::Null, "null")
        | (Value::Bool(_), "boolean")
        | (Value::Object(_), "object")
        | (Value::Array(_), "array")
        | (Value::Number(_), "number")
        | (Value::String(_), "string") => true,
        _ => false,
    }
}

/// Whether `value` is of type `t`, counting any number as a possible integer.
fn loosely(value: &Value, t: &str) -> bool {
    is_a(value, t) || (t == "integer" && value.is_number())
}

/// Whether the node's `type` allows the value.
fn fits_type(node: &Map<String, Value>, value: &Value) -> bool {
    let mut types = types(node).peekable();
    types.peek().is_none() || types.any(|t| is_a(value, t))
}

/// Whether the value is the node's `const` and among its `enum`.
fn fits_values(node: &Map<String, Value>, value: &Value) -> bool {
    let constant = node.get("const").is_none_or(|c| c == value);
    let listed = match node.get("enum") {
        Some(Value::Array(values)) => values.contains(value),
        _ => true,
    };
    constant && listed
}

/// The single value a schema allows (`const`, or an `enum` of one): a tag.
fn single(schema: &Value) -> Option<&Value> {
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
fn sole_key(node: &Map<String, Value>) -> Option<&str> {
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
fn tuple(node: &Map<String, Value>) -> (&[Value], Option<&Value>) {
    match (node.get("prefixItems"), node.get("items")) {
        (Some(Value::Array(prefix)), rest) => (prefix, rest),
        (_, Some(Value::Array(prefix))) => (prefix, node.get("additionalItems")),
        (_, rest) => (&[], rest),
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

/// Removes the field a JSON pointer names from `args`.
fn remove(args: &mut Value, pointer: &str) {
    let Some(cut) = pointer.rfind('/') else {
        return;
    };
    if let Some(Value::Object(map)) = args.pointer_mut(&pointer[..cut]) {
        map.remove(unescape(&pointer[cut + 1..]).as_ref());
    }
}

// ----- Numbers -----

/// An integer's exact value, if the number is one.
fn integer(n: &Number) -> Option<i128> {
    n.as_i64()
        .map(i128::from)
        .or_else(|| n.as_u64().map(i128::from))
}

/// Inclusive integer bounds.
#[derive(Debug, Clone, Copy, Default)]
struct IntRange {
    /// The least value allowed.
    lo: Option<i128>,
    /// The greatest value allowed.
    hi: Option<i128>,
}

impl IntRange {
    /// Narrows to values ≥ `lo`.
    fn at_least(&mut self, lo: i128) {
        self.lo = Some(self.lo.map_or(lo, |l| l.max(lo)));
    }

    /// Narrows to values ≤ `hi`.
    fn at_most(&mut self, hi: i128) {
        self.hi = Some(self.hi.map_or(hi, |h| h.min(hi)));
    }

    /// Whether `v` (if an integer) is in range.
    fn contains(&self, v: Option<i128>) -> bool {
        v.is_some_and(|v| self.lo.is_none_or(|l| v >= l) && self.hi.is_none_or(|h| v <= h))
    }
}

/// The bounds an integer node sets: those worth showing (explicit bounds and formats up to 32
/// bits), and all of them (with 64-bit formats).
fn int_ranges(node: &Map<String, Value>) -> (IntRange, IntRange) {
    let mut shown = IntRange::default();
    let format = node.get("format").and_then(Value::as_str).unwrap_or("");
    let small = match format {
        "int8" => Some((i128::from(i8::MIN), i128::from(i8::MAX))),
        "int16" => Some((i128::from(i16::MIN), i128::from(i16::MAX))),
        "int32" => Some((i128::from(i32::MIN), i128::from(i32::MAX))),
        "uint8" => Some((0, i128::from(u8::MAX))),
        "uint16" => Some((0, i128::from(u16::MAX))),
        "uint32" => Some((0, i128::from(u32::MAX))),
        _ => None,
    };
    if let Some((lo, hi)) = small {
        shown.at_least(lo);
        shown.at_most(hi);
    }
    if matches!(format, "uint64" | "uint") {
        shown.at_least(0);
    }
    let bound = |key: &str| node.get(key).and_then(Value::as_number);
    if let Some(n) = bound("minimum") {
        shown.at_least(ceil(n));
    }
    if let Some(n) = bound("exclusiveMinimum") {
        shown.at_least(floor(n).saturating_add(1));
    }
    if let Some(n) = bound("maximum") {
        shown.at_most(floor(n));
    }
    if let Some(n) = bound("exclusiveMaximum") {
        shown.at_most(ceil(n).saturating_sub(1));
    }
    let mut all = shown;
    if matches!(format, "int64" | "int") {
        all.at_least(i128::from(i64::MIN));
        all.at_most(i128::from(i64::MAX));
    }
    (shown, all)
}

/// The least integer ≥ `n`.
fn ceil(n: &Number) -> i128 {
    // `as` saturates: a bound beyond i128 is as good as none.
    integer(n).unwrap_or_else(|| n.as_f64().map_or(0, |f| f.ceil() as i128))
}

/// The greatest integer ≤ `n`.
fn floor(n: &Number) -> i128 {
    integer(n).unwrap_or_else(|| n.as_f64().map_or(0, |f| f.floor() as i128))
}

/// Compares two numbers, exactly when both are integers.
fn compare(a: &Number, b: &Number) -> Option<std::cmp::Ordering> {
    match (integer(a), integer(b)) {
        (Some(x), Some(y)) => Some(x.cmp(&y)),
        _ => a.as_f64()?.partial_cmp(&b.as_f64()?),
    }
}

/// Whether `n` is a multiple of `m` (a non-positive `m` is no constraint).
fn multiple_of(n: &Number, m: &Number) -> bool {
    if let (Some(x), Some(y)) = (integer(n), integer(m)) {
        return y <= 0 || x % y == 0;
    }
    match (n.as_f64(), m.as_f64()) {
        (Some(x), Some(y)) if y > 0.0 => {
            let q = x / y;
            !q.is_finite() || (q - q.round()).abs() <= 1e-9 * q.abs().max(1.0)
        }
        _ => true,
    }
}

/// Whether a number meets the node's bounds, format range and `multipleOf`.
fn fits_number(node: &Map<String, Value>, n: &Number) -> bool {
    let multiple = node
        .get("multipleOf")
        .and_then(Value::as_number)
        .is_none_or(|m| multiple_of(n, m));
    if integer(n).is_some() && types(node).any(|t| t == "integer") {
        return multiple && int_ranges(node).1.contains(integer(n));
    }
    let bound = |key: &str| node.get(key).and_then(Value::as_number);
    let cmp = |key: &str| bound(key).and_then(|b| compare(n, b));
    multiple
        && !matches!(cmp("minimum"), Some(Less))
        && !matches!(cmp("maximum"), Some(Greater))
        && bound("exclusiveMinimum")
            .is_none_or(|_| matches!(cmp("exclusiveMinimum"), Some(Greater)))
        && bound("exclusiveMaximum").is_none_or(|_| matches!(cmp("exclusiveMaximum"), Some(Less)))
}

/// `integer`, `integer from 0 to 255`, `integer ≥ 1`, with `, a multiple of 5`.
fn int_phrase(range: IntRange, multiple: Option<&Value>) -> String {
    let mut phrase = match (range.lo, range.hi) {
        (Some(l), Some(h)) if l == h => format!("integer equal to {l}"),
        (Some(l), Some(h)) => format!("integer from {l} to {h}"),
        (Some(l), None) => format!("integer ≥ {l}"),
        (None, Some(h)) => format!("integer ≤ {h}"),
        (None, None) => "integer".to_owned(),
    };
    if let Some(Value::Number(m)) = multiple {
        phrase.push_str(&format!(", a multiple of {m}"));
    }
    phrase
}

/// `number`, `number from 0 to 1`, `number > 0 and ≤ 1`, with `, a multiple of 0.5`.
fn number_phrase(node: &Map<String, Value>) -> String {
    let bound = |key: &str| node.get(key).and_then(Value::as_number);
    let lo = tighter(bound("minimum"), bound("exclusiveMinimum"), true);
    let hi = tighter(bound("maximum"), bound("exclusiveMaximum"), false);
    let mut phrase = match (lo, hi) {
        (Some((l, false)), Some((h, false))) => format!("number from {l} to {h}"),
        (Some((l, le)), Some((h, he))) => format!(
            "number {} {l} and {} {h}",
            if le { ">" } else { "≥" },
            if he { "<" } else { "≤" }
        ),
        (Some((l, le)), None) => format!("number {} {l}", if le { ">" } else { "≥" }),
        (None, Some((h, he))) => format!("number {} {h}", if he { "<" } else { "≤" }),
        (None, None) => "number".to_owned(),
    };
    if let Some(m) = bound("multipleOf") {
        phrase.push_str(&format!(", a multiple of {m}"));
    }
    phrase
}

/// The tighter of an inclusive and an exclusive bound, and whether it is exclusive.
fn tighter<'n>(
    inclusive: Option<&'n Number>,
    exclusive: Option<&'n Number>,
    lower: bool,
) -> Option<(&'n Number, bool)> {
    match (inclusive, exclusive) {
        (Some(i), Some(e)) => {
            let exclusive_wins = match compare(e, i) {
                Some(Greater) => lower,
                Some(Less) => !lower,
                _ => true,
            };
            Some(if exclusive_wins {
                (e, true)
            } else {
                (i, false)
            })
        }
        (Some(i), None) => Some((i, false)),
        (None, Some(e)) => Some((e, true)),
        (None, None) => None,
    }
}

// ----- Phrases -----

/// `string`, `string of 3 to 64 characters`, `string matching `^[a-z]+$``.
fn string_phrase(node: &Map<String, Value>) -> String {
    let min = node.get("minLength").and_then(Value::as_u64);
    let max = node.get("maxLength").and_then(Value::as_u64);
    let mut phrase = match (min, max) {
        (Some(a), Some(b)) if a == b => format!("string of exactly {}", plural(a, "character")),
        (Some(a), Some(b)) => format!("string of {a} to {}", plural(b, "character")),
        (Some(a), None) => format!("string of at least {}", plural(a, "character")),
        (None, Some(b)) => format!("string of at most {}", plural(b, "character")),
        (None, None) => "string".to_owned(),
    };
    if let Some(Value::String(pattern)) = node.get("pattern") {
        phrase.push_str(&format!(" matching `{pattern}`"));
    }
    phrase
}

/// `object`, `object with "kind" = "email"` (a tag), `object with "Variant"` (a sole key).
fn object_phrase(node: &Map<String, Value>) -> String {
    let tag = match node.get("properties") {
        Some(Value::Object(props)) => props.iter().find_map(|(k, s)| single(s).map(|v| (k, v))),
        _ => None,
    };
    match (tag, sole_key(node)) {
        (Some((name, value)), _) => format!("object with \"{name}\" = {}", literal(value)),
        (None, Some(key)) => format!("object with \"{key}\""),
        (None, None) => "object".to_owned(),
    }
}

/// `one of "inbox", "sent", "archive"`, or the one value allowed.
fn values_phrase(values: &[Value]) -> String {
    list_values(&values.iter().collect::<Vec<_>>())
}

/// [`values_phrase`] over borrowed values.
fn list_values(values: &[&Value]) -> String {
    match values {
        [] => "no value".to_owned(),
        [one] => literal(one),
        many => format!("one of {}", list(many.iter().map(|v| literal(v)))),
    }
}

/// A schema's value as JSON, cut if long.
fn literal(value: &Value) -> String {
    let text = value.to_string();
    match text.char_indices().nth(64) {
        Some((end, _)) => format!("{}…", &text[..end]),
        None => text,
    }
}

/// At most [`LISTED`] phrases, comma-separated, then `…`.
fn list(items: impl Iterator<Item = String>) -> String {
    let mut out = String::new();
    for (i, item) in items.enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        if i == LISTED {
            out.push('…');
            break;
        }
        out.push_str(&item);
    }
    out
}

/// An expectation with its article: `an integer from 1 to 100`, `a string`, `null`.
fn noun(phrase: &str) -> String {
    let starts = |words: &[&str]| words.iter().any(|w| phrase.starts_with(w));
    if starts(&["integer", "object", "array"]) {
        format!("an {phrase}")
    } else if starts(&["string", "number", "boolean", "value"]) {
        format!("a {phrase}")
    } else {
        phrase.to_owned()
    }
}

/// `1 item`, `3 items`.
fn plural<N: fmt::Display + PartialEq + From<u8>>(n: N, word: &str) -> String {
    if n == N::from(1) {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// The problem at a place nested too deeply (or where the schema loops).
fn too_deep(path: &str) -> Problem {
    Problem {
        path: path.to_owned(),
        expected: format!("at most {MAX_LEVEL} levels of nesting"),
        received: "nesting too deep".to_owned(),
        fix: "Send a less deeply nested value.".to_owned(),
    }
}

/// The last problem when more than [`MAX_PROBLEMS`] were found.
fn overflow(more: usize) -> Problem {
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
fn too_complex() -> Problem {
    Problem {
        path: String::new(),
        expected: "arguments simple enough to check".to_owned(),
        received: "a value too complex to check against this schema".to_owned(),
        fix: "Send a smaller or simpler value.".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use proptest::prelude::*;
    use schemars::JsonSchema;
    use serde::{Deserialize, Serialize};
    use serde_json::json;

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

    fn run(schema: &Value, mut args: Value, ghosts: GhostArguments) -> (Checked, Value) {
        let checked = check(schema, &mut args, ghosts, &Sanitizer::new());
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
        let p = only(&s, with("tags", json!(null)));
        assert_eq!(p.expected, "array of string");
        assert_eq!(
            p.fix,
            "Send an array of string or leave the field out; null is not an array."
        );
        assert!(problems(&s, with("note", json!(null))).is_empty());
        let p = only(&s, with("note", json!(3)));
        assert_eq!(p.expected, "string or null");
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
                "limit", "query", "note", "folder", "owner", "cc", "labels", "channel", "tags",
                "kind", "name", "priority", "address", "number",
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
}
