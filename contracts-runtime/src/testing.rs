//! Contract tests: run every example the registry declares against a runtime's handlers.
//!
//! Each operation example (`examples(example(...))` on `#[command]` / `#[query]`) is a
//! scenario: the runner calls the operation with the example's input, as the example's actor
//! (by default the least the operation's policy admits, with its flags on and, when it asks for
//! human review, an approval), then compares what the call returned with what the example
//! expects: the output (except the `ignore`d fields), or the error code, and the keys of the
//! events the call emitted, in order. Examples run in registry order (key, then version) and,
//! within an operation, in declaration order, all on the same runtime: an example sees the
//! state the earlier ones left.
//!
//! One line in a test (with the [`InMemoryPublisher`], whose events the runner reads):
//!
//! ```
//! use contracts_core::{command, registry, Model};
//! use contracts_runtime::{testing, InMemoryPublisher, Runtime};
//!
//! /// Doubles a number.
//! #[command(key = "math.double", version = "1.0.0", output = Doubled, policy(auth = "anonymous"),
//!     examples(example(name = "two", input = r#"{"n": 2}"#, output = r#"{"n": 4}"#)))]
//! #[derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema, Model)]
//! pub struct Double { pub n: u32 }
//!
//! #[derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema, Model)]
//! pub struct Doubled { pub n: u32 }
//!
//! registry! { pub static MATH; defaults(owners = ["team.math"], stability = "beta"); contracts(Double); }
//!
//! # fn main() { block_on(async {
//! let mut runtime = Runtime::new(&MATH).with_publisher(InMemoryPublisher::new());
//! runtime.bind::<Double>(|input: Double, _ctx| async move { Ok(Doubled { n: input.n * 2 }) }).unwrap();
//!
//! testing::run_examples(&runtime).await.assert_ok();
//! # }) }
//! # fn block_on<F: std::future::Future>(f: F) -> F::Output {
//! #     let mut f = std::pin::pin!(f);
//! #     let mut cx = std::task::Context::from_waker(std::task::Waker::noop());
//! #     loop { if let std::task::Poll::Ready(v) = f.as_mut().poll(&mut cx) { return v; } }
//! # }
//! ```
//!
//! A runtime with another publisher (an outbox) passes what reads its events to
//! [`run_examples_with`]. `contracts test` (in `contracts-cli`) runs the same runner on the
//! runtime `contracts serve` would serve.

use crate::context::{Actor, CallContext};
use crate::events::{InMemoryPublisher, Publisher};
use crate::policy::PolicyDecider;
use crate::runtime::Runtime;
use contracts_core::descriptors::{ExpectedOutcome, OperationDescriptor, OperationExample};
use contracts_core::Auth;
use serde_json::Value;
use std::future::Future;

/// What the runner reads the emitted events from: the keys of the events published since it
/// last asked, in order.
pub trait EmittedEvents {
    /// Takes the keys of the events published since the last call, in publication order.
    fn take_keys(&self) -> impl Future<Output = Result<Vec<String>, String>>;
}

impl EmittedEvents for InMemoryPublisher {
    fn take_keys(&self) -> impl Future<Output = Result<Vec<String>, String>> {
        let keys = self.take().iter().map(|e| e.key().to_owned()).collect();
        std::future::ready(Ok(keys))
    }
}

/// Runs every example of the runtime's registry on a runtime whose publisher is an
/// [`InMemoryPublisher`]; see the [module](self).
pub async fn run_examples<D: PolicyDecider>(
    runtime: &Runtime<InMemoryPublisher, D>,
) -> ExampleReport {
    run_examples_with(runtime, runtime.publisher()).await
}

/// Runs every example of the runtime's registry, reading the emitted events from `events`.
pub async fn run_examples_with<P: Publisher, D: PolicyDecider>(
    runtime: &Runtime<P, D>,
    events: &impl EmittedEvents,
) -> ExampleReport {
    let refused: Vec<String> = runtime.check().err().map(|e| e.unbound).unwrap_or_default();
    let mut outcomes = Vec::new();
    // Whatever was published before belongs to no example.
    let mut stale = events.take_keys().await.err();
    for operation in runtime.registry().operations() {
        let contract = format!("{}@{}", operation.meta.key, operation.meta.version);
        let bound = runtime.is_bound(operation.meta.key, operation.meta.version.as_str());
        for example in operation.examples {
            let verdict = if let Some(error) = stale.take() {
                Verdict::Failed(format!("cannot read the emitted events: {error}"))
            } else if !bound && refused.contains(&contract) {
                Verdict::Failed(
                    "no handler is bound to the operation: bind one, or leave it unbound on purpose (Runtime::serve_subset)".to_owned(),
                )
            } else if !bound {
                Verdict::NotRun("no handler is bound (left unbound on purpose)".to_owned())
            } else {
                run_one(runtime, events, operation, example).await
            };
            outcomes.push(ExampleOutcome {
                contract: contract.clone(),
                example: example.name,
                verdict,
            });
        }
    }
    ExampleReport { outcomes }
}

