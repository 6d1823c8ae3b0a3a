//! The expansion of `#[airlock]`: the function as written becomes three items.
//!
//! ```text
//! // a free function                         // a method (in an impl block)
//! struct NAME {}  // type namespace only
//! impl NAME {
//!     fn __airlock_tool() -> &'static Tool    fn __airlock_tool_NAME() -> &'static Tool
//!     fn __airlock_raw(ARGS) -> RET { BODY }   fn __airlock_raw_NAME(&self, ARGS) -> RET { BODY }
//!     fn __airlock_def<D>() -> ToolDef       (the set's `airlock_tools`, by `#[airlock::toolset]`)
//! }
//! fn NAME(ARGS) -> RET {                       fn NAME(&self, ARGS) -> RET {
//!     run_sync(TOOL, (ARGS,), validate, |(ARGS,)| raw(ARGS), mask)       // or run_async(..).await
//! }
//! ```
//!
//! The guarded function keeps the signature, attributes and visibility (its parameters'
//! patterns become plain names: the body, with the patterns, lives in the raw function).
//! Every stage runs in `airlock`'s call pipeline; the closures only name the function's
//! types, which is what lets the pipeline pick masking and validation for them.

use proc_macro2::{Group, Literal, Span, TokenStream, TokenTree};
use quote::{ToTokens, format_ident, quote, quote_spanned};
use syn::{Attribute, Ident, ItemFn, LitStr, Path, ReturnType, Type};

use crate::args::{Args, Mask};
use crate::item::{self, Param};

/// The attribute's output for `args` on `item`: the guarded function, or the item unchanged
/// with every error found (so that the error is all the user sees, not its consequences).
pub(crate) fn airlock(args: TokenStream, item: TokenStream) -> TokenStream {
    match (crate::args::parse(args), item::parse(item.clone())) {
        (Ok(args), Ok(function)) => {
            let mode = if item::in_impl(&function) {
                Mode::Inline
            } else {
                Mode::Free
            };
            guard(&args, function, mode)
        }
        (args, function) => {
            let mut output = item;
            let errors = args.err().into_iter().chain(function.err());
            output.extend(errors.map(|e| e.to_compile_error()));
            output
        }
    }
}

/// The path to `airlock` and to its hidden module.
pub(crate) fn paths(krate: Option<&Path>) -> (Path, TokenStream) {
    let krate: Path = krate
        .cloned()
        .unwrap_or_else(|| syn::parse_quote!(::airlock));
    let private = quote!(#krate::__private);
    (krate, private)
}

/// Where the body goes.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mode {
    /// A free function: the body in a companion struct's impl, with the definition
    /// `tool!(NAME)` registers.
    Free,
    /// A method of an `#[airlock::toolset]` block: the body in a sibling method, which the
    /// set's definitions call.
    Sibling,
    /// Any other method (a trait impl's included): the body stays in the function, in a
    /// closure.
    Inline,
}

/// How the guarded function reaches its siblings: through `Self` in an impl block, through
/// the companion struct named like the function otherwise.
pub(crate) struct Siblings {
    pub(crate) tool: TokenStream,
    pub(crate) raw: TokenStream,
    pub(crate) tool_fn: Ident,
    pub(crate) raw_fn: Ident,
}

