//! The JSON boundary: arguments as a model sends them, checked strictly against the tool's
//! schema, with every problem reported at once.

pub(crate) mod parse;
pub(crate) mod strict;
pub(crate) mod validation;

/// What to do with arguments a tool does not declare (ghost arguments).
///
/// ```
/// use airlock::{Airlock, GhostArguments};
///
/// let runtime = Airlock::builder().ghost_arguments(GhostArguments::Reject).build();
/// assert_eq!(runtime.ghost_arguments(), GhostArguments::Reject);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum GhostArguments {
    /// Drop them, run the call, and list them in `stripped_arguments` (the default).
    #[default]
    Strip,
    /// Refuse the call with an `invalid_arguments` problem for each.
    Reject,
}
