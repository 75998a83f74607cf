//! Both sides of the comparison brought to one JSON shape: ContractSpec's, minus what only one
//! side can know (export names, source files, derived views, generated schemas).

use contracts_core::{Contract, Registry};
use serde_json::{Map, Value};

/// Keys of a reference contract that are not part of the contract itself.
const NOT_COMPARED: &[&str] = &[
    "registered",
    "export_name",
    "source_file",
    "derived",
    "jsonSchema",
];

/// The reference contract, without the keys that are not compared, with models normalized.
pub fn expected(kind: &str, reference: &Value) -> Value {
    let mut object = reference.as_object().cloned().unwrap_or_default();
    for key in NOT_COMPARED {
        object.remove(*key);
    }
    if let Some(Value::Array(emits)) = object.get_mut("emits") {
        for emit in emits {
            if let Some(emit) = emit.as_object_mut() {
                emit.remove("declaredAs");
            }
        }
    }
    if kind == "events" && !object.contains_key("pii") {
        object.insert("pii".into(), Value::Array(Vec::new()));
    }
    for model_key in ["input", "output", "payload", "model"] {
        if let Some(model) = object.get_mut(model_key) {
            *model = reference_model(model);
        }
    }
    Value::Object(object)
}

/// A reference model descriptor: name, description if any, and fields with their types.
fn reference_model(model: &Value) -> Value {
    let mut out = Map::new();
    out.insert("name".into(), model["name"].clone());
    if let Some(description) = model.get("description") {
        out.insert("description".into(), description.clone());
    }
    let fields = model["fields"]
        .as_array()
        .map(|fields| {
            fields
                .iter()
                .map(|field| {
                    let mut f = Map::new();
                    f.insert("name".into(), field["name"].clone());
                    f.insert("type".into(), field["type"].clone());
                    f.insert("isOptional".into(), field["isOptional"].clone());
                    f.insert("isArray".into(), field["isArray"].clone());
                    if let Some(values) = field.get("enumValues") {
                        f.insert("enumValues".into(), values.clone());
                    }
                    if let Some(nested) = field.get("model") {
                        f.insert("model".into(), reference_model(nested));
                    }
                    Value::Object(f)
                })
                .collect()
        })
        .unwrap_or_default();
    out.insert("fields".into(), Value::Array(fields));
    Value::Object(out)
}

/// The registry's contract in the reference's shape. `reference` decides which optional keys
/// appear: a key the reference lacks is dropped when ours is empty, so "absent" and "empty"
/// compare equal while real additions still show.
pub fn found(registry: &Registry, contract: Contract, reference: &Value) -> Value {
    let mut value = serde_json::to_value(contract).expect("descriptors serialize");
    let object = value
        .as_object_mut()
        .expect("a contract serializes to an object");
    object.remove("definition");
    // The reference specs declare no examples at their pinned commit (its README lists what
    // they carry): the registry's examples are checked by their own test and run against the
    // reference handlers instead.
    object.remove("examples");
    // ContractSpec has no HTTP binding: its REST route is the default rule, which an unbound
    // operation's `{"envelope": true}` states.
    if object.get("http") == Some(&serde_json::json!({ "envelope": true })) {
        object.remove("http");
    }
    for model_key in ["input", "output", "payload", "model"] {
        if let Some(model) = object.get_mut(model_key) {
            *model = our_model(model, reference.get(model_key));
        }
    }
    resolve_versions(registry, object);
    if let Some(reference) = reference.as_object() {
        object
            .retain(|key, value| reference.contains_key(key) || !is_empty(value) && key != "kind");
    }
    value
}

/// Fills in the version of unversioned references, as ContractSpec stores them resolved.
fn resolve_versions(registry: &Registry, object: &mut Map<String, Value>) {
    let resolve = |value: &mut Value| {
        if let Some(reference) = value.as_object_mut() {
            if !reference.contains_key("version") {
                if let Some(key) = reference.get("key").and_then(Value::as_str) {
                    if let Some(latest) = registry.latest(key) {
                        reference.insert(
                            "version".into(),
                            Value::String(latest.version().to_string()),
                        );
                    }
                }
            }
        }
    };
    if let Some(capability) = object.get_mut("capability") {
        resolve(capability);
    }
    if let Some(extends) = object.get_mut("extends") {
        resolve(extends);
    }
    for list in [
        "provides",
        "requires",
        "operations",
        "events",
        "presentations",
        "dataViews",
        "forms",
        "policies",
    ] {
        if let Some(Value::Array(items)) = object.get_mut(list) {
            items.iter_mut().for_each(resolve);
        }
    }
    if let Some(Value::Object(capabilities)) = object.get_mut("capabilities") {
        for list in ["provides", "requires"] {
            if let Some(Value::Array(items)) = capabilities.get_mut(list) {
                items.iter_mut().for_each(resolve);
            }
        }
    }
    if let Some(Value::Object(source)) = object.get_mut("source") {
        for key in ["primary", "item"] {
            if let Some(reference) = source.get_mut(key) {
                resolve(reference);
            }
        }
    }
}

/// Our model tree (`contracts_core::ModelInfo`) in the reference's shape.
fn our_model(model: &Value, reference: Option<&Value>) -> Value {
    let mut out = Map::new();
    out.insert("name".into(), model["name"].clone());
    if let (Some(description), Some(_)) = (
        model.get("description"),
        reference.and_then(|r| r.get("description")),
    ) {
        out.insert("description".into(), description.clone());
    }
    let reference_fields = reference.and_then(|r| r["fields"].as_array());
    let fields = model["fields"]
        .as_array()
        .map(|fields| {
            fields
                .iter()
                .enumerate()
                .map(|(i, field)| {
                    let reference_field = reference_fields.and_then(|r| r.get(i));
                    let mut f = Map::new();
                    f.insert("name".into(), field["name"].clone());
                    f.insert(
                        "type".into(),
                        Value::String(scalar_name(field["type"].as_str().unwrap_or_default())),
                    );
                    f.insert("isOptional".into(), field["isOptional"].clone());
                    f.insert("isArray".into(), field["isArray"].clone());
                    if let Some(nested) = field.get("model") {
                        if nested["kind"] == "enum" {
                            f.insert("enumValues".into(), nested["values"].clone());
                        } else {
                            f.insert(
                                "model".into(),
                                our_model(nested, reference_field.and_then(|r| r.get("model"))),
                            );
                        }
                    }
                    Value::Object(f)
                })
                .collect()
        })
        .unwrap_or_default();
    out.insert("fields".into(), Value::Array(fields));
    Value::Object(out)
}

/// The ContractSpec scalar a Rust scalar stands for (see `contracts_core::scalars`).
pub fn scalar_name(rust: &str) -> String {
    match rust {
        "Id" => "ID",
        "String" => "String_unsecure",
        "i64" => "Int_unsecure",
        "f64" => "Float_unsecure",
        "bool" => "Boolean",
        "JsonObject" => "JSONObject",
        other => other,
    }
    .to_owned()
}

fn is_empty(value: &Value) -> bool {
    match value {
        Value::Null => true,
        Value::Bool(b) => !b,
        Value::Array(a) => a.is_empty(),
        Value::Object(o) => o.values().all(is_empty),
        _ => false,
    }
}
