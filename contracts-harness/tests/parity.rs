//! The registry matches ContractSpec's harness reference data, contract by contract and field
//! by field, and every message accepts what ContractSpec accepts and rejects what it rejects.

mod common;

use common::{reference, RESOLUTIONS};

#[test]
fn registry_matches_the_reference() {
    contracts_parity::assert_parity(&contracts_harness::HARNESS, &reference(), &RESOLUTIONS);
}

#[test]
fn messages_accept_and_reject_what_contractspec_does() {
    contracts_parity::assert_samples(&contracts_harness::HARNESS, &reference());
}
