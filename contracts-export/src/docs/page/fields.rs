//! Field tables of message models: the root's fields, then each nested model once.

use super::builder::Sections;
use super::model::{Block, Inline, Table, Target};
use super::text::{code_list, headers, markdown, non_empty, slug};
use contracts_core::{FieldInfo, ModelInfo, ModelKind};
use std::collections::{BTreeSet, VecDeque};

impl Sections {
    /// A message model: its field table, then one table per nested model. Fields whose dotted
    /// path is in `pii` (or under one) are marked.
    pub(crate) fn push_model(
        &mut self,
        title: &'static str,
        root: &'static ModelInfo,
        page_description: &str,
        pii: &[&str],
    ) {
        let prefix = slug(title);
        let blocks = model_blocks(&prefix, root, page_description, pii);
        self.push(title, blocks);
    }
}

/// The identity of a model within one page: its name and the names and types of its fields.
pub(crate) fn model_signature(model: &ModelInfo) -> String {
    let mut signature = model.name.to_owned();
    match model.kind {
        ModelKind::Struct(fields) => {
            for f in fields {
                signature.push('|');
                signature.push_str(f.name);
                signature.push(':');
                signature.push_str(f.shape.target.name);
            }
        }
        ModelKind::Enum(values) => {
            for v in values {
                signature.push_str("|=");
                signature.push_str(v);
            }
        }
        ModelKind::Scalar | ModelKind::Opaque => {}
    }
    signature
}

pub(crate) fn has_table(model: &ModelInfo) -> bool {
    matches!(model.kind, ModelKind::Struct(_) | ModelKind::Enum(_))
}

/// Enum values listed in the type column of the fields that take them, up to this many.
const ENUM_VALUES_INLINE: usize = 8;

/// The blocks of a message model: the root's fields, then every nested struct or enum model
/// (breadth first, each once), each a subsection with an anchor that field types link to.
/// A field is marked `pii` when its dotted path from the root is in `pii` or under a path that
/// is.
pub(crate) fn model_blocks(
    prefix: &str,
    root: &'static ModelInfo,
    page_description: &str,
    pii: &[&str],
) -> Vec<Block> {
    let mut anchors: Vec<(String, String)> = Vec::new(); // signature -> anchor
    let mut order: Vec<&'static ModelInfo> = Vec::new();
    // The dotted paths by which each model of `order` is reached (the root by the empty one).
    let mut reached: Vec<Vec<String>> = Vec::new();
    let mut queue = VecDeque::from([(root, String::new())]);
    let mut seen = BTreeSet::new();
    while let Some((model, path)) = queue.pop_front() {
        let signature = model_signature(model);
        // A model reached again adds a path its own fields are marked by; its nested models
        // are expanded once (a recursive model would never end).
        if !seen.insert(signature.clone()) {
            if let Some(i) = anchors.iter().position(|(s, _)| *s == signature) {
                reached[i].push(path);
            }
            continue;
        }
        let base = format!("{prefix}-{}", slug(model.name));
        let mut anchor = base.clone();
        let mut n = 2;
        while anchors.iter().any(|(_, a)| *a == anchor) {
            anchor = format!("{base}-{n}");
            n += 1;
        }
        anchors.push((signature, anchor));
        order.push(model);
        for field in flattened_fields(model) {
            if has_table(field.shape.target) {
                queue.push_back((field.shape.target, join(&path, field.name)));
            }
        }
        reached.push(vec![path]);
    }
    let anchor_of = |model: &ModelInfo| {
        let signature = model_signature(model);
        anchors
            .iter()
            .find(|(s, _)| *s == signature)
            .map(|(_, a)| a.clone())
    };
    let is_pii = |paths: &[String], field: &str| {
        paths.iter().any(|path| {
            let full = join(path, field);
            pii.iter().any(|p| {
                full == *p
                    || full
                        .strip_prefix(p)
                        .is_some_and(|rest| rest.starts_with('.'))
            })
        })
    };
    let mut blocks = Vec::new();
    for (i, model) in order.iter().enumerate() {
        let mut content = Vec::new();
        if let Some(description) = model.description.and_then(non_empty) {
            // The message that carries the contract has the contract's doc comment: shown once.
            if i > 0 || description != page_description.trim() {
                content.push(markdown(description, 4));
            }
        }
        match model.kind {
            ModelKind::Struct(_) => {
                let rows: Vec<Vec<Vec<Inline>>> = flattened_fields(model)
                    .into_iter()
                    .map(|f| {
                        let mut name = vec![Inline::Code(f.name.into())];
                        if is_pii(&reached[i], f.name) {
                            name.push(Inline::Text(" ".into()));
                            name.push(Inline::Badge("pii".into()));
                        }
                        let required = if !f.is_optional() {
                            "yes"
                        } else if f.shape.optional {
                            "no"
                        } else {
                            "no (default)"
                        };
                        vec![
                            name,
                            type_cell(f, anchor_of(f.shape.target)),
                            vec![Inline::Text(required.into())],
                            match f.description {
                                Some(d) => vec![Inline::Markdown(d.into())],
                                None => vec![],
                            },
                        ]
                    })
                    .collect();
                if rows.is_empty() {
                    content.push(Block::Paragraph(vec![Inline::Text("No fields.".into())]));
                } else {
                    let mut table = Table {
                        headers: headers(["Field", "Type", "Required", "Description"]),
                        rows,
                    };
                    // A column of empty cells says nothing: dropped when no field has a doc comment.
                    if table.rows.iter().all(|row| row[3].is_empty()) {
                        table.headers.pop();
                        table.rows.iter_mut().for_each(|row| {
                            row.pop();
                        });
                    }
                    content.push(Block::Table(table));
                }
            }
            ModelKind::Enum(values) => {
                let mut line = vec![Inline::Text("One of: ".into())];
                line.extend(code_list(values, ""));
                content.push(Block::Paragraph(line));
            }
            ModelKind::Scalar | ModelKind::Opaque => {
                content.push(Block::Paragraph(vec![Inline::Text(
                    if matches!(model.kind, ModelKind::Opaque) {
                        "Any JSON value.".into()
                    } else {
                        "A single scalar value.".into()
                    },
                )]));
            }
        }
        let mut title = vec![Inline::Code(model.name.into())];
        if let ModelKind::Enum(_) = model.kind {
            title.push(Inline::Text(" (enum)".into()));
        }
        if i == 0 {
            blocks.push(Block::Paragraph(title));
            blocks.extend(content);
        } else {
            blocks.push(Block::Subsection {
                title,
                anchor: anchors[i].1.clone().into(),
                blocks: content,
            });
        }
    }
    blocks
}

