//! Which parts of an evidence bundle are personal data, and removing them for export.
//!
//! `controlPlane.execution.evidence.export` declares no pii (`policy.pii` is empty: its input,
//! a run id and an operator id, holds none), so the contract cannot say what to remove from the
//! evidence it exports. The paths come instead from the contracts that describe the evidence:
//!
//! 1. **The payload**: a bundle whose `source` names a contract (`key@version`) holds a message
//!    of that contract, whose personal fields the contract declares: an operation's
//!    `policy.pii` (the payload is its input) or an event's `pii` (the payload is its payload).
//!    Those paths are redacted under `payload.`. For instance an intent captured as evidence
//!    (`controlPlane.intent.submit@1.0.0`) loses its `text`, which the contract declares
//!    personal.
//! 2. **Fail closed**: a payload with no `source`, or one that names no contract of
//!    [`DOMAINS`](crate::DOMAINS) at that exact version, has no declared shape, so nothing proves
//!    it free of personal data: the whole payload is redacted.
//! 3. **The envelope**: the bundle's own fields holding personal data, listed in
//!    [`ENVELOPE_PII`] (`capturedBy`, who captured it). The bundle is this crate's model, so
//!    this crate declares them.
//!
//! Redaction itself is [`contracts_runtime::redact`]: each path's value becomes
//! [`REDACTED`](contracts_runtime::REDACTED).

use crate::records::EvidenceBundle;
use contracts_core::{Contract, Registry};
use contracts_runtime::redact;
use serde_json::Value;

/// The fields of an [`EvidenceBundle`] itself that hold personal data.
pub const ENVELOPE_PII: &[&str] = &["capturedBy"];

/// The pii paths a contract declares for its message, if `source` names an operation or an
/// event of `registry` as `key@version`; `None` if it names nothing (fail closed).
///
/// ```
/// use contracts_reference::{evidence::declared_pii, DOMAINS};
///
/// assert_eq!(declared_pii(&DOMAINS, "controlPlane.intent.submit@1.0.0"), Some(&["text"][..]));
/// assert_eq!(declared_pii(&DOMAINS, "harness.run.started@1.0.0"), Some(&[][..]));
/// assert_eq!(declared_pii(&DOMAINS, "controlPlane.intent.submit"), None); // no version
/// assert_eq!(declared_pii(&DOMAINS, "control-plane.core@1.0.0"), None); // not a message
/// ```
pub fn declared_pii(registry: &Registry, source: &str) -> Option<&'static [&'static str]> {
    let (key, version) = source.split_once('@')?;
    match registry.get(key, version)? {
        Contract::Operation(operation) => Some(operation.policy.pii),
        Contract::Event(event) => Some(event.pii),
        _ => None,
    }
}

/// The bundle as JSON with its personal data redacted, following the rules of this module.
///
/// ```
/// use contracts_reference::{evidence::redacted_bundle, records::EvidenceBundle, DOMAINS};
/// use serde_json::json;
///
/// let bundle = EvidenceBundle {
///     bundle_id: "ev-1".into(),
///     step_id: None,
///     kind: "intent".into(),
///     source: Some("controlPlane.intent.submit@1.0.0".into()),
///     captured_by: Some("ops@example.com".into()),
///     captured_at: "2026-11-21T10:00:00Z".parse().unwrap(),
///     payload: json!({"workspaceId": "ws-1", "text": "Refund jane@example.com"}),
/// };
/// let redacted = redacted_bundle(&DOMAINS, &bundle).unwrap();
/// assert_eq!(redacted["payload"], json!({"workspaceId": "ws-1", "text": "[REDACTED]"}));
/// assert_eq!(redacted["capturedBy"], "[REDACTED]");
/// ```
pub fn redacted_bundle(
    registry: &Registry,
    bundle: &EvidenceBundle,
) -> Result<Value, serde_json::Error> {
    let mut value = serde_json::to_value(bundle)?;
    redact(&mut value, ENVELOPE_PII);
    match bundle
        .source
        .as_deref()
        .and_then(|source| declared_pii(registry, source))
    {
        Some(paths) => {
            let paths: Vec<String> = paths.iter().map(|path| format!("payload.{path}")).collect();
            redact(&mut value, &paths);
        }
        None => redact(&mut value, &["payload"]),
    }
    Ok(value)
}
