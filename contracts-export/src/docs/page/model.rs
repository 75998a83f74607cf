//! The page model: the pages, sections, blocks and inline content that renderers turn into
//! Markdown, HTML or terminal text.

pub use super::diagram::{Diagram, DiagramEdge, DiagramNode};
use contracts_core::ContractKind;
use std::borrow::Cow;

/// Text of the page model: borrowed from the registry where it is written there as it is shown
/// (keys, descriptions, labels), owned where it is composed.
pub type Text = Cow<'static, str>;

/// One page of the docs: a contract, a doc block, a domain, the owners or the stabilities.
#[derive(Clone, Debug, PartialEq)]
pub struct Page {
    /// The site path of the page, without extension (`contracts/harness.run.start@1.0.0`).
    pub path: Text,
    /// The page heading: the contract's key, the doc block's id, the domain's name.
    pub heading: Text,
    /// What the page documents.
    pub kind: PageKind,
    /// Where the page sits, from the index down to its parent (the domain, then the
    /// capability of a contract): one link each.
    pub breadcrumbs: Vec<Inline>,
    /// What a reader must see first (a deprecation), above the description.
    pub notices: Vec<Notice>,
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
    /// A domain: its capabilities, flow, surfaces and contracts.
    Domain,
    /// Every owner and what each owns.
    Owners,
    /// Every stability and the contracts at it.
    Stability,
}

/// A notice at the top of a page.
#[derive(Clone, Debug, PartialEq)]
pub struct Notice {
    /// How loud it is.
    pub tone: Tone,
    /// Its first words (`Deprecated`).
    pub title: Text,
    /// What it says.
    pub content: Vec<Inline>,
}

/// How loud a [`Notice`] is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tone {
    /// Worth knowing (a newer version exists).
    Info,
    /// Act on it (this contract is deprecated).
    Warning,
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
    /// A flow diagram (HTML draws it as SVG; Markdown and text list its paths).
    Diagram(Diagram),
}

/// A table: a header row and rows of inline cells.
#[derive(Clone, Debug, PartialEq)]
pub struct Table {
    /// The column titles.
    pub headers: Vec<Text>,
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
    /// A short label set apart from the text around it (`pii` beside a field name).
    Badge(Text),
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
