//! The runtime: handlers bound to the operations of a registry, and the ways to call them.

use crate::context::{CallContext, CallState, Ctx};
use crate::decode::JsonInput;
use crate::events::{EventEnvelope, NoPublisher, Publisher};
use crate::failure::{Failure, Reply};
use crate::handler::{Bound, BoxFuture, DynHandler, Handler, JsonHandler, Outcome};
use crate::policy::{escalation_of, not_approved, DefaultDecider, PolicyDecider, PolicyRequest};
use crate::result::{problem_of, ContractResult};
use call::{Call, Execute, Json, Typed};
use contracts_core::descriptors::OperationDescriptor;
use contracts_core::wire::{OperationRef, Problem, TraceId, DEFAULT_PROBLEM_BASE};
use contracts_core::{ErrorCatalog, Operation, Registry};
use failures::{emit_failed, not_bound, panicked, problem, publish_failed, resolved_elsewhere};
use guard::{guard, Panicked};
use std::any::Any;
use std::borrow::Cow;
use std::future::Future;
use std::pin::pin;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use tracing::field::Empty;
use tracing::level_filters::LevelFilter;

/// The span of a call of `operation`, named `name` (a literal, as `tracing` wants): key,
/// version and trace id now, code and status when it ends.
macro_rules! call_span {
    ($name:literal, $operation:expr, $call:expr) => {
        tracing::info_span!(
            $name,
            key = $operation.meta.key,
            version = $operation.meta.version.as_str(),
            trace_id = %$call.context.trace_id(),
            code = Empty,
            status = Empty,
        )
    };
}

mod bound;
mod call;
mod failures;
mod guard;
mod handle;
mod startup;

pub use bound::{BindError, BoundHandler};
pub use handle::OperationHandle;
pub use startup::StartupError;
use startup::Unbound;

/// A bound handler, in both of its erased forms: for JSON callers, and for typed callers that
/// name the operation ([`Runtime::call`]).
struct Slot {
    json: Arc<dyn JsonHandler>,
    /// The `Arc<dyn DynHandler<Op>>` of the slot's operation `Op`. Recovering a typed handler
    /// from a slot is a `TypeId` comparison in safe Rust: only [`Runtime::call`] does it;
    /// [`BoundHandler`]s hold theirs typed.
    typed: Box<dyn Any + Send + Sync>,
}

