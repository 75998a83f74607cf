//! The governance rules evaluated at compile time.
//!
//! Each attribute expands to `const _: () = enforce(check(...));` spanned on the literal it
//! checks (`enforce` panics with the message, at its caller), so a violation is an error on that
//! literal whose text is the message built here. Every message names the offending key and says how to fix it.

use super::message::Message;
use super::suggest::closest_key;
use crate::contract::{Contract, ContractKind};
use crate::descriptors::{CapabilityKind, EventDescriptor, Surface};
use crate::model::{resolve_path, ModelInfo, PathError};
use crate::registry::{Entry, HashedRef, KindSet, Registry, Resolution, Target};
use contracts_syntax::str_eq;

/// The outcome of a check.
pub type Check = Result<(), Message>;

/// Rule 5 (and registration): the contract `identity` (`key@version`) appears exactly once in
/// its crate's registry and in no included crate.
pub const fn declared_once(
    registry: &Registry,
    identity: &HashedRef,
    type_name: &str,
    file: &str,
    line: u32,
) -> Check {
    declared_once_at(registry, &Target::of(identity), type_name, file, line)
}

pub(super) const fn declared_once_at(
    registry: &Registry,
    identity: &Target,
    type_name: &str,
    file: &str,
    line: u32,
) -> Check {
    let entries = registry.entries();
    let own_crate = registry.set().crate_name;
    let (key, version) = (identity.key, identity.version_text());
    let mut own = 0;
    let mut other: Option<&Entry> = None;
    // Entries are sorted by key, so every declaration of `key` is in one run, found by hash.
    let (first, end) = registry.const_key_range(key, &identity.digest);
    let mut i = first;
    while i < end {
        let entry = &entries[i];
        if str_eq(entry.version, version) {
            let source = &entry.contract.meta().source;
            if source.line == line
                && str_eq(source.file, file)
                && str_eq(entry.crate_name, own_crate)
            {
                own += 1;
            } else if other.is_none() {
                other = Some(entry);
            }
        }
        i += 1;
    }
    if own > 1 {
        return Err(Message::new()
            .code(type_name)
            .push(" is listed more than once in this crate's `registry!`: remove the repeated entry from its `contracts(...)`"));
    }
    if let Some(other) = other {
        let m = Message::new().push("duplicate contract ").id(key, version);
        let m = if str_eq(other.crate_name, own_crate) {
            m.push(": it is also declared at ")
        } else {
            m.push(": it is already declared in ")
        };
        return Err(location(m, registry, other)
            .push(". Give one of them another key, or bump this one's version"));
    }
    if own == 0 && !registry.has_invalid() {
        return Err(Message::new()
            .push("contract ")
            .id(key, version)
            .push(" is not in this crate's registry: add ")
            .code(type_name)
            .push(" to the `contracts(...)` of the `registry!` at the crate root"));
    }
    Ok(())
}

/// Rules 1 and 3: the capability an operation, event or presentation claims is declared, and
/// its `provides` lists the claimant.
pub const fn capability_claim(
    registry: &Registry,
    capability: &HashedRef,
    surface: Surface,
    key: &str,
    version: &str,
) -> Check {
    capability_claim_at(registry, &Target::of(capability), surface, key, version)
}

pub(super) const fn capability_claim_at(
    registry: &Registry,
    capability: &Target,
    surface: Surface,
    key: &str,
    version: &str,
) -> Check {
    let index = match resolve_target(
        registry,
        capability,
        KindSet::only(ContractKind::Capability),
        "capability",
    ) {
        Ok(Some(index)) => index,
        Ok(None) => return Ok(()),
        Err(e) => return Err(e),
    };
    let entry = &registry.entries()[index];
    let descriptor = match entry.contract {
        Contract::Capability(descriptor) => descriptor,
        _ => return Ok(()),
    };
    let mut i = 0;
    while i < descriptor.provides.len() {
        let provided = &descriptor.provides[i];
        if matches_surface(provided.surface, surface) && str_eq(provided.target.key, key) {
            match &provided.target.version {
                Some(v) if !str_eq(v.as_str(), version) => {}
                _ => return Ok(()),
            }
        }
        i += 1;
    }
    let m = Message::new()
        .push(surface.as_str())
        .push(" ")
        .id(key, version)
        .push(" claims capability ")
        .id(entry.key, entry.version)
        .push(", but that capability does not list it in its provides. Add `")
        .push(surface.as_str())
        .push("(\"")
        .push(key)
        .push("@")
        .push(version)
        .push("\")` to the `provides(...)` of ")
        .code(entry.key)
        .push(" (");
    Err(location(m, registry, entry).push("), or claim the capability that provides it"))
}

