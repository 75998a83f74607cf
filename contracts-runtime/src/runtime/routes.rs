//! The runtime's own index of its registry's entries, by `key@version` and by key (the entry a
//! call without a version resolves to), built once with the runtime.
//!
//! The registry's lookups hash every byte of the key and the version, then compare both texts.
//! A route is found here from the first and last eight bytes of each (two multiplications),
//! and recognized by comparing those words: texts of at most 16 bytes are then known equal,
//! longer ones compare their middle bytes too. A query that shares its words with a route but
//! not its middle (hardly a registry's keys) costs one more probe, never a wrong answer.

use contracts_core::{Entry, Registry};

/// A text's length and its first and last eight bytes (little-endian, zero-padded when
/// shorter): for texts of at most 16 bytes, equal words mean equal texts.
#[derive(Clone, Copy, PartialEq, Eq)]
struct Words {
    len: usize,
    head: u64,
    tail: u64,
}

impl Words {
    #[inline]
    fn of(text: &str) -> Words {
        let bytes = text.as_bytes();
        match (bytes.first_chunk::<8>(), bytes.last_chunk::<8>()) {
            (Some(head), Some(tail)) => Words {
                len: bytes.len(),
                head: u64::from_le_bytes(*head),
                tail: u64::from_le_bytes(*tail),
            },
            _ => {
                let word = short_word(bytes);
                Words {
                    len: bytes.len(),
                    head: word,
                    tail: word,
                }
            }
        }
    }

    /// Whether `a` and `b`, whose words these are and are equal, are equal: their bytes
    /// between the first and last eight, compared eight at a time (the last word may overlap
    /// the tail, already compared).
    #[inline]
    fn same_middle(&self, a: &str, b: &str) -> bool {
        let (a, b) = (a.as_bytes(), b.as_bytes());
        let mut at = 8;
        while at + 8 < self.len {
            let word = |text: &[u8]| text.get(at..).and_then(<[u8]>::first_chunk::<8>).copied();
            if word(a) != word(b) {
                return false;
            }
            at += 8;
        }
        true
    }

    #[inline]
    fn mix(&self) -> u64 {
        self.head ^ self.tail.rotate_left(29) ^ (self.len as u64)
    }
}

/// Up to seven bytes, little-endian, zero-padded.
#[inline]
fn short_word(bytes: &[u8]) -> u64 {
    let mut word = 0u64;
    let mut shift = 0;
    let mut rest = bytes;
    if let Some((four, after)) = rest.split_first_chunk::<4>() {
        word = u64::from(u32::from_le_bytes(*four));
        shift = 32;
        rest = after;
    }
    if let Some((two, after)) = rest.split_first_chunk::<2>() {
        word |= u64::from(u16::from_le_bytes(*two)) << shift;
        shift += 16;
        rest = after;
    }
    if let [last, ..] = rest {
        word |= u64::from(*last) << shift;
    }
    word
}

const MULTIPLIER: u64 = 0x9e37_79b9_7f4a_7c15;
/// What a missing version hashes as.
const NO_VERSION: u64 = 0x243f_6a88_85a3_08d3;

#[inline]
fn hash(key: &Words, version: Option<&Words>) -> u64 {
    let hash = key.mix().wrapping_mul(MULTIPLIER);
    let version = version.map_or(NO_VERSION, Words::mix);
    let hash = (hash ^ version).wrapping_mul(MULTIPLIER);
    hash ^ (hash >> 32)
}

/// A text and its words.
#[derive(Clone, Copy)]
struct Text {
    words: Words,
    text: &'static str,
}

impl Text {
    fn of(text: &'static str) -> Text {
        Text {
            words: Words::of(text),
            text,
        }
    }

    /// Whether it is `text`, whose words are `words`.
    #[inline]
    fn is(&self, words: &Words, text: &str) -> bool {
        self.words == *words && words.same_middle(text, self.text)
    }
}

/// A key, or a key and a version, and the index of the entry it resolves to.
struct Route {
    hash: u64,
    key: Text,
    version: Option<Text>,
    entry: usize,
}

/// The index: open addressing, linear probing, at most half full.
pub(super) struct Routes {
    /// Indexes into `routes`, plus one; 0 is an empty slot.
    slots: Box<[u32]>,
    routes: Vec<Route>,
}

