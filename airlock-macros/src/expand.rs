//! The expansion: the function as written, its body replaced by a guarded one.
//!
//! ```text
//! static __AIRLOCK_TOOL: Tool = Tool { name, policy, access, mask, max_output };
//! let guard = match enter(&__AIRLOCK_TOOL) { Ok(g) => g, Err(e) => return RET::denied(e) };
//! // each argument binding: validate it if its type implements `validator::Validate`
//! let mut result: RET = run_sync(move || -> RET { BODY });   // or: async move { BODY }.await
//! // mask the `Ok` value if its type implements `Sanitize`
//! result
//! ```
//!
//! Every decision is made by `airlock::__private`; this only describes the tool and calls it.
//! The generated locals have mixed-site hygiene, so the body cannot see them.

use proc_macro2::{Group, Literal, Span, TokenStream, TokenTree};
use quote::{ToTokens, quote, quote_spanned};
use syn::spanned::Spanned;
use syn::{Ident, ItemFn, LitStr, Path, ReturnType, Type};

use crate::args::{Args, Mask};
use crate::item;

/// The attribute's output for `args` on `item`: the guarded function, or the item unchanged
/// with every error found (so that the error is all the user sees, not its consequences).
pub(crate) fn airlock(args: TokenStream, item: TokenStream) -> TokenStream {
    match (crate::args::parse(args), item::parse(item.clone())) {
        (Ok(args), Ok(function)) => guard(&args, function),
        (args, function) => {
            let mut output = item;
            let errors = args.err().into_iter().chain(function.err());
            output.extend(errors.map(|e| e.to_compile_error()));
            output
        }
    }
}

