//! Objects: declared fields, required fields, and the fields no schema declares.
//!
//! An optional field sent as `null` is taken as left out when its schema refuses `null`: a
//! field the object's `required` does not list, whose schema does not accept `null` (an
//! `Option` accepts it and keeps it), is removed before serde sees the arguments, so serde
//! uses its default, and it is not reported as stripped. OpenAI's strict mode makes every
//! field required and the optional ones nullable, so a model sends `null` where it would
//! have left the field out. A `null` at a required field is still a problem.

use serde_json::{Map, Value};

use crate::arguments::GhostArguments;

use super::cover::Cover;
use super::out::Out;
use super::path::{At, child_path};
use super::schema::{missing, required};
use super::walker::{Descend, Walker};

impl<'s> Walker<'s> {
    /// Checks an object's declared fields and says which fields the node declares.
    pub(super) fn object(
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
                Some(Value::Null) if !is_required(name) => {
                    let path = child_path(at.path, name);
                    let mut trial = Out::new(true);
                    self.location(schema, &Value::Null, at.child(&path, false), &mut trial);
                    if trial.failed() {
                        out.nulls.push(path);
                    }
                }
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
    pub(super) fn extras(&self, cover: &Cover<'s>, value: &Value, at: At<'_>, out: &mut Out) {
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
}
