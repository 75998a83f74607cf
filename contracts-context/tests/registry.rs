//! The questions ContractSpec's context tests ask its registries, asked of [`CONTEXT`] and
//! answered from the reference data: every contract of the fixture is checked, not a sample.

use contracts_context::CONTEXT;
use contracts_core::{Contract, ContractKind};
use serde_json::Value;
use std::collections::BTreeSet;

fn reference() -> Value {
    serde_json::from_str(include_str!("fixtures/context.json")).expect("the fixture parses")
}

fn list<'a>(value: &'a Value, name: &str) -> &'a [Value] {
    value[name].as_array().map_or(&[], Vec::as_slice)
}

fn text<'a>(value: &'a Value, key: &str) -> &'a str {
    value[key]
        .as_str()
        .unwrap_or_else(|| panic!("`{key}` is not a string in {value}"))
}

/// `key@version` of a reference contract or reference.
fn id(value: &Value) -> String {
    format!("{}@{}", text(value, "key"), text(value, "version"))
}

fn contract_id(contract: Contract) -> String {
    format!("{}@{}", contract.key(), contract.version())
}

fn strings(value: &Value) -> Vec<&str> {
    value
        .as_array()
        .map(|a| a.iter().map(|v| v.as_str().expect("a string")).collect())
        .unwrap_or_default()
}

/// The reference lists that hold contracts.
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

fn all(reference: &Value) -> Vec<(&'static str, &Value)> {
    LISTS
        .iter()
        .flat_map(|l| list(reference, l).iter().map(move |c| (*l, c)))
        .collect()
}

