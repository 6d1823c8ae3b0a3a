//! Numbers: exact integers, integer ranges from formats and bounds, comparisons, multiples,
//! and the phrases that state them.

use std::cmp::Ordering::{Greater, Less};

use serde_json::{Map, Number, Value};

use super::schema::types;

/// An integer's exact value, if the number is one.
pub(super) fn integer(n: &Number) -> Option<i128> {
    n.as_i64()
        .map(i128::from)
        .or_else(|| n.as_u64().map(i128::from))
}

/// Inclusive integer bounds.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct IntRange {
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
    pub(super) fn contains(&self, v: Option<i128>) -> bool {
        v.is_some_and(|v| self.lo.is_none_or(|l| v >= l) && self.hi.is_none_or(|h| v <= h))
    }
}

/// The bounds an integer node sets: those worth showing (explicit bounds and formats up to 32
/// bits), and all of them (with 64-bit formats).
pub(super) fn int_ranges(node: &Map<String, Value>) -> (IntRange, IntRange) {
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
pub(super) fn fits_number(node: &Map<String, Value>, n: &Number) -> bool {
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
        && (!single_precision(node) || fits_f32(n))
        && !matches!(cmp("minimum"), Some(Less))
        && !matches!(cmp("maximum"), Some(Greater))
        && bound("exclusiveMinimum")
            .is_none_or(|_| matches!(cmp("exclusiveMinimum"), Some(Greater)))
        && bound("exclusiveMaximum").is_none_or(|_| matches!(cmp("exclusiveMaximum"), Some(Less)))
}

/// Whether the node is an `f32` (schemars writes `"format": "float"`).
fn single_precision(node: &Map<String, Value>) -> bool {
    node.get("format").and_then(Value::as_str) == Some("float")
}

/// Whether `n` is a finite `f32`: serde reads a larger number as infinity.
fn fits_f32(n: &Number) -> bool {
    // Rounds to the nearest `f32`, as serde does; beyond `f32::MAX` that is infinity.
    n.as_f64().is_some_and(|f| (f as f32).is_finite())
}

/// `integer`, `integer from 0 to 255`, `integer ≥ 1`, with `, a multiple of 5`.
pub(super) fn int_phrase(range: IntRange, multiple: Option<&Value>) -> String {
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
pub(super) fn number_phrase(node: &Map<String, Value>) -> String {
    let bound = |key: &str| node.get(key).and_then(Value::as_number);
    let shown = |b: Option<(&Number, bool)>| b.map(|(n, exclusive)| (n.to_string(), exclusive));
    let mut lo = shown(tighter(bound("minimum"), bound("exclusiveMinimum"), true));
    let mut hi = shown(tighter(bound("maximum"), bound("exclusiveMaximum"), false));
    if single_precision(node) {
        lo.get_or_insert_with(|| (format!("{:e}", f32::MIN), false));
        hi.get_or_insert_with(|| (format!("{:e}", f32::MAX), false));
    }
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
