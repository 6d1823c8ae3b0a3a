//! What the attribute may go on: a safe, non-`const`, Rust-ABI `fn` or `async fn` with a
//! body and a return type; and what the expansion needs to know of it.

use proc_macro2::{Span, TokenStream};
use quote::ToTokens;
use syn::ext::IdentExt;
use syn::spanned::Spanned;
use syn::visit_mut::VisitMut;
use syn::{FnArg, Ident, Item, ItemFn, Pat, ReturnType, Type};

/// The message for a function that returns nothing, or nothing a denial can go through.
pub(crate) const RETURN_REQUIRED: &str = "`#[airlock]` functions must return `Result<T, E>` \
     where `E: From<airlock::ToolError>`: a denied call returns its error through it";

/// Parses the item under the attribute, refusing what it cannot guard.
pub(crate) fn parse(tokens: TokenStream) -> syn::Result<ItemFn> {
    let function = match syn::parse2::<Item>(tokens)? {
        Item::Fn(function) => function,
        Item::Verbatim(tokens) => {
            return Err(syn::Error::new_spanned(
                tokens,
                "`#[airlock]` needs a function with a body",
            ));
        }
        other => {
            return Err(syn::Error::new(
                item_span(&other),
                format!(
                    "`#[airlock]` goes on a `fn` or `async fn` (a free function or a method), \
                     not on {}",
                    item_kind(&other)
                ),
            ));
        }
    };
    let sig = &function.sig;
    let mut errors = Vec::new();
    if let Some(token) = &sig.constness {
        errors.push(syn::Error::new(
            token.span,
            "`#[airlock]` cannot guard a `const fn`: its guard decides each call at run time",
        ));
    }
    if let Some(token) = &sig.unsafety {
        errors.push(syn::Error::new(
            token.span,
            "`#[airlock]` cannot guard an `unsafe fn`: a tool must be safe to call; keep the \
             `unsafe` block inside a safe function",
        ));
    }
    if let Some(abi) = &sig.abi {
        errors.push(syn::Error::new_spanned(
            abi,
            "`#[airlock]` cannot guard an `extern` function: tools use the Rust ABI",
        ));
    }
    if let Some(variadic) = &sig.variadic {
        errors.push(syn::Error::new_spanned(
            variadic,
            "`#[airlock]` cannot guard a variadic function",
        ));
    }
    match &sig.output {
        ReturnType::Default => errors.push(syn::Error::new_spanned(sig, RETURN_REQUIRED)),
        ReturnType::Type(_, ty) if matches!(**ty, Type::ImplTrait(_)) => {
            errors.push(syn::Error::new_spanned(
                ty,
                format!("{RETURN_REQUIRED}; an `impl Trait` is not such a type"),
            ));
        }
        ReturnType::Type(..) => {}
    }
    let mut errors = errors.into_iter();
    match errors.next() {
        None => Ok(function),
        Some(mut first) => {
            first.extend(errors);
            Err(first)
        }
    }
}

fn item_span(item: &Item) -> Span {
    match item {
        Item::Const(i) => i.const_token.span,
        Item::Enum(i) => i.enum_token.span,
        Item::Impl(i) => i.impl_token.span,
        Item::Mod(i) => i.mod_token.span,
        Item::Static(i) => i.static_token.span,
        Item::Struct(i) => i.struct_token.span,
        Item::Trait(i) => i.trait_token.span,
        Item::Type(i) => i.type_token.span,
        Item::Union(i) => i.union_token.span,
        Item::Use(i) => i.use_token.span,
        other => other.span(),
    }
}