/// Handlers bound to the operations of a [`Registry`], executed with the contract enforced:
/// input decoding, policy, declared errors, events published on success, problem details,
/// panics caught, one `tracing` span per call.
///
/// `P` is where events go ([`Publisher`]), `D` decides policies ([`PolicyDecider`]).
///
/// Each call runs these steps, the first failure ending it:
///
/// 1. find the operation (`NOT_FOUND`);
/// 2. enforce the policy: `auth` (`UNAUTHENTICATED`, `FORBIDDEN`), `flags` (`FORBIDDEN`), the
///    decider (`FORBIDDEN`, `RATE_LIMITED`) and escalations (`PRECONDITION_FAILED`), before the
///    input is even read, and before the handler is looked up: a refused caller learns nothing
///    of it;
/// 3. find the handler (`NOT_IMPLEMENTED`, only for an operation left unbound on purpose: see
///    [`check`](Runtime::check), which servers call at start-up);
/// 4. decode the input (`BAD_REQUEST` for malformed JSON, `VALIDATION_FAILED` with the field
///    path otherwise), on the JSON path;
/// 5. run the handler (its declared error or standard failure; `INTERNAL_ERROR` if it panics
///    or returns an error its operation does not declare);
/// 6. serialize the output, on the JSON path (`INTERNAL_ERROR` if it does not serialize);
/// 7. publish the events the handler emitted (`INTERNAL_ERROR` if that fails). Events of a
///    failed call are never published.
///
/// ```
/// use contracts_core::{command, event, registry, ErrorCatalog, Model};
/// use contracts_runtime::{Actor, CallContext, Ctx, Failure, InMemoryPublisher, Reply, Runtime};
///
/// /// A plan was started.
/// #[event(key = "plans.plan.started", version = "1.0.0")]
/// #[derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema, Model)]
/// pub struct PlanStarted { pub plan_id: String }
///
/// /// Why a plan does not start.
/// #[derive(Debug, ErrorCatalog)]
/// pub enum StartError {
///     /// The plan is not approved.
///     #[contract_error(http = 409)]
///     NotApproved,
/// }
///
/// /// Start a plan.
/// #[command(key = "plans.plan.start", version = "1.0.0", output = Started, errors = StartError,
///     emits(PlanStarted(when = "The plan starts.")), policy(auth = "user"))]
/// #[derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema, Model)]
/// #[serde(deny_unknown_fields)]
/// pub struct StartPlan { pub plan_id: String }
///
/// #[derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema, Model)]
/// pub struct Started { pub run_id: String }
///
/// registry! { pub static PLANS; defaults(owners = ["team.plans"], stability = "beta"); contracts(PlanStarted, StartPlan); }
///
/// async fn start(input: StartPlan, ctx: Ctx<StartPlan>) -> Result<Reply<Started>, Failure<StartError>> {
///     if input.plan_id == "draft" {
///         return Err(StartError::NotApproved.into());
///     }
///     ctx.emit(PlanStarted { plan_id: input.plan_id.clone() });
///     Ok(Reply::created(Started { run_id: format!("run-{}", input.plan_id) }))
/// }
///
/// # fn main() {
/// let events = InMemoryPublisher::new();
/// let mut runtime = Runtime::new(&PLANS).with_publisher(events.clone());
/// runtime.bind::<StartPlan>(start).unwrap();
///
/// let user = || CallContext::new(Actor::user("u-1"));
/// # block_on(async {
/// // Dynamic callers (servers, CLIs): JSON in, an envelope out.
/// let result = runtime.execute("plans.plan.start", None, r#"{"plan_id": "p-1"}"#, user()).await;
/// assert_eq!((result.code(), result.status()), ("CREATED", 201));
/// assert_eq!(result.data().unwrap(), r#"{"run_id":"run-p-1"}"#);
/// assert_eq!(events.take().len(), 1);
///
/// let result = runtime.execute("plans.plan.start", Some("1.0.0"), r#"{"plan_id": "draft"}"#, user()).await;
/// assert_eq!((result.code(), result.status()), ("NOT_APPROVED", 409));
/// assert!(events.take().is_empty());
///
/// let result = runtime.execute("plans.plan.start", None, r#"{"plan_id": "p-1"}"#, CallContext::anonymous()).await;
/// assert_eq!(result.code(), "UNAUTHENTICATED");
///
/// // Typed callers: no JSON.
/// let reply = runtime.call::<StartPlan>(StartPlan { plan_id: "p-2".into() }, user()).await.unwrap();
/// assert_eq!(reply.into_value().run_id, "run-p-2");
/// # });
/// # }
/// # fn block_on<F: std::future::Future>(f: F) -> F::Output {
/// #     let mut f = std::pin::pin!(f);
/// #     let mut cx = std::task::Context::from_waker(std::task::Waker::noop());
/// #     loop { if let std::task::Poll::Ready(v) = f.as_mut().poll(&mut cx) { return v; } }
/// # }
/// ```
pub struct Runtime<P = NoPublisher, D = DefaultDecider> {
    /// Unique to this runtime (kept by `with_publisher` and the like): the runtime of a
    /// [`BoundHandler`].
    id: u64,
    registry: &'static Registry,
    /// One slot per registry entry, by the entry's index.
    slots: Vec<Option<Slot>>,
    publisher: P,
    decider: D,
    problem_base: Cow<'static, str>,
    /// Which operations may stay without a handler when the runtime is [checked](Runtime::check).
    unbound: Unbound,
}

impl<P, D> core::fmt::Debug for Runtime<P, D> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        let bound: Vec<String> = self
            .registry
            .entries()
            .iter()
            .zip(&self.slots)
            .filter(|(_, slot)| slot.is_some())
            .map(|(entry, _)| format!("{}@{}", entry.key(), entry.version()))
            .collect();
        f.debug_struct("Runtime")
            .field("bound", &bound)
            .field("problem_base", &self.problem_base)
            .finish_non_exhaustive()
    }
}

impl Runtime {
    /// A runtime for the operations of `registry`, with no handler bound, no publisher (calls
    /// that emit events fail) and the [`DefaultDecider`].
    pub fn new(registry: &'static Registry) -> Runtime {
        static RUNTIMES: AtomicU64 = AtomicU64::new(0);
        Runtime {
            id: RUNTIMES.fetch_add(1, Ordering::Relaxed),
            registry,
            slots: registry.entries().iter().map(|_| None).collect(),
            publisher: NoPublisher,
            decider: DefaultDecider,
            problem_base: Cow::Borrowed(DEFAULT_PROBLEM_BASE),
            unbound: Unbound::default(),
        }
    }
}

