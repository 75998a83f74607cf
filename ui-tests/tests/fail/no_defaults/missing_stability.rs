use contracts_core::{capability, registry};

/// Runs, with no stability here or in the registry defaults.
#[capability(key = "runs.execution", version = "1.0.0", kind = "api")]
pub struct RunsExecution;

registry! {
    pub static REGISTRY;
    contracts(RunsExecution);
}

fn main() {}
