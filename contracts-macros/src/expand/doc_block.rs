//! Generates a doc block.

use super::common::{self, check, opt_str, registry_path, str_slice};
use crate::parse::doc_block::DocBlockModel;
use crate::parse::item::AnnotatedItem;
use crate::source::SourceInfo;
use proc_macro2::TokenStream;
use quote::quote;

pub fn expand(
    block: &DocBlockModel,
    item: &AnnotatedItem,
    source: &SourceInfo,
    valid: bool,
) -> TokenStream {
    let ident = &item.ident;
    let DocBlockModel {
        id,
        title,
        summary,
        kind,
        visibility,
        route,
        tags,
        body,
        written_id: _,
    } = block;
    let id_value = &id.value;
    let summary = opt_str(summary);
    let route = opt_str(route);
    let tags = str_slice(tags);
    let source_tokens = common::source_tokens(source);
    let checks = if valid {
        let registry = registry_path();
        let type_name = ident.to_string();
        check(
            id.span,
            quote!(::contracts_core::__private::checks::doc_block_declared_once(&#registry, #id_value, #type_name)),
        )
    } else {
        TokenStream::new()
    };
    let items = super::declared(
        ident,
        super::Identity::doc_block(block),
        valid,
        "DocBlockDescriptor",
        None,
        Some("DocBlock"),
        quote!(::contracts_core::__private::DocBlockDescriptor {
            id: #id_value,
            title: #title,
            summary: #summary,
            kind: #kind,
            visibility: #visibility,
            route: #route,
            tags: #tags,
            body: #body,
            source: #source_tokens,
        }),
    );
    quote! {
        #items
        #checks
    }
}
