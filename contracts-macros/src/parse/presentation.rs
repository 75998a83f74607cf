//! `#[presentation(...)]`.

use super::item::AnnotatedItem;
use super::meta::{MetaModel, ViewPolicyModel, META_ARGS};
use crate::args::{Item, Value};
use crate::choices::PresentationTarget;
use crate::ctxt::Ctxt;
use crate::reader::Reader;
use crate::reference::Reference;
use proc_macro2::TokenStream;

pub struct PresentationModel {
    pub meta: MetaModel,
    pub capability: Option<Reference>,
    pub source: PresentationSourceModel,
    pub targets: Vec<PresentationTarget>,
    pub policy: ViewPolicyModel,
}

pub enum PresentationSourceModel {
    Component { framework: String, key: String },
    Blocknotejs { doc_json: String },
}

impl PresentationModel {
    pub fn parse(cx: &Ctxt, args: TokenStream, item: &AnnotatedItem) -> PresentationModel {
        let known: Vec<&str> = META_ARGS
            .iter()
            .chain(&["capability", "source", "targets", "policy"])
            .copied()
            .collect();
        let mut reader = Reader::parse(cx, "#[presentation]", args, &known);
        let meta = MetaModel::read(&mut reader, item, "presentation");
        let capability = reader.reference("capability");
        let source = match reader.list("source") {
            Some((items, span)) => read_source(cx, items, span),
            None => {
                cx.error_spanned(
                    item.ident.span(),
                    "#[presentation] needs a source: add `source(component(framework = \"react\", key = \"...\"))`",
                );
                None
            }
        };
        let targets = reader
            .choices::<PresentationTarget>("targets")
            .into_iter()
            .map(|t| t.value)
            .collect();
        let policy = ViewPolicyModel::read(cx, &mut reader, "presentation");
        reader.finish();
        PresentationModel {
            meta,
            capability,
            source: source.unwrap_or(PresentationSourceModel::Component {
                framework: String::new(),
                key: String::new(),
            }),
            targets,
            policy,
        }
    }
}

fn read_source(
    cx: &Ctxt,
    items: Vec<Item>,
    span: proc_macro2::Span,
) -> Option<PresentationSourceModel> {
    let mut reader = Reader::new(cx, "source(...)", items, &["component", "blocknotejs"]);
    let component = reader.list("component");
    let blocknote = reader.list("blocknotejs");
    reader.finish();
    match (component, blocknote) {
        (Some((items, _)), None) => {
            let mut r = Reader::new(cx, "component(...)", items, &["framework", "key"]);
            let framework = r.text("framework");
            let key = r.text("key");
            r.finish();
            match (framework, key) {
                (Some(f), Some(k)) => Some(PresentationSourceModel::Component {
                    framework: f.value(),
                    key: k.value(),
                }),
                _ => {
                    cx.error_spanned(span, "a component source needs `framework = \"react\"` and `key = \"componentKey\"`");
                    None
                }
            }
        }
        (None, Some((items, span))) => {
            let mut r = Reader::new(cx, "blocknotejs(...)", items, &["doc_json"]);
            let doc = r.text("doc_json");
            r.finish();
            match doc {
                Some(doc) => Some(PresentationSourceModel::Blocknotejs {
                    doc_json: doc.value(),
                }),
                None => {
                    cx.error_spanned(span, "a blocknotejs source needs `doc_json = \"...\"`");
                    None
                }
            }
        }
        _ => {
            cx.error_spanned(
                span,
                "a presentation source is exactly one of `component(...)` or `blocknotejs(...)`",
            );
            None
        }
    }
}

/// Items of a nested list that must all be `name(...)`, returned with their inner items.
pub fn named_lists(
    cx: &Ctxt,
    items: Vec<Item>,
    name: &str,
    form: &str,
) -> Vec<(Vec<Item>, proc_macro2::Span)> {
    items
        .into_iter()
        .filter_map(|item| match item {
            Item::Arg(arg) if arg.name() == name => match arg.value {
                Value::List(items, span) => Some((items, span)),
                _ => {
                    cx.error_spanned(arg.name_span(), form);
                    None
                }
            },
            other => {
                cx.error_spanned(other.span(), form);
                None
            }
        })
        .collect()
}
