//! The relay: publishes committed events from the outbox table to a [`Sink`].

use super::{OutboxError, OutboxStore, StoredEvent};
use crate::record::EventRecord;
use contracts_runtime::PublishError;
use futures_util::future::join_all;
use std::future::Future;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

/// Where the relay publishes events: [`JetStream`](crate::jetstream::JetStream), or an
/// [`InMemorySink`].
///
/// `publish` returns once the event is durable there (acknowledged), or fails; it may be called
/// again with an event it already published (at least once), which the sink deduplicates by
/// event id if it can.
pub trait Sink: Send + Sync + 'static {
    /// Publishes one event, waiting for its acknowledgement.
    fn publish(&self, event: &EventRecord)
        -> impl Future<Output = Result<(), PublishError>> + Send;
}

/// A sink keeping events in memory, for tests and the zero-setup default; it drops an event
/// whose id it already holds, as a broker's deduplication would. Clones share the same events.
#[derive(Clone, Debug, Default)]
pub struct InMemorySink {
    events: Arc<Mutex<Vec<EventRecord>>>,
}

impl InMemorySink {
    /// An empty sink.
    pub fn new() -> InMemorySink {
        InMemorySink::default()
    }

    /// A copy of every event published so far, in order.
    pub fn events(&self) -> Vec<EventRecord> {
        self.events
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }
}

impl Sink for InMemorySink {
    fn publish(
        &self,
        event: &EventRecord,
    ) -> impl Future<Output = Result<(), PublishError>> + Send {
        let mut events = self.events.lock().unwrap_or_else(PoisonError::into_inner);
        if !events.iter().any(|e| e.id == event.id) {
            events.push(event.clone());
        }
        std::future::ready(Ok(()))
    }
}

/// How the relay works: the largest batch it reads at once, how long it sleeps when the outbox
/// is empty (it wakes up at once when this process commits events), and its backoff when the
/// sink or the database fails.
#[derive(Clone, Copy, Debug)]
pub struct RelayOptions {
    /// Events read per pass (default 512).
    pub batch: usize,
    /// The longest sleep when there is nothing to publish (default 200 ms): how soon events
    /// committed by other processes are seen.
    pub idle: Duration,
    /// The first backoff after a failure (default 50 ms), doubled up to `max_backoff`.
    pub backoff: Duration,
    /// The longest backoff (default 5 s).
    pub max_backoff: Duration,
}

impl Default for RelayOptions {
    fn default() -> Self {
        RelayOptions {
            batch: 512,
            idle: Duration::from_millis(200),
            backoff: Duration::from_millis(50),
            max_backoff: Duration::from_secs(5),
        }
    }
}

/// What one pass of the relay did.
#[derive(Debug, Default)]
pub struct RelayPass {
    /// Events read from the outbox.
    pub read: usize,
    /// Events published and marked.
    pub published: usize,
    /// The first failure of the sink, if any (its events stay in the outbox).
    pub failure: Option<PublishError>,
}

/// Publishes the committed events of an outbox to a sink: see the
/// [module docs](super#delivery) for its guarantees.
///
/// See [`SqliteOutbox`](super::SqliteOutbox) for an example.
pub struct Relay<S, K> {
    store: S,
    sink: K,
    options: RelayOptions,
}

impl<S: OutboxStore, K: Sink> Relay<S, K> {
    /// A relay from `store` to `sink` with the default options.
    pub fn new(store: S, sink: K) -> Self {
        Relay {
            store,
            sink,
            options: RelayOptions::default(),
        }
    }

    /// Sets the options.
    pub fn with_options(mut self, options: RelayOptions) -> Self {
        self.options = options;
        self
    }

    /// The sink.
    pub fn sink(&self) -> &K {
        &self.sink
    }

    /// One pass: reads a batch, publishes it (each ordering key in order, keys concurrently),
    /// marks what was acknowledged. Fails only if the database does; a failing sink is
    /// reported in [`RelayPass::failure`].
    pub async fn run_once(&self) -> Result<RelayPass, OutboxError> {
        let batch = self.store.fetch(self.options.batch).await?;
        let read = batch.len();
        if read == 0 {
            return Ok(RelayPass::default());
        }
        let chains = join_all(by_ordering_key(&batch).into_iter().map(|chain| async move {
            let mut done = Vec::with_capacity(chain.len());
            for event in chain {
                if let Err(error) = self.sink.publish(&event.record).await {
                    return (done, Some(error));
                }
                done.push(event.seq);
            }
            (done, None)
        }))
        .await;
        let mut published = Vec::with_capacity(read);
        let mut failure = None;
        for (done, error) in chains {
            published.extend(done);
            if failure.is_none() {
                failure = error;
            }
        }
        self.store.mark_published(&published).await?;
        Ok(RelayPass {
            read,
            published: published.len(),
            failure,
        })
    }

    /// Runs until `shutdown` completes: passes back to back while there is work, waiting for a
    /// commit (or [`RelayOptions::idle`]) when there is none, backing off after failures,
    /// which are logged and never lose an event.
    pub async fn run(self, shutdown: impl Future<Output = ()>) {
        let mut shutdown = std::pin::pin!(shutdown);
        tokio::select! {
            () = &mut shutdown => return,
            acquired = self.store.acquire() => if let Err(error) = acquired {
                tracing::error!(%error, "the relay could not become the active one");
                return;
            },
        }
        let mut backoff = self.options.backoff;
        loop {
            let wait = match self.run_once().await {
                Ok(pass) if pass.failure.is_none() => {
                    backoff = self.options.backoff;
                    if pass.read == self.options.batch {
                        continue;
                    }
                    if pass.read > 0 {
                        // More may have been committed meanwhile.
                        continue;
                    }
                    None
                }
                Ok(pass) => {
                    let error = pass.failure.unwrap_or_else(|| PublishError::new("unknown"));
                    tracing::warn!(%error, published = pass.published, "the relay will retry");
                    Some(next_backoff(&mut backoff, self.options.max_backoff))
                }
                Err(error) => {
                    tracing::error!(%error, "the relay could not read or mark the outbox");
                    Some(next_backoff(&mut backoff, self.options.max_backoff))
                }
            };
            let sleep = tokio::time::sleep(wait.unwrap_or(self.options.idle));
            tokio::select! {
                () = &mut shutdown => return,
                () = sleep => {}
                () = self.store.committed().notified(), if wait.is_none() => {}
            }
        }
    }
}

fn next_backoff(backoff: &mut Duration, max: Duration) -> Duration {
    let now = *backoff;
    *backoff = (*backoff * 2).min(max);
    now
}

/// The batch's events grouped by ordering key, each group in sequence order, the groups in
/// the order of their first event.
fn by_ordering_key(batch: &[StoredEvent]) -> Vec<Vec<&StoredEvent>> {
    let mut index = std::collections::HashMap::<&str, usize>::new();
    let mut chains: Vec<Vec<&StoredEvent>> = Vec::new();
    for event in batch {
        let key = event.record.ordering_key();
        let at = *index.entry(key).or_insert_with(|| {
            chains.push(Vec::new());
            chains.len() - 1
        });
        chains[at].push(event);
    }
    chains
}
