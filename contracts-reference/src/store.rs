//! The in-memory store behind the reference handlers.

use crate::fixtures::Fixtures;
use crate::records::{
    ContextPack, ContextSnapshot, EvidenceExport, ExecutionRun, HarnessScenario, HarnessSuite,
    Plan, PlanStatus,
};
use contracts_core::Id;
use contracts_harness::models::{HarnessRun, HarnessTarget};
use std::collections::BTreeMap;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

/// The state of the reference handlers, in memory: plans, control-plane runs with their steps
/// and evidence, evidence exports, harness targets, scenarios, suites and runs, context packs
/// and snapshots.
///
/// Thread-safe and cheap to clone: clones share the same state (an `Arc<Mutex<_>>`). Every
/// handler reads and writes it under one lock, held for the whole check-then-write, so
/// concurrent calls see each other's effects atomically (two concurrent rejections of one step:
/// one succeeds, the other is a conflict). The lock is never held across an `await`.
///
/// Build it empty ([`Store::new`]), from [`Fixtures`] ([`Store::with_fixtures`]) or with the
/// demo fixtures ([`Store::demo`]). Readers return copies.
///
/// ```
/// use contracts_reference::{fixtures, records::PlanStatus, Store};
///
/// let store = Store::demo();
/// let plan = store.plan(fixtures::PENDING_PLAN).unwrap();
/// assert_eq!(plan.status, PlanStatus::PendingApproval);
///
/// let clone = store.clone(); // shares the state
/// assert!(clone.set_plan_status(fixtures::PENDING_PLAN, PlanStatus::Approved));
/// assert_eq!(store.plan(fixtures::PENDING_PLAN).unwrap().status, PlanStatus::Approved);
/// ```
#[derive(Clone, Default)]
pub struct Store {
    state: Arc<Mutex<State>>,
}

/// Everything the store holds.
#[derive(Default)]
pub(crate) struct State {
    pub(crate) plans: BTreeMap<String, Plan>,
    pub(crate) runs: BTreeMap<String, ExecutionRun>,
    pub(crate) exports: Vec<EvidenceExport>,
    pub(crate) targets: BTreeMap<String, HarnessTarget>,
    pub(crate) default_target: Option<Id>,
    pub(crate) scenarios: BTreeMap<String, HarnessScenario>,
    pub(crate) suites: BTreeMap<String, HarnessSuite>,
    pub(crate) harness_runs: BTreeMap<String, HarnessRun>,
    /// By key, then version.
    pub(crate) packs: BTreeMap<String, BTreeMap<String, ContextPack>>,
    pub(crate) snapshots: BTreeMap<String, ContextSnapshot>,
    /// The last number given to each id prefix.
    sequences: BTreeMap<&'static str, u64>,
}

impl State {
    /// A new id `<prefix>-<n>` for which `taken` is false.
    pub(crate) fn fresh_id(
        &mut self,
        prefix: &'static str,
        taken: impl Fn(&State, &str) -> bool,
    ) -> Id {
        loop {
            let sequence = self.sequences.entry(prefix).or_default();
            *sequence += 1;
            let id = format!("{prefix}-{:04}", *sequence);
            if !taken(self, &id) {
                return Id(id);
            }
        }
    }

    /// Whether a plan or a run names the execution.
    pub(crate) fn knows_execution(&self, execution_id: &str) -> bool {
        self.plans
            .values()
            .any(|plan| plan.execution_id.as_str() == execution_id)
            || self
                .runs
                .values()
                .any(|run| run.execution_id.as_str() == execution_id)
    }
}

impl core::fmt::Debug for Store {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        let state = self.lock();
        f.debug_struct("Store")
            .field("plans", &state.plans.len())
            .field("runs", &state.runs.len())
            .field("exports", &state.exports.len())
            .field("harness_targets", &state.targets.len())
            .field("harness_scenarios", &state.scenarios.len())
            .field("harness_suites", &state.suites.len())
            .field("harness_runs", &state.harness_runs.len())
            .field(
                "context_packs",
                &state.packs.values().map(BTreeMap::len).sum::<usize>(),
            )
            .field("context_snapshots", &state.snapshots.len())
            .finish()
    }
}

