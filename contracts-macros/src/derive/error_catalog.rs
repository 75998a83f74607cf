//! `#[derive(ErrorCatalog)]`: an enum of an operation's named errors.

use super::serde_attrs::RenameRule;
use crate::ctxt::Ctxt;
use crate::parse::item::doc_comment;
use crate::reader::Reader;
use proc_macro2::TokenStream;
use quote::quote;
use syn::{Data, DeriveInput, Fields};

const ARGS: &[&str] = &["code", "http", "when", "description"];

pub fn derive(input: DeriveInput) -> TokenStream {
    let cx = Ctxt::new();
    let ident = &input.ident;
    let Data::Enum(data) = &input.data else {
        return syn::Error::new(
            ident.span(),
            "ErrorCatalog is derived on an enum with one unit variant per error",
        )
        .to_compile_error();
    };
    if !input.generics.params.is_empty() {
        cx.error_spanned(ident.span(), "an error catalog cannot be generic");
    }
    let mut codes: Vec<String> = Vec::new();
    let mut specs = Vec::new();
    let mut arms = Vec::new();
    let mut decoders = Vec::new();
    for (index, variant) in data.variants.iter().enumerate() {
        if !matches!(variant.fields, Fields::Unit) {
            cx.error_spanned(
                variant.ident.span(),
                format!("error `{}` must be a unit variant: declared errors carry no data (put details in the run-time error message)", variant.ident),
            );
        }
        let args = variant
            .attrs
            .iter()
            .find(|a| a.path().is_ident("contract_error"))
            .map(|a| match &a.meta {
                syn::Meta::List(list) => list.tokens.clone(),
                _ => TokenStream::new(),
            });
        let Some(args) = args else {
            cx.error_spanned(
                variant.ident.span(),
                format!(
                    "error `{}` needs `#[contract_error(http = 4xx, when = \"...\")]`",
                    variant.ident
                ),
            );
            continue;
        };
        let mut reader = Reader::parse(
            &cx,
            format!("the #[contract_error] of `{}`", variant.ident),
            args,
            ARGS,
        );
        let code = match reader.string("code") {
            Some(lit) => {
                let code = lit.value();
                if !is_error_code(&code) {
                    cx.error_spanned(
                        lit.span(),
                        format!("invalid error code `{code}`: write it in SCREAMING_SNAKE_CASE, such as `PLAN_NOT_FOUND`"),
                    );
                }
                (code, lit.span())
            }
            None => (
                RenameRule::ScreamingSnake.apply_to_variant(&variant.ident.to_string()),
                variant.ident.span(),
            ),
        };
        if codes.contains(&code.0) {
            cx.error_spanned(
                code.1,
                format!("error code `{}` is declared twice in `{ident}`", code.0),
            );
        }
        codes.push(code.0.clone());
        let http = reader.integer("http", 400, 599);
        if http.is_none() && !cx.has_errors() {
            cx.error_spanned(
                variant.ident.span(),
                format!(
                    "error `{}` needs an HTTP status from 400 to 599: `http = 4xx`",
                    variant.ident
                ),
            );
        }
        let when = match reader.text("when") {
            Some(lit) => {
                let when = lit.value();
                quote!(::core::option::Option::Some(#when))
            }
            None => quote!(::core::option::Option::None),
        };
        let description = reader
            .text("description")
            .map(|l| l.value())
            .or_else(|| doc_comment(&variant.attrs));
        if description.is_none() {
            cx.error_spanned(
                variant.ident.span(),
                format!(
                    "error `{}` has no description: add a doc comment or `description = \"...\"`",
                    variant.ident
                ),
            );
        }
        reader.finish();
        let (code, description, http) = (
            code.0,
            description.unwrap_or_default(),
            http.map_or(500, |h| h.value as u16),
        );
        specs.push(quote! {
            ::contracts_core::__private::ErrorSpec { code: #code, description: #description, http: #http, when: #when }
        });
        let variant_ident = &variant.ident;
        if matches!(variant.fields, Fields::Unit) {
            decoders.push(quote!(#code => ::core::option::Option::Some(#ident::#variant_ident)));
        }
        arms.push(quote!(#ident::#variant_ident { .. } => &<Self as ::contracts_core::ErrorCatalog>::ERRORS[#index]));
    }
    let errors = cx.into_compile_errors();
    let spec_body = if arms.is_empty() {
        quote!(match *self {})
    } else {
        quote!(match self { #(#arms),* })
    };
    quote! {
        impl ::contracts_core::ErrorCatalog for #ident {
            const ERRORS: &'static [::contracts_core::__private::ErrorSpec] = &[#(#specs),*];
            fn spec(&self) -> &'static ::contracts_core::__private::ErrorSpec {
                #spec_body
            }
            fn from_code(code: &::core::primitive::str) -> ::core::option::Option<Self> {
                match code {
                    #(#decoders,)*
                    _ => ::core::option::Option::None,
                }
            }
        }
        #errors
    }
}

fn is_error_code(code: &str) -> bool {
    let mut chars = code.chars();
    chars.next().is_some_and(|c| c.is_ascii_uppercase())
        && chars.all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
        && !code.ends_with('_')
        && !code.contains("__")
}