/// The function with its body guarded.
fn guard(args: &Args, mut function: ItemFn) -> TokenStream {
    let krate: Path = args
        .krate
        .clone()
        .unwrap_or_else(|| syn::parse_quote!(::airlock));
    let private = quote!(#krate::__private);
    let ReturnType::Type(_, declared) = &function.sig.output else {
        // `item::parse` refused this already.
        let error = syn::Error::new_spanned(&function.sig, item::RETURN_REQUIRED);
        let error = error.to_compile_error();
        return quote!(#function #error);
    };
    let ret: Type = item::inner_return_type(declared);

    let hygienic = |name: &str| Ident::new(name, Span::mixed_site());
    let guard = hygienic("__airlock_guard");
    let error = hygienic("__airlock_error");
    let result = hygienic("__airlock_result");
    let ok = hygienic("__airlock_ok");

    // Every use of `Return` is spanned from the return type's first token to its last, so
    // that a type that cannot carry a denial is reported there, once.
    let (first, last) = first_and_last_spans(declared);
    let return_trait = respan(quote!(#private::Return), first);
    let qualified = quote_spanned!(first=> <#ret as #return_trait>);
    let denied = quote_spanned!(last=> #qualified::denied(#error));
    let description = tool_description(args, &function, &krate);

    let checks = item::argument_bindings(&function)
        .into_iter()
        .map(|(binding, whole)| {
            // An empty name puts the problems at the root of the arguments object.
            let shown = if whole {
                String::new()
            } else {
                item::binding_name(&binding)
            };
            let name = LitStr::new(&shown, binding.span());
            // The user's variable, spanned at the attribute (as generated code): lints about how
            // it is used here, like clippy's `used_underscore_binding`, are not the user's.
            let mut variable = binding.clone();
            variable.set_span(Span::call_site());
            quote! {
                if let ::core::result::Result::Err(#error) = #guard.check_argument(
                    #name,
                    (&#private::probe(&#variable)).airlock_validator()(&#variable),
                ) {
                    return #denied;
                }
            }
        });
    let checks: Vec<TokenStream> = checks.collect();
    let checks = (!checks.is_empty()).then(|| {
        quote! {
            {
                #[allow(unused_imports)]
                use #private::{NoValidate as _, ViaValidate as _};
                #(#checks)*
            }
        }
    });

    let body = &function.block;
    let run = if function.sig.asyncness.is_some() {
        quote!(async move #body.await)
    } else {
        quote!(#private::run_sync(move || -> #ret #body))
    };
    let ok_mut = quote_spanned!(last=> #qualified::ok_mut(&mut #result));

    let guarded = quote! {{
        #description
        let #guard = match #private::enter(&__AIRLOCK_TOOL) {
            ::core::result::Result::Ok(#guard) => #guard,
            ::core::result::Result::Err(#error) => return #denied,
        };
        #checks
        if let ::core::result::Result::Err(#error) = #guard.admit() {
            return #denied;
        }
        let mut #result: #ret = #run;
        if let ::core::option::Option::Some(#ok) = #ok_mut {
            #[allow(unused_imports)]
            use #private::{PassThrough as _, ViaSanitize as _};
            (&#private::probe(&*#ok)).airlock_masker()(&#guard, #ok);
        }
        #result
    }};
    // The inner attributes (`#![allow(...)]`) stay in `function.attrs` and are printed at the
    // top of the new body, where they still cover the user's code.
    match syn::parse2(guarded) {
        Ok(block) => {
            *function.block = block;
            quote!(#function)
        }
        Err(error) => {
            let error = error.to_compile_error();
            quote!(#function #error)
        }
    }
}

/// The `static` describing the tool.
fn tool_description(args: &Args, function: &ItemFn, krate: &Path) -> TokenStream {
    let private = quote!(#krate::__private);
    let name = args.name.clone().unwrap_or_else(|| {
        LitStr::new(
            &item::binding_name(&function.sig.ident),
            function.sig.ident.span(),
        )
    });
    // Spanned at the path, so that a path to something other than a `Policy` is reported
    // there.
    let policy = args.policy.as_ref().map_or_else(
        || quote!(::core::option::Option::None),
        |path| {
            let span = path.span();
            let some = respan(quote!(::core::option::Option::Some), span);
            quote_spanned!(span=> #some(&#path))
        },
    );
    let access = option(args.access.map(|access| {
        let variant = Ident::new(access.variant(), Span::call_site());
        quote!(#private::Access::#variant)
    }));
    let sanitize = |ty: &str, variant: &str| {
        let ty = Ident::new(ty, Span::call_site());
        let variant = Ident::new(variant, Span::call_site());
        quote!(#krate::sanitize::#ty::#variant)
    };
    let mask = match args.mask {
        Mask::Default => quote!(#private::Mask::Default),
        Mask::Off => quote!(#private::Mask::Off),
        Mask::Restricted(category, strategy) => {
            let category = option(category.map(|c| sanitize("Category", c.variant())));
            let strategy = option(strategy.map(|s| sanitize("Strategy", s.variant())));
            quote!(#private::Mask::Restricted(#category, #strategy))
        }
    };
    let max_output = option(
        args.max_output
            .map(|chars| Literal::usize_unsuffixed(chars).into_token_stream()),
    );
    quote! {
        static __AIRLOCK_TOOL: #private::Tool = #private::Tool {
            name: #name,
            policy: #policy,
            access: #access,
            mask: #mask,
            max_output: #max_output,
            engine: #private::ToolEngine::new(),
        };
    }
}

/// `Some(value)` or `None`, written out.
fn option(value: Option<TokenStream>) -> TokenStream {
    value.map_or_else(
        || quote!(::core::option::Option::None),
        |value| quote!(::core::option::Option::Some(#value)),
    )
}

/// `tokens`, every one spanned at `span` (for paths the expansion writes, whose errors belong
/// to the user's tokens they are about).
fn respan(tokens: TokenStream, span: Span) -> TokenStream {
    tokens
        .into_iter()
        .map(|tree| match tree {
            TokenTree::Group(group) => {
                let mut respanned = Group::new(group.delimiter(), respan(group.stream(), span));
                respanned.set_span(span);
                TokenTree::Group(respanned)
            }
            mut other => {
                other.set_span(span);
                other
            }
        })
        .collect()
}

/// The spans of the first and last tokens of `ty`.
fn first_and_last_spans(ty: &Type) -> (Span, Span) {
    let mut tokens = ty.to_token_stream().into_iter();
    let first = tokens.next().map_or_else(Span::call_site, |t| t.span());
    let last = tokens.last().map_or(first, |t| t.span());
    (first, last)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn expand(args: TokenStream, item: TokenStream) -> String {
        let file: syn::File = syn::parse2(airlock(args, item)).unwrap();
        file.items
            .iter()
            .map(|item| quote!(#item).to_string())
            .collect()
    }

    #[test]
    fn keeps_the_signature_and_attributes() {
        let out = expand(
            quote!(policy = READ_ONLY, access = read),
            quote! {
                /// Docs.
                #[tool(description = "x")]
                pub async fn f(&self, q: Query) -> Result<String, E> { Ok(q.0) }
            },
        );
        assert!(out.starts_with(
            "# [doc = r\" Docs.\"] # [tool (description = \"x\")] pub async fn f (& self , q : Query) -> Result < String , E > {"
        ), "{out}");
        assert!(out.contains("static __AIRLOCK_TOOL : :: airlock :: __private :: Tool"));
        assert!(out.contains("policy : :: core :: option :: Option :: Some (& READ_ONLY)"));
        assert!(out.contains(
            "access : :: core :: option :: Option :: Some (:: airlock :: __private :: Access :: Read)"
        ));
        assert!(out.contains("check_argument (\"q\" ,"));
        assert!(out.contains("async move { Ok (q . 0) } . await"));
    }

    #[test]
    fn sync_bodies_run_in_a_closure() {
        let out = expand(
            quote!(crate = my::airlock, mask = [secret, full], max_output = 100),
            quote!(
                fn f() -> Result<impl Iterator<Item = u8>, E> {
                    Ok(0..1)
                }
            ),
        );
        assert!(out.contains(
            "my :: airlock :: __private :: run_sync (move | | -> Result < _ , E > { Ok (0 .. 1) })"
        ), "{out}");
        assert!(out.contains(
            "mask : my :: airlock :: __private :: Mask :: Restricted (:: core :: option :: Option :: Some (my :: airlock :: sanitize :: Category :: Secret) , :: core :: option :: Option :: Some (my :: airlock :: sanitize :: Strategy :: Full))"
        ), "{out}");
        assert!(out.contains("max_output : :: core :: option :: Option :: Some (100)"));
        assert!(!out.contains("check_argument"));
    }

    #[test]
    fn errors_keep_the_item() {
        let out = airlock(
            quote!(acess = read),
            quote!(
                fn f() -> Result<(), E> {
                    Ok(())
                }
            ),
        )
        .to_string();
        assert!(
            out.starts_with("fn f () -> Result < () , E > { Ok (()) }"),
            "{out}"
        );
        assert!(out.contains("compile_error"), "{out}");
    }
}