async fn run_one<P: Publisher, D: PolicyDecider>(
    runtime: &Runtime<P, D>,
    events: &impl EmittedEvents,
    operation: &'static OperationDescriptor,
    example: &'static OperationExample,
) -> Verdict {
    let result = runtime
        .execute(
            operation.meta.key,
            Some(operation.meta.version.as_str()),
            example.input,
            context_of(operation, example),
        )
        .await;
    let emitted = match events.take_keys().await {
        Ok(keys) => keys,
        Err(error) => return Verdict::Failed(format!("cannot read the emitted events: {error}")),
    };
    let got = || format!("`{}` ({})", result.code(), result.status());
    let mismatch = match example.expect {
        ExpectedOutcome::Error(code) if result.code() != code => {
            let detail = result
                .problem()
                .and_then(|p| p.detail.as_deref())
                .map_or(String::new(), |d| format!(": {d}"));
            Some(format!("expected error `{code}`, got {}{detail}", got()))
        }
        ExpectedOutcome::Error(_) => None,
        ExpectedOutcome::Output(text) => match (result.problem(), result.data_value()) {
            (Some(problem), _) => Some(format!(
                "expected success, got {}{}",
                got(),
                problem
                    .detail
                    .as_deref()
                    .map_or(String::new(), |d| format!(": {d}"))
            )),
            (None, actual) => {
                let mut expected: Value = match serde_json::from_str(text) {
                    Ok(value) => value,
                    Err(e) => {
                        return Verdict::Failed(format!("the example's output is not JSON: {e}"))
                    }
                };
                let mut actual = actual.unwrap_or(Value::Null);
                for path in example.ignore {
                    remove_path(&mut expected, path);
                    remove_path(&mut actual, path);
                }
                first_difference(&expected, &actual, "")
                    .map(|(path, what)| format!("output differs at `{path}`: {what}"))
            }
        },
    };
    if let Some(mismatch) = mismatch {
        return Verdict::Failed(mismatch);
    }
    if emitted
        .iter()
        .map(String::as_str)
        .ne(example.events.iter().copied())
    {
        return Verdict::Failed(format!(
            "expected events [{}], the call emitted [{}]",
            example.events.join(", "),
            emitted.join(", ")
        ));
    }
    Verdict::Passed
}

/// The call context of an example: its actor, the operation's flags on, and an approval when
/// the operation asks for human review.
fn context_of(operation: &OperationDescriptor, example: &OperationExample) -> CallContext {
    let actor = match example.actor_or(operation.policy.auth) {
        Auth::Anonymous => Actor::Anonymous,
        Auth::User => Actor::user("example-user"),
        Auth::Admin => Actor::admin("example-admin"),
    };
    let mut context = CallContext::new(actor).with_trace_id(format!("example-{}", example.name));
    for flag in operation.policy.flags {
        context = context.with_flag(*flag);
    }
    if operation.policy.escalate.is_some() {
        context = context.with_approval("example-approval");
    }
    context
}

/// Removes the field at dotted `path` (in every element of the lists it crosses).
fn remove_path(value: &mut Value, path: &str) {
    match value {
        Value::Array(items) => items.iter_mut().for_each(|item| remove_path(item, path)),
        Value::Object(object) => match path.split_once('.') {
            None => {
                object.remove(path);
            }
            Some((head, rest)) => {
                if let Some(inner) = object.get_mut(head) {
                    remove_path(inner, rest);
                }
            }
        },
        _ => {}
    }
}

