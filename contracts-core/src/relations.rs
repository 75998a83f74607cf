//! Relations between contracts: who claims a capability, what a capability provides, which
//! operations emit an event, which consumers consume it, who reads an operation or refreshes on an event, what a feature
//! groups, and which contracts reference a doc block.
//!
//! Every relation is an [`Edge`] from the contract that declares it to the contract it names,
//! resolved against a [`Registry`]. [`edges_from`] walks the edges a contract declares;
//! [`Relations`] inverts them once for a whole registry, for the questions asked from the other
//! end (who emits this event, who uses this contract). Both walk the same declarations, so a
//! relation is defined in one place: [`Registry::provided_by`],
//! [`Registry::capabilities_providing`] and [`Registry::emitters_of`] answer from here too.
//!
//! References that do not resolve are no edges: reporting them is the checks' business
//! ([`crate::checks`]). Emitted and consumed events are the exception: their descriptors are
//! linked by type, so the edge exists even when the event's crate is not included.
//!
//! ```
//! use contracts_core::{capability, command, event, registry, Model};
//! use contracts_core::relations::{edges_from, Relation, Relations};
//!
//! /// Orders.
//! #[capability(key = "shop.orders", version = "1.0.0", kind = "api",
//!     provides(operation("shop.order.place@1.0.0"), event("shop.order.placed@1.0.0")))]
//! pub struct Orders;
//!
//! /// An order was placed.
//! #[event(key = "shop.order.placed", version = "1.0.0", capability = "shop.orders")]
//! #[derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema, Model)]
//! pub struct Placed { pub order_id: String }
//!
//! /// Place an order.
//! #[command(key = "shop.order.place", version = "1.0.0", capability = "shop.orders",
//!     output = Placed, emits(Placed(when = "The order is stored.")), policy(auth = "user"))]
//! #[derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema, Model)]
//! pub struct Place { pub sku: String }
//!
//! registry! {
//!     pub static SHOP;
//!     defaults(owners = ["team.shop"], stability = "beta");
//!     contracts(Orders, Placed, Place);
//! }
//!
//! # fn main() {
//! let relations = Relations::new(&SHOP);
//! let placed = SHOP.find("shop.order.placed").unwrap();
//! let emitters: Vec<_> = relations.emitters(&placed).map(|(op, _)| op.meta.key).collect();
//! assert_eq!(emitters, ["shop.order.place"]);
//! let providers: Vec<_> = relations.providers(&placed).map(|(cap, _)| cap.meta.key).collect();
//! assert_eq!(providers, ["shop.orders"]);
//! let orders = SHOP.find("shop.orders").unwrap();
//! let claimants: Vec<_> = relations.claimants(&orders).map(|c| c.key()).collect();
//! assert_eq!(claimants, ["shop.order.place", "shop.order.placed"]);
//! // What the command declares, from its side.
//! let place = SHOP.find("shop.order.place").unwrap();
//! let declared: Vec<_> = edges_from(&SHOP, place).iter().map(|e| e.to.key()).collect();
//! assert_eq!(declared, ["shop.orders", "shop.order.placed"]);
//! assert!(matches!(edges_from(&SHOP, place)[1].relation, Relation::Emission(_)));
//! # }
//! ```

use crate::contract::Contract;
use crate::descriptors::{
    CapabilityDescriptor, ConsumerDescriptor, EmittedEvent, FeatureDescriptor, FormAction,
    OperationDescriptor, ProvidedSurface, Requirement,
};
use crate::registry::Registry;
use crate::ContractRef;
use std::collections::HashMap;

