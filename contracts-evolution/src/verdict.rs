//! The verdict of a registry against its lock: every change, classified, and whether the
//! version that carries it allows it.
//!
//! 1. A locked `key@version` is frozen: any change to its surface is an error whose fix is a
//!    new version, except the lifecycle changes allowed in place (deprecating, raising the
//!    stability).
//! 2. A new version of a locked key is compared with the highest locked earlier version: a
//!    breaking change needs a major bump (a minor one for `0.x`), any other change a minor bump
//!    (a patch one for `0.x`). A new version of an `idea`, `in_creation` or `experimental`
//!    contract may break without the bump: the change is reported as a warning.
//! 3. A locked contract that is no longer declared is an error, unless the lock marks it
//!    deprecated (or experimental: a warning).

use crate::compare::{self, Change};
use crate::lock::{version_cmp, Entry, Lock, Origin};
use crate::rules::{self, Bump, Level, Rule};
use contracts_core::syntax::Version;
use contracts_core::Stability;
use std::cmp::Ordering;

/// Every classified change between a lock and the current surface.
#[derive(Clone, Debug, Default)]
pub struct Report {
    /// The findings, errors first, then by contract.
    pub findings: Vec<Finding>,
}

/// One classified change, with the level the verdict gives it and the full message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    /// The rule that classifies the change.
    pub rule: &'static Rule,
    /// The level after the verdict: an allowed breaking change is not an error.
    pub level: Level,
    /// The contract (`key@version`) the change is in.
    pub contract: String,
    /// What changed and how to fix it.
    pub message: String,
    /// Where the contract is declared (or, when removed, locked).
    pub origin: Origin,
}

impl Report {
    /// The findings at `level`.
    pub fn at(&self, level: Level) -> impl Iterator<Item = &Finding> {
        self.findings.iter().filter(move |f| f.level == level)
    }

    /// Whether a change breaks clients without the version bump that announces it.
    pub fn is_breaking(&self) -> bool {
        self.at(Level::Error).next().is_some()
    }

    /// `2 errors, 1 warning, 3 notes`.
    pub fn summary(&self) -> String {
        let count = |level, one: &str, many: &str| {
            let n = self.at(level).count();
            format!("{n} {}", if n == 1 { one } else { many })
        };
        format!(
            "{}, {}, {}",
            count(Level::Error, "error", "errors"),
            count(Level::Warning, "warning", "warnings"),
            count(Level::Info, "note", "notes")
        )
    }
}

/// Classifies every difference between `locked` (the surface as released) and `current`.
///
/// ```
/// use contracts_evolution::{verdict, Lock};
///
/// let locked = Lock::of(&contracts_control_plane::CONTROL_PLANE);
/// let mut entries = locked.entries().to_vec();
/// let start = entries.iter_mut().find(|e| e.key == "controlPlane.execution.start").unwrap();
/// start.messages[0].fields.retain(|f| f.path != ["planId"]);
/// let report = verdict::compare(&locked, &Lock::from_entries(entries));
/// assert!(report.is_breaking());
/// assert_eq!(
///     report.findings[0].message,
///     "field `planId` of `controlPlane.execution.start@1.0.0` input was removed; \
///      bump to 2.0.0, or restore the field"
/// );
/// ```
pub fn compare(locked: &Lock, current: &Lock) -> Report {
    let mut findings = Vec::new();
    for new in current.entries() {
        let taken = |version: &str| {
            locked.get(&new.key, version).is_some() || current.get(&new.key, version).is_some()
        };
        if let Some(old) = locked.get(&new.key, &new.version) {
            for change in compare::changes(old, new) {
                findings.push(frozen(new, change, &taken));
            }
            continue;
        }
        let base = locked
            .versions(&new.key)
            .filter(|e| version_cmp(&e.version, &new.version) == Ordering::Less)
            .last();
        let Some(base) = base else {
            findings.push(finding(
                &rules::CONTRACT_ADDED,
                Level::Info,
                new,
                format!("`{}` is not locked yet; run `contracts lock`", new.id()),
            ));
            continue;
        };
        findings.push(finding(
            &rules::CONTRACT_ADDED,
            Level::Info,
            new,
            format!(
                "`{}` is a new version of `{}`, not locked yet; run `contracts lock`",
                new.id(),
                base.id()
            ),
        ));
        let bumped = bump_between(&base.version, &new.version);
        for change in compare::changes(base, new) {
            findings.push(successor(base, new, bumped, change, &taken));
        }
    }
    for old in locked.entries() {
        if current.get(&old.key, &old.version).is_some() {
            continue;
        }
        let (rule, level, text) = if old.stability == Stability::Deprecated {
            let rule = &rules::CONTRACT_REMOVED_AFTER_DEPRECATION;
            (rule, rule.level, "was removed after its deprecation")
        } else if is_unstable(old.stability) {
            (
                &rules::CONTRACT_REMOVED,
                Level::Warning,
                "was removed; allowed because it is experimental",
            )
        } else {
            (
                &rules::CONTRACT_REMOVED,
                Level::Error,
                "was removed without being deprecated first",
            )
        };
        let message = if level == Level::Error {
            format!("`{}` {text}; {}", old.id(), rule.fix)
        } else {
            format!("`{}` {text}", old.id())
        };
        findings.push(finding(rule, level, old, message));
    }
    findings.sort_by_key(|f| f.level);
    Report { findings }
}

