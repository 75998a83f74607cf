//! `harness.target.resolve@1.0.0`: Resolve Harness Target.
//!
//! Holds the input [`HarnessTargetResolveInput`] (annotated with `#[query]`) and the output
//! [`HarnessTargetResolveOutput`].

// Fields are left undocumented: the reference gives message fields no descriptions, and a
// field's doc comment would become its description in the contract.
#![allow(missing_docs)]

use crate::models::HarnessTarget;
use contracts_core::{query, Id, JsonObject, Model};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Resolve the isolated target used for a harness run.
#[query(
    key = "harness.target.resolve",
    version = "1.0.0",
    title = "Resolve Harness Target",
    goal = "Prefer preview and task targets before shared environments.",
    context = "Used before execution to attach to the correct app instance.",
    tags = ["target"],
    capability = "harness.targeting@1.0.0",
    output = HarnessTargetResolveOutput,
    policy(auth = "user"),
)]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, Model)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct HarnessTargetResolveInput {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_id: Option<Id>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub isolation: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base_url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allowlisted_domains: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata: Option<JsonObject>,
}

/// The output of `harness.target.resolve`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, Model)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct HarnessTargetResolveOutput {
    pub target: HarnessTarget,
}
