//! Every export of the three domain registries together, held to real validators: the official
//! OpenAPI 3.1 schema, the draft 2020-12 meta-schema, a GraphQL compiler, and the Rust types
//! themselves (serde) for sample values generated from each JSON Schema.

mod support;

use contracts_core::Registry;
use contracts_export::json_schema::{self, messages};
use contracts_export::naming::{graphql_field_name, mcp_tool_name, operation_id, rest_path, Role};
use contracts_export::{graphql, mcp, openapi, Surfaces};
use serde_json::{json, Value};
use std::collections::BTreeSet;

contracts_core::registry! {
    pub static ALL;
    includes(
        contracts_control_plane::CONTROL_PLANE,
        contracts_harness::HARNESS,
        contracts_context::CONTEXT,
    );
}

fn registry() -> &'static Registry {
    &ALL
}

#[test]
fn the_combined_registry_holds_the_three_domains() {
    let crates: BTreeSet<&str> = registry().crates().collect();
    for domain in [
        "contracts_control_plane",
        "contracts_harness",
        "contracts_context",
    ] {
        assert!(crates.contains(domain), "{crates:?}");
    }
    // 23 + 8 + 3 operations, 10 + 8 + 1 events.
    assert_eq!(registry().operations().count(), 34);
    assert_eq!(registry().events().count(), 19);
}

#[test]
fn openapi_document_passes_the_official_openapi_3_1_schema() {
    let document = openapi::export(registry());
    support::assert_valid_openapi(&document);

    let paths = document["paths"].as_object().unwrap();
    assert_eq!(paths.len(), registry().operations().count());
    let mut ids = BTreeSet::new();
    for operation in registry().operations() {
        let method = match operation.kind {
            contracts_core::OperationKind::Command => "post",
            contracts_core::OperationKind::Query => "get",
        };
        let object = &paths[&rest_path(&operation.meta)][method];
        assert_eq!(object["operationId"], operation_id(&operation.meta));
        assert!(ids.insert(object["operationId"].as_str().unwrap().to_owned()));
        assert_eq!(object["x-contract"]["key"], operation.meta.key);
        assert_eq!(
            object["x-contract"]["version"],
            operation.meta.version.as_str()
        );
        assert_eq!(object["tags"], json!(operation.meta.tags));
        for error in operation.errors {
            let response = &object["responses"][error.http.to_string()];
            let codes = &response["content"]["application/problem+json"]["schema"]["allOf"][1]
                ["properties"]["code"];
            let listed = codes
                .get("enum")
                .cloned()
                .unwrap_or_else(|| json!([codes["const"]]));
            assert!(
                listed.as_array().unwrap().contains(&json!(error.code)),
                "{}",
                error.code
            );
        }
        for emitted in &object["x-contract"]["emits"].as_array().unwrap().clone() {
            let pointer = emitted["payloadSchema"].as_str().unwrap();
            assert!(document.pointer(&pointer[1..]).is_some(), "{pointer}");
        }
    }
    // Every event is a webhook whose request bodies are its payload schema.
    let webhooks = document["webhooks"].as_object().unwrap();
    assert_eq!(webhooks.len(), registry().events().count());
    for event in registry().events() {
        let post = &webhooks[&event.meta.id()]["post"];
        let payload = format!(
            "#/components/schemas/{}",
            contracts_export::naming::type_name(&event.meta, Role::Payload)
        );
        let content = &post["requestBody"]["content"];
        assert_eq!(content["application/json"]["schema"]["$ref"], payload);
        assert_eq!(
            content["application/cloudevents+json"]["schema"]["properties"]["data"]["$ref"],
            payload
        );
        assert_eq!(post["x-contract"]["key"], event.meta.key);
        assert_eq!(post["x-contract"]["pii"], json!(event.pii));
    }
    // Every message of every contract is a component.
    let schemas = document["components"]["schemas"].as_object().unwrap();
    for message in messages(registry()) {
        assert!(schemas.contains_key(&message.name()), "{}", message.name());
    }
}

