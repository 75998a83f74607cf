//! The index of a site: every contract and doc block, with what the search filters on.

use super::text::{type_label, unique_tags};
use super::PageBuilder;
use crate::docs::paths::{contract_path, doc_path};
use contracts_core::descriptors::DocBlockDescriptor;
use contracts_core::ContractKind;

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

impl PageBuilder<'_> {
    /// The index: every contract and doc block.
    pub(crate) fn index(&self) -> Index {
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
    pub(crate) fn doc_blocks(&self) -> Vec<&'static DocBlockDescriptor> {
        let mut blocks = self.registry.doc_blocks().to_vec();
        blocks.sort_by_key(|b| b.id);
        blocks.dedup_by_key(|b| b.id);
        blocks
    }
}
