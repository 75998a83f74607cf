//! Named examples declared on operations and events, and their check against the Rust types.
//!
//! An operation example is a scenario: an input, what the call leads to (an output, or an error
//! code) and the events it emits. An event example is a payload. The macros check at compile
//! time that the JSON parses, that its fields exist in the model, that an expected error is
//! declared and that expected events are emitted; [`check_examples`] checks the rest (that each
//! JSON decodes into its Rust type), and every `registry!` generates a `#[test]` calling it, so
//! `cargo test` of the crate always runs it.

use super::event::EventDescriptor;
use super::model_ref::DecodeError;
use super::operation::{Auth, OperationDescriptor};
use crate::model::resolve_path;
use crate::wire::FailureCode;
use crate::Registry;
use serde::ser::SerializeStruct;
use serde::{Serialize, Serializer};

/// A named scenario of an operation: call it with `input`, expect `expect` and `events`.
///
/// Declared with `examples(example(...))` on [`#[command]`](macro@crate::command) and
/// [`#[query]`](macro@crate::query).
#[derive(Debug)]
pub struct OperationExample {
    /// The example's name, unique within the operation (`start`, `denied`).
    pub name: &'static str,
    /// One sentence on what the example shows.
    pub summary: Option<&'static str>,
    /// The input, as compact JSON text.
    pub input: &'static str,
    /// What the call returns.
    pub expect: ExpectedOutcome,
    /// Dotted paths of output fields whose value differs per call (generated ids, timestamps):
    /// a contract test does not compare them.
    pub ignore: &'static [&'static str],
    /// Keys of the events the call emits, in order.
    pub events: &'static [&'static str],
    /// Who calls; `None` for the least the operation's policy admits.
    pub actor: Option<Auth>,
}

/// What an example call returns.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExpectedOutcome {
    /// Success with this output, as compact JSON text.
    Output(&'static str),
    /// Failure with this code: a declared error of the operation or a standard failure code.
    Error(&'static str),
}

/// A named payload of an event, declared with `examples(example(...))` on
/// [`#[event]`](macro@crate::event).
#[derive(Debug)]
pub struct EventExample {
    /// The example's name, unique within the event.
    pub name: &'static str,
    /// One sentence on what the example shows.
    pub summary: Option<&'static str>,
    /// The payload, as compact JSON text.
    pub payload: &'static str,
}

impl OperationExample {
    /// The input as a JSON value.
    pub fn input_json(&self) -> Result<serde_json::Value, serde_json::Error> {
        serde_json::from_str(self.input)
    }

    /// The expected output as a JSON value, if the example expects success.
    pub fn output_json(&self) -> Option<Result<serde_json::Value, serde_json::Error>> {
        match self.expect {
            ExpectedOutcome::Output(text) => Some(serde_json::from_str(text)),
            ExpectedOutcome::Error(_) => None,
        }
    }

    /// The expected error code, if the example expects a failure.
    pub fn error_code(&self) -> Option<&'static str> {
        match self.expect {
            ExpectedOutcome::Error(code) => Some(code),
            ExpectedOutcome::Output(_) => None,
        }
    }

    /// The caller: the example's `actor`, or the least the policy `auth` admits.
    pub fn actor_or(&self, auth: Auth) -> Auth {
        self.actor.unwrap_or(auth)
    }
}

impl EventExample {
    /// The payload as a JSON value.
    pub fn payload_json(&self) -> Result<serde_json::Value, serde_json::Error> {
        serde_json::from_str(self.payload)
    }
}

/// Why a declared example is not valid for its contract.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExampleProblem {
    /// `key@version` of the contract.
    pub contract: String,
    /// The example's name.
    pub example: &'static str,
    /// What part is wrong: `input`, `output`, `payload`, `error`, `events` or `ignore`.
    pub part: &'static str,
    /// The path of the offending field (`.` for the whole value) and what is wrong.
    pub error: DecodeError,
}

impl core::fmt::Display for ExampleProblem {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(
            f,
            "example `{}` of `{}`: {} at `{}`: {}",
            self.example, self.contract, self.part, self.error.path, self.error.message
        )
    }
}

/// Every problem [`check_examples`] found, one per line when displayed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExampleProblems(pub Vec<ExampleProblem>);

impl core::fmt::Display for ExampleProblems {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        writeln!(
            f,
            "{} declared example(s) do not match their contract:",
            self.0.len()
        )?;
        for problem in &self.0 {
            writeln!(f, "  {problem}")?;
        }
        Ok(())
    }
}

impl std::error::Error for ExampleProblems {}

