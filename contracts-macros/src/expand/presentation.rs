//! Generates a presentation.

use super::common;
use crate::parse::item::AnnotatedItem;
use crate::parse::presentation::{PresentationModel, PresentationSourceModel};
use crate::source::SourceInfo;
use proc_macro2::TokenStream;
use quote::quote;

pub fn expand(
    model: &PresentationModel,
    item: &AnnotatedItem,
    source: &SourceInfo,
    valid: bool,
) -> TokenStream {
    let ident = &item.ident;
    let meta = common::meta(&model.meta, source);
    let capability = common::opt_contract_ref(&model.capability);
    let presentation_source = match &model.source {
        PresentationSourceModel::Component { framework, key } => quote! {
            ::contracts_core::__private::PresentationSource::Component { framework: #framework, component_key: #key }
        },
        PresentationSourceModel::Blocknotejs { doc_json } => quote! {
            ::contracts_core::__private::PresentationSource::Blocknotejs { doc_json: #doc_json }
        },
    };
    let targets = model.targets.iter().map(|t| t.tokens());
    let policy = common::view_policy(&model.policy);
    let checks = if valid {
        let mut checks = common::identity_checks(&model.meta, &ident.to_string(), source);
        checks.extend(common::capability_claim_check(
            &model.capability,
            "Presentation",
            &model.meta,
        ));
        checks
    } else {
        TokenStream::new()
    };
    let items = super::declared(
        ident,
        super::Identity::of(&model.meta),
        valid,
        "PresentationDescriptor",
        Some("Presentation"),
        Some("Presentation"),
        quote!(::contracts_core::__private::PresentationDescriptor {
            meta: #meta,
            capability: #capability,
            source: #presentation_source,
            targets: &[#(#targets),*],
            policy: #policy,
        }),
    );
    quote! {
        #items
        #checks
    }
}
