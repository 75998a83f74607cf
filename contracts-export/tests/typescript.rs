//! The TypeScript export, held to the TypeScript compiler in strict mode and to the servers it
//! calls:
//!
//! - a snapshot of the library fixture's module (every serde feature the types must honour);
//! - samples of every message of the three domain registries and the fixture (ContractSpec's
//!   reference samples, samples generated from each schema, what serde sends back, and broken
//!   variants of them) judged by the JSON Schema validator and by the compiler, which must agree;
//! - the usage file `tests/typescript/usage.ts`, which calls every reference operation and every
//!   fixture operation: compiled, then run with Node.js against the reference server
//!   (contracts-reference behind contracts-axum) and a server of the fixture, on loopback.
//!
//! The compiler is installed with `npm ci --prefix contracts-export/tests/typescript`; without
//! it (or without Node.js) the tests fail and say so.

include!("typescript/library.rs");

mod support;
#[path = "typescript/tsc.rs"]
mod tsc;

use contracts_axum::{RestApi, StaticTokens};
use contracts_export::json_schema::{message_schema, messages};
use contracts_export::naming::Role;
use contracts_export::{typescript, Surfaces};
use contracts_runtime::{Actor, Ctx, Failure, InMemoryPublisher, Reply, Runtime};
use serde_json::{json, Value};
use std::fmt::Write as _;
use std::process::Command;
use support::{sample, wrong_type, Fill};

/// The generated modules the usage file and the samples import: the three domain registries
/// and the fixture.
fn modules() -> Vec<(&'static str, String)> {
    vec![
        (
            "control_plane.ts",
            typescript::export(&contracts_control_plane::CONTROL_PLANE),
        ),
        (
            "harness.ts",
            typescript::export(&contracts_harness::HARNESS),
        ),
        (
            "context.ts",
            typescript::export(&contracts_context::CONTEXT),
        ),
        ("library.ts", typescript::export(&LIBRARY)),
    ]
}

#[test]
fn library_snapshot() {
    let module = typescript::export(&LIBRARY);
    assert_eq!(Surfaces::new(&LIBRARY).typescript(), module);
    insta::assert_snapshot!("library", module);
}

// ---------------------------------------------------------------------------------------------
// Samples: the JSON Schema validator and the compiler must agree on each.

/// The samples of a registry's messages written as TypeScript constants, each typed by its
/// message's type and marked `@ts-expect-error` when the message's JSON Schema rejects it.
struct Samples {
    text: String,
    accepted: usize,
    rejected: usize,
}

impl Samples {
    fn new() -> Samples {
        Samples {
            text: String::new(),
            accepted: 0,
            rejected: 0,
        }
    }

    /// Adds `value` as a sample of `ty` from `module`, judged by `validator`.
    fn add(
        &mut self,
        module: &str,
        ty: &str,
        validator: &jsonschema::Validator,
        value: &Value,
        why: &str,
    ) {
        let valid = validator.is_valid(value);
        let n = self.accepted + self.rejected;
        let _ = writeln!(self.text, "// {ty}: {why}");
        if valid {
            self.accepted += 1;
        } else {
            self.rejected += 1;
            self.text
                .push_str("// @ts-expect-error the JSON Schema rejects it\n");
        }
        let _ = writeln!(
            self.text,
            "export const sample{n}: {module}.{ty} = {value};"
        );
    }
}

