// An example's JSON is parsed by the macro: malformed JSON is an error on its literal, with
// serde_json's line and column; so is an example that states both an output and an error.
use contracts_core::{command, event, registry, Model};

/// A job started.
#[event(key = "jobs.job.started", version = "1.0.0",
    examples(example(name = "started", payload = r#"{"jobId": "j-1",}"#)))]
#[derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema, Model)]
#[serde(rename_all = "camelCase")]
pub struct JobStarted {
    pub job_id: String,
}

/// Start a job.
#[command(key = "jobs.job.start", version = "1.0.0", output = Started, policy(auth = "user"),
    examples(
        example(name = "start", input = r#"{"definition": nightly}"#, output = r#"{"jobId": "j-1"}"#),
        example(name = "both", input = r#"{"definition": "x"}"#, output = r#"{"jobId": "j-1"}"#, error = "NOT_FOUND"),
    ))]
#[derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema, Model)]
pub struct StartJob {
    pub definition: String,
}

#[derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema, Model)]
#[serde(rename_all = "camelCase")]
pub struct Started {
    pub job_id: String,
}

registry! {
    pub static REGISTRY;
    defaults(owners = ["team.jobs"], stability = "beta");
    contracts(JobStarted, StartJob);
}

fn main() {}
