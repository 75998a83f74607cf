//! Layer A: declares the capabilities. `shipping.core` provides an event declared in layer B
//! and operations declared in layer C, both `downstream`.

use contracts_core::{capability, registry};

/// Shipping.
#[capability(
    key = "shipping.core",
    version = "1.0.0",
    kind = "api",
    provides(
        event("shipping.parcel.sent@1.0.0", downstream),
        operation("shipping.parcel.send@1.0.0", downstream),
        operation("shipping.parcel.cancel@1.0.0", downstream),
    )
)]
pub struct ShippingCore;

registry! {
    /// The shipping capabilities.
    pub static SHIPPING_CAPABILITIES;
    defaults(domain = "shipping", owners = ["team.shipping"], stability = "beta");
    contracts(ShippingCore);
}
