//! `#[derive(Sanitize)]`: an `airlock::Sanitize` implementation that masks each field as
//! `Sanitizer::sanitize_json` masks the value under the field's name in the serialized
//! output.
//!
//! The expansion only routes values: whether a name is a secret's is decided when the value
//! is masked, by `Sensitivity::nested` (so the sanitizer's own sensitive keys count), and
//! each field is masked by its type's `Sanitize::sanitize_as`.
//!
//! ```text
//! impl<T: Sanitize> Sanitize for Customer<T> {
//!     fn sanitize(&mut self, sanitizer, report) {
//!         Sanitize::sanitize_as(self, Sensitivity::PLAIN, sanitizer, report)
//!     }
//!     fn sanitize_as(&mut self, sensitivity, sanitizer, report) {
//!         let Self { id: _, email: f0, db_password: f1, data: f2 } = self;  // `id` skipped
//!         <String as Sanitize>::sanitize_as(f0, sensitivity.nested("email", sanitizer), ..);
//!         <String as Sanitize>::sanitize_as(f1, sensitivity.nested("db_password", sanitizer), ..);
//!         <T as Sanitize>::sanitize_as(f2, sensitivity.nested("data", sanitizer), ..);
//!     }
//! }
//! ```
//!
//! Names follow serde's serialization where it changes them: `#[serde(rename = "…")]`,
//! `flatten`, `transparent`, and an enum's tagging (`tag`, `content`, `untagged`): an
//! externally tagged variant's content sits under the variant's name. `rename_all` needs
//! nothing, as names compare without case and separators.
//!
//! The helper attribute is `#[mask(...)]`: rustc has a built-in `#[sanitize]` attribute, and
//! a derive helper named so is rejected as ambiguous (E0659) at every use.

use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote, quote_spanned};
use syn::ext::IdentExt;
use syn::meta::ParseNestedMeta;
use syn::spanned::Spanned;
use syn::visit::Visit;
use syn::{
    Attribute, Data, DeriveInput, Field, Fields, Ident, LitStr, Path, Token, Type, TypePath,
    WherePredicate, parse_quote,
};

/// The field options, for messages.
const FIELD_OPTIONS: &str =
    "`skip` (leave the field as it is) or `sensitive` (mask it whole, whatever it holds)";

/// Expands `#[derive(Sanitize)]` on `input`; problems become compile errors.
pub(crate) fn sanitize(input: TokenStream) -> TokenStream {
    match syn::parse2::<DeriveInput>(input).and_then(|input| expand(&input)) {
        Ok(tokens) => tokens,
        Err(error) => error.to_compile_error(),
    }
}

/// The problems found, all reported at once.
#[derive(Default)]
struct Errors(Option<syn::Error>);

impl Errors {
    fn push(&mut self, error: syn::Error) {
        match &mut self.0 {
            Some(first) => first.combine(error),
            None => self.0 = Some(error),
        }
    }

    fn finish(self) -> syn::Result<()> {
        self.0.map_or(Ok(()), Err)
    }
}

/// The identifiers the generated methods use, hygienic so that no field can shadow them.
struct Names {
    krate: Path,
    sanitizer: Ident,
    report: Ident,
    sensitivity: Ident,
    content: Ident,
}

impl Names {
    fn new(krate: Path) -> Names {
        let site = Span::mixed_site();
        Names {
            krate,
            sanitizer: Ident::new("sanitizer", site),
            report: Ident::new("report", site),
            sensitivity: Ident::new("sensitivity", site),
            content: Ident::new("content", site),
        }
    }

    /// The binding of the field at `index`.
    fn binding(index: usize) -> Ident {
        format_ident!("field{}", index, span = Span::mixed_site())
    }
}

