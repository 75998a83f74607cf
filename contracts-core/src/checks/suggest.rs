//! "Did you mean" suggestions at compile time.

use crate::contract::ContractKind;
use crate::registry::{KindSet, Registry};
use contracts_syntax::{edit_distance, is_key_typo};

/// The key of `kinds` in the registry that `key` is a likely typo of
/// ([`is_key_typo`]): a sibling key that merely looks alike is never suggested.
pub const fn closest_key(registry: &Registry, key: &str, kinds: KindSet) -> Option<&'static str> {
    let entries = registry.entries();
    let mut best: Option<&'static str> = None;
    let mut best_distance = usize::MAX;
    let mut i = 0;
    while i < entries.len() {
        let kind: ContractKind = entries[i].contract().kind();
        if kinds.contains(kind) && is_key_typo(entries[i].key(), key) {
            let distance = edit_distance(entries[i].key(), key);
            if distance < best_distance {
                best_distance = distance;
                best = Some(entries[i].key());
            }
        }
        i += 1;
    }
    best
}
