//! Who calls, under which trace, and the typed context a handler receives.

use crate::events::EventEnvelope;
use contracts_core::descriptors::OperationDescriptor;
use contracts_core::wire::TraceId;
use contracts_core::{Emits, Event, Operation};
use std::marker::PhantomData;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError};

/// The role that `auth = "admin"` operations require.
pub const ADMIN_ROLE: &str = "admin";

/// Who is calling.
///
/// ```
/// use contracts_runtime::Actor;
///
/// let admin = Actor::admin("u-1");
/// assert!(admin.has_role("admin"));
/// assert_eq!(admin.id(), Some("u-1"));
/// assert!(Actor::Anonymous.is_anonymous());
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Actor {
    /// An unauthenticated caller.
    #[default]
    Anonymous,
    /// An authenticated user.
    User {
        /// The user's id.
        id: String,
        /// The user's roles; [`ADMIN_ROLE`] makes the user an admin.
        roles: Vec<String>,
    },
}

impl Actor {
    /// An authenticated user without roles.
    pub fn user(id: impl Into<String>) -> Actor {
        Actor::User {
            id: id.into(),
            roles: Vec::new(),
        }
    }

    /// An authenticated user with the [`ADMIN_ROLE`].
    pub fn admin(id: impl Into<String>) -> Actor {
        Actor::user(id).with_role(ADMIN_ROLE)
    }

    /// Adds a role; an anonymous actor stays anonymous and gets no role.
    pub fn with_role(mut self, role: impl Into<String>) -> Actor {
        if let Actor::User { roles, .. } = &mut self {
            roles.push(role.into());
        }
        self
    }

    /// Whether the caller is unauthenticated.
    pub fn is_anonymous(&self) -> bool {
        matches!(self, Actor::Anonymous)
    }

    /// The user's id, if authenticated.
    pub fn id(&self) -> Option<&str> {
        match self {
            Actor::Anonymous => None,
            Actor::User { id, .. } => Some(id),
        }
    }

    /// The user's roles; none if anonymous.
    pub fn roles(&self) -> &[String] {
        match self {
            Actor::Anonymous => &[],
            Actor::User { roles, .. } => roles,
        }
    }

    /// Whether the caller has `role`.
    pub fn has_role(&self, role: &str) -> bool {
        self.roles().iter().any(|r| r == role)
    }
}

/// What the caller of an operation brings: the actor, the trace id, the organisation, the
/// enabled feature flags and an approval for operations that need human review.
///
/// Build it in the adapter (server, CLI) from what it has verified: the runtime trusts it.
///
/// ```
/// use contracts_runtime::{Actor, CallContext};
///
/// let context = CallContext::new(Actor::user("u-1"))
///     .with_trace_id("req-42")
///     .with_flag("payments.live")
///     .with_approval("review-7");
/// assert_eq!(context.trace_id().as_str(), "req-42");
/// assert!(context.has_flag("payments.live"));
/// assert_eq!(context.approval(), Some("review-7"));
/// ```
#[derive(Clone, Debug)]
pub struct CallContext {
    actor: Actor,
    trace_id: TraceId,
    organization_id: Option<String>,
    flags: Vec<String>,
    approval: Option<String>,
}

impl CallContext {
    /// A context for `actor`, with a generated trace id.
    pub fn new(actor: Actor) -> CallContext {
        CallContext::traced(actor, TraceId::generate())
    }

    /// A context for `actor` under an existing trace id (such as one taken from the request).
    pub fn traced(actor: Actor, trace_id: impl Into<TraceId>) -> CallContext {
        CallContext {
            actor,
            trace_id: trace_id.into(),
            organization_id: None,
            flags: Vec::new(),
            approval: None,
        }
    }

    /// A context for an anonymous caller, with a generated trace id.
    pub fn anonymous() -> CallContext {
        CallContext::new(Actor::Anonymous)
    }

    /// Replaces the trace id.
    pub fn with_trace_id(mut self, trace_id: impl Into<TraceId>) -> CallContext {
        self.trace_id = trace_id.into();
        self
    }

    /// Sets the caller's organisation.
    pub fn with_organization(mut self, organization_id: impl Into<String>) -> CallContext {
        self.organization_id = Some(organization_id.into());
        self
    }

    /// Enables a feature flag.
    pub fn with_flag(mut self, flag: impl Into<String>) -> CallContext {
        self.flags.push(flag.into());
        self
    }

    /// Attaches the id of a human approval, for operations with `escalate = "human_review"`;
    /// the [`PolicyDecider`](crate::PolicyDecider) decides whether it is valid.
    pub fn with_approval(mut self, approval: impl Into<String>) -> CallContext {
        self.approval = Some(approval.into());
        self
    }

    /// The caller.
    pub fn actor(&self) -> &Actor {
        &self.actor
    }

    /// The trace id.
    pub fn trace_id(&self) -> &TraceId {
        &self.trace_id
    }

    /// The caller's organisation, if known.
    pub fn organization_id(&self) -> Option<&str> {
        self.organization_id.as_deref()
    }

