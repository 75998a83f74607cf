//! Semantic versions (semver 2.0.0) and their precedence.

use crate::text::{cmp_usize, str_cmp, substr};
use core::cmp::Ordering;

/// A semantic version such as `1.0.0`, `2.1.0-beta.3` or `1.0.0+build.7`.
///
/// The text is kept as written, and the parts are parsed once. [`Version::precedence_cmp`]
/// orders versions as semver defines (pre-releases sort before their release; build metadata is
/// ignored), which is how the registry finds the latest version of a key.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Version<'a> {
    text: &'a str,
    major: u64,
    minor: u64,
    patch: u64,
    pre: &'a str,
    build: &'a str,
}

/// Why a version is not semver, with the byte offset of the problem.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum VersionError {
    /// The version is not `MAJOR.MINOR.PATCH` with optional `-PRE` and `+BUILD`.
    Shape {
        /// Byte offset where parsing stopped.
        at: usize,
    },
    /// A numeric part has a leading zero, such as `01`.
    LeadingZero {
        /// Byte offset of the zero.
        at: usize,
    },
    /// A numeric part does not fit in 64 bits.
    Overflow {
        /// Byte offset of the number.
        at: usize,
    },
    /// A pre-release or build identifier is empty or holds a character other than ASCII
    /// letters, digits and `-`.
    Identifier {
        /// Byte offset of the problem.
        at: usize,
    },
}

impl VersionError {
    /// A sentence explaining the problem.
    pub const fn reason(&self) -> &'static str {
        match self {
            VersionError::Shape { .. } => {
                "a version is MAJOR.MINOR.PATCH, optionally followed by -PRERELEASE and +BUILD"
            }
            VersionError::LeadingZero { .. } => "numbers in a version cannot have leading zeros",
            VersionError::Overflow { .. } => "a version number does not fit in 64 bits",
            VersionError::Identifier { .. } => {
                "pre-release and build identifiers are non-empty runs of ASCII letters, digits and `-`"
            }
        }
    }
}

impl<'a> Version<'a> {
    /// Parses `text` as a semantic version.
    pub const fn parse(text: &'a str) -> Result<Version<'a>, VersionError> {
        let bytes = text.as_bytes();
        let (major, i) = match parse_number(bytes, 0) {
            Ok(v) => v,
            Err(e) => return Err(e),
        };
        if i >= bytes.len() || bytes[i] != b'.' {
            return Err(VersionError::Shape { at: i });
        }
        let (minor, i) = match parse_number(bytes, i + 1) {
            Ok(v) => v,
            Err(e) => return Err(e),
        };
        if i >= bytes.len() || bytes[i] != b'.' {
            return Err(VersionError::Shape { at: i });
        }
        let (patch, mut i) = match parse_number(bytes, i + 1) {
            Ok(v) => v,
            Err(e) => return Err(e),
        };
        let mut pre = "";
        let mut build = "";
        if i < bytes.len() && bytes[i] == b'-' {
            let end = match scan_identifiers(bytes, i + 1, true) {
                Ok(end) => end,
                Err(e) => return Err(e),
            };
            pre = substr(text, i + 1, end);
            i = end;
        }
        if i < bytes.len() && bytes[i] == b'+' {
            let end = match scan_identifiers(bytes, i + 1, false) {
                Ok(end) => end,
                Err(e) => return Err(e),
            };
            build = substr(text, i + 1, end);
            i = end;
        }
        if i != bytes.len() {
            return Err(VersionError::Shape { at: i });
        }
        Ok(Version {
            text,
            major,
            minor,
            patch,
            pre,
            build,
        })
    }

    /// A version from parts already validated by [`Version::parse`]: the macros parse every
    /// version once, at expansion, and emit this call so that compile-time evaluation does not
    /// parse it again. Not for other use: the parts are not checked.
    #[doc(hidden)]
    pub const fn __from_parts(
        text: &'a str,
        major: u64,
        minor: u64,
        patch: u64,
        pre: &'a str,
        build: &'a str,
    ) -> Version<'a> {
        Version {
            text,
            major,
            minor,
            patch,
            pre,
            build,
        }
    }