/// The broken variants of a sample object that TypeScript can tell apart too: without each
/// required member, with each optional member `null`, with a member of another JSON type, and
/// (where the schema forbids unknown members) with an unknown member.
fn variants(schema: &Value, value: &Value) -> Vec<(String, Value)> {
    let Value::Object(fields) = value else {
        return Vec::new();
    };
    let required: Vec<&str> = schema["required"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .collect();
    let mut out = Vec::new();
    for (name, field) in fields {
        let mut changed = fields.clone();
        if required.contains(&name.as_str()) {
            changed.remove(name);
            out.push((format!("without `{name}`"), Value::Object(changed)));
        } else {
            changed.insert(name.clone(), Value::Null);
            out.push((format!("`{name}` null"), Value::Object(changed)));
        }
        let mut changed = fields.clone();
        changed.insert(name.clone(), wrong_type(field));
        out.push((format!("`{name}` of another type"), Value::Object(changed)));
    }
    if schema["additionalProperties"] == false {
        let mut changed = fields.clone();
        changed.insert("notAField".to_owned(), json!(1));
        out.push(("an unknown member".to_owned(), Value::Object(changed)));
    }
    out
}

/// ContractSpec's reference samples of a domain (`contracts_parity::valid_sample`), by
/// `key@version` and message (`input`, `output`, `payload`).
fn reference_samples(reference: &str) -> Vec<(String, &'static str, Value)> {
    let reference =
        contracts_parity::Reference::from_json(reference).expect("the reference parses");
    let mut samples = Vec::new();
    for (list, contract) in reference.all() {
        let id = format!(
            "{}@{}",
            contract["key"].as_str().unwrap(),
            contract["version"].as_str().unwrap()
        );
        let parts: &[&'static str] = match list {
            "operations" => &["input", "output"],
            "events" => &["payload"],
            _ => &[],
        };
        for part in parts {
            samples.push((
                id.clone(),
                *part,
                contracts_parity::valid_sample(&contract[*part]),
            ));
        }
    }
    samples
}

/// Writes the samples of every message of `registry`, imported from `module`.
fn registry_samples(
    registry: &contracts_core::Registry,
    module: &str,
    reference: Option<&str>,
    samples: &mut Samples,
) {
    let references = reference.map(reference_samples).unwrap_or_default();
    for message in messages(registry) {
        let schema = message_schema(&message);
        let validator = jsonschema::options()
            .should_validate_formats(true)
            .build(&schema)
            .unwrap_or_else(|e| panic!("{}: {e}", message.name()));
        let ty = message.name();
        let meta = message.contract.meta();
        let id = format!("{}@{}", meta.key, meta.version.as_str());
        let mut valid = vec![
            (
                "generated, required members".to_owned(),
                sample(&schema, &schema, Fill::Required),
            ),
            (
                "generated, every member".to_owned(),
                sample(&schema, &schema, Fill::All),
            ),
        ];
        valid.extend(
            references
                .iter()
                .filter(|(r, part, _)| *r == id && *part == message.role.as_lowercase())
                .map(|(_, _, value)| ("ContractSpec's reference sample".to_owned(), value.clone())),
        );
        for (why, value) in valid {
            assert!(
                validator.is_valid(&value),
                "{ty}: the schema rejects the {why} sample {value}"
            );
            samples.add(module, &ty, &validator, &value, &why);
            // What serde makes of it: for an output or a payload, what the server sends.
            let sent = message
                .model
                .check_json(&value)
                .unwrap_or_else(|e| panic!("{ty}: serde rejects the {why} sample {value}: {e}"));
            let role = if message.role == Role::Input {
                "decoded and encoded again"
            } else {
                "as the server sends it"
            };
            assert!(
                validator.is_valid(&sent),
                "{ty}: the schema rejects {value} {role}: {sent}"
            );
            samples.add(module, &ty, &validator, &sent, &format!("{why}, {role}"));
            for (broken, value) in variants(&schema, &value) {
                samples.add(module, &ty, &validator, &value, &format!("{why}, {broken}"));
            }
        }
    }
}

#[test]
fn samples_agree_with_the_json_schemas_and_the_types() {
    let mut samples = Samples::new();
    samples.text.push_str(
        "// Samples of every message: the compiler must accept those the JSON Schemas accept and\n\
         // reject the others.\n\nimport type * as control_plane from \"./control_plane.js\";\n\
         import type * as harness from \"./harness.js\";\nimport type * as context from \"./context.js\";\n\
         import type * as library from \"./library.js\";\n\n",
    );
    registry_samples(
        &contracts_control_plane::CONTROL_PLANE,
        "control_plane",
        Some(include_str!(
            "../../contracts-control-plane/tests/fixtures/control-plane.json"
        )),
        &mut samples,
    );
    registry_samples(
        &contracts_harness::HARNESS,
        "harness",
        Some(include_str!(
            "../../contracts-harness/tests/fixtures/harness.json"
        )),
        &mut samples,
    );
    registry_samples(
        &contracts_context::CONTEXT,
        "context",
        Some(include_str!(
            "../../contracts-context/tests/fixtures/context.json"
        )),
        &mut samples,
    );
    registry_samples(&LIBRARY, "library", None, &mut samples);
    // Hand-written samples of what the generated ones do not reach: each variant of the tagged
    // enums, a flattened map, and the mistakes TypeScript users make.
    let hand_written = [
        (
            "library_loan_find_v1_0_0_Input",
            json!({ "method": "pickup", "desk": 2 }),
        ),
        (
            "library_loan_find_v1_0_0_Input",
            json!({ "method": "digital" }),
        ),
        (
            "library_loan_find_v1_0_0_Input",
            json!({ "method": "post", "streetLine": "1 Main St", "postcode": "AB1" }),
        ),
        (
            "library_loan_find_v1_0_0_Input",
            json!({ "method": "post" }),
        ),
        (
            "library_loan_find_v1_0_0_Input",
            json!({ "method": "courier" }),
        ),
        (
            "library_loan_find_v1_0_0_Input",
            json!({ "method": "pickup", "desk": "2" }),
        ),
        (
            "library_loan_create_v1_0_0_Output",
            json!({ "loanId": "l", "kind": "HOME_LOAN", "catalogue": null,
            "timeline": [{ "t": "Note", "c": "n" }, { "t": "Renewed", "c": "2026-12-20T08:00:00Z" }],
            "copies": { "red": 1 }, "labels": {} }),
        ),
        (
            "library_loan_create_v1_0_0_Output",
            json!({ "loanId": "l", "kind": "HOME_LOAN", "catalogue": 1,
            "timeline": [{ "t": "Note" }], "copies": {}, "labels": {} }),
        ),
        (
            "library_loan_create_v1_0_0_Output",
            json!({ "loanId": "l", "kind": "home_loan", "catalogue": 1,
            "timeline": [], "copies": {}, "labels": {} }),
        ),
        (
            "library_loan_create_v1_0_0_Output",
            json!({ "loanId": "l", "kind": "HOME_LOAN", "catalogue": 1,
            "timeline": [], "copies": { "blue": 1 }, "labels": {} }),
        ),
        (
            "library_loan_create_v1_0_0_Output",
            json!({ "loanId": "l", "kind": "HOME_LOAN", "catalogue": 1,
            "timeline": [], "copies": {}, "labels": { "a": 1 } }),
        ),
    ];
    let library_schemas: std::collections::BTreeMap<String, Value> = messages(&LIBRARY)
        .map(|m| (m.name(), message_schema(&m)))
        .collect();
    for (ty, value) in hand_written {
        let validator = jsonschema::validator_for(&library_schemas[ty]).unwrap();
        samples.add("library", ty, &validator, &value, "hand-written");
    }
    assert!(
        samples.accepted > 500 && samples.rejected > 1000,
        "{} accepted, {} rejected",
        samples.accepted,
        samples.rejected
    );

    let dir = tsc::project_dir("samples");
    let mut files: Vec<(&str, &str)> = Vec::new();
    let modules = modules();
    files.extend(modules.iter().map(|(name, text)| (*name, text.as_str())));
    files.push(("samples.ts", &samples.text));
    // The other common configuration: `strict` without `exactOptionalPropertyTypes`.
    tsc::compile(
        &dir,
        &files,
        &["--noEmit", "--exactOptionalPropertyTypes", "false"],
    );
}

// ---------------------------------------------------------------------------------------------
// The usage file, against the servers.

/// The bearer tokens the servers know.
const ADMIN_TOKEN: &str = "admin-token";
const USER_TOKEN: &str = "user-token";

fn tokens() -> StaticTokens {
    StaticTokens::new()
        .with_token(ADMIN_TOKEN, Actor::admin("admin-1"))
        .with_token(USER_TOKEN, Actor::user("qa-1"))
}

async fn create_loan(
    input: CreateLoan,
    _ctx: Ctx<CreateLoan>,
) -> Result<Reply<Loan>, Failure<LoanError>> {
    if input.isbn.0 == "lent" {
        return Err(LoanError::AlreadyLoaned.into());
    }
    if input.member_ref == MemberRef::Id("suspended".to_owned()) {
        return Err(LoanError::MemberSuspended.into());
    }
    let method = match &input.delivery {
        Delivery::Pickup { .. } => "pickup",
        Delivery::Post(_) => "post",
        Delivery::Digital => "digital",
    };
    let labels = input
        .extra
        .iter()
        .filter_map(|(k, v)| Some((k.clone(), v.as_str()?.to_owned())))
        .collect();
    Ok(Reply::created(Loan {
        loan_id: "loan-1".to_owned(),
        kind: input.kind,
        due_at: input.due_at,
        timeline: vec![
            Entry::Note(format!("delivery {method}")),
            Entry::Renewed(input.audit.created_at + chrono::Duration::days(30)),
        ],
        copies: [(Colour::Red, 1)].into_iter().collect(),
        labels,
        catalogue: json!({ "shelf": input.shelf.0 }),
    }))
}

async fn search_loans(input: SearchLoans, _ctx: Ctx<SearchLoans>) -> Result<SearchLoans, Failure> {
    Ok(input)
}

async fn find_loans(input: FindLoans, _ctx: Ctx<FindLoans>) -> Result<Subject, Failure> {
    let name = match input.delivery {
        Delivery::Pickup { desk } => format!("pickup: desk {desk}"),
        Delivery::Post(address) => format!("post: {}", address.street_line),
        Delivery::Digital => "digital".to_owned(),
    };
    let narrower = vec![Subject {
        name: "loans".to_owned(),
        narrower: Vec::new(),
    }];
    Ok(Subject { name, narrower })
}

async fn return_loan(_input: ReturnLoan, _ctx: Ctx<ReturnLoan>) -> Result<(), Failure> {
    Ok(())
}

/// Serves `router` on an ephemeral loopback port of `runtime`; the server stops with it.
fn serve(runtime: &tokio::runtime::Runtime, router: contracts_axum::axum::Router) -> String {
    let listener = runtime
        .block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))
        .expect("binding a loopback port");
    let address = listener.local_addr().expect("the bound address");
    runtime.spawn(async move { contracts_axum::axum::serve(listener, router).await });
    format!("http://{address}")
}

