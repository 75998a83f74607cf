//! The reference fixture and the deliberate differences from it, shared by `parity.rs` and
//! `registry.rs`.

use contracts_parity::{Reference, Resolution};

pub fn reference() -> Reference {
    Reference::from_json(include_str!("../fixtures/control-plane.json"))
        .expect("the fixture parses")
}

// The two capabilities that gain provides entries.
const CORE: &str = "control-plane.core@1.0.0";
const AUDIT: &str = "control-plane.audit@1.0.0";

/// Every deliberate difference from the reference, as listed in README.md ("Where the data
/// disagrees with the rules"): each operation claims a capability whose `provides` does not list
/// it upstream, and the capability now lists it.
const ADDED_PROVIDES: [(&str, &str); 8] = [
    (CORE, "controlPlane.execution.abort@1.0.0"),
    (CORE, "controlPlane.execution.pause@1.0.0"),
    (CORE, "controlPlane.execution.resume@1.0.0"),
    (CORE, "controlPlane.execution.retry@1.0.0"),
    (CORE, "controlPlane.execution.shutdown@1.0.0"),
    (AUDIT, "controlPlane.execution.evidence.export@1.0.0"),
    (AUDIT, "controlPlane.execution.lane.get@1.0.0"),
    (AUDIT, "controlPlane.execution.lane.list@1.0.0"),
];

pub fn resolutions() -> Vec<Resolution> {
    ADDED_PROVIDES
        .iter()
        .map(|&(capability, operation)| {
            Resolution::added_provides(
                capability,
                "operation",
                operation,
                "the operation claims this capability, whose provides upstream does not list it; the capability now lists it",
            )
        })
        .collect()
}