    /// The version as written.
    pub const fn as_str(&self) -> &'a str {
        self.text
    }

    /// The major number.
    pub const fn major(&self) -> u64 {
        self.major
    }

    /// The minor number.
    pub const fn minor(&self) -> u64 {
        self.minor
    }

    /// The patch number.
    pub const fn patch(&self) -> u64 {
        self.patch
    }

    /// The pre-release identifiers (`beta.3` in `1.0.0-beta.3`), or `""`.
    pub const fn pre(&self) -> &'a str {
        self.pre
    }

    /// The build metadata (`build.7` in `1.0.0+build.7`), or `""`.
    pub const fn build(&self) -> &'a str {
        self.build
    }

    /// Orders two versions by semver precedence; build metadata is ignored.
    pub const fn precedence_cmp(&self, other: &Version<'_>) -> Ordering {
        if self.major != other.major {
            return if self.major < other.major {
                Ordering::Less
            } else {
                Ordering::Greater
            };
        }
        if self.minor != other.minor {
            return if self.minor < other.minor {
                Ordering::Less
            } else {
                Ordering::Greater
            };
        }
        if self.patch != other.patch {
            return if self.patch < other.patch {
                Ordering::Less
            } else {
                Ordering::Greater
            };
        }
        match (self.pre.is_empty(), other.pre.is_empty()) {
            (true, true) => Ordering::Equal,
            (true, false) => Ordering::Greater,
            (false, true) => Ordering::Less,
            (false, false) => cmp_pre_release(self.pre, other.pre),
        }
    }

    /// Orders by precedence, then by text, so that versions equal in precedence but written
    /// differently (`1.0.0+a`, `1.0.0+b`) still have one deterministic order.
    pub const fn total_cmp(&self, other: &Version<'_>) -> Ordering {
        match self.precedence_cmp(other) {
            Ordering::Equal => str_cmp(self.text, other.text),
            unequal => unequal,
        }
    }
}

impl core::fmt::Display for Version<'_> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(self.text)
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for Version<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.text)
    }
}

const fn parse_number(bytes: &[u8], start: usize) -> Result<(u64, usize), VersionError> {
    let mut i = start;
    let mut value: u64 = 0;
    while i < bytes.len() && bytes[i].is_ascii_digit() {
        value = match value.checked_mul(10) {
            Some(v) => match v.checked_add((bytes[i] - b'0') as u64) {
                Some(v) => v,
                None => return Err(VersionError::Overflow { at: start }),
            },
            None => return Err(VersionError::Overflow { at: start }),
        };
        i += 1;
    }
    if i == start {
        return Err(VersionError::Shape { at: start });
    }
    if i - start > 1 && bytes[start] == b'0' {
        return Err(VersionError::LeadingZero { at: start });
    }
    Ok((value, i))
}

/// Scans dot-separated identifiers from `start`; returns the end offset.
const fn scan_identifiers(
    bytes: &[u8],
    start: usize,
    pre_release: bool,
) -> Result<usize, VersionError> {
    let mut i = start;
    let mut ident_start = start;
    loop {
        let at_end = i == bytes.len() || bytes[i] == b'+' && pre_release;
        if at_end || bytes[i] == b'.' {
            if i == ident_start {
                return Err(VersionError::Identifier { at: i });
            }
            if pre_release
                && is_numeric(bytes, ident_start, i)
                && i - ident_start > 1
                && bytes[ident_start] == b'0'
            {
                return Err(VersionError::LeadingZero { at: ident_start });
            }
            if at_end {
                return Ok(i);
            }
            ident_start = i + 1;
        } else if !(bytes[i].is_ascii_alphanumeric() || bytes[i] == b'-') {
            return Err(VersionError::Identifier { at: i });
        }
        i += 1;
    }
}

const fn is_numeric(bytes: &[u8], start: usize, end: usize) -> bool {
    let mut i = start;
    while i < end {
        if !bytes[i].is_ascii_digit() {
            return false;
        }
        i += 1;
    }
    end > start
}