impl Store {
    /// An empty store.
    pub fn new() -> Store {
        Store::default()
    }

    /// A store holding `fixtures`.
    pub fn with_fixtures(fixtures: Fixtures) -> Store {
        let store = Store::new();
        store.seed(fixtures);
        store
    }

    /// A store holding the demo fixtures ([`Fixtures::demo`]).
    pub fn demo() -> Store {
        Store::with_fixtures(Fixtures::demo())
    }

    /// The state, locked. A handler that panicked while holding the lock does not make the
    /// store unusable.
    pub(crate) fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Adds `fixtures`, replacing records with the same ids (keys for scenarios, suites, and
    /// key and version for context packs).
    pub fn seed(&self, fixtures: Fixtures) {
        let mut state = self.lock();
        for plan in fixtures.plans {
            state.plans.insert(plan.plan_id.to_string(), plan);
        }
        for run in fixtures.runs {
            state.runs.insert(run.run_id.to_string(), run);
        }
        for target in fixtures.harness_targets {
            state.targets.insert(target.target_id.to_string(), target);
        }
        if fixtures.default_harness_target.is_some() {
            state.default_target = fixtures.default_harness_target;
        }
        for scenario in fixtures.harness_scenarios {
            state.scenarios.insert(scenario.key.clone(), scenario);
        }
        for suite in fixtures.harness_suites {
            state.suites.insert(suite.key.clone(), suite);
        }
        for run in fixtures.harness_runs {
            state.harness_runs.insert(run.run_id.to_string(), run);
        }
        for pack in fixtures.context_packs {
            state
                .packs
                .entry(pack.pack_key.clone())
                .or_default()
                .insert(pack.version.clone(), pack);
        }
    }

    /// The plan `plan_id`.
    pub fn plan(&self, plan_id: &str) -> Option<Plan> {
        self.lock().plans.get(plan_id).cloned()
    }

    /// Sets the status of plan `plan_id` (what `controlPlane.plan.verify` and a reviewer's
    /// approval would do); `false` if there is no such plan.
    pub fn set_plan_status(&self, plan_id: &str, status: PlanStatus) -> bool {
        match self.lock().plans.get_mut(plan_id) {
            Some(plan) => {
                plan.status = status;
                true
            }
            None => false,
        }
    }

    /// The control-plane run `run_id`.
    pub fn run(&self, run_id: &str) -> Option<ExecutionRun> {
        self.lock().runs.get(run_id).cloned()
    }

    /// The control-plane run of execution `execution_id`, if it has started.
    pub fn run_of_execution(&self, execution_id: &str) -> Option<ExecutionRun> {
        self.lock()
            .runs
            .values()
            .find(|run| run.execution_id.as_str() == execution_id)
            .cloned()
    }

    /// Every evidence export, oldest first.
    pub fn exports(&self) -> Vec<EvidenceExport> {
        self.lock().exports.clone()
    }

    /// The harness run `run_id`.
    pub fn harness_run(&self, run_id: &str) -> Option<HarnessRun> {
        self.lock().harness_runs.get(run_id).cloned()
    }

    /// Every harness run, by id.
    pub fn harness_runs(&self) -> Vec<HarnessRun> {
        self.lock().harness_runs.values().cloned().collect()
    }

    /// Adds context pack `pack`, or replaces the pack with its key and version. Snapshots
    /// already taken do not change.
    pub fn put_context_pack(&self, pack: ContextPack) {
        self.lock()
            .packs
            .entry(pack.pack_key.clone())
            .or_default()
            .insert(pack.version.clone(), pack);
    }

    /// The context pack `pack_key` at `version`.
    pub fn context_pack(&self, pack_key: &str, version: &str) -> Option<ContextPack> {
        self.lock().packs.get(pack_key)?.get(version).cloned()
    }

    /// The snapshot `snapshot_id`.
    pub fn snapshot(&self, snapshot_id: &str) -> Option<ContextSnapshot> {
        self.lock().snapshots.get(snapshot_id).cloned()
    }

    /// Every snapshot, by id.
    pub fn snapshots(&self) -> Vec<ContextSnapshot> {
        self.lock().snapshots.values().cloned().collect()
    }
}
