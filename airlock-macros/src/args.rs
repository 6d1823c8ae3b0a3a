//! The attribute's keys: `#[airlock(policy = PATH, name = "...", access = ..., mask = ...,
//! max_output = N, crate = PATH)]`.
//!
//! Every key is checked on its own and all problems are reported together, each at the key
//! or value it is about.

use std::collections::BTreeSet;

use proc_macro2::{TokenStream, TokenTree};
use syn::ext::IdentExt;
use syn::parse::{ParseStream, Parser};
use syn::spanned::Spanned;
use syn::{Ident, Lit, LitStr, Path, Token, bracketed};

/// The keys the attribute accepts, in the order the documentation lists them.
const KEYS: &str = "`policy`, `name`, `access`, `mask`, `max_output` and `crate`";

/// The smallest output budget: the truncation marker needs room (`airlock::sanitize::MIN_BUDGET`).
pub(crate) const MIN_BUDGET: usize = 64;

/// The parsed keys.
#[derive(Default)]
pub(crate) struct Args {
    /// `policy = PATH`: a `const` or `static` `Policy`.
    pub(crate) policy: Option<Path>,
    /// `name = "..."`: the tool's name, if not the function's.
    pub(crate) name: Option<LitStr>,
    /// `access = ...`.
    pub(crate) access: Option<Access>,
    /// `mask = ...`.
    pub(crate) mask: Mask,
    /// `max_output = N`.
    pub(crate) max_output: Option<usize>,
    /// `crate = PATH`: the `airlock` crate, if not at `::airlock`.
    pub(crate) krate: Option<Path>,
}

/// A declared access level (`airlock::policy::Access`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Access {
    Read,
    Write,
    Delete,
    Execute,
}

impl Access {
    const VALID: &str = "`read`, `write`, `delete` or `execute`";

    fn from_name(name: &str) -> Option<Access> {
        Some(match name {
            "read" => Access::Read,
            "write" => Access::Write,
            "delete" => Access::Delete,
            "execute" => Access::Execute,
            _ => return None,
        })
    }

    /// The variant's name in `airlock::policy::Access`.
    pub(crate) fn variant(self) -> &'static str {
        match self {
            Access::Read => "Read",
            Access::Write => "Write",
            Access::Delete => "Delete",
            Access::Execute => "Execute",
        }
    }
}

/// A masking category (`airlock::sanitize::Category`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Category {
    Pii,
    Secret,
}

impl Category {
    /// The variant's name in `airlock::sanitize::Category`.
    pub(crate) fn variant(self) -> &'static str {
        match self {
            Category::Pii => "Pii",
            Category::Secret => "Secret",
        }
    }
}

/// A masking strategy (`airlock::sanitize::Strategy`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Strategy {
    Full,
    Partial,
    TypeOnly,
    KeyedHash,
}

impl Strategy {
    /// The variant's name in `airlock::sanitize::Strategy`.
    pub(crate) fn variant(self) -> &'static str {
        match self {
            Strategy::Full => "Full",
            Strategy::Partial => "Partial",
            Strategy::TypeOnly => "TypeOnly",
            Strategy::KeyedHash => "KeyedHash",
        }
    }
}

/// The masking of a tool's output (`airlock::__private::Mask`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) enum Mask {
    #[default]
    Default,
    Off,
    Restricted(Option<Category>, Option<Strategy>),
}

const MASK_VALUES: &str = "`off`, `default`, a category (`pii`, `secret`), a strategy (`full`, \
     `partial`, `type`, `hash`), or a list of one category and one strategy like `[pii, full]`";

/// One word of a `mask` value.
enum MaskWord {
    Off,
    Default,
    Category(Category),
    Strategy(Strategy),
}

impl MaskWord {
    fn from_name(name: &str) -> Option<MaskWord> {
        Some(match name {
            "off" => MaskWord::Off,
            "default" => MaskWord::Default,
            "pii" => MaskWord::Category(Category::Pii),
            "secret" => MaskWord::Category(Category::Secret),
            "full" => MaskWord::Strategy(Strategy::Full),
            "partial" => MaskWord::Strategy(Strategy::Partial),
            "type" => MaskWord::Strategy(Strategy::TypeOnly),
            "hash" => MaskWord::Strategy(Strategy::KeyedHash),
            _ => return None,
        })
    }
}

