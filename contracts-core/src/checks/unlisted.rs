//! A contract left out of its crate's `registry!` is one mistake, reported once.
//!
//! The contract's own check knows it is missing and names the type to list. A reference to it
//! by key, from a listed contract of the same crate, fails too, and cannot tell a missing
//! contract from an unlisted one (the registry holds only what is listed). So when such a
//! reference exists, the reference reports the mistake (its message names both fixes: list the
//! declaring type, or declare the key) and the contract itself stays quiet; otherwise the
//! contract reports it. References by type (`emits(Type)`, a consumer's event) know the
//! declaration, so they stay quiet instead and the contract reports.

use crate::contract::Contract;
use crate::registry::{Registry, Target};
use crate::ContractRef;
use contracts_syntax::str_eq;

/// Whether a listed contract of the registry's own crate names `identity` by key, in a
/// reference that therefore fails (pinned to its version, or unpinned while no version of the
/// key is listed).
pub(super) const fn named_by_listed(registry: &Registry, identity: &Target) -> bool {
    let (first, end) = registry.const_key_range(identity.key, &identity.digest);
    let unpinned_fails = first == end;
    let version = match identity.version {
        Some(version) => version,
        None => "",
    };
    let own_crate = registry.set().crate_name;
    let entries = registry.entries();
    let mut i = 0;
    while i < entries.len() {
        let entry = &entries[i];
        if str_eq(entry.crate_name, own_crate)
            && names(&entry.contract, identity.key, version, unpinned_fails)
        {
            return true;
        }
        i += 1;
    }
    false
}

/// Whether `contract` references `key` (at `version`, or unpinned when `unpinned` counts).
const fn names(contract: &Contract, key: &str, version: &str, unpinned: bool) -> bool {
    if let Some(capability) = contract.capability() {
        if is(capability, key, version, unpinned) {
            return true;
        }
    }
    match contract {
        Contract::Capability(capability) => {
            let mut i = 0;
            while i < capability.provides.len() {
                if is(&capability.provides[i].target, key, version, unpinned) {
                    return true;
                }
                i += 1;
            }
            let mut i = 0;
            while i < capability.requires.len() {
                if is(&capability.requires[i].capability, key, version, unpinned) {
                    return true;
                }
                i += 1;
            }
            match &capability.extends {
                Some(extends) => is(extends, key, version, unpinned),
                None => false,
            }
        }
        Contract::Operation(operation) => any(operation.policy.policies, key, version, unpinned),
        Contract::DataView(view) => {
            let source = &view.source;
            is(&source.primary, key, version, unpinned)
                || match &source.item {
                    Some(item) => is(item, key, version, unpinned),
                    None => false,
                }
                || any(source.refresh_events, key, version, unpinned)
        }
        Contract::Form(form) => {
            let mut i = 0;
            while i < form.actions.len() {
                if is(&form.actions[i].op, key, version, unpinned) {
                    return true;
                }
                i += 1;
            }
            false
        }
        Contract::Feature(feature) => {
            let mut i = 0;
            while i < feature.requires.len() {
                if is(&feature.requires[i].capability, key, version, unpinned) {
                    return true;
                }
                i += 1;
            }
            any(feature.operations, key, version, unpinned)
                || any(feature.events, key, version, unpinned)
                || any(feature.presentations, key, version, unpinned)
                || any(feature.provides, key, version, unpinned)
                || any(feature.data_views, key, version, unpinned)
                || any(feature.forms, key, version, unpinned)
                || any(feature.policies, key, version, unpinned)
        }
        Contract::Event(_)
        | Contract::Presentation(_)
        | Contract::Policy(_)
        | Contract::Consumer(_) => false,
    }
}

const fn any(references: &[ContractRef], key: &str, version: &str, unpinned: bool) -> bool {
    let mut i = 0;
    while i < references.len() {
        if is(&references[i], key, version, unpinned) {
            return true;
        }
        i += 1;
    }
    false
}

const fn is(reference: &ContractRef, key: &str, version: &str, unpinned: bool) -> bool {
    str_eq(reference.key, key)
        && match &reference.version {
            Some(pinned) => str_eq(pinned.as_str(), version),
            None => unpinned,
        }
}

/// Whether a listed contract of the registry's own crate names the doc block `id` (in its
/// `doc_ids`, or a feature's `docs`): the doc block's own check then stays quiet, as for
/// [`named_by_listed`].
pub(super) const fn doc_named_by_listed(registry: &Registry, id: &str) -> bool {
    let own_crate = registry.set().crate_name;
    let entries = registry.entries();
    let mut i = 0;
    while i < entries.len() {
        let entry = &entries[i];
        if str_eq(entry.crate_name, own_crate) {
            if contains(entry.contract.meta().doc_ids, id) {
                return true;
            }
            if let Contract::Feature(feature) = entry.contract {
                if contains(feature.docs, id) {
                    return true;
                }
            }
        }
        i += 1;
    }
    false
}

const fn contains(ids: &[&str], id: &str) -> bool {
    let mut i = 0;
    while i < ids.len() {
        if str_eq(ids[i], id) {
            return true;
        }
        i += 1;
    }
    false
}
