//! Test support for the domain crates: compare a [`Registry`] with ContractSpec's reference data
//! contract by contract and field by field ([`assert_parity`]), ask it the questions
//! ContractSpec's domain tests ask of their registries and check its answers against the
//! reference ([`assert_registry_answers`]), and check every generated JSON Schema and serde
//! implementation against sample messages built from the reference's field lists
//! ([`assert_samples`]).
//!
//! ```
//! use contracts_core::{event, registry, Model};
//! use contracts_parity::Reference;
//!
//! /// A pack was indexed.
//! #[event(key = "packs.pack.indexed", version = "1.0.0")]
//! #[derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema, Model)]
//! #[serde(rename_all = "camelCase", deny_unknown_fields)]
//! pub struct PackIndexed { pub pack_key: String }
//!
//! registry! {
//!     pub static REGISTRY;
//!     defaults(owners = ["team.packs"], stability = "beta");
//!     contracts(PackIndexed);
//! }
//!
//! # fn main() {
//! let reference = Reference::from_json(r#"{
//!   "operations": [], "capabilities": [], "presentations": [], "dataViews": [], "forms": [],
//!   "policies": [], "features": [],
//!   "events": [{"key": "packs.pack.indexed", "version": "1.0.0", "description": "A pack was indexed.",
//!     "owners": ["team.packs"], "tags": [], "stability": "beta", "capability": null,
//!     "payload": {"name": "PackIndexed", "fields": [
//!       {"name": "packKey", "type": "String_unsecure", "typeKind": "scalar", "isOptional": false, "isArray": false}]}}]
//! }"#).unwrap();
//! contracts_parity::assert_parity(&REGISTRY, &reference, &[]);
//! contracts_parity::assert_registry_answers(&REGISTRY, &reference, &[]);
//! contracts_parity::assert_samples(&REGISTRY, &reference);
//! # }
//! ```

mod answers;
mod diff;
mod samples;
mod shape;

pub use answers::{registry_answers, Failure};
pub use diff::Difference;
pub use samples::{sample_failures, valid_sample, SampleFailure};
pub use shape::scalar_name;

use contracts_core::Registry;
use serde_json::Value;

/// ContractSpec's reference data for one domain (one JSON file of `shared/reference/contractspec`).
pub struct Reference {
    document: Value,
}

/// The arrays of contracts in a reference document, by kind.
pub const CONTRACT_LISTS: [&str; 8] = [
    "operations",
    "events",
    "capabilities",
    "presentations",
    "dataViews",
    "forms",
    "policies",
    "features",
];

impl Reference {
    /// Parses a reference document.
    pub fn from_json(text: &str) -> Result<Reference, String> {
        let document: Value =
            serde_json::from_str(text).map_err(|e| format!("reference JSON: {e}"))?;
        for list in CONTRACT_LISTS {
            if !document[list].is_array() {
                return Err(format!("reference JSON: `{list}` is not an array"));
            }
        }
        Ok(Reference { document })
    }

    /// The whole document.
    pub fn document(&self) -> &Value {
        &self.document
    }

    /// The contracts of one list (`operations`, `events`, ...).
    pub fn contracts(&self, list: &str) -> &[Value] {
        self.document[list].as_array().map_or(&[], Vec::as_slice)
    }

    /// The doc blocks.
    pub fn doc_blocks(&self) -> &[Value] {
        self.document["docBlocks"]
            .as_array()
            .map_or(&[], Vec::as_slice)
    }

    /// Every contract of every list, with its list name.
    pub fn all(&self) -> impl Iterator<Item = (&'static str, &Value)> {
        CONTRACT_LISTS
            .into_iter()
            .flat_map(move |list| self.contracts(list).iter().map(move |c| (list, c)))
    }
}

/// A deliberate difference between the registry and the reference, listed in the crate's README.
#[derive(Clone, Debug)]
pub struct Resolution {
    /// The contract changed, `key@version`.
    pub contract: &'static str,
    /// What changed.
    pub change: Change,
    /// Why.
    pub reason: &'static str,
}

/// The kinds of deliberate difference.
#[derive(Clone, Debug)]
pub enum Change {
    /// A capability's `provides` gained an entry (`surface`, `key@version`).
    AddedProvides {
        /// `operation`, `event` or `presentation`.
        surface: &'static str,
        /// The provided contract, `key@version`.
        target: &'static str,
    },
}

impl Resolution {
    /// A capability (`key@version`) now lists `target` (`key@version`) under `surface`.
    pub fn added_provides(
        capability: &'static str,
        surface: &'static str,
        target: &'static str,
        reason: &'static str,
    ) -> Resolution {
        Resolution {
            contract: capability,
            change: Change::AddedProvides { surface, target },
            reason,
        }
    }
}

