//! The OpenAPI document of the three domain registries, checked with the rules of the usual
//! linters (Redocly's `recommended`, Spectral's `oas`) that a Rust check can state exactly:
//! every reference resolves, no component is unused except the ones explained below, operation
//! ids are unique, every path parameter of a template is declared `in: path` (and no other),
//! every operation documents a success, a `4XX`-class and a `500` response with their media
//! types, and the `servers` the options give are listed.
//!
//! Exceptions kept, and why:
//! - The input schema of an operation whose input travels in the query string is a component
//!   that nothing references: its fields are inlined as parameters, and the component is kept
//!   so that the document's schema names are those of the JSON Schema export.
//! - Operations are tagged by their contracts' own `tags` (possibly none), not by capability.

use contracts_core::Registry;
use contracts_export::naming::{type_name, Role};
use contracts_export::openapi::{self, Options};
use serde_json::Value;
use std::collections::BTreeSet;

contracts_core::registry! {
    pub static ALL;
    includes(
        contracts_control_plane::CONTROL_PLANE,
        contracts_harness::HARNESS,
        contracts_context::CONTEXT,
    );
}

fn document() -> Value {
    let options = Options::for_package("domains", "1.0.0", "The three domains.")
        .with_servers(["https://api.example.com"]);
    openapi::export_with(&ALL, &options)
}

/// Every `$ref` in `value`.
fn references(value: &Value, out: &mut BTreeSet<String>) {
    match value {
        Value::Object(object) => {
            for (name, member) in object {
                match (name.as_str(), member) {
                    ("$ref", Value::String(target)) => {
                        out.insert(target.clone());
                    }
                    _ => references(member, out),
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|item| references(item, out)),
        _ => {}
    }
}

fn resolve<'a>(document: &'a Value, reference: &str) -> Option<&'a Value> {
    document.pointer(reference.strip_prefix('#')?)
}

#[test]
fn every_reference_resolves_and_only_query_inputs_are_unused() {
    let document = document();
    let mut used = BTreeSet::new();
    references(&document, &mut used);
    for reference in &used {
        assert!(
            resolve(&document, reference).is_some(),
            "{reference} does not resolve"
        );
    }
    let registry: &Registry = &ALL;
    let query_inputs: BTreeSet<String> = registry
        .operations()
        .filter(|operation| operation.route().method.input_in_query())
        .map(|operation| type_name(&operation.meta, Role::Input))
        .collect();
    for (section, components) in document["components"].as_object().unwrap() {
        if section == "securitySchemes" {
            continue;
        }
        for name in components.as_object().unwrap().keys() {
            let reference = format!("#/components/{section}/{name}");
            let unused = !used.contains(&reference);
            let excepted = section == "schemas" && query_inputs.contains(name);
            assert!(!unused || excepted, "{reference} is not used");
        }
    }
}

#[test]
fn operations_are_complete_and_their_path_parameters_declared() {
    let document = document();
    assert_eq!(document["servers"][0]["url"], "https://api.example.com");
    assert_eq!(document["info"]["description"], "The three domains.");
    let mut ids = BTreeSet::new();
    let mut operations = 0;
    for (path, item) in document["paths"].as_object().unwrap() {
        let template: BTreeSet<&str> = path
            .split('/')
            .filter_map(|s| s.strip_prefix('{')?.strip_suffix('}'))
            .collect();
        for (method, operation) in item.as_object().unwrap() {
            operations += 1;
            let id = operation["operationId"].as_str().unwrap();
            assert!(ids.insert(id.to_owned()), "{id} twice");
            assert!(
                operation["summary"].as_str().is_some_and(|s| !s.is_empty()),
                "{id}"
            );
            assert!(operation["description"].is_string(), "{id}");
            let declared: BTreeSet<&str> = operation["parameters"]
                .as_array()
                .into_iter()
                .flatten()
                .filter(|p| p["in"] == "path")
                .map(|p| p["name"].as_str().unwrap())
                .collect();
            assert_eq!(declared, template, "{method} {path}");
            let responses = operation["responses"].as_object().unwrap();
            let success = responses
                .keys()
                .find(|status| status.starts_with('2'))
                .unwrap_or_else(|| panic!("{id} documents no success"));
            assert!(responses[success]["description"].is_string(), "{id}");
            for status in ["400", "500"] {
                let response = &responses[status];
                let response = match response["$ref"].as_str() {
                    Some(reference) => resolve(&document, reference).unwrap(),
                    None => response,
                };
                assert!(
                    response["content"]["application/problem+json"].is_object(),
                    "{id} {status}"
                );
            }
        }
    }
    assert_eq!(operations, ALL.operations().count());
}
