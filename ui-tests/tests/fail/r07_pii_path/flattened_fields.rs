// The fields of a `#[serde(flatten)]` member appear at its level in JSON, so the error lists
// them there, by their JSON names (never the member's Rust name), at the top level and nested.
use contracts_core::{event, registry, Model};

/// A user signed up.
#[event(key = "users.user.signed-up", version = "1.0.0",
    pii = ["audit", "createdByEmail", "profile.fullName"])]
#[derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema, Model)]
#[serde(rename_all = "camelCase")]
pub struct SignedUp {
    pub user_id: String,
    #[serde(flatten)]
    pub audit: Audit,
    pub profile: Profile,
}

#[derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema, Model)]
#[serde(rename_all = "camelCase")]
pub struct Audit {
    pub created_by: String,
    pub created_at: String,
}

#[derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema, Model)]
pub struct Profile {
    #[serde(flatten)]
    pub name: Name,
    pub email: String,
}

#[derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema, Model)]
pub struct Name {
    #[serde(rename = "givenName")]
    pub given: String,
}

registry! {
    pub static REGISTRY;
    defaults(owners = ["team.users"], stability = "beta");
    contracts(SignedUp);
}

fn main() {}
