//! `controlPlane.trace.get@1.0.0` (query): return the replayable trace timeline for one execution.

// Fields are left undocumented: the reference gives message fields no descriptions, and a field's
// doc comment would become its description in the contract.
#![allow(missing_docs)]

use contracts_core::{query, DateTime, Id, JsonObject, Model};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Return the replayable trace timeline for one execution.
#[query(
    key = "controlPlane.trace.get",
    version = "1.0.0",
    title = "Get Execution Trace",
    goal = "Support audits, debugging, and deterministic replay.",
    context = "Used by operator surfaces when inspecting policy and tool execution history.",
    tags = ["trace", "audit"],
    capability = "control-plane.audit@1.0.0",
    output = ControlPlaneTraceGetOutput,
    policy(auth = "admin"),
)]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, Model)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ControlPlaneTraceGetInput {
    pub execution_id: Id,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub include_payloads: Option<bool>,
}

/// What `controlPlane.trace.get` returns.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, Model)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ControlPlaneTraceGetOutput {
    pub execution_id: Id,
    pub entries: Vec<ControlPlaneTraceEntry>,
}

/// One entry of an execution's trace timeline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, Model)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ControlPlaneTraceEntry {
    pub timestamp: DateTime,
    pub stage: String,
    pub status: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actor_id: Option<Id>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata: Option<JsonObject>,
}
