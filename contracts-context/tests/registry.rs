//! The questions ContractSpec's context tests ask its registries, asked of [`CONTEXT`] and
//! answered from the reference data for every contract and doc block of the fixture
//! (`contracts_parity::assert_registry_answers`); then what only this domain has: a key that is
//! a prefix of another key, and presentation and data view sources.

mod common;

use common::{reference, RESOLUTIONS};
use contracts_context::CONTEXT;
use contracts_core::{Contract, ContractKind};

#[test]
fn the_registry_answers_as_the_reference() {
    contracts_parity::assert_registry_answers(&CONTEXT, &reference(), &RESOLUTIONS);
}

/// `context.pack.search` is a prefix of `context.pack.search.form`: each finds itself, and the
/// shorter prefixes find nothing (README.md, "Tests").
#[test]
fn a_key_that_prefixes_another_finds_itself() {
    assert_eq!(
        CONTEXT.latest("context.pack.search").map(|c| c.kind()),
        Some(ContractKind::Query)
    );
    assert_eq!(
        CONTEXT.latest("context.pack.search.form").map(|c| c.kind()),
        Some(ContractKind::Form)
    );
    assert!(CONTEXT.latest("context.pack").is_none());
    assert!(CONTEXT.latest("context.snapshot").is_none());
}

#[test]
fn presentation_and_data_view_sources_match_the_reference() {
    // Checked on the descriptors themselves, independently of how a whole contract serializes:
    // the declaration's location was once serialized under the same `source` name.
    let reference = reference();
    let id = |c: &serde_json::Value| {
        let text = |field: &str| c[field].as_str().expect("a string").to_owned();
        format!("{}@{}", text("key"), text("version"))
    };
    for expected in reference.contracts("presentations") {
        let Some(Contract::Presentation(presentation)) = CONTEXT.find(&id(expected)) else {
            panic!("presentation {}", id(expected));
        };
        let source = serde_json::to_value(&presentation.source).expect("serializes");
        assert_eq!(source, expected["source"], "source of {}", id(expected));
        let targets = serde_json::to_value(presentation.targets).expect("serializes");
        assert_eq!(targets, expected["targets"], "targets of {}", id(expected));
    }
    for expected in reference.contracts("dataViews") {
        let Some(Contract::DataView(view)) = CONTEXT.find(&id(expected)) else {
            panic!("data view {}", id(expected));
        };
        let source = serde_json::to_value(&view.source).expect("serializes");
        assert_eq!(source, expected["source"], "source of {}", id(expected));
    }
}
