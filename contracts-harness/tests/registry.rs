//! The questions ContractSpec's harness tests ask its registries, asked of [`HARNESS`] and
//! answered from the reference data: every contract is checked, not a sample.

use contracts_core::{Contract, ContractKind, Surface};
use contracts_harness::HARNESS;
use serde_json::Value;
use std::collections::BTreeSet;

fn reference() -> Value {
    serde_json::from_str(include_str!("fixtures/harness.json")).expect("the fixture parses")
}

fn list<'a>(reference: &'a Value, name: &str) -> &'a [Value] {
    reference[name].as_array().map_or(&[], Vec::as_slice)
}

fn str_of<'a>(value: &'a Value, key: &str) -> &'a str {
    value[key]
        .as_str()
        .unwrap_or_else(|| panic!("`{key}` is not a string in {value}"))
}

fn id(value: &Value) -> String {
    format!("{}@{}", str_of(value, "key"), str_of(value, "version"))
}

fn contract_id(contract: Contract) -> String {
    format!("{}@{}", contract.key(), contract.version())
}

fn strings(values: &Value) -> Vec<String> {
    values
        .as_array()
        .map(|a| a.iter().map(|v| v.as_str().unwrap().to_owned()).collect())
        .unwrap_or_default()
}

/// The reference lists holding contracts, with the kind of each list's contracts (operations
/// are told apart by their `kind`).
const LISTS: [&str; 8] = [
    "operations",
    "events",
    "capabilities",
    "presentations",
    "dataViews",
    "forms",
    "policies",
    "features",
];

fn expected_kind(list: &str, contract: &Value) -> ContractKind {
    match list {
        "operations" => match str_of(contract, "kind") {
            "command" => ContractKind::Command,
            "query" => ContractKind::Query,
            other => panic!("unknown operation kind {other}"),
        },
        "events" => ContractKind::Event,
        "capabilities" => ContractKind::Capability,
        "presentations" => ContractKind::Presentation,
        "dataViews" => ContractKind::DataView,
        "forms" => ContractKind::Form,
        "policies" => ContractKind::Policy,
        "features" => ContractKind::Feature,
        other => panic!("unknown list {other}"),
    }
}

fn all(reference: &Value) -> Vec<(&'static str, &Value)> {
    LISTS
        .iter()
        .flat_map(|l| list(reference, l).iter().map(move |c| (*l, c)))
        .collect()
}

#[test]
fn every_contract_is_found_by_exact_key_and_version() {
    let reference = reference();
    let contracts = all(&reference);
    assert_eq!(
        HARNESS.len(),
        contracts.len(),
        "the registry holds exactly the reference's contracts"
    );
    for (list, expected) in contracts {
        let (key, version) = (str_of(expected, "key"), str_of(expected, "version"));
        let found = HARNESS
            .get(key, version)
            .unwrap_or_else(|| panic!("{key}@{version} is not in the registry"));
        assert_eq!(
            found.kind(),
            expected_kind(list, expected),
            "{key}@{version}"
        );
        assert_eq!(
            found.meta().description,
            str_of(expected, "description"),
            "{key}@{version}"
        );
        assert!(HARNESS.find(&format!("{key}@{version}")).is_some());
        // Another version of the same key is a different contract, which does not exist.
        assert!(HARNESS.get(key, "2.0.0").is_none(), "{key}@2.0.0");
        assert!(HARNESS.get(key, "1.0").is_none(), "{key}@1.0");
    }
}

#[test]
fn latest_matches_keys_exactly() {
    let reference = reference();
    let keys: BTreeSet<&str> = all(&reference)
        .iter()
        .map(|(_, c)| str_of(c, "key"))
        .collect();
    for key in &keys {
        let latest = HARNESS
            .latest(key)
            .unwrap_or_else(|| panic!("no latest {key}"));
        assert_eq!(latest.key(), *key);
        assert_eq!(latest.version().as_str(), "1.0.0");
        assert_eq!(HARNESS.versions(key).len(), 1, "{key}");
    }
    // Every proper prefix of a key that is not itself a key matches nothing: ContractSpec's
    // prefix match returned `harness.run.verify` for `harness.run`.
    let mut prefixes = 0;
    for key in &keys {
        let segments: Vec<&str> = key.split('.').collect();
        for n in 1..segments.len() {
            let prefix = segments[..n].join(".");
            if !keys.contains(prefix.as_str()) {
                prefixes += 1;
                assert!(
                    HARNESS.latest(&prefix).is_none(),
                    "latest({prefix}) must be None"
                );
                assert!(
                    HARNESS.find(&prefix).is_none(),
                    "find({prefix}) must be None"
                );
                assert!(HARNESS.versions(&prefix).is_empty(), "versions({prefix})");
            }
        }
        // Nor does a longer key, or the key with a trailing dot.
        assert!(HARNESS.latest(&format!("{key}.verify")).is_none());
        assert!(HARNESS.latest(&format!("{key}.")).is_none());
    }
    assert!(prefixes > 0);
    for run_op in ["harness.run.start", "harness.run.get", "harness.run.cancel"] {
        assert!(HARNESS.latest(run_op).is_some(), "{run_op}");
    }
    assert!(HARNESS.latest("harness.run").is_none());
    assert!(HARNESS.latest("harness").is_none());
}

