//! The page of a contract and of a doc block: metadata, then the sections of its kind, then
//! what every page has (reverse relations, documentation, other versions, source).

use super::links::{domain_link, filter_links, owner_links, page_link, stability_link};
use super::model::{Block, Inline, MetaItem, Page, PageKind, Section, Target, Text};
use super::portal::index_crumb;
use super::text::{labelled, markdown, meta_text, non_empty, slug, type_label, unique_tags};
use super::PageBuilder;
use crate::docs::paths::{contract_path, doc_path, INDEX};
use contracts_core::descriptors::{DocBlockDescriptor, Source};
use contracts_core::Contract;

impl PageBuilder<'_> {
    /// How many pages [`PageBuilder::for_each_page`] builds.
    pub(crate) fn page_count(&self) -> usize {
        let domains = self.nav.domains.iter().filter(|d| d.name.is_some()).count();
        self.registry.len() + self.doc_blocks().len() + domains + 2
    }

    /// Builds every page and hands each to `f`: the contracts' in registry order, the doc
    /// blocks' by id, then the domains', the owners and the stability pages.
    pub(crate) fn for_each_page(&self, f: &mut dyn FnMut(Page)) {
        for contract in self.registry.iter() {
            f(self.contract_page(contract));
        }
        for block in self.doc_blocks() {
            f(self.doc_page(block));
        }
        for page in self.portal_pages() {
            f(page);
        }
    }

    /// The page of a contract.
    pub fn contract_page(&self, contract: Contract) -> Page {
        let meta = contract.meta();
        let mut page = Page {
            path: contract_path(&contract).into(),
            heading: meta.key.into(),
            kind: PageKind::Contract(contract.kind()),
            breadcrumbs: self.breadcrumbs(&contract),
            notices: self.notices(&contract),
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
            Contract::Consumer(consumer) => self.consumer(&mut s, consumer),
        }
        self.used_by(&mut s, &contract);
        self.documentation(&mut s, meta.doc_ids);
        self.versions(&mut s, &contract);
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
            breadcrumbs: vec![
                index_crumb(),
                Inline::Link {
                    text: "Doc blocks".into(),
                    code: false,
                    target: Target::Page {
                        path: INDEX.into(),
                        anchor: Some("doc-blocks".into()),
                    },
                },
            ],
            notices: Vec::new(),
            description: block.summary.and_then(non_empty),
            metadata,
            sections: s.0,
        }
    }

    /// The index, the contract's domain, then the capability that groups it (unless it is
    /// that capability).
    fn breadcrumbs(&self, contract: &Contract) -> Vec<Inline> {
        let mut crumbs = vec![index_crumb()];
        if let Some(domain) = contract.meta().domain {
            crumbs.push(domain_link(domain));
        }
        let path = contract_path(contract);
        if let Some(capability) = self
            .nav
            .place(&path)
            .and_then(|place| self.nav.group(place).capability)
            .filter(|c| contract_path(c) != path)
        {
            crumbs.push(page_link(
                capability.key(),
                contract_path(&capability),
                true,
            ));
        }
        crumbs
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
            value: vec![stability_link(meta.stability)],
        });
        if !meta.owners.is_empty() {
            items.push(MetaItem {
                label: "Owners",
                value: owner_links(meta.owners),
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
                value: vec![domain_link(domain)],
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
pub(crate) struct Sections(pub(crate) Vec<Section>);

impl Sections {
    /// A section whose anchor is its title's slug (with `-2`, `-3`, ... when taken).
    pub(crate) fn push(&mut self, title: impl Into<Text>, blocks: Vec<Block>) {
        let title = title.into();
        let anchor = slug(&title);
        self.push_anchored(title, anchor, blocks);
    }

    /// A section with its own anchor (with `-2`, `-3`, ... when taken), for anchors other pages
    /// link to.
    pub(crate) fn push_anchored(
        &mut self,
        title: impl Into<Text>,
        base: String,
        blocks: Vec<Block>,
    ) {
        let mut anchor = base.clone();
        let mut n = 2;
        while self.0.iter().any(|s| s.anchor == anchor) {
            anchor = format!("{base}-{n}");
            n += 1;
        }
        self.0.push(Section {
            title: title.into(),
            anchor: anchor.into(),
            blocks,
        });
    }
}
