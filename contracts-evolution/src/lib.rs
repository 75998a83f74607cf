//! Contract evolution: a breaking change without a version bump fails the build.
//!
//! A crate commits a [`Lock`] of its registry (`contracts.lock`, written by `contracts lock`):
//! the wire surface of every contract `key@version` as released. The check compares the
//! registry with the lock, classifies every change by a rule of the [catalogue](rules), and
//! fails when a change breaks clients without the version bump that announces it:
//!
//! ```text
//! field `planId` of `controlPlane.execution.start@1.0.0` input was removed; bump to 2.0.0, or restore the field
//! ```
//!
//! - [`lock`]: the lock file, read from a registry or a file.
//! - [`rules`]: the rule catalogue (id, category, level, bump, why, fix).
//! - [`compare`]: the changes between two surfaces of one key.
//! - [`verdict`]: the rules of the lock (frozen versions, bumps, removal, stability).
//! - [`report`]: text, Markdown and SARIF.
//! - [`assert_lock`]: the always-run test of a registry crate.
//!
//! ```
//! use contracts_evolution::{check, Lock};
//!
//! let lock = Lock::of(&contracts_control_plane::CONTROL_PLANE).to_text();
//! let report = check(&contracts_control_plane::CONTROL_PLANE, &lock).unwrap();
//! assert!(report.findings.is_empty());
//! ```
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod compare;
pub mod lock;
pub mod report;
pub mod rules;
pub mod verdict;

pub use lock::{Entry, Lock, ParseError};
pub use verdict::{Finding, Report};

use contracts_core::{Contract, Registry};
use contracts_export::docs::{Change, Changelog};
use rules::Level;

/// Compares `registry` (the contracts its crate declares) with the lock file text `lock`.
pub fn check(registry: &Registry, lock: &str) -> Result<Report, ParseError> {
    let locked = Lock::parse(lock)?;
    Ok(verdict::compare(&locked, &Lock::of(registry)))
}

/// The check a registry crate runs as a test: panics, listing every message, when a change
/// breaks the lock's rules, and when the lock does not record the registry as it is (then
/// naming the changes `contracts lock` would record).
///
/// ```
/// # // The crate's own test is `tests/contracts_lock.rs`:
/// contracts_evolution::assert_lock(
///     &contracts_control_plane::CONTROL_PLANE,
///     include_str!("../../contracts-control-plane/contracts.lock"),
/// );
/// ```
pub fn assert_lock(registry: &Registry, lock: &str) {
    let locked = match Lock::parse(lock) {
        Ok(locked) => locked,
        Err(e) => panic!("contracts.lock cannot be read: {e}"),
    };
    let current = Lock::of(registry);
    let report = verdict::compare(&locked, &current);
    let lines = |level: Level| {
        report
            .at(level)
            .map(|f| format!("  {}[{}]: {}", f.level, f.rule.id, f.message))
            .collect::<Vec<_>>()
    };
    let errors = lines(Level::Error);
    if !errors.is_empty() {
        panic!(
            "the contracts break contracts.lock ({}):\n{}",
            report.summary(),
            errors.join("\n")
        );
    }
    if locked.to_text() != current.to_text() {
        let mut changes = lines(Level::Warning);
        changes.extend(lines(Level::Info));
        panic!(
            "contracts.lock does not record the contracts as they are; run `contracts lock` to record:\n{}",
            changes.join("\n")
        );
    }
}

/// The always-run check of a registry crate, as a test: `lock_test!(path::TO::REGISTRY);` in a
/// file of the crate's `tests/` defines a test that calls [`assert_lock`] with the crate's
/// `contracts.lock` (next to its `Cargo.toml`, or at a path relative to it given second). The
/// lock is read with `include_str!`, so cargo rebuilds the test when the lock changes.
///
/// ```
/// // contracts-control-plane/tests/contracts_lock.rs holds
/// // `contracts_evolution::lock_test!(contracts_control_plane::CONTROL_PLANE);`
/// contracts_evolution::lock_test!(
///     contracts_control_plane::CONTROL_PLANE,
///     "../contracts-control-plane/contracts.lock"
/// );
/// ```
#[macro_export]
macro_rules! lock_test {
    ($registry:path) => {
        $crate::lock_test!($registry, "contracts.lock");
    };
    ($registry:path, $lock:literal) => {
        #[test]
        fn contracts_match_their_lock() {
            $crate::assert_lock(
                &$registry,
                include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/", $lock)),
            );
        }
    };
}

/// A docs [`Changelog`]: what changed between two versions of a key in the registry, by the
/// rules of the catalogue. Use it with `Pages::with_changelog` to fill the version history of
/// every key with several versions.
///
/// ```
/// use contracts_evolution::SurfaceChangelog;
/// use contracts_export::docs::Changelog;
///
/// let registry = &contracts_control_plane::CONTROL_PLANE;
/// let start = registry.get("controlPlane.execution.start", "1.0.0").unwrap();
/// assert!(SurfaceChangelog.changes(&start, &start).is_empty());
/// ```
#[derive(Clone, Copy, Debug, Default)]
pub struct SurfaceChangelog;

impl Changelog for SurfaceChangelog {
    fn changes(&self, older: &Contract, newer: &Contract) -> Vec<Change> {
        let (old, new) = (lock::capture::entry(*older), lock::capture::entry(*newer));
        compare::changes(&old, &new)
            .into_iter()
            .map(|change| Change {
                breaking: change.rule.level == Level::Error,
                summary: change.message.into(),
            })
            .collect()
    }
}
