//! Generates a consumer on its marker type.

use super::common::{self, check, registry_path};
use crate::parse::consumer::ConsumerModel;
use crate::parse::item::AnnotatedItem;
use crate::source::SourceInfo;
use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};
use syn::spanned::Spanned;

pub fn expand(
    consumer: &ConsumerModel,
    item: &AnnotatedItem,
    source: &SourceInfo,
    valid: bool,
) -> TokenStream {
    let ident = &item.ident;
    let meta = common::meta(&consumer.meta, source);
    let capability = common::opt_contract_ref(&consumer.capability);
    // Without an event type there is no descriptor to build (the error is reported already):
    // the type is still declared, invalid, so that its `registry!` reports nothing more.
    let Some(event) = &consumer.event else {
        let key = &consumer.meta.key.value;
        return quote! {
            impl ::contracts_core::Declared for #ident {
                const DECLARATION: ::contracts_core::Declaration =
                    ::contracts_core::Declaration::Invalid { key: ::core::option::Option::Some(#key) };
            }
        };
    };
    let descriptor = quote_spanned!(event.span()=> <#event as ::contracts_core::Event>::DESCRIPTOR);
    let items = super::declared(
        ident,
        (&consumer.meta.key, &consumer.meta.version.value),
        valid,
        "ConsumerDescriptor",
        Some("Consumer"),
        None,
        quote!(::contracts_core::__private::ConsumerDescriptor {
            meta: #meta,
            capability: #capability,
            event: #descriptor,
        }),
    );
    let static_name = super::descriptor_static(ident);
    let checks = if valid {
        checks(consumer, event, item, source)
    } else {
        TokenStream::new()
    };
    quote! {
        #items
        impl ::contracts_core::Consumer for #ident {
            type Event = #event;
            const DESCRIPTOR: &'static ::contracts_core::__private::ConsumerDescriptor = &#static_name;
        }
        #checks
    }
}

fn checks(
    consumer: &ConsumerModel,
    event: &syn::Type,
    item: &AnnotatedItem,
    source: &SourceInfo,
) -> TokenStream {
    let registry = registry_path();
    let mut checks = common::identity_checks(&consumer.meta, &item.ident.to_string(), source);
    if let Some(capability) = &consumer.capability {
        checks.extend(super::reference_check(
            capability,
            quote!(only(::contracts_core::__private::ContractKind::Capability)),
            "capability",
        ));
    }
    let descriptor = quote_spanned!(event.span()=> <#event as ::contracts_core::Event>::DESCRIPTOR);
    checks.extend(check(
        event.span(),
        quote!(::contracts_core::__private::checks::consumed_event(&#registry, #descriptor)),
    ));
    checks
}
