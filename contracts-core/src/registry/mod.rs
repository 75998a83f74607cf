//! The static registry of every contract an application aggregates.
//!
//! A [`Registry`] is a `static` built entirely at compile time by [`registry!`](crate::registry!):
//! the contracts of the declaring crate and of every included crate, sorted by key and version
//! precedence, with two hash indexes. Lookups hash the query and probe a table; they never
//! allocate, and iteration order is deterministic (key, then version).
//!
//! ```
//! use contracts_core::{capability, query, registry, ContractKind, Model};
//!
//! /// Reads the weather.
//! #[capability(key = "weather.read", version = "1.0.0", kind = "api",
//!     provides(operation("weather.forecast.get@1.0.0")))]
//! pub struct WeatherRead;
//!
//! /// Gets a forecast.
//! #[query(key = "weather.forecast.get", version = "1.0.0", capability = "weather.read",
//!     output = Forecast, policy(auth = "anonymous"))]
//! #[derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema, Model)]
//! pub struct ForecastRequest { pub city: String }
//!
//! #[derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema, Model)]
//! pub struct Forecast { pub celsius: f64 }
//!
//! registry! {
//!     pub static REGISTRY;
//!     defaults(owners = ["team.weather"], stability = "beta");
//!     contracts(WeatherRead, ForecastRequest);
//! }
//!
//! # fn main() {
//! let forecast = REGISTRY.get("weather.forecast.get", "1.0.0").unwrap();
//! assert_eq!(forecast.kind(), ContractKind::Query);
//! assert_eq!(REGISTRY.latest("weather.forecast.get").unwrap().key(), "weather.forecast.get");
//! assert!(REGISTRY.latest("weather.forecast").is_none()); // keys match exactly
//! let capability = REGISTRY.latest("weather.read").unwrap().as_capability().unwrap();
//! assert_eq!(REGISTRY.provided_by(capability).count(), 1);
//! # }
//! ```

mod build;
mod entry;
mod hashed;
mod set;

pub use build::{
    collect_doc_blocks, collect_entries, index_by_id, index_by_key, table_capacity, Sets,
};
pub use entry::Entry;
pub use hashed::HashedRef;
pub(crate) use hashed::Target;
pub use set::{ContractSet, Defaults};

use crate::contract::{Contract, ContractKind, Declaration};
use crate::descriptors::{
    CapabilityDescriptor, ConsumerDescriptor, DocBlockDescriptor, EventDescriptor,
    OperationDescriptor, Stability, Surface,
};
use crate::relations;
use build::EMPTY_SLOT;
use contracts_syntax::{key_hash, key_version_hash, may_mean, str_eq, KeyDigest};

/// Every contract of a crate and of the crates it includes; built at compile time by
/// [`registry!`](crate::registry!).
#[derive(Debug)]
pub struct Registry {
    set: &'static ContractSet,
    entries: &'static [Entry],
    doc_blocks: &'static [&'static DocBlockDescriptor],
    by_id: &'static [u32],
    by_key: &'static [u32],
    has_invalid: bool,
}

