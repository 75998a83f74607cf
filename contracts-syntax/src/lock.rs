//! The part of a `contracts.lock` the attribute macros read: each contract's stability and the
//! fingerprints of its wire surface (`fingerprint policy=… input=…`), which `contracts lock`
//! writes and the build compares with the contract as declared.

/// The parts of a contract's wire surface that have a fingerprint, in order.
pub const FINGERPRINT_PARTS: [&str; 8] = [
    "policy", "input", "output", "payload", "errors", "emits", "provides", "requires",
];

/// Why a `fingerprint` line could not be read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FingerprintError<'a> {
    /// A word that is not `PART=HEX`.
    NotAPair(&'a str),
    /// A part that is not one of [`FINGERPRINT_PARTS`].
    UnknownPart(&'a str),
    /// A value that is not a hexadecimal `u64`.
    NotHex(&'a str),
}

impl core::fmt::Display for FingerprintError<'_> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self {
            FingerprintError::NotAPair(word) => write!(f, "`{word}` is not `PART=HEX`"),
            FingerprintError::UnknownPart(part) => write!(f, "unknown fingerprint part `{part}`"),
            FingerprintError::NotHex(hex) => write!(f, "`{hex}` is not a hexadecimal fingerprint"),
        }
    }
}

/// Reads the value of a `fingerprint` fact: `PART=HEX` words separated by spaces; a part not
/// listed is `0`.
///
/// ```
/// let parts = contracts_syntax::parse_fingerprints("policy=00000000000000ff input=10").unwrap();
/// assert_eq!(parts[..3], [0xff, 0x10, 0]);
/// assert!(contracts_syntax::parse_fingerprints("size=1").is_err());
/// ```
pub fn parse_fingerprints(value: &str) -> Result<[u64; 8], FingerprintError<'_>> {
    let mut parts = [0; 8];
    for word in value.split(' ').filter(|w| !w.is_empty()) {
        let (name, hex) = word
            .split_once('=')
            .ok_or(FingerprintError::NotAPair(word))?;
        let index = FINGERPRINT_PARTS
            .iter()
            .position(|p| *p == name)
            .ok_or(FingerprintError::UnknownPart(name))?;
        parts[index] = u64::from_str_radix(hex, 16).map_err(|_| FingerprintError::NotHex(hex))?;
    }
    Ok(parts)
}

/// One `contract` block of a lock, as far as the build reads it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LockedContract<'a> {
    /// The key.
    pub key: &'a str,
    /// The version.
    pub version: &'a str,
    /// The stability recorded (`""` when the block has none).
    pub stability: &'a str,
    /// The fingerprints recorded, if the block has a readable `fingerprint` line.
    pub fingerprints: Option<[u64; 8]>,
}

/// The contract blocks of a lock's text, in order. Lines it does not understand are skipped:
/// reading the whole file, and reporting what is malformed, is the lock test's business.
///
/// ```
/// let lock = "contracts-lock 1\n\ncontract a.b@1.0.0\n  kind command\n  stability stable\n  fingerprint policy=1\n";
/// let blocks: Vec<_> = contracts_syntax::locked_contracts(lock).collect();
/// assert_eq!(blocks.len(), 1);
/// assert_eq!((blocks[0].key, blocks[0].stability), ("a.b", "stable"));
/// assert_eq!(blocks[0].fingerprints.map(|f| f[0]), Some(1));
/// ```
pub fn locked_contracts(lock: &str) -> impl Iterator<Item = LockedContract<'_>> {
    let mut lines = lock.lines().peekable();
    core::iter::from_fn(move || loop {
        let line = lines.next()?;
        let Some((key, version)) = line
            .strip_prefix("contract ")
            .and_then(|id| id.trim_end().rsplit_once('@'))
        else {
            continue;
        };
        let mut block = LockedContract {
            key,
            version,
            stability: "",
            fingerprints: None,
        };
        while let Some(fact) = lines.peek().and_then(|l| l.strip_prefix("  ")) {
            lines.next();
            let (word, value) = fact.trim_end().split_once(' ').unwrap_or((fact, ""));
            match word {
                "stability" => block.stability = value,
                "fingerprint" => block.fingerprints = parse_fingerprints(value).ok(),
                _ => {}
            }
        }
        return Some(block);
    })
}
