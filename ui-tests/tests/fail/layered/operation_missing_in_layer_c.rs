// Layer C declares operations of `shipping.core` but not `shipping.parcel.send`, which the
// capability provides downstream: here both sides are visible, so it is an error.
use contracts_core::{command, registry, Model};

/// Cancel a parcel.
#[command(key = "shipping.parcel.cancel", version = "1.0.0", capability = "shipping.core",
    output = Cancelled, policy(auth = "user"))]
#[derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema, Model)]
pub struct CancelParcel {}

#[derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema, Model)]
pub struct Cancelled {}

registry! {
    pub static SHIPPING;
    defaults(owners = ["team.shipping"], stability = "beta");
    includes(ui_layered_a::SHIPPING_CAPABILITIES, ui_layered_b::SHIPPING_EVENTS);
    contracts(CancelParcel);
}

fn main() {}
