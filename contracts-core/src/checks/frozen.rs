//! Rule 1 of contract evolution at compile time: a locked `key@version` is frozen.
//!
//! `contracts lock` records, beside each contract's facts, a fingerprint of each part of its
//! wire surface ([`PARTS`]), computed by [`fingerprints`]. The attribute macros read the lock
//! of their crate and, for each locked contract (whatever its stability: a locked version is
//! frozen, as the lock test holds), emit [`frozen`] with the recorded fingerprints, spanned on
//! the contract's `version`. The same `const fn` computes both sides, so they cannot drift.
//!
//! A fingerprint covers only facts the lock records (JSON field paths, optionality, lists,
//! types and enum values; declared errors and their statuses; emitted events; auth,
//! idempotency and kind; a capability's provides and requirements), and sets are hashed
//! without their order, so a change the lock comparison ignores never fails the build. What
//! the fingerprints do not cover (whether an object rejects unknown fields, the capability a
//! contract claims, its REST path, MCP tool and GraphQL field names, stability) is compared by
//! the lock test that `cargo test` runs, which also names each change.

use super::message::Message;
use super::rules::Check;
use crate::contract::Contract;
use crate::model::{FieldInfo, ModelInfo, ModelKind};
use crate::ContractRef;

/// The parts of a contract's wire surface that have a fingerprint, in the order of
/// [`fingerprints`]. A part a contract does not have has the fingerprint `0`.
pub const PARTS: [&str; 8] = contracts_syntax::FINGERPRINT_PARTS;

/// Models nested deeper than this are cut, as the lock's own walk does.
const MAX_DEPTH: usize = 64;

/// The fingerprint of each of [`PARTS`] of `contract` (`0` for a part it does not have).
///
/// ```
/// use contracts_core::{command, registry, Model};
/// use contracts_core::checks::{fingerprints, PARTS};
///
/// /// Starts a job.
/// #[command(key = "jobs.job.start", version = "1.0.0", output = Started, policy(auth = "user"))]
/// #[derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema, Model)]
/// pub struct Start { pub name: String }
///
/// #[derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema, Model)]
/// pub struct Started { pub id: String }
///
/// registry! { pub static JOBS; defaults(owners = ["team.jobs"], stability = "beta");
///     contracts(Start); }
///
/// # fn main() {
/// let parts = fingerprints(&JOBS.latest("jobs.job.start").unwrap());
/// assert_ne!(parts[1], 0); // input
/// assert_eq!(parts[3], 0); // an operation has no payload
/// assert_eq!(PARTS[1], "input");
/// # }
/// ```
pub const fn fingerprints(contract: &Contract) -> [u64; 8] {
    let mut parts = [0; 8];
    parts[0] = finish(text(SEED, contract.kind().as_str()));
    match contract {
        Contract::Operation(op) => {
            let mut policy = text(parts[0], op.policy.auth.as_str());
            policy = flag(policy, op.policy.idempotent);
            parts[0] = finish(policy);
            parts[1] = message("input", op.input.info);
            parts[2] = message("output", op.output.info);
            let mut errors = 1;
            let mut i = 0;
            while i < op.errors.len() {
                let error = &op.errors[i];
                errors = add(errors, number(text(SEED, error.code), error.http as u64));
                i += 1;
            }
            parts[4] = errors;
            let mut emits = 1;
            let mut i = 0;
            while i < op.emits.len() {
                let meta = &op.emits[i].event.meta;
                emits = add(emits, text(text(SEED, meta.key), meta.version.as_str()));
                i += 1;
            }
            parts[5] = emits;
        }
        Contract::Event(event) => parts[3] = message("payload", event.payload.info),
        Contract::Capability(capability) => {
            parts[0] = finish(text(parts[0], capability.kind.as_str()));
            let mut provides = 1;
            let mut i = 0;
            while i < capability.provides.len() {
                let provided = &capability.provides[i];
                let surface = text(SEED, provided.surface.as_str());
                provides = add(provides, reference(surface, &provided.target));
                i += 1;
            }
            parts[6] = provides;
            let mut requires = 1;
            let mut i = 0;
            while i < capability.requires.len() {
                let required = &capability.requires[i];
                let target = reference(SEED, &required.capability);
                requires = add(requires, flag(target, required.optional));
                i += 1;
            }
            parts[7] = requires;
        }
        _ => {}
    }
    parts
}

