//! The checks as the attribute macros call them: every reference spelled as literals (its key,
//! its version or `""`, and its key's digest — `hash`, `high`, `low` — computed at expansion).
//!
//! A check item costs rustc about as much to type-check as to evaluate; a `HashedRef`
//! constructor nested in each call (a `ContractRef`, a `Version`, a `KeyDigest`) cost about a
//! million rustc instructions per check, more than the lookup itself, while literal arguments
//! cost a fifth of that. Each function here builds the reference in `const` evaluation and runs
//! the rule of the same name in [`crate::checks`].
#![allow(clippy::too_many_arguments)]

use super::rules::{self, Check};
use crate::descriptors::{CapabilityKind, Surface};
use crate::registry::{KindSet, Registry, Target};

/// [`checks::declared_once`](crate::checks::declared_once) for the contract `key@version`.
pub const fn declared_once(
    registry: &Registry,
    key: &'static str,
    version: &'static str,
    hash: u64,
    high: u128,
    low: u128,
    type_name: &str,
    file: &str,
    line: u32,
) -> Check {
    let identity = Target::literal(key, version, hash, [high, low]);
    rules::declared_once_at(registry, &identity, type_name, file, line)
}

/// [`checks::capability_claim`](crate::checks::capability_claim): the contract `own_key@own_version` claims the capability `key`
/// (at `version`, unless empty).
pub const fn capability_claim(
    registry: &Registry,
    key: &'static str,
    version: &'static str,
    hash: u64,
    high: u128,
    low: u128,
    surface: Surface,
    own_key: &str,
    own_version: &str,
) -> Check {
    let capability = Target::literal(key, version, hash, [high, low]);
    rules::capability_claim_at(registry, &capability, surface, own_key, own_version)
}

/// [`checks::provided_surface`](crate::checks::provided_surface) for the provided `key` (at `version`, unless empty).
pub const fn provided_surface(
    registry: &Registry,
    surface: Surface,
    key: &'static str,
    version: &'static str,
    hash: u64,
    high: u128,
    low: u128,
) -> Check {
    let target = Target::literal(key, version, hash, [high, low]);
    rules::provided_surface_at(registry, surface, &target)
}

/// [`checks::required_capability`](crate::checks::required_capability) for the required capability `key` (at `version`, unless
/// empty).
pub const fn required_capability(
    registry: &Registry,
    key: &'static str,
    version: &'static str,
    hash: u64,
    high: u128,
    low: u128,
    optional: bool,
    kind: Option<CapabilityKind>,
) -> Check {
    let required = Target::literal(key, version, hash, [high, low]);
    rules::required_capability_at(registry, &required, optional, kind)
}

/// [`checks::reference`](crate::checks::reference) for `key` (at `version`, unless empty).
pub const fn reference(
    registry: &Registry,
    key: &'static str,
    version: &'static str,
    hash: u64,
    high: u128,
    low: u128,
    kinds: KindSet,
    what: &str,
) -> Check {
    let reference = Target::literal(key, version, hash, [high, low]);
    rules::reference_at(registry, &reference, kinds, what)
}
