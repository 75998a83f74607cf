//! Generates an event on its payload struct.

use super::common::{self, field_path_check};
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
    let examples = super::example::event_examples(&event.examples);
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
            examples: #examples,
        }),
    );
    let descriptor = super::descriptor_static(ident);
    quote! {
        #items
        impl ::contracts_core::__private::EventDeclared for #ident {
            const DESCRIPTOR: &'static ::contracts_core::__private::EventDescriptor = &#descriptor;
        }
        #checks
    }
}

fn checks(event: &EventModel, item: &AnnotatedItem, source: &SourceInfo) -> TokenStream {
    let ident = &item.ident;
    let mut checks = common::identity_checks(&event.meta, &ident.to_string(), source);
    checks.extend(common::capability_claim_check(
        &event.capability,
        "Event",
        &event.meta,
    ));
    checks.extend(super::example::event_checks(&event.examples, ident));
    let info = quote!(::contracts_core::__private::payload_info::<#ident>());
    for path in &event.pii {
        checks.extend(field_path_check(&info, path, "pii path"));
    }
    checks
}
