//! Fixtures: the state that operations this crate does not implement (intent submission, plan
//! compilation and verification, target resolution, evidence capture) would have created.
//!
//! [`Fixtures::demo`] is what the walkthrough and the tests run against; the constants name its
//! records. [`Fixtures`] also deserializes from JSON (camelCase, every list optional), to seed a
//! store from a file.

use crate::records::{
    ContextItem, ContextPack, EvidenceBundle, ExecutionRun, HarnessScenario, HarnessSuite, Plan,
    PlanStatus, PlannedStep, RunStatus, RunStep, ScenarioStep, StepStatus,
};
use contracts_core::{DateTime, Id, NonEmptyString};
use contracts_harness::models::{HarnessRun, HarnessStep, HarnessTarget};
use serde::{Deserialize, Serialize};
use serde_json::json;

/// What a [`Store`](crate::Store) is seeded with.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct Fixtures {
    /// Compiled plans, in any approval state.
    pub plans: Vec<Plan>,
    /// Control-plane runs already started, with their steps and evidence.
    pub runs: Vec<ExecutionRun>,
    /// Harness targets (`harness.target.resolve` would resolve them).
    pub harness_targets: Vec<HarnessTarget>,
    /// The target of harness runs started without `targetId`.
    pub default_harness_target: Option<Id>,
    /// Harness scenarios.
    pub harness_scenarios: Vec<HarnessScenario>,
    /// Harness suites.
    pub harness_suites: Vec<HarnessSuite>,
    /// Harness runs already started (or finished).
    pub harness_runs: Vec<HarnessRun>,
    /// Context packs, at one or more versions.
    pub context_packs: Vec<ContextPack>,
}

/// An approved plan, of [`APPROVED_EXECUTION`], not started: `controlPlane.execution.start`
/// starts it. Its step [`REFUND_STEP`] requires an approval.
pub const APPROVED_PLAN: &str = "plan-approved";
/// The execution of [`APPROVED_PLAN`].
pub const APPROVED_EXECUTION: &str = "exec-approved";
/// A plan waiting for approval, of [`PENDING_EXECUTION`]: starting it is refused.
pub const PENDING_PLAN: &str = "plan-pending";
/// The execution of [`PENDING_PLAN`].
pub const PENDING_EXECUTION: &str = "exec-pending";
/// A draft plan, of [`DRAFT_EXECUTION`]: starting it is refused.
pub const DRAFT_PLAN: &str = "plan-draft";
/// The execution of [`DRAFT_PLAN`].
pub const DRAFT_EXECUTION: &str = "exec-draft";
/// A run already under way, of [`AUDITED_EXECUTION`], with three evidence bundles holding
/// personal data: [`LOOKUP_STEP`] is completed, [`REFUND_STEP`] pending approval,
/// [`NOTIFY_STEP`] queued.
pub const AUDITED_RUN: &str = "run-audited";
/// The execution of [`AUDITED_RUN`] (its plan is `plan-audited`).
pub const AUDITED_EXECUTION: &str = "exec-audited";
/// The first step of the refund plans (no approval needed).
pub const LOOKUP_STEP: &str = "step-lookup";
/// The second step of the refund plans (requires an approval).
pub const REFUND_STEP: &str = "step-refund";
/// The third step of the refund plans.
pub const NOTIFY_STEP: &str = "step-notify";
/// The e-mail address of the customer in the audited run's evidence.
pub const CUSTOMER_EMAIL: &str = "jane.roe@example.com";
/// The phone number of the customer in the audited run's evidence.
pub const CUSTOMER_PHONE: &str = "+44 20 7946 0958";
/// The operator who captured the audited run's evidence.
pub const OPERATOR_EMAIL: &str = "ops.lead@example.com";

/// The default harness target (a sandbox).
pub const SANDBOX_TARGET: &str = "target-sandbox";
/// Another harness target (a preview deployment).
pub const PREVIEW_TARGET: &str = "target-preview";
/// A harness scenario of four steps, the third requiring an approval.
pub const CHECKOUT_SCENARIO: &str = "checkout.happy-path";
/// A harness scenario of three steps.
pub const LOGIN_SCENARIO: &str = "login.smoke";
/// A harness suite: [`LOGIN_SCENARIO`] then [`CHECKOUT_SCENARIO`].
pub const STOREFRONT_SUITE: &str = "storefront.regression";
/// A harness run that completed: cancelling it is a conflict.
pub const COMPLETED_HARNESS_RUN: &str = "hrun-completed";

/// A context pack at versions `1.0.0` and `1.1.0` (the latest).
pub const SUPPORT_PACK: &str = "support.refunds";
/// Another context pack, at `1.0.0`.
pub const ONBOARDING_PACK: &str = "onboarding.basics";

