//! `controlPlane.skill.install@1.0.0` (command): install a signed skill artifact after verification checks.

// Fields are left undocumented: the reference gives message fields no descriptions, and a field's
// doc comment would become its description in the contract.
#![allow(missing_docs)]

use crate::events::{ControlPlaneSkillInstalledPayload, ControlPlaneSkillRejectedPayload};
use crate::models::{ControlPlaneSkillManifest, ControlPlaneSkillVerificationIssue};
use contracts_core::{command, DateTime, ErrorCatalog, Id, JsonObject, Model};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Install a signed skill artifact after verification checks.
#[command(
    key = "controlPlane.skill.install",
    version = "1.0.0",
    title = "Install Skill Artifact",
    goal = "Enforce trusted skill onboarding with provenance guarantees.",
    context = "Used by the control plane or marketplace workflows when enabling new skills.",
    tags = ["skills"],
    capability = "control-plane.skill-registry@1.0.0",
    output = ControlPlaneSkillInstallOutput,
    emits(
        ControlPlaneSkillInstalledPayload(when = "Skill validation and installation complete successfully."),
        ControlPlaneSkillRejectedPayload(when = "Skill validation fails and installation is rejected."),
    ),
    errors = ControlPlaneSkillInstallError,
    policy(auth = "admin"),
)]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, Model)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ControlPlaneSkillInstallInput {
    pub skill_key: String,
    pub version: String,
    pub artifact_digest: String,
    pub manifest: ControlPlaneSkillManifest,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata: Option<JsonObject>,
}

/// What `controlPlane.skill.install` returns.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, Model)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ControlPlaneSkillInstallOutput {
    pub installation_id: Id,
    pub skill_key: String,
    pub version: String,
    pub verified: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signature_verified: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub publisher_trusted: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub compatibility_verified: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub manifest_digest: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provenance: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issues: Option<Vec<ControlPlaneSkillVerificationIssue>>,
    pub status: String,
    pub installed_at: DateTime,
}

/// The named errors of `controlPlane.skill.install`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ErrorCatalog)]
pub enum ControlPlaneSkillInstallError {
    /// The submitted artifact signature is invalid.
    #[contract_error(
        code = "SIGNATURE_INVALID",
        http = 400,
        when = "Signature verification fails for the supplied artifact digest."
    )]
    SignatureInvalid,
    /// The skill manifest is missing a signature block.
    #[contract_error(
        code = "SIGNATURE_MISSING",
        http = 400,
        when = "Unsigned skill artifacts are submitted for installation."
    )]
    SignatureMissing,
    /// The skill manifest payload is malformed.
    #[contract_error(
        code = "MANIFEST_INVALID",
        http = 400,
        when = "Manifest schema validation fails before verification can run."
    )]
    ManifestInvalid,
    /// The skill manifest schema version is unsupported.
    #[contract_error(
        code = "SCHEMA_VERSION_INVALID",
        http = 400,
        when = "Manifest schemaVersion is not supported by the control plane."
    )]
    SchemaVersionInvalid,
    /// The skill publisher or signing key is not trusted.
    #[contract_error(
        code = "PUBLISHER_UNTRUSTED",
        http = 403,
        when = "Publisher trust policy rejects the manifest identity or signature key."
    )]
    PublisherUntrusted,
    /// The signing key is not pinned for the trusted publisher.
    #[contract_error(
        code = "KEY_UNTRUSTED",
        http = 403,
        when = "Trusted publisher policy does not include the manifest keyId or public key."
    )]
    KeyUntrusted,
    /// The skill provenance is outside the trusted publisher scope.
    #[contract_error(
        code = "PROVENANCE_UNTRUSTED",
        http = 403,
        when = "Manifest provenance does not match the trusted publisher prefixes."
    )]
    ProvenanceUntrusted,
    /// The submitted artifact digest does not match the signed manifest.
    #[contract_error(
        code = "ARTIFACT_DIGEST_MISMATCH",
        http = 409,
        when = "Artifact tampering or drift is detected during verification."
    )]
    ArtifactDigestMismatch,
    /// The skill manifest signature has expired.
    #[contract_error(
        code = "SIGNATURE_EXPIRED",
        http = 400,
        when = "Signature expiry checks fail during verification."
    )]
    SignatureExpired,
    /// The runtime did not provide a ContractSpec version for compatibility checks.
    #[contract_error(
        code = "CONTRACTS_SPEC_VERSION_MISSING",
        http = 409,
        when = "Compatibility requirements cannot be evaluated without a runtime version."
    )]
    ContractsSpecVersionMissing,
    /// The runtime ContractSpec version is below the supported minimum.
    #[contract_error(
        code = "CONTRACTS_SPEC_TOO_OLD",
        http = 409,
        when = "Skill compatibility requires a newer ContractSpec version."
    )]
    ContractsSpecTooOld,
    /// The runtime ContractSpec version is above the supported maximum.
    #[contract_error(
        code = "CONTRACTS_SPEC_TOO_NEW",
        http = 409,
        when = "Skill compatibility does not support the active ContractSpec version yet."
    )]
    ContractsSpecTooNew,
    /// The runtime did not provide a control-plane version for compatibility checks.
    #[contract_error(
        code = "CONTROL_PLANE_VERSION_MISSING",
        http = 409,
        when = "Control-plane feature compatibility requires an explicit runtime version."
    )]
    ControlPlaneVersionMissing,
    /// The control-plane runtime is below the supported minimum version.
    #[contract_error(
        code = "CONTROL_PLANE_TOO_OLD",
        http = 409,
        when = "Skill compatibility requires a newer control-plane version."
    )]
    ControlPlaneTooOld,
    /// The control-plane runtime is above the supported maximum version.
    #[contract_error(
        code = "CONTROL_PLANE_TOO_NEW",
        http = 409,
        when = "Skill compatibility does not support the active control-plane version yet."
    )]
    ControlPlaneTooNew,
    /// The runtime is missing a capability required by the skill.
    #[contract_error(
        code = "CAPABILITY_MISSING",
        http = 409,
        when = "Required control-plane capabilities are unavailable at install time."
    )]
    CapabilityMissing,
}