    /// The enabled feature flags.
    pub fn flags(&self) -> &[String] {
        &self.flags
    }

    /// Whether `flag` is enabled.
    pub fn has_flag(&self, flag: &str) -> bool {
        self.flags.iter().any(|f| f == flag)
    }

    /// The approval attached to the call, if any.
    pub fn approval(&self) -> Option<&str> {
        self.approval.as_deref()
    }
}

/// An event that operation `Op` declares in its `emits(...)`: implemented for exactly those.
///
/// [`Ctx::emit`] requires it. It is the event that is bound, not the operation, so that the
/// compiler reports the event that is not an event, or not declared, rather than guessing it
/// from the declared ones.
pub trait EmittedBy<Op> {}

impl<E, Op: Emits<E>> EmittedBy<Op> for E {}

/// The state of one call shared by its [`Ctx`] clones and the runtime.
pub(crate) struct CallState {
    pub(crate) context: CallContext,
    /// Set by the first emit: closing a call that emitted nothing takes no lock.
    emitted: AtomicBool,
    /// Set when the call is over: later emits are dropped.
    closed: AtomicBool,
    pending: Mutex<Pending>,
}

#[derive(Default)]
struct Pending {
    events: Vec<EventEnvelope>,
    error: Option<String>,
}

impl CallState {
    pub(crate) fn new(context: CallContext) -> Arc<CallState> {
        Arc::new(CallState {
            context,
            emitted: AtomicBool::new(false),
            closed: AtomicBool::new(false),
            pending: Mutex::new(Pending::default()),
        })
    }

    fn pending(&self) -> std::sync::MutexGuard<'_, Pending> {
        // The lock is never held while user code runs, so poisoning cannot hide a broken state.
        self.pending.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Marks the call closed; whether it emitted anything that must be taken under the lock.
    ///
    /// An emit stores `emitted` and then reads `closed` (under the lock), this stores `closed`
    /// and then reads `emitted`, all sequentially consistent: at least one of the two sees the
    /// other's store, so an event is either taken here or dropped by the emit, never lost.
    #[inline]
    fn mark_closed(&self) -> bool {
        self.closed.store(true, Ordering::SeqCst);
        self.emitted.load(Ordering::SeqCst)
    }

    /// Closes the call and takes its events, or the first emit error; `None` if nothing was
    /// emitted (no empty `Vec` to drop on the common path).
    #[inline]
    pub(crate) fn close(&self) -> Option<Result<Vec<EventEnvelope>, String>> {
        if !self.mark_closed() {
            return None;
        }
        let mut pending = self.pending();
        Some(match pending.error.take() {
            Some(error) => Err(error),
            None => Ok(std::mem::take(&mut pending.events)),
        })
    }

    /// Closes the call, dropping its events.
    #[inline]
    pub(crate) fn discard(&self) {
        if self.mark_closed() {
            self.pending().events = Vec::new();
        }
    }
}

/// The context a handler of operation `Op` receives: the [`CallContext`] and a typed event
/// emitter. Cloning it is cheap (clones share the call).
///
/// [`emit`](Ctx::emit) only accepts events that `Op` declares in its `emits(...)`: emitting
/// another event does not compile. Emitted events are published when the handler succeeds,
/// and dropped when it fails.
///
/// ```
/// use contracts_core::{command, event, registry, Model};
/// use contracts_runtime::{CallContext, Ctx, Failure};
///
/// /// A greeting was sent.
/// #[event(key = "demo.greeted", version = "1.0.0")]
/// #[derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema, Model)]
/// pub struct Greeted { pub name: String }
///
/// /// Greet someone.
/// #[command(key = "demo.greet", version = "1.0.0", output = String,
///     emits(Greeted(when = "Always.")), policy(auth = "anonymous"))]
/// #[derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema, Model)]
/// pub struct Greet { pub name: String }
///
/// registry! { pub static DEMO; defaults(owners = ["team.demo"], stability = "beta"); contracts(Greeted, Greet); }
///
/// async fn greet(input: Greet, ctx: Ctx<Greet>) -> Result<String, Failure> {
///     ctx.emit(Greeted { name: input.name.clone() });
///     Ok(format!("hello {} ({})", input.name, ctx.trace_id()))
/// }
///
/// # fn main() {
/// // A detached context runs a handler without a runtime, as in unit tests.
/// let ctx = Ctx::<Greet>::detached(CallContext::anonymous().with_trace_id("t-1"));
/// let probe = ctx.clone();
/// let output = futures_lite_block_on(greet(Greet { name: "Ada".into() }, ctx));
/// assert_eq!(output.unwrap(), "hello Ada (t-1)");
/// assert_eq!(probe.pending_events()[0].key(), "demo.greeted");
/// # }
/// # fn futures_lite_block_on<F: std::future::Future>(f: F) -> F::Output {
/// #     let mut f = std::pin::pin!(f);
/// #     let mut cx = std::task::Context::from_waker(std::task::Waker::noop());
/// #     loop { if let std::task::Poll::Ready(v) = f.as_mut().poll(&mut cx) { return v; } }
/// # }
/// ```
pub struct Ctx<Op> {
    call: Arc<CallState>,
    op: PhantomData<fn() -> Op>,
}