fn item_kind(item: &Item) -> &'static str {
    match item {
        Item::Const(_) => "a `const`",
        Item::Enum(_) => "an `enum`",
        Item::ExternCrate(_) => "an `extern crate`",
        Item::ForeignMod(_) => "an `extern` block",
        Item::Impl(_) => "an `impl` block (put it on the methods)",
        Item::Macro(_) => "a macro",
        Item::Mod(_) => "a module",
        Item::Static(_) => "a `static`",
        Item::Struct(_) => "a `struct`",
        Item::Trait(_) => "a trait (put it on the methods of an `impl`)",
        Item::TraitAlias(_) => "a trait alias",
        Item::Type(_) => "a type alias",
        Item::Union(_) => "a `union`",
        Item::Use(_) => "a `use`",
        _ => "this item",
    }
}

/// The return type as it can be written inside the body: every `impl Trait` in it becomes
/// `_`, which a `let` or a closure's return type may hold but not an `impl Trait`.
pub(crate) fn inner_return_type(ty: &Type) -> Type {
    struct Infer;
    impl VisitMut for Infer {
        fn visit_type_mut(&mut self, ty: &mut Type) {
            if let Type::ImplTrait(imp) = ty {
                *ty = Type::Infer(syn::TypeInfer {
                    underscore_token: syn::Token![_](imp.impl_token.span),
                });
            } else {
                syn::visit_mut::visit_type_mut(self, ty);
            }
        }
    }
    let mut ty = ty.clone();
    Infer.visit_type_mut(&mut ty);
    ty
}

/// One parameter of a guarded function.
pub(crate) struct Param {
    /// The name the guarded function gives it: its own for a plain `name: T`, a generated
    /// one for a pattern.
    pub(crate) ident: Ident,
    /// Its field in the arguments object: its name (`r#type` is `type`), or `argN` for a
    /// pattern.
    pub(crate) json_name: String,
    /// Its type.
    pub(crate) ty: Type,
    /// Whether it holds the whole arguments object (rmcp's `Parameters<T>` or `Json<T>`).
    pub(crate) wrapper: bool,
}

/// The parameters, in order (not `self`).
pub(crate) fn params(function: &ItemFn) -> Vec<Param> {
    function
        .sig
        .inputs
        .iter()
        .filter_map(|input| match input {
            FnArg::Typed(typed) => Some(typed),
            FnArg::Receiver(_) => None,
        })
        .enumerate()
        .map(|(index, typed)| {
            let plain = match &*typed.pat {
                Pat::Ident(binding) if binding.subpat.is_none() && binding.by_ref.is_none() => {
                    Some(&binding.ident)
                }
                _ => None,
            };
            let (ident, json_name) = match plain {
                Some(ident) => {
                    let mut ident = ident.clone();
                    // Used by generated code: lints about how it is used there, like clippy's
                    // `used_underscore_binding`, are not the user's.
                    ident.set_span(Span::call_site().located_at(ident.span()));
                    let name = binding_name(&ident);
                    (ident, name)
                }
                None => (
                    Ident::new(&format!("__airlock_arg{index}"), Span::call_site()),
                    format!("arg{index}"),
                ),
            };
            Param {
                ident,
                json_name,
                ty: (*typed.ty).clone(),
                wrapper: holds_whole_arguments(&typed.ty),
            }
        })
        .collect()
}

/// The parameters' patterns as written (not `self`).
pub(crate) fn patterns(function: &ItemFn) -> Vec<&Pat> {
    function
        .sig
        .inputs
        .iter()
        .filter_map(|input| match input {
            FnArg::Typed(typed) => Some(&*typed.pat),
            FnArg::Receiver(_) => None,
        })
        .collect()
}

/// Gives every parameter of `function` its plain name (`mut` dropped: the guarded function
/// only moves it on).
pub(crate) fn rename_params(function: &mut ItemFn, params: &[Param]) {
    let typed = function
        .sig
        .inputs
        .iter_mut()
        .filter_map(|input| match input {
            FnArg::Typed(typed) => Some(typed),
            FnArg::Receiver(_) => None,
        });
    for (typed, param) in typed.zip(params) {
        *typed.pat = Pat::Ident(syn::PatIdent {
            attrs: Vec::new(),
            by_ref: None,
            mutability: None,
            ident: param.ident.clone(),
            subpat: None,
        });
    }
}