/// The path of the first difference between `expected` and `actual`, and what it is.
fn first_difference(expected: &Value, actual: &Value, path: &str) -> Option<(String, String)> {
    let here = || {
        if path.is_empty() {
            ".".to_owned()
        } else {
            path.to_owned()
        }
    };
    let join = |key: &str| {
        if path.is_empty() {
            key.to_owned()
        } else {
            format!("{path}.{key}")
        }
    };
    match (expected, actual) {
        (Value::Object(e), Value::Object(a)) => {
            for (key, value) in e {
                match a.get(key) {
                    Some(other) => {
                        if let Some(found) = first_difference(value, other, &join(key)) {
                            return Some(found);
                        }
                    }
                    None => return Some((join(key), "missing from the output".to_owned())),
                }
            }
            a.keys()
                .find(|key| !e.contains_key(*key))
                .map(|key| (join(key), format!("not in the example (value {})", a[key])))
        }
        (Value::Array(e), Value::Array(a)) if e.len() == a.len() => e
            .iter()
            .zip(a)
            .enumerate()
            .find_map(|(i, (e, a))| first_difference(e, a, &format!("{}[{i}]", here()))),
        _ if expected == actual => None,
        _ => Some((here(), format!("expected {expected}, got {actual}"))),
    }
}

/// The outcome of every example [`run_examples`] ran, by contract.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExampleReport {
    /// One outcome per example, in the order they ran.
    pub outcomes: Vec<ExampleOutcome>,
}

/// The outcome of one example.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExampleOutcome {
    /// `key@version` of the operation.
    pub contract: String,
    /// The example's name.
    pub example: &'static str,
    /// Whether it passed.
    pub verdict: Verdict,
}

/// Whether an example passed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// The call returned what the example expects.
    Passed,
    /// It did not, or could not run: why.
    Failed(String),
    /// Not run, on purpose: why (its operation is left unbound by a runtime serving a subset).
    NotRun(String),
}

impl ExampleReport {
    /// Whether no example failed.
    pub fn is_ok(&self) -> bool {
        !self
            .outcomes
            .iter()
            .any(|o| matches!(o.verdict, Verdict::Failed(_)))
    }

    /// How many examples passed, failed and were not run.
    pub fn counts(&self) -> (usize, usize, usize) {
        self.outcomes
            .iter()
            .fold((0, 0, 0), |(p, f, n), o| match o.verdict {
                Verdict::Passed => (p + 1, f, n),
                Verdict::Failed(_) => (p, f + 1, n),
                Verdict::NotRun(_) => (p, f, n + 1),
            })
    }

    /// Panics with the report if an example failed, or if there was no example to run.
    #[track_caller]
    pub fn assert_ok(&self) {
        let (passed, _, _) = self.counts();
        if !self.is_ok() || passed == 0 {
            panic!("contract examples failed\n{self}");
        }
    }
}

impl core::fmt::Display for ExampleReport {
    /// One block per contract, one line per example, then the counts.
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        let mut current = "";
        for outcome in &self.outcomes {
            if outcome.contract != current {
                writeln!(f, "{}", outcome.contract)?;
                current = &outcome.contract;
            }
            match &outcome.verdict {
                Verdict::Passed => writeln!(f, "  ok       {}", outcome.example)?,
                Verdict::Failed(why) => writeln!(f, "  FAILED   {}: {why}", outcome.example)?,
                Verdict::NotRun(why) => writeln!(f, "  not run  {}: {why}", outcome.example)?,
            }
        }
        let (passed, failed, not_run) = self.counts();
        write!(
            f,
            "{} example(s): {passed} passed, {failed} failed, {not_run} not run",
            self.outcomes.len()
        )
    }
}

#[cfg(test)]
mod tests {
    use super::{first_difference, remove_path};
    use serde_json::json;

    #[test]
    fn ignored_paths_are_removed_in_lists_too() {
        let mut value = json!({"id": "r-1", "steps": [{"at": 1, "n": 1}, {"at": 2, "n": 2}]});
        remove_path(&mut value, "id");
        remove_path(&mut value, "steps.at");
        assert_eq!(value, json!({"steps": [{"n": 1}, {"n": 2}]}));
    }

    #[test]
    fn the_first_difference_names_its_path() {
        let expected = json!({"a": {"b": [1, 2]}, "c": "x"});
        assert_eq!(first_difference(&expected, &expected, ""), None);
        let actual = json!({"a": {"b": [1, 3]}, "c": "x"});
        assert_eq!(
            first_difference(&expected, &actual, ""),
            Some(("a.b[1]".to_owned(), "expected 2, got 3".to_owned()))
        );
        let actual = json!({"a": {"b": [1, 2]}, "c": "x", "d": true});
        assert_eq!(
            first_difference(&expected, &actual, ""),
            Some(("d".to_owned(), "not in the example (value true)".to_owned()))
        );
        let actual = json!({"a": {"b": [1, 2]}});
        assert_eq!(
            first_difference(&expected, &actual, ""),
            Some(("c".to_owned(), "missing from the output".to_owned()))
        );
    }
}