const fn matches_surface(a: Surface, b: Surface) -> bool {
    a as u8 == b as u8
}

/// Rule 4: a surface a capability provides exists, with the right kind and version.
pub const fn provided_surface(registry: &Registry, surface: Surface, target: &HashedRef) -> Check {
    provided_surface_at(registry, surface, &Target::of(target))
}

pub(super) const fn provided_surface_at(
    registry: &Registry,
    surface: Surface,
    target: &Target,
) -> Check {
    let kinds = KindSet::of_surface(surface);
    if kinds.is_empty() {
        return Ok(());
    }
    match resolve_target(registry, target, kinds, surface.as_str()) {
        Ok(_) => Ok(()),
        Err(e) => Err(e),
    }
}

/// Rule 8: a capability a capability requires exists (unless the requirement is optional), with
/// the required kind.
pub const fn required_capability(
    registry: &Registry,
    required: &HashedRef,
    optional: bool,
    kind: Option<CapabilityKind>,
) -> Check {
    required_capability_at(registry, &Target::of(required), optional, kind)
}

pub(super) const fn required_capability_at(
    registry: &Registry,
    required: &Target,
    optional: bool,
    kind: Option<CapabilityKind>,
) -> Check {
    if optional {
        return Ok(());
    }
    let index = match resolve_target(
        registry,
        required,
        KindSet::only(ContractKind::Capability),
        "capability",
    ) {
        Ok(Some(index)) => index,
        Ok(None) => return Ok(()),
        Err(e) => {
            return Err(e.push(
                ". If the capability is not always present, mark the requirement `optional`",
            ))
        }
    };
    let entry = &registry.entries()[index];
    if let (Some(wanted), Contract::Capability(found)) = (kind, entry.contract) {
        if wanted as u8 != found.kind as u8 {
            return Err(Message::new()
                .push("required capability ")
                .id(entry.key, entry.version)
                .push(" is of kind ")
                .code(found.kind.as_str())
                .push(", not ")
                .code(wanted.as_str())
                .push(": fix or remove the requirement's `kind`"));
        }
    }
    Ok(())
}

/// Rule 1 for other references: `reference` names a declared contract of one of `kinds`
/// (`what` names them in messages, e.g. "operation").
pub const fn reference(
    registry: &Registry,
    reference: &HashedRef,
    kinds: KindSet,
    what: &str,
) -> Check {
    reference_at(registry, &Target::of(reference), kinds, what)
}

pub(super) const fn reference_at(
    registry: &Registry,
    reference: &Target,
    kinds: KindSet,
    what: &str,
) -> Check {
    match resolve_target(registry, reference, kinds, what) {
        Ok(_) => Ok(()),
        Err(e) => Err(e),
    }
}

/// Rule 2 (versions): an emitted event, pinned to `version`, is declared at that version.
pub const fn emitted_event_version(event: &EventDescriptor, version: &str) -> Check {
    if str_eq(event.meta.version.as_str(), version) {
        return Ok(());
    }
    Err(Message::new()
        .push("event ")
        .code(event.meta.key)
        .push(" is declared at version ")
        .code(event.meta.version.as_str())
        .push(", not ")
        .code(version)
        .push(": emit the declared version, or declare the event at ")
        .code(version))
}

/// A consumed event is declared in the registry (the crate's own, or one it includes): a
/// consumer of an event nobody declares would wait for messages that never come.
pub const fn consumed_event(registry: &Registry, event: &EventDescriptor) -> Check {
    let reference = HashedRef::new(crate::ContractRef {
        key: event.meta.key,
        version: Some(event.meta.version),
    });
    reference_at(
        registry,
        &Target::of(&reference),
        KindSet::only(ContractKind::Event),
        "consumed event",
    )
}

/// A doc id names a doc block of the registry.
pub const fn doc_block(registry: &Registry, id: &str) -> Check {
    let blocks = registry.doc_blocks();
    let mut i = 0;
    while i < blocks.len() {
        if str_eq(blocks[i].id, id) {
            return Ok(());
        }
        i += 1;
    }
    if registry.has_invalid() {
        return Ok(());
    }
    Err(Message::new()
        .push("doc block ")
        .code(id)
        .push(" is not declared: declare it with `#[doc_block(id = \"")
        .push(id)
        .push("\", ...)]` and list it in the `registry!`, or fix the id"))
}

