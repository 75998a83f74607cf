//! Who may call an operation: the contract's static policy and a pluggable decider.

use crate::context::{CallContext, ADMIN_ROLE};
use crate::failure::Failure;
use contracts_core::descriptors::OperationDescriptor;
use contracts_core::wire::FailureCode;
use contracts_core::{Auth, Escalation};
use std::borrow::Cow;
use std::future::Future;
use std::time::Duration;

/// What a [`PolicyDecider`] is asked about: an operation and the call's context.
#[derive(Clone, Copy, Debug)]
#[non_exhaustive]
pub struct PolicyRequest<'a> {
    /// The operation, with its declared policy (auth, rate limit, escalation, flags,
    /// policies).
    pub operation: &'static OperationDescriptor,
    /// Who calls, with their roles, organisation, flags and approval.
    pub context: &'a CallContext,
}

/// A decider's answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PolicyDecision {
    /// The call may proceed.
    Allow,
    /// The call is refused: `FORBIDDEN`, with the reason as the problem's detail.
    Deny {
        /// Why, for the caller.
        reason: Cow<'static, str>,
    },
    /// The caller exceeded a rate limit: `RATE_LIMITED`, retryable.
    RateLimited {
        /// When the caller may retry, if known.
        retry_after: Option<Duration>,
    },
    /// The call needs an escalation first (even if the contract does not declare one):
    /// `PRECONDITION_FAILED`, with the escalation in the problem.
    Escalate(Escalation),
}

impl<'a> PolicyRequest<'a> {
    pub(crate) fn new(
        operation: &'static OperationDescriptor,
        context: &'a CallContext,
    ) -> PolicyRequest<'a> {
        PolicyRequest { operation, context }
    }
}

impl PolicyDecision {
    /// Refuses the call with `reason`.
    pub fn deny(reason: impl Into<Cow<'static, str>>) -> PolicyDecision {
        PolicyDecision::Deny {
            reason: reason.into(),
        }
    }
}

/// Decides, per call, what the contract's static policy cannot: roles, permissions, rate
/// limits, approvals.
///
/// The runtime first enforces the contract's `auth` and `flags` itself, then asks
/// [`decide`](PolicyDecider::decide), then, for operations declaring an escalation (or when
/// `decide` asks for one), [`is_approved`](PolicyDecider::is_approved). Any refusal stops the
/// call before the handler runs.
///
/// Closures `Fn(PolicyRequest<'_>) -> PolicyDecision` are deciders whose approvals are those
/// of the default.
///
/// ```
/// use contracts_runtime::{PolicyDecider, PolicyDecision, PolicyRequest};
/// use std::time::Duration;
///
/// /// Only cashiers capture payments, at most a few times a minute.
/// struct Cashiers;
///
/// impl PolicyDecider for Cashiers {
///     async fn decide(&self, request: PolicyRequest<'_>) -> PolicyDecision {
///         if request.operation.meta.key != "payments.payment.capture" {
///             PolicyDecision::Allow
///         } else if !request.context.actor().has_role("cashier") {
///             PolicyDecision::deny("only cashiers capture payments")
///         } else if request.operation.policy.rate_limit.is_some() && over_limit() {
///             PolicyDecision::RateLimited { retry_after: Some(Duration::from_secs(30)) }
///         } else {
///             PolicyDecision::Allow
///         }
///     }
/// }
/// # fn over_limit() -> bool { false }
///
/// // A closure is a decider too.
/// let closed = |_: PolicyRequest<'_>| PolicyDecision::deny("closed for maintenance");
/// # fn is_decider(_: impl PolicyDecider) {}
/// # is_decider(Cashiers); is_decider(closed);
/// ```
pub trait PolicyDecider: Send + Sync + 'static {
    /// Whether [`decide`](PolicyDecider::decide) allows every call, so the runtime may skip it.
    ///
    /// `false` unless the decider is a no-op; [`DefaultDecider`] sets it. Approvals of
    /// escalations are still checked with [`is_approved`](PolicyDecider::is_approved).
    const ALLOWS_EVERY_CALL: bool = false;

    /// Decides whether the call may proceed.
    fn decide(&self, request: PolicyRequest<'_>) -> impl Future<Output = PolicyDecision> + Send;

    /// Whether the call carries a valid approval for `escalation`.
    ///
    /// The default accepts any approval attached to the context
    /// ([`CallContext::with_approval`]): the adapter that builds the context is trusted to
    /// have checked it. Override it to verify approvals against a review store.
    fn is_approved(
        &self,
        request: PolicyRequest<'_>,
        escalation: Escalation,
    ) -> impl Future<Output = bool> + Send {
        let _ = escalation;
        std::future::ready(request.context.approval().is_some())
    }
}

