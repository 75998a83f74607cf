//! Field tables of message models: the root's fields, then each nested model once.

use super::builder::Sections;
use super::model::{Block, Inline, Table, Target};
use super::text::{markdown, non_empty, slug, yes_no};
use contracts_core::{ModelInfo, ModelKind};
use std::collections::BTreeSet;

impl Sections {
    /// A message model: its field table, then one table per nested model.
    pub(crate) fn push_model(
        &mut self,
        title: &'static str,
        root: &'static ModelInfo,
        page_description: &str,
    ) {
        let prefix = slug(title);
        let blocks = model_blocks(&prefix, root, page_description);
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

/// The blocks of a message model: the root's fields, then every nested struct or enum model
/// (breadth first, each once), each a subsection with an anchor that field types link to.
pub(crate) fn model_blocks(
    prefix: &str,
    root: &'static ModelInfo,
    page_description: &str,
) -> Vec<Block> {
    let mut anchors: Vec<(String, String)> = Vec::new(); // signature -> anchor
    let mut order: Vec<&'static ModelInfo> = Vec::new();
    let mut queue = std::collections::VecDeque::from([root]);
    let mut seen = BTreeSet::new();
    while let Some(model) = queue.pop_front() {
        let signature = model_signature(model);
        if !seen.insert(signature.clone()) {
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
                queue.push_back(field.shape.target);
            }
        }
    }
    let anchor_of = |model: &ModelInfo| {
        let signature = model_signature(model);
        anchors
            .iter()
            .find(|(s, _)| *s == signature)
            .map(|(_, a)| a.clone())
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
                        let target = f.shape.target;
                        let ty = match anchor_of(target).filter(|_| has_table(target)) {
                            Some(anchor) => Inline::Link {
                                text: target.name.into(),
                                code: true,
                                target: Target::Anchor(anchor.into()),
                            },
                            None => Inline::Code(target.name.into()),
                        };
                        let required = if !f.is_optional() {
                            "yes"
                        } else if f.shape.optional {
                            "no"
                        } else {
                            "no (default)"
                        };
                        vec![
                            vec![Inline::Code(f.name.into())],
                            vec![ty],
                            vec![Inline::Text(required.into())],
                            vec![Inline::Text(yes_no(f.shape.list).into())],
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
                    content.push(Block::Table(Table {
                        headers: vec!["Field", "Type", "Required", "Array", "Description"],
                        rows,
                    }));
                }
            }
            ModelKind::Enum(values) => {
                let mut line = vec![Inline::Text("One of: ".into())];
                for (i, value) in values.iter().enumerate() {
                    if i > 0 {
                        line.push(Inline::Text(", ".into()));
                    }
                    line.push(Inline::Code((*value).into()));
                }
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
        let kind = match model.kind {
            ModelKind::Enum(_) => " (enum)",
            _ => "",
        };
        let mut title = vec![Inline::Code(model.name.into())];
        if !kind.is_empty() {
            title.push(Inline::Text(kind.into()));
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

/// The fields of a struct model as they appear on the wire: flattened struct fields are
/// replaced by the fields of their model.
pub(crate) fn flattened_fields(
    model: &'static ModelInfo,
) -> Vec<&'static contracts_core::FieldInfo> {
    pub(crate) fn collect(
        model: &'static ModelInfo,
        depth: usize,
        out: &mut Vec<&'static contracts_core::FieldInfo>,
    ) {
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
