//! Building a registry at compile time.
//!
//! `registry!` expands to statics initialised by these `const fn`s: the included contract sets
//! are flattened (each crate once, however many paths lead to it), sorted by key and version
//! precedence, and indexed in two open-addressing tables. Nothing runs at start-up.

use super::entry::Entry;
use super::set::ContractSet;
use super::HashedRef;
use crate::contract::{Contract, Declaration};
use crate::descriptors::{DocBlockDescriptor, Meta, PolicyDescriptor, Source, Stability};
use crate::ContractRef;
use contracts_syntax::{str_cmp, str_eq, Version};

/// The most crates one registry can aggregate.
pub const MAX_CRATES: usize = 256;

/// Marks an empty slot of an index table.
pub(crate) const EMPTY_SLOT: u32 = u32::MAX;

static PLACEHOLDER: PolicyDescriptor = PolicyDescriptor {
    meta: Meta {
        key: "placeholder",
        version: Version::from_static("0.0.0"),
        title: None,
        description: "",
        goal: None,
        context: None,
        domain: None,
        owners: &[],
        tags: &[],
        stability: Stability::Idea,
        sunset: None,
        doc_ids: &[],
        source: Source {
            module: "contracts_core",
            file: "",
            line: 0,
            text: "",
        },
    },
    scope: None,
    rules: &[],
};

const PLACEHOLDER_ENTRY: Entry = Entry::new(
    Contract::Policy(&PLACEHOLDER),
    &HashedRef::new(ContractRef {
        key: "placeholder",
        version: None,
    }),
    "",
);

/// The distinct contract sets reachable from a root, root first, in include order.
#[derive(Clone, Copy)]
pub struct Sets {
    list: [&'static ContractSet; MAX_CRATES],
    len: usize,
}

impl Sets {
    /// Collects the distinct sets reachable from `root`.
    pub const fn of(root: &'static ContractSet) -> Sets {
        let mut sets = Sets {
            list: [root; MAX_CRATES],
            len: 0,
        };
        let mut stack = [root; MAX_CRATES];
        let mut depth = 1;
        while depth > 0 {
            depth -= 1;
            let set = stack[depth];
            if sets.contains(set.crate_name) {
                continue;
            }
            if sets.len == MAX_CRATES {
                panic!("a registry can aggregate at most 256 crates");
            }
            sets.list[sets.len] = set;
            sets.len += 1;
            let mut i = set.includes.len();
            while i > 0 {
                i -= 1;
                if depth == MAX_CRATES {
                    panic!("a registry can aggregate at most 256 crates");
                }
                stack[depth] = set.includes[i];
                depth += 1;
            }
        }
        sets
    }

    const fn contains(&self, crate_name: &str) -> bool {
        let mut i = 0;
        while i < self.len {
            if str_eq(self.list[i].crate_name, crate_name) {
                return true;
            }
            i += 1;
        }
        false
    }

    /// The number of sets.
    pub const fn len(&self) -> usize {
        self.len
    }

    /// Whether there are no sets (never true: the root is always there).
    pub const fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The set at `index`.
    pub const fn get(&self, index: usize) -> &'static ContractSet {
        self.list[index]
    }

    /// The number of contracts across the sets.
    pub const fn contract_count(&self) -> usize {
        self.count(false)
    }

    /// The number of doc blocks across the sets.
    pub const fn doc_block_count(&self) -> usize {
        self.count(true)
    }

    /// The number of doc blocks (`doc_blocks`) or contracts (otherwise) across the sets.
    const fn count(&self, doc_blocks: bool) -> usize {
        let mut count = 0;
        let mut s = 0;
        while s < self.len {
            let declarations = self.list[s].declarations;
            let mut i = 0;
            while i < declarations.len() {
                count += match (&declarations[i], doc_blocks) {
                    (Declaration::Contract(..), false) | (Declaration::DocBlock(_), true) => 1,
                    _ => 0,
                };
                i += 1;
            }
            s += 1;
        }
        count
    }

    /// Whether any set, or any declaration in one, had errors.
    pub const fn has_invalid(&self) -> bool {
        let mut s = 0;
        while s < self.len {
            let set = self.list[s];
            if set.invalid {
                return true;
            }
            let mut i = 0;
            while i < set.declarations.len() {
                if let Declaration::Invalid { .. } = set.declarations[i] {
                    return true;
                }
                i += 1;
            }
            s += 1;
        }
        false
    }
}