/// How the contract an [`Edge`] starts from relates to the one it leads to.
///
/// No variant shares a name with an item of this crate (the `Emits` trait, the `Policy` trait,
/// `FormAction`): rustc would then print those items with their full paths in every error.
#[derive(Clone, Copy, Debug)]
#[non_exhaustive]
pub enum Relation {
    /// An operation, event or presentation claims the capability (its `capability = ...`).
    Claims,
    /// A capability provides the contract (an entry of its `provides`).
    Provides(&'static ProvidedSurface),
    /// An operation emits the event (an entry of its `emits`).
    Emission(&'static EmittedEvent),
    /// A capability or feature requires the capability.
    Requires(&'static Requirement),
    /// A capability extends the capability.
    Extends,
    /// An operation's policy references the policy.
    UsesPolicy,
    /// A consumer consumes the event (its `event = ...`).
    Consumption,
    /// A data view reads the operation, or refreshes on the event.
    ViewSource(ViewSource),
    /// A form action calls the operation.
    Action(&'static FormAction),
    /// A feature groups the contract.
    Member(Membership),
}

impl Relation {
    /// Whether the edge's start reacts to the event it leads to: a declared consumer of it, or
    /// a data view that refreshes on it.
    pub const fn consumes(&self) -> bool {
        matches!(
            self,
            Relation::Consumption | Relation::ViewSource(ViewSource::Refresh)
        )
    }
}

/// What a data view takes from a contract it names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ViewSource {
    /// The query returning the records.
    Primary,
    /// The query returning one record.
    Item,
    /// An event after which the view refreshes.
    Refresh,
}

impl ViewSource {
    /// The role in words (`primary source`, `item source`, `refreshes on`).
    pub const fn as_str(&self) -> &'static str {
        match self {
            ViewSource::Primary => "primary source",
            ViewSource::Item => "item source",
            ViewSource::Refresh => "refreshes on",
        }
    }
}

/// The list of a feature a member is named in (plural, as the lists are, and apart from the
/// kinds' trait names).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Membership {
    /// `operations`.
    Operations,
    /// `events`.
    Events,
    /// `presentations`.
    Presentations,
    /// `provides`: a capability the feature provides.
    ProvidedCapabilities,
    /// `data_views`.
    DataViews,
    /// `forms`.
    Forms,
    /// `policies`.
    Policies,
}

impl Membership {
    /// The role in words (`operation`, `provided capability`).
    pub const fn as_str(&self) -> &'static str {
        match self {
            Membership::Operations => "operation",
            Membership::Events => "event",
            Membership::Presentations => "presentation",
            Membership::ProvidedCapabilities => "provided capability",
            Membership::DataViews => "data view",
            Membership::Forms => "form",
            Membership::Policies => "policy",
        }
    }

    /// The members of `feature` in each list, in declaration order of the lists.
    fn lists(feature: &'static FeatureDescriptor) -> [(Membership, &'static [ContractRef]); 7] {
        [
            (Membership::Operations, feature.operations),
            (Membership::Events, feature.events),
            (Membership::Presentations, feature.presentations),
            (Membership::ProvidedCapabilities, feature.provides),
            (Membership::DataViews, feature.data_views),
            (Membership::Forms, feature.forms),
            (Membership::Policies, feature.policies),
        ]
    }
}

/// One relation: `from` declares it, naming `to`.
#[derive(Clone, Copy, Debug)]
pub struct Edge {
    /// The contract that declares the relation.
    pub from: Contract,
    /// The contract it names, resolved.
    pub to: Contract,
    /// How they relate.
    pub relation: Relation,
}

/// Whether two contracts have the same key and version.
pub fn same(a: &Contract, b: &Contract) -> bool {
    a.key() == b.key() && a.version().as_str() == b.version().as_str()
}

