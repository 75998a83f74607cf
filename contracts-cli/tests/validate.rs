//! `validate` on registries that break every rule. Such registries cannot be declared with the
//! macros (they fail to compile), so this test assembles one by hand from descriptors, the way
//! `registry!` does, and checks that the run-time checks find every problem.

use contracts_cli::validate::{validate, Severity};
use contracts_core::__private as p;
use contracts_core::descriptors::*;
use contracts_core::{
    Auth, CapabilityKind, Contract, ContractRef, ContractSet, Declaration, Entry, Meta, Model,
    Registry, Stability, Version,
};

const fn meta(key: &'static str, version: &'static str) -> Meta {
    Meta {
        key,
        version: Version::from_static(version),
        title: None,
        description: "A broken contract.",
        goal: None,
        context: None,
        domain: Some("broken"),
        owners: &["team.broken"],
        tags: &[],
        stability: Stability::Beta,
        sunset: None,
        doc_ids: &[],
        source: Source {
            module: "broken::contracts",
            file: "src/lib.rs",
            line: 1,
            text: "pub struct Broken;",
        },
    }
}

const fn r(text: &'static str) -> ContractRef {
    ContractRef::from_static(text)
}

#[derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema, Model)]
pub struct Input {
    pub email: String,
    pub address: Address,
}

#[derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema, Model)]
pub struct Address {
    pub postcode: String,
}

static UNREGISTERED_EVENT: EventDescriptor = EventDescriptor {
    meta: meta("broken.unregistered", "1.0.0"),
    capability: None,
    pii: &[],
    payload: ModelRef::of::<Input>(),
    examples: &[],
};

static EVENT: EventDescriptor = EventDescriptor {
    meta: meta("broken.event", "1.0.0"),
    capability: None,
    pii: &["email", "address.street"],
    payload: ModelRef::of::<Input>(),
    examples: &[],
};

static OP: OperationDescriptor = OperationDescriptor {
    meta: Meta {
        doc_ids: &["docs.missing"],
        ..meta("broken.op", "1.0.0")
    },
    kind: contracts_core::OperationKind::Query,
    capability: Some(r("broken.cap@1.0.0")),
    policy: OperationPolicy {
        auth: Auth::User,
        pii: &["email", "nope", "email.domain", "a..b"],
        idempotent: false,
        rate_limit: None,
        escalate: None,
        flags: &[],
        policies: &[r("broken.policy")],
    },
    emits: &[
        EmittedEvent {
            event: &UNREGISTERED_EVENT,
            when: "Never.",
        },
        EmittedEvent {
            event: &EVENT,
            when: "Always.",
        },
    ],
    errors: &[
        ErrorSpec {
            code: "bad-code",
            description: "Bad.",
            http: 200,
            when: None,
        },
        ErrorSpec {
            code: "TWICE",
            description: "Once.",
            http: 400,
            when: None,
        },
        ErrorSpec {
            code: "TWICE",
            description: "Twice.",
            http: 409,
            when: None,
        },
    ],
    input: ModelRef::of::<Input>(),
    output: ModelRef::of::<Input>(),
    examples: &[],
    http: contracts_core::descriptors::HttpBinding::RULE,
};

static CAP: CapabilityDescriptor = CapabilityDescriptor {
    meta: meta("broken.cap", "1.0.0"),
    kind: CapabilityKind::Api,
    provides: &[
        ProvidedSurface {
            surface: Surface::Operation,
            target: r("broken.mising@1.0.0"),
            description: None,
            downstream: false,
        },
        ProvidedSurface {
            surface: Surface::Event,
            target: r("broken.op@1.0.0"),
            description: None,
            downstream: false,
        },
        ProvidedSurface {
            surface: Surface::Workflow,
            target: r("broken.workflow"),
            description: None,
            downstream: false,
        },
    ],
    requires: &[
        Requirement {
            capability: r("broken.required@1.0.0"),
            kind: None,
            optional: false,
            reason: None,
        },
        Requirement {
            capability: r("broken.optional@1.0.0"),
            kind: None,
            optional: true,
            reason: None,
        },
        Requirement {
            capability: r("broken.other-cap"),
            kind: Some(CapabilityKind::Ui),
            optional: false,
            reason: None,
        },
    ],
    extends: Some(r("broken.op@1.0.0")),
};

