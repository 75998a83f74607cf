//! Sections of operations, events and their consumers.

use crate::docs::page::builder::Sections;
use crate::docs::page::model::{Block, Inline, Table};
use crate::docs::page::text::{code_list, first_line, headers, labelled, yes_no};
use crate::docs::page::PageBuilder;
use crate::naming;
use contracts_core::descriptors::{ConsumerDescriptor, EventDescriptor, OperationDescriptor};
use contracts_core::{Contract, OperationKind};

/// Where an operation is served, as every surface names it.
pub(crate) struct OperationSurfaces {
    /// `POST /harness/run/start/v1.0.0`.
    pub(crate) rest: String,
    /// The OpenAPI `operationId`.
    pub(crate) operation_id: String,
    /// The MCP tool name.
    pub(crate) mcp_tool: String,
    /// `Mutation.harnessRunStartV1_0_0`.
    pub(crate) graphql: String,
}

impl OperationSurfaces {
    pub(crate) fn of(op: &OperationDescriptor) -> OperationSurfaces {
        let graphql_root = match op.kind {
            OperationKind::Command => "Mutation",
            OperationKind::Query => "Query",
        };
        OperationSurfaces {
            rest: rest_surface(op),
            operation_id: naming::operation_id(&op.meta),
            mcp_tool: naming::mcp_tool_name(&op.meta),
            graphql: format!("{graphql_root}.{}", naming::graphql_field_name(&op.meta)),
        }
    }
}

/// The operation's route (`PUT /loans/{loanId}`), with its success status and body when its
/// binding sets them (`→ 201, bare output`).
fn rest_surface(op: &OperationDescriptor) -> String {
    let route = op.route();
    let mut rest = format!("{} {}", route.method, route.path);
    let status = route.status.map(|s| s.to_string());
    let body = (!route.envelope).then_some("bare output");
    let extra: Vec<&str> = status.as_deref().into_iter().chain(body).collect();
    if !extra.is_empty() {
        rest.push_str(" → ");
        rest.push_str(&extra.join(", "));
    }
    rest
}

