//! The grammar of contract keys, versions and references.
//!
//! This crate is shared by `contracts-macros`, which rejects a malformed key or version at
//! compile time with an error on the offending literal, and by `contracts-core`, which parses the
//! same syntax at run time (for example `KEY@VERSION` on a command line). Keeping one
//! implementation guarantees that what compiles is exactly what the registry can look up, and that
//! the hashes computed by the macros match the ones computed during lookup.
//!
//! Everything here is free of allocation, and `const fn` except the reading of a lock file.
//!
//! ```
//! use contracts_syntax::{ContractRef, Version};
//!
//! let reference = ContractRef::parse("control-plane.core@1.0.0").unwrap();
//! assert_eq!(reference.key, "control-plane.core");
//! assert_eq!(reference.version.map(|v| v.as_str()), Some("1.0.0"));
//!
//! let older = Version::parse("1.0.0-beta.2").unwrap();
//! let newer = Version::parse("1.0.0").unwrap();
//! assert!(older.precedence_cmp(&newer).is_lt());
//! ```
#![no_std]
#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod distance;
mod hash;
mod key;
mod lock;
mod reference;
mod text;
mod version;

pub use distance::{edit_distance, is_close, is_key_typo, may_mean};
pub use hash::{key_hash, key_prefix, key_version_hash, KeyDigest};
pub use key::{validate_key, KeyError};
pub use lock::{
    locked_contracts, parse_fingerprints, FingerprintError, LockedContract, FINGERPRINT_PARTS,
};
pub use reference::{ContractRef, ReferenceError};
pub use text::{str_cmp, str_eq};
pub use version::{Version, VersionError};