#[test]
fn capabilities_provide_what_the_reference_lists() {
    let reference = reference();
    let capabilities = list(&reference, "capabilities");
    assert_eq!(HARNESS.capabilities().count(), capabilities.len());
    for expected in capabilities {
        let capability = HARNESS
            .get(str_of(expected, "key"), str_of(expected, "version"))
            .and_then(|c| c.as_capability())
            .unwrap_or_else(|| panic!("capability {}", id(expected)));
        assert_eq!(capability.kind.as_str(), str_of(expected, "kind"));
        let expected_provides: Vec<(String, String, String)> = list(expected, "provides")
            .iter()
            .map(|p| {
                (
                    str_of(p, "surface").to_owned(),
                    id(p),
                    str_of(p, "description").to_owned(),
                )
            })
            .collect();
        let declared: Vec<(String, String, String)> = capability
            .provides
            .iter()
            .map(|p| {
                let version = p
                    .target
                    .version
                    .as_ref()
                    .expect("provides are pinned")
                    .as_str();
                (
                    p.surface.as_str().to_owned(),
                    format!("{}@{version}", p.target.key),
                    p.description.unwrap_or_default().to_owned(),
                )
            })
            .collect();
        assert_eq!(declared, expected_provides, "provides of {}", id(expected));
        // Every provided surface resolves to a contract of that surface.
        let resolved: Vec<(String, String)> = HARNESS
            .provided_by(capability)
            .map(|c| (c.surface().unwrap().as_str().to_owned(), contract_id(c)))
            .collect();
        let wanted: Vec<(String, String)> = expected_provides
            .iter()
            .map(|(s, i, _)| (s.clone(), i.clone()))
            .collect();
        assert_eq!(resolved, wanted, "provided_by({})", id(expected));
        // Requirements, optional ones included.
        let requires: Vec<(String, bool, String)> = capability
            .requires
            .iter()
            .map(|r| {
                let version = r.capability.version.as_ref().expect("pinned").as_str();
                (
                    format!("{}@{version}", r.capability.key),
                    r.optional,
                    r.reason.unwrap_or_default().to_owned(),
                )
            })
            .collect();
        let expected_requires: Vec<(String, bool, String)> = list(expected, "requires")
            .iter()
            .map(|r| {
                (
                    id(r),
                    r["optional"].as_bool().unwrap_or(false),
                    str_of(r, "reason").to_owned(),
                )
            })
            .collect();
        assert_eq!(requires, expected_requires, "requires of {}", id(expected));
    }
}

#[test]
fn contracts_know_which_capabilities_provide_them() {
    let reference = reference();
    for list_name in ["operations", "events", "presentations"] {
        for expected in list(&reference, list_name) {
            let contract = HARNESS
                .get(str_of(expected, "key"), str_of(expected, "version"))
                .unwrap();
            let providers: Vec<String> = HARNESS
                .capabilities_providing(contract)
                .map(|c| format!("{}@{}", c.meta.key, c.meta.version))
                .collect();
            assert_eq!(
                providers,
                strings(&expected["derived"]["providedByCapabilities"]),
                "capabilities providing {}",
                id(expected)
            );
            // The capability a contract claims (if any) is one that provides it.
            match contract.capability() {
                Some(claimed) => {
                    let claimed = format!(
                        "{}@{}",
                        claimed.key,
                        claimed.version.as_ref().unwrap().as_str()
                    );
                    assert_eq!(claimed, id(&expected["capability"]));
                    assert!(providers.contains(&claimed));
                }
                None => assert!(expected["capability"].is_null(), "{}", id(expected)),
            }
        }
    }
    // Steps starting and completing are provided by no capability, as in ContractSpec.
    for key in ["harness.step.started", "harness.step.completed"] {
        let event = HARNESS.latest(key).unwrap();
        assert_eq!(HARNESS.capabilities_providing(event).count(), 0, "{key}");
    }
}

