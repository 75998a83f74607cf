//! The meta arguments every contract attribute accepts.

use super::item::AnnotatedItem;
use crate::choices::Stability;
use crate::ctxt::Ctxt;
use crate::reader::{Reader, Spanned};
use crate::reference::VersionModel;
use proc_macro2::Span;

/// Argument names of the meta block, accepted by every contract attribute.
pub const META_ARGS: &[&str] = &[
    "key",
    "version",
    "title",
    "description",
    "goal",
    "context",
    "domain",
    "owners",
    "tags",
    "stability",
    "doc_ids",
];

/// Identity, ownership and documentation of a contract.
pub struct MetaModel {
    pub key: Spanned<String>,
    pub version: Spanned<VersionModel>,
    pub title: Option<String>,
    pub description: String,
    pub goal: Option<String>,
    pub context: Option<String>,
    /// `None` inherits the crate default.
    pub domain: Option<String>,
    /// `None` inherits the crate default.
    pub owners: Option<Vec<String>>,
    /// Added after the crate's base tags.
    pub tags: Vec<String>,
    /// `None` inherits the crate default.
    pub stability: Option<Stability>,
    pub doc_ids: Vec<Spanned<String>>,
    /// The key as written, even when malformed (`None` when absent): a broken declaration
    /// keeps it so that references to it, and only those, stay quiet.
    pub written_key: Option<String>,
    /// Whether `version` is the version as written (not a placeholder).
    pub version_valid: bool,
}

const PLACEHOLDER_KEY: &str = "invalid";

impl MetaModel {
    /// Reads the meta arguments; missing or invalid key and version are reported and replaced by
    /// placeholders, so the expansion can still emit a skeleton.
    pub fn read(reader: &mut Reader<'_>, item: &AnnotatedItem, attr: &str) -> MetaModel {
        let cx = reader.cx();
        let (written_key, key) = reader.key("key");
        let key = key.unwrap_or_else(|| {
            if !cx.has_errors() {
                cx.error_spanned(
                    item.ident.span(),
                    format!("#[{attr}] needs a key: add `key = \"domain.name\"`"),
                );
            }
            Spanned::new(PLACEHOLDER_KEY.to_owned(), Span::call_site())
        });
        let version = reader.version("version");
        let version_valid = version.is_some();
        let version = version.unwrap_or_else(|| {
            if !cx.has_errors() {
                cx.error_spanned(
                    item.ident.span(),
                    format!("#[{attr}] needs a version: add `version = \"1.0.0\"`"),
                );
            }
            Spanned::new(VersionModel::placeholder(), Span::call_site())
        });
        let description = match reader.text("description") {
            Some(lit) => lit.value(),
            None => item.doc.clone().unwrap_or_else(|| {
                cx.error_spanned(
                    item.ident.span(),
                    format!(
                        "contract `{}` has no description: add a doc comment to `{}` or `description = \"...\"`",
                        key.value, item.ident
                    ),
                );
                String::new()
            }),
        };
        let owners = reader.strings("owners");
        MetaModel {
            title: reader.text("title").map(|l| l.value()),
            goal: reader.text("goal").map(|l| l.value()),
            context: reader.text("context").map(|l| l.value()),
            domain: reader.text("domain").map(|l| l.value()),
            owners: (!owners.is_empty()).then(|| owners.iter().map(|l| l.value()).collect()),
            tags: reader.strings("tags").iter().map(|l| l.value()).collect(),
            stability: reader.choice("stability").map(|s| s.value),
            doc_ids: reader
                .strings("doc_ids")
                .iter()
                .map(|l| Spanned::new(l.value(), l.span()))
                .collect(),
            key,
            version,
            description,
            written_key,
            version_valid,
        }
    }
}

/// Reads `flags = [...]` and `pii = [...]` of a presentation, data view or form `policy(...)`.
pub struct ViewPolicyModel {
    pub flags: Vec<String>,
    pub pii: Vec<Spanned<String>>,
}

impl ViewPolicyModel {
    pub fn read(cx: &Ctxt, reader: &mut Reader<'_>, attr: &str) -> ViewPolicyModel {
        match reader.list("policy") {
            None => ViewPolicyModel {
                flags: Vec::new(),
                pii: Vec::new(),
            },
            Some((items, _)) => {
                let mut policy = Reader::new(
                    cx,
                    format!("the policy(...) of #[{attr}]"),
                    items,
                    &["flags", "pii"],
                );
                let model = ViewPolicyModel {
                    flags: policy.strings("flags").iter().map(|l| l.value()).collect(),
                    pii: policy
                        .strings("pii")
                        .iter()
                        .map(|l| Spanned::new(l.value(), l.span()))
                        .collect(),
                };
                policy.finish();
                model
            }
        }
    }
}
