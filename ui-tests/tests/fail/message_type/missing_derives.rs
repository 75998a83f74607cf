use contracts_core::{command, registry, Model};

/// Start a run; its input forgot the `Model` derive and its output the serde derives.
#[command(key = "runs.run.start", version = "1.0.0", output = Started, policy(auth = "user", pii = ["name"]))]
#[derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema)]
pub struct StartRun {
    pub name: String,
}

#[derive(schemars::JsonSchema, Model)]
pub struct Started {}

registry! {
    pub static REGISTRY;
    defaults(owners = ["team.runs"], stability = "beta");
    contracts(StartRun);
}

fn main() {}
