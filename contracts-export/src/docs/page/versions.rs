//! The versions of a key side by side, what changed between them (from a [`Changelog`]), and
//! the notices of deprecated or superseded versions.

use super::builder::Sections;
use super::fields::flattened_fields;
use super::model::{Block, Inline, Notice, Table, Text, Tone};
use super::text::{code_list, headers};
use super::PageBuilder;
use contracts_core::{Contract, ModelInfo, Stability};

/// What changed between two versions of a contract, from a record the registry does not hold
/// (a lock file of the contracts as released). The docs show it in the versions table of every
/// key with several versions; without a changelog that column is left out.
///
/// ```
/// use contracts_core::{capability, query, registry, Contract, Model};
/// use contracts_export::docs::{Change, Changelog, Format, Pages};
///
/// /// Reads the weather.
/// #[capability(key = "weather.read", version = "1.0.0", kind = "api", provides(
///     operation("weather.forecast.get@1.0.0"), operation("weather.forecast.get@2.0.0")))]
/// pub struct WeatherRead;
///
/// /// Gets a forecast.
/// #[query(key = "weather.forecast.get", version = "1.0.0", capability = "weather.read",
///     output = Forecast, policy(auth = "anonymous"))]
/// #[derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema, Model)]
/// pub struct ForecastV1 { pub city: String }
///
/// /// Gets a forecast, for several days.
/// #[query(key = "weather.forecast.get", version = "2.0.0", capability = "weather.read",
///     output = Forecast, policy(auth = "anonymous"))]
/// #[derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema, Model)]
/// pub struct ForecastV2 { pub city: String, pub days: u8 }
///
/// #[derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema, Model)]
/// pub struct Forecast { pub celsius: f64 }
///
/// registry! {
///     pub static WEATHER;
///     defaults(owners = ["team.weather"], stability = "beta");
///     contracts(WeatherRead, ForecastV1, ForecastV2);
/// }
///
/// struct Lock;
///
/// impl Changelog for Lock {
///     fn changes(&self, older: &Contract, newer: &Contract) -> Vec<Change> {
///         vec![Change {
///             breaking: true,
///             summary: format!("`days` is required from {} on", newer.version()).into(),
///         }]
///     }
/// }
///
/// # fn main() {
/// let pages = Pages::with_changelog(&WEATHER, &Lock);
/// let site = pages.site(Format::Markdown);
/// let page = site.get("contracts/weather.forecast.get@2.0.0.md").unwrap();
/// assert!(page.contains("| Version | Stability | Auth | Input | Output | Emits | Errors | Changes |"));
/// assert!(page.contains("| _breaking_ \\`days\\` is required from 2.0.0 on |"));
/// # }
/// ```
pub trait Changelog {
    /// The changes from `older` to `newer`, two versions of one key (`older` precedes `newer`);
    /// empty when none are recorded.
    fn changes(&self, older: &Contract, newer: &Contract) -> Vec<Change>;
}

/// One change between two versions of a contract.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    /// Whether a client of the older version can break on the newer one.
    pub breaking: bool,
    /// What changed, in one line.
    pub summary: Text,
}

