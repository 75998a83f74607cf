// A capability that extends or requires itself (its own key and version, or its own key
// unpinned) can never be satisfied by anything else.
use contracts_core::{capability, registry};

/// Lookups.
#[capability(key = "geo.lookup", version = "1.0.0", kind = "api",
    extends = "geo.lookup@1.0.0")]
pub struct GeoLookup;

/// Geocoding.
#[capability(key = "geo.coding", version = "2.0.0", kind = "api",
    requires(capability("geo.coding")))]
pub struct GeoCoding;

registry! {
    pub static REGISTRY;
    defaults(owners = ["team.geo"], stability = "beta");
    contracts(GeoLookup, GeoCoding);
}

fn main() {}
