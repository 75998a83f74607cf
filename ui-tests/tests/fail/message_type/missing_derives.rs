use contracts_core::{command, registry};

/// Start a run; its input and its output both forgot the `Model` derive. Each mistake is
/// reported once, at the type (not once per place that uses it).
#[command(key = "runs.run.start", version = "1.0.0", output = Started, policy(auth = "user", pii = ["name"]))]
#[derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema)]
pub struct StartRun {
    pub name: String,
}

#[derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema)]
pub struct Started {}

registry! {
    pub static REGISTRY;
    defaults(owners = ["team.runs"], stability = "beta");
    contracts(StartRun);
}

fn main() {}