impl PageBuilder<'_> {
    /// The notices of a contract's page: deprecated, or superseded by a later version.
    pub(crate) fn notices(&self, contract: &Contract) -> Vec<Notice> {
        let versions = self.registry.versions(contract.key());
        let newer = versions
            .iter()
            .rev()
            .map(|e| e.contract())
            .take_while(|c| c.version() != contract.version());
        let mut replacement = None;
        let mut latest = None;
        for candidate in newer {
            latest = latest.or(Some(candidate));
            if candidate.meta().stability != Stability::Deprecated && replacement.is_none() {
                replacement = Some(candidate);
            }
        }
        if contract.meta().stability == Stability::Deprecated {
            let text = contract.meta().deprecation().unwrap_or_default();
            let mut content = vec![Inline::Text(text.into())];
            if let Some(replacement) = replacement {
                content.push(Inline::Text(" Use ".into()));
                content.extend(self.contract_link(&replacement));
                content.push(Inline::Text(" instead.".into()));
            }
            return vec![Notice {
                tone: Tone::Warning,
                title: "Deprecated".into(),
                content,
            }];
        }
        match latest {
            Some(latest) => {
                let mut content = vec![Inline::Text("The latest version is ".into())];
                content.extend(self.contract_link(&latest));
                content.push(Inline::Text(".".into()));
                vec![Notice {
                    tone: Tone::Info,
                    title: "Newer version".into(),
                    content,
                }]
            }
            None => Vec::new(),
        }
    }

    /// Every version of the key side by side, oldest first, when there are several: what a
    /// client sees of each, and the changes from the one before when a changelog records them.
    pub(crate) fn versions(&self, s: &mut Sections, contract: &Contract) {
        let versions: Vec<Contract> = self
            .registry
            .versions(contract.key())
            .iter()
            .map(|e| e.contract())
            .collect();
        if versions.len() < 2 {
            return;
        }
        let columns: &[&'static str] = match contract {
            Contract::Operation(_) => &["Auth", "Input", "Output", "Emits", "Errors"],
            Contract::Event(_) => &["Payload"],
            _ => &["Description"],
        };
        let mut table = Table {
            headers: headers(["Version", "Stability"]),
            rows: Vec::new(),
        };
        table
            .headers
            .extend(columns.iter().map(|c| Text::Borrowed(c)));
        if self.changelog.is_some() {
            table.headers.push("Changes".into());
        }
        for (i, version) in versions.iter().enumerate() {
            let mut row = vec![
                if version.version() == contract.version() {
                    vec![Inline::Strong(
                        format!("{} (this page)", version.version()).into(),
                    )]
                } else {
                    self.version_link(version)
                },
                vec![Inline::Text(version.meta().stability.as_str().into())],
            ];
            match version {
                Contract::Operation(op) => {
                    let emits: Vec<String> = op
                        .emits
                        .iter()
                        .map(|e| format!("{}@{}", e.event.meta.key, e.event.meta.version))
                        .collect();
                    let emits: Vec<&str> = emits.iter().map(String::as_str).collect();
                    let errors: Vec<&str> = op.errors.iter().map(|e| e.code).collect();
                    row.push(vec![Inline::Code(op.policy.auth.as_str().into())]);
                    row.push(field_names(op.input.info));
                    row.push(field_names(op.output.info));
                    row.push(owned_code_list(&emits));
                    row.push(code_list(&errors, "none"));
                }
                Contract::Event(event) => row.push(field_names(event.payload.info)),
                other => row.push(vec![Inline::Text(
                    super::text::first_line(other.meta().description)
                        .to_owned()
                        .into(),
                )]),
            }
            if let Some(changelog) = self.changelog {
                let changes = match i.checked_sub(1) {
                    Some(previous) => changelog.changes(&versions[previous], version),
                    None => Vec::new(),
                };
                let mut cell = Vec::new();
                for (n, change) in changes.into_iter().enumerate() {
                    if n > 0 {
                        cell.push(Inline::Text("; ".into()));
                    }
                    if change.breaking {
                        cell.push(Inline::Badge("breaking".into()));
                        cell.push(Inline::Text(" ".into()));
                    }
                    cell.push(Inline::Text(change.summary));
                }
                row.push(cell);
            }
            table.rows.push(row);
        }
        s.push("Versions", vec![Block::Table(table)]);
    }

    /// `1.0.0`, linked to that version's page.
    fn version_link(&self, contract: &Contract) -> Vec<Inline> {
        let mut link = self.contract_link(contract);
        link.truncate(1);
        if let Some(Inline::Link { text, code, .. }) = link.first_mut() {
            *text = contract.version().as_str().into();
            *code = false;
        }
        link
    }
}

/// The wire names of a model's fields, or what the model is when it has none.
fn field_names(model: &'static ModelInfo) -> Vec<Inline> {
    let names: Vec<&'static str> = flattened_fields(model).iter().map(|f| f.name).collect();
    if names.is_empty() {
        return vec![Inline::Code(model.name.into())];
    }
    code_list(&names, "")
}

/// [`code_list`] of composed text.
fn owned_code_list(values: &[&str]) -> Vec<Inline> {
    if values.is_empty() {
        return vec![Inline::Text("none".into())];
    }
    let mut out = Vec::new();
    for (i, v) in values.iter().enumerate() {
        if i > 0 {
            out.push(Inline::Text(", ".into()));
        }
        out.push(Inline::Code((*v).to_owned().into()));
    }
    out
}
