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
        let identity = super::Identity::of(&consumer.meta);
        let key = common::opt_str(&identity.written_key.map(str::to_owned));
        let version = common::opt_str(&identity.written_version.map(str::to_owned));
        return quote! {
            impl ::contracts_core::Declared for #ident {
                const DECLARATION: ::contracts_core::Declaration =
                    ::contracts_core::Declaration::Invalid { key: #key, version: #version };
            }
        };
    };
    let descriptor = quote_spanned!(event.span()=> <#event as ::contracts_core::__private::EventDeclared>::EMITTED.0);
    let items = super::declared(
        ident,
        super::Identity::of(&consumer.meta),
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
    let declaration = quote_spanned!(event.span()=> <#event as ::contracts_core::__private::EventDeclared>::EMITTED.1);
    checks.extend(check(
        event.span(),
        quote!(::contracts_core::__private::checks::consumed_event(&#registry, &#declaration)),
    ));
    checks
}
