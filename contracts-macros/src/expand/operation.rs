//! Generates an operation: its descriptor, its trait impls and its checks.

use super::common::{self, check, field_path_check, registry_path, spanned_str_slice, str_slice};
use crate::parse::item::AnnotatedItem;
use crate::parse::operation::{OperationKind, OperationModel};
use crate::source::SourceInfo;
use proc_macro2::TokenStream;
use quote::{quote, quote_spanned, ToTokens};
use syn::spanned::Spanned;

pub fn expand(
    op: &OperationModel,
    item: &AnnotatedItem,
    source: &SourceInfo,
    valid: bool,
) -> TokenStream {
    let ident = &item.ident;
    let descriptor = super::descriptor_static(ident);
    let type_span = ident.span();
    let meta = common::meta(&op.meta, source);
    let (kind, kind_trait) = match op.kind {
        OperationKind::Command => (quote!(Command), quote!(Command)),
        OperationKind::Query => (quote!(Query), quote!(Query)),
    };
    let capability = common::opt_contract_ref(&op.capability);
    let policy = policy(op);
    let output = op
        .output
        .as_ref()
        .map_or_else(|| quote!(()), ToTokens::to_token_stream);
    let errors = op.errors.as_ref().map_or_else(
        || quote!(::contracts_core::NoErrors),
        ToTokens::to_token_stream,
    );
    let mut seen = Vec::new();
    let events: Vec<&syn::Path> = op
        .emits
        .iter()
        .map(|e| &e.event)
        .filter(|path| {
            let printed = path.to_token_stream().to_string();
            let first = !seen.contains(&printed);
            seen.push(printed);
            first
        })
        .collect();
    let emitted = emitted_const(ident);
    let emitted_count = op.emits.len();
    let emitted_events = op.emits.iter().map(|emit| {
        let event = &emit.event;
        quote_spanned!(event.span()=> <#event as ::contracts_core::__private::EventDeclared>::EMITTED)
    });
    let emits = op.emits.iter().enumerate().map(|(i, emit)| {
        let when = &emit.when;
        quote!(::contracts_core::__private::EmittedEvent { event: #emitted[#i].0, when: #when })
    });
    let input_model = quote!(::contracts_core::__private::ModelRef::input_of::<#ident>());
    let output_span = op.output.as_ref().map_or(type_span, |o| o.span());
    let output_model = quote!(::contracts_core::__private::ModelRef::output_of::<#ident>());
    let checks = if valid {
        checks(op, item, source)
    } else {
        TokenStream::new()
    };
    let examples = super::example::operation_examples(&op.examples);
    let http = super::http::binding(&op.http);
    let input_ty = quote_spanned!(type_span=> #ident);
    let output_ty = quote_spanned!(output_span=> #output);
    let items = super::declared(
        ident,
        super::Identity::of(&op.meta),
        valid,
        "OperationDescriptor",
        Some("Operation"),
        None,
        quote!(::contracts_core::__private::OperationDescriptor {
            meta: #meta,
            kind: ::contracts_core::__private::OperationKind::#kind,
            capability: #capability,
            policy: #policy,
            emits: &[#(#emits),*],
            errors: <#errors as ::contracts_core::ErrorCatalog>::ERRORS,
            input: #input_model,
            output: #output_model,
            examples: #examples,
            http: #http,
        }),
    );
    quote! {
        #items
        /// Each emitted event's descriptor and declaration, read once (for the descriptor and the
        /// checks), so that a type that is not an event is reported once.
        #[doc(hidden)]
        #[allow(non_upper_case_globals)]
        const #emitted: [(&'static ::contracts_core::__private::EventDescriptor, ::contracts_core::Declaration); #emitted_count] =
            [#(#emitted_events),*];
        impl ::contracts_core::Operation for #ident {
            type Input = #input_ty;
            type Output = #output_ty;
            type Errors = #errors;
            const DESCRIPTOR: &'static ::contracts_core::__private::OperationDescriptor = &#descriptor;
        }
        impl ::contracts_core::#kind_trait for #ident {}
        #(impl ::contracts_core::Emits<#events> for #ident {})*
        #checks
    }
}

fn policy(op: &OperationModel) -> TokenStream {
    let p = &op.policy;
    let auth = p.auth.tokens();
    let pii = spanned_str_slice(&p.pii);
    let idempotent = match op.kind {
        OperationKind::Query => true,
        OperationKind::Command => p.idempotent.as_ref().is_some_and(|i| i.value),
    };
    let rate_limit = match &p.rate_limit {
        Some((rpm, key)) => {
            let rpm = *rpm as u32;
            let key = key.tokens();
            quote!(::core::option::Option::Some(::contracts_core::__private::RateLimit { rpm: #rpm, key: #key }))
        }
        None => quote!(::core::option::Option::None),
    };
    let escalate = match &p.escalate {
        Some(e) => {
            let e = e.tokens();
            quote!(::core::option::Option::Some(#e))
        }
        None => quote!(::core::option::Option::None),
    };
    let flags = str_slice(&p.flags);
    let policies = common::contract_refs(&p.policies);
    quote! {
        ::contracts_core::__private::OperationPolicy {
            auth: #auth,
            pii: #pii,
            idempotent: #idempotent,
            rate_limit: #rate_limit,
            escalate: #escalate,
            flags: #flags,
            policies: #policies,
        }
    }
}

fn checks(op: &OperationModel, item: &AnnotatedItem, source: &SourceInfo) -> TokenStream {
    let registry = registry_path();
    let ident = &item.ident;
    let mut checks = common::identity_checks(&op.meta, &ident.to_string(), source);
    checks.extend(common::capability_claim_check(
        &op.capability,
        "Operation",
        &op.meta,
    ));
    let info = quote!(::contracts_core::__private::input_info::<#ident>());
    for path in &op.policy.pii {
        checks.extend(field_path_check(&info, path, "pii path"));
    }
    checks.extend(super::http::checks(&op.http, ident));
    let emitted = emitted_const(ident);
    for (i, emit) in op.emits.iter().enumerate() {
        let (version, span) = match &emit.version {
            Some(version) => (version.value.as_str(), version.span),
            None => ("", emit.event.span()),
        };
        checks.extend(check(
            span,
            quote!(::contracts_core::__private::checks::emitted_event(&#registry, &#emitted[#i].1, #version)),
        ));
    }
    checks.extend(super::example::operation_checks(
        &op.examples,
        ident,
        &emitted,
    ));
    for policy in &op.policy.policies {
        checks.extend(super::reference_check(
            policy,
            quote!(only(::contracts_core::__private::ContractKind::Policy)),
            "policy",
        ));
    }
    checks
}

/// The name of the hidden const holding the operation's emitted events.
fn emitted_const(ident: &syn::Ident) -> syn::Ident {
    quote::format_ident!("__CONTRACT_EMITS_{}", ident)
}
