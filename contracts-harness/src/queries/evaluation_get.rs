//! `harness.evaluation.get@1.0.0`: Get Harness Evaluation.
//!
//! Holds the input [`HarnessEvaluationGetInput`] (annotated with `#[query]`) and the output
//! [`HarnessEvaluationGetOutput`].

// Fields are left undocumented: the reference gives message fields no descriptions, and a
// field's doc comment would become its description in the contract.
#![allow(missing_docs)]

use crate::models::HarnessEvaluation;
use contracts_core::{query, Id, Model};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Fetch one evaluation and its assertion results.
#[query(
    key = "harness.evaluation.get",
    version = "1.0.0",
    title = "Get Harness Evaluation",
    goal = "Expose benchmark and regression outcomes with evidence pointers.",
    context = "Used by evaluation dashboards and automation.",
    tags = ["evaluation"],
    capability = "harness.evaluation@1.0.0",
    output = HarnessEvaluationGetOutput,
    policy(auth = "user"),
)]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, Model)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct HarnessEvaluationGetInput {
    pub evaluation_id: Id,
}

/// The output of `harness.evaluation.get`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, Model)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct HarnessEvaluationGetOutput {
    pub evaluation: HarnessEvaluation,
}
