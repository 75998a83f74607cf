//! The questions ContractSpec's domain tests ask of their registries, asked of a [`Registry`] and
//! answered from the reference: lookup by exact key and version, latest version by exact key
//! (a prefix of a key is not a key), the contracts of each kind and the listing filters, what
//! each capability provides and requires, which capabilities provide each contract and which one
//! it claims, the events each operation emits and the emitters of each event, errors and
//! policies, the upstream `register*` lists, the features' contents and the doc blocks.
//!
//! Where [`compare`](crate::compare) checks what each contract *is*, this checks what the
//! registry *answers*: every question goes through a [`Registry`] method.

use crate::{Change, Reference, Resolution};
use contracts_core::descriptors::Requirement;
use contracts_core::syntax::Version;
use contracts_core::{Contract, ContractKind, ContractRef, Registry, Stability};
use serde_json::Value;
use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet};

/// A question the registry answers differently from the reference.
///
/// For a question answered by a set (the contracts of a kind, with a tag, ...), there is one
/// failure per missing member (`found` is `nothing`) and one per unexpected member (`expected`
/// is `nothing`). For an ordered list, the whole list on both sides.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Failure {
    /// The question: the registry method or descriptor field asked (`latest`, `provides`, ...).
    pub question: String,
    /// What it was asked about: `key@version`, a key, a kind, a tag, a doc block id.
    pub subject: String,
    /// The reference's answer.
    pub expected: String,
    /// The registry's answer.
    pub found: String,
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}({}): expected {}, found {}",
            self.question, self.subject, self.expected, self.found
        )
    }
}

const NOTHING: &str = "nothing";

/// Every answer of `registry` that differs from the reference's, after `resolutions` (an entry a
/// resolution adds to a capability's `provides` is expected there, and the capability is then
/// expected among those providing the contract). A resolution whose entry is missing is a failure.
pub fn registry_answers(
    registry: &Registry,
    reference: &Reference,
    resolutions: &[Resolution],
) -> Vec<Failure> {
    let mut answers = Answers::new(registry, reference, resolutions);
    answers.lookup();
    answers.latest();
    answers.kinds();
    answers.filters();
    answers.capabilities();
    answers.providers_and_claims();
    answers.operations();
    answers.emitters();
    answers.registers();
    answers.features();
    answers.doc_blocks();
    answers.failures
}

/// An entry a resolution adds to a capability's `provides`.
struct Added<'r> {
    capability: &'r str,
    surface: &'r str,
    target: &'r str,
    reason: &'r str,
}

struct Answers<'a> {
    registry: &'a Registry,
    reference: &'a Reference,
    added: Vec<Added<'a>>,
    /// Every version of each reference key, oldest first.
    versions: BTreeMap<&'a str, Vec<&'a str>>,
    failures: Vec<Failure>,
}

