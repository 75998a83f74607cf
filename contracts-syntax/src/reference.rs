//! References to contracts: `key` or `key@version`.

use crate::key::{validate_key, KeyError};
use crate::text::substr;
use crate::version::{Version, VersionError};

/// A reference to a contract by key, optionally pinned to a version: `control-plane.core` or
/// `control-plane.core@1.0.0`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ContractRef<'a> {
    /// The key of the referenced contract.
    pub key: &'a str,
    /// The pinned version, if the reference names one.
    pub version: Option<Version<'a>>,
}

/// Why a reference is malformed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReferenceError {
    /// The key part is malformed; offsets are relative to the whole reference.
    Key(KeyError),
    /// The version after `@` is malformed; offsets are relative to the whole reference.
    Version(VersionError),
}

impl ReferenceError {
    /// A sentence explaining the problem.
    pub const fn reason(&self) -> &'static str {
        match self {
            ReferenceError::Key(e) => e.reason(),
            ReferenceError::Version(e) => e.reason(),
        }
    }
}

impl<'a> ContractRef<'a> {
    /// Parses `key` or `key@version`.
    pub const fn parse(text: &'a str) -> Result<ContractRef<'a>, ReferenceError> {
        let bytes = text.as_bytes();
        let mut at = 0;
        while at < bytes.len() && bytes[at] != b'@' {
            at += 1;
        }
        let key = substr(text, 0, at);
        if let Err(e) = validate_key(key) {
            return Err(ReferenceError::Key(e));
        }
        if at == bytes.len() {
            return Ok(ContractRef { key, version: None });
        }
        match Version::parse(substr(text, at + 1, bytes.len())) {
            Ok(version) => Ok(ContractRef {
                key,
                version: Some(version),
            }),
            Err(e) => Err(ReferenceError::Version(shift(e, at + 1))),
        }
    }
}

const fn shift(e: VersionError, by: usize) -> VersionError {
    match e {
        VersionError::Shape { at } => VersionError::Shape { at: at + by },
        VersionError::LeadingZero { at } => VersionError::LeadingZero { at: at + by },
        VersionError::Overflow { at } => VersionError::Overflow { at: at + by },
        VersionError::Identifier { at } => VersionError::Identifier { at: at + by },
    }
}

impl core::fmt::Display for ContractRef<'_> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self.version {
            Some(version) => write!(f, "{}@{}", self.key, version),
            None => f.write_str(self.key),
        }
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for ContractRef<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("key", self.key)?;
        if let Some(version) = &self.version {
            map.serialize_entry("version", version)?;
        }
        map.end()
    }
}

impl ContractRef<'static> {
    /// Parses a reference known at compile time; an invalid reference fails the build.
    pub const fn from_static(text: &'static str) -> ContractRef<'static> {
        match ContractRef::parse(text) {
            Ok(reference) => reference,
            Err(e) => panic!("{}", e.reason()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_key_and_optional_version() {
        let r = ContractRef::parse("context.system").unwrap();
        assert_eq!((r.key, r.version), ("context.system", None));
        let r = ContractRef::parse("context.system@1.2.3-beta").unwrap();
        assert_eq!(r.key, "context.system");
        assert_eq!(r.version.unwrap().as_str(), "1.2.3-beta");
    }

    #[test]
    fn reports_offsets_within_the_whole_reference() {
        assert_eq!(
            ContractRef::parse("a@1.0"),
            Err(ReferenceError::Version(VersionError::Shape { at: 5 }))
        );
        assert_eq!(
            ContractRef::parse("a_b@1.0.0"),
            Err(ReferenceError::Key(KeyError::InvalidChar { at: 1 }))
        );
        assert_eq!(
            ContractRef::parse("a@"),
            Err(ReferenceError::Version(VersionError::Shape { at: 2 }))
        );
    }
}
