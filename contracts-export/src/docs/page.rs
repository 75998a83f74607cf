//! The page model: what a docs page shows, built from the registry once and rendered as Markdown,
//! HTML or terminal text.

use super::paths::{contract_path, doc_path};
use crate::naming;
use contracts_core::descriptors::{
    CapabilityDescriptor, DataViewDescriptor, DocBlockDescriptor, EventDescriptor,
    FeatureDescriptor, FormDescriptor, OperationDescriptor, PolicyDescriptor,
    PresentationDescriptor, PresentationSource, Requirement, Source, Surface, ViewPolicy,
};
use contracts_core::relations::{same, Edge, Relation, Relations};
use contracts_core::{Contract, ContractKind, ContractRef, ModelInfo, ModelKind, Registry};
use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet, HashSet};

/// Text of the page model: borrowed from the registry where it is written there as it is shown
/// (keys, descriptions, labels), owned where it is composed.
pub type Text = Cow<'static, str>;

/// One page of the docs: a contract or a doc block.
#[derive(Clone, Debug, PartialEq)]
pub struct Page {
    /// The site path of the page, without extension (`contracts/harness.run.start@1.0.0`).
    pub path: Text,
    /// The page heading: the contract's key, or the doc block's id.
    pub heading: Text,
    /// What the page documents.
    pub kind: PageKind,
    /// The contract's description or the doc block's summary, in Markdown.
    pub description: Option<Text>,
    /// The metadata block (`Type`, `Version`, `Stability`, ...), in order.
    pub metadata: Vec<MetaItem>,
    /// The sections after the metadata, in order.
    pub sections: Vec<Section>,
}

/// What a page documents.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PageKind {
    /// A contract of this kind.
    Contract(ContractKind),
    /// A doc block.
    DocBlock,
}

/// One line of a page's metadata block.
#[derive(Clone, Debug, PartialEq)]
pub struct MetaItem {
    /// The label (`Owners`).
    pub label: &'static str,
    /// The value.
    pub value: Vec<Inline>,
}

/// A titled section of a page.
#[derive(Clone, Debug, PartialEq)]
pub struct Section {
    /// The section title (`Emitted Events`).
    pub title: Text,
    /// The section's anchor (`emitted-events`), unique within the page.
    pub anchor: Text,
    /// The section's content.
    pub blocks: Vec<Block>,
}

/// A block of content.
#[derive(Clone, Debug, PartialEq)]
pub enum Block {
    /// A paragraph of inline content.
    Paragraph(Vec<Inline>),
    /// Markdown written by the contract's author (a description, goal or doc block body); its
    /// headings are demoted by `demote` levels when rendered.
    Markdown {
        /// The Markdown text.
        text: Text,
        /// How many levels to demote its headings by.
        demote: u8,
    },
    /// A bulleted list; each item is inline content.
    List(Vec<Vec<Inline>>),
    /// A table.
    Table(Table),
    /// Preformatted code.
    Code {
        /// The language of the code (`rust`, `json`).
        language: &'static str,
        /// The code.
        text: Text,
    },
    /// A titled sub-part of a section (a nested model, a doc block).
    Subsection {
        /// The title.
        title: Vec<Inline>,
        /// The anchor, unique within the page.
        anchor: Text,
        /// The content.
        blocks: Vec<Block>,
    },
}

/// A table: a header row and rows of inline cells.
#[derive(Clone, Debug, PartialEq)]
pub struct Table {
    /// The column titles.
    pub headers: Vec<&'static str>,
    /// The rows; each has one cell per column.
    pub rows: Vec<Vec<Vec<Inline>>>,
}

/// Inline content.
#[derive(Clone, Debug, PartialEq)]
pub enum Inline {
    /// Plain text.
    Text(Text),
    /// Text shown as code (keys, field names, codes).
    Code(Text),
    /// Strongly emphasised text.
    Strong(Text),
    /// Inline Markdown written by the contract's author (a field description).
    Markdown(Text),
    /// A link to another page, or to a part of this page.
    Link {
        /// The link text.
        text: Text,
        /// Whether the text is shown as code.
        code: bool,
        /// Where it leads.
        target: Target,
    },
}