/// Parses the attribute's arguments, reporting every bad key at once.
pub(crate) fn parse(tokens: TokenStream) -> syn::Result<Args> {
    let mut state = State::default();
    let structure = syn::meta::parser(|meta| {
        state.key(&meta);
        Ok(())
    })
    .parse2(tokens);
    if let Err(error) = structure {
        state.errors.push(error);
    }
    let mut errors = state.errors.into_iter();
    match errors.next() {
        None => Ok(state.args),
        Some(mut first) => {
            first.extend(errors);
            Err(first)
        }
    }
}

/// The keys parsed so far and the problems found.
#[derive(Default)]
struct State {
    args: Args,
    seen: BTreeSet<String>,
    errors: Vec<syn::Error>,
}

impl State {
    /// Parses one `key = value`; a problem is recorded and the value skipped, so that the
    /// keys after it are still checked.
    fn key(&mut self, meta: &syn::meta::ParseNestedMeta<'_>) {
        if let Err(error) = self.try_key(meta) {
            self.errors.push(error);
            skip_value(meta.input);
        }
    }

    fn try_key(&mut self, meta: &syn::meta::ParseNestedMeta<'_>) -> syn::Result<()> {
        let Some(key) = meta.path.get_ident() else {
            return Err(syn::Error::new(
                meta.path.span(),
                format!("expected a key; the keys are {KEYS}"),
            ));
        };
        let name = key.unraw().to_string();
        let parse_value: fn(&mut Args, ParseStream<'_>) -> syn::Result<()> = match name.as_str() {
            "policy" => policy,
            "name" => tool_name,
            "access" => access,
            "mask" => mask,
            "max_output" => max_output,
            "crate" => krate,
            _ => {
                return Err(syn::Error::new(
                    key.span(),
                    format!("unknown key `{name}`; the keys are {KEYS}"),
                ));
            }
        };
        if !self.seen.insert(name.clone()) {
            return Err(syn::Error::new(
                key.span(),
                format!("duplicate key `{name}`: give each key once"),
            ));
        }
        if !meta.input.peek(Token![=]) {
            return Err(syn::Error::new(
                key.span(),
                format!("`{name}` needs a value: `{name} = ...`"),
            ));
        }
        let input = meta.value()?;
        parse_value(&mut self.args, input)?;
        if !(input.is_empty() || input.peek(Token![,])) {
            return Err(input.error(format!(
                "unexpected tokens after the value of `{name}`; separate keys with `,`"
            )));
        }
        Ok(())
    }
}

/// Skips the rest of a value, up to the next `,` between keys.
fn skip_value(input: ParseStream<'_>) {
    let skipped: syn::Result<()> = input.step(|cursor| {
        let mut rest = *cursor;
        while let Some((tree, next)) = rest.token_tree() {
            if matches!(&tree, TokenTree::Punct(p) if p.as_char() == ',') {
                break;
            }
            rest = next;
        }
        Ok(((), rest))
    });
    // Stepping over token trees cannot fail; were it to, the parser reports what is left.
    drop(skipped);
}

fn policy(args: &mut Args, input: ParseStream<'_>) -> syn::Result<()> {
    let expected = "`policy` takes a path to a `const` or `static` `airlock::policy::Policy`, \
                    like `policy = READ_ONLY` or `policy = crate::policies::MAIL`";
    if input.peek(Lit) {
        return Err(input.error(format!("{expected}, not a literal")));
    }
    let path = Path::parse_mod_style(input).map_err(|e| syn::Error::new(e.span(), expected))?;
    if let Some(first) = path.segments.first()
        && first.ident == "Self"
    {
        return Err(syn::Error::new(
            first.ident.span(),
            "`policy` cannot use `Self`: the tool is described by a `static`, which cannot \
             name `Self`; write the type's name (`policy = MyServer::POLICY`)",
        ));
    }
    args.policy = Some(path);
    Ok(())
}

fn tool_name(args: &mut Args, input: ParseStream<'_>) -> syn::Result<()> {
    let expected = "`name` takes a string literal, like `name = \"search_mail\"`";
    let Ok(Lit::Str(name)) = input.parse::<Lit>() else {
        return Err(input.error(expected));
    };
    if name.value().is_empty() {
        return Err(syn::Error::new(name.span(), "`name` cannot be empty"));
    }
    args.name = Some(name);
    Ok(())
}

