//! The registry matches ContractSpec's harness reference data, contract by contract and field
//! by field, and every message accepts what ContractSpec accepts and rejects what it rejects.

use contracts_parity::{Reference, Resolution};

fn reference() -> Reference {
    Reference::from_json(include_str!("fixtures/harness.json")).expect("the fixture parses")
}

/// Every deliberate difference from the reference, as listed in README.md under "Where the data
/// disagrees with the rules". The harness data satisfies every rule as it is, so there is none.
const RESOLUTIONS: [Resolution; 0] = [];

#[test]
fn registry_matches_the_reference() {
    contracts_parity::assert_parity(&contracts_harness::HARNESS, &reference(), &RESOLUTIONS);
}

#[test]
fn messages_accept_and_reject_what_contractspec_does() {
    contracts_parity::assert_samples(&contracts_harness::HARNESS, &reference());
}
