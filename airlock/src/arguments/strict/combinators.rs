//! `$ref`, `allOf`, `anyOf`, `oneOf` and `not`: schemas applied in place, and the choice of
//! the branch that fits.

use std::collections::HashSet;

use serde_json::{Map, Value};

use crate::Problem;

use super::cover::{Cover, Except, Siblings};
use super::limits::MAX_HOPS;
use super::out::Out;
use super::path::At;
use super::scalars::loosely;
use super::schema::{missing, single, sole_key, types};
use super::walker::{Descend, Walker};

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

impl<'s> Walker<'s> {
    /// Applies `$ref`, `allOf`, `anyOf`, `oneOf` and `not` at the same place.
    pub(super) fn in_place(
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
            out.nulls.extend(trial.nulls.iter().cloned());
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

    /// What the schema nodes around a branch declare, statically (every branch of a
    /// sibling combinator counts).
    fn outer(&self, siblings: &Siblings<'_, 's>) -> Cover<'s> {
        let mut cover = Cover::default();
        let mut seen = HashSet::new();
        let mut frames = HashSet::new();
        for (node, except) in siblings.frames() {
            let ptr: *const Map<String, Value> = node;
            // A schema loop repeats frames; a node gathered whole covers its frames.
            if !seen.contains(&ptr) && frames.insert((ptr, except)) {
                self.gather(node, Some(except), &mut cover, &mut seen, 0);
            }
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
}
