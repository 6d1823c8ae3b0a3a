//! Which fields the schemas applied at one place declare, and so which are ghosts.

use serde_json::{Map, Value};

/// What the schemas applied at one place say about an object's fields.
#[derive(Debug, Clone, Default)]
pub(super) struct Cover<'s> {
    /// The declared field names, in schema order.
    pub(super) names: Vec<&'s str>,
    /// `additionalProperties` schemas every undeclared field must fit.
    pub(super) extra: Vec<&'s Value>,
    /// Undeclared fields are allowed (or already handled).
    pub(super) open: bool,
    /// Some schema declares fields or forbids others: undeclared fields are ghosts.
    pub(super) closed: bool,
}

impl<'s> Cover<'s> {
    /// A cover that leaves every field alone.
    pub(super) fn open() -> Self {
        Cover {
            open: true,
            ..Cover::default()
        }
    }

    /// Adds what `other` says.
    pub(super) fn merge(&mut self, other: &Cover<'s>) {
        self.names.extend(&other.names);
        self.extra.extend(&other.extra);
        self.open |= other.open;
        self.closed |= other.closed;
    }

    /// Adds what an object schema node itself says about fields.
    pub(super) fn declare(&mut self, node: &'s Map<String, Value>) {
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
pub(super) enum Except {
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
pub(super) struct Siblings<'a, 's> {
    /// The enclosing node and the part of it being applied.
    frame: Option<(&'s Map<String, Value>, Except)>,
    /// The frames further out.
    parent: Option<&'a Siblings<'a, 's>>,
}

impl<'a, 's> Siblings<'a, 's> {
    /// No enclosing node: the schema applied to a fresh place in the value.
    pub(super) const NONE: Siblings<'static, 'static> = Siblings {
        frame: None,
        parent: None,
    };

    /// `node`'s part `except`, inside `self`.
    pub(super) fn within(
        &'a self,
        node: &'s Map<String, Value>,
        except: Except,
    ) -> Siblings<'a, 's> {
        Siblings {
            frame: Some((node, except)),
            parent: Some(self),
        }
    }

    /// The enclosing nodes and their parts being applied, innermost first.
    pub(super) fn frames(&self) -> impl Iterator<Item = (&'s Map<String, Value>, Except)> {
        std::iter::successors(Some(self), |s| s.parent).filter_map(|s| s.frame)
    }
}
