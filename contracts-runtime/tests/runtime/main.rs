//! The runtime end to end, on small contracts declared here: every failure code path with real
//! inputs, events, policy, the typed path and telemetry.

include!("../support/contracts.rs");

// Test doubles that several modules use.

/// Denies a title, rate-limits another, and approves only `review-ok`.
struct Strict {
    decisions: AtomicUsize,
}

impl PolicyDecider for Strict {
    async fn decide(&self, request: PolicyRequest<'_>) -> PolicyDecision {
        self.decisions.fetch_add(1, Ordering::SeqCst);
        match request.context.actor().id() {
            Some("mallory") => PolicyDecision::deny("mallory is banned"),
            Some("spammer") => PolicyDecision::RateLimited {
                retry_after: Some(Duration::from_millis(1500)),
            },
            Some("risky") => PolicyDecision::Escalate(Escalation::HumanReview),
            _ => PolicyDecision::Allow,
        }
    }

    async fn is_approved(&self, request: PolicyRequest<'_>, escalation: Escalation) -> bool {
        assert_eq!(escalation, Escalation::HumanReview);
        request.context.approval() == Some("review-ok")
    }
}

/// Always fails.
struct Broken;

impl Publisher for Broken {
    async fn publish(&self, _: Vec<EventEnvelope>) -> Result<(), PublishError> {
        Err(PublishError::new("bus down"))
    }
}

mod bound;
mod handler_failures;
mod handles;
mod input;
mod lookup;
mod policy;
mod redaction;
mod startup;
mod success;
mod typed;
