//! The site's navigation: contracts grouped by domain, then capability, then kind. The HTML
//! sidebar and the breadcrumbs read it; domain pages list their groups from it.

use crate::docs::paths::contract_path;
use contracts_core::relations::{same, Relations};
use contracts_core::{Contract, ContractKind, Registry};
use std::collections::{HashMap, HashSet};

/// Every contract of a registry, placed once.
#[derive(Debug)]
pub(crate) struct Nav {
    /// The domains by name, then the contracts without a domain (if any).
    pub(crate) domains: Vec<DomainNav>,
    places: HashMap<String, Place>,
    several_versions: HashSet<&'static str>,
    /// Each contract's site path and listing label by key and version, computed once: every
    /// page's sidebar links dozens of contracts.
    labels: HashMap<(&'static str, &'static str), Label>,
}

/// How navigation links a contract: its page and its text.
#[derive(Debug)]
pub(crate) struct Label {
    /// The site path of its page (see [`contract_path`]).
    pub(crate) path: String,
    /// Its key, with ` v<version>` when the key has several versions.
    pub(crate) text: String,
}

/// A domain: its capabilities' groups, then the contracts no capability of it groups.
#[derive(Debug)]
pub(crate) struct DomainNav {
    /// The domain's name; `None` for the contracts that declare none.
    pub(crate) name: Option<&'static str>,
    /// One group per capability of the domain, by key.
    pub(crate) capabilities: Vec<Group>,
    /// The other contracts of the domain.
    pub(crate) other: Group,
}

/// The contracts of a capability (or the ungrouped ones of a domain), in kind order.
#[derive(Debug, Default)]
pub(crate) struct Group {
    /// The capability; `None` for a domain's other contracts.
    pub(crate) capability: Option<Contract>,
    /// Its contracts, by kind (in [`ContractKind::ALL`] order), then key and version.
    pub(crate) members: Vec<Contract>,
}

/// Where a page sits in the navigation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Place {
    /// The index of its domain.
    pub(crate) domain: usize,
    /// The index of its capability's group, `None` for a domain's other contracts.
    pub(crate) group: Option<usize>,
}

impl Group {
    /// The members of one kind.
    pub(crate) fn of_kind(&self, kind: ContractKind) -> impl Iterator<Item = &Contract> {
        self.members.iter().filter(move |c| c.kind() == kind)
    }
}

impl Nav {
    /// Places every contract of `registry`: a capability heads its own group; another contract
    /// joins the capability it claims, or else the first that provides it, when that capability
    /// is of its domain; otherwise it is among its domain's other contracts.
    pub(crate) fn new(registry: &Registry, relations: &Relations) -> Nav {
        let mut names: Vec<Option<&'static str>> =
            registry.iter().map(|c| c.meta().domain).collect();
        names.sort_by_key(|name| (name.is_none(), *name));
        names.dedup();
        let index_of = |name: Option<&str>| {
            names
                .iter()
                .position(|n| *n == name)
                .expect("every domain is listed")
        };
        let mut domains: Vec<DomainNav> = names
            .iter()
            .map(|&name| DomainNav {
                name,
                capabilities: Vec::new(),
                other: Group::default(),
            })
            .collect();
        let mut places = HashMap::new();
        let capabilities = registry.capabilities().map(Contract::Capability);
        for capability in capabilities {
            let domain = index_of(capability.meta().domain);
            let groups = &mut domains[domain].capabilities;
            groups.push(Group {
                capability: Some(capability),
                members: vec![capability],
            });
            places.insert(
                contract_path(&capability),
                Place {
                    domain,
                    group: Some(groups.len() - 1),
                },
            );
        }
        for kind in ContractKind::ALL {
            for contract in registry.of_kind(kind) {
                if kind == ContractKind::Capability {
                    continue;
                }
                let domain = index_of(contract.meta().domain);
                let in_domain = |cap: &Contract| {
                    domains[domain]
                        .capabilities
                        .iter()
                        .position(|g| g.capability.is_some_and(|c| same(&c, cap)))
                };
                let claimed = contract
                    .capability()
                    .and_then(|c| registry.resolve(c))
                    .and_then(|c| in_domain(&c));
                let group = claimed.or_else(|| {
                    relations
                        .providers(&contract)
                        .find_map(|(cap, _)| in_domain(&Contract::Capability(cap)))
                });
                let domain_nav = &mut domains[domain];
                match group {
                    Some(g) => domain_nav.capabilities[g].members.push(contract),
                    None => domain_nav.other.members.push(contract),
                }
                places.insert(contract_path(&contract), Place { domain, group });
            }
        }
        let several_versions = registry
            .entries()
            .windows(2)
            .filter(|pair| pair[0].key() == pair[1].key())
            .map(|pair| pair[1].contract().key())
            .collect::<HashSet<_>>();
        let labels = registry
            .iter()
            .map(|contract| {
                let text = if several_versions.contains(contract.key()) {
                    format!("{} v{}", contract.key(), contract.version())
                } else {
                    contract.key().to_owned()
                };
                let path = contract_path(&contract);
                let id = (contract.key(), contract.version().as_str());
                (id, Label { path, text })
            })
            .collect();
        Nav {
            domains,
            places,
            several_versions,
            labels,
        }
    }

    /// Where the page at site path `path` sits, if it is a contract's.
    pub(crate) fn place(&self, path: &str) -> Option<Place> {
        self.places.get(path).copied()
    }

    /// Whether the key of `contract` has several versions (so a listing names the version).
    pub(crate) fn has_versions(&self, contract: &Contract) -> bool {
        self.several_versions.contains(contract.key())
    }

    /// How navigation links `contract`, a contract of the registry.
    pub(crate) fn label(&self, contract: &Contract) -> Option<&Label> {
        self.labels
            .get(&(contract.key(), contract.version().as_str()))
    }

    /// The group at `place`.
    pub(crate) fn group(&self, place: Place) -> &Group {
        let domain = &self.domains[place.domain];
        match place.group {
            Some(g) => &domain.capabilities[g],
            None => &domain.other,
        }
    }
}