/// Whether the function takes `self` in any form.
pub(crate) fn has_receiver(function: &ItemFn) -> bool {
    function.sig.receiver().is_some()
}

/// Whether the function is written inside an impl block: it takes `self` or names `Self`.
/// (An associated function with neither cannot be told from a free one; it is treated as
/// free, and must be moved out of the impl block or take `&self`.)
pub(crate) fn in_impl(function: &ItemFn) -> bool {
    fn names_self(tokens: TokenStream) -> bool {
        tokens.into_iter().any(|tree| match tree {
            proc_macro2::TokenTree::Ident(ident) => ident == "Self",
            proc_macro2::TokenTree::Group(group) => names_self(group.stream()),
            _ => false,
        })
    }
    has_receiver(function)
        || names_self(function.sig.to_token_stream())
        || names_self(function.block.to_token_stream())
}

/// Whether a free function can be registered in a `Toolbox`: not generic, and nothing in
/// its parameters or result borrows or is `impl Trait` (none has a single JSON form).
pub(crate) fn registrable(function: &ItemFn) -> bool {
    /// No `impl`, `dyn`, or borrow other than `'static`.
    fn plain(tokens: TokenStream) -> bool {
        let trees: Vec<proc_macro2::TokenTree> = tokens.into_iter().collect();
        trees.iter().enumerate().all(|(i, tree)| match tree {
            proc_macro2::TokenTree::Ident(ident) => ident != "impl" && ident != "dyn",
            proc_macro2::TokenTree::Punct(punct) if punct.as_char() == '&' => {
                matches!(trees.get(i + 1), Some(proc_macro2::TokenTree::Punct(p)) if p.as_char() == '\'')
                    && matches!(trees.get(i + 2), Some(proc_macro2::TokenTree::Ident(id)) if id == "static")
            }
            proc_macro2::TokenTree::Punct(punct) if punct.as_char() == '\'' => {
                matches!(trees.get(i + 1), Some(proc_macro2::TokenTree::Ident(id)) if id == "static")
            }
            proc_macro2::TokenTree::Punct(_) | proc_macro2::TokenTree::Literal(_) => true,
            proc_macro2::TokenTree::Group(group) => plain(group.stream()),
        })
    }
    let sig = &function.sig;
    sig.generics.params.is_empty()
        && sig.generics.where_clause.is_none()
        && sig.inputs.iter().all(|input| match input {
            FnArg::Typed(typed) => plain(typed.ty.to_token_stream()),
            FnArg::Receiver(_) => false,
        })
        && match &sig.output {
            ReturnType::Type(_, ty) => plain(ty.to_token_stream()),
            ReturnType::Default => false,
        }
}

/// Whether an argument of this type holds the model's whole arguments object: rmcp's
/// `Parameters<T>` and `Json<T>` (recognised, as rmcp itself does, by the last path
/// segment), so that problems found in it have paths from the root (`/limit`).
fn holds_whole_arguments(ty: &syn::Type) -> bool {
    match ty {
        syn::Type::Path(path) => path
            .path
            .segments
            .last()
            .is_some_and(|last| last.ident == "Parameters" || last.ident == "Json"),
        syn::Type::Paren(inner) => holds_whole_arguments(&inner.elem),
        syn::Type::Group(inner) => holds_whole_arguments(&inner.elem),
        _ => false,
    }
}

/// A binding's name as the model sees it (`r#type` is `type`).
pub(crate) fn binding_name(ident: &Ident) -> String {
    ident.unraw().to_string()
}

#[cfg(test)]
mod tests {
    use quote::{ToTokens, quote};

    use super::*;

    fn error(tokens: TokenStream) -> String {
        parse(tokens)
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default()
    }

    #[test]
    fn accepts_functions_and_methods() {
        assert!(
            parse(quote!(
                fn f() -> Result<(), E> {
                    Ok(())
                }
            ))
            .is_ok()
        );
        assert!(
            parse(quote!(
                pub async fn f(&self) -> Result<(), E> {
                    Ok(())
                }
            ))
            .is_ok()
        );
    }

