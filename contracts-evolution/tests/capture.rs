//! The lock read from real declarations: every shape a `Model` describes (optional, list,
//! enum, nested, flattened, map, closed or open objects), two versions of a key
//! classified against each other, and the docs' version history filled from the same rules.

use contracts_core::{capability, event, query, registry, ErrorCatalog, Model};
use contracts_evolution::rules::Level;
use contracts_evolution::{verdict, Lock, SurfaceChangelog};
use contracts_export::docs::{Format, Pages};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Reads the weather.
#[capability(
    key = "weather.read",
    version = "1.0.0",
    kind = "api",
    provides(
        operation("weather.forecast.get@1.0.0"),
        operation("weather.forecast.get@2.0.0"),
        event("weather.alert.raised@1.0.0"),
    )
)]
pub struct WeatherRead;

/// Why a forecast is refused.
#[derive(Debug, ErrorCatalog)]
pub enum ForecastError {
    /// No such city.
    #[contract_error(http = 404, when = "The city is unknown.")]
    UnknownCity,
}

/// Gets a forecast.
#[query(key = "weather.forecast.get", version = "1.0.0", capability = "weather.read",
    output = Forecast, errors = ForecastError, policy(auth = "anonymous"))]
#[derive(Serialize, Deserialize, JsonSchema, Model)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ForecastV1 {
    pub city_name: String,
    pub days: Option<u8>,
}

/// Gets a forecast, for a region.
#[query(key = "weather.forecast.get", version = "2.0.0", capability = "weather.read",
    output = Forecast, policy(auth = "user"))]
#[derive(Serialize, Deserialize, JsonSchema, Model)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ForecastV2 {
    pub city_name: String,
    pub region: String,
    pub days: Option<u16>,
}

/// A forecast.
#[derive(Serialize, Deserialize, JsonSchema, Model)]
#[serde(rename_all = "camelCase")]
pub struct Forecast {
    pub days: Vec<Day>,
    pub sky: Sky,
    #[serde(flatten)]
    pub source: Source,
    pub extra: BTreeMap<String, String>,
    pub area: Area,
}

/// One day.
#[derive(Serialize, Deserialize, JsonSchema, Model)]
#[serde(deny_unknown_fields)]
pub struct Day {
    pub celsius: f64,
    #[serde(default)]
    pub note: String,
}

/// The sky.
#[derive(Serialize, Deserialize, JsonSchema, Model)]
#[serde(rename_all = "lowercase")]
pub enum Sky {
    Clear,
    Cloudy,
}

/// Where the forecast comes from.
#[derive(Serialize, Deserialize, JsonSchema, Model)]
pub struct Source {
    pub station: String,
}

/// An area and its neighbours.
#[derive(Serialize, Deserialize, JsonSchema, Model)]
pub struct Area {
    pub name: String,
    pub neighbours: Option<Vec<Source>>,
}

/// Raised when a storm is coming.
#[event(
    key = "weather.alert.raised",
    version = "1.0.0",
    capability = "weather.read"
)]
#[derive(Serialize, Deserialize, JsonSchema, Model)]
pub struct AlertRaised {
    pub level: Option<Sky>,
}

registry! {
    pub static WEATHER;
    defaults(owners = ["team.weather"], stability = "stable");
    contracts(WeatherRead, ForecastV1, ForecastV2, AlertRaised);
}

/// The block of `id` without its fingerprint line, which must be the last and must hold the
/// fingerprints the build computes for the contract.
fn block(text: &str, id: &str) -> String {
    let start = text.find(&format!("contract {id}\n")).unwrap();
    let end = text[start..]
        .find("\n\n")
        .map_or(text.len(), |i| start + i + 1);
    let (facts, fingerprint) = text[start..end]
        .trim_end()
        .rsplit_once('\n')
        .expect("a block with facts");
    let (key, version) = id.split_once('@').unwrap();
    let contract = WEATHER.get(key, version).unwrap();
    let parts = contracts_core::checks::fingerprints(&contract);
    let value = fingerprint
        .strip_prefix("  fingerprint ")
        .expect("the fingerprint line last");
    assert_eq!(contracts_syntax::parse_fingerprints(value).unwrap(), parts);
    format!("{facts}\n")
}

#[test]
fn the_lock_records_every_shape() {
    let text = Lock::of(&WEATHER).to_text();
    assert_eq!(
        block(&text, "weather.forecast.get@1.0.0"),
        "contract weather.forecast.get@1.0.0
  kind query
  stability stable
  auth anonymous
  idempotent true
  http GET /weather/forecast/get/v1.0.0
  mcp weather_forecast_get-v1_0_0
  graphql weather_forecast_get_v1_0_0
  capability weather.read
  error UNKNOWN_CITY 404
  input: object closed
  input.cityName: String
  input.days?: u8
  output: object
  output.days: object[] closed
  output.days.celsius: f64
  output.days.note?: String
  output.sky: enum(\"clear\", \"cloudy\")
  output.station: String
  output.extra: Map
  output.area: object
  output.area.name: String
  output.area.neighbours?: object[]
  output.area.neighbours.station: String
"
    );
    assert_eq!(
        block(&text, "weather.alert.raised@1.0.0"),
        "contract weather.alert.raised@1.0.0
  kind event
  stability stable
  capability weather.read
  payload: object
  payload.level?: enum(\"clear\", \"cloudy\")
"
    );
    assert_eq!(Lock::parse(&text).unwrap().to_text(), text);
}

#[test]
fn a_new_major_version_may_break_its_predecessor() {
    let all = Lock::of(&WEATHER);
    let v1: Vec<_> = all
        .entries()
        .iter()
        .filter(|e| e.id() != "weather.forecast.get@2.0.0")
        .cloned()
        .collect();
    let report = verdict::compare(&Lock::from_entries(v1), &all);
    let lines: Vec<String> = report
        .findings
        .iter()
        .map(|f| format!("{} {} {}", f.level, f.rule.id, f.message))
        .collect();
    let id = "`weather.forecast.get@2.0.0`";
    assert_eq!(
        lines,
        [
            format!("info CONTRACT_ADDED {id} is a new version of `weather.forecast.get@1.0.0`, not locked yet; run `contracts lock`"),
            format!("info OP_AUTH_RAISED auth of {id} went from anonymous to user"),
            format!("info OP_ERROR_REMOVED error `UNKNOWN_CITY` of {id} was removed"),
            format!("info REQ_TYPE_WIDENED field `days` of {id} input was widened from u8 to u16"),
            format!("info REQ_FIELD_ADDED_REQUIRED required field `region` of {id} input was added"),
        ]
    );
    assert!(report.findings.iter().all(|f| f.level == Level::Info));
}

#[test]
fn the_docs_show_what_changed_between_versions() {
    let pages = Pages::with_changelog(&WEATHER, &SurfaceChangelog);
    let site = pages.site(Format::Markdown);
    let page = site.get("contracts/weather.forecast.get@2.0.0.md").unwrap();
    assert!(page.contains("| Changes |"), "{page}");
    assert!(
        page.contains(
            "_breaking_ auth of \\`weather.forecast.get@2.0.0\\` went from anonymous to user"
        ),
        "{page}"
    );
}
