//! `harness.evaluation.run@1.0.0`: Run Harness Evaluation.
//!
//! Holds the input [`HarnessEvaluationRunInput`] (annotated with `#[command]`) and the output
//! [`HarnessEvaluationRunOutput`].

// Fields are left undocumented: the reference gives message fields no descriptions, and a
// field's doc comment would become its description in the contract.
#![allow(missing_docs)]

use crate::events::HarnessEvaluationCompletedPayload;
use crate::models::HarnessEvaluation;
use contracts_core::{command, Id, JsonObject, Model, NonEmptyString};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Run a harness scenario or suite as an evaluation.
#[command(
    key = "harness.evaluation.run",
    version = "1.0.0",
    title = "Run Harness Evaluation",
    goal = "Produce assertion-backed evidence for QA and regression workflows.",
    context = "Used by evaluation pipelines and benchmark suites.",
    tags = ["evaluation", "run"],
    capability = "harness.evaluation@1.0.0",
    output = HarnessEvaluationRunOutput,
    emits(HarnessEvaluationCompletedPayload(when = "Evaluation execution finishes and assertion results are persisted.")),
    policy(auth = "user"),
)]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, Model)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct HarnessEvaluationRunInput {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scenario_key: Option<NonEmptyString>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub suite_key: Option<NonEmptyString>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_id: Option<Id>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mode: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata: Option<JsonObject>,
}

/// The output of `harness.evaluation.run`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, Model)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct HarnessEvaluationRunOutput {
    pub evaluation: HarnessEvaluation,
}