impl<Op> Clone for Ctx<Op> {
    fn clone(&self) -> Self {
        Ctx {
            call: Arc::clone(&self.call),
            op: PhantomData,
        }
    }
}

impl<Op> core::fmt::Debug for Ctx<Op> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("Ctx")
            .field("context", &self.call.context)
            .finish_non_exhaustive()
    }
}

impl<Op: Operation> Ctx<Op> {
    pub(crate) fn attached(call: Arc<CallState>) -> Ctx<Op> {
        Ctx {
            call,
            op: PhantomData,
        }
    }

    /// A context that belongs to no runtime, to call a handler directly (in unit tests, for
    /// instance). The events it emits are kept; read them with
    /// [`pending_events`](Ctx::pending_events).
    pub fn detached(context: CallContext) -> Ctx<Op> {
        Ctx::attached(CallState::new(context))
    }

    /// The operation's descriptor.
    pub fn operation(&self) -> &'static OperationDescriptor {
        Op::DESCRIPTOR
    }

    /// The call's context.
    pub fn context(&self) -> &CallContext {
        &self.call.context
    }

    /// The caller.
    pub fn actor(&self) -> &Actor {
        &self.call.context.actor
    }

    /// The trace id.
    pub fn trace_id(&self) -> &TraceId {
        &self.call.context.trace_id
    }

    /// Emits `payload`, an event that `Op` declares; it is published if the handler succeeds.
    ///
    /// The envelope (id, time, trace id, key, version) is made now. A payload that does not
    /// serialize to JSON makes the call fail with `INTERNAL_ERROR`. An event emitted after the
    /// call finished (from a task the handler spawned) is dropped with a warning.
    pub fn emit<E>(&self, payload: E)
    where
        E: Event + EmittedBy<Op>,
    {
        let event = <E as Event>::DESCRIPTOR;
        let json = serde_json::to_value(&payload);
        // Before reading `closed`: see `CallState::mark_closed`.
        self.call.emitted.store(true, Ordering::SeqCst);
        let mut pending = self.call.pending();
        if self.call.closed.load(Ordering::SeqCst) {
            drop(pending);
            tracing::warn!(
                event = event.meta.key,
                trace_id = %self.call.context.trace_id,
                "event emitted after the operation finished: dropped"
            );
            return;
        }
        match json {
            Ok(json) => pending.events.push(EventEnvelope::new(
                event,
                self.call.context.trace_id.clone(),
                json,
            )),
            Err(error) => {
                pending.error.get_or_insert_with(|| {
                    format!(
                        "the payload of event `{}@{}` does not serialize: {error}",
                        event.meta.key, event.meta.version
                    )
                });
            }
        }
    }

    /// The events emitted so far and not yet published (a copy).
    pub fn pending_events(&self) -> Vec<EventEnvelope> {
        self.call.pending().events.clone()
    }

    /// Takes the events emitted so far: the runtime will not publish them, the caller owns
    /// them. This is how a transactional outbox commits a call's events with the handler's
    /// writes: it takes them inside the transaction, inserts them and commits; if the
    /// transaction rolls back, the events it took are dropped with it. Events emitted later
    /// stay with the call and are published as usual.
    ///
    /// Fails, taking nothing, if an emitted payload did not serialize (the call will fail with
    /// `INTERNAL_ERROR` anyway); after the call is over there is nothing to take.
    ///
    /// ```
    /// # use contracts_core::{command, event, registry, Model};
    /// # use contracts_runtime::{CallContext, Ctx};
    /// # /// A greeting was sent.
    /// # #[event(key = "demo.greeted", version = "1.0.0")]
    /// # #[derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema, Model)]
    /// # pub struct Greeted { pub name: String }
    /// # /// Greet someone.
    /// # #[command(key = "demo.greet", version = "1.0.0", output = String,
    /// #     emits(Greeted(when = "Always.")), policy(auth = "anonymous"))]
    /// # #[derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema, Model)]
    /// # pub struct Greet { pub name: String }
    /// # registry! { pub static DEMO; defaults(owners = ["team.demo"], stability = "beta"); contracts(Greeted, Greet); }
    /// # fn main() {
    /// let ctx = Ctx::<Greet>::detached(CallContext::anonymous());
    /// ctx.emit(Greeted { name: "Ada".into() });
    /// let taken = ctx.take_events().unwrap();
    /// assert_eq!(taken.len(), 1);
    /// assert!(ctx.pending_events().is_empty());
    /// # }
    /// ```
    pub fn take_events(&self) -> Result<Vec<EventEnvelope>, EmitError> {
        let mut pending = self.call.pending();
        if let Some(error) = &pending.error {
            return Err(EmitError(error.clone()));
        }
        Ok(std::mem::take(&mut pending.events))
    }
}

/// Why [`Ctx::take_events`] took nothing: an emitted payload did not serialize.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EmitError(String);

impl core::fmt::Display for EmitError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for EmitError {}
