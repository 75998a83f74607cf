//! The page model and its builder: what a docs page shows, built from the registry once and
//! rendered as Markdown, HTML or terminal text.
//!
//! - [`model`]: the page model itself;
//! - `builder`: the page of a contract and of a doc block, and what every page has;
//! - `kinds`: the sections of each kind of contract;
//! - `fields`: field tables of message models;
//! - `relations`: sections from the registry's reverse relations;
//! - `links`, `index`, `text`: links within pages, the site index, inline helpers.

mod builder;
mod diagram;
mod fields;
mod index;
mod kinds;
mod links;
pub(crate) mod model;
pub(crate) mod nav;
mod portal;
mod relations;
mod text;
mod versions;

pub use index::{DocIndexEntry, Index, IndexEntry};
pub(crate) use links::LinkMap;
pub use model::{
    Block, Diagram, DiagramEdge, DiagramNode, Inline, MetaItem, Notice, Page, PageKind, Section,
    Table, Target, Text, Tone,
};
pub use text::type_label;
pub(crate) use text::{headers, slug};
pub use versions::{Change, Changelog};

use contracts_core::relations::Relations;
use contracts_core::Registry;
use nav::Nav;

/// Builds the pages of a registry. Reverse relations (who emits an event, which capabilities
/// provide a contract, ...) are computed once, when the builder is created.
pub(crate) struct PageBuilder<'r> {
    registry: &'r Registry,
    relations: Relations,
    links: LinkMap,
    nav: Nav,
    changelog: Option<&'r dyn Changelog>,
}

impl<'r> PageBuilder<'r> {
    /// A builder for the pages of `registry`, with the changes between versions from
    /// `changelog`, if any.
    pub(crate) fn new(
        registry: &'r Registry,
        changelog: Option<&'r dyn Changelog>,
    ) -> PageBuilder<'r> {
        let relations = Relations::new(registry);
        PageBuilder {
            registry,
            links: LinkMap::new(registry),
            nav: Nav::new(registry, &relations),
            relations,
            changelog,
        }
    }

    /// What renderers need beside the page: where authors' links lead, the navigation.
    pub(crate) fn chrome(&self) -> Chrome<'_> {
        Chrome {
            links: &self.links,
            nav: &self.nav,
        }
    }
}

/// What renderers need beside a page: where links that authors write lead, and the site's
/// navigation (the HTML sidebar).
#[derive(Clone, Copy)]
pub(crate) struct Chrome<'a> {
    pub(crate) links: &'a LinkMap,
    pub(crate) nav: &'a Nav,
}
