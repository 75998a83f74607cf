// An application registry that declares nothing and aggregates layers A and B, but not the
// crate declaring `shipping.parcel.send`: the operation `shipping.core` provides is missing.
use contracts_core::registry;

registry! {
    pub static APP;
    includes(ui_layered_a::SHIPPING_CAPABILITIES, ui_layered_b::SHIPPING_EVENTS);
}

fn main() {}