fn expand(input: &DeriveInput) -> syn::Result<TokenStream> {
    let mut errors = Errors::default();
    let krate = container_options(&input.attrs, &mut errors);
    let serde = SerdeContainer::parse(&input.attrs);
    let names = Names::new(krate.unwrap_or_else(|| parse_quote!(::airlock)));
    let mut used_types: Vec<&Type> = Vec::new();
    let body = match &input.data {
        Data::Struct(data) => {
            let fields = fields(&data.fields, &mut errors);
            used_types.extend(fields.iter().filter(|f| !f.skip).map(|f| &f.field.ty));
            let naming = if serde.transparent {
                Naming::Inherited
            } else {
                Naming::Nested
            };
            let pattern = pattern(quote!(Self), &data.fields, &fields);
            let calls = calls(&fields, naming, &names.sensitivity, &names);
            quote! {
                let #pattern = self;
                #(#calls)*
            }
        }
        Data::Enum(data) => {
            let mut arms = Vec::new();
            for variant in &data.variants {
                for attr in variant.attrs.iter().filter(|a| a.path().is_ident("mask")) {
                    errors.push(syn::Error::new(
                        attr.span(),
                        format!(
                            "`#[mask(...)]` goes on a variant's fields, not on the variant: a field takes {FIELD_OPTIONS}"
                        ),
                    ));
                }
                let fields = fields(&variant.fields, &mut errors);
                used_types.extend(fields.iter().filter(|f| !f.skip).map(|f| &f.field.ty));
                let ident = &variant.ident;
                let pattern = pattern(quote!(Self::#ident), &variant.fields, &fields);
                let content = content_sensitivity(&serde, variant, &names);
                let calls = calls(&fields, Naming::Nested, &names.content, &names);
                let content_var = &names.content;
                arms.push(if fields.iter().all(|f| f.skip) {
                    quote!(#pattern => {})
                } else {
                    quote! {
                        #pattern => {
                            let #content_var = #content;
                            #(#calls)*
                        }
                    }
                });
            }
            if arms.is_empty() {
                quote!(match *self {})
            } else {
                quote!(match self { #(#arms)* })
            }
        }
        Data::Union(data) => {
            errors.push(syn::Error::new(
                data.union_token.span(),
                "`Sanitize` cannot be derived for a union: nothing says which field holds the value; implement `airlock::Sanitize` for it by hand",
            ));
            TokenStream::new()
        }
    };
    errors.finish()?;

    let Names {
        krate,
        sanitizer,
        report,
        sensitivity,
        ..
    } = &names;
    let mut generics = input.generics.clone();
    let bounded = bounded_parameters(&input.generics, &used_types);
    if !bounded.is_empty() {
        let predicates = generics.make_where_clause();
        for param in bounded {
            let predicate: WherePredicate = parse_quote!(#param: #krate::Sanitize);
            predicates.predicates.push(predicate);
        }
    }
    let (impl_generics, type_generics, where_clause) = generics.split_for_impl();
    let ident = &input.ident;
    Ok(quote! {
        #[automatically_derived]
        impl #impl_generics #krate::Sanitize for #ident #type_generics #where_clause {
            fn sanitize(
                &mut self,
                #sanitizer: &#krate::Sanitizer,
                #report: &mut #krate::sanitize::Report,
            ) {
                #krate::Sanitize::sanitize_as(
                    self,
                    #krate::sanitize::Sensitivity::PLAIN,
                    #sanitizer,
                    #report,
                );
            }

            #[allow(unused_variables)]
            fn sanitize_as(
                &mut self,
                #sensitivity: #krate::sanitize::Sensitivity,
                #sanitizer: &#krate::Sanitizer,
                #report: &mut #krate::sanitize::Report,
            ) {
                #body
            }
        }
    })
}

/// `#[mask(crate = path)]` on the type: where the `airlock` crate is, for re-exports.
fn container_options(attrs: &[Attribute], errors: &mut Errors) -> Option<Path> {
    let mut krate = None;
    for attr in attrs.iter().filter(|a| a.path().is_ident("mask")) {
        let parsed = attr.parse_nested_meta(|meta| {
            let key = meta.path.get_ident().map(|i| i.unraw().to_string());
            match key.as_deref() {
                Some("crate") => {
                    if krate.is_some() {
                        return Err(meta.error("`crate` is given twice: give it once"));
                    }
                    krate = Some(meta.value()?.parse::<Path>()?);
                    Ok(())
                }
                Some(word @ ("skip" | "sensitive")) => Err(meta.error(format!(
                    "`{word}` goes on a field, not on the type: write `#[mask({word})]` above the field"
                ))),
                _ => Err(meta.error(
                    "unknown `mask` option on a type: the only one is `crate = path::to::airlock`; fields take `skip` or `sensitive`",
                )),
            }
        });
        if let Err(error) = parsed {
            errors.push(error);
        }
    }
    krate
}

/// A field and its options.
struct FieldOptions<'a> {
    field: &'a Field,
    /// `#[mask(skip)]`: left as it is.
    skip: bool,
    /// `#[mask(sensitive)]`: masked whole.
    sensitive: bool,
    /// `#[serde(flatten)]`: its own fields sit beside this struct's.
    flatten: bool,
    /// The name the field is serialized under (`#[serde(rename)]`, or its own).
    name: Option<String>,
}

fn fields<'a>(fields: &'a Fields, errors: &mut Errors) -> Vec<FieldOptions<'a>> {
    fields
        .iter()
        .map(|field| {
            let (skip, sensitive) = field_options(field, errors);
            let serde = SerdeField::parse(&field.attrs);
            let name = serde
                .rename
                .or_else(|| field.ident.as_ref().map(|i| i.unraw().to_string()));
            FieldOptions {
                field,
                skip,
                sensitive,
                flatten: serde.flatten,
                name,
            }
        })
        .collect()
}