fn at(seconds: i64) -> DateTime {
    DateTime::from_timestamp(seconds, 0).unwrap_or_default()
}

/// 2026-11-20T08:00:00Z, the time of the demo fixtures.
fn morning() -> DateTime {
    at(1_795_161_600)
}

fn refund_steps() -> Vec<PlannedStep> {
    vec![
        PlannedStep {
            step_id: LOOKUP_STEP.into(),
            action: "orders.lookup".into(),
            requires_approval: false,
        },
        PlannedStep {
            step_id: REFUND_STEP.into(),
            action: "payments.refund".into(),
            requires_approval: true,
        },
        PlannedStep {
            step_id: NOTIFY_STEP.into(),
            action: "messaging.notify-customer".into(),
            requires_approval: false,
        },
    ]
}

fn plan(plan_id: &str, execution_id: &str, status: PlanStatus) -> Plan {
    Plan {
        plan_id: plan_id.into(),
        execution_id: execution_id.into(),
        status,
        steps: refund_steps(),
    }
}

fn scenario_step(
    step_key: &'static str,
    action_class: &str,
    requires_approval: bool,
) -> ScenarioStep {
    ScenarioStep {
        step_key: NonEmptyString::new(step_key).expect("step keys are non-empty literals"),
        action_class: action_class.into(),
        requires_approval,
    }
}

