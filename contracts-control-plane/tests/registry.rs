//! The questions ContractSpec's control-plane tests ask of its registries, asked of
//! [`CONTROL_PLANE`] and answered from the reference data: what each capability provides, the
//! latest version of each key, the events each operation emits, the operations of each kind, and
//! lookup by exact key and version. Every contract of the fixture is checked, not a sample.

use contracts_control_plane::commands::ControlPlaneSkillInstallError;
use contracts_control_plane::CONTROL_PLANE;
use contracts_core::{Contract, ContractKind, ErrorCatalog, ModelInfo, ModelKind};
use serde_json::Value;
use std::collections::BTreeSet;

fn fixture() -> Value {
    serde_json::from_str(include_str!("fixtures/control-plane.json")).expect("the fixture parses")
}

fn list<'a>(fixture: &'a Value, name: &str) -> &'a [Value] {
    fixture[name].as_array().expect("a list of contracts")
}

fn str_of<'a>(value: &'a Value, field: &str) -> &'a str {
    value[field]
        .as_str()
        .unwrap_or_else(|| panic!("`{field}` is a string in {value}"))
}

fn id(value: &Value) -> String {
    format!("{}@{}", str_of(value, "key"), str_of(value, "version"))
}

fn contract(value: &Value) -> Contract {
    CONTROL_PLANE
        .get(str_of(value, "key"), str_of(value, "version"))
        .unwrap_or_else(|| panic!("{} is not in the registry", id(value)))
}

// The two capabilities that gain provides entries.
const CORE: &str = "control-plane.core@1.0.0";
const AUDIT: &str = "control-plane.audit@1.0.0";

/// The operations this crate adds to a capability's provides (README, "Where the data disagrees
/// with the rules"): each claims the capability upstream, but upstream's provides omits it.
const ADDED_PROVIDES: [(&str, &str); 8] = [
    (CORE, "controlPlane.execution.abort@1.0.0"),
    (CORE, "controlPlane.execution.pause@1.0.0"),
    (CORE, "controlPlane.execution.resume@1.0.0"),
    (CORE, "controlPlane.execution.retry@1.0.0"),
    (CORE, "controlPlane.execution.shutdown@1.0.0"),
    (AUDIT, "controlPlane.execution.evidence.export@1.0.0"),
    (AUDIT, "controlPlane.execution.lane.get@1.0.0"),
    (AUDIT, "controlPlane.execution.lane.list@1.0.0"),
];

fn added_to(capability: &str) -> Vec<String> {
    ADDED_PROVIDES
        .iter()
        .filter(|(c, _)| *c == capability)
        .map(|(_, op)| format!("operation {op}"))
        .collect()
}

#[test]
fn every_reference_contract_is_found_by_exact_key_and_version_with_its_kind() {
    let fixture = fixture();
    let mut count = 0;
    for (name, kinds) in [
        ("operations", &["command", "query"][..]),
        ("events", &["event"]),
        ("capabilities", &["capability"]),
        ("policies", &["policy"]),
        ("features", &["feature"]),
    ] {
        for expected in list(&fixture, name) {
            let found = contract(expected);
            assert_eq!(found.key(), str_of(expected, "key"));
            assert_eq!(found.version().as_str(), str_of(expected, "version"));
            assert!(
                kinds.contains(&found.kind().as_str()),
                "{}: {}",
                id(expected),
                found.kind()
            );
            if name == "operations" {
                assert_eq!(
                    found.kind().as_str(),
                    str_of(expected, "kind"),
                    "{}",
                    id(expected)
                );
            }
            // Another version of the same key is not found.
            assert!(CONTROL_PLANE
                .get(str_of(expected, "key"), "0.0.1")
                .is_none());
            assert!(CONTROL_PLANE.find(&id(expected)).is_some());
            count += 1;
        }
    }
    assert_eq!(
        CONTROL_PLANE.len(),
        count,
        "the registry holds exactly the reference contracts"
    );
    // The policy is at 2.0.0 only.
    assert!(CONTROL_PLANE
        .get("channel.messaging-policy", "1.0.0")
        .is_none());
    assert!(CONTROL_PLANE
        .get("channel.messaging-policy", "2.0.0")
        .is_some());
}

#[test]
fn every_registered_key_is_in_the_registry() {
    let fixture = fixture();
    for (helper, keys) in fixture["registries"].as_object().expect("registries") {
        for reference in keys.as_array().expect("a list of key@version") {
            let reference = reference.as_str().expect("key@version");
            assert!(
                CONTROL_PLANE.find(reference).is_some(),
                "{helper} registers {reference}"
            );
        }
    }
}

