use contracts_core::{query, registry, Model};

/// Get a run.
#[query(key = "runs.run.get", version = "1.0.0", output = Run, policy(auth = "user", idempotent = false))]
#[derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema, Model)]
pub struct GetRun {}

#[derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema, Model)]
pub struct Run {}

registry! {
    pub static REGISTRY;
    defaults(owners = ["team.runs"], stability = "beta");
    contracts(GetRun);
}

fn main() {}