/// Where a link leads.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target {
    /// Another page (its site path, without extension), at an optional anchor.
    Page {
        /// The site path of the page.
        path: Text,
        /// An anchor within it.
        anchor: Option<Text>,
    },
    /// An anchor of the current page. Markdown renders such links as plain text.
    Anchor(Text),
    /// The index, filtered on a field (`tag`, `domain`, `kind`, `owner`, `stability`) by a value.
    /// Markdown links to the plain index.
    IndexFilter {
        /// The field.
        field: &'static str,
        /// The value.
        value: Text,
    },
}

/// Where links written by authors in Markdown (descriptions, doc block bodies) may lead: the
/// routes of doc blocks, mapped to the site paths of their pages.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LinkMap {
    routes: BTreeMap<String, String>,
}

impl LinkMap {
    /// Maps a route (a doc block's `route`, such as `/docs/payments`) to a site path.
    pub fn insert(&mut self, route: &str, path: String) {
        self.routes.insert(route.trim_end_matches('/').into(), path);
    }

    /// The site path of the page served at `route`, if any.
    pub fn page_of(&self, route: &str) -> Option<&str> {
        self.routes
            .get(route.trim_end_matches('/'))
            .map(String::as_str)
    }
}

/// The index of a site: every contract and doc block, with what the search filters on.
#[derive(Clone, Debug, PartialEq)]
pub struct Index {
    /// Every contract, sorted by key, then version.
    pub contracts: Vec<IndexEntry>,
    /// Every doc block, sorted by id.
    pub doc_blocks: Vec<DocIndexEntry>,
}

/// A contract in the [`Index`].
#[derive(Clone, Debug, PartialEq)]
pub struct IndexEntry {
    /// The key.
    pub key: &'static str,
    /// The version.
    pub version: &'static str,
    /// The kind.
    pub kind: ContractKind,
    /// The kind as the page's `Type` shows it (`operation (command)`).
    pub type_label: String,
    /// The title, if any.
    pub title: Option<&'static str>,
    /// The description.
    pub description: &'static str,
    /// The domain, if any.
    pub domain: Option<&'static str>,
    /// The owners.
    pub owners: &'static [&'static str],
    /// The tags, without repeats, in order.
    pub tags: Vec<&'static str>,
    /// The stability.
    pub stability: &'static str,
    /// The site path of the page.
    pub path: String,
}

/// A doc block in the [`Index`].
#[derive(Clone, Debug, PartialEq)]
pub struct DocIndexEntry {
    /// The id.
    pub id: &'static str,
    /// The title.
    pub title: &'static str,
    /// The summary, if any.
    pub summary: Option<&'static str>,
    /// The tags.
    pub tags: &'static [&'static str],
    /// The site path of the page.
    pub path: String,
}

/// The kind of a contract as a page's `Type` line shows it, after ContractSpec's
/// `specType (kind)`: `operation (command)`, `capability (integration)`, `data view`, ...
pub fn type_label(contract: &Contract) -> String {
    match contract {
        Contract::Operation(op) => format!("operation ({})", op.kind.as_str()),
        Contract::Capability(c) => format!("capability ({})", c.kind.as_str()),
        Contract::Event(_) => "event".into(),
        Contract::Presentation(_) => "presentation".into(),
        Contract::DataView(_) => "data view".into(),
        Contract::Form(_) => "form".into(),
        Contract::Policy(_) => "policy".into(),
        Contract::Feature(_) => "feature".into(),
    }
}

/// Tags without repeats (a contract's own tag may repeat one of its domain's base tags).
pub(crate) fn unique_tags(tags: &'static [&'static str]) -> Vec<&'static str> {
    let mut seen = HashSet::new();
    tags.iter().copied().filter(|t| seen.insert(*t)).collect()
}

