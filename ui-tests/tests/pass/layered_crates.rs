// Layer C of a layered layout: layer A declares `shipping.core`, which provides an event
// declared in layer B and operations declared here; layer B includes A and compiles on its
// own. This registry includes A and B and declares the operations: both sides are visible here,
// and the check passes.
use contracts_core::{command, registry, Model};
use ui_layered_b::ParcelSent;

/// Send a parcel.
#[command(key = "shipping.parcel.send", version = "1.0.0", capability = "shipping.core",
    output = Sent, emits(ParcelSent(when = "The parcel leaves.")), policy(auth = "user"))]
#[derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema, Model)]
pub struct SendParcel {
    pub parcel_id: String,
}

#[derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema, Model)]
pub struct Sent {}

/// Cancel a parcel.
#[command(key = "shipping.parcel.cancel", version = "1.0.0", capability = "shipping.core@1.0.0",
    output = Sent, policy(auth = "user"))]
#[derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema, Model)]
pub struct CancelParcel {}

registry! {
    pub static SHIPPING;
    defaults(owners = ["team.shipping"], stability = "beta");
    includes(ui_layered_a::SHIPPING_CAPABILITIES, ui_layered_b::SHIPPING_EVENTS);
    contracts(SendParcel, CancelParcel);
}

fn main() {
    assert_eq!(SHIPPING.len(), 4);
    assert_eq!(ui_layered_b::SHIPPING_EVENTS.len(), 2);
}
