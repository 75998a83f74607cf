//! `examples(example(...), ...)` of `#[command]`, `#[query]` and `#[event]`.
//!
//! ```text
//! examples(
//!     example(name = "start", summary = "...", input = r#"{"planId": "p-1"}"#,
//!             output = r#"{"runId": "r-1"}"#, ignore = ["runId"], events = ["run.started"]),
//!     example(name = "denied", input = r#"{"planId": "p-2"}"#, error = "FORBIDDEN", actor = "user"),
//! )
//! ```
//!
//! The JSON is parsed here: malformed JSON is an error on its literal. The object keys it uses
//! are kept as dotted paths, which the expansion checks against the model at compile time.

use super::presentation::named_lists;
use crate::choices::Auth;
use crate::ctxt::Ctxt;
use crate::reader::{Reader, Spanned};
use proc_macro2::Span;
use syn::LitStr;

/// A JSON literal of an example: compact text, the dotted paths of its object keys and the
/// literal's span.
pub struct JsonLit {
    pub text: String,
    pub paths: Vec<String>,
    pub span: Span,
}

/// What an operation example expects.
pub enum ExpectModel {
    Output(JsonLit),
    Error(Spanned<String>),
}

/// One `example(...)` of an operation.
pub struct OperationExampleModel {
    pub name: String,
    pub summary: Option<String>,
    pub input: JsonLit,
    pub expect: ExpectModel,
    pub ignore: Vec<Spanned<String>>,
    pub events: Vec<Spanned<String>>,
    pub actor: Option<Auth>,
}

/// One `example(...)` of an event.
pub struct EventExampleModel {
    pub name: String,
    pub summary: Option<String>,
    pub payload: JsonLit,
}

const OPERATION_ARGS: &[&str] = &[
    "name", "summary", "input", "output", "error", "ignore", "events", "actor",
];
const EVENT_ARGS: &[&str] = &["name", "summary", "payload"];
const OPERATION_FORM: &str = "each entry of `examples(...)` is `example(name = \"...\", input = r#\"{...}\"#, output = r#\"{...}\"# or error = \"CODE\")`";
const EVENT_FORM: &str =
    "each entry of `examples(...)` is `example(name = \"...\", payload = r#\"{...}\"#)`";

/// Reads `examples(...)` of an operation attribute (`attr` is `command` or `query`).
pub fn read_operation(
    cx: &Ctxt,
    reader: &mut Reader<'_>,
    attr: &str,
) -> Vec<OperationExampleModel> {
    let Some((items, _)) = reader.list("examples") else {
        return Vec::new();
    };
    let mut names = Names::default();
    named_lists(cx, items, "example", OPERATION_FORM)
        .into_iter()
        .filter_map(|(items, span)| {
            let mut r = Reader::new(cx, format!("an example of #[{attr}]"), items, OPERATION_ARGS);
            let name = names.read(cx, &mut r, span);
            let summary = r.text("summary").map(|l| l.value());
            let input = r.string("input").map(|lit| json(cx, &lit, "input"));
            let output = r.string("output").map(|lit| json(cx, &lit, "output"));
            let error = r.text("error").map(|lit| Spanned::new(lit.value(), lit.span()));
            let ignore = spanned(r.strings("ignore"));
            let events = spanned(r.strings("events"));
            let actor = r.choice::<Auth>("actor").map(|a| a.value);
            r.finish();
            if input.is_none() {
                cx.error_spanned(span, "an example needs its `input = r#\"{...}\"#` (JSON)");
            }
            let expect = match (output, error) {
                (Some(output), None) => Some(ExpectModel::Output(output?)),
                (None, Some(error)) => Some(ExpectModel::Error(error)),
                (Some(_), Some(error)) => {
                    cx.error_spanned(error.span, "an example expects either an `output` or an `error`, not both");
                    None
                }
                (None, None) => {
                    cx.error_spanned(span, "an example needs what the call returns: `output = r#\"{...}\"#` (JSON), or `error = \"CODE\"`");
                    None
                }
            };
            if let (Some(ExpectModel::Error(_)), Some(first)) = (&expect, ignore.first()) {
                cx.error_spanned(first.span, "`ignore` names output fields: it has no use in an example expecting an error");
            }
            Some(OperationExampleModel {
                name: name?,
                summary,
                input: input??,
                expect: expect?,
                ignore,
                events,
                actor,
            })
        })
        .collect()
}

