use contracts_core::{command, registry, Model};

/// Submit an intent.
#[command(key = "intents.intent.submit", version = "1.0.0", output = Submitted,
    policy(auth = "user", pii = ["txt"]))]
#[derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema, Model)]
#[serde(rename_all = "camelCase")]
pub struct SubmitIntent {
    pub text: String,
    pub actor_id: String,
}

#[derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema, Model)]
pub struct Submitted {}

registry! {
    pub static REGISTRY;
    defaults(owners = ["team.intents"], stability = "beta");
    contracts(SubmitIntent);
}

fn main() {}
