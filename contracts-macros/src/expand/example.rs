//! Generates the examples of an operation or event and their compile-time checks.

use super::common::{check, field_path_check, opt_str, spanned_str_slice};
use crate::parse::example::{EventExampleModel, ExpectModel, JsonLit, OperationExampleModel};
use crate::reader::Spanned;
use proc_macro2::TokenStream;
use quote::quote;

/// `&[OperationExample, ...]`.
pub fn operation_examples(examples: &[OperationExampleModel]) -> TokenStream {
    let examples = examples.iter().map(|example| {
        let name = &example.name;
        let summary = opt_str(&example.summary);
        let input = &example.input.text;
        let expect = match &example.expect {
            ExpectModel::Output(output) => {
                let text = &output.text;
                quote!(::contracts_core::__private::ExpectedOutcome::Output(#text))
            }
            ExpectModel::Error(code) => {
                let code = &code.value;
                quote!(::contracts_core::__private::ExpectedOutcome::Error(#code))
            }
        };
        let ignore = spanned_str_slice(&example.ignore);
        let events = spanned_str_slice(&example.events);
        let actor = match &example.actor {
            Some(actor) => {
                let actor = actor.tokens();
                quote!(::core::option::Option::Some(#actor))
            }
            None => quote!(::core::option::Option::None),
        };
        quote!(::contracts_core::__private::OperationExample {
            name: #name,
            summary: #summary,
            input: #input,
            expect: #expect,
            ignore: #ignore,
            events: #events,
            actor: #actor,
        })
    });
    quote!(&[#(#examples),*])
}

/// `&[EventExample, ...]`.
pub fn event_examples(examples: &[EventExampleModel]) -> TokenStream {
    let examples = examples.iter().map(|example| {
        let name = &example.name;
        let summary = opt_str(&example.summary);
        let payload = &example.payload.text;
        quote!(::contracts_core::__private::EventExample {
            name: #name,
            summary: #summary,
            payload: #payload,
        })
    });
    quote!(&[#(#examples),*])
}

/// The checks of an operation's examples: their fields exist in the input and output models,
/// an expected error is declared (or standard), an expected event is emitted. `ident` is the
/// operation's input type and `emitted` the const of its events.
pub fn operation_checks(
    examples: &[OperationExampleModel],
    ident: &syn::Ident,
    emitted: &syn::Ident,
) -> TokenStream {
    let input = quote!(::contracts_core::__private::input_info::<#ident>());
    let output = quote!(::contracts_core::__private::output_info::<#ident>());
    let mut checks = TokenStream::new();
    for example in examples {
        checks.extend(json_checks(&input, &example.input));
        match &example.expect {
            ExpectModel::Output(json) => checks.extend(json_checks(&output, json)),
            ExpectModel::Error(code) => {
                let value = &code.value;
                checks.extend(check(
                    code.span,
                    quote!(::contracts_core::__private::checks::example_error(
                        <<#ident as ::contracts_core::Operation>::Errors as ::contracts_core::ErrorCatalog>::ERRORS, #value
                    )),
                ));
            }
        }
        for path in &example.ignore {
            checks.extend(field_path_check(&output, path, "ignored output field"));
        }
        for event in &example.events {
            let value = &event.value;
            checks.extend(check(
                event.span,
                quote!(::contracts_core::__private::checks::example_event(&#emitted, #value)),
            ));
        }
    }
    checks
}

/// The checks of an event's examples: their fields exist in the payload model.
pub fn event_checks(examples: &[EventExampleModel], ident: &syn::Ident) -> TokenStream {
    let payload = quote!(::contracts_core::__private::payload_info::<#ident>());
    examples
        .iter()
        .map(|example| json_checks(&payload, &example.payload))
        .collect()
}

/// One field-path check per object key of `json`, spanned on its literal.
fn json_checks(info: &TokenStream, json: &JsonLit) -> TokenStream {
    json.paths
        .iter()
        .map(|path| {
            field_path_check(
                info,
                &Spanned::new(path.clone(), json.span),
                "example field",
            )
        })
        .collect()
}
