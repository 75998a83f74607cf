//! `harness.run.get@1.0.0`: Get Harness Run.
//!
//! Holds the input [`HarnessRunGetInput`] (annotated with `#[query]`) and the output
//! [`HarnessRunGetOutput`].

// Fields are left undocumented: the reference gives message fields no descriptions, and a
// field's doc comment would become its description in the contract.
#![allow(missing_docs)]

use crate::models::HarnessRun;
use contracts_core::{query, Id, Model};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Fetch one harness run with step metadata.
#[query(
    key = "harness.run.get",
    version = "1.0.0",
    title = "Get Harness Run",
    goal = "Support audit, debugging, and run tracking.",
    context = "Used by operator and evaluation surfaces.",
    tags = ["run"],
    capability = "harness.execution@1.0.0",
    output = HarnessRunGetOutput,
    policy(auth = "user"),
    examples(
        example(
            name = "completed-run",
            summary = "A run that completed its three steps.",
            input = r#"{"runId": "hrun-completed"}"#,
            output = r#"{"run": {"runId": "hrun-completed", "status": "completed",
                "mode": "deterministic", "scenarioKey": "login.smoke",
                "target": {"targetId": "target-sandbox", "kind": "sandbox", "isolation": "ephemeral",
                    "environment": "test", "baseUrl": "https://sandbox.shop.example",
                    "allowlistedDomains": ["sandbox.shop.example"]},
                "steps": [
                    {"stepId": "hrun-completed-s1", "stepKey": "open-login", "runId": "hrun-completed",
                     "mode": "deterministic", "actionClass": "navigate", "verdict": "autonomous",
                     "requiresApproval": false, "status": "completed",
                     "startedAt": "2026-11-20T08:00:00Z", "completedAt": "2026-11-20T08:00:00Z"},
                    {"stepId": "hrun-completed-s2", "stepKey": "sign-in", "runId": "hrun-completed",
                     "mode": "deterministic", "actionClass": "fill", "verdict": "autonomous",
                     "requiresApproval": false, "status": "completed",
                     "startedAt": "2026-11-20T08:00:00Z", "completedAt": "2026-11-20T08:00:00Z"},
                    {"stepId": "hrun-completed-s3", "stepKey": "assert-dashboard", "runId": "hrun-completed",
                     "mode": "deterministic", "actionClass": "assert", "verdict": "autonomous",
                     "requiresApproval": false, "status": "completed",
                     "startedAt": "2026-11-20T08:00:00Z", "completedAt": "2026-11-20T08:00:00Z"}
                ],
                "evidenceCount": 3,
                "createdAt": "2026-11-20T08:00:00Z", "updatedAt": "2026-11-20T08:00:00Z"}}"#,
        ),
        example(
            name = "unknown-run",
            input = r#"{"runId": "hrun-nope"}"#,
            error = "NOT_FOUND",
        ),
    ),
)]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, Model)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct HarnessRunGetInput {
    pub run_id: Id,
}

/// The output of `harness.run.get`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, Model)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct HarnessRunGetOutput {
    pub run: HarnessRun,
}