impl<P: Publisher, D: PolicyDecider> Runtime<P, D> {
    /// Publishes events to `publisher`.
    pub fn with_publisher<Q: Publisher>(self, publisher: Q) -> Runtime<Q, D> {
        Runtime {
            id: self.id,
            registry: self.registry,
            slots: self.slots,
            publisher,
            decider: self.decider,
            problem_base: self.problem_base,
            unbound: self.unbound,
        }
    }

    /// Decides policies with `decider`.
    pub fn with_decider<E: PolicyDecider>(self, decider: E) -> Runtime<P, E> {
        Runtime {
            id: self.id,
            registry: self.registry,
            slots: self.slots,
            publisher: self.publisher,
            decider,
            problem_base: self.problem_base,
            unbound: self.unbound,
        }
    }

    /// Sets the base of problem type URIs (default [`DEFAULT_PROBLEM_BASE`]).
    pub fn with_problem_base(mut self, base: impl Into<Cow<'static, str>>) -> Self {
        self.problem_base = base.into();
        self
    }

    /// The registry.
    pub fn registry(&self) -> &'static Registry {
        self.registry
    }

    /// The publisher.
    pub fn publisher(&self) -> &P {
        &self.publisher
    }

    /// The decider.
    pub fn decider(&self) -> &D {
        &self.decider
    }

    /// The base of problem type URIs.
    pub fn problem_base(&self) -> &str {
        &self.problem_base
    }

    /// Binds `handler` to operation `Op`.
    ///
    /// Fails if `Op` is not in the registry or already has a handler. A handler whose types do
    /// not match `Op` does not compile.
    ///
    /// To call the handler from typed code without looking it up, bind it with
    /// [`bind_typed`](Runtime::bind_typed) instead.
    pub fn bind<Op: Operation>(
        &mut self,
        handler: impl Handler<Op>,
    ) -> Result<&mut Self, BindError> {
        self.bind_slot::<Op, _>(handler)?;
        Ok(self)
    }

    /// Binds `handler` to operation `Op`, like [`bind`](Runtime::bind), and returns it as a
    /// [`BoundHandler`]: the fastest way to call it from typed code, with no lookup, no type
    /// erasure and no allocation besides the handler's own.
    ///
    /// The handler is bound to the runtime as with `bind`: dynamic callers reach it with
    /// [`execute`](Runtime::execute), typed ones with [`call`](Runtime::call) too.
    ///
    /// ```
    /// use contracts_core::{query, registry, Model};
    /// use contracts_runtime::{Actor, CallContext, Ctx, Failure, Runtime};
    ///
    /// /// Double a number.
    /// #[query(key = "demo.number.double", version = "1.0.0", output = u64, policy(auth = "user"))]
    /// #[derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema, Model)]
    /// pub struct Double { pub n: u32 }
    ///
    /// registry! { pub static DEMO; defaults(owners = ["team.demo"], stability = "beta"); contracts(Double); }
    ///
    /// async fn double(input: Double, _ctx: Ctx<Double>) -> Result<u64, Failure> {
    ///     Ok(u64::from(input.n) * 2)
    /// }
    ///
    /// # fn main() {
    /// let mut runtime = Runtime::new(&DEMO);
    /// let double = runtime.bind_typed::<Double, _>(double).unwrap();
    /// # block_on(async {
    /// let reply = double.call(&runtime, Double { n: 21 }, CallContext::new(Actor::user("u-1"))).await;
    /// assert_eq!(reply.unwrap().into_value(), 42);
    ///
    /// // Bound once: binding `Double` again fails.
    /// assert!(runtime.bind::<Double>(|_: Double, _| async { Ok::<u64, Failure>(0) }).is_err());
    /// # });
    /// # }
    /// # fn block_on<F: std::future::Future>(f: F) -> F::Output {
    /// #     let mut f = std::pin::pin!(f);
    /// #     let mut cx = std::task::Context::from_waker(std::task::Waker::noop());
    /// #     loop { if let std::task::Poll::Ready(v) = f.as_mut().poll(&mut cx) { return v; } }
    /// # }
    /// ```
    pub fn bind_typed<Op: Operation, H: Handler<Op>>(
        &mut self,
        handler: H,
    ) -> Result<BoundHandler<Op, H>, BindError> {
        let bound = self.bind_slot::<Op, H>(handler)?;
        Ok(BoundHandler {
            bound,
            runtime: self.id,
        })
    }

    /// Binds `handler` to `Op`'s slot.
    fn bind_slot<Op: Operation, H: Handler<Op>>(
        &mut self,
        handler: H,
    ) -> Result<Arc<Bound<Op, H>>, BindError> {
        let meta = &Op::DESCRIPTOR.meta;
        let (key, version) = (meta.key, meta.version.as_str());
        let index = self
            .index_of::<Op>()
            .ok_or(BindError::NotRegistered { key, version })?;
        let slot = &mut self.slots[index];
        if slot.is_some() {
            return Err(BindError::AlreadyBound { key, version });
        }
        let bound = Arc::new(Bound::<Op, H>::new(handler));
        let typed: Arc<dyn DynHandler<Op>> = bound.clone();
        *slot = Some(Slot {
            json: bound.clone(),
            typed: Box::new(typed),
        });
        Ok(bound)
    }

    /// The index of `Op`'s entry in the registry, if it is there as an operation.
    #[inline]
    fn index_of<Op: Operation>(&self) -> Option<usize> {
        let meta = &Op::DESCRIPTOR.meta;
        self.registry
            .index(meta.key, meta.version.as_str())
            .filter(|&index| {
                self.registry.entries()[index]
                    .contract()
                    .as_operation()
                    .is_some()
            })
    }

    /// Whether a handler is bound to `key@version`.
    pub fn is_bound(&self, key: &str, version: &str) -> bool {
        self.registry
            .index(key, version)
            .is_some_and(|index| self.slots[index].is_some())
    }

    /// The operations of the registry that have no handler (to check at start-up).
    pub fn unbound(&self) -> impl Iterator<Item = &'static OperationDescriptor> + '_ {
        self.registry
            .entries()
            .iter()
            .zip(&self.slots)
            .filter(|(_, slot)| slot.is_none())
            .filter_map(|(entry, _)| entry.contract().as_operation())
    }

    /// The operation `key@version`, or the latest version of `key` that is an operation (by
    /// semver precedence) when `version` is `None`: resolved once, for callers that call it
    /// often (see [`OperationHandle`]).
    ///
    /// `None` when the registry has no such operation; [`execute`](Runtime::execute) says
    /// why in its `NOT_FOUND` problem.
    #[inline]
    pub fn operation(&self, key: &str, version: Option<&str>) -> Option<OperationHandle> {
        let registry = self.registry;
        let index = match version {
            Some(version) => registry.index(key, version)?,
            None => {
                let latest = registry.latest_index(key)?;
                let versions = registry.versions(key);
                let first = latest + 1 - versions.len();
                // The latest version that is an operation: a key names one kind of contract,
                // but nothing stops a registry from mixing them across versions.
                (first..=latest)
                    .rev()
                    .find(|&i| registry.entries()[i].contract().as_operation().is_some())?
            }
        };
        let operation = registry.entries()[index].contract().as_operation()?;
        Some(OperationHandle {
            registry,
            index,
            operation,
        })
    }

    /// Every operation of the registry (commands and queries, bound or not), resolved, in
    /// registry order.
    pub fn operations(&self) -> impl Iterator<Item = OperationHandle> + '_ {
        let registry = self.registry;
        registry
            .entries()
            .iter()
            .enumerate()
            .filter_map(move |(index, entry)| {
                entry
                    .contract()
                    .as_operation()
                    .map(|operation| OperationHandle {
                        registry,
                        index,
                        operation,
                    })
            })
    }

    /// The problem of `failure`, as this runtime writes those of its calls: its type under the
    /// runtime's [problem base](Runtime::with_problem_base), about `operation` if known, for
    /// the call `trace_id`.
    ///
    /// For servers that refuse a request before or around the runtime (a body too large, a
    /// timeout) and answer with the same problem shape.
    ///
    /// ```
    /// use contracts_core::registry;
    /// use contracts_runtime::{Failure, FailureCode, Runtime, TraceId};
    ///
    /// registry! { pub static EMPTY; defaults(owners = ["team.demo"], stability = "beta"); contracts(); }
    ///
    /// # fn main() {
    /// let runtime = Runtime::new(&EMPTY).with_problem_base("https://errors.example.com/");
    /// let failure: Failure = Failure::standard(FailureCode::Timeout).with_detail("took 5 s");
    /// let problem = runtime.problem(failure, None, TraceId::from("t-1"));
    /// assert_eq!(problem.type_uri, "https://errors.example.com/timeout");
    /// assert_eq!((problem.status, problem.detail.as_deref()), (504, Some("took 5 s")));
    /// # }
    /// ```
    pub fn problem<E: ErrorCatalog>(
        &self,
        failure: Failure<E>,
        operation: Option<&OperationDescriptor>,
        trace_id: TraceId,
    ) -> Problem {
        problem_of(
            failure,
            operation.map(OperationRef::of),
            trace_id,
            &self.problem_base,
        )
    }

    /// Executes operation `key` at `version` (the latest if `None`) on JSON `input`, for
    /// dynamic callers.
    ///
    /// Never panics, and always returns a result: see [`Runtime`] for the steps and their
    /// failure codes. Callers that call one operation often resolve it once with
    /// [`operation`](Runtime::operation) and call the [`OperationHandle`].
    ///
    /// Finding the operation and checking the contract's `auth` and `flags` happen when
    /// `execute` is called; so do decoding the input and starting the handler, unless the
    /// decider has something to decide, in which case they follow it at the first poll. The
    /// handler's future, encoding and publishing run when the returned future is polled.
    pub fn execute<'r>(
        &'r self,
        key: &str,
        version: Option<&str>,
        input: impl Into<JsonInput<'r>>,
        context: CallContext,
    ) -> impl Future<Output = ContractResult> + Send + 'r {
        // The context is moved once, into the call's state.
        let call = CallState::new(context);
        let input = input.into();
        match self.operation(key, version) {
            Some(handle) => Execute::Found {
                call: self.execute_resolved(handle, input, call),
            },
            None => Execute::NotFound {
                result: Some(self.not_found(key, version, &call)),
            },
        }
    }

    /// The result of `execute` for an operation that is not in the registry.
    #[cold]
    fn not_found(&self, key: &str, version: Option<&str>, call: &CallState) -> ContractResult {
        let span = tracing::info_span!(
            "contract.execute",
            key,
            version = version.unwrap_or(""),
            trace_id = %call.context.trace_id(),
            code = Empty,
            status = Empty,
        );
        let failure = failures::unknown(self.registry, key, version);
        let operation = OperationRef::requested(key, version);
        let result = problem(failure, operation, call, &self.problem_base);
        record(&span, || (result.code(), result.status()));
        result
    }

    /// The call of a resolved operation on JSON: see [`Call::new`] for what is done now and
    /// what when the returned future is polled.
    #[inline]
    fn execute_resolved<'r>(
        &'r self,
        handle: OperationHandle,
        input: JsonInput<'r>,
        call: Arc<CallState>,
    ) -> impl Future<Output = ContractResult> + Send + 'r {
        let operation = handle.operation;
        let span = call_span!("contract.execute", operation, call);
        // Decoding (the input's `Deserialize`) starts the handler, encoding ends its future.
        let start = if std::ptr::eq(handle.registry, self.registry) {
            match &self.slots[handle.index] {
                Some(slot) => Ok(move |input, call| slot.json.call_json(input, call)),
                None => Err(not_bound(operation)),
            }
        } else {
            Err(resolved_elsewhere(operation))
        };
        let kind = Json {
            operation,
            problem_base: &self.problem_base,
        };
        Call::new(self, kind, call, span, start, input)
    }

    /// Calls operation `Op` with a typed input, for callers that know it: no JSON.
    ///
    /// Runs the same steps as [`execute`](Runtime::execute), except decoding and serializing, and
    /// returns the typed output or failure, whose declared error can be matched on.
    ///
    /// The contract's `auth` and `flags` are checked when `call` is called, and the handler is
    /// started then (its function called, which for an `async fn` only builds its future) unless
    /// the decider has something to decide, in which case both the decider and the handler
    /// wait for the first poll. Everything else happens when the returned future is polled.
    ///
    /// The handler is looked up in the registry and its future boxed: a [`BoundHandler`] (from
    /// [`bind_typed`](Runtime::bind_typed)) calls it with neither.
    pub fn call<Op: Operation>(
        &self,
        input: Op::Input,
        context: CallContext,
    ) -> impl Future<Output = Result<Reply<Op::Output>, Failure<Op::Errors>>> + Send + '_ {
        let call = CallState::new(context);
        let start = self
            .typed_handler::<Op>()
            .map(|handler| move |input, ctx| handler.call_boxed(input, ctx));
        self.run_typed::<Op, _, _>(start, not_bound, input, call)
    }

    /// The typed handler of `Op`, if bound.
    #[inline]
    fn typed_handler<Op: Operation>(&self) -> Option<&dyn DynHandler<Op>> {
        let slot = self.slots[self.index_of::<Op>()?].as_ref()?;
        let handler = slot.typed.downcast_ref::<Arc<dyn DynHandler<Op>>>()?;
        Some(&**handler)
    }

    /// Runs a typed call: `start` starts the handler; if there is none, `missing` is why.
    ///
    /// See [`Call::new`] for what is done now and what when the returned future is polled.
    #[inline(always)]
    fn run_typed<'a, Op, S, F>(
        &'a self,
        start: Option<S>,
        missing: fn(&'static OperationDescriptor) -> Failure<Op::Errors>,
        input: Op::Input,
        call: Arc<CallState>,
    ) -> impl Future<Output = Outcome<Op>> + Send + 'a
    where
        Op: Operation,
        S: FnOnce(Op::Input, Ctx<Op>) -> F + Send + 'a,
        F: Future<Output = Outcome<Op>> + Send + 'a,
    {
        let operation = Op::DESCRIPTOR;
        let span = call_span!("contract.call", operation, call);
        let start = start
            .map(|start| move |input, call| Ok(start(input, Ctx::attached(call))))
            .ok_or_else(|| missing(operation));
        Call::new(self, Typed::<Op>::new(), call, span, start, input)
    }

    /// [`decide`](Runtime::decide), with its own handle on the call and its span.
    async fn decide_owned<E>(
        &self,
        operation: &'static OperationDescriptor,
        call: Arc<CallState>,
        span: tracing::Span,
    ) -> Result<(), Failure<E>> {
        self.decide(operation, &call.context, &span).await
    }

    /// Asks the decider about the call, then for the approval of an escalation, in the call's
    /// span, catching panics. The contract's `auth` and `flags` are checked before.
    async fn decide<E>(
        &self,
        operation: &'static OperationDescriptor,
        context: &CallContext,
        span: &tracing::Span,
    ) -> Result<(), Failure<E>> {
        let decided = async {
            let request = PolicyRequest::new(operation, context);
            let decision = self.decider.decide(request).await;
            let escalation = match escalation_of(decision, operation)? {
                None => return Ok(()),
                Some(escalation) => escalation,
            };
            if self.decider.is_approved(request, escalation).await {
                Ok(())
            } else {
                Err(not_approved(operation, escalation))
            }
        };
        match guard(span, pin!(decided)).await {
            Ok(decided) => decided,
            Err(Panicked) => Err(panicked(operation, span)),
        }
    }

    /// Publishes what a successful call emitted, in the call's span, catching panics. Boxed:
    /// rare enough, and large enough, not to grow the future of every call.
    #[cold]
    fn publish_emitted<'a, E: 'a>(
        &'a self,
        emitted: Result<Vec<EventEnvelope>, String>,
        operation: &'static OperationDescriptor,
        span: tracing::Span,
    ) -> BoxFuture<'a, Result<(), Failure<E>>> {
        Box::pin(async move {
            let span = &span;
            let events = match emitted {
                Err(error) => return Err(emit_failed(error, operation, span)),
                Ok(events) if events.is_empty() => return Ok(()),
                Ok(events) => events,
            };
            let count = events.len();
            let published = pin!(self.publisher.publish(events));
            match guard(span, published).await {
                Ok(Ok(())) => Ok(()),
                Ok(Err(error)) => Err(publish_failed(&error, count, operation, span)),
                Err(Panicked) => Err(panicked(operation, span)),
            }
        })
    }
}

/// Records a call's outcome in its span and logs it.
#[inline]
fn record<'c>(span: &tracing::Span, outcome: impl FnOnce() -> (&'c str, u16)) {
    // Nothing to record or log when no subscriber listens at any level: the outcome's code and
    // status are not even looked up.
    if span.is_disabled() && LevelFilter::current() == LevelFilter::OFF {
        return;
    }
    let (code, status) = outcome();
    record_now(span, code, status);
}

#[inline(never)]
fn record_now(span: &tracing::Span, code: &str, status: u16) {
    if !span.is_disabled() {
        span.record("code", code);
        span.record("status", status);
    }
    match status {
        500.. => tracing::error!(parent: span, code, status, "contract call failed"),
        400.. => tracing::info!(parent: span, code, status, "contract call refused"),
        _ => tracing::debug!(parent: span, code, status, "contract call succeeded"),
    }
}
