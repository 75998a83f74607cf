//! Metadata shared by every contract: identity, ownership and documentation.

use crate::Version;
use serde::ser::SerializeStruct;
use serde::{Serialize, Serializer};

/// Identity, ownership and documentation of a contract, as ContractSpec's `OwnerShipMeta`.
///
/// The macros fill it from the attribute, the item's doc comment (the description) and the
/// `defaults(...)` of the crate's [`registry!`](crate::registry!) (domain, owners, base tags,
/// stability).
#[derive(Debug)]
pub struct Meta {
    /// The contract's key: dot-separated segments such as `controlPlane.execution.start`.
    pub key: &'static str,
    /// The contract's semantic version.
    pub version: Version,
    /// A short human title.
    pub title: Option<&'static str>,
    /// What the contract is; defaults to the item's doc comment.
    pub description: &'static str,
    /// Why the contract exists (operations and presentations).
    pub goal: Option<&'static str>,
    /// Where and by whom the contract is used (operations and presentations).
    pub context: Option<&'static str>,
    /// The business domain.
    pub domain: Option<&'static str>,
    /// The owning teams.
    pub owners: &'static [&'static str],
    /// Tags: the domain's base tags followed by the contract's own.
    pub tags: &'static [&'static str],
    /// The lifecycle stage.
    pub stability: Stability,
    /// For a deprecated contract, the date (`YYYY-MM-DD`) after which it may be removed: its
    /// sunset, announced in every surface. The macros accept it only beside
    /// `stability = "deprecated"`.
    pub sunset: Option<&'static str>,
    /// Identifiers of the doc blocks that document this contract.
    pub doc_ids: &'static [&'static str],
    /// Where the contract is defined.
    pub source: Source,
}

impl Meta {
    /// `key@version`, the contract's identity, formatted.
    pub fn id(&self) -> String {
        format!("{}@{}", self.key, self.version)
    }

    /// Whether the contract carries `tag`.
    pub fn has_tag(&self, tag: &str) -> bool {
        self.tags.contains(&tag)
    }

    /// Whether `owner` is among the contract's owners.
    pub fn has_owner(&self, owner: &str) -> bool {
        self.owners.contains(&owner)
    }

    /// What every surface says of a deprecated contract (`None` for any other stability): that
    /// it is kept for existing callers and, with a sunset, until when.
    ///
    /// ```
    /// use contracts_core::{command, registry, Model};
    ///
    /// /// Starts a job (the old way).
    /// #[command(key = "jobs.job.start", version = "1.0.0", output = Started,
    ///     policy(auth = "user"), stability = "deprecated", sunset = "2027-06-30")]
    /// #[derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema, Model)]
    /// pub struct Start { pub name: String }
    ///
    /// #[derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema, Model)]
    /// pub struct Started { pub id: String }
    ///
    /// registry! { pub static JOBS; defaults(owners = ["team.jobs"], stability = "beta");
    ///     contracts(Start); }
    ///
    /// # fn main() {
    /// let start = JOBS.latest("jobs.job.start").unwrap();
    /// assert_eq!(start.meta().sunset, Some("2027-06-30"));
    /// assert_eq!(
    ///     start.meta().deprecation().unwrap(),
    ///     "Kept for existing callers; do not build on it. Sunset: 2027-06-30, after which it may be removed."
    /// );
    /// # }
    /// ```
    pub fn deprecation(&self) -> Option<String> {
        if self.stability != Stability::Deprecated {
            return None;
        }
        let mut text = String::from("Kept for existing callers; do not build on it.");
        if let Some(sunset) = self.sunset {
            text.push_str(&format!(
                " Sunset: {sunset}, after which it may be removed."
            ));
        }
        Some(text)
    }
}

/// The lifecycle stage of a contract.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Stability {
    /// Proposed, not yet built.
    Idea,
    /// Being built.
    InCreation,
    /// Usable, may change without notice.
    Experimental,
    /// Feature-complete, may still change.
    Beta,
    /// Changes only with a new major version.
    Stable,
    /// Kept for existing callers; do not build on it.
    Deprecated,
}

impl Stability {
    /// Every stability, in lifecycle order.
    pub const ALL: [Stability; 6] = [
        Stability::Idea,
        Stability::InCreation,
        Stability::Experimental,
        Stability::Beta,
        Stability::Stable,
        Stability::Deprecated,
    ];

    /// The name used in attributes and on the wire.
    pub const fn as_str(&self) -> &'static str {
        match self {
            Stability::Idea => "idea",
            Stability::InCreation => "in_creation",
            Stability::Experimental => "experimental",
            Stability::Beta => "beta",
            Stability::Stable => "stable",
            Stability::Deprecated => "deprecated",
        }
    }

    /// Parses the name used in attributes.
    pub fn parse(name: &str) -> Option<Stability> {
        Stability::ALL.into_iter().find(|s| s.as_str() == name)
    }
}

impl core::fmt::Display for Stability {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Where a contract is defined, for docs ("File" and "Source Definition").
#[derive(Debug)]
pub struct Source {
    /// The module path of the declaration (`module_path!()`), starting with the crate name.
    pub module: &'static str,
    /// The file, relative to the declaring crate's root (`src/commands/start.rs`).
    pub file: &'static str,
    /// The 1-based line of the annotated item (including its doc comment and attributes).
    pub line: u32,
    /// The annotated item's source text, as written.
    pub text: &'static str,
}

impl Source {
    /// The name of the declaring crate: the first segment of [`Source::module`].
    pub fn crate_name(&self) -> &'static str {
        self.module.split("::").next().unwrap_or(self.module)
    }
}

impl Serialize for Source {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("Source", 4)?;
        s.serialize_field("module", self.module)?;
        s.serialize_field("file", self.file)?;
        s.serialize_field("line", &self.line)?;
        s.serialize_field("text", self.text)?;
        s.end()
    }
}

/// Serializes the meta fields flat, in ContractSpec's order and names.
pub(crate) fn serialize_meta_fields<S: SerializeStruct>(
    s: &mut S,
    meta: &Meta,
    kind: &'static str,
) -> Result<(), S::Error> {
    s.serialize_field("key", meta.key)?;
    s.serialize_field("version", meta.version.as_str())?;
    s.serialize_field("kind", kind)?;
    if let Some(title) = meta.title {
        s.serialize_field("title", title)?;
    }
    s.serialize_field("description", meta.description)?;
    if let Some(goal) = meta.goal {
        s.serialize_field("goal", goal)?;
    }
    if let Some(context) = meta.context {
        s.serialize_field("context", context)?;
    }
    if let Some(domain) = meta.domain {
        s.serialize_field("domain", domain)?;
    }
    s.serialize_field("owners", meta.owners)?;
    s.serialize_field("tags", meta.tags)?;
    s.serialize_field("stability", &meta.stability)?;
    if let Some(sunset) = meta.sunset {
        s.serialize_field("sunset", sunset)?;
    }
    if !meta.doc_ids.is_empty() {
        s.serialize_field("docId", meta.doc_ids)?;
    }
    s.serialize_field("definition", &meta.source)?;
    Ok(())
}
