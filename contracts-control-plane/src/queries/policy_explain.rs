//! `controlPlane.policy.explain@1.0.0` (query): explain policy outcomes for an execution or step.

// Fields are left undocumented: the reference gives message fields no descriptions, and a field's
// doc comment would become its description in the contract.
#![allow(missing_docs)]

use contracts_core::{query, Id, Model};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Explain policy outcomes for an execution or step.
#[query(
    key = "controlPlane.policy.explain",
    version = "1.0.0",
    title = "Explain Policy Verdict",
    goal = "Make governance decisions auditable and understandable.",
    context = "Used in operator UIs and incident review to inspect verdict rationale.",
    tags = ["policy", "audit"],
    capability = "control-plane.audit@1.0.0",
    output = ControlPlanePolicyExplainOutput,
    policy(auth = "admin"),
)]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, Model)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ControlPlanePolicyExplainInput {
    pub execution_id: Id,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub step_id: Option<Id>,
}

/// What `controlPlane.policy.explain` returns.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, Model)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ControlPlanePolicyExplainOutput {
    pub verdict: String,
    pub risk_tier: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reasons: Option<Vec<String>>,
    pub policy_version: String,
}
