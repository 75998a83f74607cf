//! The examples of an operation (its call over REST, MCP and GraphQL, and what it answers) and
//! of an event (its payloads), and an example problem body for each declared error.

use crate::docs::page::builder::Sections;
use crate::docs::page::model::{Block, Inline};
use crate::docs::page::PageBuilder;
use crate::examples::{self, EXAMPLE_BASE_URL};
use contracts_core::descriptors::{EventDescriptor, OperationDescriptor, OperationExample};

impl PageBuilder<'_> {
    /// "Examples": one subsection per declared example of `op`.
    pub(crate) fn operation_examples(&self, s: &mut Sections, op: &'static OperationDescriptor) {
        if op.examples.is_empty() {
            return;
        }
        let blocks = op
            .examples
            .iter()
            .map(|example| Block::Subsection {
                title: vec![Inline::Code(example.name.into())],
                anchor: format!("example-{}", example.name).into(),
                blocks: operation_example(op, example),
            })
            .collect();
        s.push("Examples", blocks);
    }

    /// "Examples": one subsection per declared payload example of `event`.
    pub(crate) fn event_examples(&self, s: &mut Sections, event: &'static EventDescriptor) {
        let blocks: Vec<Block> = event
            .examples
            .iter()
            .filter_map(|example| {
                let payload = example.payload_json().ok()?;
                let mut blocks = summary(example.summary);
                blocks.push(json(&payload));
                Some(Block::Subsection {
                    title: vec![Inline::Code(example.name.into())],
                    anchor: format!("example-{}", example.name).into(),
                    blocks,
                })
            })
            .collect();
        if !blocks.is_empty() {
            s.push("Examples", blocks);
        }
    }

    /// "Error Bodies": the problem body of each declared error of `op`.
    pub(crate) fn error_bodies(&self, s: &mut Sections, op: &'static OperationDescriptor) {
        let blocks: Vec<Block> = op
            .errors
            .iter()
            .filter_map(|error| {
                let body = examples::problem(op, error.code, error.when, "4bf92f3577b34da6")?;
                Some(Block::Subsection {
                    title: vec![Inline::Code(error.code.into())],
                    anchor: format!("error-{}", error.code.to_ascii_lowercase()).into(),
                    blocks: vec![
                        paragraph(format!(
                            "Answered with HTTP {} and `application/problem+json`:",
                            error.http
                        )),
                        json(&body),
                    ],
                })
            })
            .collect();
        if !blocks.is_empty() {
            s.push("Error Bodies", blocks);
        }
    }
}

/// The blocks of one operation example: its summary, the call on each surface, the answer.
fn operation_example(op: &'static OperationDescriptor, example: &OperationExample) -> Vec<Block> {
    let mut blocks = summary(example.summary);
    let Ok(input) = example.input_json() else {
        blocks.push(Block::Paragraph(vec![Inline::Text(
            "The example's input is not JSON.".into(),
        )]));
        return blocks;
    };
    let caller = match example.actor {
        Some(actor) => format!(" Called as `{}`.", actor.as_str()),
        None => String::new(),
    };
    blocks.push(paragraph(format!(
        "REST, against `contracts serve` at {EXAMPLE_BASE_URL}:{caller}"
    )));
    blocks.push(Block::Code {
        language: "sh",
        text: examples::curl(op, &input).into(),
    });
    let answer = match example.error_code() {
        Some(code) => examples::problem_body(op, example).map(|body| {
            let status = examples::error_status(op, code).unwrap_or(500);
            (
                format!("Answers `{code}` (HTTP {status}), `application/problem+json`:"),
                body,
            )
        }),
        None => example.output_json().and_then(Result::ok).map(|output| {
            let mut text = "Answers the output in the result envelope".to_owned();
            if !example.ignore.is_empty() {
                let fields: Vec<String> = example.ignore.iter().map(|f| format!("`{f}`")).collect();
                text.push_str(&format!(" ({} vary per call)", fields.join(", ")));
            }
            text.push(':');
            (text, examples::success_envelope(example, &output))
        }),
    };
    if let Some((text, body)) = answer {
        blocks.push(paragraph(text));
        blocks.push(json(&body));
    }
    if !example.events.is_empty() {
        let events: Vec<String> = example.events.iter().map(|e| format!("`{e}`")).collect();
        blocks.push(paragraph(format!("Emits {}.", events.join(", then "))));
    }
    blocks.push(paragraph("MCP, the `tools/call` request:".to_owned()));
    blocks.push(json(&examples::mcp_call(op, &input)));
    blocks.push(paragraph(
        "GraphQL, with the input as the `input` variable:".to_owned(),
    ));
    blocks.push(Block::Code {
        language: "graphql",
        text: examples::graphql_document(op).into(),
    });
    blocks.push(json(&serde_json::json!({ "input": input })));
    blocks
}

fn summary(summary: Option<&'static str>) -> Vec<Block> {
    summary
        .map(|s| Block::Paragraph(vec![Inline::Text(s.into())]))
        .into_iter()
        .collect()
}

/// A paragraph of `text`, its backticked spans as code.
fn paragraph(text: String) -> Block {
    let inlines = text
        .split('`')
        .enumerate()
        .filter(|(_, part)| !part.is_empty())
        .map(|(i, part)| match i % 2 {
            0 => Inline::Text(part.to_owned().into()),
            _ => Inline::Code(part.to_owned().into()),
        })
        .collect();
    Block::Paragraph(inlines)
}

fn json(value: &serde_json::Value) -> Block {
    Block::Code {
        language: "json",
        text: serde_json::to_string_pretty(value)
            .unwrap_or_default()
            .into(),
    }
}