fn access(args: &mut Args, input: ParseStream<'_>) -> syn::Result<()> {
    let word = bare_word(input, "access", Access::VALID)?;
    let access = Access::from_name(&word.to_string()).ok_or_else(|| {
        syn::Error::new(
            word.span(),
            format!("unknown access `{word}`; use {}", Access::VALID),
        )
    })?;
    args.access = Some(access);
    Ok(())
}

fn mask(args: &mut Args, input: ParseStream<'_>) -> syn::Result<()> {
    if !input.peek(syn::token::Bracket) {
        let word = bare_word(input, "mask", MASK_VALUES)?;
        args.mask = match mask_word(&word)? {
            MaskWord::Off => Mask::Off,
            MaskWord::Default => Mask::Default,
            MaskWord::Category(category) => Mask::Restricted(Some(category), None),
            MaskWord::Strategy(strategy) => Mask::Restricted(None, Some(strategy)),
        };
        return Ok(());
    }
    let content;
    let brackets = bracketed!(content in input);
    let words = content.parse_terminated(Ident::parse_any, Token![,])?;
    let (mut category, mut strategy) = (None, None);
    for word in &words {
        match mask_word(word)? {
            MaskWord::Off | MaskWord::Default => {
                return Err(syn::Error::new(
                    word.span(),
                    format!(
                        "`{word}` stands alone (`mask = {word}`); a list holds one category \
                         (`pii`, `secret`) and one strategy (`full`, `partial`, `type`, `hash`)"
                    ),
                ));
            }
            MaskWord::Category(c) if category.replace(c).is_some() => {
                return Err(syn::Error::new(
                    word.span(),
                    "a mask list holds at most one category (`pii` or `secret`); leave the \
                     category out to mask both",
                ));
            }
            MaskWord::Strategy(s) if strategy.replace(s).is_some() => {
                return Err(syn::Error::new(
                    word.span(),
                    "a mask list holds at most one strategy (`full`, `partial`, `type` or \
                     `hash`)",
                ));
            }
            MaskWord::Category(_) | MaskWord::Strategy(_) => {}
        }
    }
    if words.is_empty() {
        return Err(syn::Error::new(
            brackets.span.join(),
            format!("an empty mask list; use {MASK_VALUES}"),
        ));
    }
    args.mask = Mask::Restricted(category, strategy);
    Ok(())
}

fn mask_word(word: &Ident) -> syn::Result<MaskWord> {
    MaskWord::from_name(&word.to_string()).ok_or_else(|| {
        syn::Error::new(
            word.span(),
            format!("unknown mask `{word}`; use {MASK_VALUES}"),
        )
    })
}

fn max_output(args: &mut Args, input: ParseStream<'_>) -> syn::Result<()> {
    let expected = "`max_output` takes a number of characters, like `max_output = 4000`";
    let Ok(Lit::Int(literal)) = input.parse::<Lit>() else {
        return Err(input.error(expected));
    };
    if !matches!(literal.suffix(), "" | "usize") {
        return Err(syn::Error::new(literal.span(), expected));
    }
    let chars: usize = literal.base10_parse()?;
    if chars < MIN_BUDGET {
        return Err(syn::Error::new(
            literal.span(),
            format!(
                "`max_output` must be at least {MIN_BUDGET}: a cut output ends with a marker \
                 saying how much was cut, which needs the room"
            ),
        ));
    }
    args.max_output = Some(chars);
    Ok(())
}

fn krate(args: &mut Args, input: ParseStream<'_>) -> syn::Result<()> {
    let path = Path::parse_mod_style(input).map_err(|e| {
        syn::Error::new(
            e.span(),
            "`crate` takes the path of the `airlock` crate, like `crate = ::my_reexport::airlock`",
        )
    })?;
    args.krate = Some(path);
    Ok(())
}

/// A bare word (keywords like `type` included) as the value of `key`.
fn bare_word(input: ParseStream<'_>, key: &str, valid: &str) -> syn::Result<Ident> {
    if input.peek(Ident::peek_any) {
        return Ident::parse_any(input);
    }
    let found = if input.peek(LitStr) {
        " without quotes"
    } else {
        ""
    };
    Err(input.error(format!("`{key}` takes {valid}{found}")))
}