impl<'a> Answers<'a> {
    fn new(
        registry: &'a Registry,
        reference: &'a Reference,
        resolutions: &'a [Resolution],
    ) -> Answers<'a> {
        let added = resolutions
            .iter()
            .map(|resolution| match &resolution.change {
                Change::AddedProvides { surface, target } => Added {
                    capability: resolution.contract,
                    surface,
                    target,
                    reason: resolution.reason,
                },
            })
            .collect();
        let mut versions: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
        for (_, contract) in reference.all() {
            versions
                .entry(text(contract, "key"))
                .or_default()
                .push(text(contract, "version"));
        }
        for list in versions.values_mut() {
            list.sort_by(|a, b| precedence(a, b));
        }
        Answers {
            registry,
            reference,
            added,
            versions,
            failures: Vec::new(),
        }
    }

    fn fail(
        &mut self,
        question: &str,
        subject: &str,
        expected: impl Into<String>,
        found: impl Into<String>,
    ) {
        self.failures.push(Failure {
            question: question.to_owned(),
            subject: subject.to_owned(),
            expected: expected.into(),
            found: found.into(),
        });
    }

    fn check(
        &mut self,
        question: &str,
        subject: &str,
        expected: impl Into<String>,
        found: impl Into<String>,
    ) {
        let (expected, found) = (expected.into(), found.into());
        if expected != found {
            self.fail(question, subject, expected, found);
        }
    }

    fn check_option(
        &mut self,
        question: &str,
        subject: &str,
        expected: Option<String>,
        found: Option<String>,
    ) {
        self.check(question, subject, or_nothing(expected), or_nothing(found));
    }

    fn check_list(
        &mut self,
        question: &str,
        subject: &str,
        expected: Vec<String>,
        found: Vec<String>,
    ) {
        if expected != found {
            self.fail(question, subject, render(&expected), render(&found));
        }
    }

    fn check_set(
        &mut self,
        question: &str,
        subject: &str,
        expected: Vec<String>,
        found: Vec<String>,
    ) {
        let (mut expected, mut found) = (expected, found);
        expected.sort();
        found.sort();
        let mut remaining = found.clone();
        for member in &expected {
            match remaining.iter().position(|f| f == member) {
                Some(i) => {
                    remaining.remove(i);
                }
                None => self.fail(question, subject, member.clone(), NOTHING),
            }
        }
        for member in remaining {
            self.fail(question, subject, NOTHING, member);
        }
    }

    /// The reference version a reference resolves to: its own, or the reference's latest.
    fn pinned(&self, reference: &ContractRef) -> String {
        match &reference.version {
            Some(version) => format!("{}@{version}", reference.key),
            None => match self.versions.get(reference.key).and_then(|v| v.last()) {
                Some(latest) => format!("{}@{latest}", reference.key),
                None => reference.key.to_owned(),
            },
        }
    }

    /// Every reference contract by exact key and version (`get`, `find`), with its kind and
    /// meta; no other version of its key; nothing the reference lacks.
    fn lookup(&mut self) {
        let (registry, reference) = (self.registry, self.reference);
        let mut listed = BTreeSet::new();
        for (list, expected) in reference.all() {
            let (key, version) = (text(expected, "key"), text(expected, "version"));
            let id = format!("{key}@{version}");
            listed.insert(id.clone());
            let found = registry.get(key, version);
            self.check(
                "get",
                &id,
                a(expected_kind(list, expected)),
                found.map_or_else(|| NOTHING.to_owned(), |c| a(c.kind().as_str())),
            );
            self.check_option("find", &id, Some(id.clone()), registry.find(&id).map(id_of));
            if let Some(contract) = found {
                self.meta(&id, contract, expected);
            }
            let known = self.versions[key].clone();
            for other in other_versions(version) {
                if known.contains(&other.as_str()) {
                    continue;
                }
                let other_id = format!("{key}@{other}");
                self.check_option("get", &other_id, None, registry.get(key, &other).map(id_of));
                self.check_option("find", &other_id, None, registry.find(&other_id).map(id_of));
            }
        }
        for contract in registry.iter() {
            let id = id_of(contract);
            if !listed.contains(&id) {
                self.fail(
                    "iter",
                    &id,
                    "only the reference's contracts",
                    format!("{} not in the reference", a(contract.kind().as_str())),
                );
            }
        }
        self.check(
            "len",
            "",
            reference.all().count().to_string(),
            registry.len().to_string(),
        );
    }

    fn meta(&mut self, id: &str, contract: Contract, expected: &Value) {
        let meta = contract.meta();
        if let Some(description) = expected["description"].as_str() {
            self.check("description", id, description, meta.description);
        }
        if let Some(stability) = expected["stability"].as_str() {
            self.check("stability", id, stability, meta.stability.as_str());
        }
        self.check_option(
            "domain",
            id,
            expected["domain"].as_str().map(str::to_owned),
            meta.domain.map(str::to_owned),
        );
        self.check_list(
            "owners",
            id,
            strings(&expected["owners"]),
            owned(meta.owners),
        );
        self.check_list("tags", id, strings(&expected["tags"]), owned(meta.tags));
        self.check_list(
            "doc_ids",
            id,
            strings(&expected["docId"]),
            owned(meta.doc_ids),
        );
    }

    /// `latest`, `find` and `versions` by exact key; and no answer for anything that is not a
    /// key: proper dotted prefixes (`harness.run` of `harness.run.start`), the key minus its last
    /// character, and longer keys.
    fn latest(&mut self) {
        let registry = self.registry;
        let versions = self.versions.clone();
        let mut probes = BTreeSet::new();
        for (key, known) in &versions {
            let expected: Vec<String> = known.iter().map(|v| format!("{key}@{v}")).collect();
            self.check_option(
                "latest",
                key,
                expected.last().cloned(),
                registry.latest(key).map(id_of),
            );
            self.check_option(
                "find",
                key,
                expected.last().cloned(),
                registry.find(key).map(id_of),
            );
            let found = registry
                .versions(key)
                .iter()
                .map(|e| format!("{}@{}", e.key(), e.version()))
                .collect();
            self.check_list("versions", key, expected, found);
            let segments: Vec<&str> = key.split('.').collect();
            for end in 1..segments.len() {
                probes.insert(segments[..end].join("."));
            }
            let mut shorter = key.chars();
            shorter.next_back();
            probes.insert(shorter.as_str().to_owned());
            for suffix in [".", ".x", ".extra", ".verify"] {
                probes.insert(format!("{key}{suffix}"));
            }
        }
        for probe in probes {
            if versions.contains_key(probe.as_str()) {
                continue;
            }
            self.check_option("latest", &probe, None, registry.latest(&probe).map(id_of));
            self.check_option("find", &probe, None, registry.find(&probe).map(id_of));
            let found = registry
                .versions(&probe)
                .iter()
                .map(|e| e.key().to_owned())
                .collect();
            self.check_list("versions", &probe, Vec::new(), found);
        }
    }

    /// The contracts of each kind (`of_kind`, `operations`, `events`, `capabilities`), and the
    /// reference's `counts`.
    fn kinds(&mut self) {
        let (registry, reference) = (self.registry, self.reference);
        let of_kind = |kind: ContractKind| -> Vec<String> {
            reference
                .all()
                .filter(|(list, c)| expected_kind(list, c) == kind.as_str())
                .map(|(_, c)| reference_id(c))
                .collect()
        };
        for kind in ContractKind::ALL {
            let expected = of_kind(kind);
            self.check_set(
                "of_kind",
                kind.as_str(),
                expected,
                registry.of_kind(kind).map(id_of).collect(),
            );
        }
        let mut operations = of_kind(ContractKind::Command);
        operations.extend(of_kind(ContractKind::Query));
        let found = registry.operations().map(|o| o.meta.id()).collect();
        self.check_set("operations", "", operations, found);
        let found = registry.events().map(|e| e.meta.id()).collect();
        self.check_set("events", "", of_kind(ContractKind::Event), found);
        let found = registry.capabilities().map(|c| c.meta.id()).collect();
        self.check_set("capabilities", "", of_kind(ContractKind::Capability), found);
        let count = |kind| registry.of_kind(kind).count();
        for (name, found) in [
            ("operations", registry.operations().count()),
            ("commands", count(ContractKind::Command)),
            ("queries", count(ContractKind::Query)),
            ("events", registry.events().count()),
            ("capabilities", registry.capabilities().count()),
            ("presentations", count(ContractKind::Presentation)),
            ("dataViews", count(ContractKind::DataView)),
            ("forms", count(ContractKind::Form)),
            ("policies", count(ContractKind::Policy)),
            ("features", count(ContractKind::Feature)),
            ("docBlocks", registry.doc_blocks().len()),
        ] {
            if let Some(expected) = reference.document()["counts"][name].as_u64() {
                self.check("count", name, expected.to_string(), found.to_string());
            }
        }
    }

    /// `in_domain`, `owned_by`, `with_tag` and `with_stability` for every value the reference uses.
    fn filters(&mut self) {
        let (registry, reference) = (self.registry, self.reference);
        let contracts: Vec<&Value> = reference.all().map(|(_, c)| c).collect();
        let contracts = &contracts;
        let values = |field: &str| -> BTreeSet<String> {
            contracts
                .iter()
                .flat_map(|c| match &c[field] {
                    Value::String(s) => vec![s.clone()],
                    other => strings(other),
                })
                .collect()
        };
        let having = |field: &str, value: &str| -> Vec<String> {
            contracts
                .iter()
                .filter(|c| {
                    c[field] == value
                        || c[field]
                            .as_array()
                            .is_some_and(|a| a.iter().any(|v| v == value))
                })
                .map(|c| reference_id(c))
                .collect()
        };
        for domain in values("domain") {
            let found = registry.in_domain(&domain).map(id_of).collect();
            self.check_set("in_domain", &domain, having("domain", &domain), found);
        }
        for owner in values("owners") {
            let found = registry.owned_by(&owner).map(id_of).collect();
            self.check_set("owned_by", &owner, having("owners", &owner), found);
        }
        for tag in values("tags") {
            let found = registry.with_tag(&tag).map(id_of).collect();
            self.check_set("with_tag", &tag, having("tags", &tag), found);
        }
        for stability in values("stability") {
            let found = match Stability::parse(&stability) {
                Some(s) => registry.with_stability(s).map(id_of).collect(),
                None => vec![format!("no stability named `{stability}`")],
            };
            self.check_set(
                "with_stability",
                &stability,
                having("stability", &stability),
                found,
            );
        }
    }

    /// Each capability's kind, `provides` (with the resolutions' additions, and descriptions),
    /// `provided_by` (every entry resolves to a contract of its surface), `requires`, `extends`.
    fn capabilities(&mut self) {
        let (registry, reference) = (self.registry, self.reference);
        for expected in reference.contracts("capabilities") {
            let id = reference_id(expected);
            let Some(capability) = declared(registry, expected).and_then(|c| c.as_capability())
            else {
                continue;
            };
            self.check(
                "kind",
                &id,
                text(expected, "kind"),
                capability.kind.as_str(),
            );
            let entry = |surface: &str, target: &str| format!("{surface} {target}");
            let mut found: Vec<String> = capability
                .provides
                .iter()
                .map(|p| entry(p.surface.as_str(), &p.target.to_string()))
                .collect();
            let mut missing = Vec::new();
            for added in self.added.iter().filter(|a| a.capability == id) {
                let wanted = entry(added.surface, added.target);
                match found.iter().position(|f| *f == wanted) {
                    Some(i) => {
                        found.remove(i);
                    }
                    None => missing.push((wanted, added.reason)),
                }
            }
            for (wanted, reason) in missing {
                self.fail(
                    "provides",
                    &id,
                    format!("{wanted} (resolution: {reason})"),
                    NOTHING,
                );
            }
            let provides = list(&expected["provides"]);
            let wanted = provides
                .iter()
                .map(|p| entry(text(p, "surface"), &reference_id(p)))
                .collect();
            self.check_list("provides", &id, wanted, found);
            for p in provides {
                let target = reference_id(p);
                let declared = capability.provides.iter().find(|e| {
                    e.surface.as_str() == text(p, "surface") && e.target.to_string() == target
                });
                if let Some(declared) = declared {
                    self.check_option(
                        "provides.description",
                        &format!("{id} {}", entry(text(p, "surface"), &target)),
                        p["description"].as_str().map(str::to_owned),
                        declared.description.map(str::to_owned),
                    );
                }
            }
            let wanted = capability
                .provides
                .iter()
                .filter(|p| matches!(p.surface.as_str(), "operation" | "event" | "presentation"))
                .map(|p| entry(p.surface.as_str(), &self.pinned(&p.target)))
                .collect();
            let found = registry
                .provided_by(capability)
                .map(|c| entry(c.surface().map_or("?", |s| s.as_str()), &id_of(c)))
                .collect();
            self.check_list("provided_by", &id, wanted, found);
            let (wanted, found) = requirements(&expected["requires"], capability.requires);
            self.check_list("requires", &id, wanted, found);
            self.check_option(
                "extends",
                &id,
                (!expected["extends"].is_null()).then(|| reference_id(&expected["extends"])),
                capability.extends.as_ref().map(ToString::to_string),
            );
        }
    }

    /// For each operation, event and presentation: the capabilities providing it
    /// (`capabilities_providing`, the reference's `derived.providedByCapabilities` plus the
    /// resolutions' capabilities), the capability it claims, and that the claimed capability is
    /// declared and lists it.
    fn providers_and_claims(&mut self) {
        let (registry, reference) = (self.registry, self.reference);
        for (list, surface) in [
            ("operations", "operation"),
            ("events", "event"),
            ("presentations", "presentation"),
        ] {
            for expected in reference.contracts(list) {
                let id = reference_id(expected);
                let Some(contract) = declared(registry, expected) else {
                    continue;
                };
                let mut providers = strings(&expected["derived"]["providedByCapabilities"]);
                let before = providers.len();
                providers.extend(
                    self.added
                        .iter()
                        .filter(|a| a.target == id && a.surface == surface)
                        .map(|a| a.capability.to_owned()),
                );
                if providers.len() > before {
                    providers.sort_by(|a, b| registry_order(a, b));
                }
                let found = registry
                    .capabilities_providing(contract)
                    .map(|c| c.meta.id())
                    .collect();
                self.check_list("capabilities_providing", &id, providers, found);
                let claim = (!expected["capability"].is_null())
                    .then(|| reference_id(&expected["capability"]));
                self.check_option(
                    "capability",
                    &id,
                    claim,
                    contract.capability().map(ToString::to_string),
                );
                let Some(claim) = contract.capability() else {
                    continue;
                };
                match registry.resolve(claim).and_then(|c| c.as_capability()) {
                    None => self.fail(
                        "capability",
                        &id,
                        format!("a declared capability {claim}"),
                        NOTHING,
                    ),
                    Some(capability) => {
                        if !registry.provided_by(capability).any(|c| id_of(c) == id) {
                            self.fail(
                                "provided_by",
                                &capability.meta.id(),
                                format!("{surface} {id}, which claims it"),
                                NOTHING,
                            );
                        }
                    }
                }
            }
        }
    }

    /// Each operation's `emits` (event and when, in order), `errors` and `policy`.
    fn operations(&mut self) {
        let (registry, reference) = (self.registry, self.reference);
        for expected in reference.contracts("operations") {
            let id = reference_id(expected);
            let Some(operation) = declared(registry, expected).and_then(|c| c.as_operation())
            else {
                continue;
            };
            let wanted = list(&expected["emits"])
                .iter()
                .map(|e| format!("{} when {}", reference_id(e), text(e, "when")))
                .collect();
            let found = operation
                .emits
                .iter()
                .map(|e| format!("{} when {}", e.event.meta.id(), e.when))
                .collect();
            self.check_list("emits", &id, wanted, found);
            let wanted = list(&expected["errors"])
                .iter()
                .map(|e| {
                    let http = e["http"]
                        .as_u64()
                        .map_or_else(|| NOTHING.to_owned(), |h| h.to_string());
                    error(
                        text(e, "code"),
                        &http,
                        text(e, "description"),
                        e["when"].as_str(),
                    )
                })
                .collect();
            let found = operation
                .errors
                .iter()
                .map(|e| error(e.code, &e.http.to_string(), e.description, e.when))
                .collect();
            self.check_list("errors", &id, wanted, found);
            let policy = &expected["policy"];
            if let Some(auth) = policy["auth"].as_str() {
                self.check("policy.auth", &id, auth, operation.policy.auth.as_str());
            }
            if let Some(idempotent) = policy["idempotent"].as_bool() {
                self.check(
                    "policy.idempotent",
                    &id,
                    idempotent.to_string(),
                    operation.policy.idempotent.to_string(),
                );
            }
            self.check_list(
                "policy.pii",
                &id,
                strings(&policy["pii"]),
                owned(operation.policy.pii),
            );
        }
    }

    /// For each event, the operations that emit it (`emitters_of`), by key.
    fn emitters(&mut self) {
        let (registry, reference) = (self.registry, self.reference);
        for expected in reference.contracts("events") {
            let Some(event) = declared(registry, expected).and_then(|c| c.as_event()) else {
                continue;
            };
            let wanted = strings(&expected["derived"]["emittedByOperations"]);
            let found = registry
                .emitters_of(event)
                .map(|o| o.meta.key.to_owned())
                .collect();
            self.check_list("emitters_of", &reference_id(expected), wanted, found);
        }
    }

    /// Each upstream `register*` helper: every contract it registers is in the registry, and
    /// the registry's contracts of the kinds it registers (commands and queries together) are
    /// exactly those, but for the contracts the reference marks `registered: false`.
    fn registers(&mut self) {
        let (registry, reference) = (self.registry, self.reference);
        let Some(helpers) = reference.document()["registries"].as_object() else {
            return;
        };
        let unregistered: BTreeSet<String> = reference
            .all()
            .filter(|(_, c)| c["registered"] == false)
            .map(|(_, c)| reference_id(c))
            .collect();
        for (helper, ids) in helpers {
            let ids = strings(ids);
            let mut kinds = BTreeSet::new();
            for id in &ids {
                match registry.find(id) {
                    Some(contract) if contract.kind().is_operation() => {
                        kinds.extend(
                            [ContractKind::Command, ContractKind::Query].map(|k| k.as_str()),
                        );
                    }
                    Some(contract) => {
                        kinds.insert(contract.kind().as_str());
                    }
                    None => self.fail(helper, id, "a declared contract", NOTHING),
                }
            }
            let found = registry
                .iter()
                .filter(|c| kinds.contains(c.kind().as_str()))
                .map(id_of)
                .filter(|id| !unregistered.contains(id))
                .collect();
            let subject = kinds.into_iter().collect::<Vec<_>>().join(", ");
            self.check_set(helper, &subject, ids, found);
        }
    }

    /// Each feature's operations, events, presentations, data views, forms, policies and
    /// capabilities, in order, each resolving to a contract of that kind.
    fn features(&mut self) {
        let (registry, reference) = (self.registry, self.reference);
        for expected in reference.contracts("features") {
            let id = reference_id(expected);
            let Some(Contract::Feature(feature)) = declared(registry, expected) else {
                continue;
            };
            for (path, refs) in [
                ("operations", feature.operations),
                ("events", feature.events),
                ("presentations", feature.presentations),
                ("dataViews", feature.data_views),
                ("forms", feature.forms),
                ("policies", feature.policies),
                ("capabilities/provides", feature.provides),
            ] {
                let list_name = path.split('/').next().unwrap_or(path);
                let fits = |c: Contract| match list_name {
                    "operations" => c.kind().is_operation(),
                    _ => c.kind().as_str() == expected_kind(list_name, &Value::Null),
                };
                let wanted = list(
                    expected
                        .pointer(&format!("/{path}"))
                        .unwrap_or(&Value::Null),
                )
                .iter()
                .map(reference_id)
                .collect();
                let found = refs
                    .iter()
                    .map(|r| match registry.resolve(r) {
                        None => format!("{r} (unresolved)"),
                        Some(c) if !fits(c) => format!("{} ({})", id_of(c), a(c.kind().as_str())),
                        Some(c) => id_of(c),
                    })
                    .collect();
                let question = format!("feature.{}", path.replace('/', "."));
                self.check_list(&question, &id, wanted, found);
            }
            let (wanted, found) =
                requirements(&expected["capabilities"]["requires"], feature.requires);
            self.check_list("feature.capabilities.requires", &id, wanted, found);
        }
    }

    /// Every reference doc block by id (`doc_block`), field by field; nothing else in
    /// `doc_blocks`; and every contract's doc ids resolve.
    fn doc_blocks(&mut self) {
        let (registry, reference) = (self.registry, self.reference);
        for expected in reference.doc_blocks() {
            let id = text(expected, "id");
            let Some(block) = registry.doc_block(id) else {
                self.fail("doc_block", id, "a declared doc block", NOTHING);
                continue;
            };
            for (field, found) in [
                ("title", Some(block.title)),
                ("summary", block.summary),
                ("kind", Some(block.kind)),
                ("visibility", Some(block.visibility)),
                ("route", block.route),
                ("body", Some(block.body)),
            ] {
                let wanted =
                    expected[field]
                        .as_str()
                        .map(|s| if field == "body" { s.trim_end() } else { s });
                self.check_option(
                    &format!("doc_block.{field}"),
                    id,
                    wanted.map(str::to_owned),
                    found.map(str::to_owned),
                );
            }
            self.check_list(
                "doc_block.tags",
                id,
                strings(&expected["tags"]),
                owned(block.tags),
            );
        }
        for block in registry.doc_blocks() {
            if !reference.doc_blocks().iter().any(|b| b["id"] == block.id) {
                self.fail(
                    "doc_blocks",
                    block.id,
                    NOTHING,
                    "a doc block not in the reference",
                );
            }
        }
        for contract in registry.iter() {
            for doc_id in contract.meta().doc_ids {
                if registry.doc_block(doc_id).is_none() {
                    self.fail(
                        "doc_block",
                        doc_id,
                        format!("the doc block of {}", id_of(contract)),
                        NOTHING,
                    );
                }
            }
        }
    }
}

