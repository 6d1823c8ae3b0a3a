//! What the attribute may go on: a safe, non-`const`, Rust-ABI `fn` or `async fn` with a
//! body and a return type; and what the expansion needs to know of it.

use proc_macro2::{Span, TokenStream};
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

/// The variables the arguments' patterns bind, in order (not `self`).
pub(crate) fn argument_bindings(function: &ItemFn) -> Vec<(Ident, bool)> {
    let mut bindings = Vec::new();
    for input in &function.sig.inputs {
        if let FnArg::Typed(typed) = input {
            let mut names = Vec::new();
            pattern_bindings(&typed.pat, &mut names);
            let whole = holds_whole_arguments(&typed.ty);
            bindings.extend(names.into_iter().map(|name| (name, whole)));
        }
    }
    bindings
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

fn pattern_bindings(pat: &Pat, out: &mut Vec<Ident>) {
    match pat {
        Pat::Ident(binding) => {
            out.push(binding.ident.clone());
            if let Some((_, sub)) = &binding.subpat {
                pattern_bindings(sub, out);
            }
        }
        // Every alternative binds the same variables.
        Pat::Or(or) => {
            if let Some(first) = or.cases.first() {
                pattern_bindings(first, out);
            }
        }
        Pat::Paren(p) => pattern_bindings(&p.pat, out),
        Pat::Reference(r) => pattern_bindings(&r.pat, out),
        Pat::Slice(s) => s.elems.iter().for_each(|p| pattern_bindings(p, out)),
        Pat::Struct(s) => s.fields.iter().for_each(|f| pattern_bindings(&f.pat, out)),
        Pat::Tuple(t) => t.elems.iter().for_each(|p| pattern_bindings(p, out)),
        Pat::TupleStruct(t) => t.elems.iter().for_each(|p| pattern_bindings(p, out)),
        Pat::Type(t) => pattern_bindings(&t.pat, out),
        _ => {}
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
    fn finds_bindings_in_order() {
        let function = parse(quote! {
            fn f(&self, Parameters(q): Parameters<Q>, (a, mut b): (u8, u8), _: u8,
                 S { x, y: ref z, .. }: S, r#type: T, [first, ..]: [u8; 3]) -> R { todo!() }
        })
        .unwrap();
        let bindings = argument_bindings(&function);
        let names: Vec<String> = bindings.iter().map(|(b, _)| binding_name(b)).collect();
        assert_eq!(names, ["q", "a", "b", "x", "z", "type", "first"]);
        let whole: Vec<bool> = bindings.iter().map(|(_, whole)| *whole).collect();
        assert_eq!(whole, [true, false, false, false, false, false, false]);
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
