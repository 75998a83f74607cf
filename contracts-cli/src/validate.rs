//! Whole-registry checks, at run time, on the aggregate a binary embeds.
//!
//! The attribute macros check every rule at compile time, crate by crate. [`validate`] runs the
//! same rules ([`contracts_core::checks`], the very functions the macros evaluate, so the two
//! cannot drift) on a whole [`Registry`] (useful for registries assembled from many crates, and
//! as a report), and adds what no single declaration can see: contracts that no capability
//! provides (orphans) and optional requirements that the aggregate does not satisfy.

use contracts_core::checks::{self, Check};
use contracts_core::descriptors::{CapabilityDescriptor, Requirement, Source};
use contracts_core::relations::Relations;
use contracts_core::syntax::{validate_key, Version};
use contracts_core::{
    Contract, ContractKind, ContractRef, HashedRef, KindSet, ModelInfo, Registry,
};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

/// How serious a finding is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// A rule is broken: `contracts validate` exits non-zero.
    Error,
    /// Worth a look, but allowed.
    Warning,
}

impl Severity {
    /// `error` or `warning`.
    pub const fn as_str(&self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// One problem found in a registry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    /// Error or warning.
    pub severity: Severity,
    /// The contract (`key@version`) or doc block id the finding is about.
    pub subject: String,
    /// What is wrong and how to fix it, in one line.
    pub message: String,
    /// Where the subject is declared (`src/events.rs:39 in contracts_control_plane`), if known.
    pub location: Option<String>,
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.severity.as_str(), self.message)?;
        if let Some(location) = &self.location {
            write!(f, " ({location})")?;
        }
        Ok(())
    }
}

/// The outcome of [`validate`]: every finding, errors first, in registry order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Report {
    /// The findings.
    pub findings: Vec<Finding>,
    /// How many contracts were checked.
    pub contracts: usize,
    /// How many doc blocks were checked.
    pub doc_blocks: usize,
}

impl Report {
    /// The errors.
    pub fn errors(&self) -> impl Iterator<Item = &Finding> {
        self.findings
            .iter()
            .filter(|f| f.severity == Severity::Error)
    }

    /// The warnings.
    pub fn warnings(&self) -> impl Iterator<Item = &Finding> {
        self.findings
            .iter()
            .filter(|f| f.severity == Severity::Warning)
    }

    /// Whether any rule is broken.
    pub fn has_errors(&self) -> bool {
        self.errors().next().is_some()
    }
}

/// Checks every rule of the compile-time governance on the whole registry, plus orphans and
/// unsatisfied optional requirements (as warnings).
///
/// Errors:
/// - a key or version that is malformed; a contract or doc block declared twice;
/// - a claimed capability that does not exist, or whose `provides` does not list the claimant;
/// - a provided surface, emitted event, referenced policy, data view source, form action,
///   feature member or extended capability that does not resolve (or resolves to the wrong
///   kind, or, unpinned, to several versions);
/// - a required capability that is missing (unless optional) or of the wrong kind;
/// - a pii path or form field that names no field of its model; a doc id naming no doc block;
/// - a query that is not idempotent; an error code that is not `SCREAMING_SNAKE_CASE`, repeated,
///   or mapped to an HTTP status outside 400-599.
///
/// Warnings:
/// - an operation or event that no capability provides (an orphan);
/// - an optional requirement the registry does not satisfy.
///
/// ```
/// use contracts_cli::validate::validate;
/// use contracts_harness::HARNESS;
///
/// let report = validate(&HARNESS);
/// assert!(!report.has_errors());
/// // Alone, the harness domain lacks the control plane it optionally requires.
/// assert!(report.warnings().any(|w| w.message.contains("control-plane.core")));
/// ```
pub fn validate(registry: &Registry) -> Report {
    let mut v = Validator {
        registry,
        findings: Vec::new(),
    };
    v.identities();
    for contract in registry.iter() {
        v.contract(contract);
    }
    v.doc_blocks();
    v.orphans();
    let mut findings = v.findings;
    // Errors first, then warnings, each in registry order; no repeats.
    let mut seen = BTreeSet::new();
    findings.retain(|f| seen.insert((f.severity, f.subject.clone(), f.message.clone())));
    findings.sort_by_key(|f| f.severity);
    Report {
        findings,
        contracts: registry.len(),
        doc_blocks: registry.doc_blocks().len(),
    }
}

