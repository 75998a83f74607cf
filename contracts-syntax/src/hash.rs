//! Hashing of keys and `key@version` identities.
//!
//! The registry builds its lookup tables from these hashes at compile time, and a lookup hashes
//! the query the same way without allocating. The hash reads eight bytes at a time and mixes
//! with a folded 64x64→128-bit multiply, so that the low bits, which index the tables, depend
//! on every input byte; it is `const` so the same function serves both sides.

const SEED: u64 = 0x243f_6a88_85a3_08d3;
const MULTIPLIER: u64 = 0x9e37_79b9_7f4a_7c15;
const VERSION_SEED: u64 = 0x1319_8a2e_0370_7344;

#[inline(always)]
const fn fold_multiply(a: u64, b: u64) -> u64 {
    let product = (a as u128).wrapping_mul(b as u128);
    (product as u64) ^ ((product >> 64) as u64)
}

#[inline]
const fn hash_bytes(seed: u64, bytes: &[u8]) -> u64 {
    let mut hash = seed ^ (bytes.len() as u64).wrapping_mul(MULTIPLIER);
    let mut rest = bytes;
    while let Some((word, after)) = rest.split_first_chunk::<8>() {
        hash = fold_multiply(hash ^ u64::from_le_bytes(*word), MULTIPLIER);
        rest = after;
    }
    // The last 0 to 7 bytes, little-endian, in at most three reads (fewer steps for `const`
    // evaluation, which hashes every key of a registry, and no loop at run time).
    let mut tail = 0u64;
    let mut shift = 0;
    if let Some((four, after)) = rest.split_first_chunk::<4>() {
        tail = u32::from_le_bytes(*four) as u64;
        shift = 32;
        rest = after;
    }
    if let Some((two, after)) = rest.split_first_chunk::<2>() {
        tail |= (u16::from_le_bytes(*two) as u64) << shift;
        shift += 16;
        rest = after;
    }
    if let [last] = rest {
        tail |= (*last as u64) << shift;
    }
    fold_multiply(hash ^ tail, MULTIPLIER ^ SEED)
}

/// The hash of a key alone, used to find every version of a key.
#[inline]
pub const fn key_hash(key: &str) -> u64 {
    hash_bytes(SEED, key.as_bytes())
}

/// The hash of the identity `key@version`, used for exact lookups.
#[inline]
pub const fn key_version_hash(key: &str, version: &str) -> u64 {
    id_hash(key_hash(key), version)
}

/// [`key_version_hash`] from the key's hash.
#[inline]
const fn id_hash(key_hash: u64, version: &str) -> u64 {
    fold_multiply(
        key_hash ^ hash_bytes(VERSION_SEED, version.as_bytes()),
        MULTIPLIER,
    )
}

/// What lookups compare instead of a key's text: its [`key_hash`], and its first 32 bytes as two
/// big-endian numbers, zero-padded, which order like the text.
///
/// The macros compute the digest of every key they emit, so `const` evaluation (which pays for
/// every byte it reads, and far more for each hashed word) compares a few numbers instead of
/// hashing and comparing text. Two keys of the same length with equal digests are equal when
/// they are at most 32 bytes long; longer keys compare their remaining bytes too.
///
/// ```
/// use contracts_syntax::KeyDigest;
///
/// let start = KeyDigest::of("controlPlane.execution.start");
/// assert_eq!(start, KeyDigest::of("controlPlane.execution.start"));
/// assert!(KeyDigest::of("controlPlane.execution.reject").prefix < start.prefix);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct KeyDigest {
    /// The key's [`key_hash`].
    pub hash: u64,
    /// The key's first 32 bytes, big-endian, zero-padded.
    pub prefix: [u128; 2],
}

impl KeyDigest {
    /// The digest of `key`.
    pub const fn of(key: &str) -> KeyDigest {
        KeyDigest {
            hash: key_hash(key),
            prefix: key_prefix(key),
        }
    }

    /// The [`key_version_hash`] of this digest's key and `version`, without hashing the key
    /// again.
    pub const fn id_hash(&self, version: &str) -> u64 {
        id_hash(self.hash, version)
    }

