//! The context registry against ContractSpec's reference data: every contract, field by field,
//! every doc block, and sample messages for every operation, event and form model.

mod common;

use common::{reference, RESOLUTIONS};

#[test]
fn registry_matches_the_reference() {
    contracts_parity::assert_parity(&contracts_context::CONTEXT, &reference(), &RESOLUTIONS);
}

#[test]
fn schemas_and_serde_accept_and_reject_the_samples() {
    contracts_parity::assert_samples(&contracts_context::CONTEXT, &reference());
}
