//! The AsyncAPI 3.0 export of the three domain registries, held to the official AsyncAPI 3.0.0
//! JSON Schema (vendored in `tests/data`), with its payloads the JSON Schema export's.

use contracts_core::Registry;
use contracts_export::asyncapi::{self, nats_subject, ConsumerRef, Options};
use contracts_export::json_schema;
use contracts_export::naming::{graphql_field_name, type_name, Role};
use serde_json::{json, Value};

use contracts_core::{capability, command, consumer, event, Event, Model};

/// Where someone lives.
#[derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema, Model)]
pub struct Address {
    /// The postcode.
    pub postcode: String,
}

/// Someone signed up.
#[event(key = "users.user.signed-up", version = "1.0.0", capability = "users.accounts",
    pii = ["email", "address.postcode"])]
#[derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema, Model)]
pub struct SignedUp {
    /// Their email.
    pub email: String,
    /// Their address.
    pub address: Address,
}

/// Sign up.
#[command(key = "users.user.sign-up", version = "1.0.0", output = String, capability = "users.accounts",
    emits(SignedUp(when = "The account is created.")), policy(auth = "anonymous", pii = ["email"]))]
#[derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema, Model)]
pub struct SignUp {
    /// Their email.
    pub email: String,
}

/// Sends the welcome mail.
#[consumer(key = "users.welcome-mail", version = "1.0.0", capability = "users.accounts",
    event = SignedUp)]
pub struct SendWelcome;

/// User accounts.
#[capability(
    key = "users.accounts",
    version = "1.0.0",
    kind = "api",
    provides(
        operation("users.user.sign-up@1.0.0"),
        event("users.user.signed-up@1.0.0")
    )
)]
pub struct Accounts;

contracts_core::registry! {
    pub static ALL;
    defaults(owners = ["team.users"], stability = "beta");
    includes(
        contracts_control_plane::CONTROL_PLANE,
        contracts_harness::HARNESS,
        contracts_context::CONTEXT,
    );
    contracts(SignedUp, SignUp, Accounts, SendWelcome);
}

fn official_schema() -> jsonschema::Validator {
    let text = include_str!("data/asyncapi-3.0.0-schema.json");
    let schema: Value = serde_json::from_str(text).expect("the vendored schema is JSON");
    jsonschema::validator_for(&schema).expect("the official schema compiles")
}

fn errors(validator: &jsonschema::Validator, document: &Value) -> Vec<String> {
    validator
        .iter_errors(document)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect()
}

fn options(registry: &Registry) -> Options {
    let event = registry.events().next().expect("an event");
    Options {
        servers: vec!["127.0.0.1:4222".to_owned()],
        consumers: vec![ConsumerRef {
            name: "audit-log".to_owned(),
            event_key: event.meta.key.to_owned(),
            event_version: event.meta.version.as_str().to_owned(),
            capability: Some("audit".to_owned()),
            description: Some("Keeps every event.".to_owned()),
        }],
        ..Options::for_registry(registry)
    }
}

