//! `controlPlane.intent.submit@1.0.0` (command): submit a natural-language intent to the control plane.

// Fields are left undocumented: the reference gives message fields no descriptions, and a field's
// doc comment would become its description in the contract.
#![allow(missing_docs)]

use crate::events::ControlPlaneIntentReceivedPayload;
use contracts_core::{command, DateTime, Id, JsonObject, Model};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Submit a natural-language intent to the control plane.
#[command(
    key = "controlPlane.intent.submit",
    version = "1.0.0",
    title = "Submit Intent",
    goal = "Create a traceable, policy-governed entrypoint for agent requests.",
    context = "Used by channels and UIs to register user intent before planning and execution.",
    tags = ["intent"],
    capability = "control-plane.core@1.0.0",
    output = ControlPlaneIntentSubmitOutput,
    emits(
        ControlPlaneIntentReceivedPayload(when = "Intent ingestion succeeds and a new execution is created."),
    ),
    policy(auth = "user", pii = ["text"]),
)]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, Model)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ControlPlaneIntentSubmitInput {
    pub workspace_id: Id,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actor_id: Option<Id>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channel_key: Option<String>,
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata: Option<JsonObject>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trace_id: Option<String>,
}

/// What `controlPlane.intent.submit` returns.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, Model)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ControlPlaneIntentSubmitOutput {
    pub execution_id: Id,
    pub intent_id: Id,
    pub status: String,
    pub received_at: DateTime,
}