/// Rule 7: a dotted field path (`what` is "pii path" or "form field") names a field of `model`.
pub const fn field_path(model: &'static ModelInfo, path: &'static str, what: &str) -> Check {
    match resolve_path(model, path) {
        Ok(()) => Ok(()),
        Err(PathError::EmptySegment) => Err(Message::new().push(what).push(" ").code(path).push(
            " is malformed: write field names separated by single dots, such as `user.email`",
        )),
        Err(PathError::NoSuchField {
            segment,
            model: owner,
            prefix,
        }) => {
            let m = Message::new()
                .push(what)
                .push(" ")
                .code(path)
                .push(" names no field: ")
                .code(owner)
                .push(" has no field ")
                .code(segment);
            let m = if prefix.len() < path.len() {
                m.push(" (at ").code(prefix).push(")")
            } else {
                m
            };
            Err(list_fields(m, model, prefix)
                .push(". Use the field's JSON name, as serde writes it"))
        }
        Err(PathError::NotAnObject {
            field,
            model: value,
        }) => Err(Message::new()
            .push(what)
            .push(" ")
            .code(path)
            .push(" goes past ")
            .code(field)
            .push(", whose value (")
            .code(value)
            .push(") has no fields")),
    }
}

/// Appends the fields of the model reached by the path before its last segment.
const fn list_fields(m: Message, model: &'static ModelInfo, prefix: &'static str) -> Message {
    let mut current = model;
    let bytes = prefix.as_bytes();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'.' {
            let (_, rest) = prefix.split_at(start);
            let (segment, _) = rest.split_at(i - start);
            let fields = current.fields();
            let mut f = 0;
            while f < fields.len() {
                if str_eq(fields[f].name, segment) {
                    current = fields[f].shape.target;
                    break;
                }
                f += 1;
            }
            start = i + 1;
        }
        i += 1;
    }
    let fields = current.fields();
    if fields.is_empty() {
        return m;
    }
    let mut m = m.push("; its fields are ");
    let mut f = 0;
    while f < fields.len() {
        if f > 0 {
            m = m.push(", ");
        }
        m = m.code(fields[f].name);
        f += 1;
    }
    m
}

/// Rule 5 across sibling crates: no two included crates declare the same `key@version`.
/// Duplicates involving the registry's own crate are reported on the contract itself.
pub const fn no_duplicates_across_crates(registry: &Registry) -> Check {
    let entries = registry.entries();
    let own_crate = registry.set().crate_name;
    let mut i = 1;
    while i < entries.len() {
        let (a, b) = (&entries[i - 1], &entries[i]);
        if str_eq(a.key, b.key)
            && str_eq(a.version, b.version)
            && !str_eq(a.crate_name, b.crate_name)
            && !str_eq(a.crate_name, own_crate)
            && !str_eq(b.crate_name, own_crate)
        {
            return Err(Message::new()
                .push("duplicate contract ")
                .id(a.key, a.version)
                .push(": crates ")
                .code(a.crate_name)
                .push(" and ")
                .code(b.crate_name)
                .push(" both declare it, so one registry cannot include both. Change the key or version in one of them, or include only one"));
        }
        i += 1;
    }
    Ok(())
}

/// Rule 4 at an aggregation point: every `downstream` surface of a capability from an included
/// crate resolves in this registry.
pub const fn downstream_provides(registry: &Registry) -> Check {
    let entries = registry.entries();
    let own_crate = registry.set().crate_name;
    let mut i = 0;
    while i < entries.len() {
        if let Contract::Capability(capability) = entries[i].contract {
            if !str_eq(entries[i].crate_name, own_crate) {
                let mut p = 0;
                while p < capability.provides.len() {
                    let provided = &capability.provides[p];
                    if provided.downstream
                        && provided_surface(
                            registry,
                            provided.surface,
                            &HashedRef::new(provided.target),
                        )
                        .is_err()
                    {
                        let target = Message::new().push(provided.target.key);
                        let target = match &provided.target.version {
                            Some(v) => target.push("@").push(v.as_str()),
                            None => target,
                        };
                        return Err(Message::new()
                            .push("capability ")
                            .id(entries[i].key, entries[i].version)
                            .push(" (crate ")
                            .code(entries[i].crate_name)
                            .push(") provides ")
                            .push(provided.surface.as_str())
                            .push(" ")
                            .code(target.as_str())
                            .push(" from a downstream crate, but this registry does not declare it: include the registry of the crate that declares it, or declare it here"));
                    }
                    p += 1;
                }
            }
        }
        i += 1;
    }
    Ok(())
}

