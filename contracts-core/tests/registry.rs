//! The registry's behaviour: exact and latest lookups, semver precedence, exact key matching,
//! listings and relations, deterministic order. The generated code compiles under
//! `#![deny(warnings)]`.
#![deny(warnings)]

use contracts_core::{
    capability, event, query, registry, Contract, ContractKind, Model, Operation, Stability,
};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Reads runs.
#[capability(key = "runs.read", version = "1.0.0", kind = "data", tags = ["read"],
    provides(operation("runs.run.get@1.0.0"), operation("runs.run.get@1.10.0"), event("runs.run.seen")))]
pub struct RunsRead;

/// Reads runs, beta.
#[capability(
    key = "runs.read",
    version = "2.0.0-beta.1",
    kind = "data",
    stability = "beta"
)]
pub struct RunsReadBeta;

/// Get a run, first version.
#[query(key = "runs.run.get", version = "1.0.0", capability = "runs.read@1.0.0", output = Run,
    policy(auth = "user"), owners = ["team.a"])]
#[derive(Serialize, Deserialize, JsonSchema, Model)]
pub struct GetRunV1 {
    pub id: String,
}

/// Get a run, version 1.2.
#[query(key = "runs.run.get", version = "1.2.0", output = Run, policy(auth = "user"))]
#[derive(Serialize, Deserialize, JsonSchema, Model)]
pub struct GetRunV12 {
    pub id: String,
}

/// Get a run, version 1.10: later than 1.2 by semver, earlier by text.
#[query(key = "runs.run.get", version = "1.10.0", capability = "runs.read@1.0.0", output = Run,
    policy(auth = "user"))]
#[derive(Serialize, Deserialize, JsonSchema, Model)]
pub struct GetRunV110 {
    pub id: String,
}

/// Get a run, a pre-release of 2.0: earlier than 2.0.0 but later than 1.10.
#[query(key = "runs.run.get", version = "2.0.0-rc.1", output = Run, policy(auth = "user"))]
#[derive(Serialize, Deserialize, JsonSchema, Model)]
pub struct GetRunRc {
    pub id: String,
}

/// Verify a run: its key extends `runs.run.get`'s prefix `runs.run`.
#[query(key = "runs.run.verify", version = "1.0.0", output = Run, policy(auth = "admin"))]
#[derive(Serialize, Deserialize, JsonSchema, Model)]
pub struct VerifyRun {
    pub id: String,
}

/// A run was seen.
#[event(
    key = "runs.run.seen",
    version = "1.0.0",
    capability = "runs.read@1.0.0"
)]
#[derive(Serialize, Deserialize, JsonSchema, Model)]
pub struct RunSeen {
    pub id: String,
}

/// A run.
#[derive(Serialize, Deserialize, JsonSchema, Model)]
pub struct Run {
    pub id: String,
}

registry! {
    /// The test registry.
    pub static RUNS;
    defaults(domain = "runs", owners = ["team.runs"], tags = ["runs"], stability = "stable");
    contracts(RunsRead, RunsReadBeta, GetRunV1, GetRunV12, GetRunV110, GetRunRc, VerifyRun, RunSeen);
}

fn ids(contracts: impl Iterator<Item = Contract>) -> Vec<String> {
    contracts.map(|c| c.meta().id()).collect()
}

#[test]
fn exact_lookup_by_key_and_version() {
    let contract = RUNS.get("runs.run.get", "1.10.0").unwrap();
    assert_eq!(
        contract.meta().description,
        "Get a run, version 1.10: later than 1.2 by semver, earlier by text."
    );
    assert!(RUNS.get("runs.run.get", "1.1.0").is_none());
    assert!(RUNS.get("runs.run.get", "1.10").is_none());
    assert!(RUNS.get("runs.run", "1.0.0").is_none());
    assert!(RUNS.get("", "").is_none());
}

#[test]
fn every_entry_is_found_by_the_hashes_the_macros_computed() {
    // The macros hash each identity at expansion; lookups hash the query at run time. Every
    // entry must be found both ways, by exact identity and (for the last version) by key.
    for entry in RUNS.entries() {
        let found = RUNS.get_entry(entry.key(), entry.version()).unwrap();
        assert!(
            core::ptr::eq(found, entry),
            "{}",
            entry.contract().meta().id()
        );
        let latest = RUNS.versions(entry.key()).last().unwrap();
        assert_eq!(
            RUNS.latest(entry.key()).unwrap().meta().id(),
            latest.contract().meta().id()
        );
    }
}