/// Every difference between the registry and the reference, after applying `resolutions`.
/// Every reference contract must be in the registry, and every registry contract in the
/// reference; a resolution that matches nothing is itself a difference.
pub fn compare(
    registry: &Registry,
    reference: &Reference,
    resolutions: &[Resolution],
) -> Vec<Difference> {
    let mut differences = Vec::new();
    let mut used = vec![false; resolutions.len()];
    for (list, expected) in reference.all() {
        let key = expected["key"].as_str().unwrap_or_default();
        let version = expected["version"].as_str().unwrap_or_default();
        let id = format!("{key}@{version}");
        let Some(contract) = registry.get(key, version) else {
            differences.push(Difference {
                contract: id,
                path: String::new(),
                expected: Some(Value::String(format!("a declared contract in `{list}`"))),
                found: None,
            });
            continue;
        };
        let expected_shape = shape::expected(list, expected);
        let mut found_shape = shape::found(registry, contract, &expected_shape);
        for (i, resolution) in resolutions.iter().enumerate() {
            if resolution.contract == id && apply(resolution, &mut found_shape) {
                used[i] = true;
            }
        }
        diff::diff(&id, "", &expected_shape, &found_shape, &mut differences);
    }
    for contract in registry.iter() {
        let meta = contract.meta();
        let known = reference
            .all()
            .any(|(_, c)| c["key"] == meta.key && c["version"] == meta.version.as_str());
        if !known {
            differences.push(Difference {
                contract: meta.id(),
                path: String::new(),
                expected: None,
                found: Some(Value::String(format!(
                    "a {} not in the reference",
                    contract.kind()
                ))),
            });
        }
    }
    compare_doc_blocks(registry, reference, &mut differences);
    for (resolution, used) in resolutions.iter().zip(used) {
        if !used {
            differences.push(Difference {
                contract: resolution.contract.to_owned(),
                path: "(resolution)".to_owned(),
                expected: Some(Value::String(format!("{:?}", resolution.change))),
                found: Some(Value::String("no such change in the registry".to_owned())),
            });
        }
    }
    differences
}

/// Removes the change a resolution describes from `found`; false if it is not there.
fn apply(resolution: &Resolution, found: &mut Value) -> bool {
    match &resolution.change {
        Change::AddedProvides { surface, target } => {
            let (key, version) = target.split_once('@').unwrap_or((target, ""));
            let Some(provides) = found.get_mut("provides").and_then(Value::as_array_mut) else {
                return false;
            };
            let before = provides.len();
            provides.retain(|p| {
                !(p["surface"] == *surface && p["key"] == key && p["version"] == version)
            });
            provides.len() < before
        }
    }
}

fn compare_doc_blocks(
    registry: &Registry,
    reference: &Reference,
    differences: &mut Vec<Difference>,
) {
    for expected in reference.doc_blocks() {
        let id = expected["id"].as_str().unwrap_or_default();
        let name = format!("doc block {id}");
        let Some(block) = registry.doc_block(id) else {
            differences.push(Difference {
                contract: name,
                path: String::new(),
                expected: Some(Value::String("a declared doc block".to_owned())),
                found: None,
            });
            continue;
        };
        let mut expected = expected.as_object().cloned().unwrap_or_default();
        expected.remove("export_name");
        expected.remove("source_file");
        if let Some(Value::String(body)) = expected.get_mut("body") {
            *body = body.trim_end().to_owned();
        }
        let mut found = serde_json::to_value(block).expect("doc blocks serialize");
        let found_object = found.as_object_mut().expect("an object");
        found_object.remove("definition");
        diff::diff(&name, "", &Value::Object(expected), &found, differences);
    }
    for block in registry.doc_blocks() {
        if !reference.doc_blocks().iter().any(|b| b["id"] == block.id) {
            differences.push(Difference {
                contract: format!("doc block {}", block.id),
                path: String::new(),
                expected: None,
                found: Some(Value::String("a doc block not in the reference".to_owned())),
            });
        }
    }
}

/// Panics with every difference, one per line, if the registry and the reference differ.
pub fn assert_parity(registry: &Registry, reference: &Reference, resolutions: &[Resolution]) {
    fail_with(
        &compare(registry, reference, resolutions),
        "difference(s) between the registry and the reference",
    );
}

/// Panics with every failed sample check, one per line.
pub fn assert_samples(registry: &Registry, reference: &Reference) {
    fail_with(
        &sample_failures(registry, reference),
        "sample check(s) failed",
    );
}

/// Panics with every question the registry answers differently from the reference, one per
/// line (see [`registry_answers`]).
pub fn assert_registry_answers(
    registry: &Registry,
    reference: &Reference,
    resolutions: &[Resolution],
) {
    fail_with(
        &registry_answers(registry, reference, resolutions),
        "registry answer(s) differ from the reference",
    );
}

/// Panics with the count, `what`, and every item on a line of its own, if there is any item.
fn fail_with(items: &[impl std::fmt::Display], what: &str) {
    if !items.is_empty() {
        let lines: Vec<String> = items.iter().map(ToString::to_string).collect();
        panic!("{} {what}:\n{}", items.len(), lines.join("\n"));
    }
}
