//! Sample messages built from the reference's field lists, checked against the registry's JSON
//! Schemas and serde types: a complete valid message must be accepted by both and round-trip
//! unchanged; each invalid variant must be rejected by both, with an error naming the field.

use crate::Reference;
use contracts_core::descriptors::ModelRef;
use contracts_core::{Contract, Registry};
use serde_json::{json, Map, Value};

/// A sample check that did not hold.
#[derive(Clone, Debug)]
pub struct SampleFailure {
    /// The contract, `key@version`.
    pub contract: String,
    /// Which message: `input`, `output`, `payload` or `model`.
    pub message: &'static str,
    /// The case: `valid`, `missing required field`, ...
    pub case: String,
    /// What went wrong.
    pub problem: String,
}

impl std::fmt::Display for SampleFailure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} {} ({}): {}",
            self.contract, self.message, self.case, self.problem
        )
    }
}

/// A complete valid message for a reference model descriptor: every field, optional ones
/// included, arrays with one element.
pub fn valid_sample(model: &Value) -> Value {
    let mut object = Map::new();
    for field in model["fields"].as_array().into_iter().flatten() {
        let value = field_value(field);
        let value = if field["isArray"] == true {
            json!([value])
        } else {
            value
        };
        object.insert(field["name"].as_str().unwrap_or_default().to_owned(), value);
    }
    Value::Object(object)
}

fn field_value(field: &Value) -> Value {
    match field["typeKind"].as_str() {
        Some("model") => valid_sample(&field["model"]),
        Some("enum") => field["enumValues"][0].clone(),
        _ => scalar_value(field["type"].as_str().unwrap_or_default()),
    }
}

fn scalar_value(scalar: &str) -> Value {
    match scalar {
        "ID" => json!("id-1"),
        "NonEmptyString" => json!("non-empty"),
        "Int_unsecure" => json!(7),
        "Float_unsecure" => json!(1.5),
        "Boolean" => json!(true),
        "JSONObject" => json!({"key": "value", "nested": [1, {"deep": null}]}),
        "DateTime" => json!("2026-11-21T10:15:30Z"),
        _ => json!("text"),
    }
}

/// Every failed sample check of every operation, event and form of the reference.
pub fn sample_failures(registry: &Registry, reference: &Reference) -> Vec<SampleFailure> {
    let mut failures = Vec::new();
    for (list, expected) in reference.all() {
        let key = expected["key"].as_str().unwrap_or_default();
        let version = expected["version"].as_str().unwrap_or_default();
        let Some(contract) = registry.get(key, version) else {
            continue;
        };
        let models: Vec<(&'static str, ModelRef)> = match (list, contract) {
            ("operations", Contract::Operation(op)) => {
                vec![("input", op.input), ("output", op.output)]
            }
            ("events", Contract::Event(event)) => vec![("payload", event.payload)],
            ("forms", Contract::Form(form)) => vec![("model", form.model)],
            _ => continue,
        };
        for (message, model) in models {
            let context = Context {
                contract: format!("{key}@{version}"),
                message,
                model,
            };
            context.check(&expected[message], &mut failures);
        }
    }
    failures
}

struct Context {
    contract: String,
    message: &'static str,
    model: ModelRef,
}

impl Context {
    fn fail(&self, case: &str, problem: String, failures: &mut Vec<SampleFailure>) {
        failures.push(SampleFailure {
            contract: self.contract.clone(),
            message: self.message,
            case: case.to_owned(),
            problem,
        });
    }

    fn check(&self, reference_model: &Value, failures: &mut Vec<SampleFailure>) {
        let schema = serde_json::to_value(self.model.json_schema()).expect("schemas serialize");
        let validator = match jsonschema::options()
            .should_validate_formats(true)
            .build(&schema)
        {
            Ok(validator) => validator,
            Err(e) => {
                return self.fail(
                    "schema",
                    format!("the generated schema is invalid: {e}"),
                    failures,
                )
            }
        };
        let valid = valid_sample(reference_model);
        if let Some(error) = validator.iter_errors(&valid).next() {
            self.fail(
                "valid",
                format!(
                    "the schema rejects a valid message: {error} at {}",
                    error.instance_path()
                ),
                failures,
            );
        }
        match self.model.check_json(&valid) {
            Ok(round_tripped) if round_tripped != valid => self.fail(
                "valid",
                format!("the message does not round-trip: sent {valid}, got back {round_tripped}"),
                failures,
            ),
            Ok(_) => {}
            Err(e) => self.fail(
                "valid",
                format!("serde rejects a valid message: {e}"),
                failures,
            ),
        }
        for case in invalid_cases(reference_model, &valid) {
            if validator.is_valid(&case.value) {
                self.fail(
                    &case.name,
                    format!("the schema accepts {}", case.value),
                    failures,
                );
            }
            match self.model.check_json(&case.value) {
                Ok(_) => self.fail(
                    &case.name,
                    format!("serde accepts {}", case.value),
                    failures,
                ),
                Err(e) if !(e.path.contains(&case.field) || e.message.contains(&case.field)) => {
                    self.fail(
                        &case.name,
                        format!("the error does not name the field `{}`: {e}", case.field),
                        failures,
                    )
                }
                Err(_) => {}
            }
        }
    }
}

