//! Code shared by every contract expansion: meta, references and the emitted checks.

use crate::parse::meta::{MetaModel, ViewPolicyModel};
use crate::reader::Spanned;
use crate::reference::Reference;
use crate::source::SourceInfo;
use proc_macro2::{Span, TokenStream};
use quote::{quote, quote_spanned};

/// The path through which generated code reaches its crate's registry and defaults.
pub fn registry_path() -> TokenStream {
    quote!(crate::__contracts::REGISTRY)
}

pub fn defaults_path() -> TokenStream {
    quote!(crate::__contracts::DEFAULTS)
}

/// `Some("text")` or `None`.
pub fn opt_str(value: &Option<String>) -> TokenStream {
    match value {
        Some(text) => quote!(::core::option::Option::Some(#text)),
        None => quote!(::core::option::Option::None),
    }
}

/// `&["a", "b"]`.
pub fn str_slice<S: AsRef<str>>(values: &[S]) -> TokenStream {
    let values = values.iter().map(AsRef::as_ref);
    quote!(&[#(#values),*])
}

/// `&["a", "b"]` from spanned texts.
pub fn spanned_str_slice(values: &[Spanned<String>]) -> TokenStream {
    let values = values.iter().map(|v| &v.value);
    quote!(&[#(#values),*])
}

/// The arguments `key, version, hash, high, low` by which the `checks::literal` functions take
/// `reference` (`version` is `""` when it names none), with its key's digest computed here.
pub fn literal_ref(reference: &Reference) -> TokenStream {
    literal_parts(&reference.key, reference.version_text())
}

/// [`literal_ref`]'s arguments for a key and version (`""` for none) already validated.
fn literal_parts(key: &str, version: &str) -> TokenStream {
    let digest = contracts_syntax::KeyDigest::of(key);
    let (hash, [high, low]) = (digest.hash, digest.prefix);
    quote!(#key, #version, #hash, #high, #low)
}

/// `&[ContractRef, ...]`.
pub fn contract_refs(references: &[Reference]) -> TokenStream {
    quote!(&[#(#references),*])
}

/// `Some(ContractRef)` or `None`.
pub fn opt_contract_ref(reference: &Option<Reference>) -> TokenStream {
    match reference {
        Some(r) => quote!(::core::option::Option::Some(#r)),
        None => quote!(::core::option::Option::None),
    }
}

/// A compile-time check: `call` evaluates to `Result<(), Message>`; an error fails the build
/// with the message, reported at `span` (the literal being checked).
pub fn check(span: Span, call: TokenStream) -> TokenStream {
    quote_spanned! {span=>
        const _: () = ::contracts_core::__private::enforce(#call);
    }
}

/// Rules 1 and 3 for the contract of `meta`, which claims `capability` under `surface` (an
/// ident of `Surface`: `Operation`, `Event`, `Presentation`).
pub fn capability_claim_check(
    capability: &Option<Reference>,
    surface: &str,
    meta: &MetaModel,
) -> TokenStream {
    let Some(capability) = capability else {
        return TokenStream::new();
    };
    let registry = registry_path();
    let reference = literal_ref(capability);
    let surface = quote::format_ident!("{}", surface);
    let (key, version) = (&meta.key.value, meta.version.value.as_str());
    check(
        capability.span,
        quote!(::contracts_core::__private::checks::literal::capability_claim(
            &#registry, #reference, ::contracts_core::__private::Surface::#surface, #key, #version
        )),
    )
}

/// The checks every contract gets: it is registered exactly once, and its doc ids exist.
pub fn identity_checks(meta: &MetaModel, type_name: &str, source: &SourceInfo) -> TokenStream {
    let registry = registry_path();
    let (file, line) = (&source.file, source.line);
    let identity = literal_parts(&meta.key.value, meta.version.value.as_str());
    let mut checks = check(
        meta.key.span,
        quote!(::contracts_core::__private::checks::literal::declared_once(&#registry, #identity, #type_name, #file, #line)),
    );
    for id in &meta.doc_ids {
        let value = &id.value;
        checks.extend(check(
            id.span,
            quote!(::contracts_core::__private::checks::doc_block(&#registry, #value)),
        ));
    }
    checks
}

/// The `Meta` of a contract; fields it does not set come from its crate's `registry!` defaults.
pub fn meta(meta: &MetaModel, source: &SourceInfo) -> TokenStream {
    let defaults = defaults_path();
    let key = &meta.key.value;
    let version = &meta.version.value;
    let title = opt_str(&meta.title);
    let description = &meta.description;
    let goal = opt_str(&meta.goal);
    let context = opt_str(&meta.context);
    let domain = match &meta.domain {
        Some(domain) => quote!(::core::option::Option::Some(#domain)),
        None => quote!(#defaults.domain),
    };
    let owners = match &meta.owners {
        Some(owners) => str_slice(owners),
        None => quote!(#defaults.owners),
    };
    let own_tags = &meta.tags;
    let own_count = own_tags.len();
    // Concatenating needs two const items; most contracts add no tags of their own.
    let tags = if own_tags.is_empty() {
        quote!(#defaults.tags)
    } else {
        quote!({
            const BASE: &[&str] = #defaults.tags;
            const ALL: [&str; BASE.len() + #own_count] =
                ::contracts_core::__private::concat_tags(BASE, &[#(#own_tags),*]);
            &ALL
        })
    };
    let stability = match meta.stability {
        Some(stability) => stability.tokens(),
        None => {
            let message = format!(
                "contract `{key}` has no stability: add `stability = \"experimental\"` (or idea, in_creation, beta, stable, deprecated) to it, or to the `defaults(...)` of the crate's `registry!`"
            );
            quote_spanned! {meta.key.span=>
                ::contracts_core::__private::inherited_stability(#defaults.stability, #message)
            }
        }
    };
    let sunset = opt_str(&meta.sunset);
    let doc_ids = spanned_str_slice(&meta.doc_ids);
    let source = source_tokens(source);
    quote! {
        ::contracts_core::__private::Meta {
            key: #key,
            version: #version,
            title: #title,
            description: #description,
            goal: #goal,
            context: #context,
            domain: #domain,
            owners: #owners,
            tags: #tags,
            stability: #stability,
            sunset: #sunset,
            doc_ids: #doc_ids,
            source: #source,
        }
    }
}

pub fn source_tokens(source: &SourceInfo) -> TokenStream {
    let SourceInfo { file, line, text } = source;
    quote! {
        ::contracts_core::__private::Source {
            module: ::core::module_path!(),
            file: #file,
            line: #line,
            text: #text,
        }
    }
}

pub fn view_policy(policy: &ViewPolicyModel) -> TokenStream {
    let flags = str_slice(&policy.flags);
    let pii = spanned_str_slice(&policy.pii);
    quote!(::contracts_core::__private::ViewPolicy { flags: #flags, pii: #pii })
}

/// A check that `path` names a field of the model `info` evaluates to (`what` is "pii path" or
/// "form field").
pub fn field_path_check(info: &TokenStream, path: &Spanned<String>, what: &str) -> TokenStream {
    let value = &path.value;
    check(
        path.span,
        quote!(::contracts_core::__private::checks::field_path(#info, #value, #what)),
    )
}
