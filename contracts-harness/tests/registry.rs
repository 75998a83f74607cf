//! The questions ContractSpec's harness tests ask its registries, asked of [`HARNESS`] and
//! answered from the reference data for every contract of the fixture
//! (`contracts_parity::assert_registry_answers`); then what only this domain has: the error of
//! `harness.run.start`, the exact-key example of README.md, and the optional control-plane
//! requirement that is declared but not linked.

mod common;

use common::{reference, RESOLUTIONS};
use contracts_core::Surface;
use contracts_harness::HARNESS;

#[test]
fn the_registry_answers_as_the_reference() {
    contracts_parity::assert_registry_answers(&HARNESS, &reference(), &RESOLUTIONS);
}

#[test]
fn run_start_declares_its_error() {
    use contracts_core::{ErrorCatalog, Operation};
    use contracts_harness::commands::{HarnessRunStartError, HarnessRunStartInput};
    let start = <HarnessRunStartInput as Operation>::DESCRIPTOR;
    assert_eq!(start.errors.len(), 1);
    assert_eq!(start.errors[0].code, "SCENARIO_OR_SUITE_REQUIRED");
    assert_eq!(start.errors[0].http, 400);
    assert_eq!(
        HarnessRunStartError::ScenarioOrSuiteRequired.code(),
        "SCENARIO_OR_SUITE_REQUIRED"
    );
}

/// README.md, "Exact-key lookup": ContractSpec's registry matched by prefix and returned
/// `harness.run.verify` for `harness.run`.
#[test]
fn harness_run_is_not_a_key() {
    for run_op in ["harness.run.start", "harness.run.get", "harness.run.cancel"] {
        assert!(HARNESS.latest(run_op).is_some(), "{run_op}");
    }
    assert!(HARNESS.latest("harness.run").is_none());
    assert!(HARNESS.latest("harness").is_none());
}

#[test]
fn the_optional_control_plane_requirement_is_not_linked() {
    // The requirement is declared, but the control plane is neither compiled nor registered.
    let execution = HARNESS
        .latest("harness.execution")
        .unwrap()
        .as_capability()
        .unwrap();
    let requirement = &execution.requires[0];
    assert_eq!(requirement.capability.key, "control-plane.core");
    assert!(requirement.optional);
    assert!(HARNESS.find("control-plane.core").is_none());
    assert_eq!(HARNESS.crates().collect::<Vec<_>>(), ["contracts_harness"]);
    assert_eq!(
        execution.provided(Surface::Event).count(),
        4,
        "harness.execution provides the run events and step.blocked"
    );
}
