//! Sections of capabilities.

use crate::docs::page::builder::Sections;
use crate::docs::page::model::{Block, Inline, Table};
use crate::docs::page::text::{headers, type_label, yes_no};
use crate::docs::page::PageBuilder;
use contracts_core::descriptors::{CapabilityDescriptor, Requirement, Surface};
use contracts_core::relations::{same, Relation};
use contracts_core::Contract;

impl PageBuilder<'_> {
    pub(crate) fn capability(&self, s: &mut Sections, cap: &'static CapabilityDescriptor) {
        let contract = Contract::Capability(cap);
        if cap.provides.is_empty() {
            s.push(
                "Provides",
                vec![Block::Paragraph(vec![Inline::Text("Nothing.".into())])],
            );
        } else {
            let rows = cap
                .provides
                .iter()
                .map(|p| {
                    let target = match self.registry.resolve(&p.target) {
                        Some(c) if c.surface() == Some(p.surface) => self.contract_link(&c),
                        _ if matches!(p.surface, Surface::Workflow | Surface::Resource) => {
                            let mut item = vec![Inline::Code(p.target.key.into())];
                            if let Some(v) = &p.target.version {
                                item.push(Inline::Text(format!(" (v{v})").into()));
                            }
                            item
                        }
                        _ => self.reference_link(&p.target),
                    };
                    vec![
                        vec![Inline::Text(p.surface.as_str().into())],
                        target,
                        vec![Inline::Text(p.description.unwrap_or("").into())],
                    ]
                })
                .collect();
            s.push(
                "Provides",
                vec![Block::Table(Table {
                    headers: headers(["Surface", "Contract", "Description"]),
                    rows,
                })],
            );
        }
        let title = format!("Flow of {}", cap.meta.key);
        if let Some(diagram) = self.flow(title, &[contract], &[], Some(&contract)) {
            s.push("Flow", vec![Block::Diagram(diagram)]);
        }
        let mut operations: Vec<Contract> = Vec::new();
        for member in self
            .registry
            .provided_by(cap)
            .chain(self.relations.claimants(&contract))
        {
            if member.kind().is_operation() && !operations.iter().any(|o| same(o, &member)) {
                operations.push(member);
            }
        }
        if !operations.is_empty() {
            s.push(
                "Surfaces",
                vec![Block::Table(self.surfaces_table(&operations))],
            );
        }
        if !cap.requires.is_empty() {
            s.push(
                "Requires",
                vec![Block::Table(self.requirements_table(cap.requires))],
            );
        }
        if let Some(extends) = &cap.extends {
            s.push(
                "Extends",
                vec![Block::Paragraph(self.reference_link(extends))],
            );
        }
        let rows: Vec<_> = self
            .relations
            .claimants(&contract)
            .map(|c| {
                let listed = self.registry.provided_by(cap).any(|p| same(&p, &c));
                vec![
                    self.contract_link(&c),
                    vec![Inline::Text(type_label(&c).into())],
                    vec![Inline::Text(yes_no(listed).into())],
                ]
            })
            .collect();
        if !rows.is_empty() {
            s.push(
                "Claimed By",
                vec![Block::Table(Table {
                    headers: headers(["Contract", "Type", "Listed in provides"]),
                    rows,
                })],
            );
        }
        let mut items = Vec::new();
        for edge in self.relations.to(&contract) {
            if let (Contract::Capability(_), Relation::Requires(requirement)) =
                (edge.from, edge.relation)
            {
                let mut item = self.contract_link(&edge.from);
                item.push(Inline::Text(if requirement.optional {
                    " requires it (optional)".into()
                } else {
                    " requires it".into()
                }));
                if let Some(reason) = requirement.reason {
                    item.push(Inline::Text(format!(": {reason}").into()));
                }
                items.push(item);
            }
        }
        for edge in self.relations.to(&contract) {
            if let Relation::Extends = edge.relation {
                let mut item = self.contract_link(&edge.from);
                item.push(Inline::Text(" extends it".into()));
                items.push(item);
            }
        }
        if !items.is_empty() {
            s.push("Dependents", vec![Block::List(items)]);
        }
    }

    pub(crate) fn requirements_table(&self, requires: &'static [Requirement]) -> Table {
        Table {
            headers: headers(["Capability", "Kind", "Optional", "Reason"]),
            rows: requires
                .iter()
                .map(|r| {
                    vec![
                        self.reference_link(&r.capability),
                        vec![Inline::Text(
                            r.kind.map(|k| k.as_str()).unwrap_or("any").into(),
                        )],
                        vec![Inline::Text(yes_no(r.optional).into())],
                        vec![Inline::Text(r.reason.unwrap_or("").into())],
                    ]
                })
                .collect(),
        }
    }
}
