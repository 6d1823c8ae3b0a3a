//! Strict checking of a call's arguments against the JSON Schema `schemars` generates for the
//! tool's argument type, before serde sees them, reporting every problem at once.
//!
//! The rules, briefly:
//!
//! - No coercion: `"12"` is not an integer, nor are `1.5`, `2.0` or `true`; `null` is not a
//!   string. `type` may be one name or a list (`["string", "null"]`).
//! - Integers honour their `format` range (`uint32`, `int8`, …) and `minimum`, `maximum`,
//!   `exclusiveMinimum`, `exclusiveMaximum` and `multipleOf`; numbers their bounds, and an
//!   `f32` (`"format": "float"`) its range, which serde would turn into infinity; strings
//!   their length in characters and `pattern` (a pattern that does not compile is no
//!   constraint); `enum` and `const` compare JSON values. Unknown keywords are ignored.
//! - Objects: a missing required field is reported at its own path. A field no schema at that
//!   place declares (a *ghost argument*) is stripped or rejected per [`GhostArguments`], at every
//!   level, unless `additionalProperties` allows it (`true`) or checks it (a schema). Fields
//!   declared by any schema applied at the same place (`$ref`, `allOf`, the accepted branch of
//!   `anyOf`/`oneOf`, which is how serde flattens and tags) count as declared; a schema with
//!   neither `properties` nor `additionalProperties` allows any field. A field that is not
//!   required and whose schema refuses `null`, sent as `null`, counts as left out: it is
//!   removed (not reported as stripped) so serde uses its default. OpenAI's strict mode sends
//!   `null` for every optional field the model would have left out.
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
//!
//! The modules depend on each other in one direction only: `limits`, `path`, `cover` and
//! `schema` at the bottom; then `numbers`, `phrases`, `out`; then `walker` (the state of one
//! check, and [`Descend`], the way down); the readers and wordings over it (`scalars`,
//! `render`, `describe`, `problems`); the parts that recurse through [`Descend`] (`objects`,
//! `arrays`, `combinators`); and `walk`, which implements [`Descend`] by dispatching to them.

mod arrays;
mod combinators;
mod cover;
mod describe;
mod limits;
mod numbers;
mod objects;
mod out;
mod path;
mod phrases;
mod plan;
mod problems;
mod render;
mod scalars;
mod schema;
mod walk;
mod walker;

use std::cell::{Cell, RefCell};
use std::collections::{HashMap, HashSet};

use serde_json::Value;

use crate::Problem;
use crate::arguments::GhostArguments;
use crate::sanitize::Sanitizer;

use limits::{BASE_FUEL, FUEL_PER_NODE};
use out::Out;
use path::{At, remove};
use plan::Plan;
use problems::{overflow, too_complex};
use walker::{Descend, Walker};

/// What a strict check found.
#[derive(Debug, Default)]
pub(crate) struct Checked {
    /// Every problem, in document order.
    pub(crate) problems: Vec<Problem>,
    /// JSON pointers of the undeclared fields removed (strip mode).
    pub(crate) stripped: Vec<String>,
}

/// A tool's argument schema, with the plan compiled from it when the tool is registered.
#[derive(Debug)]
pub(crate) struct Schema {
    value: Value,
    plan: Plan,
}

impl Schema {
    /// Compiles the plan of `value`, once.
    pub(crate) fn new(value: Value) -> Schema {
        let plan = Plan::compile(&value);
        Schema { value, plan }
    }

    /// The schema as JSON.
    pub(crate) fn value(&self) -> &Value {
        &self.value
    }
}

/// Checks `args` against `schema`; see the module docs. A clean call is told apart by the
/// schema's plan without walking it.
pub(crate) fn check(
    schema: &Schema,
    args: &mut Value,
    ghosts: GhostArguments,
    sanitizer: &Sanitizer,
) -> Checked {
    if schema.plan.accepts(args) {
        return Checked::default();
    }
    walk(&schema.value, args, ghosts, sanitizer)
}

/// Walks `args` against `schema`, finding every problem.
fn walk(
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
    finish(&walker, out, args)
}

/// Turns a walk into the result, stripping the ghosts found from `args`.
fn finish(walker: &Walker<'_>, out: Out, args: &mut Value) -> Checked {
    if walker.fuel.get() == 0 {
        return Checked {
            problems: vec![too_complex()],
            stripped: Vec::new(),
        };
    }
    let mut seen = HashSet::new();
    let mut stripped = out.stripped;
    stripped.retain(|p| seen.insert(p.clone()));
    for pointer in stripped.iter().chain(&out.nulls) {
        remove(args, pointer);
    }
    let mut problems = out.problems;
    if out.more > 0 {
        problems.push(overflow(out.more));
    }
    Checked { problems, stripped }
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

#[cfg(test)]
mod tests;