impl Registry {
    #[doc(hidden)]
    pub const fn __from_parts(
        set: &'static ContractSet,
        entries: &'static [Entry],
        doc_blocks: &'static [&'static DocBlockDescriptor],
        by_id: &'static [u32],
        by_key: &'static [u32],
        has_invalid: bool,
    ) -> Registry {
        Registry {
            set,
            entries,
            doc_blocks,
            by_id,
            by_key,
            has_invalid,
        }
    }

    /// The contract set of the crate that declared this registry.
    pub const fn set(&self) -> &'static ContractSet {
        self.set
    }

    /// The number of contracts.
    pub const fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether the registry holds no contract.
    pub const fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Every entry, sorted by key, then version precedence.
    pub const fn entries(&self) -> &'static [Entry] {
        self.entries
    }

    /// Every contract, sorted by key, then version precedence.
    pub fn iter(
        &self,
    ) -> impl DoubleEndedIterator<Item = Contract> + ExactSizeIterator + Clone + 'static {
        self.entries.iter().map(|e| e.contract)
    }

    /// The contract with exactly this key and version.
    #[inline]
    pub fn get(&self, key: &str, version: &str) -> Option<Contract> {
        self.get_entry(key, version).map(|e| e.contract)
    }

    /// The entry with exactly this key and version.
    #[inline]
    pub fn get_entry(&self, key: &str, version: &str) -> Option<&'static Entry> {
        self.index(key, version).map(|i| &self.entries[i])
    }

    /// The position in [`entries`](Registry::entries) of the contract with exactly this key and
    /// version.
    ///
    /// An entry's position is its identity within the registry: callers that resolve a contract
    /// once keep its position and find it again with `entries()[index]`, as the runtime finds a
    /// handler slot.
    ///
    /// ```
    /// use contracts_core::{query, registry, Model};
    ///
    /// /// Gets a forecast.
    /// #[query(key = "weather.forecast.get", version = "1.0.0", output = f64, policy(auth = "anonymous"))]
    /// #[derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema, Model)]
    /// pub struct GetForecast { pub city: String }
    ///
    /// /// Gets a forecast, by region too.
    /// #[query(key = "weather.forecast.get", version = "1.1.0", output = f64, policy(auth = "anonymous"))]
    /// #[derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema, Model)]
    /// pub struct GetForecastV11 { pub city: String, pub region: Option<String> }
    ///
    /// registry! { pub static WEATHER; defaults(owners = ["team.weather"], stability = "beta");
    ///     contracts(GetForecast, GetForecastV11); }
    ///
    /// # fn main() {
    /// let index = WEATHER.index("weather.forecast.get", "1.0.0").unwrap();
    /// assert_eq!(WEATHER.entries()[index].version(), "1.0.0");
    /// let latest = WEATHER.latest_index("weather.forecast.get").unwrap();
    /// assert_eq!(WEATHER.entries()[latest].version(), "1.1.0");
    /// assert_eq!(WEATHER.index("weather.forecast.get", "2.0.0"), None);
    /// # }
    /// ```
    #[inline]
    pub fn index(&self, key: &str, version: &str) -> Option<usize> {
        let hash = key_version_hash(key, version);
        let mask = self.by_id.len() - 1;
        let mut slot = hash as usize & mask;
        loop {
            let index = self.by_id[slot];
            if index == EMPTY_SLOT {
                return None;
            }
            if self.entries[index as usize].is(hash, key, version) {
                return Some(index as usize);
            }
            slot = (slot + 1) & mask;
        }
    }

    /// The latest version (by semver precedence) of the contract with exactly this key.
    ///
    /// Keys match exactly: `latest("harness.run")` never returns `harness.run.verify`.
    #[inline]
    pub fn latest(&self, key: &str) -> Option<Contract> {
        self.latest_index(key).map(|i| self.entries[i].contract)
    }

    /// The position in [`entries`](Registry::entries) of the latest version (by semver
    /// precedence) of the contract with exactly this key. Its other versions are just before it:
    /// see [`versions`](Registry::versions).
    #[inline]
    pub fn latest_index(&self, key: &str) -> Option<usize> {
        let hash = key_hash(key);
        let mask = self.by_key.len() - 1;
        let mut slot = hash as usize & mask;
        loop {
            let index = self.by_key[slot];
            if index == EMPTY_SLOT {
                return None;
            }
            let entry = &self.entries[index as usize];
            if entry.key_digest.hash == hash && entry.key == key {
                return Some(index as usize);
            }
            slot = (slot + 1) & mask;
        }
    }

    /// Every version of the contract with exactly this key, oldest first.
    pub fn versions(&self, key: &str) -> &'static [Entry] {
        match self.latest_index(key) {
            None => &[],
            Some(last) => {
                let mut first = last;
                while first > 0 && self.entries[first - 1].key == key {
                    first -= 1;
                }
                &self.entries[first..=last]
            }
        }
    }

    /// Resolves a reference: the pinned version, or the latest one.
    pub fn resolve(&self, reference: &contracts_syntax::ContractRef<'_>) -> Option<Contract> {
        match &reference.version {
            Some(version) => self.get(reference.key, version.as_str()),
            None => self.latest(reference.key),
        }
    }

    /// Parses `key` or `key@version` and resolves it.
    pub fn find(&self, reference: &str) -> Option<Contract> {
        self.resolve(&contracts_syntax::ContractRef::parse(reference).ok()?)
    }

    /// Contracts of one kind.
    pub fn of_kind(&self, kind: ContractKind) -> impl Iterator<Item = Contract> + Clone + 'static {
        self.iter().filter(move |c| c.kind() == kind)
    }

    /// Contracts carrying `tag`.
    pub fn with_tag<'a>(&self, tag: &'a str) -> impl Iterator<Item = Contract> + Clone + 'a {
        self.iter().filter(move |c| c.meta().has_tag(tag))
    }

    /// Contracts owned by `owner`.
    pub fn owned_by<'a>(&self, owner: &'a str) -> impl Iterator<Item = Contract> + Clone + 'a {
        self.iter().filter(move |c| c.meta().has_owner(owner))
    }

    /// Contracts of `domain`.
    pub fn in_domain<'a>(&self, domain: &'a str) -> impl Iterator<Item = Contract> + Clone + 'a {
        self.iter().filter(move |c| c.meta().domain == Some(domain))
    }

    /// Contracts at `stability`.
    pub fn with_stability(
        &self,
        stability: Stability,
    ) -> impl Iterator<Item = Contract> + Clone + 'static {
        self.iter().filter(move |c| c.meta().stability == stability)
    }

    /// Every command and query.
    pub fn operations(
        &self,
    ) -> impl Iterator<Item = &'static OperationDescriptor> + Clone + 'static {
        self.iter().filter_map(|c| c.as_operation())
    }

    /// Every event.
    pub fn events(&self) -> impl Iterator<Item = &'static EventDescriptor> + Clone + 'static {
        self.iter().filter_map(|c| c.as_event())
    }

    /// Every capability.
    pub fn capabilities(
        &self,
    ) -> impl Iterator<Item = &'static CapabilityDescriptor> + Clone + 'static {
        self.iter().filter_map(|c| c.as_capability())
    }

    /// The contracts a capability provides (operations, events and presentations), resolved.
    /// Workflows and resources are not contracts and are not returned.
    pub fn provided_by(
        &self,
        capability: &'static CapabilityDescriptor,
    ) -> impl Iterator<Item = Contract> + '_ {
        relations::provided(self, capability).map(|(contract, _)| contract)
    }

    /// The capabilities that list `contract` in their `provides`.
    pub fn capabilities_providing(
        &self,
        contract: Contract,
    ) -> impl Iterator<Item = &'static CapabilityDescriptor> + '_ {
        self.capabilities().filter(move |capability| {
            relations::provided(self, capability).any(|(c, _)| relations::same(&c, &contract))
        })
    }

    /// The operations that declare `event` in their `emits`.
    pub fn emitters_of(
        &self,
        event: &'static EventDescriptor,
    ) -> impl Iterator<Item = &'static OperationDescriptor> {
        let event = Contract::Event(event);
        self.operations()
            .filter(move |op| relations::emitted(op).any(|(e, _)| relations::same(&e, &event)))
    }

    /// The consumers declared for `event`.
    pub fn consumers_of(
        &self,
        event: &'static EventDescriptor,
    ) -> impl Iterator<Item = &'static ConsumerDescriptor> {
        let event = Contract::Event(event);
        self.iter()
            .filter_map(|c| c.as_consumer())
            .filter(move |consumer| relations::same(&Contract::Event(consumer.event), &event))
    }

    /// Every doc block, in declaration order.
    pub const fn doc_blocks(&self) -> &'static [&'static DocBlockDescriptor] {
        self.doc_blocks
    }

    /// The doc block with this id.
    pub fn doc_block(&self, id: &str) -> Option<&'static DocBlockDescriptor> {
        self.doc_blocks.iter().copied().find(|b| b.id == id)
    }

    /// The crates whose contracts the registry holds, the declaring crate first.
    pub fn crates(&self) -> impl Iterator<Item = &'static str> {
        let sets = Sets::of(self.set);
        (0..sets.len()).map(move |i| sets.get(i).crate_name)
    }

    /// Whether a declaration in the registry had errors (already reported by the compiler).
    pub const fn has_invalid(&self) -> bool {
        self.has_invalid
    }

    /// Whether the `registry!` invocation itself could not be read, so which contracts it lists
    /// is unknown (its error is already reported).
    pub const fn listing_invalid(&self) -> bool {
        self.set.invalid
    }

    /// Whether a reference to `key` (at `version`, or unpinned with `None`) may name a
    /// declaration whose attribute had errors, already reported: the checks stay quiet about
    /// such a reference rather than report a follow-on error.
    ///
    /// The rule, in order:
    /// - when a `registry!` in the aggregate could not be read, every reference may;
    /// - a broken declaration whose key is valid is named by references to exactly that key,
    ///   unpinned or pinned to its version (any version when its own version is malformed);
    /// - a broken declaration whose key is malformed is named by references to any key at most
    ///   two edits from the key as written (`runs.run_started` by `runs.run.started`), see
    ///   [`contracts_syntax::may_mean`];
    /// - a broken declaration without a key is named by no key: only references by type to it
    ///   (`emits(Type)`, `contracts(Type)`) are quiet.
    ///
    /// ```
    /// use contracts_core::{event, registry, Model};
    ///
    /// /// Emitted when a job starts.
    /// #[event(key = "jobs.job.started", version = "1.0.0")]
    /// #[derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema, Model)]
    /// pub struct JobStarted { pub job_id: String }
    ///
    /// registry! { pub static JOBS; defaults(owners = ["team.jobs"], stability = "beta");
    ///     contracts(JobStarted); }
    ///
    /// # fn main() {
    /// assert!(!JOBS.names_broken("jobs.job.started", None)); // nothing is broken
    /// # }
    /// ```
    pub const fn names_broken(&self, key: &str, version: Option<&str>) -> bool {
        if !self.has_invalid {
            return false;
        }
        let sets = Sets::of(self.set);
        let mut s = 0;
        while s < sets.len() {
            let set = sets.get(s);
            if set.invalid {
                return true;
            }
            let mut i = 0;
            while i < set.declarations.len() {
                if let Declaration::Invalid {
                    key: Some(broken),
                    version: broken_version,
                } = set.declarations[i]
                {
                    let same_key = match contracts_syntax::validate_key(broken) {
                        Ok(()) => str_eq(broken, key),
                        Err(_) => may_mean(broken, key),
                    };
                    let same_version = match (version, broken_version) {
                        (Some(wanted), Some(declared)) => str_eq(wanted, declared),
                        _ => true,
                    };
                    if same_key && same_version {
                        return true;
                    }
                }
                i += 1;
            }
            s += 1;
        }
        false
    }

    /// The range of entries holding every version of `key` (empty if none), in `O(1)` plus
    /// the number of versions. Used by the compile-time checks, with the key's digest computed
    /// by the macros: no hashing and no text comparison in `const` evaluation.
    pub(crate) const fn const_key_range(&self, text: &str, digest: &KeyDigest) -> (usize, usize) {
        let mask = self.by_key.len() - 1;
        let mut slot = digest.hash as usize & mask;
        loop {
            let index = self.by_key[slot];
            if index == EMPTY_SLOT {
                return (0, 0);
            }
            let entry = &self.entries[index as usize];
            if entry.has_key(text, digest) {
                let last = index as usize;
                let mut first = last;
                while first > 0 && self.entries[first - 1].same_key(entry) {
                    first -= 1;
                }
                return (first, last + 1);
            }
            slot = (slot + 1) & mask;
        }
    }

    /// Resolves a reference at compile time, within the entries of `kinds`.
    pub(crate) const fn const_resolve(&self, target: &Target, kinds: KindSet) -> Resolution {
        let (first, end) = self.const_key_range(target.key, &target.digest);
        let mut found: Option<usize> = None;
        let mut other_kind: Option<usize> = None;
        let mut i = first;
        while i < end {
            let entry = &self.entries[i];
            let matches_version = match target.version {
                Some(v) => str_eq(v, entry.version),
                None => true,
            };
            if matches_version {
                if kinds.contains(entry.contract.kind()) {
                    if let Some(previous) = found {
                        return Resolution::Ambiguous(previous, i);
                    }
                    found = Some(i);
                } else {
                    other_kind = Some(i);
                }
            }
            i += 1;
        }
        match (found, other_kind) {
            (Some(i), _) => Resolution::Found(i),
            (None, Some(i)) => Resolution::WrongKind(i),
            (None, None) => {
                if first < end {
                    Resolution::OtherVersions(first, end)
                } else {
                    Resolution::Missing
                }
            }
        }
    }
}

