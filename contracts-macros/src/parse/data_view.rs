//! `#[data_view(...)]`.

use super::item::AnnotatedItem;
use super::meta::{MetaModel, ViewPolicyModel, META_ARGS};
use super::presentation::named_lists;
use crate::choices::ViewKind;
use crate::ctxt::Ctxt;
use crate::reader::Reader;
use crate::reference::Reference;
use proc_macro2::TokenStream;

pub struct DataViewModel {
    pub meta: MetaModel,
    pub entity: String,
    pub primary: Option<Reference>,
    pub item: Option<Reference>,
    pub refresh_events: Vec<Reference>,
    pub view: ViewModel,
    pub policy: ViewPolicyModel,
}

pub struct ViewModel {
    pub kind: ViewKind,
    pub fields: Vec<(String, String, String)>,
    pub primary_field: Option<String>,
    pub secondary_fields: Vec<String>,
    pub filters: Vec<(String, String, String, String)>,
}

impl DataViewModel {
    pub fn parse(cx: &Ctxt, args: TokenStream, item: &AnnotatedItem) -> DataViewModel {
        let known: Vec<&str> = META_ARGS
            .iter()
            .chain(&["entity", "source", "view", "policy"])
            .copied()
            .collect();
        let mut reader = Reader::parse(cx, "#[data_view]", args, &known);
        let meta = MetaModel::read(&mut reader, item, "data_view");
        let entity = reader.text("entity").map(|l| l.value());
        if entity.is_none() && !cx.has_errors() {
            cx.error_spanned(
                item.ident.span(),
                "#[data_view] needs `entity = \"...\"`, the entity it shows",
            );
        }
        let (primary, item_ref, refresh_events) = match reader.list("source") {
            Some((items, span)) => {
                let mut source = Reader::new(
                    cx,
                    "source(...)",
                    items,
                    &["primary", "item", "refresh_events"],
                );
                let primary = source.reference("primary");
                if primary.is_none() && !cx.has_errors() {
                    cx.error_spanned(span, "the source needs `primary = \"query.key@version\"`");
                }
                let found = (
                    primary,
                    source.reference("item"),
                    source.references("refresh_events"),
                );
                source.finish();
                found
            }
            None => {
                cx.error_spanned(
                    item.ident.span(),
                    "#[data_view] needs `source(primary = \"query.key@version\")`",
                );
                (None, None, Vec::new())
            }
        };
        let view = match reader.list("view") {
            Some((items, span)) => read_view(cx, items, span),
            None => {
                cx.error_spanned(
                    item.ident.span(),
                    "#[data_view] needs `view(kind = \"list\", fields(...))`",
                );
                None
            }
        };
        let policy = ViewPolicyModel::read(cx, &mut reader, "data_view");
        reader.finish();
        DataViewModel {
            meta,
            entity: entity.unwrap_or_default(),
            primary,
            item: item_ref,
            refresh_events,
            view: view.unwrap_or(ViewModel {
                kind: ViewKind::List,
                fields: Vec::new(),
                primary_field: None,
                secondary_fields: Vec::new(),
                filters: Vec::new(),
            }),
            policy,
        }
    }
}

fn read_view(
    cx: &Ctxt,
    items: Vec<crate::args::Item>,
    span: proc_macro2::Span,
) -> Option<ViewModel> {
    let mut view = Reader::new(
        cx,
        "view(...)",
        items,
        &[
            "kind",
            "fields",
            "primary_field",
            "secondary_fields",
            "filters",
        ],
    );
    let kind = view.choice::<ViewKind>("kind");
    let fields = view
        .list("fields")
        .map(|(items, _)| {
            named_lists(
                cx,
                items,
                "field",
                "each view field is `field(key = \"...\", label = \"...\", data_path = \"...\")`",
            )
            .into_iter()
            .filter_map(|(items, span)| {
                let mut f = Reader::new(cx, "field(...)", items, &["key", "label", "data_path"]);
                let found = (f.text("key"), f.text("label"), f.text("data_path"));
                f.finish();
                match found {
                    (Some(k), Some(l), Some(d)) => Some((k.value(), l.value(), d.value())),
                    _ => {
                        cx.error_spanned(span, "a view field needs `key`, `label` and `data_path`");
                        None
                    }
                }
            })
            .collect()
        })
        .unwrap_or_default();
    let filters = view
        .list("filters")
        .map(|(items, _)| {
            named_lists(
                cx,
                items,
                "filter",
                "each view filter is `filter(key = \"...\", label = \"...\", field = \"...\", type = \"...\")`",
            )
            .into_iter()
            .filter_map(|(items, span)| {
                let mut f = Reader::new(cx, "filter(...)", items, &["key", "label", "field", "type"]);
                let found = (f.text("key"), f.text("label"), f.text("field"), f.text("type"));
                f.finish();
                match found {
                    (Some(k), Some(l), Some(fi), Some(t)) => Some((k.value(), l.value(), fi.value(), t.value())),
                    _ => {
                        cx.error_spanned(span, "a view filter needs `key`, `label`, `field` and `type`");
                        None
                    }
                }
            })
            .collect()
        })
        .unwrap_or_default();
    let model = ViewModel {
        kind: kind.as_ref().map_or(ViewKind::List, |k| k.value),
        fields,
        primary_field: view.text("primary_field").map(|l| l.value()),
        secondary_fields: view
            .strings("secondary_fields")
            .iter()
            .map(|l| l.value())
            .collect(),
        filters,
    };
    view.finish();
    if kind.is_none() && !cx.has_errors() {
        cx.error_spanned(
            span,
            "the view needs `kind = \"list\" | \"detail\" | \"table\" | \"grid\"`",
        );
    }
    Some(model)
}
