//! `contracts test`: the declared examples, run against the handlers `contracts serve` binds.

use crate::args::TestArgs;
use crate::serve::{ServePublisher, Serving};
use contracts_core::Registry;
use contracts_events::outbox::{InMemorySink, Relay, SqliteOutbox};
use contracts_runtime::testing::{run_examples_with, EmittedEvents};
use contracts_runtime::Runtime;
use std::cell::Cell;
use std::io::Write;

/// Builds the runtime `serve` would serve (its events committed to an in-memory outbox), runs
/// every example on it and writes the report; `1` when an example failed.
pub(crate) fn test(
    registry: &'static Registry,
    args: &TestArgs,
    serving: &Serving,
    out: &mut dyn Write,
) -> Result<u8, String> {
    let outbox = SqliteOutbox::in_memory().map_err(|e| format!("cannot open the outbox: {e}"))?;
    let mut runtime: Runtime<ServePublisher> =
        Runtime::new(registry).with_publisher(outbox.publisher());
    if serving.subset || args.allow_unbound {
        runtime = runtime.serve_subset();
    }
    (serving.bind)(&mut runtime).map_err(|e| format!("cannot bind the handlers: {e}"))?;
    let events = OutboxEvents {
        relay: Relay::new(outbox, InMemorySink::new()),
        seen: Cell::new(0),
    };
    let tokio = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| format!("cannot start the async runtime: {e}"))?;
    let report = tokio.block_on(run_examples_with(&runtime, &events));
    writeln!(out, "{report}").map_err(|e| e.to_string())?;
    Ok(if report.is_ok() { 0 } else { 1 })
}

/// The events of the outbox, relayed to memory after each call.
struct OutboxEvents {
    relay: Relay<SqliteOutbox, InMemorySink>,
    seen: Cell<usize>,
}

impl EmittedEvents for OutboxEvents {
    async fn take_keys(&self) -> Result<Vec<String>, String> {
        self.relay.run_once().await.map_err(|e| e.to_string())?;
        let events = self.relay.sink().events();
        let new = events[self.seen.get().min(events.len())..]
            .iter()
            .map(|e| e.key.clone())
            .collect();
        self.seen.set(events.len());
        Ok(new)
    }
}
