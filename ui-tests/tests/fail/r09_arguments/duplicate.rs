use contracts_core::{capability, registry};

/// Runs.
#[capability(key = "runs.execution", version = "1.0.0", kind = "api", version = "2.0.0")]
pub struct RunsExecution;

registry! {
    pub static REGISTRY;
    defaults(owners = ["team.runs"], stability = "beta");
    contracts(RunsExecution);
}

fn main() {}
