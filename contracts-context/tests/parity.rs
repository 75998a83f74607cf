//! The context registry against ContractSpec's reference data: every contract, field by field,
//! every doc block, and sample messages for every operation, event and form model.

use contracts_parity::{Reference, Resolution};

fn reference() -> Reference {
    Reference::from_json(include_str!("fixtures/context.json")).expect("the fixture parses")
}

/// Every deliberate difference from the reference, as listed in README.md under "Where the data
/// disagrees with the rules". The context data passes every compile-time rule as it is.
const RESOLUTIONS: [Resolution; 0] = [];

#[test]
fn registry_matches_the_reference() {
    contracts_parity::assert_parity(&contracts_context::CONTEXT, &reference(), &RESOLUTIONS);
}

#[test]
fn schemas_and_serde_accept_and_reject_the_samples() {
    contracts_parity::assert_samples(&contracts_context::CONTEXT, &reference());
}
