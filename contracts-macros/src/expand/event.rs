//! Generates an event on its payload struct.

use super::common::{self, check, field_path_check, literal_ref, registry_path};
use crate::parse::event::EventModel;
use crate::parse::item::AnnotatedItem;
use crate::source::SourceInfo;
use proc_macro2::TokenStream;
use quote::quote;

pub fn expand(
    event: &EventModel,
    item: &AnnotatedItem,
    source: &SourceInfo,
    valid: bool,
) -> TokenStream {
    let ident = &item.ident;
    let meta = common::meta(&event.meta, source);
    let capability = common::opt_contract_ref(&event.capability);
    let pii = common::spanned_str_slice(&event.pii);
    let payload = quote!(::contracts_core::__private::ModelRef::payload_of::<#ident>());
    let checks = if valid {
        checks(event, item, source)
    } else {
        TokenStream::new()
    };
    let items = super::declared(
        ident,
        super::Identity::of(&event.meta),
        valid,
        "EventDescriptor",
        Some("Event"),
        Some("Event"),
        quote!(::contracts_core::__private::EventDescriptor {
            meta: #meta,
            capability: #capability,
            pii: #pii,
            payload: #payload,
        }),
    );
    quote! {
        #items
        #checks
    }
}

fn checks(event: &EventModel, item: &AnnotatedItem, source: &SourceInfo) -> TokenStream {
    let registry = registry_path();
    let ident = &item.ident;
    let (key, version) = (&event.meta.key.value, &event.meta.version.value);
    let mut checks = common::identity_checks(&event.meta, &ident.to_string(), source);
    if let Some(capability) = &event.capability {
        if let Some(reference) = literal_ref(&capability.value) {
            checks.extend(check(
                capability.span,
                quote!(::contracts_core::__private::checks::literal::capability_claim(
                    &#registry, #reference, ::contracts_core::__private::Surface::Event, #key, #version
                )),
            ));
        }
    }
    let info = quote!(::contracts_core::__private::payload_info::<#ident>());
    for path in &event.pii {
        checks.extend(field_path_check(&info, path, "pii path"));
    }
    checks
}