fn expected_kind(list: &str, contract: &Value) -> ContractKind {
    match list {
        "operations" => match text(contract, "kind") {
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

fn get(value: &Value) -> Contract {
    CONTEXT
        .get(text(value, "key"), text(value, "version"))
        .unwrap_or_else(|| panic!("{} is not in the registry", id(value)))
}

#[test]
fn every_contract_is_found_by_exact_key_and_version() {
    let reference = reference();
    let contracts = all(&reference);
    assert_eq!(
        CONTEXT.len(),
        contracts.len(),
        "exactly the reference's contracts"
    );
    for (list, expected) in contracts {
        let (key, version) = (text(expected, "key"), text(expected, "version"));
        let found = get(expected);
        assert_eq!(
            found.kind(),
            expected_kind(list, expected),
            "{key}@{version}"
        );
        assert_eq!(found.meta().description, text(expected, "description"));
        assert_eq!(
            found.meta().tags,
            strings(&expected["tags"]),
            "{key}@{version}"
        );
        assert!(matches!(CONTEXT.find(&format!("{key}@{version}")), Some(c) if c.key() == key));
        // Another version of the same key is another contract, which does not exist.
        assert!(CONTEXT.get(key, "2.0.0").is_none(), "{key}@2.0.0");
        assert!(CONTEXT.get(key, "1.0").is_none(), "{key}@1.0");
        assert!(
            CONTEXT.find(&format!("{key}@1.0.1")).is_none(),
            "{key}@1.0.1"
        );
    }
}

#[test]
fn latest_matches_keys_exactly() {
    let reference = reference();
    let keys: BTreeSet<&str> = all(&reference)
        .iter()
        .map(|(_, c)| text(c, "key"))
        .collect();
    for key in &keys {
        let latest = CONTEXT
            .latest(key)
            .unwrap_or_else(|| panic!("no latest {key}"));
        assert_eq!(latest.key(), *key);
        assert_eq!(latest.version().as_str(), "1.0.0");
        assert_eq!(CONTEXT.versions(key).len(), 1, "{key}");
    }
    // A proper prefix of a key that is not itself a key matches nothing.
    let mut prefixes = 0;
    for key in &keys {
        let segments: Vec<&str> = key.split('.').collect();
        for n in 1..segments.len() {
            let prefix = segments[..n].join(".");
            if !keys.contains(prefix.as_str()) {
                prefixes += 1;
                assert!(CONTEXT.latest(&prefix).is_none(), "latest({prefix})");
                assert!(CONTEXT.find(&prefix).is_none(), "find({prefix})");
                assert!(CONTEXT.versions(&prefix).is_empty(), "versions({prefix})");
            }
        }
        // Nor does a partial last segment, a longer key, or a trailing dot.
        assert!(
            CONTEXT.latest(&key[..key.len() - 1]).is_none(),
            "{key} minus a letter"
        );
        assert!(CONTEXT.latest(&format!("{key}.extra")).is_none());
        assert!(CONTEXT.latest(&format!("{key}.")).is_none());
    }
    assert!(prefixes > 0);
    // `context.pack.search` is a prefix of `context.pack.search.form`: each finds itself.
    assert_eq!(
        CONTEXT.latest("context.pack.search").map(|c| c.kind()),
        Some(ContractKind::Query)
    );
    assert_eq!(
        CONTEXT.latest("context.pack.search.form").map(|c| c.kind()),
        Some(ContractKind::Form)
    );
    assert!(CONTEXT.latest("context.pack").is_none());
    assert!(CONTEXT.latest("context.snapshot").is_none());
}

#[test]
fn capabilities_provide_what_the_reference_lists() {
    let reference = reference();
    let capabilities = list(&reference, "capabilities");
    assert_eq!(CONTEXT.capabilities().count(), capabilities.len());
    for expected in capabilities {
        let capability = get(expected).as_capability().expect("a capability");
        assert_eq!(capability.kind.as_str(), text(expected, "kind"));
        let wanted: Vec<(&str, String, &str)> = list(expected, "provides")
            .iter()
            .map(|p| (text(p, "surface"), id(p), text(p, "description")))
            .collect();
        let declared: Vec<(&str, String, &str)> = capability
            .provides
            .iter()
            .map(|p| {
                let version = p.target.version.as_ref().expect("provides are pinned");
                (
                    p.surface.as_str(),
                    format!("{}@{}", p.target.key, version.as_str()),
                    p.description.unwrap_or_default(),
                )
            })
            .collect();
        assert_eq!(declared, wanted, "provides of {}", id(expected));
        // Every provided surface resolves to a contract of that surface.
        let resolved: Vec<(&str, String)> = CONTEXT
            .provided_by(capability)
            .map(|c| (c.surface().expect("providable").as_str(), contract_id(c)))
            .collect();
        let wanted: Vec<(&str, String)> = wanted.into_iter().map(|(s, i, _)| (s, i)).collect();
        assert_eq!(resolved, wanted, "resolved provides of {}", id(expected));
        assert!(capability.requires.is_empty() && list(expected, "requires").is_empty());
        assert!(capability.extends.is_none() && expected["extends"].is_null());
    }
}

#[test]
fn contracts_claim_and_are_provided_by_the_reference_capabilities() {
    let reference = reference();
    for list_name in ["operations", "events", "presentations"] {
        for expected in list(&reference, list_name) {
            let contract = get(expected);
            let claimed = contract.capability().map(|c| {
                let version = c.version.as_ref().expect("claims are pinned");
                format!("{}@{}", c.key, version.as_str())
            });
            assert_eq!(
                claimed,
                Some(id(&expected["capability"])),
                "{}",
                id(expected)
            );
            let providers: Vec<String> = CONTEXT
                .capabilities_providing(contract)
                .map(|c| c.meta.id())
                .collect();
            assert_eq!(
                providers,
                strings(&expected["derived"]["providedByCapabilities"]),
                "capabilities providing {}",
                id(expected)
            );
        }
    }
}

#[test]
fn operations_emit_the_reference_events() {
    let reference = reference();
    for expected in list(&reference, "operations") {
        let operation = get(expected).as_operation().expect("an operation");
        let emits: Vec<(String, &str)> = operation
            .emits
            .iter()
            .map(|e| (e.event.meta.id(), e.when))
            .collect();
        let wanted: Vec<(String, &str)> = list(expected, "emits")
            .iter()
            .map(|e| (id(e), text(e, "when")))
            .collect();
        assert_eq!(emits, wanted, "emits of {}", id(expected));
        assert_eq!(operation.errors.len(), list(expected, "errors").len());
    }
    for expected in list(&reference, "events") {
        let event = get(expected).as_event().expect("an event");
        let mut emitters: Vec<&str> = CONTEXT.emitters_of(event).map(|o| o.meta.key).collect();
        let mut wanted = strings(&expected["derived"]["emittedByOperations"]);
        emitters.sort_unstable();
        wanted.sort_unstable();
        assert_eq!(emitters, wanted, "emitters of {}", id(expected));
    }
}

#[test]
fn operations_by_kind_and_policy() {
    let reference = reference();
    let kinds = [
        (ContractKind::Command, "command", "commands"),
        (ContractKind::Query, "query", "queries"),
    ];
    for (kind, name, count) in kinds {
        let found: BTreeSet<String> = CONTEXT.of_kind(kind).map(contract_id).collect();
        let wanted: BTreeSet<String> = list(&reference, "operations")
            .iter()
            .filter(|o| text(o, "kind") == name)
            .map(id)
            .collect();
        assert_eq!(found, wanted, "{name}s");
        assert_eq!(found.len() as u64, reference["counts"][count]);
    }
    for expected in list(&reference, "operations") {
        let operation = get(expected).as_operation().expect("an operation");
        let policy = &expected["policy"];
        assert_eq!(operation.policy.auth.as_str(), text(policy, "auth"));
        assert_eq!(
            Some(operation.policy.idempotent),
            policy["idempotent"].as_bool()
        );
        assert_eq!(operation.policy.pii, strings(&policy["pii"]));
    }
}

#[test]
fn the_reference_registries_hold_the_same_contracts_per_kind() {
    let reference = reference();
    let kinds: [(&str, &[ContractKind]); 6] = [
        (
            "registerContextOperations",
            &[ContractKind::Command, ContractKind::Query],
        ),
        ("registerContextEvents", &[ContractKind::Event]),
        ("registerContextCapabilities", &[ContractKind::Capability]),
        ("registerContextDataViews", &[ContractKind::DataView]),
        ("registerContextForms", &[ContractKind::Form]),
        (
            "registerContextPresentations",
            &[ContractKind::Presentation],
        ),
    ];
    for (register, kinds) in kinds {
        let found: BTreeSet<String> = CONTEXT
            .iter()
            .filter(|c| kinds.contains(&c.kind()))
            .map(contract_id)
            .collect();
        let wanted: BTreeSet<String> = strings(&reference["registries"][register])
            .into_iter()
            .map(str::to_owned)
            .collect();
        assert_eq!(found, wanted, "{register}");
    }
}

#[test]
fn doc_ids_resolve_to_the_reference_doc_blocks() {
    let reference = reference();
    let blocks = list(&reference, "docBlocks");
    assert_eq!(CONTEXT.doc_blocks().len(), blocks.len());
    for expected in blocks {
        let block = CONTEXT
            .doc_block(text(expected, "id"))
            .unwrap_or_else(|| panic!("doc block {}", expected["id"]));
        assert_eq!(block.title, text(expected, "title"));
        assert_eq!(block.summary, expected["summary"].as_str());
        assert_eq!(block.kind, text(expected, "kind"));
        assert_eq!(block.visibility, text(expected, "visibility"));
        assert_eq!(block.route, expected["route"].as_str());
        assert_eq!(block.tags, strings(&expected["tags"]));
        assert_eq!(block.body, text(expected, "body").trim_end());
    }
    for (_, expected) in all(&reference) {
        let doc_ids = strings(&expected["docId"]);
        assert_eq!(get(expected).meta().doc_ids, doc_ids, "{}", id(expected));
        for doc_id in doc_ids {
            assert!(CONTEXT.doc_block(doc_id).is_some(), "{doc_id}");
        }
    }
}

#[test]
fn presentation_and_data_view_sources_match_the_reference() {
    // Checked on the descriptors themselves, independently of how a whole contract serializes:
    // the declaration's location was once serialized under the same `source` name.
    let reference = reference();
    for expected in list(&reference, "presentations") {
        let Some(Contract::Presentation(presentation)) = CONTEXT.find(&id(expected)) else {
            panic!("presentation {}", id(expected));
        };
        let source = serde_json::to_value(&presentation.source).expect("serializes");
        assert_eq!(source, expected["source"], "source of {}", id(expected));
        let targets = serde_json::to_value(presentation.targets).expect("serializes");
        assert_eq!(targets, expected["targets"], "targets of {}", id(expected));
    }
    for expected in list(&reference, "dataViews") {
        let Some(Contract::DataView(view)) = CONTEXT.find(&id(expected)) else {
            panic!("data view {}", id(expected));
        };
        let source = serde_json::to_value(&view.source).expect("serializes");
        assert_eq!(source, expected["source"], "source of {}", id(expected));
    }
}

#[test]
fn the_feature_ships_the_reference_contracts() {
    let reference = reference();
    for expected in list(&reference, "features") {
        let Some(Contract::Feature(feature)) = CONTEXT.find(&id(expected)) else {
            panic!("feature {}", id(expected));
        };
        let refs = |list: &[contracts_core::ContractRef]| -> Vec<String> {
            list.iter()
                .map(|r| CONTEXT.resolve(r).map(contract_id).expect("resolves"))
                .collect()
        };
        let ids = |value: &Value| -> Vec<String> {
            value
                .as_array()
                .map(|a| a.iter().map(id).collect())
                .unwrap_or_default()
        };
        assert_eq!(refs(feature.operations), ids(&expected["operations"]));
        assert_eq!(refs(feature.events), ids(&expected["events"]));
        assert_eq!(refs(feature.presentations), ids(&expected["presentations"]));
        assert_eq!(
            refs(feature.provides),
            ids(&expected["capabilities"]["provides"])
        );
        assert_eq!(refs(feature.data_views), ids(&expected["dataViews"]));
        assert_eq!(refs(feature.forms), ids(&expected["forms"]));
        assert!(feature.policies.is_empty() && feature.requires.is_empty());
    }
}
