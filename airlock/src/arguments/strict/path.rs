//! Places in the value: JSON pointers, built and read back, and how a check got there.

use std::borrow::Cow;

use serde_json::Value;

/// Where in the value a check is, and how it got there.
#[derive(Debug, Clone, Copy)]
pub(super) struct At<'p> {
    /// The JSON pointer of the value.
    pub(super) path: &'p str,
    /// How deeply the value is nested.
    pub(super) level: usize,
    /// Whether the value is a required field (leaving it out is no fix).
    pub(super) required: bool,
    /// `$ref` hops and combinator levels taken at this place.
    pub(super) hops: usize,
}

impl<'p> At<'p> {
    /// The arguments object itself.
    pub(super) const ROOT: At<'static> = At {
        path: "",
        level: 0,
        required: true,
        hops: 0,
    };

    /// The same place, one schema hop further.
    pub(super) fn hop(self) -> Self {
        At {
            hops: self.hops + 1,
            ..self
        }
    }

    /// A field or item of the value, at `path`.
    pub(super) fn child<'q>(self, path: &'q str, required: bool) -> At<'q> {
        At {
            path,
            level: self.level + 1,
            required,
            hops: 0,
        }
    }
}

/// The JSON pointer of `key` under `parent` (RFC 6901: `~` as `~0`, `/` as `~1`).
pub(super) fn child_path(parent: &str, key: &str) -> String {
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

/// Removes the field a JSON pointer names from `args`.
pub(super) fn remove(args: &mut Value, pointer: &str) {
    let Some(cut) = pointer.rfind('/') else {
        return;
    };
    if let Some(Value::Object(map)) = args.pointer_mut(&pointer[..cut]) {
        map.remove(unescape(&pointer[cut + 1..]).as_ref());
    }
}
