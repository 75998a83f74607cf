//! Sections of policies and features.

use crate::docs::page::builder::Sections;
use crate::docs::page::model::{Block, Inline, Table};
use crate::docs::page::text::{code_list, first_line, headers, non_empty};
use crate::docs::page::PageBuilder;
use contracts_core::descriptors::{FeatureDescriptor, PolicyDescriptor};
use contracts_core::ContractRef;

impl PageBuilder<'_> {
    pub(crate) fn policy(&self, s: &mut Sections, policy: &'static PolicyDescriptor) {
        s.push(
            "Scope",
            vec![Block::Paragraph(vec![Inline::Text(
                policy
                    .scope
                    .map(|scope| scope.as_str())
                    .unwrap_or("unspecified")
                    .into(),
            )])],
        );
        let rows = policy
            .rules
            .iter()
            .enumerate()
            .map(|(i, rule)| {
                let conditions: Vec<&str> = rule.conditions.iter().map(|c| c.expression).collect();
                vec![
                    vec![Inline::Text((i + 1).to_string().into())],
                    vec![Inline::Strong(rule.effect.as_str().into())],
                    code_list(rule.actions, ""),
                    code_list(rule.roles, "any"),
                    match &rule.resource {
                        Some(resource) => vec![Inline::Code(resource.kind.into())],
                        None => vec![Inline::Text("any".into())],
                    },
                    code_list(&conditions, ""),
                    code_list(rule.flags, ""),
                    match &rule.escalate {
                        Some(e) => vec![Inline::Code(e.as_str().into())],
                        None => vec![],
                    },
                    vec![Inline::Text(rule.reason.unwrap_or("").into())],
                ]
            })
            .collect();
        s.push(
            "Rules",
            vec![Block::Table(Table {
                headers: headers([
                    "#",
                    "Effect",
                    "Actions",
                    "Roles",
                    "Resource",
                    "Conditions",
                    "Flags",
                    "Escalation",
                    "Reason",
                ]),
                rows,
            })],
        );
    }

    pub(crate) fn feature(&self, s: &mut Sections, feature: &'static FeatureDescriptor) {
        let groups: [(&str, &'static [ContractRef]); 7] = [
            ("Operations", feature.operations),
            ("Events", feature.events),
            ("Presentations", feature.presentations),
            ("Capabilities Provided", feature.provides),
            ("Data Views", feature.data_views),
            ("Forms", feature.forms),
            ("Policies", feature.policies),
        ];
        for (title, refs) in groups {
            if refs.is_empty() {
                continue;
            }
            let items = refs
                .iter()
                .map(|r| {
                    let mut item = self.reference_link(r);
                    if let Some(c) = self.registry.resolve(r) {
                        if let Some(description) = non_empty(c.meta().description) {
                            item.push(Inline::Text(
                                format!(": {}", first_line(&description)).into(),
                            ));
                        }
                    }
                    item
                })
                .collect();
            s.push(
                format!("{title} ({})", refs.len()),
                vec![Block::List(items)],
            );
        }
        if !feature.requires.is_empty() {
            s.push(
                format!("Capabilities Required ({})", feature.requires.len()),
                vec![Block::Table(self.requirements_table(feature.requires))],
            );
        }
        if !feature.docs.is_empty() {
            let items = feature.docs.iter().map(|id| self.doc_link(id)).collect();
            s.push(
                format!("Doc Blocks ({})", feature.docs.len()),
                vec![Block::List(items)],
            );
        }
    }
}
