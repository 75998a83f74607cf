//! Generates a data view.

use super::common::{self, opt_str};
use crate::parse::data_view::DataViewModel;
use crate::parse::item::AnnotatedItem;
use crate::source::SourceInfo;
use proc_macro2::TokenStream;
use quote::quote;

pub fn expand(
    model: &DataViewModel,
    item: &AnnotatedItem,
    source: &SourceInfo,
    valid: bool,
) -> TokenStream {
    let ident = &item.ident;
    let meta = common::meta(&model.meta, source);
    let entity = &model.entity;
    let primary = model.primary.as_ref().map_or_else(
        || {
            quote!(::contracts_core::__private::ContractRef {
                key: "",
                version: ::core::option::Option::None
            })
        },
        |p| quote!(#p),
    );
    let item_ref = common::opt_contract_ref(&model.item);
    let refresh = common::contract_refs(&model.refresh_events);
    let view = &model.view;
    let kind = view.kind.tokens();
    let fields = view.fields.iter().map(|(key, label, data_path)| {
        quote!(::contracts_core::__private::ViewField { key: #key, label: #label, data_path: #data_path })
    });
    let primary_field = opt_str(&view.primary_field);
    let secondary = common::str_slice(&view.secondary_fields);
    let filters = view.filters.iter().map(|(key, label, field, kind)| {
        quote!(::contracts_core::__private::ViewFilter { key: #key, label: #label, field: #field, kind: #kind })
    });
    let policy = common::view_policy(&model.policy);
    let checks = if valid {
        let mut checks = common::identity_checks(&model.meta, &ident.to_string(), source);
        let operations = quote!(OPERATIONS);
        for reference in model.primary.iter().chain(&model.item) {
            checks.extend(super::reference_check(
                reference,
                operations.clone(),
                "operation",
            ));
        }
        for event in &model.refresh_events {
            checks.extend(super::reference_check(
                event,
                quote!(only(::contracts_core::__private::ContractKind::Event)),
                "event",
            ));
        }
        checks
    } else {
        TokenStream::new()
    };
    let items = super::declared(
        ident,
        super::Identity::of(&model.meta),
        valid,
        "DataViewDescriptor",
        Some("DataView"),
        Some("DataView"),
        quote!(::contracts_core::__private::DataViewDescriptor {
            meta: #meta,
            entity: #entity,
            source: ::contracts_core::__private::DataViewSource { primary: #primary, item: #item_ref, refresh_events: #refresh },
            view: ::contracts_core::__private::ViewConfig {
                kind: #kind,
                fields: &[#(#fields),*],
                primary_field: #primary_field,
                secondary_fields: #secondary,
                filters: &[#(#filters),*],
            },
            policy: #policy,
        }),
    );
    quote! {
        #items
        #checks
    }
}