fn text<'v>(value: &'v Value, field: &str) -> &'v str {
    value[field].as_str().unwrap_or_default()
}

fn list(value: &Value) -> &[Value] {
    value.as_array().map_or(&[], Vec::as_slice)
}

fn strings(value: &Value) -> Vec<String> {
    list(value)
        .iter()
        .map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_owned))
        .collect()
}

fn owned(values: &[&str]) -> Vec<String> {
    values.iter().map(|v| (*v).to_owned()).collect()
}

/// `key@version` of a reference contract or reference.
fn reference_id(value: &Value) -> String {
    format!("{}@{}", text(value, "key"), text(value, "version"))
}

/// The registry's contract with the reference contract's exact key and version.
fn declared(registry: &Registry, expected: &Value) -> Option<Contract> {
    registry.get(text(expected, "key"), text(expected, "version"))
}

fn id_of(contract: Contract) -> String {
    contract.meta().id()
}

/// The kind a contract of a reference list has (`ContractKind::as_str`).
fn expected_kind(list: &str, contract: &Value) -> &'static str {
    match list {
        "operations" => match text(contract, "kind") {
            "query" => "query",
            _ => "command",
        },
        "events" => "event",
        "capabilities" => "capability",
        "presentations" => "presentation",
        "dataViews" => "data_view",
        "forms" => "form",
        "policies" => "policy",
        _ => "feature",
    }
}

