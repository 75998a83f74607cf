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
    examples(
        example(
            name = "scenario",
            summary = "Run the checkout scenario on the default (sandbox) target.",
            input = r#"{"scenarioKey": "checkout.happy-path"}"#,
            output = r#"{"run": {"runId": "hrun-0001", "status": "running",
                "mode": "deterministic", "scenarioKey": "checkout.happy-path",
                "target": {"targetId": "target-sandbox", "kind": "sandbox", "isolation": "ephemeral",
                    "environment": "test", "baseUrl": "https://sandbox.shop.example",
                    "allowlistedDomains": ["sandbox.shop.example"]},
                "steps": [
                    {"stepId": "hrun-0001-s1", "stepKey": "open-cart", "runId": "hrun-0001",
                     "mode": "deterministic", "actionClass": "navigate", "verdict": "autonomous",
                     "requiresApproval": false, "status": "pending",
                     "metadata": {"scenarioKey": "checkout.happy-path", "startedBy": "example-user"}},
                    {"stepId": "hrun-0001-s2", "stepKey": "fill-payment", "runId": "hrun-0001",
                     "mode": "deterministic", "actionClass": "fill", "verdict": "autonomous",
                     "requiresApproval": false, "status": "pending",
                     "metadata": {"scenarioKey": "checkout.happy-path", "startedBy": "example-user"}},
                    {"stepId": "hrun-0001-s3", "stepKey": "place-order", "runId": "hrun-0001",
                     "mode": "deterministic", "actionClass": "submit", "verdict": "assist",
                     "requiresApproval": true, "status": "pending",
                     "metadata": {"scenarioKey": "checkout.happy-path", "startedBy": "example-user"}},
                    {"stepId": "hrun-0001-s4", "stepKey": "assert-confirmation", "runId": "hrun-0001",
                     "mode": "deterministic", "actionClass": "assert", "verdict": "autonomous",
                     "requiresApproval": false, "status": "pending",
                     "metadata": {"scenarioKey": "checkout.happy-path", "startedBy": "example-user"}}
                ],
                "evidenceCount": 0,
                "createdAt": "2026-11-20T08:00:00Z", "updatedAt": "2026-11-20T08:00:00Z"}}"#,
            ignore = ["run.runId", "run.steps.stepId", "run.steps.runId", "run.createdAt", "run.updatedAt"],
            events = ["harness.run.started"],
        ),
        example(
            name = "neither-scenario-nor-suite",
            summary = "A run needs a scenario or a suite.",
            input = r#"{}"#,
            error = "SCENARIO_OR_SUITE_REQUIRED",
        ),
    ),
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
