//! Generates a policy.

use super::common::{self, opt_str, str_slice};
use crate::parse::item::AnnotatedItem;
use crate::parse::policy::PolicyModel;
use crate::source::SourceInfo;
use proc_macro2::TokenStream;
use quote::quote;

pub fn expand(
    policy: &PolicyModel,
    item: &AnnotatedItem,
    source: &SourceInfo,
    valid: bool,
) -> TokenStream {
    let ident = &item.ident;
    let meta = common::meta(&policy.meta, source);
    let scope = match policy.scope {
        Some(scope) => {
            let scope = scope.tokens();
            quote!(::core::option::Option::Some(#scope))
        }
        None => quote!(::core::option::Option::None),
    };
    let rules = policy.rules.iter().map(|rule| {
        let effect = rule.effect.tokens();
        let actions = str_slice(&rule.actions);
        let roles = str_slice(&rule.roles);
        let resource = match &rule.resource {
            Some(kind) => quote!(::core::option::Option::Some(::contracts_core::__private::ResourceMatcher { kind: #kind })),
            None => quote!(::core::option::Option::None),
        };
        let conditions = rule
            .conditions
            .iter()
            .map(|c| quote!(::contracts_core::__private::PolicyCondition { expression: #c }));
        let flags = str_slice(&rule.flags);
        let escalate = match rule.escalate {
            Some(e) => {
                let e = e.tokens();
                quote!(::core::option::Option::Some(#e))
            }
            None => quote!(::core::option::Option::None),
        };
        let reason = opt_str(&rule.reason);
        quote! {
            ::contracts_core::__private::PolicyRule {
                effect: #effect,
                actions: #actions,
                roles: #roles,
                resource: #resource,
                conditions: &[#(#conditions),*],
                flags: #flags,
                escalate: #escalate,
                reason: #reason,
            }
        }
    });
    let checks = if valid {
        common::identity_checks(&policy.meta, &ident.to_string(), source)
    } else {
        TokenStream::new()
    };
    let items = super::declared(
        ident,
        super::Identity::of(&policy.meta),
        valid,
        "PolicyDescriptor",
        Some("Policy"),
        Some("Policy"),
        quote!(::contracts_core::__private::PolicyDescriptor {
            meta: #meta,
            scope: #scope,
            rules: &[#(#rules),*],
        }),
    );
    quote! {
        #items
        #checks
    }
}
