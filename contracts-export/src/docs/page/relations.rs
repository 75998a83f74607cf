//! Sections built from the registry's reverse relations: the capability a contract claims and
//! the capabilities providing it, and who uses it.

use super::builder::Sections;
use super::links::add_note;
use super::model::{Block, Inline};
use super::text::type_label;
use super::PageBuilder;
use contracts_core::relations::{Edge, Relation};
use contracts_core::Contract;

impl PageBuilder<'_> {
    pub(crate) fn providers_list(&self, contract: &Contract) -> Option<Block> {
        let items: Vec<Vec<Inline>> = self
            .relations
            .providers(contract)
            .map(|(cap, provided)| {
                let mut item = self.contract_link(&Contract::Capability(cap));
                if let Some(description) = provided.description {
                    item.push(Inline::Text(format!(": {description}").into()));
                }
                item
            })
            .collect();
        (!items.is_empty()).then_some(Block::List(items))
    }

    /// The capability a contract claims and the capabilities that provide it.
    pub(crate) fn capability_section(&self, s: &mut Sections, contract: &Contract) {
        let mut blocks = Vec::new();
        match contract.capability() {
            Some(claimed) => {
                let mut claim = vec![Inline::Strong("Claims".into()), Inline::Text(": ".into())];
                claim.extend(self.reference_link(claimed));
                blocks.push(Block::Paragraph(claim));
                let claimed = self
                    .registry
                    .resolve(claimed)
                    .and_then(|c| c.as_capability());
                if let Some(cap) = claimed.filter(|c| !c.requires.is_empty()) {
                    let mut line = vec![
                        Inline::Strong("Which requires".into()),
                        Inline::Text(": ".into()),
                    ];
                    for (i, requirement) in cap.requires.iter().enumerate() {
                        if i > 0 {
                            line.push(Inline::Text(", ".into()));
                        }
                        let mut link = self.reference_link(&requirement.capability);
                        if requirement.optional {
                            add_note(&mut link, "optional");
                        }
                        line.extend(link);
                    }
                    blocks.push(Block::Paragraph(line));
                }
            }
            None => blocks.push(Block::Paragraph(vec![Inline::Text(
                "Claims no capability.".into(),
            )])),
        }
        match self.providers_list(contract) {
            Some(list) => {
                blocks.push(Block::Paragraph(vec![Inline::Strong("Provided by".into())]));
                blocks.push(list);
            }
            None => blocks.push(Block::Paragraph(vec![Inline::Text(
                "Provided by no capability.".into(),
            )])),
        }
        s.push("Capability", blocks);
    }

    /// Reverse relations shared by every kind: data views, forms, policies' operations and
    /// features that use the contract.
    pub(crate) fn used_by(&self, s: &mut Sections, contract: &Contract) {
        let edges = self.relations.to(contract);
        let mut items = Vec::new();
        let mut push = |edge: &Edge, role: Vec<Inline>| {
            let mut item = self.contract_link(&edge.from);
            item.extend(role);
            items.push(item);
        };
        let text = |text: String| vec![Inline::Text(text.into())];
        for edge in edges {
            if let Relation::ViewSource(source) = edge.relation {
                push(edge, text(format!(", data view ({})", source.as_str())));
            }
        }
        for edge in edges {
            if let Relation::Action(action) = edge.relation {
                let role = vec![
                    Inline::Text(", form (action ".into()),
                    Inline::Code(action.key.into()),
                    Inline::Text(")".into()),
                ];
                push(edge, role);
            }
        }
        for edge in edges {
            if let Relation::UsesPolicy = edge.relation {
                push(edge, text(format!(", {}", type_label(&edge.from))));
            }
        }
        for edge in edges {
            let role = match (edge.from, edge.relation) {
                (Contract::Feature(_), Relation::Member(member)) => member.as_str(),
                (Contract::Feature(_), Relation::Requires(_)) => "required capability",
                _ => continue,
            };
            push(edge, text(format!(", feature ({role})")));
        }
        if !items.is_empty() {
            s.push("Used By", vec![Block::List(items)]);
        }
    }
}
