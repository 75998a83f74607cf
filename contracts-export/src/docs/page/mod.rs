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
mod fields;
mod index;
mod kinds;
mod links;
pub(crate) mod model;
mod relations;
mod text;

pub use index::{DocIndexEntry, Index, IndexEntry};
pub(crate) use links::LinkMap;
pub use model::{Block, Inline, MetaItem, Page, PageKind, Section, Table, Target, Text};
pub(crate) use text::slug;
pub use text::type_label;

use contracts_core::relations::Relations;
use contracts_core::Registry;

/// Builds the pages of a registry. Reverse relations (who emits an event, which capabilities
/// provide a contract, ...) are computed once, when the builder is created.
pub(crate) struct PageBuilder<'r> {
    registry: &'r Registry,
    relations: Relations,
    links: LinkMap,
}

impl<'r> PageBuilder<'r> {
    /// A builder for the pages of `registry`.
    pub(crate) fn new(registry: &'r Registry) -> PageBuilder<'r> {
        PageBuilder {
            registry,
            relations: Relations::new(registry),
            links: LinkMap::new(registry),
        }
    }

    /// Renders a page as Markdown, as [`markdown`](super::markdown) writes it.
    pub(crate) fn render_markdown(&self, page: &Page) -> String {
        super::markdown::render_page(page, &self.links)
    }

    /// Renders a page as a standalone HTML document, as [`html`](super::html) writes it.
    pub(crate) fn render_html(&self, page: &Page) -> String {
        super::html::render_page(page, &self.links)
    }
}