impl PageBuilder<'_> {
    pub(crate) fn operation(&self, s: &mut Sections, op: &'static OperationDescriptor) {
        let contract = Contract::Operation(op);
        self.capability_section(s, &contract);

        let policy = &op.policy;
        let mut items = vec![
            labelled("Auth", vec![Inline::Code(policy.auth.as_str().into())]),
            labelled(
                "Idempotent",
                vec![Inline::Text(yes_no(policy.idempotent).into())],
            ),
            labelled("PII", code_list(policy.pii, "none")),
        ];
        items.push(labelled(
            "Rate limit",
            vec![Inline::Text(match &policy.rate_limit {
                Some(limit) => format!(
                    "{} requests per minute per {}",
                    limit.rpm,
                    limit.key.as_str()
                )
                .into(),
                None => "none".into(),
            })],
        ));
        items.push(labelled(
            "Escalation",
            match &policy.escalate {
                Some(e) => vec![Inline::Code(e.as_str().into())],
                None => vec![Inline::Text("none".into())],
            },
        ));
        items.push(labelled("Flags", code_list(policy.flags, "none")));
        let mut refs = Vec::new();
        for (i, reference) in policy.policies.iter().enumerate() {
            if i > 0 {
                refs.push(Inline::Text(", ".into()));
            }
            refs.extend(self.reference_link(reference));
        }
        if refs.is_empty() {
            refs.push(Inline::Text("none".into()));
        }
        items.push(labelled("Policies", refs));
        s.push("Policy", vec![Block::List(items)]);

        let surfaces = OperationSurfaces::of(op);
        s.push(
            "Surfaces",
            vec![Block::List(vec![
                labelled("REST", vec![Inline::Code(surfaces.rest.into())]),
                labelled(
                    "OpenAPI operationId",
                    vec![Inline::Code(surfaces.operation_id.into())],
                ),
                labelled("MCP tool", vec![Inline::Code(surfaces.mcp_tool.into())]),
                labelled("GraphQL", vec![Inline::Code(surfaces.graphql.into())]),
            ])],
        );
        self.operation_examples(s, op);

        if !op.emits.is_empty() {
            let rows = op
                .emits
                .iter()
                .map(|e| {
                    vec![
                        self.contract_link(&Contract::Event(e.event)),
                        vec![Inline::Text(e.when.into())],
                    ]
                })
                .collect();
            s.push(
                "Emitted Events",
                vec![Block::Table(Table {
                    headers: headers(["Event", "When"]),
                    rows,
                })],
            );
        }
        if !op.errors.is_empty() {
            let rows = op
                .errors
                .iter()
                .map(|e| {
                    vec![
                        vec![Inline::Code(e.code.into())],
                        vec![Inline::Text(e.http.to_string().into())],
                        vec![Inline::Text(e.when.unwrap_or("").into())],
                        vec![Inline::Text(e.description.into())],
                    ]
                })
                .collect();
            s.push(
                "Errors",
                vec![Block::Table(Table {
                    headers: headers(["Code", "HTTP", "When", "Description"]),
                    rows,
                })],
            );
            self.error_bodies(s, op);
        }
        s.push_model("Input", op.input.info, op.meta.description, op.policy.pii);
        s.push_model("Output", op.output.info, op.meta.description, &[]);
    }

    pub(crate) fn event(&self, s: &mut Sections, event: &'static EventDescriptor) {
        let contract = Contract::Event(event);
        self.capability_section(s, &contract);
        let rows: Vec<_> = self
            .relations
            .emitters(&contract)
            .map(|(op, emitted)| {
                vec![
                    self.contract_link(&Contract::Operation(op)),
                    vec![Inline::Text(emitted.when.into())],
                ]
            })
            .collect();
        let block = match rows.is_empty() {
            false => Block::Table(Table {
                headers: headers(["Operation", "When"]),
                rows,
            }),
            true => Block::Paragraph(vec![Inline::Text("Emitted by no operation.".into())]),
        };
        s.push("Emitted By", vec![block]);
        let rows: Vec<_> = self
            .relations
            .declared_consumers(&contract)
            .map(|consumer| {
                let capability = consumer
                    .capability
                    .as_ref()
                    .map_or_else(Vec::new, |c| self.reference_link(c));
                vec![
                    self.contract_link(&Contract::Consumer(consumer)),
                    capability,
                    vec![Inline::Text(first_line(consumer.meta.description).into())],
                ]
            })
            .collect();
        let block = match rows.is_empty() {
            false => Block::Table(Table {
                headers: headers(["Consumer", "Capability", "What it does"]),
                rows,
            }),
            true => Block::Paragraph(vec![Inline::Text(
                "Consumed by no declared consumer.".into(),
            )]),
        };
        s.push("Consumed By", vec![block]);
        s.push("Channel", vec![channel(event)]);
        self.event_examples(s, event);
        s.push(
            "Personal Data",
            vec![Block::List(vec![labelled(
                "PII",
                code_list(event.pii, "none"),
            )])],
        );
        s.push_model(
            "Payload",
            event.payload.info,
            event.meta.description,
            event.pii,
        );
    }

    pub(crate) fn consumer(&self, s: &mut Sections, consumer: &'static ConsumerDescriptor) {
        // A consumer is no surface a capability provides: only its claim is shown.
        let claim = match &consumer.capability {
            Some(claimed) => {
                let mut line = vec![Inline::Strong("Claims".into()), Inline::Text(": ".into())];
                line.extend(self.reference_link(claimed));
                line
            }
            None => vec![Inline::Text("Claims no capability.".into())],
        };
        s.push("Capability", vec![Block::Paragraph(claim)]);
        let event = consumer.event;
        let mut line = vec![Inline::Strong("Event".into()), Inline::Text(": ".into())];
        line.extend(self.contract_link(&Contract::Event(event)));
        s.push("Consumes", vec![Block::Paragraph(line), channel(event)]);
    }
}

/// Where an event travels: its NATS subject under the default prefix.
fn channel(event: &EventDescriptor) -> Block {
    let subject = naming::nats_subject(
        naming::DEFAULT_SUBJECT_PREFIX,
        event.meta.key,
        event.meta.version.as_str(),
    );
    Block::List(vec![labelled(
        "NATS subject",
        vec![Inline::Code(subject.into())],
    )])
}
