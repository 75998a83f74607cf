//! `controlPlane.plan.verify@1.0.0` (command): run policy and risk validation against a compiled plan.

// Fields are left undocumented: the reference gives message fields no descriptions, and a field's
// doc comment would become its description in the contract.
#![allow(missing_docs)]

use contracts_core::{command, DateTime, Id, Model};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Run policy and risk validation against a compiled plan.
#[command(
    key = "controlPlane.plan.verify",
    version = "1.0.0",
    title = "Verify Plan",
    goal = "Gate execution using deterministic governance checks.",
    context = "Executed before runtime dispatch to decide autonomous, assist, or blocked mode.",
    tags = ["plan", "governance"],
    capability = "control-plane.audit@1.0.0",
    output = ControlPlanePlanVerifyOutput,
    policy(auth = "admin"),
)]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, Model)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ControlPlanePlanVerifyInput {
    pub execution_id: Id,
    pub plan_id: Id,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub policy_version: Option<String>,
}

/// What `controlPlane.plan.verify` returns.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, Model)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ControlPlanePlanVerifyOutput {
    pub verdict: String,
    pub requires_approval: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub blocked_reasons: Option<Vec<String>>,
    pub verified_at: DateTime,
}
