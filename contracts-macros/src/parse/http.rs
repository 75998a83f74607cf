//! `http(method = "PUT", path = "/executions/{executionId}", status = 201, envelope = false)`
//! on `#[command]` and `#[query]`, and `defaults(http(envelope = false))` in `registry!`.
//!
//! The form of the path template, the status and the method's fit to the kind of operation are
//! checked here, on the literals; that each path parameter names an input field and that no two
//! operations share a route need the input model and the registry, and are emitted as
//! compile-time checks (see `expand::http`).

use super::operation::OperationKind;
use crate::args::Item;
use crate::choices::HttpMethod;
use crate::ctxt::Ctxt;
use crate::reader::{Choice, Reader, Spanned};
use proc_macro2::Span;

/// An operation's `http(...)`.
pub struct HttpModel {
    pub method: Option<Spanned<HttpMethod>>,
    pub path: Option<PathModel>,
    pub status: Option<u16>,
    pub envelope: Option<bool>,
}

/// A path template whose form is valid.
pub struct PathModel {
    pub template: String,
    pub span: Span,
    /// The parameter names, in path order.
    pub parameters: Vec<String>,
}

const ARGS: &[&str] = &["method", "path", "status", "envelope"];

impl HttpModel {
    /// Reads `http(...)` from an operation's arguments, if given.
    pub fn read(cx: &Ctxt, kind: OperationKind, reader: &mut Reader) -> Option<HttpModel> {
        let (items, _) = reader.list("http")?;
        let attr = kind.attr();
        let mut http = Reader::new(cx, format!("the http(...) of #[{attr}]"), items, ARGS);
        let method = http.choice::<HttpMethod>("method");
        if let Some(method) = &method {
            check_method(cx, kind, method);
        }
        let path = http.string("path").and_then(|lit| {
            let template = lit.value();
            match parse_template(&template) {
                Ok(parameters) => Some(PathModel {
                    template,
                    span: lit.span(),
                    parameters,
                }),
                Err(why) => {
                    cx.error_spanned(
                        lit.span(),
                        format!("malformed path template `{template}`: {why}"),
                    );
                    None
                }
            }
        });
        let status = http.integer("status", 0, u16::MAX as u64).and_then(|status| {
            if (200..=299).contains(&status.value) {
                Some(status.value as u16)
            } else {
                cx.error_spanned(
                    status.span,
                    format!(
                        "status {} is not a success: the status of `http(...)` is the one every success answers, a 2xx such as 200, 201 or 204 (failures answer their own codes' statuses)",
                        status.value
                    ),
                );
                None
            }
        });
        let envelope = http.flag("envelope").map(|e| e.value);
        http.finish();
        Some(HttpModel {
            method,
            path,
            status,
            envelope,
        })
    }
}

/// A command changes state, so it is not bound to `GET`; a query reads state, so it is not
/// bound to `PUT`, `PATCH` or `DELETE`.
fn check_method(cx: &Ctxt, kind: OperationKind, method: &Spanned<HttpMethod>) {
    let fits = match kind {
        OperationKind::Command => method.value != HttpMethod::Get,
        OperationKind::Query => matches!(method.value, HttpMethod::Get | HttpMethod::Post),
    };
    if !fits {
        let (what, allowed) = match kind {
            OperationKind::Command => ("a command changes state", "POST, PUT, PATCH or DELETE"),
            OperationKind::Query => ("a query only reads state", "GET (or POST)"),
        };
        cx.error_spanned(
            method.span,
            format!("{what}: bind it to {allowed}, not {}", method.value.name()),
        );
    }
}

/// Reads `envelope` from the `http(...)` of a registry's `defaults(...)`.
pub fn read_defaults(cx: &Ctxt, items: Vec<Item>) -> Option<bool> {
    let mut http = Reader::new(
        cx,
        "the http(...) of registry! defaults",
        items,
        &["envelope"],
    );
    let envelope = http.flag("envelope").map(|e| e.value);
    http.finish();
    envelope
}

/// The parameter names of a path template, or why it is malformed.
///
/// A template starts with `/`, has no empty segment and no trailing `/` (except the root `/`),
/// and each segment is either a literal of URL-safe characters (`A-Z a-z 0-9 - . _ ~`) or a
/// whole-segment parameter `{name}`, named once, whose name is an input field's JSON name.
pub fn parse_template(template: &str) -> Result<Vec<String>, String> {
    let Some(rest) = template.strip_prefix('/') else {
        return Err("it must start with `/`".to_owned());
    };
    let mut parameters: Vec<String> = Vec::new();
    if rest.is_empty() {
        return Ok(parameters);
    }
    for segment in rest.split('/') {
        if segment.is_empty() {
            return Err(
                "it has an empty segment (`//` or a trailing `/`): remove the extra `/`".to_owned(),
            );
        }
        if let Some(name) = segment.strip_prefix('{') {
            let Some(name) = name.strip_suffix('}') else {
                return Err(format!(
                    "segment `{segment}` opens a parameter it does not close: write `{{name}}` as a whole segment"
                ));
            };
            if name.is_empty()
                || !name
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
            {
                return Err(format!(
                    "parameter `{{{name}}}` needs the JSON name of an input field (letters, digits, `_` or `-`)"
                ));
            }
            if parameters.iter().any(|p| p == name) {
                return Err(format!(
                    "parameter `{{{name}}}` appears twice: each input field fills one segment"
                ));
            }
            parameters.push(name.to_owned());
        } else if let Some(c) = segment
            .chars()
            .find(|c| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '_' | '~')))
        {
            let hint = if matches!(c, '{' | '}' | ':' | '*') {
                ": a parameter is a whole segment `{name}`"
            } else {
                ""
            };
            return Err(format!(
                "segment `{segment}` holds `{c}`; a literal segment uses only letters, digits, `-`, `.`, `_` and `~`{hint}"
            ));
        }
    }
    Ok(parameters)
}

#[cfg(test)]
mod tests {
    use super::parse_template;

    #[test]
    fn templates() {
        assert_eq!(parse_template("/").unwrap(), Vec::<String>::new());
        assert_eq!(
            parse_template("/loans/{loanId}/items/{item_no}").unwrap(),
            ["loanId", "item_no"]
        );
        assert_eq!(parse_template("/v1.0/loans").unwrap(), Vec::<String>::new());
        for bad in [
            "loans",
            "/loans/",
            "//loans",
            "/loans/{id",
            "/loans/{}",
            "/loans/:id",
            "/loans/x{id}",
            "/a/{id}/b/{id}",
            "/loans?x=1",
            "/loans/{a.b}",
        ] {
            assert!(parse_template(bad).is_err(), "{bad}");
        }
    }
}
