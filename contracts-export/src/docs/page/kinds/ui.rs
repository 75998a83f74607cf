//! Sections of presentations, data views and forms.

use crate::docs::page::builder::Sections;
use crate::docs::page::model::{Block, Inline, Table};
use crate::docs::page::text::{code_list, headers, labelled};
use crate::docs::page::PageBuilder;
use contracts_core::descriptors::{
    DataViewDescriptor, FormDescriptor, PresentationDescriptor, PresentationSource, ViewPolicy,
};
use contracts_core::Contract;

impl PageBuilder<'_> {
    pub(crate) fn presentation(&self, s: &mut Sections, p: &'static PresentationDescriptor) {
        self.capability_section(s, &Contract::Presentation(p));
        let source = match &p.source {
            PresentationSource::Component {
                framework,
                component_key,
            } => vec![Block::List(vec![
                labelled("Type", vec![Inline::Text("component".into())]),
                labelled("Framework", vec![Inline::Code((*framework).into())]),
                labelled("Component", vec![Inline::Code((*component_key).into())]),
            ])],
            PresentationSource::Blocknotejs { doc_json } => vec![
                Block::List(vec![labelled(
                    "Type",
                    vec![Inline::Text("BlockNote document".into())],
                )]),
                Block::Code {
                    language: "json",
                    text: (*doc_json).into(),
                },
            ],
        };
        s.push("Rendered By", source);
        let targets: Vec<&str> = p.targets.iter().map(|t| t.as_str()).collect();
        s.push(
            "Targets",
            vec![Block::List(
                targets
                    .iter()
                    .map(|t| vec![Inline::Code((*t).into())])
                    .collect(),
            )],
        );
        view_policy(s, &p.policy);
    }

    pub(crate) fn data_view(&self, s: &mut Sections, view: &'static DataViewDescriptor) {
        let mut source = vec![labelled(
            "Primary",
            self.reference_link(&view.source.primary),
        )];
        if let Some(item) = &view.source.item {
            source.push(labelled("Item", self.reference_link(item)));
        }
        if !view.source.refresh_events.is_empty() {
            let mut events = Vec::new();
            for (i, e) in view.source.refresh_events.iter().enumerate() {
                if i > 0 {
                    events.push(Inline::Text(", ".into()));
                }
                events.extend(self.reference_link(e));
            }
            source.push(labelled("Refreshes on", events));
        }
        source.insert(
            0,
            labelled("Entity", vec![Inline::Code(view.entity.into())]),
        );
        s.push("Data Source", vec![Block::List(source)]);
        let config = &view.view;
        let mut layout = vec![labelled(
            "Layout",
            vec![Inline::Text(config.kind.as_str().into())],
        )];
        if let Some(primary) = config.primary_field {
            layout.push(labelled(
                "Primary field",
                vec![Inline::Code(primary.into())],
            ));
        }
        if !config.secondary_fields.is_empty() {
            layout.push(labelled(
                "Secondary fields",
                code_list(config.secondary_fields, "none"),
            ));
        }
        let mut blocks = vec![Block::List(layout)];
        if !config.fields.is_empty() {
            blocks.push(Block::Table(Table {
                headers: headers(["Field", "Label", "Data path"]),
                rows: config
                    .fields
                    .iter()
                    .map(|f| {
                        vec![
                            vec![Inline::Code(f.key.into())],
                            vec![Inline::Text(f.label.into())],
                            vec![Inline::Code(f.data_path.into())],
                        ]
                    })
                    .collect(),
            }));
        }
        s.push("View", blocks);
        if !config.filters.is_empty() {
            s.push(
                "Filters",
                vec![Block::Table(Table {
                    headers: headers(["Filter", "Label", "Field", "Type"]),
                    rows: config
                        .filters
                        .iter()
                        .map(|f| {
                            vec![
                                vec![Inline::Code(f.key.into())],
                                vec![Inline::Text(f.label.into())],
                                vec![Inline::Code(f.field.into())],
                                vec![Inline::Text(f.kind.into())],
                            ]
                        })
                        .collect(),
                })],
            );
        }
        view_policy(s, &view.policy);
    }

    pub(crate) fn form(&self, s: &mut Sections, form: &'static FormDescriptor) {
        if !form.fields.is_empty() {
            s.push(
                "Form Fields",
                vec![Block::Table(Table {
                    headers: headers(["Field", "Control", "Label", "Placeholder"]),
                    rows: form
                        .fields
                        .iter()
                        .map(|f| {
                            vec![
                                vec![Inline::Code(f.name.into())],
                                vec![Inline::Text(f.kind.into())],
                                vec![Inline::Text(f.label_i18n.unwrap_or("").into())],
                                vec![Inline::Text(f.placeholder_i18n.unwrap_or("").into())],
                            ]
                        })
                        .collect(),
                })],
            );
        }
        if !form.actions.is_empty() {
            s.push(
                "Actions",
                vec![Block::Table(Table {
                    headers: headers(["Action", "Label", "Operation"]),
                    rows: form
                        .actions
                        .iter()
                        .map(|a| {
                            vec![
                                vec![Inline::Code(a.key.into())],
                                vec![Inline::Text(a.label_i18n.into())],
                                self.reference_link(&a.op),
                            ]
                        })
                        .collect(),
                })],
            );
        }
        view_policy(s, &form.policy);
        s.push_model(
            "Model",
            form.model.info,
            form.meta.description,
            form.policy.pii,
        );
    }
}

pub(crate) fn view_policy(s: &mut Sections, policy: &ViewPolicy) {
    s.push(
        "Policy",
        vec![Block::List(vec![
            labelled("Flags", code_list(policy.flags, "none")),
            labelled("PII", code_list(policy.pii, "none")),
        ])],
    );
}
