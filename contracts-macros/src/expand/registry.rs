//! Generates a registry: the crate's contract set, the const-built tables and the static.

use super::common::str_slice;
use crate::parse::registry::RegistryModel;
use proc_macro2::{Span, TokenStream};
use quote::{quote, quote_spanned};
use syn::spanned::Spanned;

pub fn expand(model: &RegistryModel) -> TokenStream {
    let RegistryModel {
        attrs,
        vis,
        ident,
        defaults,
        includes,
        contracts,
        listing_valid,
    } = model;
    let domain = match &defaults.domain {
        Some(d) => quote!(::core::option::Option::Some(#d)),
        None => quote!(::core::option::Option::None),
    };
    let owners = str_slice(&defaults.owners);
    let tags = str_slice(&defaults.tags);
    let stability = match defaults.stability {
        Some(s) => {
            let s = s.tokens();
            quote!(::core::option::Option::Some(#s))
        }
        None => quote!(::core::option::Option::None),
    };
    let http_envelope = defaults.http_envelope.unwrap_or(true);
    let declarations = contracts.iter().map(
        |path| quote_spanned!(path.span()=> <#path as ::contracts_core::Declared>::DECLARATION),
    );
    let included = includes
        .iter()
        .map(|path| quote_spanned!(path.span()=> #path.set()));
    let invalid = !listing_valid;
    let cross_crate_check = if !invalid && !includes.is_empty() {
        let span = includes.first().map_or(Span::call_site(), Spanned::span);
        let mut checks = super::common::check(
            span,
            quote!(::contracts_core::__private::checks::no_duplicates_across_crates(&#ident)),
        );
        checks.extend(super::common::check(
            span,
            quote!(::contracts_core::__private::checks::downstream_provides(&#ident)),
        ));
        checks
    } else {
        TokenStream::new()
    };
    // Cargo rebuilds the crate, so the attributes compare the contracts again, when the lock
    // they read changes.
    let lock = crate::lock::path()
        .and_then(|p| p.to_str().map(str::to_owned))
        .map(|path| {
            quote! {
                #[doc(hidden)]
                const _: &[u8] = ::contracts_core::__private::core::include_bytes!(#path);
            }
        });
    quote! {
        #lock
        #(#attrs)*
        #vis static #ident: ::contracts_core::Registry = ::contracts_core::__private::Registry::__from_parts(
            &__CONTRACTS_SET,
            &__contracts::ENTRIES,
            &__contracts::DOC_BLOCKS,
            &__contracts::BY_ID,
            &__contracts::BY_KEY,
            __contracts::HAS_INVALID,
        );

        #[doc(hidden)]
        static __CONTRACTS_SET: ::contracts_core::ContractSet = ::contracts_core::ContractSet {
            crate_name: ::contracts_core::__private::crate_of(::core::module_path!()),
            declarations: &[#(#declarations),*],
            includes: &[#(#included),*],
            invalid: #invalid,
        };

        #[doc(hidden)]
        #[allow(long_running_const_eval)]
        pub(crate) mod __contracts {
            pub(crate) const DEFAULTS: ::contracts_core::Defaults = ::contracts_core::Defaults {
                domain: #domain,
                owners: #owners,
                tags: #tags,
                stability: #stability,
                http_envelope: #http_envelope,
            };
            const SETS: ::contracts_core::__private::Sets = ::contracts_core::__private::Sets::of(&super::__CONTRACTS_SET);
            const LEN: usize = SETS.contract_count();
            const DOCS: usize = SETS.doc_block_count();
            const CAPACITY: usize = ::contracts_core::__private::table_capacity(LEN);
            pub(crate) static ENTRIES: [::contracts_core::Entry; LEN] = ::contracts_core::__private::collect_entries(&SETS);
            pub(crate) static DOC_BLOCKS: [&::contracts_core::__private::DocBlockDescriptor; DOCS] =
                ::contracts_core::__private::collect_doc_blocks(&SETS);
            pub(crate) static BY_ID: [u32; CAPACITY] = ::contracts_core::__private::index_by_id(&ENTRIES);
            pub(crate) static BY_KEY: [u32; CAPACITY] = ::contracts_core::__private::index_by_key(&ENTRIES);
            pub(crate) const HAS_INVALID: bool = SETS.has_invalid();
            pub(crate) use super::#ident as REGISTRY;

            /// The declared examples decode into their contracts' types: generated so that
            /// `cargo test` always checks what the compiler cannot.
            #[cfg(test)]
            #[test]
            fn declared_examples_decode_into_their_types() {
                if let ::core::result::Result::Err(problems) = ::contracts_core::__private::check_examples(&REGISTRY) {
                    ::core::panic!("{}", problems);
                }
            }
        }

        #cross_crate_check
    }
}

/// When `registry!` cannot even be parsed: an empty, invalid registry under the expected paths,
/// so the crate's contracts report no follow-on errors.
pub fn skeleton(name: Option<&syn::Ident>) -> TokenStream {
    let ident = name
        .cloned()
        .unwrap_or_else(|| syn::Ident::new("__CONTRACTS_REGISTRY", Span::call_site()));
    let model = RegistryModel {
        attrs: Vec::new(),
        vis: syn::parse_quote!(pub),
        ident,
        defaults: Default::default(),
        includes: Vec::new(),
        contracts: Vec::new(),
        listing_valid: false,
    };
    expand(&model)
}
