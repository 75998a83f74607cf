//! The questions ContractSpec's control-plane tests ask of its registries, asked of
//! [`CONTROL_PLANE`] and answered from the reference data for every contract of the fixture
//! (`contracts_parity::assert_registry_answers`, with the resolutions of README.md); then what
//! only this domain has: the skill install error catalog, the personal data of an intent, the
//! messaging policy and the documentation of the message structs.

mod common;

use common::{reference, resolutions};
use contracts_control_plane::commands::ControlPlaneSkillInstallError;
use contracts_control_plane::CONTROL_PLANE;
use contracts_core::{Contract, ErrorCatalog, ModelInfo, ModelKind};
use std::collections::BTreeSet;

#[test]
fn the_registry_answers_as_the_reference() {
    contracts_parity::assert_registry_answers(&CONTROL_PLANE, &reference(), &resolutions());
}

#[test]
fn intent_text_is_personal_data() {
    let submit = CONTROL_PLANE
        .latest("controlPlane.intent.submit")
        .expect("declared");
    assert_eq!(
        submit.as_operation().expect("an operation").policy.pii,
        ["text"]
    );
}

#[test]
fn the_skill_install_error_catalog_is_the_reference_one() {
    let reference = reference();
    let install = reference
        .contracts("operations")
        .iter()
        .find(|o| o["key"] == "controlPlane.skill.install")
        .expect("in the fixture");
    let expected = install["errors"].as_array().expect("errors");
    assert_eq!(ControlPlaneSkillInstallError::ERRORS.len(), 16);
    assert_eq!(expected.len(), 16);
    for (found, expected) in ControlPlaneSkillInstallError::ERRORS.iter().zip(expected) {
        assert_eq!(found.code, expected["code"]);
        assert_eq!(found.description, expected["description"]);
        assert_eq!(found.http, expected["http"]);
        assert_eq!(found.when, expected["when"].as_str());
    }
    assert_eq!(
        ControlPlaneSkillInstallError::CapabilityMissing.code(),
        "CAPABILITY_MISSING"
    );
    assert_eq!(ControlPlaneSkillInstallError::KeyUntrusted.spec().http, 403);
}

/// Upstream exports the messaging policy at 2.0.0 without registering it (README.md, "Not
/// disagreements"); here it is in the registry like every declared contract, with the
/// reference's rules in order.
#[test]
fn the_messaging_policy_is_declared_at_2_0_0_only_with_its_rules() {
    assert!(CONTROL_PLANE
        .get("channel.messaging-policy", "1.0.0")
        .is_none());
    let Some(Contract::Policy(policy)) = CONTROL_PLANE.latest("channel.messaging-policy") else {
        panic!("the messaging policy is declared");
    };
    assert_eq!(policy.meta.version.as_str(), "2.0.0");
    let reference = reference();
    let expected = &reference.contracts("policies")[0];
    assert_eq!(expected["registered"], false);
    let rules: Vec<(&str, Option<&str>)> = policy
        .rules
        .iter()
        .map(|r| (r.effect.as_str(), r.reason))
        .collect();
    let expected_rules: Vec<(&str, Option<&str>)> = expected["rules"]
        .as_array()
        .expect("rules")
        .iter()
        .map(|r| {
            (
                r["effect"].as_str().expect("an effect"),
                r["reason"].as_str(),
            )
        })
        .collect();
    assert_eq!(rules, expected_rules);
}

/// Message fields are undocumented (the reference has no field descriptions), so the modules
/// allow `missing_docs`; this checks that every message struct still has its doc comment.
#[test]
fn every_message_model_is_documented() {
    fn walk(model: &'static ModelInfo, seen: &mut BTreeSet<&'static str>) {
        if let ModelKind::Struct(fields) = model.kind {
            assert!(
                model.description.is_some(),
                "{} has no doc comment",
                model.name
            );
            if seen.insert(model.name) {
                for field in fields {
                    assert!(
                        field.description.is_none(),
                        "{}.{} has a description",
                        model.name,
                        field.name
                    );
                    walk(field.shape.target, seen);
                }
            }
        }
    }
    let mut seen = BTreeSet::new();
    for operation in CONTROL_PLANE.operations() {
        walk(operation.input.info, &mut seen);
        walk(operation.output.info, &mut seen);
    }
    for event in CONTROL_PLANE.events() {
        walk(event.payload.info, &mut seen);
    }
    assert_eq!(
        seen.len() as u64,
        reference().document()["counts"]["models"]
    );
}
