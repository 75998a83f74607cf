//! References with their hashes computed once, for the compile-time checks.

use crate::ContractRef;
use contracts_syntax::KeyDigest;

/// A reference to a contract with the digest of its key (and, when it names a version, the
/// hash of `key@version`) computed once.
///
/// The checks look references up by these hashes; in `const` evaluation, hashing a key costs as
/// much as the rest of a check, so the attribute macros compute the hashes of every contract's
/// identity and of every reference they check at expansion (by the same `contracts_syntax`
/// functions that lookups use) and pass them as literals. At run time, build one with
/// [`HashedRef::new`].
///
/// ```
/// use contracts_core::{ContractRef, HashedRef};
///
/// let reference = ContractRef::parse("control-plane.core@1.0.0").unwrap();
/// let hashed = HashedRef::new(reference);
/// assert_eq!(hashed.reference().key, "control-plane.core");
/// ```
#[derive(Clone, Copy, Debug)]
pub struct HashedRef {
    reference: ContractRef,
    key: KeyDigest,
    id_hash: u64,
}

impl HashedRef {
    /// Hashes `reference`.
    pub const fn new(reference: ContractRef) -> HashedRef {
        let key = KeyDigest::of(reference.key);
        let id_hash = match &reference.version {
            Some(version) => key.id_hash(version.as_str()),
            None => 0,
        };
        HashedRef {
            reference,
            key,
            id_hash,
        }
    }

    /// A reference whose hashes the macros computed: `key` is the [`KeyDigest`] of its key and
    /// `id_hash` the `key_version_hash` of its key and version (0 without a version).
    pub(crate) const fn precomputed(
        reference: ContractRef,
        key: KeyDigest,
        id_hash: u64,
    ) -> HashedRef {
        HashedRef {
            reference,
            key,
            id_hash,
        }
    }

    /// The reference.
    pub const fn reference(&self) -> &ContractRef {
        &self.reference
    }

    /// The digest of the reference's key.
    pub const fn key_digest(&self) -> &KeyDigest {
        &self.key
    }

    /// The hash of `key@version`; 0 when the reference names no version.
    pub const fn id_hash(&self) -> u64 {
        self.id_hash
    }
}

/// A reference as the compile-time lookups read it: the key, the version's text and the key's
/// digest. Built from a [`HashedRef`] at run time, or from literals by the checks the macros
/// emit (`checks::literal`), which spares each check a nested constructor to type-check.
#[derive(Clone, Copy)]
pub(crate) struct Target<'a> {
    pub(crate) key: &'a str,
    pub(crate) version: Option<&'a str>,
    pub(crate) digest: KeyDigest,
}

impl<'a> Target<'a> {
    pub(crate) const fn of(hashed: &'a HashedRef) -> Target<'a> {
        let reference = hashed.reference();
        Target {
            key: reference.key,
            version: match &reference.version {
                Some(version) => Some(version.as_str()),
                None => None,
            },
            digest: hashed.key,
        }
    }

    /// `version` is empty when the reference names none (a version never is).
    pub(crate) const fn literal(
        key: &'a str,
        version: &'a str,
        hash: u64,
        prefix: [u128; 2],
    ) -> Target<'a> {
        Target {
            key,
            version: if version.is_empty() {
                None
            } else {
                Some(version)
            },
            digest: KeyDigest { hash, prefix },
        }
    }

    /// The version's text, empty when the reference names none.
    pub(crate) const fn version_text(&self) -> &'a str {
        match self.version {
            Some(version) => version,
            None => "",
        }
    }
}