#[test]
fn the_openapi_validator_is_not_vacuous() {
    let document = openapi::export(registry());
    let path = "/controlPlane/execution/start/v1.0.0";
    type Breakage = (&'static str, fn(&mut Value));
    let breakages: [Breakage; 6] = [
        ("no info.version", |d| {
            d["info"].as_object_mut().unwrap().remove("version");
        }),
        ("a response code that is not one", |d| {
            d["paths"]["/controlPlane/execution/start/v1.0.0"]["post"]["responses"]["20x"] =
                json!({ "description": "x" });
        }),
        ("a parameter in the body", |d| {
            d["paths"]["/controlPlane/execution/get/v1.0.0"]["get"]["parameters"][0]["in"] =
                json!("body");
        }),
        ("a response without description", |d| {
            d["paths"]["/controlPlane/execution/start/v1.0.0"]["post"]["responses"]["2XX"]
                .as_object_mut()
                .unwrap()
                .remove("description");
        }),
        ("an unknown operation field", |d| {
            d["paths"]["/controlPlane/execution/start/v1.0.0"]["post"]["operationName"] =
                json!("x");
        }),
        ("a component name with a slash", |d| {
            d["components"]["schemas"]["a/b"] = json!({});
        }),
    ];
    assert!(document["paths"].get(path).is_some());
    for (what, breakage) in breakages {
        let mut broken = document.clone();
        breakage(&mut broken);
        assert!(
            !support::openapi_errors(&broken).is_empty(),
            "{what} passed"
        );
    }
}

#[test]
fn json_schema_document_is_valid_and_self_contained() {
    let document = json_schema::export(registry());
    jsonschema::meta::validate(&document).expect("a valid draft 2020-12 schema");
    assert!(support::assert_refs_resolve(&document) > 0);
    let defs = document["$defs"].as_object().unwrap();
    let names: Vec<String> = messages(registry()).map(|m| m.name()).collect();
    assert_eq!(names.iter().collect::<BTreeSet<_>>().len(), names.len());
    for name in &names {
        let schema = &defs[name];
        assert!(schema["x-contract"]["key"].is_string(), "{name}");
        // Each message validates through the document, by reference.
        let by_reference = json!({ "$ref": format!("#/$defs/{name}"), "$defs": document["$defs"] });
        jsonschema::validator_for(&by_reference).unwrap_or_else(|e| panic!("{name}: {e}"));
    }
    // Nested models are named within their message.
    for name in defs.keys() {
        if let Some((owner, _model)) = name.split_once("__") {
            assert!(names.iter().any(|n| n == owner), "{name} has no owner");
        }
    }
}

#[test]
fn every_domain_schema_agrees_with_serde_on_generated_samples() {
    let coverage = support::check_schema_and_serde_agree(registry());
    let expected = messages(registry()).count();
    assert_eq!(coverage.messages, expected);
    assert_eq!(coverage.valid, 2 * expected);
    assert!(coverage.invalid > 4 * expected, "{coverage:?}");
}

#[test]
fn mcp_tools_are_valid_for_clients() {
    let export = mcp::export(registry());
    let tools = export["tools"].as_array().unwrap();
    assert_eq!(tools.len(), registry().operations().count());
    assert!(!serde_json::to_string(&export).unwrap().contains("\"$ref\""));
    let mut names = BTreeSet::new();
    for (tool, operation) in tools.iter().zip(registry().operations()) {
        let name = tool["name"].as_str().unwrap();
        assert_eq!(name, mcp_tool_name(&operation.meta));
        assert!(names.insert(name.to_owned()), "{name} twice");
        assert!(
            name.len() <= 64
                && name
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "_-".contains(c))
        );
        assert!(tool["description"]
            .as_str()
            .unwrap()
            .contains(operation.meta.description.trim()));
        if let Some(goal) = operation.meta.goal {
            assert!(tool["description"].as_str().unwrap().contains(goal));
        }
        let query = operation.kind == contracts_core::OperationKind::Query;
        assert_eq!(tool["annotations"]["readOnlyHint"], query);
        assert_eq!(tool["annotations"]["destructiveHint"], !query);
        assert_eq!(
            tool["annotations"]["idempotentHint"],
            query || operation.policy.idempotent
        );
        for (key, role) in [("inputSchema", Role::Input), ("outputSchema", Role::Output)] {
            let schema = &tool[key];
            assert_eq!(schema["type"], "object", "{name} {key}");
            let mut with_dialect = schema.clone();
            with_dialect["$schema"] = json!(json_schema::DIALECT);
            jsonschema::meta::validate(&with_dialect)
                .unwrap_or_else(|e| panic!("{name} {key}: {e}"));
            // The inlined schema accepts what the schema with references accepts.
            let message = messages(registry())
                .find(|m| {
                    m.role == role
                        && m.contract.key() == operation.meta.key
                        && m.contract.version() == &operation.meta.version
                })
                .unwrap();
            let referencing = json_schema::message_schema(&message);
            let validator = jsonschema::validator_for(schema).unwrap();
            for fill in [support::Fill::Required, support::Fill::All] {
                let value = support::sample(&referencing, &referencing, fill);
                assert!(validator.is_valid(&value), "{name} {key}: {value}");
            }
        }
    }
}

