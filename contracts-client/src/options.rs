//! How calls are made: per client (timeout, retries) and per call (trace parent, timeout).

use std::time::Duration;

/// The default time a call may take, from sending the request to reading the whole answer: 30
/// seconds, as the REST adapter's own default.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);

/// When a call is sent again: only for **idempotent** operations (queries, and commands declared
/// `idempotent`), never for the rest, whatever the policy says; and only after a failure that
/// may pass: the server unreachable, a timeout, or a problem the server marks `retryable`
/// (`429`, `502`, `503`, `504`).
///
/// The wait before retry `n` (from 1) is `backoff * 2^(n-1)`, at most `max_backoff`, or the
/// problem's `retryAfter` when the server gives one (also at most `max_backoff`).
///
/// ```
/// use contracts_client::Retries;
/// use std::time::Duration;
///
/// let retries = Retries::new(3, Duration::from_millis(100));
/// assert_eq!(retries.wait(1, None), Duration::from_millis(100));
/// assert_eq!(retries.wait(3, None), Duration::from_millis(400));
/// assert_eq!(retries.wait(1, Some(1)), Duration::from_secs(1));
/// assert_eq!(Retries::none().max_retries, 0);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Retries {
    /// How many times a call is sent again at most.
    pub max_retries: u32,
    /// The first wait.
    pub backoff: Duration,
    /// The longest wait.
    pub max_backoff: Duration,
}

impl Retries {
    /// Up to `max_retries` retries, the first after `backoff`, at most 10 seconds apart.
    pub const fn new(max_retries: u32, backoff: Duration) -> Retries {
        Retries {
            max_retries,
            backoff,
            max_backoff: Duration::from_secs(10),
        }
    }

    /// No retry.
    pub const fn none() -> Retries {
        Retries::new(0, Duration::ZERO)
    }

    /// The wait before retry `attempt` (from 1), `retry_after` the seconds the server asked
    /// for, if it did.
    pub fn wait(&self, attempt: u32, retry_after: Option<u64>) -> Duration {
        let wait = match retry_after {
            Some(seconds) => Duration::from_secs(seconds),
            None => self
                .backoff
                .saturating_mul(1u32 << attempt.saturating_sub(1).min(16)),
        };
        wait.min(self.max_backoff)
    }
}

impl Default for Retries {
    /// Two retries, 100 ms then 200 ms apart.
    fn default() -> Self {
        Retries::new(2, Duration::from_millis(100))
    }
}

/// Settings of one call, over the client's.
///
/// ```
/// use contracts_client::CallOptions;
/// use std::time::Duration;
///
/// let options = CallOptions::new()
///     .traceparent("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
///     .timeout(Duration::from_secs(2));
/// # let _ = options;
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CallOptions {
    pub(crate) traceparent: Option<String>,
    pub(crate) timeout: Option<Duration>,
}

impl CallOptions {
    /// The client's settings, and a new trace.
    pub fn new() -> CallOptions {
        CallOptions::default()
    }

    /// Continues the trace of this W3C `traceparent` (the caller's own span, say) instead of
    /// starting a new one: the server takes its trace id as the call's.
    pub fn traceparent(mut self, traceparent: impl Into<String>) -> CallOptions {
        self.traceparent = Some(traceparent.into());
        self
    }

    /// Gives up on the call after `timeout` (each attempt, when retried).
    pub fn timeout(mut self, timeout: Duration) -> CallOptions {
        self.timeout = Some(timeout);
        self
    }
}
