//! Generates a capability.

use super::common::{self, check, literal_ref, opt_str, registry_path};
use crate::parse::capability::{CapabilityModel, RequirementModel};
use crate::parse::item::AnnotatedItem;
use crate::source::SourceInfo;
use proc_macro2::TokenStream;
use quote::quote;

pub fn expand(
    capability: &CapabilityModel,
    item: &AnnotatedItem,
    source: &SourceInfo,
    valid: bool,
) -> TokenStream {
    let ident = &item.ident;
    let meta = common::meta(&capability.meta, source);
    let kind = capability.kind.tokens();
    let provides = capability.provides.iter().map(|p| {
        let surface = p.surface.tokens();
        let target = &p.target;
        let description = opt_str(&p.description);
        let downstream = p.downstream;
        quote!(::contracts_core::__private::ProvidedSurface {
            surface: #surface, target: #target, description: #description, downstream: #downstream
        })
    });
    let requires = requirements(&capability.requires);
    let extends = common::opt_contract_ref(&capability.extends);
    let checks = if valid {
        checks(capability, item, source)
    } else {
        TokenStream::new()
    };
    let items = super::declared(
        ident,
        super::Identity::of(&capability.meta),
        valid,
        "CapabilityDescriptor",
        Some("Capability"),
        Some("Capability"),
        quote!(::contracts_core::__private::CapabilityDescriptor {
            meta: #meta,
            kind: #kind,
            provides: &[#(#provides),*],
            requires: #requires,
            extends: #extends,
        }),
    );
    quote! {
        #items
        #checks
    }
}

/// `&[Requirement, ...]`, shared with features.
pub fn requirements(requires: &[RequirementModel]) -> TokenStream {
    let requires = requires.iter().map(|r| {
        let capability = &r.capability;
        let kind = match r.kind {
            Some(kind) => {
                let kind = kind.tokens();
                quote!(::core::option::Option::Some(#kind))
            }
            None => quote!(::core::option::Option::None),
        };
        let optional = r.optional;
        let reason = opt_str(&r.reason);
        quote!(::contracts_core::__private::Requirement { capability: #capability, kind: #kind, optional: #optional, reason: #reason })
    });
    quote!(&[#(#requires),*])
}

/// Rule 8 checks for `requires(...)`, shared with features.
pub fn requirement_checks(requires: &[RequirementModel]) -> TokenStream {
    let registry = registry_path();
    requires
        .iter()
        .map(|r| {
            let reference = literal_ref(&r.capability);
            let optional = r.optional;
            let kind = match r.kind {
                Some(kind) => {
                    let kind = kind.tokens();
                    quote!(::core::option::Option::Some(#kind))
                }
                None => quote!(::core::option::Option::None),
            };
            check(
                r.capability.span,
                quote!(::contracts_core::__private::checks::literal::required_capability(&#registry, #reference, #optional, #kind)),
            )
        })
        .collect()
}

fn checks(capability: &CapabilityModel, item: &AnnotatedItem, source: &SourceInfo) -> TokenStream {
    let registry = registry_path();
    let mut checks = common::identity_checks(&capability.meta, &item.ident.to_string(), source);
    for provided in capability.provides.iter().filter(|p| !p.downstream) {
        let surface = provided.surface.tokens();
        let target = literal_ref(&provided.target);
        checks.extend(check(
            provided.target.span,
            quote!(::contracts_core::__private::checks::literal::provided_surface(&#registry, #surface, #target)),
        ));
    }
    checks.extend(requirement_checks(&capability.requires));
    if let Some(extends) = &capability.extends {
        checks.extend(super::reference_check(
            extends,
            quote!(only(::contracts_core::__private::ContractKind::Capability)),
            "capability",
        ));
    }
    checks
}
