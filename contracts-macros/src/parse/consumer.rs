//! `#[consumer(...)]`.

use super::item::AnnotatedItem;
use super::meta::{MetaModel, META_ARGS};
use crate::ctxt::Ctxt;
use crate::reader::Reader;
use crate::reference::Reference;
use proc_macro2::TokenStream;

pub struct ConsumerModel {
    pub meta: MetaModel,
    pub capability: Option<Reference>,
    /// The consumed event's payload type; `None` after an error was reported.
    pub event: Option<syn::Type>,
}

impl ConsumerModel {
    pub fn parse(cx: &Ctxt, args: TokenStream, item: &AnnotatedItem) -> ConsumerModel {
        let known: Vec<&str> = META_ARGS
            .iter()
            .chain(&["capability", "event"])
            .copied()
            .collect();
        let mut reader = Reader::parse(cx, "#[consumer]", args, &known);
        let meta = MetaModel::read(&mut reader, item, "consumer");
        let capability = reader.reference("capability");
        let event = reader.ty("event");
        if event.is_none() && !cx.has_errors() {
            cx.error_spanned(
                item.ident.span(),
                "#[consumer] needs the event it consumes: add `event = MyEvent` (a type declared with #[event])",
            );
        }
        reader.finish();
        ConsumerModel {
            meta,
            capability,
            event,
        }
    }
}