/// Every `$ref` of `value` points to something in `document`.
fn assert_refs_resolve(document: &Value, value: &Value) {
    match value {
        Value::Object(object) => {
            for (key, inner) in object {
                match (key.as_str(), inner) {
                    ("$ref", Value::String(reference)) => {
                        let pointer = reference.strip_prefix('#').expect("a local reference");
                        assert!(document.pointer(pointer).is_some(), "{reference} resolves");
                    }
                    _ => assert_refs_resolve(document, inner),
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|i| assert_refs_resolve(document, i)),
        _ => {}
    }
}

#[test]
fn the_document_passes_the_official_asyncapi_3_0_schema() {
    let validator = official_schema();
    let registry: &Registry = &ALL;
    let document = asyncapi::export_with(registry, &options(registry));
    assert_eq!(errors(&validator, &document), Vec::<String>::new());
    assert_refs_resolve(&document, &document);
    assert_eq!(
        document["channels"].as_object().unwrap().len(),
        registry.events().count()
    );

    // The validator is not vacuous.
    let mut broken = document.clone();
    broken.as_object_mut().unwrap().remove("info");
    broken["operations"]["x"] = json!({ "action": "publish" });
    let first = registry
        .events()
        .next()
        .map(|e| graphql_field_name(&e.meta))
        .unwrap();
    broken["channels"][&first]["address"] = json!(5);
    assert_eq!(
        errors(&validator, &broken).len(),
        3,
        "{:?}",
        errors(&validator, &broken)
    );
}

#[test]
fn channels_messages_and_operations_follow_the_registry() {
    let registry: &Registry = &ALL;
    let document = asyncapi::export_with(registry, &options(registry));
    let definitions = json_schema::export(registry);
    for event in registry.events() {
        let name = graphql_field_name(&event.meta);
        let channel = &document["channels"][&name];
        assert_eq!(
            channel["address"],
            nats_subject("events", event.meta.key, event.meta.version.as_str())
        );
        let message = &document["components"]["messages"][&name];
        assert_eq!(
            message["headers"]["properties"]["ce-type"]["const"],
            event.meta.key
        );
        assert_eq!(message["x-pii"], json!(event.pii));
        // The payload schema is the JSON Schema export's, references moved.
        let payload = type_name(&event.meta, Role::Payload);
        let exported = serde_json::to_string(&definitions["$defs"][&payload]).unwrap();
        let here = serde_json::to_string(&document["components"]["schemas"][&payload]).unwrap();
        assert_eq!(
            here.replace("#/components/schemas/", "#/$defs/"),
            exported,
            "{payload}"
        );
        // A send operation for each emitter and each providing capability.
        let sends = document["operations"]
            .as_object()
            .unwrap()
            .values()
            .filter(|op| {
                op["action"] == "send" && op["channel"]["$ref"] == format!("#/channels/{name}")
            })
            .count();
        let emitters = registry.emitters_of(event).count();
        let providers = registry
            .capabilities_providing(contracts_core::Contract::Event(event))
            .count();
        assert_eq!(sends, emitters + providers, "{name}");
    }
    let receive: Vec<&Value> = document["operations"]
        .as_object()
        .unwrap()
        .values()
        .filter(|op| op["action"] == "receive")
        .collect();
    // The declared consumer, then the one given in the options.
    assert_eq!(receive.len(), 2);
    let signed_up = graphql_field_name(&SignedUp::DESCRIPTOR.meta);
    let declared = &document["operations"][format!("users_welcome-mail_receives_{signed_up}")];
    assert_eq!(declared["action"], "receive");
    assert_eq!(declared["x-contract-consumer"], "users.welcome-mail");
    assert_eq!(declared["x-contract-capability"], "users.accounts");
    assert_eq!(declared["description"], "Sends the welcome mail.");
    assert!(receive
        .iter()
        .any(|op| op["x-contract-consumer"] == "audit-log"));
    // Only payloads and their nested models are in the components.
    let schemas = document["components"]["schemas"].as_object().unwrap();
    assert!(
        schemas.keys().all(|name| name.contains("_Payload")),
        "{:?}",
        schemas.keys()
    );
}

#[test]
fn pii_is_marked_on_the_message() {
    let registry: &Registry = &ALL;
    let document = asyncapi::export(registry);
    let with_pii: Vec<_> = registry.events().filter(|e| !e.pii.is_empty()).collect();
    assert_eq!(with_pii.len(), 1);
    for event in &with_pii {
        let message = &document["components"]["messages"][graphql_field_name(&event.meta)];
        let description = message["description"].as_str().unwrap();
        for path in event.pii {
            assert!(description.contains(&format!("`{path}`")), "{description}");
        }
        assert_eq!(message["x-pii"], json!(["email", "address.postcode"]));
    }
    // The event's emitter and its capability send it.
    let operations = document["operations"].as_object().unwrap();
    let signed_up = graphql_field_name(&SignedUp::DESCRIPTOR.meta);
    let sign_up = graphql_field_name(&<SignUp as contracts_core::Operation>::DESCRIPTOR.meta);
    let send = &operations[&format!("{sign_up}_emits_{signed_up}")];
    assert_eq!(send["action"], "send");
    assert_eq!(
        send["description"],
        "`users.user.sign-up@1.0.0` emits it. The account is created."
    );
    let provided = &operations[&format!("users_accounts_sends_{signed_up}")];
    assert_eq!(provided["x-contract-capability"], "users.accounts");
    // Its nested model is a component too.
    assert!(document["components"]["schemas"]
        .as_object()
        .unwrap()
        .keys()
        .any(|name| name.starts_with(&format!("{signed_up}_Payload__"))));
}