/// `#[mask(skip)]` and `#[mask(sensitive)]` on a field.
fn field_options(field: &Field, errors: &mut Errors) -> (bool, bool) {
    let (mut skip, mut sensitive) = (None::<Span>, None::<Span>);
    for attr in field.attrs.iter().filter(|a| a.path().is_ident("mask")) {
        let parsed = attr.parse_nested_meta(|meta| {
            let key = meta.path.get_ident().map(|i| i.unraw().to_string());
            let slot = match key.as_deref() {
                Some("skip") => &mut skip,
                Some("sensitive") => &mut sensitive,
                Some("crate") => {
                    return Err(meta.error(
                        "`crate = ...` goes on the type, not on a field: write `#[mask(crate = path)]` above the `struct` or `enum`",
                    ));
                }
                _ => {
                    return Err(meta.error(format!(
                        "unknown `mask` option `{}`: a field takes {FIELD_OPTIONS}",
                        path_text(&meta.path)
                    )));
                }
            };
            if meta.input.peek(Token![=]) || meta.input.peek(syn::token::Paren) {
                let key = path_text(&meta.path);
                return Err(meta.error(format!(
                    "`{key}` takes no value: write `#[mask({key})]`"
                )));
            }
            if slot.is_some() {
                return Err(meta.error(format!(
                    "`{}` is given twice: give it once",
                    path_text(&meta.path)
                )));
            }
            *slot = Some(meta.path.span());
            Ok(())
        });
        if let Err(error) = parsed {
            errors.push(error);
        }
    }
    if let (Some(_), Some(span)) = (skip, sensitive) {
        errors.push(syn::Error::new(
            span,
            "a field cannot be both `skip` and `sensitive`: `skip` leaves it as it is, `sensitive` masks it whole; keep one",
        ));
    }
    (skip.is_some(), sensitive.is_some())
}