#[test]
fn latest_version_matches_exact_keys_only() {
    let fixture = fixture();
    let all: Vec<&Value> = [
        "operations",
        "events",
        "capabilities",
        "policies",
        "features",
    ]
    .into_iter()
    .flat_map(|name| list(&fixture, name))
    .collect();
    let keys: BTreeSet<&str> = all.iter().map(|c| str_of(c, "key")).collect();
    for expected in &all {
        let key = str_of(expected, "key");
        let latest = CONTROL_PLANE
            .latest(key)
            .unwrap_or_else(|| panic!("no latest {key}"));
        assert_eq!(latest.key(), key);
        assert_eq!(latest.version().as_str(), str_of(expected, "version"));
        // Every dotted prefix that is not itself a key (`controlPlane.execution` of
        // `controlPlane.execution.start`) matches nothing, and neither does a longer key.
        let segments: Vec<&str> = key.split('.').collect();
        for end in 1..segments.len() {
            let prefix = segments[..end].join(".");
            if !keys.contains(prefix.as_str()) {
                assert!(CONTROL_PLANE.latest(&prefix).is_none(), "{prefix} matched");
                assert!(
                    CONTROL_PLANE.versions(&prefix).is_empty(),
                    "{prefix} matched"
                );
            }
        }
        assert!(CONTROL_PLANE.latest(&format!("{key}.x")).is_none());
        // A truncated key matches only when it is itself a key (`controlPlane.plan.compiled`
        // truncated is `controlPlane.plan.compile`).
        let truncated = &key[..key.len() - 1];
        assert_eq!(
            CONTROL_PLANE.latest(truncated).map(|c| c.key()),
            keys.get(truncated).copied()
        );
        assert_eq!(
            CONTROL_PLANE.versions(key).len(),
            1,
            "{key} has one version"
        );
    }
}

#[test]
fn each_capability_provides_what_the_reference_lists_plus_the_documented_additions() {
    let fixture = fixture();
    let capabilities = list(&fixture, "capabilities");
    assert_eq!(capabilities.len(), CONTROL_PLANE.capabilities().count());
    for expected in capabilities {
        let capability = contract(expected).as_capability().expect("a capability");
        let found: Vec<String> = capability
            .provides
            .iter()
            .map(|p| format!("{} {}", p.surface.as_str(), p.target))
            .collect();
        let reference: Vec<String> = expected["provides"]
            .as_array()
            .expect("provides")
            .iter()
            .map(|p| format!("{} {}", str_of(p, "surface"), id(p)))
            .collect();
        let added = added_to(&id(expected));
        // The reference's entries, in order, and the additions.
        let without_added: Vec<String> = found
            .iter()
            .filter(|p| !added.contains(p))
            .cloned()
            .collect();
        assert_eq!(without_added, reference, "{}", id(expected));
        assert_eq!(
            found.len(),
            reference.len() + added.len(),
            "{}",
            id(expected)
        );
        // The descriptions are the reference's.
        for p in expected["provides"].as_array().expect("provides") {
            let entry = capability
                .provides
                .iter()
                .find(|e| e.target.key == str_of(p, "key"))
                .expect("provided");
            assert_eq!(entry.description, Some(str_of(p, "description")));
        }
        // Every provided surface resolves to a contract of that surface.
        assert_eq!(CONTROL_PLANE.provided_by(capability).count(), found.len());
        // Requirements.
        let requires: Vec<(String, Option<&str>)> = capability
            .requires
            .iter()
            .map(|r| (r.capability.to_string(), r.reason))
            .collect();
        let reference_requires: Vec<(String, Option<&str>)> = expected["requires"]
            .as_array()
            .expect("requires")
            .iter()
            .map(|r| (id(r), Some(str_of(r, "reason"))))
            .collect();
        assert_eq!(requires, reference_requires, "{}", id(expected));
    }
}

#[test]
fn each_operation_and_event_is_provided_by_the_capabilities_the_reference_derives() {
    let fixture = fixture();
    for name in ["operations", "events"] {
        for expected in list(&fixture, name) {
            let found: BTreeSet<String> = CONTROL_PLANE
                .capabilities_providing(contract(expected))
                .map(|c| c.meta.id())
                .collect();
            let mut reference: BTreeSet<String> = expected["derived"]["providedByCapabilities"]
                .as_array()
                .expect("providedByCapabilities")
                .iter()
                .map(|c| c.as_str().expect("key@version").to_owned())
                .collect();
            reference.extend(
                ADDED_PROVIDES
                    .iter()
                    .filter(|(_, op)| *op == id(expected))
                    .map(|(c, _)| (*c).to_owned()),
            );
            assert_eq!(found, reference, "{}", id(expected));
        }
    }
    // Provided by no capability, as upstream: not an error.
    let rejected = CONTROL_PLANE
        .latest("controlPlane.plan.rejected")
        .expect("declared");
    assert_eq!(CONTROL_PLANE.capabilities_providing(rejected).count(), 0);
}

