use contracts_core::{capability, registry};

/// Runs.
#[capability(key = "runs_execution", version = "1.0.0", kind = "api")]
pub struct RunsExecution;

/// Audit.
#[capability(key = "audit..log", version = "1.0.0", kind = "api")]
pub struct Audit;

registry! {
    pub static REGISTRY;
    defaults(owners = ["team.runs"], stability = "beta");
    contracts(RunsExecution, Audit);
}

fn main() {}