#[test]
fn operations_emit_the_reference_events() {
    let reference = reference();
    for expected in list(&reference, "operations") {
        let operation = HARNESS
            .get(str_of(expected, "key"), str_of(expected, "version"))
            .and_then(|c| c.as_operation())
            .unwrap();
        let emits: Vec<(String, String)> = operation
            .emits
            .iter()
            .map(|e| {
                (
                    format!("{}@{}", e.event.meta.key, e.event.meta.version),
                    e.when.to_owned(),
                )
            })
            .collect();
        let expected_emits: Vec<(String, String)> = list(expected, "emits")
            .iter()
            .map(|e| (id(e), str_of(e, "when").to_owned()))
            .collect();
        assert_eq!(emits, expected_emits, "emits of {}", id(expected));
        // Errors, code by code.
        let errors: Vec<(&str, &str, u16, Option<&str>)> = operation
            .errors
            .iter()
            .map(|e| (e.code, e.description, e.http, e.when))
            .collect();
        let expected_errors: Vec<(&str, &str, u16, Option<&str>)> = list(expected, "errors")
            .iter()
            .map(|e| {
                (
                    str_of(e, "code"),
                    str_of(e, "description"),
                    e["http"].as_u64().unwrap() as u16,
                    e["when"].as_str(),
                )
            })
            .collect();
        assert_eq!(errors, expected_errors, "errors of {}", id(expected));
        assert_eq!(
            operation.policy.auth.as_str(),
            str_of(&expected["policy"], "auth")
        );
        assert_eq!(
            Some(operation.policy.idempotent),
            expected["policy"]["idempotent"].as_bool()
        );
    }
    for expected in list(&reference, "events") {
        let event = HARNESS
            .get(str_of(expected, "key"), str_of(expected, "version"))
            .and_then(|c| c.as_event())
            .unwrap();
        let emitters: Vec<&str> = HARNESS.emitters_of(event).map(|o| o.meta.key).collect();
        assert_eq!(
            emitters,
            strings(&expected["derived"]["emittedByOperations"]),
            "emitters of {}",
            id(expected)
        );
    }
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

#[test]
fn operations_per_kind() {
    let reference = reference();
    let counts = &reference["counts"];
    let count = |kind| HARNESS.of_kind(kind).count() as u64;
    assert_eq!(
        count(ContractKind::Command),
        counts["commands"].as_u64().unwrap()
    );
    assert_eq!(
        count(ContractKind::Query),
        counts["queries"].as_u64().unwrap()
    );
    assert_eq!(
        HARNESS.operations().count() as u64,
        counts["operations"].as_u64().unwrap()
    );
    assert_eq!(
        count(ContractKind::Event),
        counts["events"].as_u64().unwrap()
    );
    assert_eq!(
        count(ContractKind::Capability),
        counts["capabilities"].as_u64().unwrap()
    );
    assert_eq!(
        count(ContractKind::Presentation),
        counts["presentations"].as_u64().unwrap()
    );
    assert_eq!(
        count(ContractKind::DataView),
        counts["dataViews"].as_u64().unwrap()
    );
    assert_eq!(count(ContractKind::Form), counts["forms"].as_u64().unwrap());
    assert_eq!(
        count(ContractKind::Policy),
        counts["policies"].as_u64().unwrap()
    );
    assert_eq!(
        count(ContractKind::Feature),
        counts["features"].as_u64().unwrap()
    );
    assert_eq!(
        HARNESS.doc_blocks().len() as u64,
        counts["docBlocks"].as_u64().unwrap()
    );
    for kind in [ContractKind::Command, ContractKind::Query] {
        let ours: BTreeSet<String> = HARNESS.of_kind(kind).map(contract_id).collect();
        let theirs: BTreeSet<String> = list(&reference, "operations")
            .iter()
            .filter(|o| str_of(o, "kind") == kind.as_str())
            .map(id)
            .collect();
        assert_eq!(ours, theirs, "{kind}s");
    }
    // Queries are idempotent, commands here are not.
    assert!(HARNESS
        .operations()
        .all(|o| o.policy.idempotent == (o.kind.as_str() == "query")));
}

#[test]
fn upstream_register_helpers_are_covered() {
    let reference = reference();
    for (helper, ids) in reference["registries"].as_object().unwrap() {
        for id in strings(ids) {
            assert!(HARNESS.find(&id).is_some(), "{helper} registers {id}");
        }
    }
}

#[test]
fn the_feature_ships_every_contract() {
    let reference = reference();
    let feature = HARNESS.latest("platform.harness").unwrap();
    assert_eq!(feature.kind(), ContractKind::Feature);
    let Contract::Feature(feature) = feature else {
        unreachable!()
    };
    let json = serde_json::to_value(feature).unwrap();
    let expected = &list(&reference, "features")[0];
    for (ours, theirs) in [
        ("operations", "operations"),
        ("events", "events"),
        ("presentations", "presentations"),
        ("dataViews", "dataViews"),
    ] {
        let ours: Vec<String> = json[ours].as_array().unwrap().iter().map(id).collect();
        let theirs: Vec<String> = list(expected, theirs).iter().map(id).collect();
        assert_eq!(ours, theirs);
    }
    let provides: Vec<String> = json["capabilities"]["provides"]
        .as_array()
        .unwrap()
        .iter()
        .map(id)
        .collect();
    let expected_provides: Vec<String> = list(&expected["capabilities"], "provides")
        .iter()
        .map(id)
        .collect();
    assert_eq!(provides, expected_provides);
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