/// `a command`, `an event`.
fn a(kind: &str) -> String {
    let article = if kind.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    };
    format!("{article} {kind}")
}

fn render(list: &[String]) -> String {
    format!("[{}]", list.join(", "))
}

fn or_nothing(value: Option<String>) -> String {
    value.unwrap_or_else(|| NOTHING.to_owned())
}

/// The reference's requirements and ours, each as `key@version (optional): reason`.
fn requirements(expected: &Value, found: &[Requirement]) -> (Vec<String>, Vec<String>) {
    let render = |target: &str, optional: bool, reason: Option<&str>| {
        let optional = if optional { " (optional)" } else { "" };
        format!("{target}{optional}: {}", reason.unwrap_or(NOTHING))
    };
    let expected = list(expected)
        .iter()
        .map(|r| {
            render(
                &reference_id(r),
                r["optional"] == true,
                r["reason"].as_str(),
            )
        })
        .collect();
    let found = found
        .iter()
        .map(|r| render(&r.capability.to_string(), r.optional, r.reason))
        .collect();
    (expected, found)
}

fn error(code: &str, http: &str, description: &str, when: Option<&str>) -> String {
    format!(
        "{code} (http {http}, when {}): {description}",
        when.unwrap_or(NOTHING)
    )
}

/// Semver precedence, then text, so that unparsable versions still sort.
fn precedence(a: &str, b: &str) -> Ordering {
    match (Version::parse(a), Version::parse(b)) {
        (Ok(a), Ok(b)) => a.total_cmp(&b),
        _ => a.cmp(b),
    }
}

/// The registry's order of `key@version` ids: by key, then version precedence.
fn registry_order(a: &str, b: &str) -> Ordering {
    let (a_key, a_version) = a.split_once('@').unwrap_or((a, ""));
    let (b_key, b_version) = b.split_once('@').unwrap_or((b, ""));
    a_key
        .cmp(b_key)
        .then_with(|| precedence(a_version, b_version))
}

/// Versions a key must not be found at (unless the reference has them): a few fixed ones, and
/// the next patch and major, and the major.minor prefix, of `version`.
fn other_versions(version: &str) -> BTreeSet<String> {
    let mut others: BTreeSet<String> = ["0.0.1", "1.0", "1.0.0", "1.0.1", "2.0.0"]
        .map(str::to_owned)
        .into();
    if let Ok(v) = Version::parse(version) {
        others.insert(format!("{}.{}.{}", v.major(), v.minor(), v.patch() + 1));
        others.insert(format!("{}.0.0", v.major() + 1));
        others.insert(format!("{}.{}", v.major(), v.minor()));
    }
    others.remove(version);
    others
}
