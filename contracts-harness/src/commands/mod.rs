//! The commands of the harness domain, one module per command.

pub mod evaluation_run;
pub mod run_cancel;
pub mod run_start;

pub use evaluation_run::{HarnessEvaluationRunInput, HarnessEvaluationRunOutput};
pub use run_cancel::{HarnessRunCancelInput, HarnessRunCancelOutput};
pub use run_start::{HarnessRunStartError, HarnessRunStartInput, HarnessRunStartOutput};