/// The decider of a runtime that has none: it allows every call that passes the contract's
/// static policy, and accepts any attached approval.
#[derive(Clone, Copy, Debug, Default)]
pub struct DefaultDecider;

impl PolicyDecider for DefaultDecider {
    const ALLOWS_EVERY_CALL: bool = true;

    #[inline]
    fn decide(&self, _request: PolicyRequest<'_>) -> impl Future<Output = PolicyDecision> + Send {
        std::future::ready(PolicyDecision::Allow)
    }
}

impl<F> PolicyDecider for F
where
    F: Fn(PolicyRequest<'_>) -> PolicyDecision + Send + Sync + 'static,
{
    #[inline]
    fn decide(&self, request: PolicyRequest<'_>) -> impl Future<Output = PolicyDecision> + Send {
        std::future::ready(self(request))
    }
}

/// Checks the contract's `auth` and `flags` against the context.
#[inline]
pub(crate) fn check_static<E>(
    operation: &'static OperationDescriptor,
    context: &CallContext,
) -> Result<(), Failure<E>> {
    let policy = &operation.policy;
    let allowed = match policy.auth {
        Auth::Anonymous => true,
        Auth::User => !context.actor().is_anonymous(),
        Auth::Admin => context.actor().has_role(ADMIN_ROLE),
    };
    // The failures are built out of line: the common path is a few comparisons.
    if !allowed {
        return Err(refused(operation, context));
    }
    if !policy.flags.is_empty() {
        return check_flags(operation, context);
    }
    Ok(())
}

/// The failure of a caller that the contract's `auth` refuses.
#[cold]
fn refused<E>(operation: &'static OperationDescriptor, context: &CallContext) -> Failure<E> {
    if context.actor().is_anonymous() {
        Failure::standard(FailureCode::Unauthenticated).with_detail(format!(
            "`{}` requires an authenticated caller",
            operation.meta.key
        ))
    } else {
        Failure::standard(FailureCode::Forbidden).with_detail(format!(
            "`{}` requires the `{ADMIN_ROLE}` role",
            operation.meta.key
        ))
    }
}

/// Checks the contract's `flags` against the context.
fn check_flags<E>(
    operation: &'static OperationDescriptor,
    context: &CallContext,
) -> Result<(), Failure<E>> {
    match operation.policy.flags.iter().find(|f| !context.has_flag(f)) {
        None => Ok(()),
        Some(flag) => Err(
            Failure::standard(FailureCode::Forbidden).with_detail(format!(
                "`{}` requires the feature flag `{flag}`, which is not enabled",
                operation.meta.key
            )),
        ),
    }
}

/// The escalation a decision requires, or the failure it is.
#[inline]
pub(crate) fn escalation_of<E>(
    decision: PolicyDecision,
    operation: &'static OperationDescriptor,
) -> Result<Option<Escalation>, Failure<E>> {
    match decision {
        PolicyDecision::Allow => Ok(operation.policy.escalate),
        PolicyDecision::Deny { reason } => {
            Err(Failure::standard(FailureCode::Forbidden).with_detail(reason))
        }
        PolicyDecision::RateLimited { retry_after } => {
            let mut failure = Failure::standard(FailureCode::RateLimited)
                .with_detail(format!("too many calls of `{}`", operation.meta.key));
            failure.extra_mut().retry_after = retry_after.map(|d| d.as_secs().max(1));
            Err(failure)
        }
        PolicyDecision::Escalate(escalation) => Ok(Some(escalation)),
    }
}

/// The failure of a call whose escalation is not approved.
#[cold]
pub(crate) fn not_approved<E>(
    operation: &'static OperationDescriptor,
    escalation: Escalation,
) -> Failure<E> {
    let mut failure = Failure::standard(FailureCode::PreconditionFailed).with_detail(format!(
        "`{}` requires an approved `{}` escalation before it runs",
        operation.meta.key,
        escalation.as_str()
    ));
    failure.extra_mut().escalation = Some(escalation);
    failure
}