#[test]
fn latest_follows_semver_precedence() {
    // 2.0.0-rc.1 > 1.10.0 > 1.2.0 > 1.0.0, although "1.2.0" > "1.10.0" as text.
    assert_eq!(
        RUNS.latest("runs.run.get").unwrap().version().as_str(),
        "2.0.0-rc.1"
    );
    assert_eq!(
        RUNS.latest("runs.read").unwrap().version().as_str(),
        "2.0.0-beta.1"
    );
    let versions: Vec<&str> = RUNS
        .versions("runs.run.get")
        .iter()
        .map(|e| e.version())
        .collect();
    assert_eq!(versions, ["1.0.0", "1.2.0", "1.10.0", "2.0.0-rc.1"]);
}

#[test]
fn keys_match_exactly_never_by_prefix() {
    assert!(RUNS.latest("runs.run").is_none());
    assert!(RUNS.latest("runs").is_none());
    assert!(RUNS.latest("runs.run.ge").is_none());
    assert!(RUNS.versions("runs.run").is_empty());
    assert_eq!(
        RUNS.latest("runs.run.verify").unwrap().key(),
        "runs.run.verify"
    );
}

#[test]
fn iteration_is_sorted_by_key_then_precedence() {
    assert_eq!(
        ids(RUNS.iter()),
        [
            "runs.read@1.0.0",
            "runs.read@2.0.0-beta.1",
            "runs.run.get@1.0.0",
            "runs.run.get@1.2.0",
            "runs.run.get@1.10.0",
            "runs.run.get@2.0.0-rc.1",
            "runs.run.seen@1.0.0",
            "runs.run.verify@1.0.0",
        ]
    );
    assert_eq!(RUNS.len(), 8);
}

#[test]
fn listings_by_kind_tag_owner_domain_and_stability() {
    assert_eq!(RUNS.of_kind(ContractKind::Query).count(), 5);
    assert_eq!(RUNS.of_kind(ContractKind::Capability).count(), 2);
    assert_eq!(ids(RUNS.with_tag("read")), ["runs.read@1.0.0"]);
    assert_eq!(RUNS.with_tag("runs").count(), 8);
    assert_eq!(ids(RUNS.owned_by("team.a")), ["runs.run.get@1.0.0"]);
    assert_eq!(RUNS.owned_by("team.runs").count(), 7);
    assert_eq!(RUNS.in_domain("runs").count(), 8);
    assert_eq!(RUNS.in_domain("other").count(), 0);
    assert_eq!(
        ids(RUNS.with_stability(Stability::Beta)),
        ["runs.read@2.0.0-beta.1"]
    );
}

#[test]
fn what_a_capability_provides_and_the_reverse() {
    let read = RUNS
        .get("runs.read", "1.0.0")
        .unwrap()
        .as_capability()
        .unwrap();
    assert_eq!(
        ids(RUNS.provided_by(read)),
        [
            "runs.run.get@1.0.0",
            "runs.run.get@1.10.0",
            "runs.run.seen@1.0.0"
        ]
    );
    let seen = RUNS.latest("runs.run.seen").unwrap();
    let providers: Vec<String> = RUNS
        .capabilities_providing(seen)
        .map(|c| c.meta.id())
        .collect();
    assert_eq!(providers, ["runs.read@1.0.0"]);
    let unprovided = RUNS.get("runs.run.get", "1.2.0").unwrap();
    assert_eq!(RUNS.capabilities_providing(unprovided).count(), 0);
}

#[test]
fn references_resolve_to_the_pinned_or_latest_version() {
    assert_eq!(
        RUNS.find("runs.run.get@1.2.0").unwrap().version().as_str(),
        "1.2.0"
    );
    assert_eq!(
        RUNS.find("runs.run.get").unwrap().version().as_str(),
        "2.0.0-rc.1"
    );
    assert!(RUNS.find("not a reference").is_none());
    assert!(RUNS.find("runs.run.get@1.2").is_none());
}

#[test]
fn descriptors_are_static_and_carry_their_definition() {
    let descriptor = <GetRunV1 as Operation>::DESCRIPTOR;
    assert!(std::ptr::eq(
        descriptor,
        RUNS.get("runs.run.get", "1.0.0")
            .unwrap()
            .as_operation()
            .unwrap()
    ));
    assert_eq!(descriptor.meta.source.file, "tests/registry.rs");
    assert!(descriptor
        .meta
        .source
        .text
        .starts_with("/// Get a run, first version.\n#[query("));
    assert!(descriptor
        .meta
        .source
        .text
        .ends_with("pub struct GetRunV1 {\n    pub id: String,\n}"));
    assert_eq!(descriptor.meta.source.crate_name(), "registry");
    let schema = descriptor.input.json_schema();
    assert_eq!(
        schema.get("$schema").and_then(|v| v.as_str()),
        Some("https://json-schema.org/draft/2020-12/schema")
    );
}

#[test]
fn date_times_have_a_date_time_schema() {
    let schema = serde_json::to_value(schemars::schema_for!(contracts_core::DateTime)).unwrap();
    assert_eq!(schema["type"], "string");
    assert_eq!(schema["format"], "date-time");
}
