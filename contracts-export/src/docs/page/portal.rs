//! The pages that gather contracts: one per domain (its flow, capabilities, surfaces, events and
//! contracts), the owners page and the stability page.

use super::builder::Sections;
use super::kinds::OperationSurfaces;
use super::links::{domain_link, owner_anchor, owner_links, page_link, stability_link};
use super::model::{Block, Inline, MetaItem, Page, PageKind, Table, Text};
use super::nav::{DomainNav, Group};
use super::text::{code_list, headers, type_label};
use super::PageBuilder;
use crate::docs::markdown::first_paragraph;
use crate::docs::paths::{domain_path, INDEX, OWNERS, STABILITY};
use contracts_core::{Contract, ContractKind, Stability};
use std::collections::BTreeMap;

impl PageBuilder<'_> {
    /// The pages that gather contracts: each domain's, then the owners and stability pages.
    pub(crate) fn portal_pages(&self) -> Vec<Page> {
        let mut pages: Vec<Page> = self
            .nav
            .domains
            .iter()
            .filter_map(|d| d.name.map(|name| self.domain_page(name, d)))
            .collect();
        pages.push(self.owners_page());
        pages.push(self.stability_page());
        pages
    }

    fn domain_page(&self, name: &'static str, domain: &DomainNav) -> Page {
        let groups: Vec<&Group> = domain.capabilities.iter().chain([&domain.other]).collect();
        let contracts: Vec<Contract> = groups
            .iter()
            .flat_map(|g| g.members.iter().copied())
            .collect();
        let mut owners: Vec<&'static str> = contracts
            .iter()
            .flat_map(|c| c.meta().owners.iter().copied())
            .collect();
        owners.sort_unstable();
        owners.dedup();
        let mut counts = Vec::new();
        for kind in ContractKind::ALL {
            let n = contracts.iter().filter(|c| c.kind() == kind).count();
            if n > 0 {
                counts.push(format!("{n} {}", plural(kind, n)));
            }
        }
        let mut metadata = vec![MetaItem {
            label: "Contracts",
            value: vec![Inline::Text(counts.join(", ").into())],
        }];
        if !owners.is_empty() {
            metadata.push(MetaItem {
                label: "Owners",
                value: owner_links(&owners),
            });
        }
        let mut stabilities: Vec<Stability> =
            contracts.iter().map(|c| c.meta().stability).collect();
        stabilities.sort_unstable();
        stabilities.dedup();
        let mut value = Vec::new();
        for (i, stability) in stabilities.into_iter().enumerate() {
            if i > 0 {
                value.push(Inline::Text(", ".into()));
            }
            value.push(stability_link(stability));
        }
        metadata.push(MetaItem {
            label: "Stability",
            value,
        });

        let mut s = Sections::default();
        let capabilities: Vec<Contract> = domain
            .capabilities
            .iter()
            .filter_map(|g| g.capability)
            .collect();
        let loose: Vec<Contract> = domain
            .other
            .members
            .iter()
            .filter(|c| c.kind().is_operation())
            .copied()
            .collect();
        if let Some(diagram) = self.flow(format!("Flow of {name}"), &capabilities, &loose, None) {
            s.push("Flow", vec![Block::Diagram(diagram)]);
        }
        if !capabilities.is_empty() {
            let rows = domain
                .capabilities
                .iter()
                .filter_map(|g| Some((g.capability?, g)))
                .map(|(cap, group)| {
                    vec![
                        self.listing_link(&cap),
                        vec![Inline::Text(type_label(&cap).into())],
                        vec![Inline::Text((group.members.len() - 1).to_string().into())],
                        vec![Inline::Text(first_paragraph(cap.meta().description).into())],
                    ]
                })
                .collect();
            s.push(
                "Capabilities",
                vec![Block::Table(Table {
                    headers: headers(["Capability", "Type", "Contracts", "Description"]),
                    rows,
                })],
            );
        }
        let operations: Vec<Contract> = contracts
            .iter()
            .filter(|c| c.kind().is_operation())
            .copied()
            .collect();
        if !operations.is_empty() {
            s.push(
                "Surfaces",
                vec![Block::Table(self.surfaces_table(&operations))],
            );
        }
        let events: Vec<Contract> = contracts
            .iter()
            .filter(|c| c.kind() == ContractKind::Event)
            .copied()
            .collect();
        if !events.is_empty() {
            let rows = events
                .iter()
                .map(|event| {
                    let mut emitters = Vec::new();
                    for (op, _) in self.relations.emitters(event) {
                        if !emitters.is_empty() {
                            emitters.push(Inline::Text(", ".into()));
                        }
                        emitters.extend(self.listing_link(&Contract::Operation(op)));
                    }
                    let mut consumers = Vec::new();
                    for edge in self.relations.consumers(event) {
                        if !consumers.is_empty() {
                            consumers.push(Inline::Text(", ".into()));
                        }
                        consumers.extend(self.listing_link(&edge.from));
                    }
                    vec![self.listing_link(event), emitters, consumers]
                })
                .collect();
            let mut table = Table {
                headers: headers(["Event", "Emitted by", "Consumed by"]),
                rows,
            };
            drop_empty_column(&mut table, 2);
            s.push("Events", vec![Block::Table(table)]);
        }
        s.push(
            "Contracts",
            vec![Block::Table(self.contracts_table(&contracts, &["Domain"]))],
        );
        Page {
            path: domain_path(name).into(),
            heading: name.into(),
            kind: PageKind::Domain,
            breadcrumbs: vec![index_crumb()],
            notices: Vec::new(),
            description: Some(format!("The contracts of the `{name}` domain.").into()),
            metadata,
            sections: s.0,
        }
    }

    /// One row per operation: where REST, OpenAPI, MCP and GraphQL serve it.
    pub(crate) fn surfaces_table(&self, operations: &[Contract]) -> Table {
        let rows = operations
            .iter()
            .filter_map(|c| c.as_operation())
            .map(|op| {
                let surfaces = OperationSurfaces::of(op);
                vec![
                    self.listing_link(&Contract::Operation(op)),
                    vec![Inline::Code(surfaces.rest.into())],
                    vec![Inline::Code(surfaces.mcp_tool.into())],
                    vec![Inline::Code(surfaces.graphql.into())],
                ]
            })
            .collect();
        Table {
            headers: headers(["Operation", "REST", "MCP tool", "GraphQL"]),
            rows,
        }
    }

    /// One row per contract: its link, type, domain, stability and the first paragraph of its
    /// description, less the columns named in `without` (what the page already says).
    fn contracts_table(&self, contracts: &[Contract], without: &[&str]) -> Table {
        let mut table = Table {
            headers: headers(["Contract", "Type", "Domain", "Stability", "Description"]),
            rows: contracts
                .iter()
                .map(|c| {
                    let meta = c.meta();
                    vec![
                        self.listing_link(c),
                        vec![Inline::Text(type_label(c).into())],
                        meta.domain.map(domain_link).into_iter().collect(),
                        vec![stability_link(meta.stability)],
                        vec![Inline::Text(first_paragraph(meta.description).into())],
                    ]
                })
                .collect(),
        };
        for name in without {
            if let Some(column) = table.headers.iter().position(|h| h == name) {
                table.headers.remove(column);
                for row in &mut table.rows {
                    row.remove(column);
                }
            }
        }
        table
    }

    fn owners_page(&self) -> Page {
        let mut owned: BTreeMap<&'static str, Vec<Contract>> = BTreeMap::new();
        let mut unowned = Vec::new();
        for contract in self.registry.iter() {
            let owners = contract.meta().owners;
            for owner in owners {
                owned.entry(owner).or_default().push(contract);
            }
            if owners.is_empty() {
                unowned.push(contract);
            }
        }
        let mut s = Sections::default();
        for (owner, contracts) in &owned {
            s.push_anchored(
                *owner,
                owner_anchor(owner),
                vec![Block::Table(self.contracts_table(contracts, &[]))],
            );
        }
        if !unowned.is_empty() {
            s.push(
                "No owner",
                vec![Block::Table(self.contracts_table(&unowned, &[]))],
            );
        }
        let names: Vec<&'static str> = owned.keys().copied().collect();
        Page {
            path: OWNERS.into(),
            heading: "Owners".into(),
            kind: PageKind::Owners,
            breadcrumbs: vec![index_crumb()],
            notices: Vec::new(),
            description: Some(
                format!(
                    "Who owns which contract: {} owners of {} contracts.",
                    owned.len(),
                    self.registry.len()
                )
                .into(),
            ),
            metadata: vec![MetaItem {
                label: "Owners",
                value: code_list(&names, "none"),
            }],
            sections: s.0,
        }
    }

    fn stability_page(&self) -> Page {
        let mut s = Sections::default();
        let mut levels = Vec::new();
        for stability in Stability::ALL {
            let contracts: Vec<Contract> = self.registry.with_stability(stability).collect();
            if contracts.is_empty() {
                continue;
            }
            levels.push(stability.as_str());
            s.push_anchored(
                stability.as_str(),
                stability.as_str().to_owned(),
                vec![
                    Block::Paragraph(vec![Inline::Text(meaning(stability).into())]),
                    Block::Table(self.contracts_table(&contracts, &["Stability"])),
                ],
            );
        }
        Page {
            path: STABILITY.into(),
            heading: "Stability".into(),
            kind: PageKind::Stability,
            breadcrumbs: vec![index_crumb()],
            notices: Vec::new(),
            description: Some(
                "Where each contract is in its lifecycle, from idea to deprecated.".into(),
            ),
            metadata: vec![MetaItem {
                label: "Levels",
                value: code_list(&levels, "none"),
            }],
            sections: s.0,
        }
    }
}

