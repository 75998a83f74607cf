//! `harness.run.get@1.0.0`: Get Harness Run.
//!
//! Holds the input [`HarnessRunGetInput`] (annotated with `#[query]`) and the output
//! [`HarnessRunGetOutput`].

// Fields are left undocumented: the reference gives message fields no descriptions, and a
// field's doc comment would become its description in the contract.
#![allow(missing_docs)]

use crate::models::HarnessRun;
use contracts_core::{query, Id, Model};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Fetch one harness run with step metadata.
#[query(
    key = "harness.run.get",
    version = "1.0.0",
    title = "Get Harness Run",
    goal = "Support audit, debugging, and run tracking.",
    context = "Used by operator and evaluation surfaces.",
    tags = ["run"],
    capability = "harness.execution@1.0.0",
    output = HarnessRunGetOutput,
    policy(auth = "user"),
)]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, Model)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct HarnessRunGetInput {
    pub run_id: Id,
}

/// The output of `harness.run.get`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, Model)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct HarnessRunGetOutput {
    pub run: HarnessRun,
}