/// Resolves `reference` among `kinds` (`what` names them in messages, e.g. "operation"): the
/// index of its entry in [`Registry::entries`], `Ok(None)` when it cannot be checked because the
/// registry holds declarations that already failed, or why it does not resolve.
pub const fn resolve(
    registry: &Registry,
    hashed: &HashedRef,
    kinds: KindSet,
    what: &str,
) -> Result<Option<usize>, Message> {
    resolve_target(registry, &Target::of(hashed), kinds, what)
}

const fn resolve_target(
    registry: &Registry,
    reference: &Target,
    kinds: KindSet,
    what: &str,
) -> Result<Option<usize>, Message> {
    let entries = registry.entries();
    match registry.const_resolve(reference, kinds) {
        Resolution::Found(index) => Ok(Some(index)),
        Resolution::Missing => {
            if registry.has_invalid() {
                return Ok(None);
            }
            let m = Message::new()
                .push(what)
                .push(" ")
                .code(reference.key)
                .push(" is not declared");
            let m = match closest_key(registry, reference.key, kinds) {
                Some(close) => m.push(": did you mean ").code(close).push("?"),
                None => m
                    .push(": declare it (and list it in a `registry!` this crate includes), or fix the key"),
            };
            Err(m)
        }
        Resolution::OtherVersions(first, end) => {
            let m = Message::new()
                .push(what)
                .push(" ")
                .code(reference.key)
                .push(" is not declared at version ");
            let m = match reference.version {
                Some(v) => m.code(v),
                None => m,
            };
            Err(versions(
                m.push("; declared versions: "),
                entries,
                first,
                end,
            ))
        }
        Resolution::WrongKind(index) => Err(Message::new()
            .id(reference.key, entries[index].version)
            .push(" is ")
            .push(article(entries[index].contract.kind().as_str()))
            .push(" ")
            .push(kind_words(entries[index].contract.kind()))
            .push(", not ")
            .push(article(what))
            .push(" ")
            .push(what)),
        Resolution::Ambiguous(a, b) => Err(Message::new()
            .push(what)
            .push(" ")
            .code(reference.key)
            .push(" is ambiguous: versions ")
            .code(entries[a].version)
            .push(" and ")
            .code(entries[b].version)
            .push(" are both declared. Pin one, as in ")
            .id(reference.key, entries[b].version)),
    }
}

/// Appends where `entry` is declared: `file:line`, with its crate when it is another crate.
const fn location(m: Message, registry: &Registry, entry: &Entry) -> Message {
    let source = &entry.contract.meta().source;
    let m = if str_eq(entry.crate_name, registry.set().crate_name) {
        m
    } else {
        m.push("crate ").code(entry.crate_name).push(", ")
    };
    m.push(source.file).push(":").number(source.line as u64)
}

const fn article(word: &str) -> &'static str {
    match word.as_bytes().first() {
        Some(b'a' | b'e' | b'i' | b'o' | b'u') => "an",
        _ => "a",
    }
}

const fn kind_words(kind: ContractKind) -> &'static str {
    match kind {
        ContractKind::DataView => "data view",
        other => other.as_str(),
    }
}

const fn versions(mut m: Message, entries: &[Entry], first: usize, end: usize) -> Message {
    let mut i = first;
    while i < end {
        if i > first {
            m = m.push(", ");
        }
        m = m.code(entries[i].version);
        i += 1;
    }
    m
}

/// A doc block id is declared exactly once and listed in the registry.
pub const fn doc_block_declared_once(registry: &Registry, id: &str, type_name: &str) -> Check {
    let blocks = registry.doc_blocks();
    let mut count = 0;
    let mut i = 0;
    while i < blocks.len() {
        if str_eq(blocks[i].id, id) {
            count += 1;
        }
        i += 1;
    }
    if count > 1 {
        return Err(Message::new()
            .push("doc block ")
            .code(id)
            .push(" is declared more than once: give each doc block its own id, and list each once in the `registry!`"));
    }
    if count == 0 && !registry.has_invalid() {
        return Err(Message::new()
            .push("doc block ")
            .code(id)
            .push(" is not in this crate's registry: add ")
            .code(type_name)
            .push(" to the `contracts(...)` of the `registry!` at the crate root"));
    }
    Ok(())
}
