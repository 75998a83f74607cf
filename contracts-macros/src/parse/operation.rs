//! `#[command(...)]` and `#[query(...)]`.

use super::example::OperationExampleModel;
use super::item::AnnotatedItem;
use super::meta::{MetaModel, META_ARGS};
use crate::args::{Item, Value};
use crate::choices::{Auth, Escalation, RateLimitKey};
use crate::ctxt::Ctxt;
use crate::reader::{Reader, Spanned};
use crate::reference::{Reference, VersionModel};
use proc_macro2::TokenStream;

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum OperationKind {
    Command,
    Query,
}

impl OperationKind {
    pub fn attr(self) -> &'static str {
        match self {
            OperationKind::Command => "command",
            OperationKind::Query => "query",
        }
    }
}

pub struct OperationModel {
    pub kind: OperationKind,
    pub meta: MetaModel,
    pub capability: Option<Reference>,
    pub output: Option<syn::Type>,
    pub emits: Vec<EmitModel>,
    pub errors: Option<syn::Type>,
    pub policy: OperationPolicyModel,
    pub examples: Vec<OperationExampleModel>,
    pub http: Option<super::http::HttpModel>,
}

/// One `Event(when = "...")` of `emits(...)`.
pub struct EmitModel {
    pub event: syn::Path,
    pub when: String,
    pub version: Option<Spanned<VersionModel>>,
}

pub struct OperationPolicyModel {
    pub auth: Auth,
    pub pii: Vec<Spanned<String>>,
    pub idempotent: Option<Spanned<bool>>,
    pub rate_limit: Option<(u64, RateLimitKey)>,
    pub escalate: Option<Escalation>,
    pub flags: Vec<String>,
    pub policies: Vec<Reference>,
}

const ARGS: &[&str] = &[
    "capability",
    "output",
    "emits",
    "errors",
    "policy",
    "examples",
    "http",
];
const POLICY_ARGS: &[&str] = &[
    "auth",
    "pii",
    "idempotent",
    "rate_limit",
    "escalate",
    "flags",
    "policies",
];

impl OperationModel {
    pub fn parse(
        cx: &Ctxt,
        kind: OperationKind,
        args: TokenStream,
        item: &AnnotatedItem,
    ) -> OperationModel {
        let attr = kind.attr();
        let known: Vec<&str> = META_ARGS.iter().chain(ARGS).copied().collect();
        let mut reader = Reader::parse(cx, format!("#[{attr}]"), args, &known);
        let meta = MetaModel::read(&mut reader, item, attr);
        let capability = reader.reference("capability");
        let output = reader.ty("output");
        if output.is_none() && !cx.has_errors() {
            cx.error_spanned(
                item.ident.span(),
                format!("#[{attr}] needs an output type: add `output = MyOutput` (a struct deriving Serialize, Deserialize, JsonSchema and Model)"),
            );
        }
        let emits = match reader.list("emits") {
            Some((items, _)) => items
                .into_iter()
                .filter_map(|item| read_emit(cx, item))
                .collect(),
            None => Vec::new(),
        };
        let errors = reader.ty("errors");
        let policy = match reader.list("policy") {
            Some((items, span)) => read_policy(cx, attr, items, span),
            None => {
                cx.error_spanned(
                    item.ident.span(),
                    format!("#[{attr}] needs a policy stating who may call it: add `policy(auth = \"anonymous\" | \"user\" | \"admin\")`"),
                );
                read_policy(cx, attr, Vec::new(), proc_macro2::Span::call_site())
            }
        };
        let examples = super::example::read_operation(cx, &mut reader, attr);
        let http = super::http::HttpModel::read(cx, kind, &mut reader);
        reader.finish();
        OperationModel {
            kind,
            meta,
            capability,
            output,
            emits,
            errors,
            policy,
            examples,
            http,
        }
    }
}

fn read_emit(cx: &Ctxt, item: Item) -> Option<EmitModel> {
    let form = "each entry of `emits(...)` is an event type with when it is emitted, as in `emits(RunStarted(when = \"the run begins\"))`";
    let arg = match item {
        Item::Arg(arg) => arg,
        Item::Lit(lit) => {
            cx.error_spanned(lit.span(), form);
            return None;
        }
    };
    let Value::List(items, _) = arg.value else {
        cx.error_spanned(
            arg.path
                .segments
                .last()
                .map_or_else(proc_macro2::Span::call_site, |s| s.ident.span()),
            form,
        );
        return None;
    };
    let event_name = arg
        .path
        .segments
        .last()
        .map(|s| s.ident.to_string())
        .unwrap_or_default();
    let mut reader = Reader::new(
        cx,
        format!("the emits entry `{event_name}`"),
        items,
        &["when", "version"],
    );
    let when = reader.text("when");
    let version = reader.version("version");
    reader.finish();
    let when = match when {
        Some(when) => when.value(),
        None => {
            cx.error_spanned(
                arg.path
                    .segments
                    .last()
                    .map_or_else(proc_macro2::Span::call_site, |s| s.ident.span()),
                format!("say when `{event_name}` is emitted: `{event_name}(when = \"...\")`"),
            );
            String::new()
        }
    };
    Some(EmitModel {
        event: arg.path,
        when,
        version,
    })
}

fn read_policy(
    cx: &Ctxt,
    attr: &str,
    items: Vec<Item>,
    span: proc_macro2::Span,
) -> OperationPolicyModel {
    let mut reader = Reader::new(
        cx,
        format!("the policy(...) of #[{attr}]"),
        items,
        POLICY_ARGS,
    );
    let auth = reader.choice::<Auth>("auth");
    if auth.is_none() && !cx.has_errors() {
        cx.error_spanned(
            span,
            "the policy needs `auth = \"anonymous\" | \"user\" | \"admin\"`: who may call the operation must be explicit",
        );
    }
    let rate_limit = reader.list("rate_limit").and_then(|(items, span)| {
        let mut limit = Reader::new(cx, "rate_limit(...)", items, &["rpm", "key"]);
        let rpm = limit.integer("rpm", 1, u32::MAX as u64);
        let key = limit.choice::<RateLimitKey>("key");
        limit.finish();
        match (rpm, key) {
            (Some(rpm), Some(key)) => Some((rpm.value, key.value)),
            (None, _) if !cx.has_errors() => {
                cx.error_spanned(span, "rate_limit needs `rpm = <requests per minute>`");
                None
            }
            (_, None) if !cx.has_errors() => {
                cx.error_spanned(
                    span,
                    "rate_limit needs `key = \"user\" | \"org\" | \"global\"`",
                );
                None
            }
            _ => None,
        }
    });
    let model = OperationPolicyModel {
        auth: auth.map_or(Auth::Admin, |a| a.value),
        pii: reader
            .strings("pii")
            .iter()
            .map(|l| Spanned::new(l.value(), l.span()))
            .collect(),
        idempotent: reader.flag("idempotent"),
        rate_limit,
        escalate: reader.choice::<Escalation>("escalate").map(|e| e.value),
        flags: reader.strings("flags").iter().map(|l| l.value()).collect(),
        policies: reader.references("policies"),
    };
    reader.finish();
    model
}
