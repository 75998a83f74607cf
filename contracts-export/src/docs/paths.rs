//! File names of generated pages, safe on every operating system.

use contracts_core::Contract;
use std::fmt::{self, Write};

/// The directory of contract pages, relative to the site root.
pub(crate) const CONTRACTS_DIR: &str = "contracts";

/// The directory of doc block pages, relative to the site root.
pub(crate) const DOCS_DIR: &str = "docs";

/// The directory of domain pages, relative to the site root.
const DOMAINS_DIR: &str = "domains";

/// The site path of the owners page.
pub(crate) const OWNERS: &str = "owners";

/// The site path of the stability page.
pub(crate) const STABILITY: &str = "stability";

/// The site path of the index.
pub(crate) const INDEX: &str = "index";

/// Appends the file name (without extension) of the page of `key@version` to `out`.
///
/// The name is derived from the key and version alone, so it never changes when other contracts
/// are added, and it is injective: lower-case ASCII letters, digits, `-` and `.` are kept, an
/// upper-case letter becomes `_` and the letter in lower case (so names differing only by case
/// stay distinct on case-insensitive file systems), any other byte becomes `~` and two hex
/// digits, and a first segment that Windows reserves (`con`, `nul`, `com1`, ...) gets a `~`.
///
/// `harness.run.start@1.0.0` stays as it is, `controlPlane.plan.verify@1.0.0+build.7` becomes
/// `control_plane.plan.verify@1.0.0~2bbuild.7` and `con.settings@1.0.0` becomes
/// `con~.settings@1.0.0`.
fn push_file_stem(out: &mut String, key: &str, version: &str) {
    push_encoded(out, key);
    out.push('@');
    push_encoded(out, version);
}

/// The site path (without extension) of a contract's page: `contracts/<key@version>`, as a file
/// name safe on every operating system. It depends on the key and version alone (adding
/// contracts never moves a page), and no two contracts share one, even on a case-insensitive
/// file system: an upper-case letter becomes `_` and the letter, a byte other than a lower-case
/// ASCII letter, a digit, `-` or `.` becomes `~` and two hex digits, and a first segment that
/// Windows reserves (`con`, `nul`, `com1`, ...) gets a `~`.
///
/// ```
/// use contracts_control_plane::CONTROL_PLANE;
/// use contracts_export::docs::contract_path;
///
/// let compile = CONTROL_PLANE.get("controlPlane.plan.compile", "1.0.0").unwrap();
/// assert_eq!(contract_path(&compile), "contracts/control_plane.plan.compile@1.0.0");
/// ```
pub fn contract_path(contract: &Contract) -> String {
    let (key, version) = (contract.key(), contract.version().as_str());
    let mut path = String::with_capacity(CONTRACTS_DIR.len() + key.len() + version.len() + 8);
    path.push_str(CONTRACTS_DIR);
    path.push('/');
    push_file_stem(&mut path, key, version);
    path
}

/// The site path (without extension) of a doc block's page: `docs/<stem>`.
pub fn doc_path(id: &str) -> String {
    path_in(DOCS_DIR, id)
}

/// The site path (without extension) of a domain's page: `domains/<name>`, encoded like a
/// contract's (see [`contract_path`]).
///
/// ```
/// assert_eq!(contracts_export::docs::domain_path("control-plane"), "domains/control-plane");
/// ```
pub fn domain_path(domain: &str) -> String {
    path_in(DOMAINS_DIR, domain)
}

/// `dir/<name, encoded>`.
fn path_in(dir: &str, name: &str) -> String {
    let mut path = String::with_capacity(dir.len() + name.len() + 4);
    path.push_str(dir);
    path.push('/');
    push_encoded(&mut path, name);
    path
}

/// `text` encoded as file names are (see [`contract_path`]): distinct texts stay distinct, and
/// the result is safe as a page anchor.
pub(crate) fn encoded(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 4);
    push_encoded(&mut out, text);
    out
}

const RESERVED: [&str; 22] = [
    "con", "prn", "aux", "nul", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8",
    "com9", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9",
];

