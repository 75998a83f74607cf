//! Generates an operation's HTTP binding and the checks that need its input model and its
//! crate's registry.

use super::common::{check, defaults_path, registry_path};
use crate::parse::http::HttpModel;
use proc_macro2::TokenStream;
use quote::quote;

/// The `HttpBinding` of an operation; the envelope, unless stated, is its crate's default.
pub fn binding(http: &Option<HttpModel>) -> TokenStream {
    let defaults = defaults_path();
    let none = quote!(::core::option::Option::None);
    let Some(http) = http else {
        return quote!(::contracts_core::__private::HttpBinding {
            envelope: #defaults.http_envelope,
            ..::contracts_core::__private::HttpBinding::RULE
        });
    };
    let method = match &http.method {
        Some(method) => {
            let method = method.value.tokens();
            quote!(::core::option::Option::Some(#method))
        }
        None => none.clone(),
    };
    let path = match &http.path {
        Some(path) => {
            let template = &path.template;
            quote!(::core::option::Option::Some(#template))
        }
        None => none.clone(),
    };
    let status = match http.status {
        Some(status) => quote!(::core::option::Option::Some(#status)),
        None => none,
    };
    let envelope = match http.envelope {
        Some(envelope) => quote!(#envelope),
        None => quote!(#defaults.http_envelope),
    };
    quote!(::contracts_core::__private::HttpBinding {
        method: #method,
        path: #path,
        status: #status,
        envelope: #envelope,
    })
}

/// Each path parameter names an input field of `ident` (the operation's type), and, when the
/// binding sets its method or path, no other operation of the registry has its route (reported
/// on the path, or the method when the path is the rule's).
pub fn checks(http: &Option<HttpModel>, ident: &syn::Ident) -> TokenStream {
    let Some(http) = http else {
        return TokenStream::new();
    };
    let mut checks = TokenStream::new();
    let info = quote!(::contracts_core::__private::input_info::<#ident>());
    if let Some(path) = &http.path {
        for name in &path.parameters {
            checks.extend(check(
                path.span,
                quote!(::contracts_core::__private::checks::path_parameter(#info, #name)),
            ));
        }
    }
    let span = match (&http.path, &http.method) {
        (Some(path), _) => Some(path.span),
        (None, Some(method)) => Some(method.span),
        (None, None) => None,
    };
    if let Some(span) = span {
        let registry = registry_path();
        let descriptor = super::descriptor_static(ident);
        checks.extend(check(
            span,
            quote!(::contracts_core::__private::checks::http_route(&#registry, &#descriptor)),
        ));
    }
    checks
}