#[test]
fn each_operation_claims_the_reference_capability_and_events_claim_none() {
    let fixture = fixture();
    for expected in list(&fixture, "operations") {
        let operation = contract(expected).as_operation().expect("an operation");
        let claimed = operation.capability.as_ref().map(ToString::to_string);
        let reference = (!expected["capability"].is_null()).then(|| id(&expected["capability"]));
        assert_eq!(claimed, reference, "{}", id(expected));
        // The claimed capability lists the operation (a compile-time rule, checked here too).
        let capability = CONTROL_PLANE
            .find(claimed.as_deref().expect("every operation claims one"))
            .and_then(|c| c.as_capability())
            .expect("a declared capability");
        assert!(CONTROL_PLANE
            .provided_by(capability)
            .any(|c| c.meta().id() == id(expected)));
    }
    for expected in list(&fixture, "events") {
        let event = contract(expected).as_event().expect("an event");
        assert!(expected["capability"].is_null());
        assert!(event.capability.is_none(), "{}", id(expected));
    }
}

#[test]
fn each_operation_emits_the_reference_events_and_each_event_knows_its_emitters() {
    let fixture = fixture();
    for expected in list(&fixture, "operations") {
        let operation = contract(expected).as_operation().expect("an operation");
        let found: Vec<(String, &str)> = operation
            .emits
            .iter()
            .map(|e| (e.event.meta.id(), e.when))
            .collect();
        let reference: Vec<(String, &str)> = expected["emits"]
            .as_array()
            .expect("emits")
            .iter()
            .map(|e| (id(e), str_of(e, "when")))
            .collect();
        assert_eq!(found, reference, "{}", id(expected));
    }
    for expected in list(&fixture, "events") {
        let event = contract(expected).as_event().expect("an event");
        let found: BTreeSet<&str> = CONTROL_PLANE
            .emitters_of(event)
            .map(|o| o.meta.key)
            .collect();
        let reference: BTreeSet<&str> = expected["derived"]["emittedByOperations"]
            .as_array()
            .expect("emittedByOperations")
            .iter()
            .map(|k| k.as_str().expect("a key"))
            .collect();
        assert_eq!(found, reference, "{}", id(expected));
    }
}

#[test]
fn operations_per_kind_match_the_reference() {
    let fixture = fixture();
    for kind in [ContractKind::Command, ContractKind::Query] {
        let found: BTreeSet<String> = CONTROL_PLANE.of_kind(kind).map(|c| c.meta().id()).collect();
        let reference: BTreeSet<String> = list(&fixture, "operations")
            .iter()
            .filter(|o| str_of(o, "kind") == kind.as_str())
            .map(id)
            .collect();
        assert_eq!(found, reference, "{kind}");
    }
    let counts = &fixture["counts"];
    for (kind, count) in [
        (ContractKind::Command, "commands"),
        (ContractKind::Query, "queries"),
        (ContractKind::Event, "events"),
        (ContractKind::Capability, "capabilities"),
        (ContractKind::Presentation, "presentations"),
        (ContractKind::DataView, "dataViews"),
        (ContractKind::Form, "forms"),
        (ContractKind::Policy, "policies"),
        (ContractKind::Feature, "features"),
    ] {
        assert_eq!(
            CONTROL_PLANE.of_kind(kind).count() as u64,
            counts[count].as_u64().expect("a count"),
            "{kind}"
        );
    }
    // Queries are always idempotent; these commands are not.
    for operation in CONTROL_PLANE.operations() {
        assert_eq!(
            operation.policy.idempotent,
            operation.kind.as_str() == "query"
        );
    }
}

#[test]
fn every_contract_carries_the_domain_defaults() {
    let fixture = fixture();
    let constants = &fixture["constants"];
    for contract in CONTROL_PLANE.iter() {
        let meta = contract.meta();
        assert_eq!(meta.domain, constants["domain"].as_str(), "{}", meta.id());
        assert_eq!(meta.owners, ["platform.core"], "{}", meta.id());
        assert_eq!(meta.stability.as_str(), str_of(constants, "stability"));
        assert_eq!(
            &meta.tags[..3],
            ["automation", "control-plane", "agent-runtime"]
        );
    }
    assert_eq!(
        CONTROL_PLANE.in_domain("control-plane").count(),
        CONTROL_PLANE.len()
    );
    assert_eq!(CONTROL_PLANE.with_tag("skills").count(), 7);
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
    let fixture = fixture();
    let install = list(&fixture, "operations")
        .iter()
        .find(|o| str_of(o, "key") == "controlPlane.skill.install")
        .expect("in the fixture");
    let reference = install["errors"].as_array().expect("errors");
    assert_eq!(ControlPlaneSkillInstallError::ERRORS.len(), 16);
    assert_eq!(reference.len(), 16);
    for (found, expected) in ControlPlaneSkillInstallError::ERRORS.iter().zip(reference) {
        assert_eq!(found.code, str_of(expected, "code"));
        assert_eq!(found.description, str_of(expected, "description"));
        assert_eq!(
            u64::from(found.http),
            expected["http"].as_u64().expect("http")
        );
        assert_eq!(found.when, Some(str_of(expected, "when")));
    }
    assert_eq!(
        ControlPlaneSkillInstallError::CapabilityMissing.code(),
        "CAPABILITY_MISSING"
    );
    assert_eq!(ControlPlaneSkillInstallError::KeyUntrusted.spec().http, 403);
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
        seen.len(),
        fixture()["counts"]["models"].as_u64().expect("a count") as usize
    );
}
