//! Small builders of inline content and text shared by the sections.

use super::model::{Block, Inline, MetaItem, Text};
use contracts_core::Contract;
use std::borrow::Cow;
use std::collections::HashSet;

/// The kind of a contract as a page's `Type` line shows it, after ContractSpec's
/// `specType (kind)`: `operation (command)`, `capability (integration)`, `data view`, ...
pub fn type_label(contract: &Contract) -> String {
    match contract {
        Contract::Operation(op) => format!("operation ({})", op.kind.as_str()),
        Contract::Capability(c) => format!("capability ({})", c.kind.as_str()),
        Contract::Event(_) => "event".into(),
        Contract::Presentation(_) => "presentation".into(),
        Contract::DataView(_) => "data view".into(),
        Contract::Form(_) => "form".into(),
        Contract::Policy(_) => "policy".into(),
        Contract::Feature(_) => "feature".into(),
        Contract::Consumer(_) => "consumer".into(),
    }
}

/// Tags without repeats (a contract's own tag may repeat one of its domain's base tags).
pub(crate) fn unique_tags(tags: &'static [&'static str]) -> Vec<&'static str> {
    let mut seen = HashSet::new();
    tags.iter().copied().filter(|t| seen.insert(*t)).collect()
}

pub(crate) fn markdown(text: impl Into<Text>, demote: u8) -> Block {
    Block::Markdown {
        text: text.into(),
        demote,
    }
}

pub(crate) fn meta_text(label: &'static str, text: &'static str) -> MetaItem {
    MetaItem {
        label,
        value: vec![Inline::Text(text.into())],
    }
}

pub(crate) fn labelled(label: &'static str, mut value: Vec<Inline>) -> Vec<Inline> {
    let mut item = vec![Inline::Strong(label.into()), Inline::Text(": ".into())];
    item.append(&mut value);
    item
}

pub(crate) fn code_list(values: &[&'static str], empty: &'static str) -> Vec<Inline> {
    if values.is_empty() {
        return if empty.is_empty() {
            vec![]
        } else {
            vec![Inline::Text(empty.into())]
        };
    }
    let mut out = Vec::new();
    for (i, v) in values.iter().enumerate() {
        if i > 0 {
            out.push(Inline::Text(", ".into()));
        }
        out.push(Inline::Code((*v).into()));
    }
    out
}

pub(crate) fn yes_no(value: bool) -> &'static str {
    if value {
        "yes"
    } else {
        "no"
    }
}

pub(crate) fn non_empty(text: &'static str) -> Option<Text> {
    let trimmed = text.trim();
    (!trimmed.is_empty()).then_some(Cow::Borrowed(trimmed))
}

pub(crate) fn first_line(text: &str) -> &str {
    text.lines().next().unwrap_or("")
}

/// An anchor-safe slug: lower-case ASCII letters, digits and `-`.
pub(crate) fn slug(text: &str) -> String {
    let mut out = String::new();
    let mut dash = false;
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            out.push(c.to_ascii_lowercase());
        } else {
            dash = true;
        }
    }
    if out.is_empty() {
        out.push('x');
    }
    out
}

/// Column titles of a table.
pub(crate) fn headers<const N: usize>(titles: [&'static str; N]) -> Vec<Text> {
    titles.into_iter().map(Text::Borrowed).collect()
}