#[test]
fn the_usage_file_compiles_and_runs_against_the_servers() {
    let dir = tsc::project_dir("usage");
    let modules = modules();
    let usage = std::fs::read_to_string(tsc::typescript_dir().join("usage.ts")).unwrap();
    let mut files: Vec<(&str, &str)> = modules.iter().map(|(n, t)| (*n, t.as_str())).collect();
    files.push(("usage.ts", &usage));
    tsc::compile(&dir, &files, &[]);

    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let store = contracts_reference::Store::demo();
    let reference = RestApi::new(contracts_reference::in_memory_runtime(&store))
        .with_authenticator(tokens())
        .into_router()
        .unwrap();
    let mut library = Runtime::new(&LIBRARY).with_publisher(InMemoryPublisher::new());
    library
        .bind::<CreateLoan>(create_loan)
        .unwrap()
        .bind::<SearchLoans>(search_loans)
        .unwrap()
        .bind::<FindLoans>(find_loans)
        .unwrap()
        .bind::<ReturnLoan>(return_loan)
        .unwrap();
    let library = RestApi::new(library)
        .with_authenticator(tokens())
        .into_router()
        .unwrap();
    use contracts_reference::fixtures;
    let arguments = json!({
        "servers": { "reference": serve(&runtime, reference), "library": serve(&runtime, library) },
        "tokens": { "admin": ADMIN_TOKEN, "user": USER_TOKEN },
        "fixtures": {
            "approvedPlan": fixtures::APPROVED_PLAN,
            "approvedExecution": fixtures::APPROVED_EXECUTION,
            "auditedExecution": fixtures::AUDITED_EXECUTION,
            "auditedRun": fixtures::AUDITED_RUN,
            "refundStep": fixtures::REFUND_STEP,
            "checkoutScenario": fixtures::CHECKOUT_SCENARIO,
            "supportPack": fixtures::SUPPORT_PACK,
        },
    });
    std::fs::copy(tsc::typescript_dir().join("run.mjs"), dir.join("run.mjs")).unwrap();
    std::fs::write(dir.join("package.json"), r#"{ "type": "module" }"#).unwrap();
    let output = Command::new("node")
        .arg(dir.join("run.mjs"))
        .arg(arguments.to_string())
        .output()
        .expect("running node");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success() && stdout.trim() == "ok",
        "the usage file failed against the servers:\n{stdout}{stderr}"
    );
    drop(runtime);
}
