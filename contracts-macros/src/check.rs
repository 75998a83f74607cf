//! Cross-argument checks, run after parsing and before generation. Each rule says why it exists.

use crate::ctxt::Ctxt;
use crate::parse::capability::CapabilityModel;
use crate::parse::form::FormModel;
use crate::parse::operation::{OperationKind, OperationModel};
use crate::reader::Spanned;
use crate::reference::Reference;
use std::collections::HashSet;

pub fn operation(cx: &Ctxt, op: &OperationModel) {
    // A query reads state, so calling it twice is the same as calling it once; ContractSpec's
    // defineQuery forces `idempotent: true`, and declaring otherwise would mislead retry logic.
    if op.kind == OperationKind::Query {
        if let Some(Spanned { value: false, span }) = op.policy.idempotent {
            cx.error_spanned(
                span,
                format!(
                    "query `{}` cannot set `idempotent = false`: queries only read state and are always idempotent. Remove the argument, or make the operation a #[command]",
                    op.meta.key.value
                ),
            );
        }
    }
    // Each emitted event gets an `Emits` impl; listing one twice would make them conflict.
    let mut seen = HashSet::new();
    for emit in &op.emits {
        let path = &emit.event;
        let printed = quote::quote!(#path).to_string();
        if !seen.insert(printed.clone()) {
            cx.error_spanned(
                path.segments
                    .last()
                    .map_or_else(proc_macro2::Span::call_site, |s| s.ident.span()),
                format!("event `{printed}` is listed twice in `emits(...)`: keep one entry"),
            );
        }
    }
    unique_texts(cx, &op.policy.pii, "pii path");
}

pub fn capability(cx: &Ctxt, capability: &CapabilityModel) {
    // Listing a surface twice is a copy-paste slip that would make `provides` queries return it
    // twice.
    let mut seen = HashSet::new();
    for provided in &capability.provides {
        let id = (provided.surface, provided.target.to_string());
        if !seen.insert(id) {
            cx.error_spanned(
                provided.target.span,
                format!(
                    "`{}` is listed twice in `provides(...)`: keep one entry",
                    provided.target
                ),
            );
        }
    }
    // A capability that requires or extends itself can never be satisfied by anything else;
    // another version of the same key is another capability (`geo.lookup@2.0.0` may extend
    // `geo.lookup@1.0.0`).
    for requirement in &capability.requires {
        self_reference(cx, capability, &requirement.capability, "requires");
    }
    if let Some(extends) = &capability.extends {
        self_reference(cx, capability, extends, "extends");
    }
}

/// Reports `reference` (of the capability's `requires` or `extends`) when it names the
/// capability itself: its own key, unpinned (which would resolve to the latest version, often
/// itself) or pinned to its own version.
fn self_reference(cx: &Ctxt, capability: &CapabilityModel, reference: &Reference, relation: &str) {
    let (own_key, own_version) = (
        &capability.meta.key.value,
        capability.meta.version.value.as_str(),
    );
    if reference.key != *own_key {
        return;
    }
    let fix = if relation == "extends" {
        "remove `extends`"
    } else {
        "remove the requirement"
    };
    match &reference.version {
        Some(version) if version.as_str() != own_version => {}
        Some(_) => cx.error_spanned(
            reference.span,
            format!("capability `{own_key}@{own_version}` {relation} itself: {fix}, or name another version"),
        ),
        None => cx.error_spanned(
            reference.span,
            format!("capability `{own_key}@{own_version}` {relation} `{own_key}` without a version, which names its own key: pin the other version, as in `{own_key}@1.0.0`, or {fix}"),
        ),
    }
}

pub fn form(cx: &Ctxt, form: &FormModel) {
    // Two controls editing one model field would overwrite each other's value.
    let names: Vec<Spanned<String>> = form.fields.iter().map(|f| f.name.clone()).collect();
    unique_texts(cx, &names, "form field");
    unique_texts(cx, &form.policy.pii, "pii path");
}

pub fn pii(cx: &Ctxt, paths: &[Spanned<String>]) {
    unique_texts(cx, paths, "pii path");
}

fn unique_texts(cx: &Ctxt, items: &[Spanned<String>], what: &str) {
    let mut seen = HashSet::new();
    for item in items {
        if !seen.insert(item.value.as_str()) {
            cx.error_spanned(
                item.span,
                format!("{what} `{}` is listed twice: keep one", item.value),
            );
        }
    }
}