/// Appends `text` to `out`, encoded as [`push_file_stem`] describes.
fn push_encoded(out: &mut String, text: &str) {
    let start = out.len();
    for byte in text.bytes() {
        match byte {
            b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' => out.push(byte as char),
            b'A'..=b'Z' => {
                out.push('_');
                out.push(byte.to_ascii_lowercase() as char);
            }
            _ => {
                let _ = write!(out, "~{byte:02x}");
            }
        }
    }
    if out[start..].starts_with('.') {
        out.replace_range(start..start + 1, "~2e");
    }
    let first = out[start..].split(['.', '@']).next().unwrap_or("");
    if RESERVED.contains(&first) {
        out.insert(start + first.len(), '~');
    }
}

/// The relative URL from the page at site path `from` to the site path `to` (both without
/// extension; `extension` is appended to `to`), with an optional fragment.
pub(crate) fn relative_url(
    from: &str,
    to: &str,
    extension: &str,
    fragment: Option<&str>,
) -> String {
    let mut url = String::new();
    let _ = write_relative_url(&mut url, from, to, extension, fragment);
    url
}

/// Writes [`relative_url`] to `out`.
pub(crate) fn write_relative_url(
    out: &mut impl Write,
    from: &str,
    to: &str,
    extension: &str,
    fragment: Option<&str>,
) -> fmt::Result {
    fn segments(dir: Option<&str>) -> impl Iterator<Item = &str> {
        dir.into_iter().flat_map(|dir| dir.split('/'))
    }
    let from_dir = from.rsplit_once('/').map(|(dir, _)| dir);
    let (to_dir, to_file) = match to.rsplit_once('/') {
        Some((dir, file)) => (Some(dir), file),
        None => (None, to),
    };
    // Most links stay within a directory: nothing to compare segment by segment.
    if from_dir != to_dir {
        let common = segments(from_dir)
            .zip(segments(to_dir))
            .take_while(|(a, b)| a == b)
            .count();
        for _ in segments(from_dir).skip(common) {
            out.write_str("../")?;
        }
        for dir in segments(to_dir).skip(common) {
            out.write_str(dir)?;
            out.write_char('/')?;
        }
    }
    out.write_str(to_file)?;
    out.write_str(extension)?;
    if let Some(fragment) = fragment {
        out.write_char('#')?;
        out.write_str(fragment)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file_stem(key: &str, version: &str) -> String {
        let mut stem = String::new();
        push_file_stem(&mut stem, key, version);
        stem
    }

    fn doc_stem(id: &str) -> String {
        let mut stem = String::new();
        push_encoded(&mut stem, id);
        stem
    }

    #[test]
    fn stems_are_injective_and_safe() {
        assert_eq!(
            file_stem("harness.run.start", "1.0.0"),
            "harness.run.start@1.0.0"
        );
        assert_eq!(
            file_stem("controlPlane.plan.verify", "1.0.0+build.7"),
            "control_plane.plan.verify@1.0.0~2bbuild.7"
        );
        assert_eq!(file_stem("con.settings", "1.0.0"), "con~.settings@1.0.0");
        assert_eq!(file_stem("a.b", "1.0.0"), "a.b@1.0.0");
        assert_ne!(file_stem("aB.c", "1.0.0"), file_stem("ab.c", "1.0.0"));
        assert_eq!(file_stem("aux", "1.0.0"), "aux~@1.0.0");
        assert_eq!(file_stem("auxiliary", "1.0.0"), "auxiliary@1.0.0");
        assert_eq!(doc_stem("docs.tech.x"), "docs.tech.x");
        assert_eq!(doc_stem("a/b c"), "a~2fb~20c");
        assert_eq!(doc_stem(".hidden"), "~2ehidden");
        for stem in [file_stem("Zz-9.q", "2.0.0-rc.1+x"), doc_stem("A:B*?")] {
            assert!(stem
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"-._~@".contains(&b)));
        }
    }

    #[test]
    fn relative_urls() {
        assert_eq!(
            relative_url("contracts/a", "contracts/b", ".md", None),
            "b.md"
        );
        assert_eq!(
            relative_url("contracts/a", "docs/b", ".html", None),
            "../docs/b.html"
        );
        assert_eq!(
            relative_url("index", "contracts/b", ".html", Some("x")),
            "contracts/b.html#x"
        );
        assert_eq!(
            relative_url("contracts/a", "index", ".html", None),
            "../index.html"
        );
    }
}
