//! The annotated item: its name, doc comment and shape.

use crate::ctxt::Ctxt;
use proc_macro2::TokenStream;
use syn::{Attribute, DeriveInput, Expr, ExprLit, Ident, Lit, Meta};

/// The item an attribute annotates, parsed far enough to generate code for it.
pub struct AnnotatedItem {
    /// The item as written, re-emitted unchanged.
    pub tokens: TokenStream,
    pub ident: Ident,
    /// The doc comment, joined and trimmed, if any.
    pub doc: Option<String>,
}

impl AnnotatedItem {
    /// Parses the item of `#[attr]`; contracts are non-generic structs or enums.
    pub fn parse(cx: &Ctxt, attr: &str, tokens: TokenStream) -> Option<AnnotatedItem> {
        let input = match syn::parse2::<DeriveInput>(tokens.clone()) {
            Ok(input) => input,
            Err(e) => {
                cx.error_spanned(e.span(), format!("#[{attr}] applies to a struct or enum"));
                return None;
            }
        };
        if let syn::Data::Union(u) = &input.data {
            cx.error_spanned(
                u.union_token.span,
                format!("#[{attr}] applies to a struct or enum, not a union"),
            );
        }
        if !input.generics.params.is_empty() {
            cx.error_spanned(
                input.generics.params.first().map_or(input.ident.span(), syn::spanned::Spanned::span),
                format!("#[{attr}] cannot be used on a generic type: a contract has one fixed shape. Declare a concrete type (a type alias is not enough; use a struct)"),
            );
        }
        Some(AnnotatedItem {
            tokens,
            ident: input.ident.clone(),
            doc: doc_comment(&input.attrs),
        })
    }
}

/// The doc comment of `attrs`: lines joined with `\n`, one leading space removed from each,
/// blank lines at the ends dropped.
pub fn doc_comment(attrs: &[Attribute]) -> Option<String> {
    let lines: Vec<String> = attrs
        .iter()
        .filter(|a| a.path().is_ident("doc"))
        .filter_map(|a| match &a.meta {
            Meta::NameValue(nv) => match &nv.value {
                Expr::Lit(ExprLit {
                    lit: Lit::Str(s), ..
                }) => Some(s.value()),
                _ => None,
            },
            _ => None,
        })
        .flat_map(|chunk| chunk.split('\n').map(str::to_owned).collect::<Vec<_>>())
        .map(|line| line.strip_prefix(' ').map(str::to_owned).unwrap_or(line))
        .collect();
    let start = lines.iter().position(|l| !l.trim().is_empty())?;
    let end = lines.iter().rposition(|l| !l.trim().is_empty())?;
    Some(lines[start..=end].join("\n").trim_end().to_owned())
}