#[cfg(test)]
mod tests {
    use quote::quote;

    use super::*;

    fn errors(tokens: TokenStream) -> Vec<String> {
        match parse(tokens) {
            Ok(_) => Vec::new(),
            Err(error) => error.into_iter().map(|e| e.to_string()).collect(),
        }
    }

    #[test]
    fn parses_every_key() {
        let args = parse(quote! {
            policy = crate::READ_ONLY, name = "lookup", access = delete,
            mask = [secret, hash], max_output = 4096, crate = ::other::airlock
        })
        .unwrap();
        assert_eq!(
            args.policy.map(|p| quote!(#p).to_string()),
            Some("crate :: READ_ONLY".to_owned())
        );
        assert_eq!(args.name.map(|n| n.value()), Some("lookup".to_owned()));
        assert_eq!(args.access, Some(Access::Delete));
        assert_eq!(
            args.mask,
            Mask::Restricted(Some(Category::Secret), Some(Strategy::KeyedHash))
        );
        assert_eq!(args.max_output, Some(4096));
        assert!(args.krate.is_some());
    }

    #[test]
    fn defaults_when_empty() {
        let args = parse(TokenStream::new()).unwrap();
        assert!(args.policy.is_none() && args.name.is_none() && args.access.is_none());
        assert_eq!(args.mask, Mask::Default);
        assert_eq!(args.max_output, None);
    }

    #[test]
    fn mask_words() {
        let mask = |tokens| parse(tokens).unwrap().mask;
        assert_eq!(mask(quote!(mask = off)), Mask::Off);
        assert_eq!(mask(quote!(mask = default)), Mask::Default);
        assert_eq!(
            mask(quote!(mask = pii)),
            Mask::Restricted(Some(Category::Pii), None)
        );
        assert_eq!(
            mask(quote!(mask = type)),
            Mask::Restricted(None, Some(Strategy::TypeOnly))
        );
        assert_eq!(
            mask(quote!(mask = [full])),
            Mask::Restricted(None, Some(Strategy::Full))
        );
        assert_eq!(
            mask(quote!(mask = [partial, pii,])),
            Mask::Restricted(Some(Category::Pii), Some(Strategy::Partial))
        );
    }

    #[test]
    fn reports_every_problem() {
        let found = errors(quote! {
            polcy = X, access = admin, mask = [pii, secret], max_output = 10, name = "",
            access = read, crate = "airlock"
        });
        assert_eq!(found.len(), 7, "{found:#?}");
        assert!(found[0].starts_with("unknown key `polcy`; the keys are `policy`"));
        assert!(found[1].starts_with("unknown access `admin`"));
        assert!(found[2].contains("at most one category"));
        assert!(found[3].starts_with("`max_output` must be at least 64"));
        assert_eq!(found[4], "`name` cannot be empty");
        assert_eq!(found[5], "duplicate key `access`: give each key once");
        assert!(found[6].starts_with("`crate` takes the path"));
    }

    #[test]
    fn rejects_bad_values() {
        assert!(errors(quote!(policy = "READ_ONLY"))[0].contains("not a literal"));
        assert!(errors(quote!(policy = Self::P))[0].contains("cannot use `Self`"));
        assert!(errors(quote!(name = NAME))[0].starts_with("`name` takes a string literal"));
        assert!(errors(quote!(access = "read"))[0].ends_with("without quotes"));
        assert!(errors(quote!(max_output = 100u8))[0].starts_with("`max_output` takes"));
        assert!(errors(quote!(max_output = 4000))[..].is_empty());
        assert!(errors(quote!(policy))[0].starts_with("`policy` needs a value"));
        assert!(errors(quote!(access = read write))[0].starts_with("unexpected tokens"));
        assert!(errors(quote!(mask = [off]))[0].contains("stands alone"));
        assert!(errors(quote!(mask = []))[0].starts_with("an empty mask list"));
        assert!(errors(quote!(mask = [full, type]))[0].contains("at most one strategy"));
        assert!(errors(quote!(mask = everything))[0].starts_with("unknown mask `everything`"));
        assert!(errors(quote!(a::b = 1))[0].starts_with("expected a key"));
    }
}
