//! Generates a feature.

use super::capability::{requirement_checks, requirements};
use super::common::{self, check, registry_path, spanned_str_slice};
use crate::parse::feature::FeatureModel;
use crate::parse::item::AnnotatedItem;
use crate::source::SourceInfo;
use proc_macro2::TokenStream;
use quote::quote;

pub fn expand(
    feature: &FeatureModel,
    item: &AnnotatedItem,
    source: &SourceInfo,
    valid: bool,
) -> TokenStream {
    let ident = &item.ident;
    let meta = common::meta(&feature.meta, source);
    let operations = common::contract_refs(&feature.operations);
    let events = common::contract_refs(&feature.events);
    let presentations = common::contract_refs(&feature.presentations);
    let provides = common::contract_refs(&feature.provides);
    let requires = requirements(&feature.requires);
    let data_views = common::contract_refs(&feature.data_views);
    let forms = common::contract_refs(&feature.forms);
    let policies = common::contract_refs(&feature.policies);
    let docs = spanned_str_slice(&feature.docs);
    let checks = if valid {
        checks(feature, item, source)
    } else {
        TokenStream::new()
    };
    let items = super::declared(
        ident,
        super::Identity::of(&feature.meta),
        valid,
        "FeatureDescriptor",
        Some("Feature"),
        Some("Feature"),
        quote!(::contracts_core::__private::FeatureDescriptor {
            meta: #meta,
            operations: #operations,
            events: #events,
            presentations: #presentations,
            provides: #provides,
            requires: #requires,
            data_views: #data_views,
            forms: #forms,
            policies: #policies,
            docs: #docs,
        }),
    );
    quote! {
        #items
        #checks
    }
}

fn checks(feature: &FeatureModel, item: &AnnotatedItem, source: &SourceInfo) -> TokenStream {
    let mut checks = common::identity_checks(&feature.meta, &item.ident.to_string(), source);
    let lists = [
        (&feature.operations, quote!(OPERATIONS), "operation"),
        (
            &feature.events,
            quote!(only(::contracts_core::__private::ContractKind::Event)),
            "event",
        ),
        (
            &feature.presentations,
            quote!(only(
                ::contracts_core::__private::ContractKind::Presentation
            )),
            "presentation",
        ),
        (
            &feature.provides,
            quote!(only(::contracts_core::__private::ContractKind::Capability)),
            "capability",
        ),
        (
            &feature.data_views,
            quote!(only(::contracts_core::__private::ContractKind::DataView)),
            "data view",
        ),
        (
            &feature.forms,
            quote!(only(::contracts_core::__private::ContractKind::Form)),
            "form",
        ),
        (
            &feature.policies,
            quote!(only(::contracts_core::__private::ContractKind::Policy)),
            "policy",
        ),
    ];
    for (references, kinds, what) in lists {
        for reference in references {
            checks.extend(super::reference_check(reference, kinds.clone(), what));
        }
    }
    checks.extend(requirement_checks(&feature.requires));
    let registry = registry_path();
    for doc in &feature.docs {
        let id = &doc.value;
        checks.extend(check(
            doc.span,
            quote!(::contracts_core::__private::checks::doc_block(&#registry, #id)),
        ));
    }
    checks
}
