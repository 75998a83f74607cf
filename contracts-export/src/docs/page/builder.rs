//! The page of a contract and of a doc block: metadata, then the sections of its kind, then
//! what every page has (reverse relations, documentation, other versions, source).

use super::links::filter_links;
use super::model::{Block, Inline, MetaItem, Page, PageKind, Section, Target, Text};
use super::text::{labelled, markdown, meta_text, non_empty, slug, type_label, unique_tags};
use super::PageBuilder;
use crate::docs::paths::{contract_path, doc_path};
use contracts_core::descriptors::{DocBlockDescriptor, Source};
use contracts_core::Contract;

impl PageBuilder<'_> {
    /// The page of a contract.
    pub fn contract_page(&self, contract: Contract) -> Page {
        let meta = contract.meta();
        let mut page = Page {
            path: contract_path(&contract).into(),
            heading: meta.key.into(),
            kind: PageKind::Contract(contract.kind()),
            description: non_empty(meta.description),
            metadata: self.metadata(&contract),
            sections: Vec::new(),
        };
        let mut s = Sections::default();
        if let Some(goal) = meta.goal {
            s.push("Goal", vec![markdown(goal, 2)]);
        }
        if let Some(context) = meta.context {
            s.push("Context", vec![markdown(context, 2)]);
        }
        match contract {
            Contract::Operation(op) => self.operation(&mut s, op),
            Contract::Event(event) => self.event(&mut s, event),
            Contract::Capability(cap) => self.capability(&mut s, cap),
            Contract::Presentation(p) => self.presentation(&mut s, p),
            Contract::DataView(view) => self.data_view(&mut s, view),
            Contract::Form(form) => self.form(&mut s, form),
            Contract::Policy(policy) => self.policy(&mut s, policy),
            Contract::Feature(feature) => self.feature(&mut s, feature),
        }
        self.used_by(&mut s, &contract);
        self.documentation(&mut s, meta.doc_ids);
        self.other_versions(&mut s, &contract);
        source_definition(&mut s, &meta.source);
        page.sections = s.0;
        page
    }

    /// The page of a doc block.
    pub fn doc_page(&self, block: &'static DocBlockDescriptor) -> Page {
        let mut metadata = vec![meta_text("Title", block.title)];
        metadata.push(meta_text("Kind", block.kind));
        metadata.push(meta_text("Visibility", block.visibility));
        if let Some(route) = block.route {
            metadata.push(MetaItem {
                label: "Route",
                value: vec![Inline::Code(route.into())],
            });
        }
        if !block.tags.is_empty() {
            metadata.push(MetaItem {
                label: "Tags",
                value: filter_links("tag", &unique_tags(block.tags)),
            });
        }
        metadata.push(file_item(&block.source));
        let mut s = Sections::default();
        s.push("Content", vec![markdown(block.body, 2)]);
        let mut items: Vec<Vec<Inline>> = Vec::new();
        let references = self.relations.doc_references(block.id);
        for user in references.iter().filter(|r| !r.feature_docs) {
            let mut item = self.contract_link(&user.contract);
            item.push(Inline::Text(
                format!(", {}", type_label(&user.contract)).into(),
            ));
            items.push(item);
        }
        for feature in references.iter().filter(|r| r.feature_docs) {
            let mut item = self.contract_link(&feature.contract);
            item.push(Inline::Text(", feature".into()));
            items.push(item);
        }
        if !items.is_empty() {
            s.push("Referenced By", vec![Block::List(items)]);
        }
        source_definition(&mut s, &block.source);
        Page {
            path: doc_path(block.id).into(),
            heading: block.id.into(),
            kind: PageKind::DocBlock,
            description: block.summary.and_then(non_empty),
            metadata,
            sections: s.0,
        }
    }

    pub(crate) fn metadata(&self, contract: &Contract) -> Vec<MetaItem> {
        let meta = contract.meta();
        let mut items = Vec::new();
        if let Some(title) = meta.title {
            items.push(meta_text("Title", title));
        }
        items.push(MetaItem {
            label: "Type",
            value: vec![Inline::Link {
                text: type_label(contract).into(),
                code: false,
                target: Target::IndexFilter {
                    field: "kind",
                    value: contract.kind().as_str().into(),
                },
            }],
        });
        items.push(meta_text("Version", meta.version.as_str()));
        items.push(MetaItem {
            label: "Stability",
            value: filter_links("stability", &[meta.stability.as_str()]),
        });
        if !meta.owners.is_empty() {
            items.push(MetaItem {
                label: "Owners",
                value: filter_links("owner", meta.owners),
            });
        }
        if !meta.tags.is_empty() {
            items.push(MetaItem {
                label: "Tags",
                value: filter_links("tag", &unique_tags(meta.tags)),
            });
        }
        if let Some(domain) = meta.domain {
            items.push(MetaItem {
                label: "Domain",
                value: filter_links("domain", &[domain]),
            });
        }
        items.push(file_item(&meta.source));
        items
    }

    pub(crate) fn documentation(&self, s: &mut Sections, doc_ids: &'static [&'static str]) {
        if doc_ids.is_empty() {
            return;
        }
        let mut blocks = Vec::new();
        for id in doc_ids {
            match self.registry.doc_block(id) {
                Some(block) => {
                    let mut content = Vec::new();
                    let mut facts = vec![labelled(
                        "Id",
                        vec![Inline::Link {
                            text: block.id.into(),
                            code: true,
                            target: Target::Page {
                                path: doc_path(block.id).into(),
                                anchor: None,
                            },
                        }],
                    )];
                    if let Some(summary) = block.summary {
                        facts.push(labelled("Summary", vec![Inline::Text(summary.into())]));
                    }
                    facts.push(labelled(
                        "Kind",
                        vec![Inline::Text(
                            format!("{}, {}", block.kind, block.visibility).into(),
                        )],
                    ));
                    if let Some(route) = block.route {
                        facts.push(labelled("Route", vec![Inline::Code(route.into())]));
                    }
                    content.push(Block::List(facts));
                    content.push(markdown(block.body, 3));
                    blocks.push(Block::Subsection {
                        title: vec![Inline::Text(block.title.into())],
                        anchor: format!("doc-{}", slug(block.id)).into(),
                        blocks: content,
                    });
                }
                None => blocks.push(Block::Paragraph(self.doc_link(id))),
            }
        }
        s.push("Documentation", blocks);
    }

    pub(crate) fn other_versions(&self, s: &mut Sections, contract: &Contract) {
        let versions = self.registry.versions(contract.key());
        if versions.len() < 2 {
            return;
        }
        let items = versions
            .iter()
            .rev()
            .filter(|e| e.version() != contract.version().as_str())
            .map(|e| self.contract_link(&e.contract()))
            .collect();
        s.push("Other Versions", vec![Block::List(items)]);
    }
}

pub(crate) fn source_definition(s: &mut Sections, source: &Source) {
    if source.text.is_empty() {
        return;
    }
    s.push(
        "Source Definition",
        vec![Block::Code {
            language: "rust",
            text: source.text.trim_end().into(),
        }],
    );
}

pub(crate) fn file_item(source: &Source) -> MetaItem {
    MetaItem {
        label: "File",
        value: vec![
            Inline::Code(format!("{}:{}", source.file, source.line).into()),
            Inline::Text(" in crate ".into()),
            Inline::Code(source.crate_name().into()),
        ],
    }
}

/// Sections of a page under construction, with unique anchors.
#[derive(Default)]
pub(crate) struct Sections(Vec<Section>);

impl Sections {
    pub(crate) fn push(&mut self, title: impl Into<Text>, blocks: Vec<Block>) {
        let title = title.into();
        let base = slug(&title);
        let mut anchor = base.clone();
        let mut n = 2;
        while self.0.iter().any(|s| s.anchor == anchor) {
            anchor = format!("{base}-{n}");
            n += 1;
        }
        self.0.push(Section {
            title,
            anchor: anchor.into(),
            blocks,
        });
    }
}
