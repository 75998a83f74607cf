//! `#[capability(...)]`.

use super::item::AnnotatedItem;
use super::meta::{MetaModel, META_ARGS};
use crate::args::{Item, Value};
use crate::choices::{CapabilityKind, Surface};
use crate::ctxt::Ctxt;
use crate::reader::{check_reference, Choice, Reader};
use crate::reference::Reference;
use proc_macro2::TokenStream;

pub struct CapabilityModel {
    pub meta: MetaModel,
    pub kind: CapabilityKind,
    pub provides: Vec<ProvidedModel>,
    pub requires: Vec<RequirementModel>,
    pub extends: Option<Reference>,
}

/// `operation("key@version", description = "...")`.
pub struct ProvidedModel {
    pub surface: Surface,
    pub target: Reference,
    pub description: Option<String>,
    /// Declared by a crate downstream; checked where a registry includes this crate.
    pub downstream: bool,
}

/// `capability("key@version", optional, kind = "data", reason = "...")`.
pub struct RequirementModel {
    pub capability: Reference,
    pub optional: bool,
    pub kind: Option<CapabilityKind>,
    pub reason: Option<String>,
}

impl CapabilityModel {
    pub fn parse(cx: &Ctxt, args: TokenStream, item: &AnnotatedItem) -> CapabilityModel {
        let known: Vec<&str> = META_ARGS
            .iter()
            .chain(&["kind", "provides", "requires", "extends"])
            .copied()
            .collect();
        let mut reader = Reader::parse(cx, "#[capability]", args, &known);
        let meta = MetaModel::read(&mut reader, item, "capability");
        let kind = reader.choice::<CapabilityKind>("kind");
        if kind.is_none() && !cx.has_errors() {
            cx.error_spanned(
                item.ident.span(),
                "#[capability] needs a kind: add `kind = \"api\" | \"event\" | \"data\" | \"ui\" | \"integration\"`",
            );
        }
        let provides = reader
            .list("provides")
            .map(|(items, _)| read_provides(cx, items))
            .unwrap_or_default();
        let requires = reader
            .list("requires")
            .map(|(items, _)| read_requirements(cx, "requires(...)", items))
            .unwrap_or_default();
        let extends = reader.reference("extends");
        reader.finish();
        CapabilityModel {
            meta,
            kind: kind.map_or(CapabilityKind::Api, |k| k.value),
            provides,
            requires,
            extends,
        }
    }
}

fn read_provides(cx: &Ctxt, items: Vec<Item>) -> Vec<ProvidedModel> {
    let surfaces: Vec<&str> = Surface::ALL.iter().map(|(n, _)| *n).collect();
    items
        .into_iter()
        .filter_map(|item| {
            let (surface, items, span) = match item {
                Item::Arg(arg) => {
                    let name = arg.name();
                    let Some(surface) = Surface::ALL.iter().find(|(n, _)| *n == name).map(|(_, s)| *s) else {
                        let hint = crate::reader::closest(&name, &surfaces)
                            .map_or(String::new(), |s| format!(" (did you mean `{s}`?)"));
                        cx.error_spanned(
                            arg.name_span(),
                            format!(
                                "invalid surface `{name}`{hint} in provides(...): expected one of `operation`, `event`, `presentation`, `workflow`, `resource`"
                            ),
                        );
                        return None;
                    };
                    match arg.value {
                        Value::List(items, span) => (surface, items, span),
                        _ => {
                            cx.error_spanned(arg.name_span(), format!("write `{name}(\"key@version\")`"));
                            return None;
                        }
                    }
                }
                Item::Lit(lit) => {
                    cx.error_spanned(
                        lit.span(),
                        "name the surface of each provided contract, as in `operation(\"key@version\")` or `event(\"key@version\")`",
                    );
                    return None;
                }
            };
            let mut reader =
                Reader::new(cx, format!("{}(...)", surface.name()), items, &["description", "downstream"]);
            let description = reader.text("description").map(|l| l.value());
            let downstream = reader.flag("downstream").is_some_and(|f| f.value);
            let targets = reader.positional();
            reader.finish();
            let target = single_reference(cx, targets, span, surface.name())?;
            Some(ProvidedModel {
                surface,
                target,
                description,
                downstream,
            })
        })
        .collect()
}

/// Reads `capability("key@version", optional, kind = "...", reason = "...")` entries.
pub fn read_requirements(cx: &Ctxt, context: &str, items: Vec<Item>) -> Vec<RequirementModel> {
    items
        .into_iter()
        .filter_map(|item| {
            let form = format!("each entry of {context} is `capability(\"key@version\", optional, reason = \"...\")`");
            let (items, span) = match item {
                Item::Arg(arg) if arg.name() == "capability" => match arg.value {
                    Value::List(items, span) => (items, span),
                    _ => {
                        cx.error_spanned(arg.name_span(), form);
                        return None;
                    }
                },
                other => {
                    cx.error_spanned(other.span(), form);
                    return None;
                }
            };
            let mut reader = Reader::new(cx, "capability(...)", items, &["optional", "kind", "reason"]);
            let optional = reader.flag("optional").is_some_and(|f| f.value);
            let kind = reader.choice::<CapabilityKind>("kind").map(|k| k.value);
            let reason = reader.text("reason").map(|l| l.value());
            let targets = reader.positional();
            reader.finish();
            let capability = single_reference(cx, targets, span, "capability")?;
            Some(RequirementModel {
                capability,
                optional,
                kind,
                reason,
            })
        })
        .collect()
}

fn single_reference(
    cx: &Ctxt,
    mut targets: Vec<syn::LitStr>,
    span: proc_macro2::Span,
    what: &str,
) -> Option<Reference> {
    if targets.len() != 1 {
        let at = targets.get(1).map_or(span, |l| l.span());
        cx.error_spanned(
            at,
            format!("`{what}(...)` takes exactly one reference, as in `{what}(\"key@1.0.0\")`"),
        );
        return None;
    }
    let lit = targets.remove(0);
    check_reference(cx, &lit)
}
