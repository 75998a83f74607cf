//! The crate's `contracts.lock`, as the attribute macros compare it: for each locked contract,
//! the fingerprints of its wire surface. A locked version is frozen whatever its stability
//! (stability relaxes what a new version may change, not what an existing one may).
//!
//! The file is read once per compilation of a crate and kept for the other attributes of the
//! same crate (keyed by path and modification time, so an edited lock is read again). The
//! `registry!` of the crate includes the file with `include_bytes!`, which makes cargo rebuild
//! the crate, and so expand every attribute again, when the lock changes.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::SystemTime;

/// The lock's file name, beside the crate's `Cargo.toml`.
const FILE: &str = "contracts.lock";

type Frozen = HashMap<String, [u64; 8]>;

/// A lock read: its path, its modification time when read, and its frozen contracts.
type Read = (PathBuf, Option<SystemTime>, Arc<Frozen>);

static CACHE: Mutex<Vec<Read>> = Mutex::new(Vec::new());

/// The path of the crate's lock, when it exists.
pub fn path() -> Option<PathBuf> {
    let dir = std::env::var_os("CARGO_MANIFEST_DIR")?;
    let path = PathBuf::from(dir).join(FILE);
    path.is_file().then_some(path)
}

/// The fingerprints the lock records for `key@version`, if it records them.
pub fn frozen(key: &str, version: &str) -> Option<[u64; 8]> {
    let path = path()?;
    let modified = std::fs::metadata(&path).and_then(|m| m.modified()).ok();
    let frozen = {
        let mut cache = CACHE
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        match cache.iter().find(|(p, m, _)| *p == path && *m == modified) {
            Some((_, _, frozen)) => Arc::clone(frozen),
            None => {
                let frozen = Arc::new(read(&path));
                cache.retain(|(p, _, _)| *p != path);
                cache.push((path, modified, Arc::clone(&frozen)));
                frozen
            }
        }
    };
    frozen.get(&format!("{key}@{version}")).copied()
}

/// The frozen contracts of the lock at `path`; an unreadable file freezes nothing (the lock
/// test reports it).
fn read(path: &std::path::Path) -> Frozen {
    let Ok(text) = std::fs::read_to_string(path) else {
        return Frozen::new();
    };
    contracts_syntax::locked_contracts(&text)
        .filter_map(|c| Some((format!("{}@{}", c.key, c.version), c.fingerprints?)))
        .collect()
}
