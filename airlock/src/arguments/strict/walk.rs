//! The walk of a schema over a value: each place checked against its schema, each schema node
//! dispatched to the parts that check types, values, numbers, strings, arrays, objects and
//! combinators. Those recurse through [`Descend`], implemented here.

use serde_json::{Map, Value};

use super::cover::{Cover, Siblings};
use super::limits::{MAX_FRAMES, MAX_HOPS, MAX_LEVEL};
use super::numbers::fits_number;
use super::out::Out;
use super::path::At;
use super::problems::too_deep;
use super::scalars::{fits_type, fits_values};
use super::walker::{Descend, Walker};

impl<'s> Descend<'s> for Walker<'s> {
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
}

impl<'s> Walker<'s> {
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
