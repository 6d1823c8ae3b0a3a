//! The [`Walker`]: the bounds of one check and the walk of a schema over a value.

use std::cell::{Cell, RefCell};
use std::collections::{HashMap, HashSet};

use regex::Regex;
use serde_json::{Map, Value};

use crate::arguments::GhostArguments;
use crate::sanitize::Sanitizer;

use super::cover::{Cover, Siblings};
use super::numbers::fits_number;
use super::out::Out;
use super::path::{At, remove};
use super::problems::{overflow, too_complex, too_deep};
use super::scalars::{fits_type, fits_values};
use super::{Checked, MAX_FRAMES, MAX_HOPS, MAX_LEVEL};

/// The checker: the root schema, the mode and the bounds of one check.
pub(super) struct Walker<'s> {
    /// The root schema, which `$ref`s resolve against.
    pub(super) root: &'s Value,
    /// What to do with ghost arguments.
    pub(super) ghosts: GhostArguments,
    /// Masks strings before they are shown.
    pub(super) sanitizer: &'s Sanitizer,
    /// Schema evaluations left.
    pub(super) fuel: Cell<usize>,
    /// The current recursion depth.
    pub(super) frames: Cell<usize>,
    /// Compiled `pattern`s (`None` for one that does not compile).
    pub(super) patterns: RefCell<HashMap<&'s str, Option<Regex>>>,
}

impl<'s> Walker<'s> {
    /// Turns a walk into the result, stripping the ghosts found from `args`.
    pub(super) fn finish(&self, out: Out, args: &mut Value) -> Checked {
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
    pub(super) fn stop(&self, out: &Out) -> bool {
        (out.trial && out.failed()) || self.fuel.get() == 0
    }

    /// Uses one unit of fuel; false when there is none left.
    fn spend(&self) -> bool {
        let left = self.fuel.get();
        self.fuel.set(left.saturating_sub(1));
        left > 0
    }

    /// The schema a `$ref` names, if it is a pointer into the root schema.
    pub(super) fn resolve(&self, reference: &str) -> Option<&'s Value> {
        let pointer = reference.strip_prefix('#')?;
        if pointer.is_empty() {
            Some(self.root)
        } else {
            self.root.pointer(pointer)
        }
    }

    /// Checks a value at a fresh place: the schema, then its undeclared fields.
    pub(super) fn location(&self, schema: &'s Value, value: &Value, at: At<'_>, out: &mut Out) {
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
    pub(super) fn apply(
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
}
