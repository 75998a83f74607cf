use contracts_core::{capability, registry};

/// Runs.
#[capability(key = "runs.execution", version = "1.0.0", kind = "api",
    provides(operation("runs.run.start@1.0.0"), presentation("runs.run.timeline")))]
pub struct RunsExecution;

registry! {
    pub static REGISTRY;
    defaults(owners = ["team.runs"], stability = "beta");
    contracts(RunsExecution);
}

fn main() {}
