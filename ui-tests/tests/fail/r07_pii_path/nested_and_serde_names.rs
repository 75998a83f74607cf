use contracts_core::{event, registry, Model};

/// A user signed up.
#[event(key = "users.user.signed-up", version = "1.0.0",
    pii = ["profile.contact.email", "profile.contact.phone", "profile.display_name", "userId.value"])]
#[derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema, Model)]
#[serde(rename_all = "camelCase")]
pub struct SignedUp {
    pub user_id: String,
    pub profile: Profile,
}

#[derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema, Model)]
#[serde(rename_all = "camelCase")]
pub struct Profile {
    pub display_name: String,
    pub contact: Vec<Contact>,
}

#[derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema, Model)]
pub struct Contact {
    pub email: String,
}

registry! {
    pub static REGISTRY;
    defaults(owners = ["team.users"], stability = "beta");
    contracts(SignedUp);
}

fn main() {}
