//! FNV-1a hashing of keys and `key@version` identities.
//!
//! The macros store these hashes in every descriptor and the registry builds its lookup tables
//! from them at compile time; a lookup hashes the query the same way without allocating.

const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const PRIME: u64 = 0x0000_0100_0000_01b3;

/// An incremental FNV-1a hasher, usable in `const` contexts.
#[derive(Clone, Copy, Debug)]
pub struct KeyHasher(u64);

impl KeyHasher {
    /// A hasher in its initial state.
    pub const fn new() -> Self {
        KeyHasher(OFFSET)
    }

    /// Feeds `bytes` into the hash.
    #[inline]
    pub const fn write(mut self, bytes: &[u8]) -> Self {
        let mut i = 0;
        while i < bytes.len() {
            self.0 ^= bytes[i] as u64;
            self.0 = self.0.wrapping_mul(PRIME);
            i += 1;
        }
        self
    }

    /// The hash of everything written so far.
    #[inline]
    pub const fn finish(self) -> u64 {
        self.0
    }
}

impl Default for KeyHasher {
    fn default() -> Self {
        Self::new()
    }
}

/// The hash of a key alone, used to find every version of a key.
#[inline]
pub const fn key_hash(key: &str) -> u64 {
    KeyHasher::new().write(key.as_bytes()).finish()
}

/// The hash of the identity `key@version`, used for exact lookups.
#[inline]
pub const fn key_version_hash(key: &str, version: &str) -> u64 {
    KeyHasher::new()
        .write(key.as_bytes())
        .write(b"@")
        .write(version.as_bytes())
        .finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identity_hash_is_the_hash_of_the_joined_text() {
        assert_eq!(
            key_version_hash("a.b", "1.0.0"),
            KeyHasher::new().write(b"a.b@1.0.0").finish()
        );
        assert_ne!(key_hash("a.b"), key_hash("a.c"));
    }
}
