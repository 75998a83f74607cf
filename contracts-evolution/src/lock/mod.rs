//! The lock: the wire surface of every contract of a crate, as released.
//!
//! A lock is a text file committed next to the crate's `Cargo.toml` (`contracts.lock`), written
//! by `contracts lock` and read by the check. It holds one block per contract `key@version`,
//! sorted by key then version, and one fact per line, so that a diff of the file reads as the
//! list of changes (an entry of `contracts-control-plane/contracts.lock`):
//!
//! ```text
//! contract controlPlane.execution.start@1.0.0
//!   kind command
//!   stability experimental
//!   auth admin
//!   idempotent false
//!   http POST /controlPlane/execution/start/v1.0.0
//!   mcp controlPlane_execution_start-v1_0_0
//!   graphql controlPlane_execution_start_v1_0_0
//!   capability control-plane.core@1.0.0
//!   input: object closed
//!   input.executionId: Id
//!   input.planId: Id
//!   input.mode?: String
//!   output: object closed
//!   output.runId: Id
//!   output.status: String
//!   output.startedAt: DateTime
//! ```
//!
//! Other facts: `emits key@version`, `error CODE STATUS`, `capability-kind`, `provides SURFACE
//! key@version`, `requires key@version [optional]`, and an event's `payload` lines.
//!
//! A message line is the field's JSON path (the role, then each JSON name; `?` marks an
//! optional field), `:`, and its type: a scalar's name (`String`, `u32`, `DateTime`), an opaque
//! value (`Map`, `JsonValue`), `object` (followed by `closed` when unknown fields are rejected),
//! `enum(...)` with its values, or `recursive Name` where a model contains itself; `[]` marks a
//! list. An `Option` field is optional on the request side and nullable on the response side:
//! the model records both as one bit.

pub(crate) mod capture;
mod text;

pub use text::ParseError;

use contracts_core::{Auth, ContractKind, Registry, Stability};
use contracts_export::naming::Role;
use std::cmp::Ordering;

/// Every contract of a crate, as locked: one [`Entry`] per `key@version`, sorted.
#[derive(Clone, Debug, Default)]
pub struct Lock {
    entries: Vec<Entry>,
}

impl Lock {
    /// The contracts declared by the crate of `registry` (not those of the registries it
    /// includes), as they are now.
    ///
    /// ```
    /// use contracts_evolution::Lock;
    ///
    /// let lock = Lock::of(&contracts_control_plane::CONTROL_PLANE);
    /// let start = lock.get("controlPlane.execution.start", "1.0.0").unwrap();
    /// assert!(lock.to_text().contains("  input.planId: Id\n"));
    /// assert_eq!(start.mcp_tool.as_deref(), Some("controlPlane_execution_start-v1_0_0"));
    /// ```
    pub fn of(registry: &Registry) -> Lock {
        Lock::from_entries(capture::entries(registry.set()))
    }

    /// The contracts declared by crate `crate_name` (as `registry.crates()` names it), one of
    /// the crates whose contracts `registry` holds; `None` if it holds none of that crate.
    ///
    /// ```
    /// use contracts_evolution::Lock;
    ///
    /// let domains = &contracts_control_plane::CONTROL_PLANE;
    /// let lock = Lock::of_crate(domains, "contracts_control_plane").unwrap();
    /// assert_eq!(lock.entries().len(), Lock::of(domains).entries().len());
    /// assert!(Lock::of_crate(domains, "contracts_harness").is_none());
    /// ```
    pub fn of_crate(registry: &Registry, crate_name: &str) -> Option<Lock> {
        capture::find_set(registry.set(), crate_name)
            .map(|set| Lock::from_entries(capture::entries(set)))
    }

    /// A lock of these entries, sorted by key then version precedence.
    pub fn from_entries(mut entries: Vec<Entry>) -> Lock {
        entries.sort_by(|a, b| {
            a.key
                .cmp(&b.key)
                .then_with(|| version_cmp(&a.version, &b.version))
        });
        Lock { entries }
    }

    /// Reads a lock file's text.
    pub fn parse(text: &str) -> Result<Lock, ParseError> {
        text::parse(text).map(Lock::from_entries)
    }

    /// The lock file's text.
    pub fn to_text(&self) -> String {
        text::write(&self.entries)
    }

    /// Every entry, sorted by key then version.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// The entry of `key@version`.
    pub fn get(&self, key: &str, version: &str) -> Option<&Entry> {
        self.entries
            .iter()
            .find(|e| e.key == key && e.version == version)
    }

    /// Every locked version of `key`, oldest first.
    pub fn versions<'a>(&'a self, key: &'a str) -> impl Iterator<Item = &'a Entry> + 'a {
        self.entries.iter().filter(move |e| e.key == key)
    }
}

