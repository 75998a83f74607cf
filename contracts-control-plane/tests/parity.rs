//! The registry matches ContractSpec's control-plane reference data, contract by contract and
//! field by field, except for the differences listed in README.md ("Where the data disagrees
//! with the rules"); and every operation and event accepts the valid sample messages built from
//! the reference and rejects the invalid ones.

mod common;

use common::{reference, resolutions};
use contracts_control_plane::CONTROL_PLANE;

#[test]
fn registry_matches_the_reference() {
    contracts_parity::assert_parity(&CONTROL_PLANE, &reference(), &resolutions());
}

#[test]
fn sample_messages_are_accepted_and_rejected_as_upstream() {
    contracts_parity::assert_samples(&CONTROL_PLANE, &reference());
}