/// Builds the pages of a registry. Reverse relations (who emits an event, which capabilities
/// provide a contract, ...) are computed once, when the builder is created.
pub struct PageBuilder<'r> {
    registry: &'r Registry,
    relations: Relations,
    links: LinkMap,
}

impl<'r> PageBuilder<'r> {
    /// A builder for the pages of `registry`.
    pub fn new(registry: &'r Registry) -> PageBuilder<'r> {
        let mut links = LinkMap::default();
        for block in registry.doc_blocks() {
            if let Some(route) = block.route {
                links.insert(route, doc_path(block.id));
            }
        }
        PageBuilder {
            registry,
            relations: Relations::new(registry),
            links,
        }
    }

    /// Where author links to doc block routes lead.
    pub fn links(&self) -> &LinkMap {
        &self.links
    }

    /// Renders a page as Markdown, as [`markdown`](super::markdown) writes it.
    pub fn render_markdown(&self, page: &Page) -> String {
        super::markdown::render_page(page, &self.links)
    }

    /// Renders a page as a standalone HTML document, as [`html`](super::html) writes it.
    pub fn render_html(&self, page: &Page) -> String {
        super::html::render_page(page, &self.links)
    }

    /// The registry the pages document.
    pub fn registry(&self) -> &'r Registry {
        self.registry
    }

    /// The index: every contract and doc block.
    pub fn index(&self) -> Index {
        let contracts = self
            .registry
            .iter()
            .map(|c| {
                let meta = c.meta();
                IndexEntry {
                    key: meta.key,
                    version: meta.version.as_str(),
                    kind: c.kind(),
                    type_label: type_label(&c),
                    title: meta.title,
                    description: meta.description,
                    domain: meta.domain,
                    owners: meta.owners,
                    tags: unique_tags(meta.tags),
                    stability: meta.stability.as_str(),
                    path: contract_path(&c),
                }
            })
            .collect();
        let doc_blocks = self
            .doc_blocks()
            .into_iter()
            .map(|d| DocIndexEntry {
                id: d.id,
                title: d.title,
                summary: d.summary,
                tags: d.tags,
                path: doc_path(d.id),
            })
            .collect();
        Index {
            contracts,
            doc_blocks,
        }
    }