impl Fixtures {
    /// The demo fixtures: see the constants of this module for what they hold.
    ///
    /// ```
    /// use contracts_reference::fixtures::{self, Fixtures};
    ///
    /// let demo = Fixtures::demo();
    /// assert_eq!(demo.plans.len(), 4);
    /// assert_eq!(demo.runs[0].run_id.as_str(), fixtures::AUDITED_RUN);
    /// assert_eq!(demo.runs[0].evidence.len(), 3);
    /// ```
    pub fn demo() -> Fixtures {
        let morning = morning();
        let audited_run = ExecutionRun {
            run_id: AUDITED_RUN.into(),
            execution_id: AUDITED_EXECUTION.into(),
            plan_id: "plan-audited".into(),
            mode: "assist".into(),
            status: RunStatus::Running,
            started_at: morning,
            started_by: Some("admin-1".into()),
            steps: vec![
                RunStep {
                    step_id: LOOKUP_STEP.into(),
                    action: "orders.lookup".into(),
                    status: StepStatus::Completed,
                    decision: None,
                },
                RunStep {
                    step_id: REFUND_STEP.into(),
                    action: "payments.refund".into(),
                    status: StepStatus::PendingApproval,
                    decision: None,
                },
                RunStep {
                    step_id: NOTIFY_STEP.into(),
                    action: "messaging.notify-customer".into(),
                    status: StepStatus::Queued,
                    decision: None,
                },
            ],
            evidence: vec![
                // The intent that started it all: `controlPlane.intent.submit` declares its
                // `text` personal.
                EvidenceBundle {
                    bundle_id: "ev-intent".into(),
                    step_id: None,
                    kind: "intent".into(),
                    source: Some("controlPlane.intent.submit@1.0.0".into()),
                    captured_by: Some(OPERATOR_EMAIL.into()),
                    captured_at: morning,
                    payload: json!({
                        "workspaceId": "ws-acme",
                        "actorId": "user-jane",
                        "channelKey": "support-email",
                        "text": format!(
                            "Please refund order 1042 to Jane Roe, {CUSTOMER_EMAIL}, {CUSTOMER_PHONE}"
                        ),
                    }),
                },
                // An event: its contract declares no pii, so the payload is kept whole.
                EvidenceBundle {
                    bundle_id: "ev-lookup-completed".into(),
                    step_id: Some(LOOKUP_STEP.into()),
                    kind: "event".into(),
                    source: Some("controlPlane.execution.step.completed@1.0.0".into()),
                    captured_by: Some("control-plane".into()),
                    captured_at: at(1_795_161_660),
                    payload: json!({
                        "executionId": AUDITED_EXECUTION,
                        "runId": AUDITED_RUN,
                        "stepId": LOOKUP_STEP,
                        "completedAt": "2026-11-20T08:01:00Z",
                    }),
                },
                // A free-form note: no contract describes it, so it is redacted whole.
                EvidenceBundle {
                    bundle_id: "ev-operator-note".into(),
                    step_id: Some(REFUND_STEP.into()),
                    kind: "note".into(),
                    source: None,
                    captured_by: Some(OPERATOR_EMAIL.into()),
                    captured_at: at(1_795_161_720),
                    payload: json!({
                        "note": format!("Customer called from {CUSTOMER_PHONE} to confirm the refund"),
                        "customerEmail": CUSTOMER_EMAIL,
                    }),
                },
            ],
        };

        let sandbox = HarnessTarget {
            target_id: SANDBOX_TARGET.into(),
            kind: "sandbox".into(),
            isolation: "ephemeral".into(),
            environment: "test".into(),
            base_url: Some("https://sandbox.shop.example".into()),
            allowlisted_domains: Some(vec!["sandbox.shop.example".into()]),
            metadata: None,
        };
        let preview = HarnessTarget {
            target_id: PREVIEW_TARGET.into(),
            kind: "preview".into(),
            isolation: "isolated".into(),
            environment: "preview".into(),
            base_url: Some("https://pr-481.preview.shop.example".into()),
            allowlisted_domains: Some(vec!["pr-481.preview.shop.example".into()]),
            metadata: None,
        };
        let login = HarnessScenario {
            key: LOGIN_SCENARIO.into(),
            steps: vec![
                scenario_step("open-login", "navigate", false),
                scenario_step("sign-in", "fill", false),
                scenario_step("assert-dashboard", "assert", false),
            ],
        };
        let checkout = HarnessScenario {
            key: CHECKOUT_SCENARIO.into(),
            steps: vec![
                scenario_step("open-cart", "navigate", false),
                scenario_step("fill-payment", "fill", false),
                scenario_step("place-order", "submit", true),
                scenario_step("assert-confirmation", "assert", false),
            ],
        };
        let completed_steps = login
            .steps
            .iter()
            .enumerate()
            .map(|(i, step)| HarnessStep {
                step_id: format!("{COMPLETED_HARNESS_RUN}-s{}", i + 1).into(),
                step_key: step.step_key.clone(),
                run_id: COMPLETED_HARNESS_RUN.into(),
                mode: "deterministic".into(),
                action_class: step.action_class.clone(),
                verdict: "autonomous".into(),
                requires_approval: false,
                status: "completed".into(),
                summary: None,
                started_at: Some(morning),
                completed_at: Some(morning),
                metadata: None,
            })
            .collect();
        let completed_run = HarnessRun {
            run_id: COMPLETED_HARNESS_RUN.into(),
            status: "completed".into(),
            mode: "deterministic".into(),
            scenario_key: Some(LOGIN_SCENARIO.into()),
            suite_key: None,
            control_plane_execution_id: None,
            target: sandbox.clone(),
            steps: completed_steps,
            evidence_count: Some(3),
            created_at: morning,
            updated_at: morning,
        };

        let doc = |key: &str, body: &str| ContextItem {
            kind: "doc_block".into(),
            key: key.into(),
            version: None,
            content: json!({ "body": body }),
        };
        let contract = |key: &str| ContextItem {
            kind: "contract".into(),
            key: key.into(),
            version: Some("1.0.0".into()),
            content: json!({ "ref": format!("{key}@1.0.0") }),
        };
        let support_v1 = ContextPack {
            pack_key: SUPPORT_PACK.into(),
            version: "1.0.0".into(),
            title: "Support refunds".into(),
            items: vec![
                doc(
                    "docs.support.refund-policy",
                    "Refunds within 30 days need no approval.",
                ),
                contract("controlPlane.execution.start"),
            ],
        };
        let support_v11 = ContextPack {
            pack_key: SUPPORT_PACK.into(),
            version: "1.1.0".into(),
            title: "Support refunds".into(),
            items: vec![
                doc(
                    "docs.support.refund-policy",
                    "Refunds within 30 days need no approval; above 500 EUR they do.",
                ),
                contract("controlPlane.execution.start"),
                contract("controlPlane.execution.reject"),
            ],
        };
        let onboarding = ContextPack {
            pack_key: ONBOARDING_PACK.into(),
            version: "1.0.0".into(),
            title: "Onboarding basics".into(),
            items: vec![doc("docs.onboarding.welcome", "Welcome aboard.")],
        };

        Fixtures {
            plans: vec![
                plan(APPROVED_PLAN, APPROVED_EXECUTION, PlanStatus::Approved),
                plan(PENDING_PLAN, PENDING_EXECUTION, PlanStatus::PendingApproval),
                plan(DRAFT_PLAN, DRAFT_EXECUTION, PlanStatus::Draft),
                plan("plan-audited", AUDITED_EXECUTION, PlanStatus::Approved),
            ],
            runs: vec![audited_run],
            harness_targets: vec![sandbox, preview],
            default_harness_target: Some(SANDBOX_TARGET.into()),
            harness_scenarios: vec![login, checkout],
            harness_suites: vec![HarnessSuite {
                key: STOREFRONT_SUITE.into(),
                scenario_keys: vec![LOGIN_SCENARIO.into(), CHECKOUT_SCENARIO.into()],
            }],
            harness_runs: vec![completed_run],
            context_packs: vec![support_v1, support_v11, onboarding],
        }
    }
}