/// The contract `contract` still has the wire surface its lock recorded (`locked`, as
/// [`fingerprints`] computed it then).
pub const fn frozen(contract: &Contract, locked: &[u64; 8]) -> Check {
    let now = fingerprints(contract);
    let mut i = 0;
    while i < PARTS.len() {
        if now[i] != locked[i] {
            let meta = contract.meta();
            return Err(Message::new()
                .push("the ")
                .push(PARTS[i])
                .push(" of ")
                .id(meta.key, meta.version.as_str())
                .push(" changed, but `contracts.lock` records this version as released, and a released version is frozen: bump the version and run `contracts lock`, or undo the change (`cargo test` or `contracts diff` names each change and the bump it needs)"));
        }
        i += 1;
    }
    Ok(())
}

/// The fingerprint of a message: every field the lock lists for it, as a set.
const fn message(role: &str, info: &'static ModelInfo) -> u64 {
    let mut stack = [""; MAX_DEPTH];
    walk(text(SEED, role), info, false, false, &mut stack, 0)
}

/// The field at `path` (hashed) of model `info`, and every field below it, summed.
const fn walk(
    path: u64,
    info: &'static ModelInfo,
    optional: bool,
    list: bool,
    stack: &mut [&'static str; MAX_DEPTH],
    depth: usize,
) -> u64 {
    let recursive = depth >= MAX_DEPTH || on_stack(stack, depth, info.name);
    let (ty, object) = match info.kind {
        ModelKind::Scalar | ModelKind::Opaque => (text(text(SEED, "named"), info.name), false),
        ModelKind::Enum(values) => {
            let mut set = 1;
            let mut i = 0;
            while i < values.len() {
                set = add(set, text(SEED, values[i]));
                i += 1;
            }
            (number(text(SEED, "enum"), set), false)
        }
        ModelKind::Struct(_) if recursive => (text(text(SEED, "recursive"), info.name), false),
        ModelKind::Struct(_) => (text(SEED, "object"), true),
    };
    let line = number(flag(flag(path, optional), list), ty);
    let mut sum = finish(line);
    if object {
        stack[depth] = info.name;
        sum = sum.wrapping_add(fields(path, info.fields(), stack, depth + 1));
    }
    sum
}

/// The fields of a struct at `path`, flattened fields replaced by their model's fields.
const fn fields(
    path: u64,
    fields_of: &'static [FieldInfo],
    stack: &mut [&'static str; MAX_DEPTH],
    depth: usize,
) -> u64 {
    let mut sum: u64 = 0;
    let mut i = 0;
    while i < fields_of.len() {
        let field = &fields_of[i];
        let target = field.shape.target;
        sum = sum.wrapping_add(if field.flatten {
            fields(path, target.fields(), stack, depth)
        } else {
            let child = text(text(path, "."), field.name);
            walk(
                child,
                target,
                field.is_optional(),
                field.shape.list,
                stack,
                depth,
            )
        });
        i += 1;
    }
    sum
}

const fn on_stack(stack: &[&str; MAX_DEPTH], depth: usize, name: &str) -> bool {
    let mut i = 0;
    while i < depth && i < MAX_DEPTH {
        if contracts_syntax::str_eq(stack[i], name) {
            return true;
        }
        i += 1;
    }
    false
}

const SEED: u64 = 0xcbf2_9ce4_8422_2325;

/// FNV-1a over `s`, then a separator so that `("ab", "c")` and `("a", "bc")` differ.
const fn text(mut hash: u64, s: &str) -> u64 {
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        hash = (hash ^ bytes[i] as u64).wrapping_mul(0x0000_0100_0000_01b3);
        i += 1;
    }
    (hash ^ 0xff).wrapping_mul(0x0000_0100_0000_01b3)
}

const fn number(hash: u64, n: u64) -> u64 {
    let mut hash = hash;
    let mut i = 0;
    while i < 8 {
        hash = (hash ^ ((n >> (i * 8)) & 0xff)).wrapping_mul(0x0000_0100_0000_01b3);
        i += 1;
    }
    hash
}

const fn flag(hash: u64, on: bool) -> u64 {
    number(hash, on as u64 + 2)
}

const fn reference(hash: u64, target: &ContractRef) -> u64 {
    let hash = text(hash, target.key);
    match &target.version {
        Some(version) => text(hash, version.as_str()),
        None => text(hash, ""),
    }
}

/// Adds an element to an unordered set's fingerprint.
const fn add(set: u64, element: u64) -> u64 {
    set.wrapping_add(finish(element))
}

/// A final mix (splitmix64), so that sums of related hashes do not cancel.
const fn finish(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}
