//! Layer B: declares the events of `shipping.core` (layer A) and includes layer A. It cannot
//! see the operation layer C declares, and must compile without it.

use contracts_core::{event, registry, Model};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Emitted when a parcel is sent.
#[event(
    key = "shipping.parcel.sent",
    version = "1.0.0",
    capability = "shipping.core"
)]
#[derive(Serialize, Deserialize, JsonSchema, Model)]
pub struct ParcelSent {
    pub parcel_id: String,
}

registry! {
    /// The shipping events.
    pub static SHIPPING_EVENTS;
    defaults(domain = "shipping", owners = ["team.shipping"], stability = "beta");
    includes(ui_layered_a::SHIPPING_CAPABILITIES);
    contracts(ParcelSent);
}