    /// Whether the keys `a` and `b`, whose digests are `self` and `other`, are equal.
    #[inline]
    pub const fn same_key(&self, a: &str, other: &KeyDigest, b: &str) -> bool {
        self.hash == other.hash
            && self.prefix[0] == other.prefix[0]
            && self.prefix[1] == other.prefix[1]
            && a.len() == b.len()
            && (a.len() <= PREFIX_LEN || crate::str_eq(a, b))
    }
}

const PREFIX_LEN: usize = 32;

/// The first 32 bytes of `key` as two big-endian numbers, zero-padded: ordered like the text.
pub const fn key_prefix(key: &str) -> [u128; 2] {
    let bytes = key.as_bytes();
    let mut prefix = [0u128; 2];
    let mut i = 0;
    while i < PREFIX_LEN {
        prefix[i / 16] <<= 8;
        if i < bytes.len() {
            prefix[i / 16] |= bytes[i] as u128;
        }
        i += 1;
    }
    prefix
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The hash with its tail read a byte at a time: the reference for the tail's wider reads.
    fn bytewise(seed: u64, bytes: &[u8]) -> u64 {
        let mut hash = seed ^ (bytes.len() as u64).wrapping_mul(MULTIPLIER);
        let mut chunks = bytes.chunks_exact(8);
        for word in &mut chunks {
            hash = fold_multiply(
                hash ^ u64::from_le_bytes(word.try_into().unwrap()),
                MULTIPLIER,
            );
        }
        let tail = chunks
            .remainder()
            .iter()
            .rev()
            .fold(0u64, |tail, &b| (tail << 8) | b as u64);
        fold_multiply(hash ^ tail, MULTIPLIER ^ SEED)
    }

    #[test]
    fn reads_the_tail_as_little_endian_bytes() {
        let text = b"controlPlane.execution.evidence.export";
        for len in 0..=text.len() {
            assert_eq!(
                hash_bytes(SEED, &text[..len]),
                bytewise(SEED, &text[..len]),
                "{len}"
            );
        }
    }

    #[test]
    fn digests_compare_like_the_keys() {
        let long = "controlPlane.execution.evidence.export";
        let keys = [
            "a.b",
            "a.c",
            "a.bb",
            "",
            long,
            "controlPlane.execution.evidence.exporT",
        ];
        for a in keys {
            for b in keys {
                let (da, db) = (KeyDigest::of(a), KeyDigest::of(b));
                assert_eq!(da.same_key(a, &db, b), a == b, "{a} {b}");
                if a.len() <= PREFIX_LEN && b.len() <= PREFIX_LEN {
                    assert_eq!(da.prefix.cmp(&db.prefix), a.cmp(b), "{a} {b}");
                }
            }
        }
    }

    #[test]
    fn a_digest_gives_the_identity_hash() {
        let key = "controlPlane.execution.start";
        assert_eq!(
            KeyDigest::of(key).id_hash("1.2.0"),
            key_version_hash(key, "1.2.0")
        );
    }

    #[test]
    fn distinguishes_keys_versions_and_their_split() {
        assert_ne!(key_hash("a.b"), key_hash("a.c"));
        assert_ne!(
            key_version_hash("a.b", "1.0.0"),
            key_version_hash("a.b", "1.0.1")
        );
        assert_ne!(key_version_hash("a.b", "1.0.0"), key_hash("a.b"));
        assert_ne!(key_hash(""), key_hash("\0"));
        assert_ne!(key_hash("abcdefgh"), key_hash("abcdefgh\0"));
    }

    #[test]
    fn low_bits_spread_over_similar_keys() {
        // 4096 keys differing in one position must fill most of 4096 low-bit buckets.
        let mut seen = [false; 4096];
        let mut distinct = 0;
        let mut buffer = *b"bench.domain00.op0000";
        for i in 0..4096u32 {
            let digits = [(i / 1000) % 10, (i / 100) % 10, (i / 10) % 10, i % 10];
            for (j, d) in digits.iter().enumerate() {
                buffer[17 + j] = b'0' + *d as u8;
            }
            buffer[12] = b'0' + (i % 7) as u8;
            let key = core::str::from_utf8(&buffer).unwrap();
            let bucket = (key_hash(key) & 4095) as usize;
            if !seen[bucket] {
                seen[bucket] = true;
                distinct += 1;
            }
        }
        // A uniform hash fills about 63% (1 - 1/e) of the buckets.
        assert!(distinct > 2400, "only {distinct} of 4096 buckets used");
    }
}