/// Every contract of the sets, sorted by key then version precedence. `N` must be
/// [`Sets::contract_count`].
pub const fn collect_entries<const N: usize>(sets: &Sets) -> [Entry; N] {
    let mut unsorted = [PLACEHOLDER_ENTRY; N];
    let mut n = 0;
    let mut s = 0;
    while s < sets.len {
        let set = sets.list[s];
        let mut i = 0;
        while i < set.declarations.len() {
            if let Declaration::Contract(contract, identity) = &set.declarations[i] {
                unsorted[n] = Entry::new(*contract, identity, set.crate_name);
                n += 1;
            }
            i += 1;
        }
        s += 1;
    }
    if n != N {
        panic!("registry size mismatch");
    }
    // Sorting indices rather than entries: moving an entry in `const` evaluation copies its
    // pointers one by one, a `u32` is one value.
    let mut order = [0u32; N];
    let mut i = 0;
    while i < N {
        order[i] = i as u32;
        i += 1;
    }
    merge_sort(&mut order, &unsorted);
    let mut sorted = [PLACEHOLDER_ENTRY; N];
    let mut i = 0;
    while i < N {
        sorted[i] = unsorted[order[i] as usize];
        i += 1;
    }
    sorted
}

/// Every doc block of the sets, in declaration order. `N` must be [`Sets::doc_block_count`].
pub const fn collect_doc_blocks<const N: usize>(sets: &Sets) -> [&'static DocBlockDescriptor; N] {
    let mut blocks: [&'static DocBlockDescriptor; N] = [&PLACEHOLDER_DOC; N];
    let mut n = 0;
    let mut s = 0;
    while s < sets.len {
        let set = sets.list[s];
        let mut i = 0;
        while i < set.declarations.len() {
            if let Declaration::DocBlock(block) = set.declarations[i] {
                blocks[n] = block;
                n += 1;
            }
            i += 1;
        }
        s += 1;
    }
    blocks
}

static PLACEHOLDER_DOC: DocBlockDescriptor = DocBlockDescriptor {
    id: "",
    title: "",
    summary: None,
    kind: "",
    visibility: "",
    route: None,
    tags: &[],
    body: "",
    source: Source {
        module: "contracts_core",
        file: "",
        line: 0,
        text: "",
    },
};

/// The size of an index table for `n` entries: a power of two, at most half full.
pub const fn table_capacity(n: usize) -> usize {
    let wanted = if n < 4 { 8 } else { n * 2 };
    wanted.next_power_of_two()
}

/// Indexes `entries` by `key@version`. Duplicates are all inserted, so checks can count them.
pub const fn index_by_id<const C: usize>(entries: &[Entry]) -> [u32; C] {
    let mut table = [EMPTY_SLOT; C];
    let mut i = 0;
    while i < entries.len() {
        insert(&mut table, entries[i].id_hash, i);
        i += 1;
    }
    table
}

/// Indexes `entries` by key, each key pointing at its latest version (the last of its run, as
/// entries are sorted by version precedence).
pub const fn index_by_key<const C: usize>(entries: &[Entry]) -> [u32; C] {
    let mut table = [EMPTY_SLOT; C];
    let mut i = 0;
    while i < entries.len() {
        let last_of_key = i + 1 == entries.len() || !entries[i + 1].same_key(&entries[i]);
        if last_of_key {
            insert(&mut table, entries[i].key_digest.hash, i);
        }
        i += 1;
    }
    table
}

const fn insert(table: &mut [u32], hash: u64, index: usize) {
    let mask = table.len() - 1;
    let mut slot = (hash as usize) & mask;
    while table[slot] != EMPTY_SLOT {
        slot = (slot + 1) & mask;
    }
    table[slot] = index as u32;
}

const fn entry_lt(a: &Entry, b: &Entry) -> bool {
    let (a_prefix, b_prefix) = (a.key_digest.prefix, b.key_digest.prefix);
    if a_prefix[0] != b_prefix[0] {
        return a_prefix[0] < b_prefix[0];
    }
    if a_prefix[1] != b_prefix[1] {
        return a_prefix[1] < b_prefix[1];
    }
    match str_cmp(a.key, b.key) {
        core::cmp::Ordering::Less => true,
        core::cmp::Ordering::Greater => false,
        core::cmp::Ordering::Equal => a.contract.version().total_cmp(b.contract.version()).is_lt(),
    }
}

/// A stable bottom-up merge sort of indices into `entries`; `const` has no `sort`.
const fn merge_sort<const N: usize>(order: &mut [u32; N], entries: &[Entry; N]) {
    let mut scratch = [0u32; N];
    let mut width = 1;
    while width < N {
        let mut start = 0;
        while start < N {
            let mid = min(start + width, N);
            let end = min(start + 2 * width, N);
            let (mut i, mut j, mut k) = (start, mid, start);
            while i < mid && j < end {
                if entry_lt(&entries[order[j] as usize], &entries[order[i] as usize]) {
                    scratch[k] = order[j];
                    j += 1;
                } else {
                    scratch[k] = order[i];
                    i += 1;
                }
                k += 1;
            }
            while i < mid {
                scratch[k] = order[i];
                i += 1;
                k += 1;
            }
            while j < end {
                scratch[k] = order[j];
                j += 1;
                k += 1;
            }
            start = end;
        }
        *order = scratch;
        width *= 2;
    }
}

const fn min(a: usize, b: usize) -> usize {
    if a < b {
        a
    } else {
        b
    }
}
