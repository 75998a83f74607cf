//! Generation: typed models into descriptors, trait impls and compile-time checks.
//!
//! Each `expand` function takes a model whose problems were already reported; with `valid ==
//! false` it still emits the item's descriptor and impls (so code using the item compiles) but
//! declares it invalid and emits no checks, so one mistake produces one error, not a cascade.

pub mod capability;
pub mod common;
pub mod consumer;
pub mod data_view;
pub mod doc_block;
pub mod event;
pub mod example;
pub mod feature;
pub mod form;
pub mod http;
pub mod operation;
pub mod policy;
pub mod presentation;
pub mod registry;

use crate::parse::doc_block::DocBlockModel;
use crate::parse::meta::MetaModel;
use crate::reference::Reference;
use proc_macro2::TokenStream;
use quote::quote;

/// The name of the static holding a contract's descriptor: derived from the type, so unique in
/// its module, and hidden. A named static (rather than one inside a `const _` block) saves a
/// body per contract for the compiler to check.
pub fn descriptor_static(ident: &syn::Ident) -> syn::Ident {
    quote::format_ident!("__CONTRACT_DESCRIPTOR_{}", ident)
}

/// A declaration's identity: its key and version (a doc block's id and `""`) when valid, and
/// as written, kept by a broken declaration so that references to it stay quiet.
pub struct Identity<'a> {
    pub key: &'a str,
    pub version: &'a str,
    pub written_key: Option<&'a str>,
    pub written_version: Option<&'a str>,
    /// The `version` literal, where a change to a frozen (locked) version is reported.
    pub version_span: Option<proc_macro2::Span>,
}

impl<'a> Identity<'a> {
    pub fn of(meta: &'a MetaModel) -> Identity<'a> {
        Identity {
            key: &meta.key.value,
            version: meta.version.value.as_str(),
            written_key: meta.written_key.as_deref(),
            written_version: meta.version_valid.then_some(meta.version.value.as_str()),
            version_span: Some(meta.version.span),
        }
    }

    pub fn doc_block(block: &'a DocBlockModel) -> Identity<'a> {
        Identity {
            key: &block.id.value,
            version: "",
            written_key: block.written_id.as_deref(),
            written_version: None,
            version_span: None,
        }
    }
}

/// What every kind generates around its descriptor's value: the static holding it, the
/// `Declared` impl (an invalid declaration, keeping the key and version as written, when the
/// attribute had errors) and, when the kind has one, its trait impl (`impl Capability for T {
/// const DESCRIPTOR ... }`).
///
/// `identity` is hashed into its declaration; `descriptor_type` names the descriptor struct
/// (`CapabilityDescriptor`); `variant` the `Contract` variant (`Capability`), or `None` for a
/// doc block; `kind_trait` the trait.
pub fn declared(
    ident: &syn::Ident,
    identity: Identity<'_>,
    valid: bool,
    descriptor_type: &str,
    variant: Option<&str>,
    kind_trait: Option<&str>,
    value: TokenStream,
) -> TokenStream {
    let descriptor = descriptor_static(ident);
    let descriptor_type = quote::format_ident!("{}", descriptor_type);
    let declaration = match (valid, variant) {
        (false, _) => {
            let key = common::opt_str(&identity.written_key.map(str::to_owned));
            let version = common::opt_str(&identity.written_version.map(str::to_owned));
            quote!(::contracts_core::Declaration::Invalid { key: #key, version: #version })
        }
        (true, Some(variant)) => {
            let variant = quote::format_ident!("{}", variant);
            let digest = contracts_syntax::KeyDigest::of(identity.key);
            let id_hash = digest.id_hash(identity.version);
            let (hash, [high, low]) = (digest.hash, digest.prefix);
            quote!(::contracts_core::Declaration::__hashed(::contracts_core::Contract::#variant(&#descriptor), #hash, #high, #low, #id_hash))
        }
        (true, None) => quote!(::contracts_core::Declaration::DocBlock(&#descriptor)),
    };
    let kind_impl = kind_trait.map(|kind_trait| {
        let kind_trait = quote::format_ident!("{}", kind_trait);
        quote! {
            impl ::contracts_core::#kind_trait for #ident {
                const DESCRIPTOR: &'static ::contracts_core::__private::#descriptor_type = &#descriptor;
            }
        }
    });
    let frozen = match (valid, variant, identity.version_span) {
        (true, Some(variant), Some(span)) => {
            frozen_check(&descriptor, variant, identity.key, identity.version, span)
        }
        _ => TokenStream::new(),
    };
    quote! {
        #[doc(hidden)]
        #[allow(non_upper_case_globals)]
        static #descriptor: ::contracts_core::__private::#descriptor_type = #value;
        #frozen
        impl ::contracts_core::Declared for #ident {
            const DECLARATION: ::contracts_core::Declaration = #declaration;
        }
        #kind_impl
    }
}

/// When the crate's lock records `key@version` as released (frozen), a check that the contract
/// (`Contract::variant(&descriptor)`) still has the recorded wire surface, on its `version`.
fn frozen_check(
    descriptor: &syn::Ident,
    variant: &str,
    key: &str,
    version: &str,
    span: proc_macro2::Span,
) -> TokenStream {
    let Some(locked) = crate::lock::frozen(key, version) else {
        return TokenStream::new();
    };
    let variant = quote::format_ident!("{}", variant);
    common::check(
        span,
        quote!(::contracts_core::__private::checks::frozen(
            &::contracts_core::Contract::#variant(&#descriptor), &[#(#locked),*]
        )),
    )
}

/// A check that `reference` names a contract of `kinds` (a `KindSet` constructor such as
/// `OPERATIONS` or `only(...)`); `what` names the kinds in messages.
pub fn reference_check(reference: &Reference, kinds: TokenStream, what: &str) -> TokenStream {
    let registry = common::registry_path();
    let target = common::literal_ref(reference);
    common::check(
        reference.span,
        quote!(::contracts_core::__private::checks::literal::reference(
            &#registry, #target, ::contracts_core::__private::KindSet::#kinds, #what
        )),
    )
}