impl Siblings {
    pub(crate) fn of(function: &ItemFn, mode: Mode) -> Siblings {
        let name = &function.sig.ident;
        if mode == Mode::Free {
            Siblings {
                tool: quote!(#name::__airlock_tool),
                raw: quote!(#name::__airlock_raw),
                tool_fn: format_ident!("__airlock_tool"),
                raw_fn: format_ident!("__airlock_raw"),
            }
        } else {
            let tool_fn = format_ident!("__airlock_tool_{}", name);
            let raw_fn = format_ident!("__airlock_raw_{}", name);
            Siblings {
                tool: quote!(Self::#tool_fn),
                raw: quote!(Self::#raw_fn),
                tool_fn,
                raw_fn,
            }
        }
    }
}

/// The function with its body guarded, and its siblings.
pub(crate) fn guard(args: &Args, function: ItemFn, mode: Mode) -> TokenStream {
    let (krate, private) = paths(args.krate.as_ref());
    let ReturnType::Type(_, declared) = &function.sig.output else {
        // `item::parse` refused this already.
        let error = syn::Error::new_spanned(&function.sig, item::RETURN_REQUIRED);
        let error = error.to_compile_error();
        return quote!(#function #error);
    };
    let ret: Type = item::inner_return_type(declared);
    let params = item::params(&function);
    let siblings = Siblings::of(&function, mode);
    let name = &function.sig.ident;
    let vis = &function.vis;
    let declaration = declaration(args, &function, &krate);
    let asyncness = function.sig.asyncness.is_some();

    // The guarded function.
    let mut guarded = function.clone();
    let idents: Vec<&Ident> = params.iter().map(|p| &p.ident).collect();
    let (tool_path, body_closure) = if mode == Mode::Inline {
        // The original patterns bind in the closure, as the body expects.
        let patterns = item::patterns(&function);
        let body = &function.block;
        let closure = if asyncness {
            quote!(move |(#(#patterns,)*)| async move #body)
        } else {
            quote!(move |(#(#patterns,)*)| -> #ret #body)
        };
        (quote!({ #declaration &__AIRLOCK_TOOL }), closure)
    } else {
        // Inner attributes (`#![allow(...)]`) belong to the body, which moves to the raw
        // function.
        guarded
            .attrs
            .retain(|a| matches!(a.style, syn::AttrStyle::Outer));
        let receiver = item::has_receiver(&function).then(|| quote!(self,));
        let raw_path = &siblings.raw;
        let tool_path = &siblings.tool;
        let closure = if asyncness {
            quote!(move |(#(#idents,)*)| #raw_path(#receiver #(#idents),*))
        } else {
            quote!(move |(#(#idents,)*)| -> #ret { #raw_path(#receiver #(#idents),*) })
        };
        (quote!(#tool_path()), closure)
    };
    item::rename_params(&mut guarded, &params);
    let validate = validation(&params, &private);
    // Spanned at the return type: an error type that cannot carry a refusal is reported
    // there, in plain words.
    let (first, last) = first_and_last_spans(declared);
    let parts = respan(quote!(#private::Return::parts_mut), first);
    // `mask = off`: nothing to mask, so the output's type need not be maskable.
    let mask = if args.mask == Mask::Off {
        quote!({
            let _ = __airlock_output;
            #parts(__airlock_result).is_ok()
        })
    } else {
        masking(&private, &parts)
    };
    let probe = respan(quote!(#private::Probe::<#ret>::new()), first);
    let method = respan(quote!(airlock_refusal), last);
    let refused = quote_spanned! {last=>
        {
            #[allow(unused_imports)]
            use #private::{NoFrom as _, ViaFrom as _};
            (&#probe).#method()
        }
    };
    let run = if asyncness {
        let run_async = respan(quote!(#private::run_async), first);
        quote!(#run_async(
            #tool_path,
            #refused,
            (#(#idents,)*),
            #validate,
            #body_closure,
            |__airlock_result: &mut #ret, __airlock_output: &#private::Output<'_>| #mask,
        ).await)
    } else {
        let run_sync = respan(quote!(#private::run_sync), first);
        quote!(#run_sync(
            #tool_path,
            #refused,
            (#(#idents,)*),
            #validate,
            #body_closure,
            |__airlock_result: &mut #ret, __airlock_output: &#private::Output<'_>| #mask,
        ))
    };
    match syn::parse2(quote!({ #run })) {
        Ok(block) => *guarded.block = block,
        Err(error) => {
            let error = error.to_compile_error();
            return quote!(#function #error);
        }
    }
    if mode == Mode::Inline {
        return quote!(#guarded);
    }

    // The siblings: the declaration, and the raw function (the user's signature and body).
    let cfgs = cfg_attributes(&function.attrs);
    let tool_fn = &siblings.tool_fn;
    let tool_item = quote! {
        #[doc(hidden)]
        #(#cfgs)*
        #vis fn #tool_fn() -> &'static #private::Tool {
            #declaration
            &__AIRLOCK_TOOL
        }
    };
    let mut raw = function.clone();
    raw.attrs = function
        .attrs
        .iter()
        .filter(|a| !is_doc(a) && (is_passed(a) || matches!(a.style, syn::AttrStyle::Inner(_))))
        .cloned()
        .collect();
    raw.attrs.insert(0, syn::parse_quote!(#[doc(hidden)]));
    // Lints about the signature are the guarded function's to report, not its copy's.
    raw.attrs.insert(
        1,
        syn::parse_quote!(#[allow(clippy::unnecessary_wraps, clippy::needless_pass_by_value, clippy::unused_async)]),
    );
    raw.sig.ident = siblings.raw_fn.clone();

    if mode == Mode::Sibling {
        return quote! {
            #tool_item
            #raw
            #guarded
        };
    }
    let def = free_def(&function, &params, &ret, &private, &krate);
    quote! {
        #[doc(hidden)]
        #[allow(non_camel_case_types, dead_code)]
        #(#cfgs)*
        #vis struct #name {}

        #(#cfgs)*
        #[allow(dead_code, clippy::too_many_arguments)]
        impl #name {
            #tool_item
            #raw
            #def
        }

        #guarded
    }
}

/// The closure that validates the arguments: each parameter whose type implements
/// `validator::Validate` (an rmcp `Parameters<T>` or `Json<T>`: its `T`), its problems at the
/// root for the only parameter or a wrapper, else under the parameter's name.
pub(crate) fn validation(params: &[Param], private: &TokenStream) -> TokenStream {
    let idents: Vec<&Ident> = params.iter().map(|p| &p.ident).collect();
    let single = params.len() == 1;
    let checks = params.iter().map(|param| {
        let ident = &param.ident;
        let value = if param.wrapper {
            quote!(&#ident.0)
        } else {
            quote!(#ident)
        };
        let name = if param.wrapper || single {
            String::new()
        } else {
            param.json_name.clone()
        };
        quote! {
            __airlock_checks.argument(
                #name,
                (&#private::probe(#value)).airlock_validator()(#value),
            );
        }
    });
    quote! {
        |__airlock_args, __airlock_checks: &mut #private::Checks| {
            #[allow(unused_imports)]
            use #private::{NoValidate as _, ViaValidate as _};
            let (#(#idents,)*) = __airlock_args;
            #(#checks)*
        }
    }
}

/// The body of the closure that masks the result (the value, or the error) and says whether
/// it is a success. `parts` is spanned at the return type: a return type that is not a
/// `Result` is reported there.
fn masking(private: &TokenStream, parts: &TokenStream) -> TokenStream {
    quote! {{
        #[allow(unused_imports)]
        use #private::{
            BorrowPassThrough as _, ErrorIsToolError as _, ErrorPassThrough as _, ErrorViaSanitize as _,
            PassThrough as _, SerializedUnmasked as _, ViaSanitize as _,
        };
        match #parts(__airlock_result) {
            ::core::result::Result::Ok(__airlock_ok) => {
                (&&#private::probe(&*__airlock_ok)).airlock_masker()(__airlock_output, __airlock_ok);
                true
            }
            ::core::result::Result::Err(__airlock_err) => {
                (&&#private::probe(&*__airlock_err)).airlock_error_masker()(__airlock_output, __airlock_err);
                false
            }
        }
    }}
}

/// The body future of a tool at the JSON boundary: the raw function called with the read
/// arguments (and, for a method, the shared state), its result as JSON.
pub(crate) fn def_body(
    params: &[Param],
    asyncness: bool,
    call: TokenStream,
    state: Option<TokenStream>,
    ret: &Type,
    dummy: &TokenStream,
    private: &TokenStream,
) -> TokenStream {
    let idents: Vec<&Ident> = params.iter().map(|p| &p.ident).collect();
    let tys: Vec<&Type> = params.iter().map(|p| &p.ty).collect();
    let finish = quote!(<#ret as #private::JsonReturn<#dummy>>::finish);
    let run = if asyncness {
        let clone = state
            .as_ref()
            .map(|state| quote!(let #state = #private::Arc::clone(&#state);));
        quote! {
            #clone
            #private::Running::pending(async move { #finish(#call.await) })
        }
    } else {
        quote!(#private::Running::Done(#finish(#call)))
    };
    let _ = &idents;
    quote! {
        move |(#(#idents,)*): (#(#tys,)*)| -> #private::Running {
            #run
        }
    }
}

/// The definition a free function registers with: `tool!(NAME)` calls it.
fn free_def(
    function: &ItemFn,
    params: &[Param],
    ret: &Type,
    private: &TokenStream,
    krate: &Path,
) -> TokenStream {
    let vis = &function.vis;
    if !item::registrable(function) {
        return quote! {
            #[doc(hidden)]
            #vis fn __airlock_def<__AirlockD: #private::CannotRegister>() -> #krate::ToolDef {
                <__AirlockD as #private::CannotRegister>::def()
            }
        };
    }
    let name = &function.sig.ident;
    let tys: Vec<&Type> = params.iter().map(|p| &p.ty).collect();
    let idents: Vec<&Ident> = params.iter().map(|p| &p.ident).collect();
    let names: Vec<&String> = params.iter().map(|p| &p.json_name).collect();
    let dummy = quote!(__AirlockD);
    let validate = validation(params, private);
    let call = quote!(#name::__airlock_raw(#(#idents),*));
    let body = def_body(
        params,
        function.sig.asyncness.is_some(),
        call,
        None,
        ret,
        &dummy,
        private,
    );
    quote! {
        #[doc(hidden)]
        #vis fn __airlock_def<__AirlockD>() -> #krate::ToolDef
        where
            (#(#tys,)*): #private::JsonArguments<__AirlockD>,
            #ret: #private::JsonReturn<__AirlockD>,
        {
            #private::def::<__AirlockD, (#(#tys,)*), _, _>(
                #name::__airlock_tool(),
                &[#(#names),*],
                #validate,
                #body,
            )
        }
    }
}

/// The `static` declaring the tool.
fn declaration(args: &Args, function: &ItemFn, krate: &Path) -> TokenStream {
    let private = quote!(#krate::__private);
    let name = args.name.clone().unwrap_or_else(|| {
        LitStr::new(
            &item::binding_name(&function.sig.ident),
            function.sig.ident.span(),
        )
    });
    let mut declaration = quote!(#private::Tool::new(#name));
    let description = description(&function.attrs);
    if !description.is_empty() {
        let description = LitStr::new(&description, Span::call_site());
        declaration.extend(quote!(.with_description(#description)));
    }
    // Spanned at the path, so that a path to something other than a `Policy` is reported
    // there.
    // A `&CONST` is only promoted to `'static` as a whole initializer, not as an argument.
    let mut policy = None;
    if let Some(path) = &args.policy {
        let span = syn::spanned::Spanned::span(path);
        let ty = respan(quote!(&#private::Policy), span);
        policy = Some(quote_spanned!(span=> static __AIRLOCK_POLICY: #ty = &#path;));
        declaration.extend(quote!(.with_policy(__AIRLOCK_POLICY)));
    }
    if let Some(access) = args.access {
        let variant = Ident::new(access.variant(), Span::call_site());
        declaration.extend(quote!(.with_access(#private::Access::#variant)));
    }
    let sanitize = |ty: &str, variant: &str| {
        let ty = Ident::new(ty, Span::call_site());
        let variant = Ident::new(variant, Span::call_site());
        quote!(#private::#ty::#variant)
    };
    let mask = match args.mask {
        Mask::Default => None,
        Mask::Off => Some(quote!(#private::Mask::Off)),
        Mask::Restricted(category, strategy) => {
            let category = option(category.map(|c| sanitize("Category", c.variant())));
            let strategy = option(strategy.map(|s| sanitize("Strategy", s.variant())));
            Some(quote!(#private::Mask::Restricted(#category, #strategy)))
        }
    };
    if let Some(mask) = mask {
        declaration.extend(quote!(.with_mask(#mask)));
    }
    if let Some(chars) = args.max_output {
        let chars = Literal::usize_unsuffixed(chars).into_token_stream();
        declaration.extend(quote!(.with_max_output(#chars)));
    }
    quote! {
        #policy
        static __AIRLOCK_TOOL: #private::Tool = #declaration;
    }
}

/// The doc comment, as the description the model sees: lines joined, one leading space
/// dropped from each, trimmed.
pub(crate) fn description(attrs: &[Attribute]) -> String {
    let lines: Vec<String> = attrs
        .iter()
        .filter(|a| is_doc(a) && matches!(a.style, syn::AttrStyle::Outer))
        .filter_map(|a| match &a.meta {
            syn::Meta::NameValue(nv) => match &nv.value {
                syn::Expr::Lit(syn::ExprLit {
                    lit: syn::Lit::Str(s),
                    ..
                }) => Some(s.value()),
                _ => None,
            },
            _ => None,
        })
        .map(|line| {
            line.strip_prefix(' ')
                .unwrap_or(&line)
                .trim_end()
                .to_owned()
        })
        .collect();
    lines.join("\n").trim().to_owned()
}

fn is_doc(attr: &Attribute) -> bool {
    attr.path().is_ident("doc")
}

/// Attributes that apply to the raw body as to the function: conditional compilation and
/// lint levels.
fn is_passed(attr: &Attribute) -> bool {
    [
        "cfg", "cfg_attr", "allow", "warn", "deny", "expect", "forbid",
    ]
    .iter()
    .any(|name| attr.path().is_ident(name))
}

/// The function's `#[cfg]`s: its siblings exist exactly when it does.
fn cfg_attributes(attrs: &[Attribute]) -> Vec<&Attribute> {
    attrs
        .iter()
        .filter(|a| matches!(a.style, syn::AttrStyle::Outer) && a.path().is_ident("cfg"))
        .collect()
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
pub(crate) fn respan(tokens: TokenStream, span: Span) -> TokenStream {
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
            .collect::<Vec<_>>()
            .join("\n")
    }

    #[test]
    fn a_method_keeps_its_body_and_signature() {
        let out = expand(
            quote!(policy = READ_ONLY, access = read),
            quote! {
                /// Docs.
                #[tool(description = "x")]
                pub async fn f(&self, Parameters(q): Parameters<Query>) -> Result<String, E> { Ok(q.0) }
            },
        );
        assert!(out.starts_with("# [doc = r\" Docs.\"] # [tool (description = \"x\")] pub async fn f (& self , __airlock_arg0 : Parameters < Query >) -> Result < String , E > {"), "{out}");
        assert!(
            out.contains(
                "static __AIRLOCK_POLICY : & :: airlock :: __private :: Policy = & READ_ONLY ;"
            ),
            "{out}"
        );
        assert!(out.contains("Tool :: new (\"f\") . with_description (\"Docs.\") . with_policy (__AIRLOCK_POLICY) . with_access (:: airlock :: __private :: Access :: Read)"), "{out}");
        assert!(
            out.contains("move | (Parameters (q) ,) | async move { Ok (q . 0) }"),
            "{out}"
        );
        assert!(out.contains("__airlock_checks . argument (\"\" , (& :: airlock :: __private :: probe (& __airlock_arg0 . 0))"), "{out}");
        assert!(out.contains(". await"), "{out}");
        assert!(!out.contains("__airlock_raw"), "{out}");
    }

    #[test]
    fn a_toolset_method_gets_sibling_functions() {
        let out = crate::toolset::toolset(
            quote!(),
            quote! {
                impl Mail {
                    /// Docs.
                    #[airlock(access = read)]
                    pub async fn f(&self, q: Query) -> Result<String, E> { Ok(q.0) }
                    fn helper(&self) {}
                }
            },
        )
        .to_string();
        assert!(
            out.contains("fn __airlock_tool_f () -> & 'static :: airlock :: __private :: Tool"),
            "{out}"
        );
        assert!(out.contains("pub async fn __airlock_raw_f (& self , q : Query) -> Result < String , E > { Ok (q . 0) }"), "{out}");
        assert!(out.contains("Self :: __airlock_raw_f (self , q)"), "{out}");
        assert!(
            out.contains("pub fn airlock_tools (self) -> :: airlock :: ToolSet"),
            "{out}"
        );
        assert!(
            out.contains("Self :: __airlock_raw_f (& __airlock_state , q)"),
            "{out}"
        );
        assert!(out.contains("fn helper (& self) { }"), "{out}");
    }

    #[test]
    fn a_free_function_gets_a_companion_and_a_definition() {
        let out = expand(
            quote!(crate = my::airlock, mask = [secret, full], max_output = 100),
            quote!(
                fn f((a, b): (u8, u8), text: String) -> Result<String, E> {
                    Ok(text)
                }
            ),
        );
        assert!(out.contains("struct f { }"), "{out}");
        assert!(out.contains("impl f {"), "{out}");
        assert!(out.contains("with_mask (my :: airlock :: __private :: Mask :: Restricted (:: core :: option :: Option :: Some (my :: airlock :: __private :: Category :: Secret) , :: core :: option :: Option :: Some (my :: airlock :: __private :: Strategy :: Full)))"), "{out}");
        assert!(out.contains(". with_max_output (100)"), "{out}");
        assert!(
            out.contains("fn __airlock_raw ((a , b) : (u8 , u8) , text : String)"),
            "{out}"
        );
        assert!(
            out.contains("fn f (__airlock_arg0 : (u8 , u8) , text : String)"),
            "{out}"
        );
        assert!(out.contains("& [\"arg0\" , \"text\"]"), "{out}");
        assert!(
            out.contains("my :: airlock :: __private :: run_sync"),
            "{out}"
        );
    }

    #[test]
    fn generic_functions_cannot_be_registered() {
        let out = expand(
            quote!(),
            quote!(
                fn f<T: Display>(value: T) -> Result<String, E> {
                    Ok(value.to_string())
                }
            ),
        );
        assert!(
            out.contains("__AirlockD : :: airlock :: __private :: CannotRegister"),
            "{out}"
        );
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

    #[test]
    fn descriptions_come_from_doc_comments() {
        let function: ItemFn = syn::parse_quote! {
            /// Searches the mail.
            ///
            ///   Indented.
            #[inline]
            fn f() {}
        };
        assert_eq!(
            description(&function.attrs),
            "Searches the mail.\n\n  Indented."
        );
    }
}