impl Routes {
    /// The routes of every entry of `registry`, and of every key (to the entry a call without
    /// a version resolves to: see [`latest`]).
    pub(super) fn new(registry: &'static Registry) -> Routes {
        let entries = registry.entries();
        let mut routes = Vec::with_capacity(entries.len() * 2);
        for (index, entry) in entries.iter().enumerate() {
            let key = Text::of(entry.key());
            let version = Text::of(entry.version());
            routes.push(Route {
                hash: hash(&key.words, Some(&version.words)),
                key,
                version: Some(version),
                entry: index,
            });
            // The entries of a key are adjacent: one route per key, after its last one.
            let next = entries.get(index + 1);
            if next.is_none_or(|next| next.key() != entry.key()) {
                if let Some(latest) = latest(registry, entry.key()) {
                    routes.push(Route {
                        hash: hash(&key.words, None),
                        key,
                        version: None,
                        entry: index_of(registry, latest),
                    });
                }
            }
        }
        let size = (routes.len() * 2).next_power_of_two().max(8);
        let mut slots = vec![0u32; size].into_boxed_slice();
        let mask = size - 1;
        for (index, route) in routes.iter().enumerate() {
            let mut slot = route.hash as usize & mask;
            while slots[slot] != 0 {
                slot = (slot + 1) & mask;
            }
            // A registry holds far fewer than 2^32 entries.
            slots[slot] = u32::try_from(index + 1).unwrap_or(u32::MAX);
        }
        Routes { slots, routes }
    }

    /// The index of the entry `key@version` (the entry a call without a version resolves to,
    /// if `version` is `None`), if there is one.
    #[inline]
    pub(super) fn find(&self, key: &str, version: Option<&str>) -> Option<usize> {
        let key_words = Words::of(key);
        let version_words = version.map(Words::of);
        let hash = hash(&key_words, version_words.as_ref());
        let mask = self.slots.len() - 1;
        let mut slot = hash as usize & mask;
        loop {
            // The table has empty slots: the probe ends.
            let index = (*self.slots.get(slot)? as usize).checked_sub(1)?;
            let route = self.routes.get(index)?;
            if route.hash == hash
                && route.key.is(&key_words, key)
                && match (&route.version, version, &version_words) {
                    (None, None, _) => true,
                    (Some(route), Some(version), Some(words)) => route.is(words, version),
                    _ => false,
                }
            {
                return Some(route.entry);
            }
            slot = (slot + 1) & mask;
        }
    }
}

/// The entry a call of `key` without a version resolves to: its latest version (by semver
/// precedence) that is an operation, or its latest version if none is (to say what it is).
pub(super) fn latest(registry: &'static Registry, key: &str) -> Option<&'static Entry> {
    let versions = registry.versions(key);
    versions
        .iter()
        .rev()
        .find(|e| e.contract().as_operation().is_some())
        .or(versions.last())
}

/// The index of a registry entry.
#[inline]
pub(super) fn index_of(registry: &'static Registry, entry: &'static Entry) -> usize {
    let base = registry.entries().as_ptr() as usize;
    (entry as *const Entry as usize - base) / core::mem::size_of::<Entry>()
}

#[cfg(test)]
mod tests {
    use super::{Text, Words};

    /// Whether `a` is recognized as `b`, the way a lookup recognizes a route.
    fn same(a: &'static str, b: &'static str) -> bool {
        Text::of(b).is(&Words::of(a), a)
    }

    #[test]
    fn texts_are_recognized_exactly_at_every_length() {
        let texts = [
            "",
            "a",
            "1.0.0",
            "1.0.0-rc.1",
            "1.0.0-rc.2",
            "harness.run",
            "harness.run.verify",
            "bench.item.create",
            "bench.item.cxeate",
            "controlPlane.execution.start",
            "controlPlane.executiom.start",
            "controlPlane.execution.start.with.a.long.suffix",
            "controlPlane.execution.start.with.a.lung.suffix",
            "controlPlane.execution.start.with.a.long.suffiy",
        ];
        for a in texts {
            for b in texts {
                assert_eq!(same(a, b), a == b, "{a:?} and {b:?}");
            }
        }
        // Every byte counts, wherever it is.
        let key = "abcdefghijklmnopqrstuvwxyz0123456789";
        for at in 0..key.len() {
            let mut other = key.as_bytes().to_vec();
            other[at] = b'_';
            let other: &'static str = String::from_utf8(other).unwrap().leak();
            assert!(!same(other, key), "{other}");
            assert!(same(key, key));
        }
    }
}
