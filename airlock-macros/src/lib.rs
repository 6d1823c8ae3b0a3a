//! The `#[airlock]` attribute. Use it as `airlock::airlock`; see that crate's documentation.

use proc_macro::TokenStream;

/// Guards a tool function; see `airlock::airlock`.
#[proc_macro_attribute]
pub fn airlock(_args: TokenStream, item: TokenStream) -> TokenStream {
    item
}
