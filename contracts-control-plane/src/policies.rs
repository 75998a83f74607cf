//! The policies of the control plane.
//!
//! Upstream exports the messaging policy but does not register it; here every declared contract is
//! in the crate's registry.

use contracts_core::policy;

/// Applies contract-backed blocked, assist, and autonomous routing for inbound messaging events.
#[policy(
    key = "channel.messaging-policy",
    version = "2.0.0",
    title = "Deterministic Messaging Safety Policy",
    tags = ["policy", "messaging"],
    scope = "operation",
    rules(
        rule(
            effect = "deny",
            actions = ["channel.reply"],
            resource = "control-plane.message",
            conditions = ["context.blockedSignalDetected === true"],
            reason = "blocked_signal_detected",
        ),
        rule(
            effect = "allow",
            actions = ["channel.reply"],
            resource = "control-plane.message",
            conditions = ["context.highRiskDetected === true"],
            escalate = "human_review",
            reason = "high_risk_topic_detected",
        ),
        rule(
            effect = "allow",
            actions = ["channel.reply"],
            resource = "control-plane.message",
            conditions = ["context.mediumRiskDetected === true && context.confidence >= context.assistMinConfidence"],
            escalate = "human_review",
            reason = "needs_human_review",
        ),
        rule(
            effect = "allow",
            actions = ["channel.reply"],
            resource = "control-plane.message",
            conditions = ["context.riskTier === 'low' && context.confidence >= context.autoResolveMinConfidence"],
            reason = "low_risk_high_confidence",
        ),
        rule(
            effect = "allow",
            actions = ["channel.reply"],
            resource = "control-plane.message",
            conditions = ["context.confidence >= context.assistMinConfidence && context.blockedSignalDetected !== true"],
            escalate = "human_review",
            reason = "needs_human_review",
        ),
        rule(
            effect = "deny",
            actions = ["channel.reply"],
            resource = "control-plane.message",
            conditions = ["context.confidence < context.assistMinConfidence"],
            reason = "low_confidence",
        ),
    ),
)]
pub struct ControlPlaneMessagingPolicy;
