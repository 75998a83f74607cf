//! `harness.run.start@1.0.0`: Start Harness Run.
//!
//! Holds the input [`HarnessRunStartInput`] (annotated with `#[command]`), the output
//! [`HarnessRunStartOutput`] and the error catalog [`HarnessRunStartError`].

// Fields are left undocumented: the reference gives message fields no descriptions, and a
// field's doc comment would become its description in the contract.
#![allow(missing_docs)]

use crate::events::HarnessRunStartedPayload;
use crate::models::HarnessRun;
use contracts_core::{command, ErrorCatalog, Id, JsonObject, Model, NonEmptyString};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Start a harness run for a scenario or suite.
#[command(
    key = "harness.run.start",
    version = "1.0.0",
    title = "Start Harness Run",
    goal = "Launch a bounded, evidence-producing harness session.",
    context = "Used by agents, QA flows, and evaluation runners.",
    tags = ["run", "start"],
    capability = "harness.execution@1.0.0",
    output = HarnessRunStartOutput,
    emits(HarnessRunStartedPayload(when = "A new harness run is created and execution begins.")),
    errors = HarnessRunStartError,
    policy(auth = "user"),
)]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, Model)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct HarnessRunStartInput {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scenario_key: Option<NonEmptyString>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub suite_key: Option<NonEmptyString>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mode: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_id: Option<Id>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actor_id: Option<Id>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub workspace_id: Option<Id>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub control_plane_execution_id: Option<Id>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata: Option<JsonObject>,
}

/// The output of `harness.run.start`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, Model)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct HarnessRunStartOutput {
    pub run: HarnessRun,
}

/// The errors `harness.run.start` declares.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ErrorCatalog)]
pub enum HarnessRunStartError {
    /// A scenario or suite key is required.
    #[contract_error(
        code = "SCENARIO_OR_SUITE_REQUIRED",
        http = 400,
        when = "Neither scenarioKey nor suiteKey is provided."
    )]
    ScenarioOrSuiteRequired,
}
