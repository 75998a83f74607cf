//! What the tests share: real servers, and helpers to wait for what happens asynchronously.

pub mod servers;

use std::time::{Duration, Instant};

/// Polls `done` every 20 ms until it returns true, failing with `what` after `limit`.
pub async fn eventually(limit: Duration, what: &str, mut done: impl FnMut() -> bool) {
    let deadline = Instant::now() + limit;
    while !done() {
        assert!(
            Instant::now() < deadline,
            "timed out after {limit:?} waiting for {what}"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}
