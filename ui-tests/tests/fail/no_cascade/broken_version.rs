// `geo.lookup@2.0.0` is broken; `geo.lookup@1.0.0` is fine. References pinned to 2.0.0, and
// unpinned ones (which could mean 2.0.0), stay quiet: none resolves to 1.0.0 instead. A
// reference pinned to a version that exists nowhere is still reported, naming only valid
// versions.
use contracts_core::{capability, query, registry, Model};

/// Lookups, first version.
#[capability(key = "geo.lookup", version = "1.0.0", kind = "api",
    provides(operation("geo.place.get@1.0.0")))]
pub struct GeoLookupV1;

/// Lookups, second version.
#[capability(key = "geo.lookup", version = "2.0.0", kind = "apii",
    provides(operation("geo.place.search@1.0.0"), operation("geo.place.near@1.0.0")))]
pub struct GeoLookupV2;

/// Get a place.
#[query(key = "geo.place.get", version = "1.0.0", capability = "geo.lookup@1.0.0",
    output = Place, policy(auth = "user"))]
#[derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema, Model)]
pub struct GetPlace {}

/// Search places: pinned to the broken version.
#[query(key = "geo.place.search", version = "1.0.0", capability = "geo.lookup@2.0.0",
    output = Place, policy(auth = "user"))]
#[derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema, Model)]
pub struct SearchPlaces {}

/// Places nearby: unpinned, so it may mean the broken version.
#[query(key = "geo.place.near", version = "1.0.0", capability = "geo.lookup",
    output = Place, policy(auth = "user"))]
#[derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema, Model)]
pub struct NearbyPlaces {}

/// Route between places: pinned to a version nobody declares.
#[query(key = "geo.place.route", version = "1.0.0", capability = "geo.lookup@3.0.0",
    output = Place, policy(auth = "user"))]
#[derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema, Model)]
pub struct RoutePlaces {}

#[derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema, Model)]
pub struct Place {}

registry! {
    pub static REGISTRY;
    defaults(owners = ["team.geo"], stability = "beta");
    contracts(GeoLookupV1, GeoLookupV2, GetPlace, SearchPlaces, NearbyPlaces, RoutePlaces);
}

fn main() {}