/// A key's text for a message.
fn path_text(path: &Path) -> String {
    match path.get_ident() {
        Some(ident) => ident.unraw().to_string(),
        None => quote!(#path).to_string().replace(' ', ""),
    }
}

/// The pattern binding every field that is masked: `Self { a: field0, b: _ }`.
fn pattern(path: TokenStream, shape: &Fields, fields: &[FieldOptions<'_>]) -> TokenStream {
    let bindings = fields.iter().enumerate().map(|(i, f)| {
        if f.skip {
            quote!(_)
        } else {
            let binding = Names::binding(i);
            quote!(#binding)
        }
    });
    match shape {
        Fields::Named(_) => {
            let members = fields.iter().map(|f| &f.field.ident);
            quote!(#path { #(#members: #bindings),* })
        }
        Fields::Unnamed(_) => quote!(#path( #(#bindings),* )),
        Fields::Unit => path,
    }
}

/// How a named field's name bears on its value.
#[derive(Clone, Copy)]
enum Naming {
    /// The value sits under its name (a struct serialized as an object).
    Nested,
    /// The value stands for the whole (`#[serde(transparent)]`).
    Inherited,
}

/// One masking call per field that is not skipped, each spanned at its field's type so that
/// a type without `Sanitize` is reported there.
fn calls(
    fields: &[FieldOptions<'_>],
    naming: Naming,
    parent: &Ident,
    names: &Names,
) -> Vec<TokenStream> {
    let Names {
        krate,
        sanitizer,
        report,
        ..
    } = names;
    fields
        .iter()
        .enumerate()
        .filter(|(_, f)| !f.skip)
        .map(|(i, f)| {
            let sensitivity = if f.sensitive {
                quote!(#krate::sanitize::Sensitivity::SECRET)
            } else {
                match (&f.name, f.field.ident.is_some(), naming, f.flatten) {
                    (Some(name), true, Naming::Nested, false) => {
                        let name = LitStr::new(name, f.field.span());
                        quote!(#parent.nested(#name, #sanitizer))
                    }
                    // Tuple fields (an array's items, or a newtype's one value), flattened
                    // and transparent fields: under the parent's name.
                    _ => quote!(#parent),
                }
            };
            let binding = Names::binding(i);
            let ty = &f.field.ty;
            quote_spanned! {ty.span()=>
                <#ty as #krate::Sanitize>::sanitize_as(#binding, #sensitivity, #sanitizer, #report);
            }
        })
        .collect()
}

/// The sensitivity of a variant's content, as serde places it: under the variant's name
/// (externally tagged, the default), under the `content` key (adjacently tagged), or beside
/// the tag (internally tagged, untagged).
fn content_sensitivity(
    serde: &SerdeContainer,
    variant: &syn::Variant,
    names: &Names,
) -> TokenStream {
    let Names {
        sanitizer,
        sensitivity,
        ..
    } = names;
    let own = SerdeVariant::parse(&variant.attrs);
    let key = if serde.untagged || own.untagged {
        None
    } else if serde.tag {
        serde.content.clone()
    } else {
        Some(
            own.rename
                .unwrap_or_else(|| variant.ident.unraw().to_string()),
        )
    };
    match key {
        Some(key) => {
            let key = LitStr::new(&key, variant.ident.span());
            quote!(#sensitivity.nested(#key, #sanitizer))
        }
        None => quote!(#sensitivity),
    }
}

/// The type parameters that a masked field's type mentions (outside `PhantomData`), which
/// need a `Sanitize` bound, as serde bounds the parameters it serializes.
fn bounded_parameters(generics: &syn::Generics, types: &[&Type]) -> Vec<Ident> {
    let params: Vec<&Ident> = generics.type_params().map(|p| &p.ident).collect();
    let mut found = Mentions {
        params: &params,
        used: vec![false; params.len()],
    };
    for ty in types {
        found.visit_type(ty);
    }
    let used = found.used;
    params
        .into_iter()
        .zip(used)
        .filter(|(_, used)| *used)
        .map(|(p, _)| p.clone())
        .collect()
}

/// Which type parameters a type mentions.
struct Mentions<'a> {
    params: &'a [&'a Ident],
    used: Vec<bool>,
}

impl<'ast> Visit<'ast> for Mentions<'_> {
    fn visit_type_path(&mut self, ty: &'ast TypePath) {
        if ty.qself.is_none()
            && ty
                .path
                .segments
                .last()
                .is_some_and(|s| s.ident == "PhantomData")
        {
            return;
        }
        if let Some(first) = ty.path.segments.first()
            && let Some(i) = self.params.iter().position(|p| **p == first.ident)
        {
            self.used[i] = true;
        }
        syn::visit::visit_type_path(self, ty);
    }
}

/// What serde's container attributes say about where names sit.
#[derive(Default)]
struct SerdeContainer {
    transparent: bool,
    untagged: bool,
    /// `tag = "..."`: internally tagged, or adjacently with `content`.
    tag: bool,
    content: Option<String>,
}

impl SerdeContainer {
    fn parse(attrs: &[Attribute]) -> SerdeContainer {
        let mut out = SerdeContainer::default();
        serde_options(attrs, |meta| {
            if meta.path.is_ident("transparent") {
                out.transparent = true;
            } else if meta.path.is_ident("untagged") {
                out.untagged = true;
            } else if meta.path.is_ident("tag") {
                out.tag = true;
                skip_value(meta)?;
            } else if meta.path.is_ident("content") {
                out.content = Some(meta.value()?.parse::<LitStr>()?.value());
            } else {
                skip_value(meta)?;
            }
            Ok(())
        });
        out
    }
}

/// What serde's field attributes say about the field's name.
#[derive(Default)]
struct SerdeField {
    rename: Option<String>,
    flatten: bool,
}

impl SerdeField {
    fn parse(attrs: &[Attribute]) -> SerdeField {
        let mut out = SerdeField::default();
        serde_options(attrs, |meta| {
            if meta.path.is_ident("rename") {
                out.rename = serialized_name(meta)?.or(out.rename.take());
            } else if meta.path.is_ident("flatten") {
                out.flatten = true;
            } else {
                skip_value(meta)?;
            }
            Ok(())
        });
        out
    }
}

/// What serde's variant attributes say about the variant's name.
#[derive(Default)]
struct SerdeVariant {
    rename: Option<String>,
    untagged: bool,
}

impl SerdeVariant {
    fn parse(attrs: &[Attribute]) -> SerdeVariant {
        let mut out = SerdeVariant::default();
        serde_options(attrs, |meta| {
            if meta.path.is_ident("rename") {
                out.rename = serialized_name(meta)?.or(out.rename.take());
            } else if meta.path.is_ident("untagged") {
                out.untagged = true;
            } else {
                skip_value(meta)?;
            }
            Ok(())
        });
        out
    }
}

/// Reads every `#[serde(...)]` option with `read`. Malformed ones are serde's to report: a
/// problem here only stops reading that attribute.
fn serde_options(
    attrs: &[Attribute],
    mut read: impl FnMut(&ParseNestedMeta<'_>) -> syn::Result<()>,
) {
    for attr in attrs.iter().filter(|a| a.path().is_ident("serde")) {
        let _ = attr.parse_nested_meta(|meta| read(&meta));
    }
}

/// The serialized name of `rename = "..."` or `rename(serialize = "...")`.
fn serialized_name(meta: &ParseNestedMeta<'_>) -> syn::Result<Option<String>> {
    if meta.input.peek(Token![=]) {
        return Ok(Some(meta.value()?.parse::<LitStr>()?.value()));
    }
    let mut name = None;
    meta.parse_nested_meta(|inner| {
        if inner.path.is_ident("serialize") {
            name = Some(inner.value()?.parse::<LitStr>()?.value());
        } else {
            skip_value(&inner)?;
        }
        Ok(())
    })?;
    Ok(name)
}

/// Skips an option's value: `= expr`, `(...)` or nothing.
fn skip_value(meta: &ParseNestedMeta<'_>) -> syn::Result<()> {
    if meta.input.peek(Token![=]) {
        meta.value()?.parse::<syn::Expr>()?;
    } else if meta.input.peek(syn::token::Paren) {
        let content;
        syn::parenthesized!(content in meta.input);
        content.parse::<TokenStream>()?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use quote::quote;

    use super::*;

    /// The expansion as one line without spaces, for matching.
    fn expand(input: TokenStream) -> String {
        let file: syn::File = syn::parse2(sanitize(input)).unwrap();
        let out = &file.items;
        quote!(#(#out)*).to_string().replace(' ', "")
    }

    fn error(input: TokenStream) -> String {
        let input: DeriveInput = syn::parse2(input).unwrap();
        let Err(error) = super::expand(&input) else {
            panic!("expanded");
        };
        error
            .into_iter()
            .map(|e| e.to_string())
            .collect::<Vec<_>>()
            .join("\n")
    }

    #[test]
    fn a_struct_masks_each_field_under_its_name() {
        let out = expand(quote! {
            struct Customer {
                #[mask(skip)]
                id: Id,
                email: String,
                #[mask(sensitive)]
                pin: String,
                #[serde(rename = "password")]
                kept: String,
                r#type: String,
            }
        });
        assert!(
            out.starts_with("#[automatically_derived]impl::airlock::SanitizeforCustomer{"),
            "{out}"
        );
        assert!(
            out.contains("letSelf{id:_,email:field1,pin:field2,kept:field3,r#type:field4}=self;"),
            "{out}"
        );
        assert!(
            out.contains("<Stringas::airlock::Sanitize>::sanitize_as(field1,sensitivity.nested(\"email\",sanitizer),sanitizer,report);"),
            "{out}"
        );
        assert!(out.contains("sanitize_as(field2,::airlock::sanitize::Sensitivity::SECRET,"));
        assert!(out.contains("sensitivity.nested(\"password\",sanitizer)"));
        assert!(out.contains("sensitivity.nested(\"type\",sanitizer)"));
        assert!(
            !out.contains("<Idas"),
            "a skipped field is not masked: {out}"
        );
        assert!(out.contains(
            "fnsanitize(&mutself,sanitizer:&::airlock::Sanitizer,report:&mut::airlock::sanitize::Report,){::airlock::Sanitize::sanitize_as(self,::airlock::sanitize::Sensitivity::PLAIN,sanitizer,report,);}"
        ), "{out}");
    }

    #[test]
    fn tuple_transparent_and_flattened_fields_take_the_parents_name() {
        let out = expand(quote!(
            struct Pair(String, #[mask(skip)] u8, Vec<String>);
        ));
        assert!(out.contains("letSelf(field0,_,field2)=self;"), "{out}");
        assert!(
            out.contains("sanitize_as(field0,sensitivity,sanitizer,report)"),
            "{out}"
        );
        assert!(
            out.contains("sanitize_as(field2,sensitivity,sanitizer,report)"),
            "{out}"
        );

        let out = expand(quote! {
            #[serde(transparent)]
            struct Wrapper { password: String }
        });
        assert!(
            out.contains("sanitize_as(field0,sensitivity,sanitizer,report)"),
            "{out}"
        );

        let out = expand(quote! {
            struct Outer { #[serde(flatten)] inner: Inner, #[serde(skip_serializing_if = "x")] api_key: String }
        });
        assert!(
            out.contains("sanitize_as(field0,sensitivity,sanitizer,report)"),
            "{out}"
        );
        assert!(
            out.contains("sensitivity.nested(\"api_key\",sanitizer)"),
            "{out}"
        );

        let out = expand(quote!(
            struct Unit;
        ));
        assert!(out.contains("letSelf=self;"), "{out}");
    }

    #[test]
    fn enum_content_sits_where_serde_puts_it() {
        let external = expand(quote! {
            enum E { Unit, New(String), #[serde(rename = "auth")] Tuple(String, String), Named { password: String } }
        });
        assert!(external.contains("Self::Unit=>{}"), "{external}");
        assert!(
            external
                .contains("Self::New(field0)=>{letcontent=sensitivity.nested(\"New\",sanitizer);"),
            "{external}"
        );
        assert!(external.contains("letcontent=sensitivity.nested(\"auth\",sanitizer);"));
        assert!(external.contains("sanitize_as(field1,content,sanitizer,report)"));
        assert!(external.contains("content.nested(\"password\",sanitizer)"));

        let internal = expand(quote! {
            #[serde(tag = "type")]
            enum E { Named { password: String } }
        });
        assert!(internal.contains("letcontent=sensitivity;"), "{internal}");
        let adjacent = expand(quote! {
            #[serde(tag = "t", content = "c")]
            enum E { New(String) }
        });
        assert!(adjacent.contains("letcontent=sensitivity.nested(\"c\",sanitizer);"));
        let untagged = expand(quote! {
            #[serde(untagged)]
            enum E { New(String) }
        });
        assert!(untagged.contains("letcontent=sensitivity;"));

        let empty = expand(quote!(
            enum Never {}
        ));
        assert!(empty.contains("match*self{}"), "{empty}");
    }

    #[test]
    fn type_parameters_of_masked_fields_are_bounded() {
        let out = expand(quote! {
            struct Page<'a, T, U, V: Clone, const N: usize> where T: Clone {
                items: Vec<T>,
                marker: PhantomData<U>,
                #[mask(skip)]
                raw: V,
                name: &'a str,
            }
        });
        assert!(out.contains(
            "impl<'a,T,U,V:Clone,constN:usize>::airlock::SanitizeforPage<'a,T,U,V,N>whereT:Clone,T:::airlock::Sanitize{"
        ), "{out}");
    }

    #[test]
    fn the_crate_path_can_be_given() {
        let out = expand(quote! {
            #[mask(crate = ::sdk::airlock)]
            struct S { a: String }
        });
        assert!(out.contains("impl::sdk::airlock::SanitizeforS"), "{out}");
        assert!(out.contains("<Stringas::sdk::airlock::Sanitize>"), "{out}");
        assert!(
            !out.contains(":::airlock") && !out.contains("as::airlock"),
            "{out}"
        );
    }

    #[test]
    fn every_bad_option_is_reported_at_once() {
        let message = error(quote! {
            #[mask(skip)]
            struct S {
                #[mask(skipp)] a: String,
                #[mask(skip = true)] b: String,
                #[mask(skip, sensitive)] c: String,
                #[mask(skip)] #[mask(skip)] d: String,
                #[mask] e: String,
            }
        });
        let lines: Vec<&str> = message.lines().collect();
        assert_eq!(lines.len(), 6, "{message}");
        assert!(lines[0].starts_with("`skip` goes on a field, not on the type"));
        assert!(lines[1].starts_with("unknown `mask` option `skipp`"));
        assert!(lines[2].starts_with("`skip` takes no value"));
        assert!(lines[3].starts_with("a field cannot be both `skip` and `sensitive`"));
        assert!(lines[4].starts_with("`skip` is given twice"));
        assert!(
            lines[5].starts_with("expected attribute arguments in parentheses"),
            "{message}"
        );

        let message = error(quote!(
            enum E {
                #[mask(skip)]
                A(String),
            }
        ));
        assert!(
            message.starts_with("`#[mask(...)]` goes on a variant's fields"),
            "{message}"
        );
        let message = error(quote!(union U { a: u32 }));
        assert!(
            message.starts_with("`Sanitize` cannot be derived for a union"),
            "{message}"
        );
    }
}
