//! Links within pages: to contracts, to references that may not resolve, to doc blocks, to the
//! filtered index, and where authors' Markdown links to doc block routes lead.

use super::model::{Inline, Target, Text};
use super::PageBuilder;
use crate::docs::paths::{contract_path, doc_path, domain_path, encoded, OWNERS, STABILITY};
use contracts_core::{Contract, ContractRef, Registry, Stability};
use std::collections::BTreeMap;

/// Where links written by authors in Markdown (descriptions, doc block bodies) may lead: the
/// routes of doc blocks, mapped to the site paths of their pages.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct LinkMap {
    routes: BTreeMap<String, String>,
}

impl LinkMap {
    /// The routes of the doc blocks of `registry`.
    pub(crate) fn new(registry: &Registry) -> LinkMap {
        let mut links = LinkMap::default();
        for block in registry.doc_blocks() {
            if let Some(route) = block.route {
                links.insert(route, doc_path(block.id));
            }
        }
        links
    }

    /// Maps a route (a doc block's `route`, such as `/docs/payments`) to a site path.
    pub(crate) fn insert(&mut self, route: &str, path: String) {
        self.routes.insert(route.trim_end_matches('/').into(), path);
    }

    /// The site path of the page served at `route`, if any.
    pub(crate) fn page_of(&self, route: &str) -> Option<&str> {
        self.routes
            .get(route.trim_end_matches('/'))
            .map(String::as_str)
    }
}

impl PageBuilder<'_> {
    /// `key` (v1.0.0), linked to its page.
    pub(crate) fn contract_link(&self, contract: &Contract) -> Vec<Inline> {
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

    /// `key`, linked to its page, with ` (v1.0.0)` only when the key has several versions: for
    /// listings, where every row would say `(v1.0.0)`.
    pub(crate) fn listing_link(&self, contract: &Contract) -> Vec<Inline> {
        let mut link = self.contract_link(contract);
        if self.nav.has_versions(contract) {
            return link;
        }
        link.truncate(1);
        link
    }

    /// A reference, resolved and linked, or marked as not in this registry.
    pub(crate) fn reference_link(&self, reference: &ContractRef) -> Vec<Inline> {
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

    pub(crate) fn doc_link(&self, id: &'static str) -> Vec<Inline> {
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
}

/// A link to a page of the site.
pub(crate) fn page_link(text: impl Into<Text>, path: impl Into<Text>, code: bool) -> Inline {
    Inline::Link {
        text: text.into(),
        code,
        target: Target::Page {
            path: path.into(),
            anchor: None,
        },
    }
}

/// The anchor of an owner's section on the owners page.
pub(crate) fn owner_anchor(owner: &str) -> String {
    format!("owner-{}", encoded(owner))
}

/// Links to the sections of the owners page of `owners`, separated by commas.
pub(crate) fn owner_links(owners: &[&'static str]) -> Vec<Inline> {
    comma_links(owners, |owner| Target::Page {
        path: OWNERS.into(),
        anchor: Some(owner_anchor(owner).into()),
    })
}

/// A link to the section of `stability` on the stability page.
pub(crate) fn stability_link(stability: Stability) -> Inline {
    Inline::Link {
        text: stability.as_str().into(),
        code: false,
        target: Target::Page {
            path: STABILITY.into(),
            anchor: Some(stability.as_str().into()),
        },
    }
}

/// A link to the page of `domain`.
pub(crate) fn domain_link(domain: &'static str) -> Inline {
    page_link(domain, domain_path(domain), false)
}

/// Links to the index filtered on `field` by each of `values`, separated by commas.
pub(crate) fn filter_links(field: &'static str, values: &[&'static str]) -> Vec<Inline> {
    comma_links(values, |value| Target::IndexFilter {
        field,
        value: value.into(),
    })
}

/// Each of `values` as a link to its target, separated by commas.
fn comma_links(values: &[&'static str], target: impl Fn(&'static str) -> Target) -> Vec<Inline> {
    let mut out = Vec::new();
    for (i, value) in values.iter().enumerate() {
        if i > 0 {
            out.push(Inline::Text(", ".into()));
        }
        out.push(Inline::Link {
            text: (*value).into(),
            code: false,
            target: target(value),
        });
    }
    out
}

/// Adds a note inside the trailing ` (v1.0.0)` of a link: ` (v1.0.0, optional)`.
pub(crate) fn add_note(link: &mut Vec<Inline>, note: &str) {
    if let Some(Inline::Text(text)) = link.last_mut() {
        if text.ends_with(')') {
            let at = text.len() - 1;
            text.to_mut().insert_str(at, &format!(", {note}"));
            return;
        }
    }
    link.push(Inline::Text(format!(" ({note})").into()));
}