fn finding(rule: &'static Rule, level: Level, entry: &Entry, message: String) -> Finding {
    Finding {
        rule,
        level,
        contract: entry.id(),
        message,
        origin: entry.origin.clone(),
    }
}

/// A change under a locked version: an error, unless allowed in place.
fn frozen(entry: &Entry, change: Change, taken: &dyn Fn(&str) -> bool) -> Finding {
    let rule = change.rule;
    if rule.bump == Bump::None {
        return finding(rule, rule.level, entry, change.message);
    }
    let next = free_version(&entry.version, rule.bump, taken);
    let message = format!("{}; bump to {next}, or {}", change.message, rule.fix);
    finding(rule, Level::Error, entry, message)
}

/// A change from the highest locked earlier version `base` to the new version `new`.
fn successor(
    base: &Entry,
    new: &Entry,
    bumped: Bump,
    change: Change,
    taken: &dyn Fn(&str) -> bool,
) -> Finding {
    let rule = change.rule;
    let level = rule.level.max(Level::Warning);
    if bumped >= rule.bump {
        let level = if rule.level == Level::Error {
            Level::Info
        } else {
            rule.level
        };
        return finding(rule, level, new, change.message);
    }
    let next = free_version(&base.version, rule.bump, taken);
    if is_unstable(base.stability) {
        let message = format!(
            "{} since {}; allowed because `{}` is {} (a stable contract would need {next})",
            change.message, base.version, base.key, base.stability
        );
        return finding(rule, level, new, message);
    }
    let message = format!(
        "{} since {}; bump to {next}, or {}",
        change.message, base.version, rule.fix
    );
    finding(rule, Level::Error, new, message)
}

/// May change freely between versions (rule 4), with a warning.
fn is_unstable(stability: Stability) -> bool {
    matches!(
        stability,
        Stability::Idea | Stability::InCreation | Stability::Experimental
    )
}

/// The size of the bump from `from` to `to` (`to` is later), `0.x` counting a minor bump as
/// major and a patch bump as minor.
pub fn bump_between(from: &str, to: &str) -> Bump {
    let (Ok(a), Ok(b)) = (Version::parse(from), Version::parse(to)) else {
        return Bump::None;
    };
    let parts = |v: &Version<'_>| {
        if v.major() == 0 {
            (v.minor(), v.patch())
        } else {
            (v.major() + 1_000_000, v.minor())
        }
    };
    let (a, b) = (parts(&a), parts(&b));
    if b.0 > a.0 {
        Bump::Major
    } else if b.1 > a.1 {
        Bump::Minor
    } else {
        Bump::None
    }
}

/// The smallest version after `from` with a bump of `bump` that no contract of the key uses.
///
/// ```
/// use contracts_evolution::rules::Bump;
/// use contracts_evolution::verdict::next_version;
///
/// assert_eq!(next_version("1.4.2", Bump::Major), "2.0.0");
/// assert_eq!(next_version("1.4.2", Bump::Minor), "1.5.0");
/// assert_eq!(next_version("0.3.1", Bump::Major), "0.4.0");
/// assert_eq!(next_version("0.3.1", Bump::Minor), "0.3.2");
/// ```
pub fn next_version(from: &str, bump: Bump) -> String {
    let Ok(v) = Version::parse(from) else {
        return format!("a version after {from}");
    };
    let (major, minor, patch) = (v.major(), v.minor(), v.patch());
    match (bump, major) {
        (Bump::Major, 0) => format!("0.{}.0", minor + 1),
        (Bump::Major, _) => format!("{}.0.0", major + 1),
        (Bump::Minor, 0) => format!("0.{minor}.{}", patch + 1),
        (Bump::Minor, _) => format!("{major}.{}.0", minor + 1),
        (Bump::None, _) => from.to_owned(),
    }
}

fn free_version(from: &str, bump: Bump, taken: &dyn Fn(&str) -> bool) -> String {
    let mut next = next_version(from, bump);
    for _ in 0..1000 {
        if !taken(&next) {
            break;
        }
        next = next_version(&next, bump);
    }
    next
}
