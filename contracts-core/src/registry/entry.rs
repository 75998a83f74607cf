//! One registry entry: a contract with its precomputed hashes.

use super::HashedRef;
use crate::contract::Contract;
use contracts_syntax::KeyDigest;

/// A contract in a [`Registry`](super::Registry), with the crate that declares it.
#[derive(Clone, Copy, Debug)]
pub struct Entry {
    pub(crate) id_hash: u64,
    /// The key's hash, and its first 32 bytes, which sorting compares before the text.
    pub(crate) key_digest: KeyDigest,
    pub(crate) key: &'static str,
    pub(crate) version: &'static str,
    pub(crate) crate_name: &'static str,
    pub(crate) contract: Contract,
}

impl Entry {
    /// The entry of `contract`, whose identity `key@version` hashes to `identity`.
    pub(crate) const fn new(
        contract: Contract,
        identity: &HashedRef,
        crate_name: &'static str,
    ) -> Entry {
        let meta = contract.meta();
        Entry {
            id_hash: identity.id_hash(),
            key_digest: *identity.key_digest(),
            key: meta.key,
            version: meta.version.as_str(),
            crate_name,
            contract,
        }
    }

    /// Whether this entry's key is `key`, whose digest is `digest`.
    #[inline]
    pub(crate) const fn has_key(&self, key: &str, digest: &KeyDigest) -> bool {
        self.key_digest.same_key(self.key, digest, key)
    }

    /// Whether this entry and `other` have the same key.
    #[inline]
    pub(crate) const fn same_key(&self, other: &Entry) -> bool {
        self.has_key(other.key, &other.key_digest)
    }

    /// The contract.
    pub const fn contract(&self) -> Contract {
        self.contract
    }

    /// The name of the crate that declares the contract.
    pub const fn crate_name(&self) -> &'static str {
        self.crate_name
    }

    /// The contract's key.
    pub const fn key(&self) -> &'static str {
        self.key
    }

    /// The contract's version, as written.
    pub const fn version(&self) -> &'static str {
        self.version
    }

    #[inline]
    pub(crate) fn is(&self, id_hash: u64, key: &str, version: &str) -> bool {
        self.id_hash == id_hash && self.key == key && self.version == version
    }
}
