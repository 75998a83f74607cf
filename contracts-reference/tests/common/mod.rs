//! Helpers shared by the integration tests.
#![allow(dead_code)]

use contracts_reference::{in_memory_runtime, Store};
use contracts_runtime::{
    Actor, CallContext, ContractResult, EventEnvelope, InMemoryPublisher, Runtime,
};
use serde_json::Value;

/// A demo store and a runtime bound to it.
pub fn setup() -> (Store, Runtime<InMemoryPublisher>) {
    let store = Store::demo();
    let runtime = in_memory_runtime(&store);
    (store, runtime)
}

/// An admin (the control-plane operations and the snapshot require one).
pub fn admin() -> CallContext {
    CallContext::new(Actor::admin("admin-1"))
}

/// An authenticated user without roles (enough for the harness operations).
pub fn user() -> CallContext {
    CallContext::new(Actor::user("qa-1"))
}

/// Executes `key` (latest version) on JSON text.
pub async fn execute(
    runtime: &Runtime<InMemoryPublisher>,
    key: &str,
    input: &str,
    context: CallContext,
) -> ContractResult {
    runtime.execute(key, None, input, context).await
}

/// The problem's detail, or "".
pub fn detail(result: &ContractResult) -> String {
    result
        .problem()
        .and_then(|p| p.detail.clone())
        .unwrap_or_default()
}

/// The output as JSON; panics if the call failed.
pub fn data(result: &ContractResult) -> Value {
    match result.data_value() {
        Some(value) => value,
        None => panic!(
            "expected a success, got {}",
            serde_json::to_string(result).unwrap()
        ),
    }
}

/// The events published since the last call.
pub fn events(runtime: &Runtime<InMemoryPublisher>) -> Vec<EventEnvelope> {
    runtime.publisher().take()
}
