//! The data views of the harness domain: runs, evidence and evaluations, listed.

use contracts_core::data_view;

/// List harness runs, targets, and statuses.
#[data_view(
    key = "harness.run.index",
    version = "1.0.0",
    title = "Harness Runs",
    tags = ["run", "index"],
    entity = "harness_run",
    source(primary = "harness.run.get@1.0.0"),
    view(
        kind = "list",
        fields(
            field(key = "runId", label = "Run", data_path = "runId"),
            field(key = "status", label = "Status", data_path = "status"),
            field(key = "mode", label = "Mode", data_path = "mode"),
            field(key = "scenarioKey", label = "Scenario", data_path = "scenarioKey"),
            field(key = "createdAt", label = "Created", data_path = "createdAt"),
        ),
        primary_field = "runId",
        secondary_fields = ["status", "scenarioKey"],
        filters(
            filter(key = "runId", label = "Run ID", field = "runId", type = "search"),
            filter(key = "status", label = "Status", field = "status", type = "search"),
        ),
    ),
    policy(flags = [], pii = []),
)]
pub struct HarnessRunsDataView;

/// List captured evidence artifacts for harness runs.
#[data_view(
    key = "harness.evidence.index",
    version = "1.0.0",
    title = "Harness Evidence",
    tags = ["evidence", "index"],
    entity = "harness_evidence",
    source(primary = "harness.evidence.list@1.0.0"),
    view(
        kind = "list",
        fields(
            field(key = "artifactId", label = "Artifact", data_path = "artifactId"),
            field(key = "kind", label = "Kind", data_path = "kind"),
            field(key = "runId", label = "Run", data_path = "runId"),
            field(key = "stepId", label = "Step", data_path = "stepId"),
            field(key = "createdAt", label = "Created", data_path = "createdAt"),
        ),
        primary_field = "artifactId",
        secondary_fields = ["kind", "runId"],
        filters(
            filter(key = "runId", label = "Run", field = "runId", type = "search"),
            filter(key = "kind", label = "Kind", field = "kind", type = "search"),
        ),
    ),
    policy(flags = [], pii = []),
)]
pub struct HarnessEvidenceDataView;

/// List scenario and suite evaluations.
#[data_view(
    key = "harness.evaluation.index",
    version = "1.0.0",
    title = "Harness Evaluations",
    tags = ["evaluation", "index"],
    entity = "harness_evaluation",
    source(primary = "harness.evaluation.get@1.0.0"),
    view(
        kind = "list",
        fields(
            field(key = "evaluationId", label = "Evaluation", data_path = "evaluationId"),
            field(key = "runId", label = "Run", data_path = "runId"),
            field(key = "scenarioKey", label = "Scenario", data_path = "scenarioKey"),
            field(key = "status", label = "Status", data_path = "status"),
            field(key = "evidenceCount", label = "Evidence", data_path = "evidenceCount"),
        ),
        primary_field = "evaluationId",
        secondary_fields = ["scenarioKey", "status"],
        filters(
            filter(key = "runId", label = "Run", field = "runId", type = "search"),
            filter(key = "scenarioKey", label = "Scenario", field = "scenarioKey", type = "search"),
        ),
    ),
    policy(flags = [], pii = []),
)]
pub struct HarnessEvaluationsDataView;
