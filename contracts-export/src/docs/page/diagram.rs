//! Flow diagrams: a capability (or every capability of a domain), the operations it provides,
//! the events they emit and who consumes them, read from the registry's relations.

use super::model::{Inline, Target, Text};
use super::PageBuilder;
use crate::docs::paths::contract_path;
use contracts_core::relations::{edges_from, same, Relation};
use contracts_core::{Contract, ContractKind, Registry};
use std::collections::{HashMap, HashSet};

/// A diagram of nodes in columns, joined by edges from a column to a later one. Renderers lay
/// it out: the HTML site draws it as SVG, Markdown and text list its paths.
#[derive(Clone, Debug, PartialEq)]
pub struct Diagram {
    /// What it shows (`Flow of shop.orders`).
    pub title: Text,
    /// The column titles, left to right.
    pub columns: Vec<Text>,
    /// The nodes, column by column, each column in reading order.
    pub nodes: Vec<DiagramNode>,
    /// The edges, each from a node to a node of a later column.
    pub edges: Vec<DiagramEdge>,
}

/// A node of a [`Diagram`]: a contract, linked to its page.
#[derive(Clone, Debug, PartialEq)]
pub struct DiagramNode {
    /// Its column.
    pub column: usize,
    /// Its label: the contract's key, with its version when the key has several.
    pub label: Text,
    /// What it is, in a word or two (`command`, `data view`).
    pub kind: Text,
    /// Its page.
    pub target: Target,
    /// Whether it is what the page documents.
    pub current: bool,
}

/// An edge of a [`Diagram`].
#[derive(Clone, Debug, PartialEq)]
pub struct DiagramEdge {
    /// The index of the node it starts from.
    pub from: usize,
    /// The index of the node it leads to.
    pub to: usize,
    /// What it means (`emits: The order is stored.`).
    pub label: Text,
    /// Drawn dashed: a relation that skips a column (a capability providing an event directly).
    pub dashed: bool,
}

/// At most this many paths are listed as text; a diagram with more says how many are left out.
const MAX_PATHS: usize = 200;

impl Diagram {
    /// Every path from a node nothing leads to down to a node that leads nowhere, as inline
    /// content: the nodes' links joined by arrows. This is how Markdown and text show the
    /// diagram, and the HTML site's text alternative.
    pub fn paths(&self) -> Vec<Vec<Inline>> {
        let mut next = vec![Vec::new(); self.nodes.len()];
        let mut led_to = vec![false; self.nodes.len()];
        for edge in &self.edges {
            next[edge.from].push(edge.to);
            led_to[edge.to] = true;
        }
        let mut out = Vec::new();
        let mut stack = Vec::new();
        for root in (0..self.nodes.len()).filter(|&n| !led_to[n]) {
            stack.push(root);
            self.walk(&next, &mut stack, &mut out);
            stack.pop();
        }
        out
    }

    fn walk(&self, next: &[Vec<usize>], stack: &mut Vec<usize>, out: &mut Vec<Vec<Inline>>) {
        if out.len() > MAX_PATHS {
            return;
        }
        let last = stack[stack.len() - 1];
        if next[last].is_empty() {
            if out.len() == MAX_PATHS {
                out.push(vec![Inline::Text("(more paths left out)".into())]);
                return;
            }
            let mut line = Vec::new();
            for (i, &n) in stack.iter().enumerate() {
                if i > 0 {
                    line.push(Inline::Text(" → ".into()));
                }
                let node = &self.nodes[n];
                line.push(Inline::Link {
                    text: node.label.clone(),
                    code: true,
                    target: node.target.clone(),
                });
            }
            out.push(line);
            return;
        }
        for &to in &next[last] {
            stack.push(to);
            self.walk(next, stack, out);
            stack.pop();
        }
    }
}

/// A diagram under construction: each contract once per column.
struct Flow<'a> {
    registry: &'a Registry,
    diagram: Diagram,
    ids: Vec<Contract>,
    /// The node of each contract by column, key and version: domain diagrams have hundreds.
    index: HashMap<(usize, &'static str, &'static str), usize>,
    edge_set: HashSet<(usize, usize)>,
    current: Option<&'a Contract>,
}

