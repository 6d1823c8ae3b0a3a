//! How far one check goes and how much of a value it shows: every bound in one place.

/// The most problems reported; the rest are only counted.
pub(super) const MAX_PROBLEMS: usize = 50;
/// The most `$ref` hops and combinator levels followed at one place in the value.
pub(super) const MAX_HOPS: usize = 64;
/// The deepest value nesting checked.
pub(super) const MAX_LEVEL: usize = 64;
/// The deepest recursion of the checker, whatever the schema.
pub(super) const MAX_FRAMES: usize = 512;
/// The most characters of a string shown in `received`.
pub(super) const SHOWN_CHARS: usize = 32;
/// The longest number shown in `received`; longer ones are only measured.
pub(super) const SHOWN_DIGITS: usize = 6;
/// The most enum values or branches listed in `expected`.
pub(super) const LISTED: usize = 10;
/// Schema evaluations allowed regardless of the value's size.
pub(super) const BASE_FUEL: usize = 20_000;
/// Schema evaluations allowed per node of the value.
pub(super) const FUEL_PER_NODE: usize = 100;
