//! Generation: typed models into descriptors, trait impls and compile-time checks.
//!
//! Each `expand` function takes a model whose problems were already reported; with `valid ==
//! false` it still emits the item's descriptor and impls (so code using the item compiles) but
//! declares it invalid and emits no checks, so one mistake produces one error, not a cascade.

pub mod capability;
pub mod common;
pub mod data_view;
pub mod doc_block;
pub mod event;
pub mod feature;
pub mod form;
pub mod operation;
pub mod policy;
pub mod presentation;
pub mod registry;

use crate::reader::Spanned;
use proc_macro2::TokenStream;
use quote::quote;

/// The name of the static holding a contract's descriptor: derived from the type, so unique in
/// its module, and hidden. A named static (rather than one inside a `const _` block) saves a
/// body per contract for the compiler to check.
pub fn descriptor_static(ident: &syn::Ident) -> syn::Ident {
    quote::format_ident!("__CONTRACT_DESCRIPTOR_{}", ident)
}

/// The declaration of an item whose attribute had errors, keeping its key when it was valid.
pub fn invalid_declaration(key: &Spanned<String>) -> TokenStream {
    let key = &key.value;
    quote!(::contracts_core::Declaration::Invalid { key: ::core::option::Option::Some(#key) })
}

/// A check that `reference` names a contract of `kinds` (a `KindSet` constructor such as
/// `OPERATIONS` or `only(...)`); `what` names the kinds in messages.
pub fn reference_check(reference: &Spanned<String>, kinds: TokenStream, what: &str) -> TokenStream {
    let registry = common::registry_path();
    let target = common::contract_ref(&reference.value);
    common::check(
        reference.span,
        quote!(::contracts_core::__private::checks::reference(
            &#registry, &#target, ::contracts_core::__private::KindSet::#kinds, #what
        )),
    )
}
