use contracts_core::{capability, registry};

/// Runs.
#[capability(key = "runs.execution", version = "1.0", kind = "api")]
pub struct RunsExecution;

/// Audit.
#[capability(key = "audit.log", version = "01.0.0", kind = "api",
    requires(capability("runs.execution@v1")))]
pub struct Audit;

registry! {
    pub static REGISTRY;
    defaults(owners = ["team.runs"], stability = "beta");
    contracts(RunsExecution, Audit);
}

fn main() {}
