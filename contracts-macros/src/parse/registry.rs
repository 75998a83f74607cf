//! `registry! { ... }`.

use crate::args::Items;
use crate::choices::Stability;
use crate::ctxt::Ctxt;
use crate::reader::Reader;
use proc_macro2::{Span, TokenStream};
use syn::parse::{Parse, ParseStream};
use syn::punctuated::Punctuated;
use syn::{Attribute, Ident, Path, Token, Visibility};

pub struct RegistryModel {
    pub attrs: Vec<Attribute>,
    pub vis: Visibility,
    pub ident: Ident,
    pub defaults: DefaultsModel,
    pub includes: Vec<Path>,
    pub contracts: Vec<Path>,
    /// Whether `includes(...)` and `contracts(...)` were read: when not, which contracts the
    /// registry holds is unknown, and checks that need the whole listing stay quiet.
    pub listing_valid: bool,
}

#[derive(Default)]
pub struct DefaultsModel {
    pub domain: Option<String>,
    pub owners: Vec<String>,
    pub tags: Vec<String>,
    pub stability: Option<Stability>,
    pub http_envelope: Option<bool>,
}

/// The raw sections, before their contents are read.
struct RawRegistry {
    attrs: Vec<Attribute>,
    vis: Visibility,
    ident: Ident,
    sections: Vec<(Ident, TokenStream, Span)>,
}

impl Parse for RawRegistry {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let attrs = input.call(Attribute::parse_outer)?;
        let vis: Visibility = input.parse()?;
        input.parse::<Token![static]>().map_err(|e| {
            syn::Error::new(
                e.span(),
                "a registry starts with its static: `pub static REGISTRY;`",
            )
        })?;
        let ident: Ident = input.parse()?;
        input.parse::<Token![;]>()?;
        let mut sections = Vec::new();
        while !input.is_empty() {
            let name: Ident = input.parse()?;
            let content;
            let paren = syn::parenthesized!(content in input);
            sections.push((name, content.parse()?, paren.span.join()));
            if !input.is_empty() {
                input.parse::<Token![;]>()?;
            }
        }
        Ok(RawRegistry {
            attrs,
            vis,
            ident,
            sections,
        })
    }
}

const SECTIONS: &[&str] = &["defaults", "includes", "contracts"];

impl RegistryModel {
    pub fn parse(cx: &Ctxt, input: TokenStream) -> Option<RegistryModel> {
        let raw = match syn::parse2::<RawRegistry>(input) {
            Ok(raw) => raw,
            Err(e) => {
                cx.syn_error(e);
                return None;
            }
        };
        let mut model = RegistryModel {
            attrs: raw.attrs,
            vis: raw.vis,
            ident: raw.ident,
            defaults: DefaultsModel::default(),
            includes: Vec::new(),
            contracts: Vec::new(),
            listing_valid: true,
        };
        let mut seen: Vec<String> = Vec::new();
        for (name, tokens, span) in raw.sections {
            let section = name.to_string();
            if seen.contains(&section) {
                cx.error_spanned(
                    name.span(),
                    format!("duplicate section `{section}` in registry!: merge them into one"),
                );
                continue;
            }
            seen.push(section.clone());
            match section.as_str() {
                "defaults" => model.defaults = read_defaults(cx, tokens),
                "includes" => match read_paths(cx, tokens, span, "includes") {
                    Some(paths) => model.includes = paths,
                    None => model.listing_valid = false,
                },
                "contracts" => match read_paths(cx, tokens, span, "contracts") {
                    Some(paths) => model.contracts = paths,
                    None => model.listing_valid = false,
                },
                other => {
                    let hint = crate::reader::closest(other, SECTIONS)
                        .map_or(String::new(), |s| format!(" (did you mean `{s}`?)"));
                    cx.error_spanned(
                        name.span(),
                        format!("unknown section `{other}` in registry!{hint}; expected `defaults(...)`, `includes(...)` or `contracts(...)`"),
                    );
                }
            }
        }
        Some(model)
    }
}

fn read_defaults(cx: &Ctxt, tokens: TokenStream) -> DefaultsModel {
    let items = match syn::parse2::<Items>(tokens) {
        Ok(Items(items)) => items,
        Err(e) => {
            cx.syn_error(e);
            return DefaultsModel::default();
        }
    };
    let mut reader = Reader::new(
        cx,
        "the defaults(...) of registry!",
        items,
        &["domain", "owners", "tags", "stability", "http"],
    );
    let defaults = DefaultsModel {
        domain: reader.text("domain").map(|l| l.value()),
        owners: reader.strings("owners").iter().map(|l| l.value()).collect(),
        tags: reader.strings("tags").iter().map(|l| l.value()).collect(),
        stability: reader.choice("stability").map(|s| s.value),
        http_envelope: reader
            .list("http")
            .and_then(|(items, _)| super::http::read_defaults(cx, items)),
    };
    reader.finish();
    defaults
}

/// The paths of `includes(...)` or `contracts(...)` (`section`), each once: a path listed twice
/// is reported and kept once, so the registry does not hold it twice. `None` when the list
/// cannot be read.
fn read_paths(cx: &Ctxt, tokens: TokenStream, _span: Span, section: &str) -> Option<Vec<Path>> {
    let parser = Punctuated::<Path, Token![,]>::parse_terminated;
    let paths = match syn::parse::Parser::parse2(parser, tokens) {
        Ok(paths) => paths,
        Err(e) => {
            cx.error_spanned(e.span(), "expected a comma-separated list of paths");
            return None;
        }
    };
    let mut seen: Vec<String> = Vec::new();
    let mut unique = Vec::new();
    for path in paths {
        let printed = quote::quote!(#path).to_string().replace(' ', "");
        if seen.contains(&printed) {
            cx.error_spanned(
                syn::spanned::Spanned::span(&path),
                format!("`{printed}` is listed twice in `{section}(...)`: keep one"),
            );
            continue;
        }
        seen.push(printed);
        unique.push(path);
    }
    Some(unique)
}