/// The type column of a field: its model (linked to its table when it has one), `list of`
/// before it for lists, and an enum's values after it when there are few.
fn type_cell(field: &FieldInfo, anchor: Option<String>) -> Vec<Inline> {
    let target = field.shape.target;
    let mut cell = Vec::new();
    if field.shape.list {
        cell.push(Inline::Text("list of ".into()));
    }
    cell.push(match anchor.filter(|_| has_table(target)) {
        Some(anchor) => Inline::Link {
            text: target.name.into(),
            code: true,
            target: Target::Anchor(anchor.into()),
        },
        None => Inline::Code(target.name.into()),
    });
    if let ModelKind::Enum(values) = target.kind {
        if values.len() <= ENUM_VALUES_INLINE {
            cell.push(Inline::Text(": ".into()));
            cell.extend(code_list(values, ""));
        } else {
            cell.push(Inline::Text(
                format!(": one of {} values", values.len()).into(),
            ));
        }
    }
    cell
}

/// `path.field`, or `field` at the root.
fn join(path: &str, field: &str) -> String {
    if path.is_empty() {
        field.to_owned()
    } else {
        format!("{path}.{field}")
    }
}

/// The fields of a struct model as they appear on the wire: flattened struct fields are
/// replaced by the fields of their model.
pub(crate) fn flattened_fields(model: &'static ModelInfo) -> Vec<&'static FieldInfo> {
    fn collect(model: &'static ModelInfo, depth: usize, out: &mut Vec<&'static FieldInfo>) {
        for f in model.fields() {
            if f.flatten && matches!(f.shape.target.kind, ModelKind::Struct(_)) && depth < 32 {
                collect(f.shape.target, depth + 1, out);
            } else {
                out.push(f);
            }
        }
    }
    let mut out = Vec::new();
    collect(model, 0, &mut out);
    out
}
