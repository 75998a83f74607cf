//! The three domain crates in one registry, as the README's `contracts` binary documents them.
//! Each test crate declares `DOMAINS` with `domains_registry!()` at its root.

/// Declares `DOMAINS`, the registry including the control plane, harness and context domains,
/// in a module of its own (beside a crate's own registry) and brings it into scope.
macro_rules! domains_registry {
    () => {
        mod domains {
            contracts_core::registry! {
                /// The three domains together.
                pub static DOMAINS;
                includes(
                    contracts_control_plane::CONTROL_PLANE,
                    contracts_harness::HARNESS,
                    contracts_context::CONTEXT,
                );
            }
        }
        use domains::DOMAINS;
    };
}
