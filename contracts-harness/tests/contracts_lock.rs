//! The contracts as `contracts.lock` records them. A change to a locked contract without a
//! version bump fails here, naming the contract, the change and the fix; a compatible change
//! fails until `contracts lock --crate contracts_harness --lock contracts-harness/contracts.lock` records it.

contracts_evolution::lock_test!(contracts_harness::HARNESS);
