//! What one crate's `registry!` declares: its own declarations, the registries it includes, and
//! the defaults its contracts inherit.

use crate::contract::Declaration;
use crate::descriptors::Stability;

/// The declarations of one crate and the contract sets of the crates it includes.
///
/// Built by [`registry!`](crate::registry!); the registry flattens it.
#[derive(Debug)]
pub struct ContractSet {
    /// The declaring crate.
    pub crate_name: &'static str,
    /// The crate's declarations, in the order the `registry!` lists them.
    pub declarations: &'static [Declaration],
    /// The contract sets of included crates.
    pub includes: &'static [&'static ContractSet],
    /// The `registry!` invocation itself had errors (already reported).
    pub invalid: bool,
}

/// Meta stated once for every contract of a crate, in the `defaults(...)` of its `registry!`.
#[derive(Clone, Copy, Debug)]
pub struct Defaults {
    /// The domain of contracts that do not set one.
    pub domain: Option<&'static str>,
    /// The owners of contracts that do not set any.
    pub owners: &'static [&'static str],
    /// Tags every contract carries before its own.
    pub tags: &'static [&'static str],
    /// The stability of contracts that do not set one.
    pub stability: Option<Stability>,
    /// Whether operations that do not say answer successes in the result envelope
    /// (`defaults(http(envelope = false))` drops it).
    pub http_envelope: bool,
}

impl Defaults {
    /// No defaults.
    pub const NONE: Defaults = Defaults {
        domain: None,
        owners: &[],
        tags: &[],
        stability: None,
        http_envelope: true,
    };
}
