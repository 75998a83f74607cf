// An example expecting an error names a declared error of the operation's catalog or a
// standard failure code; an expected event is one the operation emits; every JSON key names a
// field of the model, by its JSON name. Each is a compile error on its literal.
use contracts_core::{command, event, registry, ErrorCatalog, Model};

/// A job started.
#[event(key = "jobs.job.started", version = "1.0.0")]
#[derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema, Model)]
pub struct JobStarted {
    pub job_id: String,
}

/// Why a job does not start.
#[derive(Debug, ErrorCatalog)]
pub enum StartJobError {
    /// The definition does not exist.
    #[contract_error(http = 404)]
    DefinitionNotFound,
}

/// Start a job.
#[command(key = "jobs.job.start", version = "1.0.0", output = Started, errors = StartJobError,
    policy(auth = "user"),
    examples(
        example(name = "unknown", input = r#"{"definition": "x"}"#, error = "DEFINITON_NOT_FOUND"),
        example(name = "events", input = r#"{"definition": "x"}"#, output = r#"{"job_id": "j-1"}"#,
                events = ["jobs.job.finished"]),
        example(name = "typo", input = r#"{"defintion": "x"}"#, error = "NOT_FOUND"),
    ))]
#[derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema, Model)]
pub struct StartJob {
    pub definition: String,
}

#[derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema, Model)]
pub struct Started {
    pub job_id: String,
}

registry! {
    pub static REGISTRY;
    defaults(owners = ["team.jobs"], stability = "beta");
    contracts(JobStarted, StartJob);
}

fn main() {}
