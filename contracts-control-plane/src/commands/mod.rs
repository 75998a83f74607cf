//! The commands of the control plane: operations that change state, one module per command.
//!
//! Each module holds the annotated input struct, the output, the models only it uses and its
//! error catalog, if any; everything is re-exported here.

pub mod execution_abort;
pub mod execution_approve;
pub mod execution_cancel;
pub mod execution_evidence_export;
pub mod execution_pause;
pub mod execution_reject;
pub mod execution_resume;
pub mod execution_retry;
pub mod execution_shutdown;
pub mod execution_start;
pub mod intent_submit;
pub mod plan_compile;
pub mod plan_verify;
pub mod skill_disable;
pub mod skill_install;

pub use execution_abort::{ControlPlaneExecutionAbortInput, ControlPlaneExecutionAbortOutput};
pub use execution_approve::{
    ControlPlaneExecutionApproveInput, ControlPlaneExecutionApproveOutput,
};
pub use execution_cancel::{ControlPlaneExecutionCancelInput, ControlPlaneExecutionCancelOutput};
pub use execution_evidence_export::{
    ControlPlaneExecutionEvidenceExportInput, ControlPlaneExecutionEvidenceExportOutput,
};
pub use execution_pause::{ControlPlaneExecutionPauseInput, ControlPlaneExecutionPauseOutput};
pub use execution_reject::{ControlPlaneExecutionRejectInput, ControlPlaneExecutionRejectOutput};
pub use execution_resume::{ControlPlaneExecutionResumeInput, ControlPlaneExecutionResumeOutput};
pub use execution_retry::{ControlPlaneExecutionRetryInput, ControlPlaneExecutionRetryOutput};
pub use execution_shutdown::{
    ControlPlaneExecutionShutdownInput, ControlPlaneExecutionShutdownOutput,
};
pub use execution_start::{ControlPlaneExecutionStartInput, ControlPlaneExecutionStartOutput};
pub use intent_submit::{ControlPlaneIntentSubmitInput, ControlPlaneIntentSubmitOutput};
pub use plan_compile::{
    ControlPlanePlanCompileError, ControlPlanePlanCompileInput, ControlPlanePlanCompileOutput,
};
pub use plan_verify::{ControlPlanePlanVerifyInput, ControlPlanePlanVerifyOutput};
pub use skill_disable::{ControlPlaneSkillDisableInput, ControlPlaneSkillDisableOutput};
pub use skill_install::{
    ControlPlaneSkillInstallError, ControlPlaneSkillInstallInput, ControlPlaneSkillInstallOutput,
};
