//! Airlock guards the tools an AI agent calls.
//!
//! This release provides the sanitizer: [`sanitize::Sanitizer`] masks PII and secrets in
//! tool output before the model sees it. See the [`sanitize`] module.

pub mod sanitize;

pub use sanitize::{Sanitize, Sanitizer};
