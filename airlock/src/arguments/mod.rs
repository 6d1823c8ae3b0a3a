//! The JSON boundary: arguments as a model sends them, checked strictly against the tool's
//! schema, with every problem reported at once.

pub(crate) mod parse;
pub(crate) mod strict;
pub(crate) mod validation;