/// Compares dot-separated pre-release identifiers as semver section 11 prescribes.
const fn cmp_pre_release(a: &str, b: &str) -> Ordering {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    let (mut i, mut j) = (0, 0);
    loop {
        let a_done = i >= a.len();
        let b_done = j >= b.len();
        if a_done || b_done {
            return match (a_done, b_done) {
                (true, true) => Ordering::Equal,
                (true, false) => Ordering::Less,
                _ => Ordering::Greater,
            };
        }
        let mut a_end = i;
        while a_end < a.len() && a[a_end] != b'.' {
            a_end += 1;
        }
        let mut b_end = j;
        while b_end < b.len() && b[b_end] != b'.' {
            b_end += 1;
        }
        let ord = match (is_numeric(a, i, a_end), is_numeric(b, j, b_end)) {
            (true, true) => match cmp_usize(a_end - i, b_end - j) {
                Ordering::Equal => cmp_bytes(a, i, a_end, b, j, b_end),
                unequal => unequal,
            },
            (true, false) => Ordering::Less,
            (false, true) => Ordering::Greater,
            (false, false) => cmp_bytes(a, i, a_end, b, j, b_end),
        };
        if !matches!(ord, Ordering::Equal) {
            return ord;
        }
        i = a_end + 1;
        j = b_end + 1;
    }
}

const fn cmp_bytes(
    a: &[u8],
    mut i: usize,
    a_end: usize,
    b: &[u8],
    mut j: usize,
    b_end: usize,
) -> Ordering {
    while i < a_end && j < b_end {
        if a[i] != b[j] {
            return if a[i] < b[j] {
                Ordering::Less
            } else {
                Ordering::Greater
            };
        }
        i += 1;
        j += 1;
    }
    cmp_usize(a_end - i, b_end - j)
}

impl Version<'static> {
    /// Parses a version known at compile time; an invalid version fails the build.
    ///
    /// ```
    /// const V: contracts_syntax::Version<'static> = contracts_syntax::Version::from_static("1.2.0");
    /// assert_eq!(V.minor(), 2);
    /// ```
    pub const fn from_static(text: &'static str) -> Version<'static> {
        match Version::parse(text) {
            Ok(version) => version,
            Err(e) => panic!("{}", e.reason()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(text: &str) -> Version<'_> {
        Version::parse(text).unwrap()
    }

    #[test]
    fn parses_parts() {
        let version = v("2.10.3-rc.1+build.5");
        assert_eq!(
            (version.major(), version.minor(), version.patch()),
            (2, 10, 3)
        );
        assert_eq!(version.pre(), "rc.1");
        assert_eq!(version.build(), "build.5");
        assert_eq!(version.as_str(), "2.10.3-rc.1+build.5");
    }

    #[test]
    fn rejects_non_semver() {
        for bad in [
            "",
            "1",
            "1.0",
            "1.0.0.0",
            "v1.0.0",
            "01.0.0",
            "1.0.0-",
            "1.0.0-a..b",
            "1.0.0+",
            "1.0.0-01",
            "1.0.0-a_b",
            "1.0.x",
            " 1.0.0",
        ] {
            assert!(Version::parse(bad).is_err(), "{bad:?} should be rejected");
        }
        assert_eq!(Version::parse("1.0"), Err(VersionError::Shape { at: 3 }));
        assert_eq!(
            Version::parse("1.00.0"),
            Err(VersionError::LeadingZero { at: 2 })
        );
        assert_eq!(
            Version::parse("99999999999999999999.0.0"),
            Err(VersionError::Overflow { at: 0 })
        );
    }

    #[test]
    fn orders_by_semver_precedence() {
        // The chain from semver section 11.
        let chain = [
            "1.0.0-alpha",
            "1.0.0-alpha.1",
            "1.0.0-alpha.beta",
            "1.0.0-beta",
            "1.0.0-beta.2",
            "1.0.0-beta.11",
            "1.0.0-rc.1",
            "1.0.0",
            "1.0.1",
            "1.1.0",
            "2.0.0",
            "10.0.0",
        ];
        for pair in chain.windows(2) {
            assert!(
                v(pair[0]).precedence_cmp(&v(pair[1])).is_lt(),
                "{} < {}",
                pair[0],
                pair[1]
            );
            assert!(
                v(pair[1]).precedence_cmp(&v(pair[0])).is_gt(),
                "{} > {}",
                pair[1],
                pair[0]
            );
        }
        assert!(v("1.0.0+a").precedence_cmp(&v("1.0.0+b")).is_eq());
        assert!(v("1.0.0+a").total_cmp(&v("1.0.0+b")).is_lt());
    }
}
