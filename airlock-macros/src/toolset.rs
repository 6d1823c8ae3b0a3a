//! The expansion of `#[airlock::toolset]` on an impl block: the block unchanged, and one
//! more inherent impl with `airlock_tools(self)` and `airlock_tools_shared(self: Arc<Self>)`,
//! which bind every `#[airlock]` method to the one shared value and return them as a set.

use proc_macro2::TokenStream;
use quote::ToTokens;
use quote::{format_ident, quote};
use syn::{ImplItem, ItemFn, ItemImpl, ReturnType, Type};

use crate::expand::{self, Mode, Siblings};
use crate::item;
use syn::parse::Parser;

/// The attribute's output for `args` on `item`.
pub(crate) fn toolset(args: TokenStream, item: TokenStream) -> TokenStream {
    match parse(args, item.clone()) {
        Ok(block) => expand(&block).unwrap_or_else(|error| {
            let error = error.to_compile_error();
            quote!(#block #error)
        }),
        Err(error) => {
            let error = error.to_compile_error();
            quote!(#item #error)
        }
    }
}

fn parse(args: TokenStream, item: TokenStream) -> syn::Result<ItemImpl> {
    let mut krate = None;
    syn::meta::parser(|meta| {
        if meta.path.is_ident("crate") {
            krate = Some(meta.value()?.parse::<syn::Path>()?);
            Ok(())
        } else {
            Err(meta.error("the only key of `#[airlock::toolset]` is `crate = PATH`"))
        }
    })
    .parse2(args)?;
    let _ = krate;
    let block: ItemImpl = syn::parse2(item).map_err(|e| {
        syn::Error::new(
            e.span(),
            "`#[airlock::toolset]` goes on an inherent impl block: `impl MyTools { ... }`",
        )
    })?;
    if let Some((_, path, _)) = &block.trait_ {
        return Err(syn::Error::new_spanned(
            path,
            "`#[airlock::toolset]` goes on an inherent impl block, not a trait impl: a trait \
             impl cannot hold the functions `#[airlock]` adds beside each tool",
        ));
    }
    Ok(block)
}

fn expand(block: &ItemImpl) -> syn::Result<TokenStream> {
    let mut krate = None;
    let mut defs = Vec::new();
    let mut errors: Vec<syn::Error> = Vec::new();
    let mut expanded = block.clone();
    for member in &mut expanded.items {
        let ImplItem::Fn(method) = member else {
            continue;
        };
        let Some(position) = method.attrs.iter().position(is_airlock) else {
            continue;
        };
        let attribute = method.attrs.remove(position);
        let tokens = match &attribute.meta {
            syn::Meta::List(list) => list.tokens.clone(),
            _ => TokenStream::new(),
        };
        let args = match crate::args::parse(tokens) {
            Ok(args) => args,
            Err(error) => {
                errors.push(error);
                continue;
            }
        };
        if args.krate.is_some() {
            krate.clone_from(&args.krate);
        }
        let function = match item::parse(method.to_token_stream()) {
            Ok(function) => function,
            Err(error) => {
                errors.push(error);
                continue;
            }
        };
        match tool_def(&function, args.krate.as_ref()) {
            Ok(def) => defs.push(def),
            Err(error) => errors.push(error),
        }
        *member = ImplItem::Verbatim(expand::guard(&args, function, Mode::Sibling));
    }
    if let Some(mut first) = errors.pop() {
        for error in errors {
            first.combine(error);
        }
        return Err(first);
    }
    let (krate, private) = expand::paths(krate.as_ref());
    let self_ty = &block.self_ty;
    let (impl_generics, _, where_clause) = block.generics.split_for_impl();
    Ok(quote! {
        #expanded

        impl #impl_generics #self_ty #where_clause {
            /// The `#[airlock]` tools of this impl block, bound to `self`: register them with
            /// `Toolbox::add_all`.
            pub fn airlock_tools(self) -> #krate::ToolSet {
                Self::airlock_tools_shared(#private::Arc::new(self))
            }

            /// [`Self::airlock_tools`], for a value already shared (the tools keep a
            /// reference to it).
            pub fn airlock_tools_shared(self: #private::Arc<Self>) -> #krate::ToolSet {
                let __airlock_state = self;
                ::core::iter::FromIterator::from_iter([#(#defs),*])
            }
        }
    })
}

/// Whether an attribute is `#[airlock(...)]` (or `#[airlock::airlock(...)]`).
fn is_airlock(attr: &syn::Attribute) -> bool {
    attr.path()
        .segments
        .last()
        .is_some_and(|last| last.ident == "airlock")
}

/// The definition of one method, bound to `__airlock_state`.
fn tool_def(function: &ItemFn, krate: Option<&syn::Path>) -> syn::Result<TokenStream> {
    let sig = &function.sig;
    match sig.receiver() {
        Some(receiver) if receiver.reference.is_some() && receiver.mutability.is_none() => {}
        _ => {
            return Err(syn::Error::new_spanned(
                &sig.ident,
                "a tool of an `#[airlock::toolset]` takes `&self`: the set shares one value \
                 between calls (keep what changes behind a `Mutex`), or move this function out \
                 of the set's impl block",
            ));
        }
    }
    if !sig.generics.params.is_empty() {
        return Err(syn::Error::new_spanned(
            &sig.generics,
            "a tool of an `#[airlock::toolset]` cannot be generic: the model's JSON has one \
             type for each argument",
        ));
    }
    let ReturnType::Type(_, declared) = &sig.output else {
        return Err(syn::Error::new_spanned(sig, item::RETURN_REQUIRED));
    };
    let (_, private) = expand::paths(krate);
    let ret: Type = item::inner_return_type(declared);
    let params = item::params(function);
    let idents: Vec<_> = params.iter().map(|p| &p.ident).collect();
    let tys: Vec<_> = params.iter().map(|p| &p.ty).collect();
    let names: Vec<_> = params.iter().map(|p| &p.json_name).collect();
    let siblings = Siblings::of(function, Mode::Sibling);
    let tool = &siblings.tool;
    let raw = &siblings.raw;
    let state = format_ident!("__airlock_state");
    let validate = expand::validation(&params, &private);
    let body = expand::def_body(
        &params,
        sig.asyncness.is_some(),
        quote!(#raw(&#state, #(#idents),*)),
        Some(quote!(#state)),
        &ret,
        &quote!(()),
        &private,
    );
    Ok(quote! {{
        let #state = #private::Arc::clone(&#state);
        #private::def::<(), (#(#tys,)*), _, _>(
            #tool(),
            &[#(#names),*],
            #validate,
            #body,
        )
    }})
}
