//! The contracts as `contracts.lock` records them. A change to a locked contract without a
//! version bump fails here, naming the contract, the change and the fix; a compatible change
//! fails until `contracts lock --crate contracts_context --lock contracts-context/contracts.lock` records it.

contracts_evolution::lock_test!(contracts_context::CONTEXT);