/// Compares two semver texts by precedence; text that is not semver sorts by text.
pub(crate) fn version_cmp(a: &str, b: &str) -> Ordering {
    use contracts_core::syntax::Version;
    match (Version::parse(a), Version::parse(b)) {
        (Ok(a), Ok(b)) => a.precedence_cmp(&b).then_with(|| a.total_cmp(&b)),
        _ => a.cmp(b),
    }
}

/// The locked wire surface of one contract `key@version`.
#[derive(Clone, Debug)]
pub struct Entry {
    /// The key.
    pub key: String,
    /// The version, as written.
    pub version: String,
    /// The kind.
    pub kind: ContractKind,
    /// The lifecycle stage.
    pub stability: Stability,
    /// A capability's kind (`api`, `event`, ...).
    pub capability_kind: Option<String>,
    /// An operation's least authenticated caller.
    pub auth: Option<Auth>,
    /// Whether an operation is idempotent.
    pub idempotent: Option<bool>,
    /// An operation's REST method and path.
    pub http: Option<(String, String)>,
    /// An operation's MCP tool name.
    pub mcp_tool: Option<String>,
    /// An operation's GraphQL field name.
    pub graphql_field: Option<String>,
    /// The capability (`key@version`) an operation, event or presentation belongs to.
    pub capability: Option<String>,
    /// The events (`key@version`) an operation emits, sorted.
    pub emits: Vec<String>,
    /// An operation's declared errors, `(code, HTTP status)`, sorted by code.
    pub errors: Vec<(String, u16)>,
    /// What a capability provides, `(surface, key@version)`, sorted.
    pub provides: Vec<(String, String)>,
    /// What a capability requires, `(key[@version], optional)`, sorted.
    pub requires: Vec<(String, bool)>,
    /// The messages: an operation's input and output, an event's payload.
    pub messages: Vec<Message>,
    /// The fingerprint of each part of the wire surface
    /// ([`contracts_core::checks::fingerprints`]), which the attribute macros compare at
    /// compile time; `None` in a lock written before fingerprints were recorded. Not compared
    /// here: the facts above are.
    pub fingerprints: Option<[u64; 8]>,
    /// Where the entry comes from, for reports. Not part of the surface.
    pub origin: Origin,
}

impl Entry {
    /// `key@version`.
    pub fn id(&self) -> String {
        format!("{}@{}", self.key, self.version)
    }

    /// The message playing `role`.
    pub fn message(&self, role: Role) -> Option<&Message> {
        self.messages.iter().find(|m| m.role == role)
    }
}

/// Where an entry was read from.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Origin {
    /// Nowhere known.
    #[default]
    Unknown,
    /// A declaration: its file relative to the declaring crate's root, and its 1-based line.
    Source {
        /// The file, relative to the crate root (`src/commands/execution_start.rs`).
        file: String,
        /// The line of the declaration.
        line: u32,
    },
    /// A lock file, at this 1-based line (the entry's `contract` line).
    Lock {
        /// The line of the entry.
        line: u32,
    },
}

/// A message's fields, the root first (the message itself, with an empty path).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Message {
    /// The part the message plays.
    pub role: Role,
    /// The message and every field reachable from it, depth first in declaration order.
    pub fields: Vec<Field>,
}

/// One field of a message, or the message itself (an empty path).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Field {
    /// The JSON names from the message down to the field.
    pub path: Vec<String>,
    /// The field may be absent (and, in a response, null).
    pub optional: bool,
    /// The field is a list of values of [`Field::ty`].
    pub list: bool,
    /// The type of the value, or of each element of a list.
    pub ty: Ty,
    /// An object that rejects unknown fields.
    pub closed: bool,
}

/// The type of a field's value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Ty {
    /// A scalar or opaque model, by name (`String`, `u32`, `DateTime`, `Map`, `JsonValue`).
    Named(String),
    /// A string restricted to these values.
    Enum(Vec<String>),
    /// An object; its fields follow as their own lines.
    Object,
    /// An object that contains itself, by model name; its fields are those of the enclosing
    /// model of that name.
    Recursive(String),
}

impl Ty {
    pub(crate) fn is_object(&self) -> bool {
        matches!(self, Ty::Object | Ty::Recursive(_))
    }
}

impl core::fmt::Display for Ty {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self {
            Ty::Named(name) => f.write_str(name),
            Ty::Enum(values) => {
                f.write_str("enum(")?;
                for (i, value) in values.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    f.write_str(&serde_json::Value::from(value.as_str()).to_string())?;
                }
                f.write_str(")")
            }
            Ty::Object => f.write_str("object"),
            Ty::Recursive(name) => write!(f, "recursive {name}"),
        }
    }
}
