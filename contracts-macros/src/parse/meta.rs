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
    "sunset",
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
    /// A deprecated contract's sunset date, `YYYY-MM-DD`.
    pub sunset: Option<String>,
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
        let stability = reader.choice("stability");
        let sunset = reader.string("sunset").and_then(|lit| {
            let value = lit.value();
            if let Err(why) = check_date(&value) {
                cx.error_spanned(
                    lit.span(),
                    format!("invalid sunset `{value}`: {why}; write the date as YYYY-MM-DD, such as `2027-06-30`"),
                );
                return None;
            }
            // A sunset announces the removal of a deprecated contract; on any other stability
            // it would tell clients to leave a contract that is still promised to them. The
            // stability must be on the contract itself: a crate default can change under it.
            if !matches!(stability.as_ref().map(|s| s.value), Some(Stability::Deprecated)) {
                cx.error_spanned(
                    lit.span(),
                    format!("`sunset` is for deprecated contracts: add `stability = \"deprecated\"` to `{}`, or remove the sunset", key.value),
                );
                return None;
            }
            Some(value)
        });
        MetaModel {
            title: reader.text("title").map(|l| l.value()),
            goal: reader.text("goal").map(|l| l.value()),
            context: reader.text("context").map(|l| l.value()),
            domain: reader.text("domain").map(|l| l.value()),
            owners: (!owners.is_empty()).then(|| owners.iter().map(|l| l.value()).collect()),
            tags: reader.strings("tags").iter().map(|l| l.value()).collect(),
            stability: stability.map(|s| s.value),
            sunset,
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

/// Checks a calendar date written `YYYY-MM-DD`.
fn check_date(text: &str) -> Result<(), &'static str> {
    let parts: Vec<&str> = text.split('-').collect();
    let [year, month, day] = parts[..] else {
        return Err("not three numbers separated by `-`");
    };
    let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
    if !(digits(year, 4) && digits(month, 2) && digits(day, 2)) {
        return Err("not YYYY-MM-DD digits");
    }
    let (year, month, day): (u32, u32, u32) = (
        year.parse().map_err(|_| "bad year")?,
        month.parse().map_err(|_| "bad month")?,
        day.parse().map_err(|_| "bad day")?,
    );
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return Err("there is no such month"),
    };
    if day == 0 || day > days {
        return Err("there is no such day in that month");
    }
    Ok(())
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
