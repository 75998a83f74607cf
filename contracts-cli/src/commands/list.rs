//! `contracts list`.

use super::json_string;
use crate::lookup::{did_you_mean, nearest};
use crate::{validate, Ctx, Failure, ListArgs, ListFormat, Outcome};
use contracts_core::{Contract, ContractKind};
use contracts_export::docs;
use std::collections::BTreeSet;

impl Ctx<'_> {
    pub(crate) fn list(&mut self, args: &ListArgs) -> Outcome {
        let registry = self.registry;
        let kinds: Option<Vec<ContractKind>> = match &args.kind {
            None => None,
            Some(k)
                if k.eq_ignore_ascii_case("operation") || k.eq_ignore_ascii_case("operations") =>
            {
                Some(vec![ContractKind::Command, ContractKind::Query])
            }
            Some(k) => match ContractKind::parse(k.trim_end_matches('s'))
                .or_else(|| ContractKind::parse(k))
            {
                Some(kind) => Some(vec![kind]),
                None => {
                    let names: Vec<&str> = ContractKind::ALL.iter().map(|k| k.as_str()).collect();
                    return Err(Failure(format!(
                        "unknown kind `{k}`{} (kinds: {}, and operation for both commands and queries)",
                        did_you_mean(nearest(k, names.iter().copied())),
                        names.join(", ")
                    )));
                }
            },
        };
        let check_value =
            |field: &str, value: &Option<String>, all: BTreeSet<&'static str>| match value {
                Some(v) if !all.contains(v.as_str()) => Err(Failure(format!(
                    "no contract has {field} `{v}`{}",
                    did_you_mean(nearest(v, all.iter().copied()))
                ))),
                _ => Ok(()),
            };
        check_value(
            "domain",
            &args.domain,
            registry.iter().filter_map(|c| c.meta().domain).collect(),
        )?;
        check_value(
            "tag",
            &args.tag,
            registry
                .iter()
                .flat_map(|c| c.meta().tags.iter().copied())
                .collect(),
        )?;
        check_value(
            "owner",
            &args.owner,
            registry
                .iter()
                .flat_map(|c| c.meta().owners.iter().copied())
                .collect(),
        )?;
        let capability = match &args.capability {
            None => None,
            Some(reference) => {
                let contract = self.find(reference, "capability")?;
                match contract.as_capability() {
                    Some(cap) => Some(cap),
                    None => {
                        return Err(Failure(format!(
                            "`{reference}` is {}, not a capability",
                            validate::with_article(&docs::type_label(&contract))
                        )))
                    }
                }
            }
        };
        let provided: BTreeSet<(&str, &str)> = capability
            .map(|cap| {
                registry
                    .provided_by(cap)
                    .map(|c| (c.key(), c.version().as_str()))
                    .collect()
            })
            .unwrap_or_default();
        let selected: Vec<Contract> = registry
            .iter()
            .filter(|c| kinds.as_ref().is_none_or(|k| k.contains(&c.kind())))
            .filter(|c| {
                args.domain
                    .as_deref()
                    .is_none_or(|d| c.meta().domain == Some(d))
            })
            .filter(|c| args.tag.as_deref().is_none_or(|t| c.meta().has_tag(t)))
            .filter(|c| args.owner.as_deref().is_none_or(|o| c.meta().has_owner(o)))
            .filter(|c| match capability {
                None => true,
                Some(cap) => {
                    provided.contains(&(c.key(), c.version().as_str()))
                        || c.capability()
                            .and_then(|r| registry.resolve(r))
                            .is_some_and(|claimed| {
                                claimed.key() == cap.meta.key
                                    && claimed.version() == &cap.meta.version
                            })
                }
            })
            .collect();
        match args.format {
            ListFormat::Json => {
                let rows: Vec<ListRow> = selected.iter().map(list_json).collect();
                writeln!(self.out, "{}", json_string(&rows)?)?;
            }
            ListFormat::Table => {
                let headers = ["KIND", "KEY", "VERSION", "STABILITY", "DOMAIN", "TITLE"];
                let rows: Vec<[String; 6]> = selected
                    .iter()
                    .map(|c| {
                        let meta = c.meta();
                        [
                            c.kind().as_str().to_owned(),
                            meta.key.to_owned(),
                            meta.version.to_string(),
                            meta.stability.as_str().to_owned(),
                            meta.domain.unwrap_or("-").to_owned(),
                            meta.title
                                .map(str::to_owned)
                                .unwrap_or_else(|| first_line(meta.description)),
                        ]
                    })
                    .collect();
                let mut widths = headers.map(str::len);
                for row in &rows {
                    for (i, cell) in row.iter().enumerate() {
                        widths[i] = widths[i].max(cell.chars().count());
                    }
                }
                let line = |cells: &[&str]| {
                    let mut line = String::new();
                    for (i, cell) in cells.iter().enumerate() {
                        if i + 1 == cells.len() {
                            line.push_str(cell);
                        } else {
                            line.push_str(&format!("{cell:width$}  ", width = widths[i]));
                        }
                    }
                    line.trim_end().to_owned()
                };
                writeln!(self.out, "{}", line(&headers))?;
                for row in &rows {
                    let cells: Vec<&str> = row.iter().map(String::as_str).collect();
                    writeln!(self.out, "{}", line(&cells))?;
                }
            }
        }
        Ok(0)
    }
}

/// One row of `contracts list --format json`.
#[derive(serde::Serialize)]
struct ListRow {
    key: &'static str,
    version: &'static str,
    kind: &'static str,
    #[serde(rename = "type")]
    type_label: String,
    title: Option<&'static str>,
    description: &'static str,
    domain: Option<&'static str>,
    owners: &'static [&'static str],
    tags: &'static [&'static str],
    stability: &'static str,
    capability: Option<String>,
    file: String,
    #[serde(rename = "crate")]
    crate_name: &'static str,
}

fn list_json(contract: &Contract) -> ListRow {
    let meta = contract.meta();
    ListRow {
        key: meta.key,
        version: meta.version.as_str(),
        kind: contract.kind().as_str(),
        type_label: docs::type_label(contract),
        title: meta.title,
        description: meta.description,
        domain: meta.domain,
        owners: meta.owners,
        tags: meta.tags,
        stability: meta.stability.as_str(),
        capability: contract.capability().map(|c| c.to_string()),
        file: format!("{}:{}", meta.source.file, meta.source.line),
        crate_name: meta.source.crate_name(),
    }
}

fn first_line(text: &str) -> String {
    text.trim().lines().next().unwrap_or("").to_owned()
}