struct Validator<'r> {
    registry: &'r Registry,
    findings: Vec<Finding>,
}

fn id(contract: &Contract) -> String {
    format!("{}@{}", contract.key(), contract.version())
}

fn location(source: &Source) -> Option<String> {
    (!source.file.is_empty())
        .then(|| format!("{}:{} in {}", source.file, source.line, source.crate_name()))
}

const OPERATIONS: KindSet = KindSet::OPERATIONS;
const CAPABILITY: KindSet = KindSet::only(ContractKind::Capability);

impl Validator<'_> {
    fn report(&mut self, severity: Severity, subject: &Contract, message: String) {
        self.findings.push(Finding {
            severity,
            subject: id(subject),
            message,
            location: location(&subject.meta().source),
        });
    }

    fn error(&mut self, subject: &Contract, message: String) {
        self.report(Severity::Error, subject, message);
    }

    /// Reports the outcome of a rule as an error about `subject`, after `context` (e.g.
    /// "provided operation: ").
    fn rule(&mut self, subject: &Contract, context: &str, check: Check) {
        if let Err(message) = check {
            self.error(
                subject,
                format!(
                    "{} `{}`: {context}{}",
                    kind_word(subject),
                    id(subject),
                    message.as_str()
                ),
            );
        }
    }

    /// Resolves `reference` among `kinds` (named `what`) as the compile-time checks do: a pinned
    /// version must exist; an unpinned one must name exactly one version.
    fn resolve(
        &self,
        reference: &ContractRef,
        kinds: KindSet,
        what: &str,
    ) -> Result<Option<Contract>, String> {
        match checks::resolve(self.registry, &HashedRef::new(*reference), kinds, what) {
            Ok(found) => Ok(found.map(|index| self.registry.entries()[index].contract())),
            Err(message) => Err(message.as_str().to_owned()),
        }
    }

    /// Checks a reference in the role `role`; returns the contract it resolves to.
    fn reference(
        &mut self,
        subject: &Contract,
        role: &str,
        reference: &ContractRef,
        kinds: KindSet,
        what: &str,
    ) -> Option<Contract> {
        match self.resolve(reference, kinds, what) {
            Ok(found) => found,
            Err(why) => {
                self.error(
                    subject,
                    format!("{} `{}`: {role}: {why}", kind_word(subject), id(subject)),
                );
                None
            }
        }
    }

    fn identities(&mut self) {
        let entries = self.registry.entries();
        for (i, entry) in entries.iter().enumerate() {
            let contract = entry.contract();
            if let Err(e) = validate_key(entry.key()) {
                self.error(
                    &contract,
                    format!("key `{}` is malformed: {}", entry.key(), e.reason()),
                );
            }
            if let Err(e) = Version::parse(entry.version()) {
                self.error(
                    &contract,
                    format!(
                        "version `{}` of `{}` is malformed: {}",
                        entry.version(),
                        entry.key(),
                        e.reason()
                    ),
                );
            }
            if i > 0
                && entries[i - 1].key() == entry.key()
                && entries[i - 1].version() == entry.version()
            {
                let other = entries[i - 1].contract();
                self.error(
                    &contract,
                    format!(
                        "duplicate contract `{}`: also declared at {}; give one of them another key, or bump this one's version",
                        id(&contract),
                        location(&other.meta().source).unwrap_or_else(|| entries[i - 1].crate_name().to_owned())
                    ),
                );
            }
        }
    }

    fn doc_ids(&mut self, subject: &Contract, ids: &[&str]) {
        for doc in ids {
            self.rule(subject, "", checks::doc_block(self.registry, doc));
        }
    }

    fn paths(
        &mut self,
        subject: &Contract,
        model: &'static ModelInfo,
        paths: &[&'static str],
        what: &str,
    ) {
        for path in paths {
            self.rule(subject, "", checks::field_path(model, path, what));
        }
    }

    fn contract(&mut self, contract: Contract) {
        let meta = contract.meta();
        self.doc_ids(&contract, meta.doc_ids);
        if let Some(claimed) = contract.capability() {
            self.claim(&contract, claimed);
        }
        match contract {
            Contract::Operation(op) => {
                for emitted in op.emits {
                    let event = emitted.event;
                    let found = self
                        .registry
                        .get(event.meta.key, event.meta.version.as_str())
                        .filter(|c| c.kind() == ContractKind::Event);
                    if found.is_none() {
                        self.error(
                            &contract,
                            format!(
                                "operation `{}` emits event `{}@{}`, which is not in this registry: include the crate that declares it",
                                id(&contract),
                                event.meta.key,
                                event.meta.version
                            ),
                        );
                    }
                }
                for policy in op.policy.policies {
                    let policies = KindSet::only(ContractKind::Policy);
                    self.reference(&contract, "policy", policy, policies, "policy");
                }
                self.paths(&contract, op.input.info, op.policy.pii, "pii path");
                if op.kind == contracts_core::OperationKind::Query && !op.policy.idempotent {
                    self.error(
                        &contract,
                        format!(
                            "query `{}` is not idempotent; queries must be",
                            id(&contract)
                        ),
                    );
                }
                let mut codes = BTreeSet::new();
                for error in op.errors {
                    let valid = !error.code.is_empty()
                        && error
                            .code
                            .bytes()
                            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_')
                        && error.code.starts_with(|c: char| c.is_ascii_uppercase());
                    if !valid {
                        self.error(
                            &contract,
                            format!(
                                "operation `{}`: error code `{}` is not SCREAMING_SNAKE_CASE",
                                id(&contract),
                                error.code
                            ),
                        );
                    }
                    if !(400..=599).contains(&error.http) {
                        self.error(
                            &contract,
                            format!(
                                "operation `{}`: error `{}` maps to HTTP {}, not 400-599",
                                id(&contract),
                                error.code,
                                error.http
                            ),
                        );
                    }
                    if !codes.insert(error.code) {
                        self.error(
                            &contract,
                            format!(
                                "operation `{}` declares error `{}` twice",
                                id(&contract),
                                error.code
                            ),
                        );
                    }
                }
            }
            Contract::Event(event) => {
                self.paths(&contract, event.payload.info, event.pii, "pii path");
            }
            Contract::Capability(cap) => self.capability(&contract, cap),
            Contract::Presentation(_) => {}
            Contract::DataView(view) => {
                let source = &view.source;
                self.reference(
                    &contract,
                    "primary source",
                    &source.primary,
                    OPERATIONS,
                    "operation",
                );
                if let Some(item) = &source.item {
                    self.reference(&contract, "item source", item, OPERATIONS, "operation");
                }
                for event in source.refresh_events {
                    let events = KindSet::only(ContractKind::Event);
                    self.reference(&contract, "refresh event", event, events, "event");
                }
            }
            Contract::Form(form) => {
                for action in form.actions {
                    self.reference(
                        &contract,
                        &format!("action `{}`", action.key),
                        &action.op,
                        OPERATIONS,
                        "operation",
                    );
                }
                let names: Vec<&'static str> = form.fields.iter().map(|f| f.name).collect();
                self.paths(&contract, form.model.info, &names, "form field");
                self.paths(&contract, form.model.info, form.policy.pii, "pii path");
            }
            Contract::Policy(_) => {}
            Contract::Consumer(consumer) => {
                let event = ContractRef {
                    key: consumer.event.meta.key,
                    version: Some(consumer.event.meta.version),
                };
                let only = KindSet::only(ContractKind::Event);
                self.reference(&contract, "event", &event, only, "consumed event");
            }
            Contract::Feature(feature) => {
                let only = KindSet::only;
                let groups: [(&str, &[ContractRef], KindSet, &str); 7] = [
                    ("operation", feature.operations, OPERATIONS, "operation"),
                    ("event", feature.events, only(ContractKind::Event), "event"),
                    (
                        "presentation",
                        feature.presentations,
                        only(ContractKind::Presentation),
                        "presentation",
                    ),
                    (
                        "provided capability",
                        feature.provides,
                        CAPABILITY,
                        "capability",
                    ),
                    (
                        "data view",
                        feature.data_views,
                        only(ContractKind::DataView),
                        "data view",
                    ),
                    ("form", feature.forms, only(ContractKind::Form), "form"),
                    (
                        "policy",
                        feature.policies,
                        only(ContractKind::Policy),
                        "policy",
                    ),
                ];
                for (role, refs, kinds, what) in groups {
                    for reference in refs {
                        self.reference(&contract, role, reference, kinds, what);
                    }
                }
                self.requirements(&contract, feature.requires);
                self.doc_ids(&contract, feature.docs);
            }
        }
    }

    /// Rules 1 and 3: the claimed capability exists and lists the claimant.
    fn claim(&mut self, contract: &Contract, claimed: &ContractRef) {
        let found = self.reference(
            contract,
            "claimed capability",
            claimed,
            CAPABILITY,
            "capability",
        );
        let (Some(_), Some(surface)) = (found, contract.surface()) else {
            return;
        };
        let (key, version) = (contract.key(), contract.version());
        let check = checks::capability_claim(
            self.registry,
            &HashedRef::new(*claimed),
            surface,
            key,
            version.as_str(),
        );
        if let Err(message) = check {
            self.error(contract, message.as_str().to_owned());
        }
    }

    /// Rule 4 for what a capability provides, rule 8 for what it requires, and what it extends.
    fn capability(&mut self, contract: &Contract, cap: &'static CapabilityDescriptor) {
        for provided in cap.provides {
            let surface = provided.surface;
            let context = format!("provided {}: ", surface.as_str());
            let check =
                checks::provided_surface(self.registry, surface, &HashedRef::new(provided.target));
            self.rule(contract, &context, check);
        }
        self.requirements(contract, cap.requires);
        if let Some(extends) = &cap.extends {
            self.reference(
                contract,
                "extended capability",
                extends,
                CAPABILITY,
                "capability",
            );
        }
    }

    /// Rule 8: required capabilities exist with the required kind; an optional requirement the
    /// registry does not satisfy is a warning.
    fn requirements(&mut self, contract: &Contract, requires: &'static [Requirement]) {
        for requirement in requires {
            let check = checks::required_capability(
                self.registry,
                &HashedRef::new(requirement.capability),
                false,
                requirement.kind,
            );
            let Err(why) = check else {
                continue;
            };
            if requirement.optional {
                self.report(
                    Severity::Warning,
                    contract,
                    format!(
                        "{} `{}` optionally requires capability `{}`, which this registry does not satisfy ({})",
                        kind_word(contract),
                        id(contract),
                        requirement.capability,
                        why.as_str()
                    ),
                );
            } else {
                self.rule(contract, "requires: ", Err(why));
            }
        }
    }

    fn doc_blocks(&mut self) {
        let mut seen: BTreeMap<&str, &Source> = BTreeMap::new();
        for block in self.registry.doc_blocks() {
            let mut problem = None;
            if block.id.trim().is_empty() {
                problem = Some("a doc block has an empty id".to_owned());
            } else if let Some(first) = seen.get(block.id) {
                problem = Some(format!(
                    "doc block `{}` is declared twice (also at {})",
                    block.id,
                    location(first).unwrap_or_default()
                ));
            }
            seen.entry(block.id).or_insert(&block.source);
            if let Some(message) = problem {
                self.findings.push(Finding {
                    severity: Severity::Error,
                    subject: block.id.to_owned(),
                    message,
                    location: location(&block.source),
                });
            }
        }
    }

    /// Operations and events that no capability provides.
    fn orphans(&mut self) {
        let relations = Relations::new(self.registry);
        for contract in self.registry.iter() {
            let kind = contract.kind();
            if !(kind.is_operation() || kind == ContractKind::Event)
                || relations.providers(&contract).next().is_some()
            {
                continue;
            }
            let mut emitters: Vec<String> = relations
                .emitters(&contract)
                .map(|(op, _)| format!("`{}@{}`", op.meta.key, op.meta.version))
                .collect();
            // One operation may list an event twice; it is named once.
            emitters.dedup();
            let detail = if kind == ContractKind::Event {
                if emitters.is_empty() {
                    "; no operation emits it either".to_owned()
                } else {
                    format!("; emitted by {}", emitters.join(", "))
                }
            } else {
                String::new()
            };
            self.report(
                Severity::Warning,
                &contract,
                format!(
                    "{} `{}` is provided by no capability (orphan){detail}",
                    kind_word(&contract),
                    id(&contract)
                ),
            );
        }
    }
}

/// `an event`, `a query`.
pub(crate) fn with_article(word: &str) -> String {
    let article = if word.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    };
    format!("{article} {word}")
}

fn kind_word(contract: &Contract) -> &'static str {
    match contract.kind() {
        ContractKind::Command | ContractKind::Query => "operation",
        ContractKind::Event => "event",
        ContractKind::Capability => "capability",
        ContractKind::Presentation => "presentation",
        ContractKind::DataView => "data view",
        ContractKind::Form => "form",
        ContractKind::Policy => "policy",
        ContractKind::Feature => "feature",
        ContractKind::Consumer => "consumer",
    }
}