    #[test]
    fn refuses_what_it_cannot_guard() {
        assert!(
            error(quote!(
                const fn f() -> Result<(), E> {
                    Ok(())
                }
            ))
            .contains("`const fn`")
        );
        assert!(
            error(quote!(
                unsafe fn f() -> Result<(), E> {
                    Ok(())
                }
            ))
            .contains("`unsafe fn`")
        );
        assert!(
            error(quote!(
                extern "C" fn f() -> u8 {
                    0
                }
            ))
            .contains("`extern`")
        );
        assert_eq!(
            error(quote!(
                fn f() {}
            )),
            RETURN_REQUIRED
        );
        assert!(
            error(quote!(
                fn f() -> impl Sized {}
            ))
            .contains("`impl Trait`")
        );
        assert!(
            error(quote!(
                struct S;
            ))
            .ends_with("not on a `struct`")
        );
        assert!(
            error(quote!(
                fn f() -> u8;
            ))
            .contains("with a body")
        );
    }

    #[test]
    fn finds_parameters_in_order() {
        let function = parse(quote! {
            fn f(&self, Parameters(q): Parameters<Q>, (a, mut b): (u8, u8), _: u8,
                 mut x: u32, r#type: T, limit: u32) -> R { todo!() }
        })
        .unwrap();
        let params = params(&function);
        let names: Vec<&str> = params.iter().map(|p| p.json_name.as_str()).collect();
        assert_eq!(names, ["arg0", "arg1", "arg2", "x", "type", "limit"]);
        let idents: Vec<String> = params.iter().map(|p| p.ident.to_string()).collect();
        assert_eq!(
            idents[..3],
            ["__airlock_arg0", "__airlock_arg1", "__airlock_arg2"]
        );
        let wrappers: Vec<bool> = params.iter().map(|p| p.wrapper).collect();
        assert_eq!(wrappers, [true, false, false, false, false, false]);
    }

    #[test]
    fn tells_methods_and_registrable_functions() {
        let method = parse(quote!(
            fn f(&self) -> R {
                todo!()
            }
        ))
        .unwrap();
        let names_self = parse(quote!(
            fn f() -> Result<Self, E> {
                todo!()
            }
        ))
        .unwrap();
        let free = parse(quote!(
            fn f(a: u32, b: Vec<String>) -> Result<String, E> {
                todo!()
            }
        ))
        .unwrap();
        assert!(in_impl(&method) && in_impl(&names_self) && !in_impl(&free));
        assert!(registrable(&free));
        let statics = parse(quote!(
            fn f() -> Result<&'static str, Cow<'static, str>> {
                todo!()
            }
        ))
        .unwrap();
        assert!(registrable(&statics));
        for unregistrable in [
            quote!(
                fn f<T>(a: T) -> Result<String, E> {
                    todo!()
                }
            ),
            quote!(
                fn f(a: &str) -> Result<String, E> {
                    todo!()
                }
            ),
            quote!(
                fn f(a: impl Display) -> Result<String, E> {
                    todo!()
                }
            ),
            quote!(
                fn f() -> Result<impl Display, E> {
                    todo!()
                }
            ),
            quote!(
                fn f() -> Result<Cow<'a, str>, E> {
                    todo!()
                }
            ),
            quote!(
                fn f(a: Cow<'_, str>) -> Result<String, E> {
                    todo!()
                }
            ),
        ] {
            assert!(!registrable(&parse(unregistrable).unwrap()));
        }
    }

    #[test]
    fn impl_trait_becomes_inferred() {
        let ty: Type = syn::parse_quote!(Result<Box<impl Iterator<Item = u8>>, E>);
        assert_eq!(
            inner_return_type(&ty).to_token_stream().to_string(),
            "Result < Box < _ > , E >"
        );
    }
}
