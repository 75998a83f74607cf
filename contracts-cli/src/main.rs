//! The `contracts` binary, serving the three domain crates of this workspace (control plane,
//! harness, context). To serve your own registry, call [`contracts_cli::run`] from your binary.

contracts_core::registry! {
    /// Every contract of the three domains: control plane, harness and context.
    pub static DOMAINS;
    includes(
        contracts_control_plane::CONTROL_PLANE,
        contracts_harness::HARNESS,
        contracts_context::CONTEXT,
    );
}

fn main() -> std::process::ExitCode {
    contracts_cli::run(&DOMAINS)
}