static OTHER_CAP: CapabilityDescriptor = CapabilityDescriptor {
    meta: meta("broken.other-cap", "1.0.0"),
    kind: CapabilityKind::Data,
    provides: &[],
    requires: &[],
    extends: None,
};

static POLICY_A: PolicyDescriptor = PolicyDescriptor {
    meta: meta("broken.dup", "1.0.0"),
    scope: None,
    rules: &[],
};

static POLICY_B: PolicyDescriptor = PolicyDescriptor {
    meta: Meta {
        source: Source {
            module: "broken::other",
            file: "src/other.rs",
            line: 7,
            text: "pub struct Other;",
        },
        ..meta("broken.dup", "1.0.0")
    },
    scope: None,
    rules: &[],
};

static VIEW: DataViewDescriptor = DataViewDescriptor {
    meta: meta("broken.view", "1.0.0"),
    entity: "thing",
    source: DataViewSource {
        primary: r("broken.event@1.0.0"),
        item: None,
        refresh_events: &[r("broken.op")],
    },
    view: ViewConfig {
        kind: ViewKind::List,
        fields: &[],
        primary_field: None,
        secondary_fields: &[],
        filters: &[],
    },
    policy: ViewPolicy::EMPTY,
};

static FORM: FormDescriptor = FormDescriptor {
    meta: meta("broken.form", "1.0.0"),
    model: ModelRef::of::<Input>(),
    fields: &[
        FormField {
            kind: "text",
            name: "email",
            label_i18n: None,
            placeholder_i18n: None,
        },
        FormField {
            kind: "text",
            name: "address.town",
            label_i18n: None,
            placeholder_i18n: None,
        },
    ],
    actions: &[FormAction {
        key: "go",
        label_i18n: "Go",
        op: r("broken.op@2.0.0"),
    }],
    policy: ViewPolicy::EMPTY,
};

static FEATURE: FeatureDescriptor = FeatureDescriptor {
    meta: meta("broken.feature", "1.0.0"),
    operations: &[r("broken.op"), r("broken.gone")],
    events: &[r("broken.event")],
    presentations: &[],
    provides: &[r("broken.cap")],
    requires: &[],
    data_views: &[r("broken.form")],
    forms: &[],
    policies: &[],
    docs: &["docs.also-missing"],
};

static SET: ContractSet = ContractSet {
    crate_name: "broken",
    declarations: &[
        Declaration::contract(Contract::Operation(&OP)),
        Declaration::contract(Contract::Event(&EVENT)),
        Declaration::contract(Contract::Capability(&CAP)),
        Declaration::contract(Contract::Capability(&OTHER_CAP)),
        Declaration::contract(Contract::Policy(&POLICY_A)),
        Declaration::contract(Contract::Policy(&POLICY_B)),
        Declaration::contract(Contract::DataView(&VIEW)),
        Declaration::contract(Contract::Form(&FORM)),
        Declaration::contract(Contract::Feature(&FEATURE)),
    ],
    includes: &[],
    invalid: false,
};

const SETS: p::Sets = p::Sets::of(&SET);
const LEN: usize = SETS.contract_count();
const DOCS: usize = SETS.doc_block_count();
const CAPACITY: usize = p::table_capacity(LEN);
static ENTRIES: [Entry; LEN] = p::collect_entries(&SETS);
static DOC_BLOCKS: [&DocBlockDescriptor; DOCS] = p::collect_doc_blocks(&SETS);
static BY_ID: [u32; CAPACITY] = p::index_by_id(&ENTRIES);
static BY_KEY: [u32; CAPACITY] = p::index_by_key(&ENTRIES);
static BROKEN: Registry =
    Registry::__from_parts(&SET, &ENTRIES, &DOC_BLOCKS, &BY_ID, &BY_KEY, false);

