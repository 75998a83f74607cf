//! `#[form(...)]`, on the form's model struct.

use super::item::AnnotatedItem;
use super::meta::{MetaModel, ViewPolicyModel, META_ARGS};
use super::presentation::named_lists;
use crate::ctxt::Ctxt;
use crate::reader::{Reader, Spanned};
use crate::reference::Reference;
use proc_macro2::TokenStream;

pub struct FormModel {
    pub meta: MetaModel,
    pub fields: Vec<FormFieldModel>,
    pub actions: Vec<FormActionModel>,
    pub policy: ViewPolicyModel,
}

pub struct FormFieldModel {
    pub kind: String,
    pub name: Spanned<String>,
    pub label: Option<String>,
    pub placeholder: Option<String>,
}

pub struct FormActionModel {
    pub key: String,
    pub label: String,
    pub op: Reference,
}

impl FormModel {
    pub fn parse(cx: &Ctxt, args: TokenStream, item: &AnnotatedItem) -> FormModel {
        let known: Vec<&str> = META_ARGS
            .iter()
            .chain(&["fields", "actions", "policy"])
            .copied()
            .collect();
        let mut reader = Reader::parse(cx, "#[form]", args, &known);
        let meta = MetaModel::read(&mut reader, item, "form");
        let fields = reader
            .list("fields")
            .map(|(items, _)| {
                named_lists(
                    cx,
                    items,
                    "field",
                    "each form field is `field(kind = \"text\", name = \"modelField\", label = \"...\", placeholder = \"...\")`",
                )
                .into_iter()
                .filter_map(|(items, span)| {
                    let mut f = Reader::new(cx, "field(...)", items, &["kind", "name", "label", "placeholder"]);
                    let kind = f.text("kind");
                    let name = f.text("name");
                    let label = f.text("label").map(|l| l.value());
                    let placeholder = f.text("placeholder").map(|l| l.value());
                    f.finish();
                    match (kind, name) {
                        (Some(kind), Some(name)) => Some(FormFieldModel {
                            kind: kind.value(),
                            name: Spanned::new(name.value(), name.span()),
                            label,
                            placeholder,
                        }),
                        _ => {
                            cx.error_spanned(span, "a form field needs `kind` and `name`");
                            None
                        }
                    }
                })
                .collect()
            })
            .unwrap_or_default();
        let actions = reader
            .list("actions")
            .map(|(items, _)| {
                named_lists(
                    cx,
                    items,
                    "action",
                    "each form action is `action(key = \"...\", label = \"...\", op = \"operation.key@version\")`",
                )
                .into_iter()
                .filter_map(|(items, span)| {
                    let mut a = Reader::new(cx, "action(...)", items, &["key", "label", "op"]);
                    let found = (a.text("key"), a.text("label"), a.reference("op"));
                    a.finish();
                    match found {
                        (Some(key), Some(label), Some(op)) => Some(FormActionModel {
                            key: key.value(),
                            label: label.value(),
                            op,
                        }),
                        _ => {
                            cx.error_spanned(span, "a form action needs `key`, `label` and `op`");
                            None
                        }
                    }
                })
                .collect()
            })
            .unwrap_or_default();
        let policy = ViewPolicyModel::read(cx, &mut reader, "form");
        reader.finish();
        FormModel {
            meta,
            fields,
            actions,
            policy,
        }
    }
}