    /// The doc blocks, sorted by id.
    pub fn doc_blocks(&self) -> Vec<&'static DocBlockDescriptor> {
        let mut blocks = self.registry.doc_blocks().to_vec();
        blocks.sort_by_key(|b| b.id);
        blocks.dedup_by_key(|b| b.id);
        blocks
    }

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

    fn metadata(&self, contract: &Contract) -> Vec<MetaItem> {
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

    /// `key` (v1.0.0), linked to its page.
    fn contract_link(&self, contract: &Contract) -> Vec<Inline> {
        vec![
            Inline::Link {
                text: contract.key().into(),
                code: true,
                target: Target::Page {
                    path: contract_path(contract).into(),
                    anchor: None,
                },
            },
            Inline::Text(format!(" (v{})", contract.version()).into()),
        ]
    }

    /// A reference, resolved and linked, or marked as not in this registry.
    fn reference_link(&self, reference: &ContractRef) -> Vec<Inline> {
        match self.registry.resolve(reference) {
            Some(contract) => self.contract_link(&contract),
            None => vec![
                Inline::Code(reference.key.into()),
                Inline::Text(match &reference.version {
                    Some(v) => format!(" (v{v}, not in this registry)").into(),
                    None => " (not in this registry)".into(),
                }),
            ],
        }
    }

    fn doc_link(&self, id: &'static str) -> Vec<Inline> {
        match self.registry.doc_block(id) {
            Some(block) => vec![
                Inline::Link {
                    text: id.into(),
                    code: true,
                    target: Target::Page {
                        path: doc_path(id).into(),
                        anchor: None,
                    },
                },
                Inline::Text(format!(": {}", block.title).into()),
            ],
            None => vec![
                Inline::Code(id.into()),
                Inline::Text(" (not in this registry)".into()),
            ],
        }
    }

    fn providers_list(&self, contract: &Contract) -> Option<Block> {
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
    fn capability_section(&self, s: &mut Sections, contract: &Contract) {
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

    fn operation(&self, s: &mut Sections, op: &'static OperationDescriptor) {
        let contract = Contract::Operation(op);
        self.capability_section(s, &contract);

        let policy = &op.policy;
        let mut items = vec![
            labelled("Auth", vec![Inline::Code(policy.auth.as_str().into())]),
            labelled(
                "Idempotent",
                vec![Inline::Text(yes_no(policy.idempotent).into())],
            ),
            labelled("PII", code_list(policy.pii, "none")),
        ];
        items.push(labelled(
            "Rate limit",
            vec![Inline::Text(match &policy.rate_limit {
                Some(limit) => format!(
                    "{} requests per minute per {}",
                    limit.rpm,
                    limit.key.as_str()
                )
                .into(),
                None => "none".into(),
            })],
        ));
        items.push(labelled(
            "Escalation",
            match &policy.escalate {
                Some(e) => vec![Inline::Code(e.as_str().into())],
                None => vec![Inline::Text("none".into())],
            },
        ));
        items.push(labelled("Flags", code_list(policy.flags, "none")));
        let mut refs = Vec::new();
        for (i, reference) in policy.policies.iter().enumerate() {
            if i > 0 {
                refs.push(Inline::Text(", ".into()));
            }
            refs.extend(self.reference_link(reference));
        }
        if refs.is_empty() {
            refs.push(Inline::Text("none".into()));
        }
        items.push(labelled("Policies", refs));
        s.push("Policy", vec![Block::List(items)]);

        let method = naming::rest_method(op.kind);
        let graphql_root = match op.kind {
            contracts_core::OperationKind::Command => "Mutation",
            contracts_core::OperationKind::Query => "Query",
        };
        s.push(
            "Surfaces",
            vec![Block::List(vec![
                labelled(
                    "REST",
                    vec![Inline::Code(
                        format!("{method} {}", naming::rest_path(&op.meta)).into(),
                    )],
                ),
                labelled(
                    "OpenAPI operationId",
                    vec![Inline::Code(naming::operation_id(&op.meta).into())],
                ),
                labelled(
                    "MCP tool",
                    vec![Inline::Code(naming::mcp_tool_name(&op.meta).into())],
                ),
                labelled(
                    "GraphQL",
                    vec![Inline::Code(
                        format!("{graphql_root}.{}", naming::graphql_field_name(&op.meta)).into(),
                    )],
                ),
            ])],
        );

        if !op.emits.is_empty() {
            let rows = op
                .emits
                .iter()
                .map(|e| {
                    vec![
                        self.contract_link(&Contract::Event(e.event)),
                        vec![Inline::Text(e.when.into())],
                    ]
                })
                .collect();
            s.push(
                "Emitted Events",
                vec![Block::Table(Table {
                    headers: vec!["Event", "When"],
                    rows,
                })],
            );
        }
        if !op.errors.is_empty() {
            let rows = op
                .errors
                .iter()
                .map(|e| {
                    vec![
                        vec![Inline::Code(e.code.into())],
                        vec![Inline::Text(e.http.to_string().into())],
                        vec![Inline::Text(e.when.unwrap_or("").into())],
                        vec![Inline::Text(e.description.into())],
                    ]
                })
                .collect();
            s.push(
                "Errors",
                vec![Block::Table(Table {
                    headers: vec!["Code", "HTTP", "When", "Description"],
                    rows,
                })],
            );
        }
        s.push_model("Input", op.input.info, op.meta.description);
        s.push_model("Output", op.output.info, op.meta.description);
    }

    fn event(&self, s: &mut Sections, event: &'static EventDescriptor) {
        let contract = Contract::Event(event);
        self.capability_section(s, &contract);
        let rows: Vec<_> = self
            .relations
            .emitters(&contract)
            .map(|(op, emitted)| {
                vec![
                    self.contract_link(&Contract::Operation(op)),
                    vec![Inline::Text(emitted.when.into())],
                ]
            })
            .collect();
        let block = match rows.is_empty() {
            false => Block::Table(Table {
                headers: vec!["Operation", "When"],
                rows,
            }),
            true => Block::Paragraph(vec![Inline::Text("Emitted by no operation.".into())]),
        };
        s.push("Emitted By", vec![block]);
        s.push(
            "Personal Data",
            vec![Block::List(vec![labelled(
                "PII",
                code_list(event.pii, "none"),
            )])],
        );
        s.push_model("Payload", event.payload.info, event.meta.description);
    }

    fn capability(&self, s: &mut Sections, cap: &'static CapabilityDescriptor) {
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
                    headers: vec!["Surface", "Contract", "Description"],
                    rows,
                })],
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
                    headers: vec!["Contract", "Type", "Listed in provides"],
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

    fn requirements_table(&self, requires: &'static [Requirement]) -> Table {
        Table {
            headers: vec!["Capability", "Kind", "Optional", "Reason"],
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

    fn presentation(&self, s: &mut Sections, p: &'static PresentationDescriptor) {
        self.capability_section(s, &Contract::Presentation(p));
        let source = match &p.source {
            PresentationSource::Component {
                framework,
                component_key,
            } => vec![Block::List(vec![
                labelled("Type", vec![Inline::Text("component".into())]),
                labelled("Framework", vec![Inline::Code((*framework).into())]),
                labelled("Component", vec![Inline::Code((*component_key).into())]),
            ])],
            PresentationSource::Blocknotejs { doc_json } => vec![
                Block::List(vec![labelled(
                    "Type",
                    vec![Inline::Text("BlockNote document".into())],
                )]),
                Block::Code {
                    language: "json",
                    text: (*doc_json).into(),
                },
            ],
        };
        s.push("Rendered By", source);
        let targets: Vec<&str> = p.targets.iter().map(|t| t.as_str()).collect();
        s.push(
            "Targets",
            vec![Block::List(
                targets
                    .iter()
                    .map(|t| vec![Inline::Code((*t).into())])
                    .collect(),
            )],
        );
        view_policy(s, &p.policy);
    }

    fn data_view(&self, s: &mut Sections, view: &'static DataViewDescriptor) {
        let mut source = vec![labelled(
            "Primary",
            self.reference_link(&view.source.primary),
        )];
        if let Some(item) = &view.source.item {
            source.push(labelled("Item", self.reference_link(item)));
        }
        if !view.source.refresh_events.is_empty() {
            let mut events = Vec::new();
            for (i, e) in view.source.refresh_events.iter().enumerate() {
                if i > 0 {
                    events.push(Inline::Text(", ".into()));
                }
                events.extend(self.reference_link(e));
            }
            source.push(labelled("Refreshes on", events));
        }
        source.insert(
            0,
            labelled("Entity", vec![Inline::Code(view.entity.into())]),
        );
        s.push("Data Source", vec![Block::List(source)]);
        let config = &view.view;
        let mut layout = vec![labelled(
            "Layout",
            vec![Inline::Text(config.kind.as_str().into())],
        )];
        if let Some(primary) = config.primary_field {
            layout.push(labelled(
                "Primary field",
                vec![Inline::Code(primary.into())],
            ));
        }
        if !config.secondary_fields.is_empty() {
            layout.push(labelled(
                "Secondary fields",
                code_list(config.secondary_fields, "none"),
            ));
        }
        let mut blocks = vec![Block::List(layout)];
        if !config.fields.is_empty() {
            blocks.push(Block::Table(Table {
                headers: vec!["Field", "Label", "Data path"],
                rows: config
                    .fields
                    .iter()
                    .map(|f| {
                        vec![
                            vec![Inline::Code(f.key.into())],
                            vec![Inline::Text(f.label.into())],
                            vec![Inline::Code(f.data_path.into())],
                        ]
                    })
                    .collect(),
            }));
        }
        s.push("View", blocks);
        if !config.filters.is_empty() {
            s.push(
                "Filters",
                vec![Block::Table(Table {
                    headers: vec!["Filter", "Label", "Field", "Type"],
                    rows: config
                        .filters
                        .iter()
                        .map(|f| {
                            vec![
                                vec![Inline::Code(f.key.into())],
                                vec![Inline::Text(f.label.into())],
                                vec![Inline::Code(f.field.into())],
                                vec![Inline::Text(f.kind.into())],
                            ]
                        })
                        .collect(),
                })],
            );
        }
        view_policy(s, &view.policy);
    }

    fn form(&self, s: &mut Sections, form: &'static FormDescriptor) {
        if !form.fields.is_empty() {
            s.push(
                "Form Fields",
                vec![Block::Table(Table {
                    headers: vec!["Field", "Control", "Label", "Placeholder"],
                    rows: form
                        .fields
                        .iter()
                        .map(|f| {
                            vec![
                                vec![Inline::Code(f.name.into())],
                                vec![Inline::Text(f.kind.into())],
                                vec![Inline::Text(f.label_i18n.unwrap_or("").into())],
                                vec![Inline::Text(f.placeholder_i18n.unwrap_or("").into())],
                            ]
                        })
                        .collect(),
                })],
            );
        }
        if !form.actions.is_empty() {
            s.push(
                "Actions",
                vec![Block::Table(Table {
                    headers: vec!["Action", "Label", "Operation"],
                    rows: form
                        .actions
                        .iter()
                        .map(|a| {
                            vec![
                                vec![Inline::Code(a.key.into())],
                                vec![Inline::Text(a.label_i18n.into())],
                                self.reference_link(&a.op),
                            ]
                        })
                        .collect(),
                })],
            );
        }
        view_policy(s, &form.policy);
        s.push_model("Model", form.model.info, form.meta.description);
    }

    fn policy(&self, s: &mut Sections, policy: &'static PolicyDescriptor) {
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
                headers: vec![
                    "#",
                    "Effect",
                    "Actions",
                    "Roles",
                    "Resource",
                    "Conditions",
                    "Flags",
                    "Escalation",
                    "Reason",
                ],
                rows,
            })],
        );
    }

    fn feature(&self, s: &mut Sections, feature: &'static FeatureDescriptor) {
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

    /// Reverse relations shared by every kind: data views, forms, policies' operations and
    /// features that use the contract.
    fn used_by(&self, s: &mut Sections, contract: &Contract) {
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
            if let Relation::FormAction(action) = edge.relation {
                let role = vec![
                    Inline::Text(", form (action ".into()),
                    Inline::Code(action.key.into()),
                    Inline::Text(")".into()),
                ];
                push(edge, role);
            }
        }
        for edge in edges {
            if let Relation::Policy = edge.relation {
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

    fn documentation(&self, s: &mut Sections, doc_ids: &'static [&'static str]) {
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

    fn other_versions(&self, s: &mut Sections, contract: &Contract) {
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

fn view_policy(s: &mut Sections, policy: &ViewPolicy) {
    s.push(
        "Policy",
        vec![Block::List(vec![
            labelled("Flags", code_list(policy.flags, "none")),
            labelled("PII", code_list(policy.pii, "none")),
        ])],
    );
}

fn source_definition(s: &mut Sections, source: &Source) {
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

fn file_item(source: &Source) -> MetaItem {
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
struct Sections(Vec<Section>);

impl Sections {
    fn push(&mut self, title: impl Into<Text>, blocks: Vec<Block>) {
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

    /// A message model: its field table, then one table per nested model.
    fn push_model(
        &mut self,
        title: &'static str,
        root: &'static ModelInfo,
        page_description: &str,
    ) {
        let prefix = slug(title);
        let blocks = model_blocks(&prefix, root, page_description);
        self.push(title, blocks);
    }
}

/// The identity of a model within one page: its name and the names and types of its fields.
fn model_signature(model: &ModelInfo) -> String {
    let mut signature = model.name.to_owned();
    match model.kind {
        ModelKind::Struct(fields) => {
            for f in fields {
                signature.push('|');
                signature.push_str(f.name);
                signature.push(':');
                signature.push_str(f.shape.target.name);
            }
        }
        ModelKind::Enum(values) => {
            for v in values {
                signature.push_str("|=");
                signature.push_str(v);
            }
        }
        ModelKind::Scalar | ModelKind::Opaque => {}
    }
    signature
}

fn has_table(model: &ModelInfo) -> bool {
    matches!(model.kind, ModelKind::Struct(_) | ModelKind::Enum(_))
}

/// The blocks of a message model: the root's fields, then every nested struct or enum model
/// (breadth first, each once), each a subsection with an anchor that field types link to.
fn model_blocks(prefix: &str, root: &'static ModelInfo, page_description: &str) -> Vec<Block> {
    let mut anchors: Vec<(String, String)> = Vec::new(); // signature -> anchor
    let mut order: Vec<&'static ModelInfo> = Vec::new();
    let mut queue = std::collections::VecDeque::from([root]);
    let mut seen = BTreeSet::new();
    while let Some(model) = queue.pop_front() {
        let signature = model_signature(model);
        if !seen.insert(signature.clone()) {
            continue;
        }
        let base = format!("{prefix}-{}", slug(model.name));
        let mut anchor = base.clone();
        let mut n = 2;
        while anchors.iter().any(|(_, a)| *a == anchor) {
            anchor = format!("{base}-{n}");
            n += 1;
        }
        anchors.push((signature, anchor));
        order.push(model);
        for field in flattened_fields(model) {
            if has_table(field.shape.target) {
                queue.push_back(field.shape.target);
            }
        }
    }
    let anchor_of = |model: &ModelInfo| {
        let signature = model_signature(model);
        anchors
            .iter()
            .find(|(s, _)| *s == signature)
            .map(|(_, a)| a.clone())
    };
    let mut blocks = Vec::new();
    for (i, model) in order.iter().enumerate() {
        let mut content = Vec::new();
        if let Some(description) = model.description.and_then(non_empty) {
            // The message that carries the contract has the contract's doc comment: shown once.
            if i > 0 || description != page_description.trim() {
                content.push(markdown(description, 4));
            }
        }
        match model.kind {
            ModelKind::Struct(_) => {
                let rows: Vec<Vec<Vec<Inline>>> = flattened_fields(model)
                    .into_iter()
                    .map(|f| {
                        let target = f.shape.target;
                        let ty = match anchor_of(target).filter(|_| has_table(target)) {
                            Some(anchor) => Inline::Link {
                                text: target.name.into(),
                                code: true,
                                target: Target::Anchor(anchor.into()),
                            },
                            None => Inline::Code(target.name.into()),
                        };
                        let required = if !f.is_optional() {
                            "yes"
                        } else if f.shape.optional {
                            "no"
                        } else {
                            "no (default)"
                        };
                        vec![
                            vec![Inline::Code(f.name.into())],
                            vec![ty],
                            vec![Inline::Text(required.into())],
                            vec![Inline::Text(yes_no(f.shape.list).into())],
                            match f.description {
                                Some(d) => vec![Inline::Markdown(d.into())],
                                None => vec![],
                            },
                        ]
                    })
                    .collect();
                if rows.is_empty() {
                    content.push(Block::Paragraph(vec![Inline::Text("No fields.".into())]));
                } else {
                    content.push(Block::Table(Table {
                        headers: vec!["Field", "Type", "Required", "Array", "Description"],
                        rows,
                    }));
                }
            }
            ModelKind::Enum(values) => {
                let mut line = vec![Inline::Text("One of: ".into())];
                for (i, value) in values.iter().enumerate() {
                    if i > 0 {
                        line.push(Inline::Text(", ".into()));
                    }
                    line.push(Inline::Code((*value).into()));
                }
                content.push(Block::Paragraph(line));
            }
            ModelKind::Scalar | ModelKind::Opaque => {
                content.push(Block::Paragraph(vec![Inline::Text(
                    if matches!(model.kind, ModelKind::Opaque) {
                        "Any JSON value.".into()
                    } else {
                        "A single scalar value.".into()
                    },
                )]));
            }
        }
        let kind = match model.kind {
            ModelKind::Enum(_) => " (enum)",
            _ => "",
        };
        let mut title = vec![Inline::Code(model.name.into())];
        if !kind.is_empty() {
            title.push(Inline::Text(kind.into()));
        }
        if i == 0 {
            blocks.push(Block::Paragraph(title));
            blocks.extend(content);
        } else {
            blocks.push(Block::Subsection {
                title,
                anchor: anchors[i].1.clone().into(),
                blocks: content,
            });
        }
    }
    blocks
}

/// The fields of a struct model as they appear on the wire: flattened struct fields are
/// replaced by the fields of their model.
fn flattened_fields(model: &'static ModelInfo) -> Vec<&'static contracts_core::FieldInfo> {
    fn collect(
        model: &'static ModelInfo,
        depth: usize,
        out: &mut Vec<&'static contracts_core::FieldInfo>,
    ) {
        for f in model.fields() {
            if f.flatten && matches!(f.shape.target.kind, ModelKind::Struct(_)) && depth < 32 {
                collect(f.shape.target, depth + 1, out);
            } else {
                out.push(f);
            }
        }
    }
    let mut out = Vec::new();
    collect(model, 0, &mut out);
    out
}

/// Adds a note inside the trailing ` (v1.0.0)` of a link: ` (v1.0.0, optional)`.
fn add_note(link: &mut Vec<Inline>, note: &str) {
    if let Some(Inline::Text(text)) = link.last_mut() {
        if text.ends_with(')') {
            let at = text.len() - 1;
            text.to_mut().insert_str(at, &format!(", {note}"));
            return;
        }
    }
    link.push(Inline::Text(format!(" ({note})").into()));
}

fn markdown(text: impl Into<Text>, demote: u8) -> Block {
    Block::Markdown {
        text: text.into(),
        demote,
    }
}

fn meta_text(label: &'static str, text: &'static str) -> MetaItem {
    MetaItem {
        label,
        value: vec![Inline::Text(text.into())],
    }
}

fn labelled(label: &'static str, mut value: Vec<Inline>) -> Vec<Inline> {
    let mut item = vec![Inline::Strong(label.into()), Inline::Text(": ".into())];
    item.append(&mut value);
    item
}

fn code_list(values: &[&'static str], empty: &'static str) -> Vec<Inline> {
    if values.is_empty() {
        return if empty.is_empty() {
            vec![]
        } else {
            vec![Inline::Text(empty.into())]
        };
    }
    let mut out = Vec::new();
    for (i, v) in values.iter().enumerate() {
        if i > 0 {
            out.push(Inline::Text(", ".into()));
        }
        out.push(Inline::Code((*v).into()));
    }
    out
}

fn filter_links(field: &'static str, values: &[&'static str]) -> Vec<Inline> {
    let mut out = Vec::new();
    for (i, v) in values.iter().enumerate() {
        if i > 0 {
            out.push(Inline::Text(", ".into()));
        }
        out.push(Inline::Link {
            text: (*v).into(),
            code: false,
            target: Target::IndexFilter {
                field,
                value: (*v).into(),
            },
        });
    }
    out
}

fn yes_no(value: bool) -> &'static str {
    if value {
        "yes"
    } else {
        "no"
    }
}

fn non_empty(text: &'static str) -> Option<Text> {
    let trimmed = text.trim();
    (!trimmed.is_empty()).then_some(Cow::Borrowed(trimmed))
}

fn first_line(text: &str) -> &str {
    text.lines().next().unwrap_or("")
}

/// An anchor-safe slug: lower-case ASCII letters, digits and `-`.
pub(crate) fn slug(text: &str) -> String {
    let mut out = String::new();
    let mut dash = false;
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            out.push(c.to_ascii_lowercase());
        } else {
            dash = true;
        }
    }
    if out.is_empty() {
        out.push('x');
    }
    out
}