/// What `capability` provides, resolved: each entry of its `provides` that names a contract of
/// its surface. Workflows and resources are not contracts and are left out.
pub(crate) fn provided<'r>(
    registry: &'r Registry,
    capability: &'static CapabilityDescriptor,
) -> impl Iterator<Item = (Contract, &'static ProvidedSurface)> + 'r {
    capability.provides.iter().filter_map(move |p| {
        registry
            .resolve(&p.target)
            .filter(|c| c.surface() == Some(p.surface))
            .map(|c| (c, p))
    })
}

/// The events `operation` emits, in declaration order.
pub(crate) fn emitted(
    operation: &'static OperationDescriptor,
) -> impl Iterator<Item = (Contract, &'static EmittedEvent)> {
    operation
        .emits
        .iter()
        .map(|e| (Contract::Event(e.event), e))
}

/// Every edge `contract` declares, resolved against `registry`, in declaration order.
pub fn edges_from(registry: &Registry, contract: Contract) -> Vec<Edge> {
    let mut edges = Vec::new();
    let mut push = |to: Option<Contract>, relation: Relation| {
        if let Some(to) = to {
            edges.push(Edge {
                from: contract,
                to,
                relation,
            });
        }
    };
    push(
        contract.capability().and_then(|c| registry.resolve(c)),
        Relation::Claims,
    );
    match contract {
        Contract::Capability(cap) => {
            for (to, provided) in provided(registry, cap) {
                push(Some(to), Relation::Provides(provided));
            }
            for requirement in cap.requires {
                push(
                    registry.resolve(&requirement.capability),
                    Relation::Requires(requirement),
                );
            }
            push(
                cap.extends.as_ref().and_then(|c| registry.resolve(c)),
                Relation::Extends,
            );
        }
        Contract::Operation(op) => {
            for (to, emitted) in emitted(op) {
                push(Some(to), Relation::Emission(emitted));
            }
            for policy in op.policy.policies {
                push(registry.resolve(policy), Relation::UsesPolicy);
            }
        }
        Contract::DataView(view) => {
            let source = &view.source;
            push(
                registry.resolve(&source.primary),
                Relation::ViewSource(ViewSource::Primary),
            );
            push(
                source.item.as_ref().and_then(|c| registry.resolve(c)),
                Relation::ViewSource(ViewSource::Item),
            );
            for event in source.refresh_events {
                push(
                    registry.resolve(event),
                    Relation::ViewSource(ViewSource::Refresh),
                );
            }
        }
        Contract::Form(form) => {
            for action in form.actions {
                push(registry.resolve(&action.op), Relation::Action(action));
            }
        }
        Contract::Feature(feature) => {
            for (membership, members) in Membership::lists(feature) {
                for member in members {
                    push(registry.resolve(member), Relation::Member(membership));
                }
            }
            for requirement in feature.requires {
                push(
                    registry.resolve(&requirement.capability),
                    Relation::Requires(requirement),
                );
            }
        }
        Contract::Consumer(consumer) => {
            push(Some(Contract::Event(consumer.event)), Relation::Consumption);
        }
        Contract::Event(_) | Contract::Presentation(_) | Contract::Policy(_) => {}
    }
    edges
}

/// A contract that references a doc block.
#[derive(Clone, Copy, Debug)]
pub struct DocReference {
    /// The contract.
    pub contract: Contract,
    /// Whether it names the block among a feature's `docs` (rather than in its own `doc_ids`).
    pub feature_docs: bool,
}

type Id = (&'static str, &'static str);

fn id_of(contract: &Contract) -> Id {
    (contract.key(), contract.version().as_str())
}

/// Every relation of a registry, indexed by the contract it leads to: computed once, then each
/// question ("who emits this event") is a lookup.
#[derive(Debug, Default)]
pub struct Relations {
    incoming: HashMap<Id, Vec<Edge>>,
    doc_references: HashMap<&'static str, Vec<DocReference>>,
}

impl Relations {
    /// Walks every contract of `registry` once.
    pub fn new(registry: &Registry) -> Relations {
        let mut relations = Relations::default();
        for contract in registry.iter() {
            for edge in edges_from(registry, contract) {
                relations
                    .incoming
                    .entry(id_of(&edge.to))
                    .or_default()
                    .push(edge);
            }
            for doc in contract.meta().doc_ids {
                relations.reference(doc, contract, false);
            }
            if let Contract::Feature(feature) = contract {
                for doc in feature.docs {
                    relations.reference(doc, contract, true);
                }
            }
        }
        relations
    }

    fn reference(&mut self, doc: &'static str, contract: Contract, feature_docs: bool) {
        self.doc_references
            .entry(doc)
            .or_default()
            .push(DocReference {
                contract,
                feature_docs,
            });
    }

    /// Every edge leading to `contract`, in registry order of the contracts declaring them
    /// (then in declaration order).
    pub fn to(&self, contract: &Contract) -> &[Edge] {
        self.incoming
            .get(&id_of(contract))
            .map_or(&[], Vec::as_slice)
    }

    /// The contracts that claim the capability `capability`.
    pub fn claimants<'a>(&'a self, capability: &Contract) -> impl Iterator<Item = Contract> + 'a {
        self.to(capability)
            .iter()
            .filter(|e| matches!(e.relation, Relation::Claims))
            .map(|e| e.from)
    }

    /// The capabilities that provide `contract`, with the entry of their `provides` (one item
    /// per entry).
    pub fn providers<'a>(
        &'a self,
        contract: &Contract,
    ) -> impl Iterator<Item = (&'static CapabilityDescriptor, &'static ProvidedSurface)> + 'a {
        self.to(contract)
            .iter()
            .filter_map(|e| match (e.from, e.relation) {
                (Contract::Capability(cap), Relation::Provides(p)) => Some((cap, p)),
                _ => None,
            })
    }

    /// The operations that emit `event`, with the entry of their `emits`.
    pub fn emitters<'a>(
        &'a self,
        event: &Contract,
    ) -> impl Iterator<Item = (&'static OperationDescriptor, &'static EmittedEvent)> + 'a {
        self.to(event)
            .iter()
            .filter_map(|e| match (e.from, e.relation) {
                (Contract::Operation(op), Relation::Emission(emitted)) => Some((op, emitted)),
                _ => None,
            })
    }

    /// The declared consumers of `event`.
    pub fn declared_consumers<'a>(
        &'a self,
        event: &Contract,
    ) -> impl Iterator<Item = &'static ConsumerDescriptor> + 'a {
        self.to(event)
            .iter()
            .filter_map(|e| match (e.from, e.relation) {
                (Contract::Consumer(consumer), Relation::Consumption) => Some(consumer),
                _ => None,
            })
    }

    /// The edges of the contracts that consume `event` (see [`Relation::consumes`]).
    pub fn consumers<'a>(&'a self, event: &Contract) -> impl Iterator<Item = &'a Edge> + 'a {
        self.to(event).iter().filter(|e| e.relation.consumes())
    }

    /// The contracts that reference the doc block `id`, in registry order.
    pub fn doc_references(&self, id: &str) -> &[DocReference] {
        self.doc_references.get(id).map_or(&[], Vec::as_slice)
    }
}
