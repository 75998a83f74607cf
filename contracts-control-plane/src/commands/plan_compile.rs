//! `controlPlane.plan.compile@1.0.0` (command): compile an intent into a deterministic plan DAG.

// Fields are left undocumented: the reference gives message fields no descriptions, and a field's
// doc comment would become its description in the contract.
#![allow(missing_docs)]

use crate::events::ControlPlanePlanCompiledPayload;
use contracts_core::{command, DateTime, ErrorCatalog, Id, JsonObject, Model};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Compile an intent into a deterministic plan DAG.
#[command(
    key = "controlPlane.plan.compile",
    version = "1.0.0",
    title = "Compile Plan",
    goal = "Prevent freeform tool execution by requiring typed plan compilation.",
    context = "Executed after intent submission to produce executable, traceable steps.",
    tags = ["plan"],
    capability = "control-plane.core@1.0.0",
    output = ControlPlanePlanCompileOutput,
    emits(
        ControlPlanePlanCompiledPayload(when = "Plan compilation completes with a valid deterministic DAG."),
    ),
    errors = ControlPlanePlanCompileError,
    policy(auth = "admin"),
)]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, Model)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ControlPlanePlanCompileInput {
    pub execution_id: Id,
    pub intent_id: Id,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub planner_model: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub draft: Option<JsonObject>,
}

/// What `controlPlane.plan.compile` returns.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, Model)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ControlPlanePlanCompileOutput {
    pub plan_id: Id,
    pub compiled_at: DateTime,
    pub step_count: i64,
    pub deterministic_hash: String,
}

/// The named errors of `controlPlane.plan.compile`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ErrorCatalog)]
pub enum ControlPlanePlanCompileError {
    /// The referenced intent does not exist.
    #[contract_error(
        code = "INTENT_NOT_FOUND",
        http = 404,
        when = "intentId cannot be resolved for the execution context."
    )]
    IntentNotFound,
}
