// Two versions of `geo.lookup` are declared: an unpinned requirement is ambiguous. The fix is
// to pin a version; marking it `optional` would switch the check off, so it is not suggested.
use contracts_core::{capability, registry};

/// Lookups, first version.
#[capability(key = "geo.lookup", version = "1.0.0", kind = "api")]
pub struct GeoLookupV1;

/// Lookups, second version.
#[capability(key = "geo.lookup", version = "2.0.0", kind = "api")]
pub struct GeoLookupV2;

/// Routing.
#[capability(key = "geo.routing", version = "1.0.0", kind = "api",
    requires(capability("geo.lookup"), capability("geo.lookup@3.0.0")))]
pub struct GeoRouting;

registry! {
    pub static REGISTRY;
    defaults(owners = ["team.geo"], stability = "beta");
    contracts(GeoLookupV1, GeoLookupV2, GeoRouting);
}

fn main() {}
