//! A generic tree of attribute arguments with spans, parsed before any typed reading.
//!
//! `key = "a.b", owners = ["x"], flag, provides(operation("a@1.0.0", description = "d")),
//! emits(path::Event(when = "w"))` becomes a list of [`Item`]s. Values are kept as raw tokens and
//! parsed by the typed readers in `parse/`, which know what each argument expects.

use proc_macro2::{Delimiter, Span, TokenStream, TokenTree};
use quote::ToTokens;
use syn::ext::IdentExt;
use syn::parse::{Parse, ParseStream};
use syn::spanned::Spanned;
use syn::{Ident, LitStr, Path, Token};

/// One element of an argument list.
pub enum Item {
    /// `name`, `name = value` or `name(...)`.
    Arg(Arg),
    /// A positional string literal, as in `operation("a.b@1.0.0", ...)`.
    Lit(LitStr),
}

/// A named argument.
pub struct Arg {
    /// The name; a path for list items such as `events::Started(when = "...")`.
    pub path: Path,
    pub value: Value,
}

/// What follows an argument's name.
pub enum Value {
    /// Nothing: a flag such as `optional`.
    Flag,
    /// `= tokens`, up to the next top-level comma.
    Assign(TokenStream),
    /// `( items )`.
    List(Vec<Item>, Span),
}

impl Arg {
    /// The name as a string, segments joined with `::`.
    pub fn name(&self) -> String {
        self.path
            .segments
            .iter()
            .map(|s| s.ident.unraw().to_string())
            .collect::<Vec<_>>()
            .join("::")
    }

    pub fn name_span(&self) -> Span {
        self.path.span()
    }
}

impl Item {
    pub fn span(&self) -> Span {
        match self {
            Item::Arg(arg) => arg.name_span(),
            Item::Lit(lit) => lit.span(),
        }
    }
}

/// Parses a comma-separated list of items.
pub struct Items(pub Vec<Item>);

impl Parse for Items {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let mut items = Vec::new();
        while !input.is_empty() {
            items.push(input.parse()?);
            if input.is_empty() {
                break;
            }
            input.parse::<Token![,]>()?;
        }
        Ok(Items(items))
    }
}

impl Parse for Item {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        if input.peek(LitStr) {
            return Ok(Item::Lit(input.parse()?));
        }
        if input.peek(syn::Lit) {
            let lit: syn::Lit = input.parse()?;
            return Err(syn::Error::new(
                lit.span(),
                "expected an argument name or a string literal",
            ));
        }
        let path = parse_path(input)?;
        let value = if input.peek(Token![=]) {
            let eq: Token![=] = input.parse()?;
            let tokens = parse_value_tokens(input)?;
            if tokens.is_empty() {
                return Err(syn::Error::new(eq.span, "expected a value after `=`"));
            }
            Value::Assign(tokens)
        } else if input.peek(syn::token::Paren) {
            let content;
            let paren = syn::parenthesized!(content in input);
            let Items(items) = content.parse()?;
            Value::List(items, paren.span.join())
        } else {
            Value::Flag
        };
        Ok(Item::Arg(Arg { path, value }))
    }
}

/// A path whose segments may be keywords (`type = "search"`).
fn parse_path(input: ParseStream) -> syn::Result<Path> {
    let leading_colon: Option<Token![::]> = input.parse()?;
    let mut segments = syn::punctuated::Punctuated::new();
    loop {
        let ident = Ident::parse_any(input)?;
        segments.push_value(syn::PathSegment::from(ident));
        if input.peek(Token![::]) {
            segments.push_punct(input.parse()?);
        } else {
            break;
        }
    }
    Ok(Path {
        leading_colon,
        segments,
    })
}

/// Collects the tokens of a value up to the next comma outside `<...>` generics.
fn parse_value_tokens(input: ParseStream) -> syn::Result<TokenStream> {
    input.step(|cursor| {
        let mut tokens = TokenStream::new();
        let mut depth = 0i32;
        let mut rest = *cursor;
        while let Some((tt, next)) = rest.token_tree() {
            if let TokenTree::Punct(p) = &tt {
                match p.as_char() {
                    ',' if depth == 0 => break,
                    '<' => depth += 1,
                    '>' if depth > 0 => depth -= 1,
                    _ => {}
                }
            }
            tt.to_tokens(&mut tokens);
            rest = next;
        }
        Ok((tokens, rest))
    })
}

/// Whether `tokens` is one bracketed group `[...]`.
pub fn as_bracket_group(tokens: &TokenStream) -> Option<proc_macro2::Group> {
    let mut iter = tokens.clone().into_iter();
    match (iter.next(), iter.next()) {
        (Some(TokenTree::Group(group)), None) if group.delimiter() == Delimiter::Bracket => {
            Some(group)
        }
        _ => None,
    }
}
