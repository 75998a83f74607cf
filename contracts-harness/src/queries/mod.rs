//! The queries of the harness domain, one module per query.

pub mod evaluation_get;
pub mod evidence_get;
pub mod evidence_list;
pub mod run_get;
pub mod target_resolve;

pub use evaluation_get::{HarnessEvaluationGetInput, HarnessEvaluationGetOutput};
pub use evidence_get::{HarnessEvidenceGetInput, HarnessEvidenceGetOutput};
pub use evidence_list::{HarnessEvidenceListInput, HarnessEvidenceListOutput};
pub use run_get::{HarnessRunGetInput, HarnessRunGetOutput};
pub use target_resolve::{HarnessTargetResolveInput, HarnessTargetResolveOutput};
