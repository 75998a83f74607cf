//! `harness.run.cancel@1.0.0`: Cancel Harness Run.
//!
//! Holds the input [`HarnessRunCancelInput`] (annotated with `#[command]`) and the output
//! [`HarnessRunCancelOutput`].

// Fields are left undocumented: the reference gives message fields no descriptions, and a
// field's doc comment would become its description in the contract.
#![allow(missing_docs)]

use contracts_core::{command, DateTime, Id, Model};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Cancel an in-flight harness run.
#[command(
    key = "harness.run.cancel",
    version = "1.0.0",
    title = "Cancel Harness Run",
    goal = "Stop execution while preserving evidence and audit state.",
    context = "Used when operators or agents abort a harness session.",
    tags = ["run", "cancel"],
    capability = "harness.execution@1.0.0",
    output = HarnessRunCancelOutput,
    policy(auth = "user"),
    examples(example(
        name = "already-completed",
        summary = "A completed run cannot be cancelled.",
        input = r#"{"runId": "hrun-completed", "reason": "no longer needed"}"#,
        error = "CONFLICT",
    )),
)]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, Model)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct HarnessRunCancelInput {
    pub run_id: Id,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// The output of `harness.run.cancel`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, Model)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct HarnessRunCancelOutput {
    pub run_id: Id,
    pub status: String,
    pub cancelled_at: DateTime,
}