impl Flow<'_> {
    fn node(&mut self, column: usize, contract: Contract) -> usize {
        let id = (column, contract.key(), contract.version().as_str());
        if let Some(&i) = self.index.get(&id) {
            return i;
        }
        self.index.insert(id, self.ids.len());
        self.ids.push(contract);
        let label = if self.registry.versions(contract.key()).len() > 1 {
            format!("{}@{}", contract.key(), contract.version()).into()
        } else {
            contract.key().into()
        };
        self.diagram.nodes.push(DiagramNode {
            column,
            label,
            kind: kind_word(contract.kind()).into(),
            target: Target::Page {
                path: contract_path(&contract).into(),
                anchor: None,
            },
            current: self.current.is_some_and(|c| same(c, &contract)),
        });
        self.ids.len() - 1
    }

    fn edge(&mut self, from: usize, to: usize, label: Text, dashed: bool) {
        if self.edge_set.insert((from, to)) {
            self.diagram.edges.push(DiagramEdge {
                from,
                to,
                label,
                dashed,
            });
        }
    }

    fn nodes_in(&self, column: usize) -> Vec<(usize, Contract)> {
        (0..self.ids.len())
            .filter(|&i| self.diagram.nodes[i].column == column)
            .map(|i| (i, self.ids[i]))
            .collect()
    }
}

const CAPABILITIES: usize = 0;
const OPERATIONS: usize = 1;
const EVENTS: usize = 2;
const CONSUMERS: usize = 3;

impl PageBuilder<'_> {
    /// The flow of `capabilities` and of `loose` operations (in no capability shown): the
    /// operations each capability provides or is claimed by, the events they emit (and the
    /// events a capability provides that none of them emits), and the contracts that consume
    /// those events. `None` when there is no operation or event to show.
    pub(crate) fn flow(
        &self,
        title: String,
        capabilities: &[Contract],
        loose: &[Contract],
        current: Option<&Contract>,
    ) -> Option<Diagram> {
        let mut flow = Flow {
            registry: self.registry,
            diagram: Diagram {
                title: title.into(),
                columns: ["Capability", "Operations", "Events", "Consumers"]
                    .map(Text::Borrowed)
                    .into(),
                nodes: Vec::new(),
                edges: Vec::new(),
            },
            ids: Vec::new(),
            index: HashMap::new(),
            edge_set: HashSet::new(),
            current,
        };
        if capabilities.len() > 1 {
            flow.diagram.columns[CAPABILITIES] = "Capabilities".into();
        }
        let mut direct_events = Vec::new();
        for capability in capabilities {
            let cap = flow.node(CAPABILITIES, *capability);
            let provided = edges_from(self.registry, *capability)
                .into_iter()
                .filter(|e| matches!(e.relation, Relation::Provides(_)))
                .map(|e| e.to);
            let members: Vec<Contract> = provided
                .chain(self.relations.claimants(capability))
                .collect();
            for member in members {
                match member.kind() {
                    kind if kind.is_operation() => {
                        let op = flow.node(OPERATIONS, member);
                        flow.edge(cap, op, "provides".into(), false);
                    }
                    ContractKind::Event => direct_events.push((cap, member)),
                    _ => {}
                }
            }
        }
        for operation in loose {
            flow.node(OPERATIONS, *operation);
        }
        for (op, operation) in flow.nodes_in(OPERATIONS) {
            for edge in edges_from(self.registry, operation) {
                if let Relation::Emission(emitted) = edge.relation {
                    let event = flow.node(EVENTS, edge.to);
                    flow.edge(op, event, format!("emits: {}", emitted.when).into(), false);
                }
            }
        }
        for (cap, event) in direct_events {
            let id = (EVENTS, event.key(), event.version().as_str());
            if !flow.index.contains_key(&id) {
                let node = flow.node(EVENTS, event);
                flow.edge(cap, node, "provides".into(), true);
            }
        }
        if flow.nodes_in(OPERATIONS).is_empty() && flow.nodes_in(EVENTS).is_empty() {
            return None;
        }
        for (node, event) in flow.nodes_in(EVENTS) {
            for edge in self.relations.consumers(&event) {
                let consumer = flow.node(CONSUMERS, edge.from);
                let label = match edge.relation {
                    Relation::ViewSource(source) => source.as_str(),
                    _ => "consumes",
                };
                flow.edge(node, consumer, label.into(), false);
            }
        }
        while flow.diagram.columns.len() > 1
            && flow.nodes_in(flow.diagram.columns.len() - 1).is_empty()
        {
            flow.diagram.columns.pop();
        }
        Some(flow.diagram)
    }
}

/// A contract kind in a word or two, as diagram nodes name it.
pub(crate) fn kind_word(kind: ContractKind) -> &'static str {
    match kind {
        ContractKind::DataView => "data view",
        other => other.as_str(),
    }
}
