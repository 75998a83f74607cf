use contracts_core::{capability, command, doc_block, event, registry, Model};

/// Runs.
#[capability(key = "runs.core", version = "1.0.0", kind = "api",
    provides(operation("runs.run.start@1.0.0"), operation("runs.run.stop@1.0.0")))]
pub struct RunsCore;

/// Starts a run.
#[command(key = "runs.run.start", version = "1.0.0", capability = "runs.core",
    output = Done, policy(auth = "user"), doc_ids = ["runs.guide"])]
#[derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema, Model)]
pub struct Start {}

/// Stops a run; forgotten in the registry, and provided by `runs.core` by key: the provides
/// entry reports it, once, with both fixes.
#[command(key = "runs.run.stop", version = "1.0.0", capability = "runs.core",
    output = Done, policy(auth = "user"))]
#[derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema, Model)]
pub struct Stop {}

/// A run stopped; forgotten in the registry and named by no key: reported at itself.
#[event(key = "runs.run.stopped", version = "1.0.0")]
#[derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema, Model)]
pub struct Stopped {}

/// # Guide
///
/// How runs work. Forgotten in the registry, and named by `Start`'s `doc_ids`: reported there.
#[doc_block(id = "runs.guide", title = "Guide", summary = "How runs work.")]
pub struct Guide;

#[derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema, Model)]
pub struct Done {}

registry! {
    pub static REGISTRY;
    defaults(owners = ["team.runs"], stability = "beta");
    contracts(RunsCore, Start);
}

fn main() {}