struct InvalidCase {
    name: String,
    field: String,
    value: Value,
}

/// The invalid variants that apply to a model: a missing required field, an empty
/// NonEmptyString, a malformed timestamp, a value of the wrong type, and an unknown field.
fn invalid_cases(model: &Value, valid: &Value) -> Vec<InvalidCase> {
    let mut cases = Vec::new();
    let fields = model["fields"].as_array().cloned().unwrap_or_default();
    if let Some(required) = fields.iter().find(|f| f["isOptional"] == false) {
        let name = required["name"].as_str().unwrap_or_default();
        let mut value = valid.clone();
        value.as_object_mut().map(|o| o.remove(name));
        cases.push(InvalidCase {
            name: format!("missing required field `{name}`"),
            field: name.to_owned(),
            value,
        });
    }
    for (scalar, bad, case) in [
        ("NonEmptyString", json!(""), "empty NonEmptyString"),
        ("DateTime", json!("21/11/2026 10:15"), "malformed timestamp"),
    ] {
        if let Some(path) = find_scalar(model, scalar, &mut Vec::new()) {
            let mut value = valid.clone();
            set_at(&mut value, &path, bad);
            let field = path.last().map(|s| s.name.clone()).unwrap_or_default();
            cases.push(InvalidCase {
                name: format!("{case} at `{}`", render(&path)),
                field,
                value,
            });
        }
    }
    if let Some(first) = fields
        .iter()
        .find(|f| f["typeKind"] == "scalar" && f["isArray"] == false)
    {
        let name = first["name"].as_str().unwrap_or_default();
        let wrong = match first["type"].as_str().unwrap_or_default() {
            "Int_unsecure" | "Float_unsecure" => json!("seven"),
            "Boolean" => json!("yes"),
            "JSONObject" => json!([1, 2]),
            _ => json!(42),
        };
        let mut value = valid.clone();
        value[name] = wrong;
        cases.push(InvalidCase {
            name: format!("wrong type at `{name}`"),
            field: name.to_owned(),
            value,
        });
    }
    let mut value = valid.clone();
    value
        .as_object_mut()
        .map(|o| o.insert("unexpectedField".into(), json!(1)));
    cases.push(InvalidCase {
        name: "unknown field".to_owned(),
        field: "unexpectedField".to_owned(),
        value,
    });
    cases
}

#[derive(Clone)]
struct Step {
    name: String,
    array: bool,
}

/// The path to the first field of `scalar` type, depth first through nested models.
fn find_scalar(model: &Value, scalar: &str, path: &mut Vec<Step>) -> Option<Vec<Step>> {
    for field in model["fields"].as_array().into_iter().flatten() {
        path.push(Step {
            name: field["name"].as_str().unwrap_or_default().to_owned(),
            array: field["isArray"] == true,
        });
        if field["typeKind"] == "scalar" && field["type"] == scalar {
            return Some(path.clone());
        }
        if field["typeKind"] == "model" {
            if let Some(found) = find_scalar(&field["model"], scalar, path) {
                return Some(found);
            }
        }
        path.pop();
    }
    None
}

fn set_at(value: &mut Value, path: &[Step], new: Value) {
    let mut current = value;
    for (i, step) in path.iter().enumerate() {
        let last = i + 1 == path.len();
        current = &mut current[step.name.as_str()];
        if step.array {
            current = &mut current[0];
        }
        if last {
            *current = new;
            return;
        }
    }
}

/// The path as `serde_path_to_error` writes it: `a.b[0].c`.
fn render(path: &[Step]) -> String {
    let mut out = String::new();
    for step in path {
        if !out.is_empty() {
            out.push('.');
        }
        out.push_str(&step.name);
        if step.array {
            out.push_str("[0]");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builds_complete_samples_and_finds_nested_scalars() {
        let model = json!({"name": "M", "fields": [
            {"name": "id", "type": "ID", "typeKind": "scalar", "isOptional": false, "isArray": false},
            {"name": "items", "type": "Item", "typeKind": "model", "isOptional": true, "isArray": true, "model": {
                "name": "Item", "fields": [
                    {"name": "at", "type": "DateTime", "typeKind": "scalar", "isOptional": false, "isArray": false}
                ]}}
        ]});
        assert_eq!(
            valid_sample(&model),
            json!({"id": "id-1", "items": [{"at": "2026-11-21T10:15:30Z"}]})
        );
        let path = find_scalar(&model, "DateTime", &mut Vec::new()).unwrap();
        assert_eq!(render(&path), "items[0].at");
        let names: Vec<String> = invalid_cases(&model, &valid_sample(&model))
            .into_iter()
            .map(|c| c.name)
            .collect();
        assert_eq!(
            names,
            [
                "missing required field `id`",
                "malformed timestamp at `items[0].at`",
                "wrong type at `id`",
                "unknown field"
            ]
        );
    }
}
