//! The [`Walker`]: the root schema, the mode and the bounds of one check; and [`Descend`], the
//! way down through which the parts of the walk check what a value contains.
//!
//! The walk (in `walk`) dispatches each schema node to the parts that check objects, arrays
//! and combinators, and those recurse into the values they contain. They do so through
//! [`Descend`], which this module declares and `walk` implements, so no part imports the
//! walk that imports it: the modules form no cycle.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;

use regex::Regex;
use serde_json::{Map, Value};

use crate::arguments::GhostArguments;
use crate::sanitize::Sanitizer;

use super::cover::{Cover, Siblings};
use super::limits::MAX_HOPS;
use super::out::Out;
use super::path::At;

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

/// The walk's way down: how objects, arrays and combinators check the values they contain
/// and the schemas they apply in place. Implemented in `walk`.
pub(super) trait Descend<'s> {
    /// Checks a value at a fresh place: the schema, then its undeclared fields.
    fn location(&self, schema: &'s Value, value: &Value, at: At<'_>, out: &mut Out);

    /// Applies one schema at the current place and says which fields it declares.
    fn apply(
        &self,
        schema: &'s Value,
        value: &Value,
        at: At<'_>,
        out: &mut Out,
        siblings: &Siblings<'_, 's>,
    ) -> Cover<'s>;
}

impl<'s> Walker<'s> {
    /// Whether a walk into `out` should stop: a trial that failed, or no fuel left.
    pub(super) fn stop(&self, out: &Out) -> bool {
        (out.trial && out.failed()) || self.fuel.get() == 0
    }

    /// Uses one unit of fuel; false when there is none left.
    pub(super) fn spend(&self) -> bool {
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

    /// The nodes a schema is made of along its `$ref` chain.
    pub(super) fn facets(&self, schema: &'s Value) -> Vec<&'s Map<String, Value>> {
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
}
