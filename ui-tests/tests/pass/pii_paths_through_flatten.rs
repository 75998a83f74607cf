// Pii paths name flattened fields by their JSON names, at the level serde writes them.
use contracts_core::{event, registry, Model};

/// A user signed up.
#[event(key = "users.user.signed-up", version = "1.0.0",
    pii = ["createdBy", "profile.givenName", "profile.email"])]
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

fn main() {
    let event = REGISTRY.latest("users.user.signed-up").unwrap();
    assert_eq!(event.as_event().unwrap().pii.len(), 3);
}
