//! The queries of the control plane: read-only operations, one module per query.
//!
//! Each module holds the annotated input struct, the output, the models only it uses and its
//! error catalog, if any; everything is re-exported here.

pub mod execution_get;
pub mod execution_lane_get;
pub mod execution_lane_list;
pub mod execution_list;
pub mod policy_explain;
pub mod skill_list;
pub mod skill_verify;
pub mod trace_get;

pub use execution_get::{
    ControlPlaneExecutionGetInput, ControlPlaneExecutionGetOutput, ControlPlaneExecutionRecord,
};
pub use execution_lane_get::{
    ControlPlaneExecutionLaneDetail, ControlPlaneExecutionLaneGetInput,
    ControlPlaneExecutionLaneGetOutput,
};
pub use execution_lane_list::{
    ControlPlaneExecutionLaneListInput, ControlPlaneExecutionLaneListOutput,
    ControlPlaneExecutionLaneSummary,
};
pub use execution_list::{
    ControlPlaneExecutionListInput, ControlPlaneExecutionListOutput, ControlPlaneExecutionSummary,
};
pub use policy_explain::{ControlPlanePolicyExplainInput, ControlPlanePolicyExplainOutput};
pub use skill_list::{
    ControlPlaneSkillListInput, ControlPlaneSkillListOutput, ControlPlaneSkillSummary,
};
pub use skill_verify::{ControlPlaneSkillVerifyInput, ControlPlaneSkillVerifyOutput};
pub use trace_get::{
    ControlPlaneTraceEntry, ControlPlaneTraceGetInput, ControlPlaneTraceGetOutput,
};