#[test]
fn every_broken_rule_is_reported() {
    let report = validate(&BROKEN);
    let errors: Vec<String> = report.errors().map(|f| f.to_string()).collect();
    let text = errors.join("\n");
    let expected = [
        // Duplicates, with where the other one is.
        "duplicate contract `broken.dup@1.0.0`: also declared at src/",
        // Claims.
        "operation `broken.op@1.0.0` claims capability `broken.cap@1.0.0`, but that capability does not list it in its provides",
        // Emits.
        "operation `broken.op@1.0.0` emits event `broken.unregistered@1.0.0`, which is not in this registry",
        // Policy references and pii paths.
        "operation `broken.op@1.0.0`: policy: policy `broken.policy` is not declared",
        "pii path `nope` names no field: `Input` has no field `nope`",
        "pii path `email.domain` goes past `email`, whose value (`String`) has no fields",
        "pii path `a..b` names no field: `Input` has no field `a`",
        "event `broken.event@1.0.0`: pii path `address.street` names no field: `Address` has no field `street`",
        // Query idempotency and error catalog.
        "query `broken.op@1.0.0` is not idempotent",
        "error code `bad-code` is not SCREAMING_SNAKE_CASE",
        "error `bad-code` maps to HTTP 200, not 400-599",
        "declares error `TWICE` twice",
        // Doc ids.
        "operation `broken.op@1.0.0`: doc block `docs.missing` is not declared in this registry: declare it with `#[doc_block(id = \"docs.missing\", ...)]`",
        "feature `broken.feature@1.0.0`: doc block `docs.also-missing` is not declared",
        // Provides, requires, extends.
        "capability `broken.cap@1.0.0`: provided operation: operation `broken.mising` is not declared",
        "provided event: `broken.op@1.0.0` is a query, not an event",
        "requires: capability `broken.required` is not declared in this registry: declare it, or list the type that declares it in the `contracts(...)` of the `registry!` (this crate's, or one it includes), or fix the key. If the capability is not always present, mark the requirement `optional`",
        "requires: required capability `broken.other-cap@1.0.0` is of kind `data`, not `ui`: fix or remove the requirement's `kind`",
        "extended capability: `broken.op@1.0.0` is a query, not a capability",
        // Data view sources, form fields and actions.
        "primary source: `broken.event@1.0.0` is an event, not an operation",
        "refresh event: `broken.op@1.0.0` is a query, not an event",
        "form field `address.town` names no field: `Address` has no field `town`; its fields are `postcode`. Use the field's JSON name, as serde writes it",
        "action `go`: operation `broken.op` is not declared at version `2.0.0`; declared versions: `1.0.0`",
        // Feature members.
        "feature `broken.feature@1.0.0`: operation: operation `broken.gone` is not declared in this registry: declare it, or list the type that declares it in the `contracts(...)` of the `registry!` (this crate's, or one it includes), or fix the key",
        "data view: `broken.form@1.0.0` is a form, not a data view",
    ];
    for message in expected {
        assert!(text.contains(message), "missing {message:?} in\n{text}");
    }
    // The form's valid field and the operation's valid pii path are not reported.
    assert!(!text.contains("`email` names no field"), "{text}");
    assert!(
        !text.contains("workflow"),
        "workflows are not contracts: {text}"
    );
    // Locations point at the declaration.
    assert!(errors.iter().all(|e| e.ends_with(')')), "{text}");

    let warnings: Vec<String> = report.warnings().map(|f| f.to_string()).collect();
    let warnings = warnings.join("\n");
    assert!(warnings.contains(
        "capability `broken.cap@1.0.0` optionally requires capability `broken.optional@1.0.0`, which this registry does not satisfy"
    ), "{warnings}");
    assert!(warnings.contains("operation `broken.op@1.0.0` is provided by no capability (orphan)"));
    assert!(warnings.contains(
        "event `broken.event@1.0.0` is provided by no capability (orphan); emitted by `broken.op@1.0.0`"
    ));
    assert!(report.has_errors());
    assert!(report
        .findings
        .iter()
        .take(errors.len())
        .all(|f| f.severity == Severity::Error));
}

#[test]
fn the_binary_logic_exits_1_on_errors() {
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let status = contracts_cli::execute(&BROKEN, ["contracts", "validate"], &mut out, &mut err);
    assert_eq!(status, 1);
    let out = String::from_utf8(out).unwrap();
    assert!(
        out.lines()
            .last()
            .unwrap()
            .starts_with("9 contracts and 0 doc blocks checked: "),
        "{out}"
    );
    assert!(out.contains("error: duplicate contract"));
}

#[test]
fn the_domains_alone_are_valid() {
    for registry in [
        &contracts_control_plane::CONTROL_PLANE,
        &contracts_harness::HARNESS,
        &contracts_context::CONTEXT,
    ] {
        let report = validate(registry);
        assert!(!report.has_errors(), "{:?}", report.findings);
    }
}
