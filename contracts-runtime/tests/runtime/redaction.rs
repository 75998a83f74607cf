//! Telemetry and redaction.

use super::*;

#[test]
fn redaction_follows_paths_through_nested_arrays() {
    let mut value = json!({
        "runs": [
            {"steps": [{"evidence": [{"email": "a@x", "kept": 1}, {"email": "b@x"}]}]},
            {"steps": []},
            {"steps": [{"evidence": [[{"email": "c@x"}]]}]},
        ],
        "owner": {"email": "d@x"},
    });
    redact(
        &mut value,
        &["runs.steps.evidence.email", "owner.email", "nothing.here"],
    );
    assert_eq!(
        value,
        json!({
            "runs": [
                {"steps": [{"evidence": [{"email": "[REDACTED]", "kept": 1}, {"email": "[REDACTED]"}]}]},
                {"steps": []},
                {"steps": [{"evidence": [[{"email": "[REDACTED]"}]]}]},
            ],
            "owner": {"email": "[REDACTED]"},
        })
    );
}
