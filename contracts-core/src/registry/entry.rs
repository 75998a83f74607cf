//! One registry entry: a contract with its precomputed hashes.

use crate::contract::Contract;
use contracts_syntax::{key_hash, key_version_hash};

/// A contract in a [`Registry`](super::Registry), with the crate that declares it.
#[derive(Clone, Copy, Debug)]
pub struct Entry {
    pub(crate) id_hash: u64,
    pub(crate) key_hash: u64,
    /// The first 32 bytes of the key, big-endian: sorting compares these before the text.
    pub(crate) key_prefix: [u128; 2],
    pub(crate) key: &'static str,
    pub(crate) version: &'static str,
    pub(crate) crate_name: &'static str,
    pub(crate) contract: Contract,
}

/// The first 32 bytes of `key` as two big-endian numbers, zero-padded: ordered like the text,
/// so a sort compares two numbers instead of bytes, and bytes only for keys sharing 32 bytes.
const fn key_prefix(key: &str) -> [u128; 2] {
    let bytes = key.as_bytes();
    let mut prefix = [0u128; 2];
    let mut i = 0;
    while i < 32 {
        prefix[i / 16] <<= 8;
        if i < bytes.len() {
            prefix[i / 16] |= bytes[i] as u128;
        }
        i += 1;
    }
    prefix
}

impl Entry {
    pub(crate) const fn new(contract: Contract, crate_name: &'static str) -> Entry {
        let meta = contract.meta();
        Entry {
            id_hash: key_version_hash(meta.key, meta.version.as_str()),
            key_hash: key_hash(meta.key),
            key_prefix: key_prefix(meta.key),
            key: meta.key,
            version: meta.version.as_str(),
            crate_name,
            contract,
        }
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