/// Reads `examples(...)` of `#[event]`.
pub fn read_event(cx: &Ctxt, reader: &mut Reader<'_>) -> Vec<EventExampleModel> {
    let Some((items, _)) = reader.list("examples") else {
        return Vec::new();
    };
    let mut names = Names::default();
    named_lists(cx, items, "example", EVENT_FORM)
        .into_iter()
        .filter_map(|(items, span)| {
            let mut r = Reader::new(cx, "an example of #[event]", items, EVENT_ARGS);
            let name = names.read(cx, &mut r, span);
            let summary = r.text("summary").map(|l| l.value());
            let payload = r.string("payload").map(|lit| json(cx, &lit, "payload"));
            r.finish();
            if payload.is_none() {
                cx.error_spanned(
                    span,
                    "an event example needs its `payload = r#\"{...}\"#` (JSON)",
                );
            }
            Some(EventExampleModel {
                name: name?,
                summary,
                payload: payload??,
            })
        })
        .collect()
}

/// The example names seen so far in one `examples(...)`, to report a name given twice.
#[derive(Default)]
struct Names(Vec<String>);

impl Names {
    fn read(&mut self, cx: &Ctxt, reader: &mut Reader<'_>, span: Span) -> Option<String> {
        let Some(lit) = reader.text("name") else {
            cx.error_spanned(
                span,
                "an example needs a `name = \"...\"`, unique within the contract",
            );
            return None;
        };
        let name = lit.value();
        if self.0.contains(&name) {
            cx.error_spanned(
                lit.span(),
                format!("duplicate example name `{name}`: each example of a contract needs its own name"),
            );
            return None;
        }
        self.0.push(name.clone());
        Some(name)
    }
}

/// Parses the JSON of `lit`: an error on the literal when it is malformed.
fn json(cx: &Ctxt, lit: &LitStr, what: &str) -> Option<JsonLit> {
    match serde_json::from_str::<serde_json::Value>(&lit.value()) {
        Ok(value) => {
            let mut paths = Vec::new();
            key_paths(&value, "", &mut paths);
            Some(JsonLit {
                text: value.to_string(),
                paths,
                span: lit.span(),
            })
        }
        Err(e) => {
            cx.error_spanned(
                lit.span(),
                format!("the example's `{what}` is not valid JSON: {e}"),
            );
            None
        }
    }
}

/// The dotted path of every object key in `value` (array elements share their array's path),
/// each once. A key that cannot be written as a path segment (empty, or with a dot) ends the
/// walk there: only a map's keys can be such, and a map's contents are not checked.
fn key_paths(value: &serde_json::Value, prefix: &str, paths: &mut Vec<String>) {
    match value {
        serde_json::Value::Object(object) => {
            for (key, inner) in object {
                if key.is_empty() || key.contains('.') {
                    continue;
                }
                let path = if prefix.is_empty() {
                    key.clone()
                } else {
                    format!("{prefix}.{key}")
                };
                if !paths.contains(&path) {
                    paths.push(path.clone());
                }
                key_paths(inner, &path, paths);
            }
        }
        serde_json::Value::Array(items) => {
            for item in items {
                key_paths(item, prefix, paths);
            }
        }
        _ => {}
    }
}

fn spanned(lits: Vec<LitStr>) -> Vec<Spanned<String>> {
    lits.iter()
        .map(|l| Spanned::new(l.value(), l.span()))
        .collect()
}