/// Checks every example of every operation and event of `registry` against the Rust types:
/// each input, output and payload decodes (strictly, as the runtime decodes a call) into its
/// type, with the path of the first bad field; each expected error is declared or standard;
/// each expected event is emitted; each ignored path names an output field.
///
/// Every [`registry!`](crate::registry!) generates a `#[test]` that calls it on its registry.
///
/// ```
/// use contracts_core::{descriptors::check_examples, event, registry, Model};
///
/// /// Emitted when a user signs up.
/// #[event(key = "users.user.signed-up", version = "1.0.0",
///     examples(example(name = "numeric-id", payload = r#"{"userId": 7}"#)))]
/// #[derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema, Model)]
/// #[serde(rename_all = "camelCase")]
/// pub struct UserSignedUp { pub user_id: String }
///
/// registry! {
///     pub static USERS;
///     defaults(owners = ["team.users"], stability = "beta");
///     contracts(UserSignedUp);
/// }
///
/// # fn main() {
/// let problems = check_examples(&USERS).unwrap_err();
/// assert_eq!(
///     problems.0[0].to_string(),
///     "example `numeric-id` of `users.user.signed-up@1.0.0`: payload at `userId`: \
///      invalid type: integer `7`, expected a string"
/// );
/// # }
/// ```
pub fn check_examples(registry: &Registry) -> Result<(), ExampleProblems> {
    let mut problems = Vec::new();
    for operation in registry.operations() {
        check_operation(operation, &mut problems);
    }
    for event in registry.events() {
        check_event(event, &mut problems);
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(ExampleProblems(problems))
    }
}

fn check_operation(op: &'static OperationDescriptor, problems: &mut Vec<ExampleProblem>) {
    let contract = format!("{}@{}", op.meta.key, op.meta.version.as_str());
    for example in op.examples {
        let mut report = |part: &'static str, error: DecodeError| {
            problems.push(ExampleProblem {
                contract: contract.clone(),
                example: example.name,
                part,
                error,
            })
        };
        if let Err(error) = decode(&op.input, example.input) {
            report("input", error);
        }
        match example.expect {
            ExpectedOutcome::Output(text) => {
                if let Err(error) = decode(&op.output, text) {
                    report("output", error);
                }
            }
            ExpectedOutcome::Error(code) => {
                let declared = op.errors.iter().any(|e| e.code == code)
                    || FailureCode::ALL.iter().any(|c| c.as_str() == code);
                if !declared {
                    report("error", whole(format!("`{code}` is neither a declared error of the operation nor a standard failure code")));
                }
            }
        }
        for key in example.events {
            if !op.emits.iter().any(|e| e.event.meta.key == *key) {
                report(
                    "events",
                    whole(format!("the operation does not emit `{key}`")),
                );
            }
        }
        for path in example.ignore {
            if resolve_path(op.output.info, path).is_err() {
                report(
                    "ignore",
                    DecodeError {
                        path: (*path).to_owned(),
                        message: "names no field of the output".to_owned(),
                    },
                );
            }
        }
    }
}

fn check_event(event: &'static EventDescriptor, problems: &mut Vec<ExampleProblem>) {
    for example in event.examples {
        if let Err(error) = decode(&event.payload, example.payload) {
            problems.push(ExampleProblem {
                contract: format!("{}@{}", event.meta.key, event.meta.version.as_str()),
                example: example.name,
                part: "payload",
                error,
            });
        }
    }
}

fn decode(model: &super::ModelRef, text: &str) -> Result<(), DecodeError> {
    let value: serde_json::Value =
        serde_json::from_str(text).map_err(|e| whole(format!("not JSON: {e}")))?;
    model.check_json(&value).map(drop)
}

fn whole(message: String) -> DecodeError {
    DecodeError {
        path: ".".to_owned(),
        message,
    }
}

/// The JSON of an example's text, or the text itself as a string when it is not JSON (only a
/// hand-built descriptor can hold such text; [`check_examples`] reports it).
fn json_or_text(text: &str) -> serde_json::Value {
    serde_json::from_str(text).unwrap_or_else(|_| serde_json::Value::String(text.to_owned()))
}

impl Serialize for OperationExample {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("OperationExample", 7)?;
        s.serialize_field("name", self.name)?;
        if let Some(summary) = self.summary {
            s.serialize_field("summary", summary)?;
        }
        s.serialize_field("input", &json_or_text(self.input))?;
        match self.expect {
            ExpectedOutcome::Output(text) => s.serialize_field("output", &json_or_text(text))?,
            ExpectedOutcome::Error(code) => s.serialize_field("error", code)?,
        }
        if !self.ignore.is_empty() {
            s.serialize_field("ignore", self.ignore)?;
        }
        if !self.events.is_empty() {
            s.serialize_field("events", self.events)?;
        }
        if let Some(actor) = &self.actor {
            s.serialize_field("actor", actor)?;
        }
        s.end()
    }
}

impl Serialize for EventExample {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("EventExample", 3)?;
        s.serialize_field("name", self.name)?;
        if let Some(summary) = self.summary {
            s.serialize_field("summary", summary)?;
        }
        s.serialize_field("payload", &json_or_text(self.payload))?;
        s.end()
    }
}