#[test]
fn graphql_schema_parses_and_validates() {
    let sdl = graphql::export(registry());
    let schema = apollo_compiler::Schema::parse_and_validate(&sdl, "domains.graphql")
        .unwrap_or_else(|e| panic!("{}", e.errors));
    let query = schema.get_object("Query").unwrap();
    let mutation = schema.get_object("Mutation").unwrap();
    for operation in registry().operations() {
        let field = graphql_field_name(&operation.meta);
        let root = match operation.kind {
            contracts_core::OperationKind::Query => query,
            contracts_core::OperationKind::Command => mutation,
        };
        assert!(root.fields.contains_key(field.as_str()), "{field}");
    }
    assert_eq!(
        query.fields.len() + mutation.fields.len(),
        registry().operations().count()
    );
    // Custom scalars are declared; the domains use timestamps, objects and 64-bit integers.
    for scalar in ["DateTime", "JSONObject", "BigInt"] {
        assert!(schema.get_scalar(scalar).is_some(), "{scalar}");
    }
    // Type names never collide: the SDL declares each once (the compiler would reject a
    // duplicate), and input and output types stay apart.
    let declared: Vec<&str> = sdl
        .lines()
        .filter_map(|l| {
            l.strip_prefix("type ")
                .or_else(|| l.strip_prefix("input "))
                .or_else(|| l.strip_prefix("enum "))
                .or_else(|| l.strip_prefix("scalar "))
        })
        .map(|l| l.split([' ', '{']).next().unwrap())
        .collect();
    assert_eq!(
        declared.iter().collect::<BTreeSet<_>>().len(),
        declared.len()
    );
    // A parser of another lineage agrees.
    let document = apollo_compiler::parser::Parser::new()
        .parse_ast(&sdl, "domains.graphql")
        .expect("parses");
    assert!(document.definitions.len() > registry().operations().count());
}

#[test]
fn exports_are_deterministic() {
    assert_eq!(openapi::export(registry()), openapi::export(registry()));
    assert_eq!(mcp::export(registry()), mcp::export(registry()));
    assert_eq!(graphql::export(registry()), graphql::export(registry()));
    assert_eq!(
        json_schema::export(registry()),
        json_schema::export(registry())
    );
}

#[test]
fn documents_as_text_are_the_text_of_their_values() {
    let text = |value: Value| serde_json::to_string_pretty(&value).unwrap();
    let surfaces = Surfaces::new(registry());
    assert_eq!(
        surfaces.json_schema(),
        text(json_schema::export(registry()))
    );
    assert_eq!(surfaces.openapi(), text(openapi::export(registry())));
    let options = openapi::Options {
        title: "Domains".to_owned(),
        version: "1.2.3".to_owned(),
        description: Some("Every domain.".to_owned()),
        servers: vec![
            "https://a.example".to_owned(),
            "https://b.example".to_owned(),
        ],
    };
    assert_eq!(
        surfaces.openapi_with(&options),
        text(openapi::export_with(registry(), &options))
    );
}
