//! The reference fixture and the deliberate differences from it, shared by `parity.rs` and
//! `registry.rs`.

use contracts_parity::{Reference, Resolution};

pub fn reference() -> Reference {
    Reference::from_json(include_str!("../fixtures/harness.json")).expect("the fixture parses")
}

/// Every deliberate difference from the reference, as listed in README.md under "Where the data
/// disagrees with the rules". The harness data satisfies every rule as it is, so there is none.
pub const RESOLUTIONS: [Resolution; 0] = [];