/// The first breadcrumb of every page: the index.
pub(crate) fn index_crumb() -> Inline {
    page_link("Contracts", INDEX, false)
}

/// Removes the column `column` of `table` when none of its cells has content.
pub(crate) fn drop_empty_column(table: &mut Table, column: usize) {
    if table.rows.iter().all(|row| row[column].is_empty()) {
        table.headers.remove(column);
        for row in &mut table.rows {
            row.remove(column);
        }
    }
}

/// What a stability promises a client.
fn meaning(stability: Stability) -> &'static str {
    match stability {
        Stability::Idea => "Proposed, not yet built.",
        Stability::InCreation => "Being built.",
        Stability::Experimental => "Usable, may change without notice.",
        Stability::Beta => "Feature-complete, may still change.",
        Stability::Stable => "Changes only with a new major version.",
        Stability::Deprecated => "Kept for existing callers; do not build on it.",
    }
}

/// `capability`, `capabilities`, `data view`, ...
fn plural(kind: ContractKind, n: usize) -> Text {
    let singular = super::diagram::kind_word(kind);
    match (n, kind) {
        (1, _) => singular.into(),
        (_, ContractKind::Capability) => "capabilities".into(),
        (_, ContractKind::Query) => "queries".into(),
        (_, ContractKind::Policy) => "policies".into(),
        _ => format!("{singular}s").into(),
    }
}
