//! The expansion of each macro as a plain function over `proc_macro2` tokens: parse, validate,
//! generate. Unit tests call these directly.

use crate::check;
use crate::ctxt::Ctxt;
use crate::expand;
use crate::parse::capability::CapabilityModel;
use crate::parse::data_view::DataViewModel;
use crate::parse::doc_block::DocBlockModel;
use crate::parse::event::EventModel;
use crate::parse::feature::FeatureModel;
use crate::parse::form::FormModel;
use crate::parse::item::AnnotatedItem;
use crate::parse::operation::{OperationKind, OperationModel};
use crate::parse::policy::PolicyModel;
use crate::parse::presentation::PresentationModel;
use crate::parse::registry::RegistryModel;
use crate::source::SourceInfo;
use proc_macro2::TokenStream;
use quote::quote;

/// Runs one attribute: the item is always re-emitted unchanged, followed by what the model
/// generates and every error found.
fn attribute<M>(
    attr: &str,
    args: TokenStream,
    item: TokenStream,
    source: &SourceInfo,
    parse: impl FnOnce(&Ctxt, TokenStream, &AnnotatedItem) -> M,
    validate: impl FnOnce(&Ctxt, &M),
    generate: impl FnOnce(&M, &AnnotatedItem, &SourceInfo, bool) -> TokenStream,
) -> TokenStream {
    let cx = Ctxt::new();
    let Some(annotated) = AnnotatedItem::parse(&cx, attr, item.clone()) else {
        let errors = cx.into_compile_errors();
        return quote!(#item #errors);
    };
    let model = parse(&cx, args, &annotated);
    validate(&cx, &model);
    let generated = generate(&model, &annotated, source, !cx.has_errors());
    let errors = cx.into_compile_errors();
    let item = &annotated.tokens;
    quote!(#item #generated #errors)
}

pub fn command(args: TokenStream, item: TokenStream, source: &SourceInfo) -> TokenStream {
    operation(OperationKind::Command, args, item, source)
}

pub fn query(args: TokenStream, item: TokenStream, source: &SourceInfo) -> TokenStream {
    operation(OperationKind::Query, args, item, source)
}

fn operation(
    kind: OperationKind,
    args: TokenStream,
    item: TokenStream,
    source: &SourceInfo,
) -> TokenStream {
    attribute(
        kind.attr(),
        args,
        item,
        source,
        |cx, args, item| OperationModel::parse(cx, kind, args, item),
        check::operation,
        expand::operation::expand,
    )
}

pub fn event(args: TokenStream, item: TokenStream, source: &SourceInfo) -> TokenStream {
    attribute(
        "event",
        args,
        item,
        source,
        EventModel::parse,
        |cx, event| check::pii(cx, &event.pii),
        expand::event::expand,
    )
}

pub fn consumer(args: TokenStream, item: TokenStream, source: &SourceInfo) -> TokenStream {
    attribute(
        "consumer",
        args,
        item,
        source,
        crate::parse::consumer::ConsumerModel::parse,
        |_, _| {},
        expand::consumer::expand,
    )
}

pub fn capability(args: TokenStream, item: TokenStream, source: &SourceInfo) -> TokenStream {
    attribute(
        "capability",
        args,
        item,
        source,
        CapabilityModel::parse,
        check::capability,
        expand::capability::expand,
    )
}

pub fn presentation(args: TokenStream, item: TokenStream, source: &SourceInfo) -> TokenStream {
    attribute(
        "presentation",
        args,
        item,
        source,
        PresentationModel::parse,
        |_, _| {},
        expand::presentation::expand,
    )
}

pub fn data_view(args: TokenStream, item: TokenStream, source: &SourceInfo) -> TokenStream {
    attribute(
        "data_view",
        args,
        item,
        source,
        DataViewModel::parse,
        |_, _| {},
        expand::data_view::expand,
    )
}

pub fn form(args: TokenStream, item: TokenStream, source: &SourceInfo) -> TokenStream {
    attribute(
        "form",
        args,
        item,
        source,
        FormModel::parse,
        check::form,
        expand::form::expand,
    )
}

pub fn policy(args: TokenStream, item: TokenStream, source: &SourceInfo) -> TokenStream {
    attribute(
        "policy",
        args,
        item,
        source,
        PolicyModel::parse,
        |_, _| {},
        expand::policy::expand,
    )
}

pub fn feature_module(args: TokenStream, item: TokenStream, source: &SourceInfo) -> TokenStream {
    attribute(
        "feature_module",
        args,
        item,
        source,
        FeatureModel::parse,
        |_, _| {},
        expand::feature::expand,
    )
}

pub fn doc_block(args: TokenStream, item: TokenStream, source: &SourceInfo) -> TokenStream {
    attribute(
        "doc_block",
        args,
        item,
        source,
        DocBlockModel::parse,
        |_, _| {},
        expand::doc_block::expand,
    )
}

pub fn registry(input: TokenStream) -> TokenStream {
    let cx = Ctxt::new();
    let generated = match RegistryModel::parse(&cx, input) {
        Some(model) => expand::registry::expand(&model),
        None => expand::registry::skeleton(None),
    };
    let errors = cx.into_compile_errors();
    quote!(#generated #errors)
}

pub fn derive_model(input: TokenStream) -> TokenStream {
    match syn::parse2(input) {
        Ok(input) => crate::derive::model::derive(input),
        Err(e) => e.to_compile_error(),
    }
}

pub fn derive_error_catalog(input: TokenStream) -> TokenStream {
    match syn::parse2(input) {
        Ok(input) => crate::derive::error_catalog::derive(input),
        Err(e) => e.to_compile_error(),
    }
}
