//! `#[doc_block(...)]`: the body is the item's doc comment.

use super::item::AnnotatedItem;
use crate::ctxt::Ctxt;
use crate::reader::{Reader, Spanned};
use proc_macro2::{Span, TokenStream};

pub struct DocBlockModel {
    pub id: Spanned<String>,
    /// The id as written, even when malformed (`None` when absent).
    pub written_id: Option<String>,
    pub title: String,
    pub summary: Option<String>,
    pub kind: String,
    pub visibility: String,
    pub route: Option<String>,
    pub tags: Vec<String>,
    pub body: String,
}

const ARGS: &[&str] = &[
    "id",
    "title",
    "summary",
    "kind",
    "visibility",
    "route",
    "tags",
    "body",
];

impl DocBlockModel {
    pub fn parse(cx: &Ctxt, args: TokenStream, item: &AnnotatedItem) -> DocBlockModel {
        let mut reader = Reader::parse(cx, "#[doc_block]", args, ARGS);
        let (written_id, id) = reader.key("id");
        let title = reader.text("title");
        if (id.is_none() || title.is_none()) && !cx.has_errors() {
            cx.error_spanned(
                item.ident.span(),
                "#[doc_block] needs `id = \"docs.some.id\"` and `title = \"...\"`",
            );
        }
        let body = reader
            .text("body")
            .map(|l| l.value())
            .or_else(|| item.doc.clone());
        if body.is_none() {
            cx.error_spanned(
                item.ident.span(),
                "a doc block's body is its doc comment: add one, or `body = \"...\"`",
            );
        }
        let model = DocBlockModel {
            id: id.unwrap_or_else(|| Spanned::new("invalid".to_owned(), Span::call_site())),
            written_id,
            title: title.map(|l| l.value()).unwrap_or_default(),
            summary: reader.text("summary").map(|l| l.value()),
            kind: reader
                .text("kind")
                .map_or_else(|| "reference".to_owned(), |l| l.value()),
            visibility: reader
                .text("visibility")
                .map_or_else(|| "public".to_owned(), |l| l.value()),
            route: reader.text("route").map(|l| l.value()),
            tags: reader.strings("tags").iter().map(|l| l.value()).collect(),
            body: body.unwrap_or_default(),
        };
        reader.finish();
        model
    }
}