/// How a reference resolved at compile time (indexes into the entries).
#[derive(Clone, Copy)]
pub(crate) enum Resolution {
    Found(usize),
    Missing,
    OtherVersions(usize, usize),
    WrongKind(usize),
    Ambiguous(usize, usize),
}

/// A set of contract kinds, for references that accept several.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct KindSet(u16);

impl KindSet {
    /// The kinds a capability can provide under `surface`; empty for workflows and resources.
    pub const fn of_surface(surface: Surface) -> KindSet {
        match surface {
            Surface::Operation => KindSet::OPERATIONS,
            Surface::Event => KindSet::only(ContractKind::Event),
            Surface::Presentation => KindSet::only(ContractKind::Presentation),
            Surface::Workflow | Surface::Resource => KindSet(0),
        }
    }

    /// Commands and queries.
    pub const OPERATIONS: KindSet = KindSet(bit(ContractKind::Command) | bit(ContractKind::Query));

    /// Exactly one kind.
    pub const fn only(kind: ContractKind) -> KindSet {
        KindSet(bit(kind))
    }

    /// Whether `kind` is in the set.
    pub const fn contains(&self, kind: ContractKind) -> bool {
        self.0 & bit(kind) != 0
    }

    /// Whether the set is empty.
    pub const fn is_empty(&self) -> bool {
        self.0 == 0
    }
}

const fn bit(kind: ContractKind) -> u16 {
    1 << (kind as u16)
}
