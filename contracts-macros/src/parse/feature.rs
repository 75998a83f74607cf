//! `#[feature_module(...)]`.

use super::capability::{read_requirements, RequirementModel};
use super::item::AnnotatedItem;
use super::meta::{MetaModel, META_ARGS};
use crate::ctxt::Ctxt;
use crate::reader::{Reader, Spanned};
use crate::reference::Reference;
use proc_macro2::TokenStream;

pub struct FeatureModel {
    pub meta: MetaModel,
    pub operations: Vec<Reference>,
    pub events: Vec<Reference>,
    pub presentations: Vec<Reference>,
    pub provides: Vec<Reference>,
    pub requires: Vec<RequirementModel>,
    pub data_views: Vec<Reference>,
    pub forms: Vec<Reference>,
    pub policies: Vec<Reference>,
    pub docs: Vec<Spanned<String>>,
}

const ARGS: &[&str] = &[
    "operations",
    "events",
    "presentations",
    "provides",
    "requires",
    "data_views",
    "forms",
    "policies",
    "docs",
];

impl FeatureModel {
    pub fn parse(cx: &Ctxt, args: TokenStream, item: &AnnotatedItem) -> FeatureModel {
        let known: Vec<&str> = META_ARGS.iter().chain(ARGS).copied().collect();
        let mut reader = Reader::parse(cx, "#[feature_module]", args, &known);
        let model = FeatureModel {
            meta: MetaModel::read(&mut reader, item, "feature_module"),
            operations: reader.references("operations"),
            events: reader.references("events"),
            presentations: reader.references("presentations"),
            provides: reader.references("provides"),
            requires: reader
                .list("requires")
                .map(|(items, _)| read_requirements(cx, "requires(...)", items))
                .unwrap_or_default(),
            data_views: reader.references("data_views"),
            forms: reader.references("forms"),
            policies: reader.references("policies"),
            docs: reader
                .strings("docs")
                .iter()
                .map(|l| Spanned::new(l.value(), l.span()))
                .collect(),
        };
        reader.finish();
        model
    }
}
