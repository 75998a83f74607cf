//! `#[event(...)]`.

use super::example::EventExampleModel;
use super::item::AnnotatedItem;
use super::meta::{MetaModel, META_ARGS};
use crate::ctxt::Ctxt;
use crate::reader::{Reader, Spanned};
use crate::reference::Reference;
use proc_macro2::TokenStream;

pub struct EventModel {
    pub meta: MetaModel,
    pub capability: Option<Reference>,
    pub pii: Vec<Spanned<String>>,
    pub examples: Vec<EventExampleModel>,
}

impl EventModel {
    pub fn parse(cx: &Ctxt, args: TokenStream, item: &AnnotatedItem) -> EventModel {
        let known: Vec<&str> = META_ARGS
            .iter()
            .chain(&["capability", "pii", "examples"])
            .copied()
            .collect();
        let mut reader = Reader::parse(cx, "#[event]", args, &known);
        let model = EventModel {
            meta: MetaModel::read(&mut reader, item, "event"),
            capability: reader.reference("capability"),
            pii: reader
                .strings("pii")
                .iter()
                .map(|l| Spanned::new(l.value(), l.span()))
                .collect(),
            examples: super::example::read_event(cx, &mut reader),
        };
        reader.finish();
        model
    }
}
