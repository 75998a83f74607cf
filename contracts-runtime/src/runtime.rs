//! The runtime: handlers bound to the operations of a registry, and the two ways to call them.

use crate::codes::FailureCode;
use crate::context::{CallContext, CallState, Ctx};
use crate::decode::JsonInput;
use crate::events::{EventEnvelope, NoPublisher, PublishError, Publisher};
use crate::failure::{Failure, Reply};
use crate::handler::{Bound, BoxFuture, DynHandler, Handler, JsonHandler, Outcome};
use crate::policy::{escalation_of, not_approved, DefaultDecider, PolicyDecider, PolicyRequest};
use crate::result::{problem_of, AnyError, ContractResult, OperationRef, DEFAULT_PROBLEM_BASE};
use call::{Call, Execute, Json, Typed};
use contracts_core::descriptors::OperationDescriptor;
use contracts_core::{Entry, Operation, Registry};
use routes::Routes;
use std::any::{Any, TypeId};
use std::borrow::Cow;
use std::future::Future;
use std::panic::AssertUnwindSafe;
use std::pin::{pin, Pin};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::task::{Context, Poll};
use tracing::field::Empty;
use tracing::level_filters::LevelFilter;

mod call;
mod routes;

/// Why a handler could not be bound.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum BindError {
    /// The operation already has a handler.
    AlreadyBound {
        /// The operation's key.
        key: &'static str,
        /// The operation's version.
        version: &'static str,
    },
    /// The operation is not in the runtime's registry.
    NotRegistered {
        /// The operation's key.
        key: &'static str,
        /// The operation's version.
        version: &'static str,
    },
}

impl core::fmt::Display for BindError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self {
            BindError::AlreadyBound { key, version } => {
                write!(f, "a handler is already bound to `{key}@{version}`")
            }
            BindError::NotRegistered { key, version } => write!(
                f,
                "`{key}@{version}` is not in the runtime's registry: add it to the `registry!`"
            ),
        }
    }
}

impl std::error::Error for BindError {}

/// A handler bound to operation `Op` of a [`Runtime`], returned by
/// [`Runtime::bind_typed`]: calls it from typed code with the contract enforced, like
/// [`Runtime::call`], but without looking the handler up or boxing its future.
///
/// `H` is the handler's type (often an `async fn`'s, which has no name): keep the bound handler
/// in a local, or in a type generic over `H`. Cloning it is cheap.
///
/// See [`call`](BoundHandler::call) for an example.
pub struct BoundHandler<Op, H> {
    bound: Arc<Bound<Op, H>>,
    /// The [`Runtime::id`] of the runtime it is bound to.
    runtime: u64,
}

impl<Op, H> Clone for BoundHandler<Op, H> {
    fn clone(&self) -> Self {
        BoundHandler {
            bound: Arc::clone(&self.bound),
            runtime: self.runtime,
        }
    }
}

impl<Op: Operation, H> core::fmt::Debug for BoundHandler<Op, H> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        let meta = &Op::DESCRIPTOR.meta;
        f.debug_struct("BoundHandler")
            .field("operation", &format_args!("{}@{}", meta.key, meta.version))
            .finish_non_exhaustive()
    }
}

impl<Op: Operation, H: Handler<Op>> BoundHandler<Op, H> {
    /// Calls the handler with a typed input, under the policy, decider and publisher of
    /// `runtime`, the runtime it was bound to.
    ///
    /// Runs the same steps as [`Runtime::call`] (see [`Runtime`]) and returns the same typed
    /// output or failure, at the same moments. The handler's future is polled in place, in the
    /// returned future. Called with another runtime than its own, it fails with `NOT_IMPLEMENTED` without
    /// running.
    ///
    /// ```
    /// use contracts_core::{command, registry, ErrorCatalog, Model};
    /// use contracts_runtime::{Actor, CallContext, Ctx, Failure, Reply, Runtime, SuccessCode};
    ///
    /// /// Why a title is refused.
    /// #[derive(Debug, PartialEq, ErrorCatalog)]
    /// pub enum RenameError {
    ///     /// The title is taken.
    ///     #[contract_error(http = 409)]
    ///     Taken,
    /// }
    ///
    /// /// Rename a board.
    /// #[command(key = "demo.board.rename", version = "1.0.0", output = String,
    ///     errors = RenameError, policy(auth = "user"))]
    /// #[derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema, Model)]
    /// pub struct Rename { pub title: String }
    ///
    /// registry! { pub static DEMO; defaults(owners = ["team.demo"], stability = "beta"); contracts(Rename); }
    ///
    /// async fn rename(input: Rename, _ctx: Ctx<Rename>) -> Result<Reply<String>, Failure<RenameError>> {
    ///     match input.title.as_str() {
    ///         "inbox" => Err(RenameError::Taken.into()),
    ///         title => Ok(Reply::accepted(title.to_uppercase())),
    ///     }
    /// }
    ///
    /// # fn main() {
    /// let mut runtime = Runtime::new(&DEMO);
    /// let rename = runtime.bind_typed::<Rename, _>(rename).unwrap();
    /// let user = || CallContext::new(Actor::user("u-1"));
    /// # block_on(async {
    /// let reply = rename.call(&runtime, Rename { title: "plans".into() }, user()).await.unwrap();
    /// assert_eq!((reply.code(), reply.value().as_str()), (SuccessCode::Accepted, "PLANS"));
    ///
    /// let failure = rename.call(&runtime, Rename { title: "inbox".into() }, user()).await.unwrap_err();
    /// assert_eq!(failure.declared_error(), Some(&RenameError::Taken));
    ///
    /// let anonymous = rename.call(&runtime, Rename { title: "x".into() }, CallContext::anonymous()).await;
    /// assert_eq!(anonymous.unwrap_err().code(), "UNAUTHENTICATED");
    /// # });
    /// # }
    /// # fn block_on<F: std::future::Future>(f: F) -> F::Output {
    /// #     let mut f = std::pin::pin!(f);
    /// #     let mut cx = std::task::Context::from_waker(std::task::Waker::noop());
    /// #     loop { if let std::task::Poll::Ready(v) = f.as_mut().poll(&mut cx) { return v; } }
    /// # }
    /// ```
    #[inline(always)]
    pub fn call<'a, P: Publisher, D: PolicyDecider>(
        &'a self,
        runtime: &'a Runtime<P, D>,
        input: Op::Input,
        context: CallContext,
    ) -> impl Future<Output = Result<Reply<Op::Output>, Failure<Op::Errors>>> + Send + 'a {
        let bound = &*self.bound;
        // First: moved once, into the call's state.
        let call = CallState::new(context);
        // A runtime's handlers are never replaced: the handler is the one in its slot.
        let start = (runtime.id == self.runtime)
            .then_some(move |input, ctx| bound.handler().call(input, ctx));
        runtime.run_typed::<Op, _, _>(start, bound_elsewhere, input, call)
    }
}

/// A bound handler, in both of its erased forms.
struct Slot {
    json: Arc<dyn JsonHandler>,
    /// An `Arc<dyn DynHandler<Op>>`.
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
/// 1. find the operation (`NOT_FOUND`) and its handler (`NOT_IMPLEMENTED`);
/// 2. enforce the policy: `auth` (`UNAUTHENTICATED`, `FORBIDDEN`), `flags` (`FORBIDDEN`), the
///    decider (`FORBIDDEN`, `RATE_LIMITED`) and escalations (`PRECONDITION_FAILED`), before the
///    input is even read;
/// 3. decode the input (`BAD_REQUEST` for malformed JSON, `VALIDATION_FAILED` with the field
///    path otherwise), on the JSON path;
/// 4. run the handler (its declared error or standard failure; `INTERNAL_ERROR` if it panics
///    or returns an error its operation does not declare);
/// 5. serialize the output, on the JSON path (`INTERNAL_ERROR` if it does not serialize);
/// 6. publish the events the handler emitted (`INTERNAL_ERROR` if that fails). Events of a
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
    /// One slot per registry entry, by index.
    slots: Vec<Option<Slot>>,
    /// The index of the registry's entries, for `execute`.
    routes: Routes,
    /// The slot of each bound operation type, sorted by type id.
    by_type: Vec<(TypeId, usize)>,
    publisher: P,
    decider: D,
    problem_base: Cow<'static, str>,
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
            routes: Routes::new(registry),
            by_type: Vec::new(),
            publisher: NoPublisher,
            decider: DefaultDecider,
            problem_base: Cow::Borrowed(DEFAULT_PROBLEM_BASE),
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
            routes: self.routes,
            by_type: self.by_type,
            publisher,
            decider: self.decider,
            problem_base: self.problem_base,
        }
    }

    /// Decides policies with `decider`.
    pub fn with_decider<E: PolicyDecider>(self, decider: E) -> Runtime<P, E> {
        Runtime {
            id: self.id,
            registry: self.registry,
            slots: self.slots,
            routes: self.routes,
            by_type: self.by_type,
            publisher: self.publisher,
            decider,
            problem_base: self.problem_base,
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
            .registry
            .get_entry(key, version)
            .filter(|entry| entry.contract().as_operation().is_some())
            .map(|entry| self.index_of(entry))
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
        let type_id = TypeId::of::<Op>();
        let position = self
            .by_type
            .binary_search_by(|(id, _)| id.cmp(&type_id))
            .unwrap_or_else(|position| position);
        self.by_type.insert(position, (type_id, index));
        Ok(bound)
    }

    /// Whether a handler is bound to `key@version`.
    pub fn is_bound(&self, key: &str, version: &str) -> bool {
        self.registry
            .get_entry(key, version)
            .is_some_and(|entry| self.slots[self.index_of(entry)].is_some())
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

    /// Executes operation `key` at `version` (the latest if `None`) on JSON `input`, for
    /// dynamic callers.
    ///
    /// Never panics, and always returns a result: see [`Runtime`] for the steps and their
    /// failure codes.
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
        let resolved = self.resolve(key, version);
        let span = tracing::info_span!(
            "contract.execute",
            key,
            version = match &resolved {
                Ok((operation, _)) => operation.meta.version.as_str(),
                Err(_) => version.unwrap_or(""),
            },
            trace_id = %call.context.trace_id(),
            code = Empty,
            status = Empty,
        );
        match resolved {
            Err(failure) => {
                let operation = OperationRef::requested(key, version);
                let result = problem(failure, operation, &call, &self.problem_base);
                record(&span, || (result.code(), result.status()));
                Execute::NotFound {
                    result: Some(result),
                }
            }
            Ok((operation, slot)) => {
                // Decoding (the input's `Deserialize`) starts the handler, encoding ends its
                // future.
                let start = slot
                    .map(|slot| move |input, call| slot.json.call_json(input, call))
                    .ok_or_else(|| not_bound(operation));
                let kind = Json {
                    operation,
                    problem_base: &self.problem_base,
                };
                let call = Call::new(self, kind, call, span, start, input);
                Execute::Found { call }
            }
        }
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
    /// The handler is looked up by `Op`'s type and its future boxed: a [`BoundHandler`] (from
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
        let span = tracing::info_span!(
            "contract.call",
            key = operation.meta.key,
            version = operation.meta.version.as_str(),
            trace_id = %call.context.trace_id(),
            code = Empty,
            status = Empty,
        );
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

    /// The typed handler of `Op`, if bound.
    #[inline]
    fn typed_handler<Op: Operation>(&self) -> Option<&dyn DynHandler<Op>> {
        let type_id = TypeId::of::<Op>();
        let position = self
            .by_type
            .binary_search_by(|(id, _)| id.cmp(&type_id))
            .ok()?;
        let slot = self.slots[self.by_type[position].1].as_ref()?;
        let handler = slot.typed.downcast_ref::<Arc<dyn DynHandler<Op>>>()?;
        Some(&**handler)
    }

    /// Finds the operation `key@version`, or the latest version of `key`.
    #[inline]
    fn resolve(
        &self,
        key: &str,
        version: Option<&str>,
    ) -> Result<(&'static OperationDescriptor, Option<&Slot>), Failure<AnyError>> {
        let Some(index) = self.routes.find(key, version) else {
            return Err(self.unknown(key, version));
        };
        let entry = &self.registry.entries()[index];
        match entry.contract().as_operation() {
            Some(operation) => Ok((operation, self.slots[index].as_ref())),
            None => Err(not_an_operation(key, entry)),
        }
    }

    /// Why there is no `key@version` (or `key`).
    #[cold]
    fn unknown(&self, key: &str, version: Option<&str>) -> Failure<AnyError> {
        let versions: Vec<&str> = self
            .registry
            .versions(key)
            .iter()
            .filter(|e| e.contract().as_operation().is_some())
            .map(Entry::version)
            .collect();
        not_found(match version {
            Some(version) if !versions.is_empty() => format!(
                "operation `{key}` has no version `{version}` (known versions: {})",
                versions.join(", ")
            ),
            _ => format!("there is no operation `{key}`"),
        })
    }

    /// The index of a registry entry.
    #[inline]
    fn index_of(&self, entry: &'static Entry) -> usize {
        routes::index_of(self.registry, entry)
    }
}

/// Why `key` resolves to `entry`, which is not an operation.
#[cold]
fn not_an_operation(key: &str, entry: &Entry) -> Failure<AnyError> {
    let kind = entry.contract().kind().as_str();
    let article = if kind.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    };
    not_found(format!(
        "`{key}@{}` is not an operation but {article} {}",
        entry.version(),
        kind.replace('_', " ")
    ))
}

/// A panic was caught.
struct Panicked;

/// Polls the steps of a call in its span, catching any panic of the user code they run; the
/// panic's payload is dropped unread (it may hold personal data).
#[inline]
fn guard<'a, F: Future + ?Sized>(span: &'a tracing::Span, future: Pin<&'a mut F>) -> Guard<'a, F> {
    Guard { span, future }
}

struct Guard<'a, F: ?Sized> {
    span: &'a tracing::Span,
    future: Pin<&'a mut F>,
}

impl<F: Future + ?Sized> Future for Guard<'_, F> {
    type Output = Result<F::Output, Panicked>;

    #[inline]
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = &mut *self;
        let _entered = this.span.enter();
        match std::panic::catch_unwind(AssertUnwindSafe(|| this.future.as_mut().poll(cx))) {
            Ok(Poll::Ready(output)) => Poll::Ready(Ok(output)),
            Ok(Poll::Pending) => Poll::Pending,
            Err(_) => Poll::Ready(Err(Panicked)),
        }
    }
}

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

/// The result of a failed dynamic call.
#[cold]
fn problem(
    failure: Failure<AnyError>,
    operation: OperationRef,
    call: &CallState,
    problem_base: &str,
) -> ContractResult {
    let trace_id = call.context.trace_id().clone();
    let problem = problem_of(failure, operation, trace_id, problem_base);
    ContractResult::Failure(Box::new(problem))
}

#[cold]
fn internal<E>(detail: String) -> Failure<E> {
    Failure::standard(FailureCode::InternalError).with_detail(detail)
}

#[cold]
fn emit_failed<E>(
    error: String,
    operation: &'static OperationDescriptor,
    span: &tracing::Span,
) -> Failure<E> {
    tracing::error!(parent: span, %error, "an emitted event does not serialize");
    internal(format!(
        "`{}` succeeded but emitted an event that does not serialize",
        operation.meta.key
    ))
}

#[cold]
fn publish_failed<E>(
    error: &PublishError,
    count: usize,
    operation: &'static OperationDescriptor,
    span: &tracing::Span,
) -> Failure<E> {
    tracing::error!(parent: span, %error, count, "events could not be published");
    internal(format!(
        "`{}` succeeded but its events could not be published",
        operation.meta.key
    ))
}

#[cold]
fn not_found<E>(detail: String) -> Failure<E> {
    Failure::standard(FailureCode::NotFound).with_detail(detail)
}

#[cold]
fn not_bound<E>(operation: &'static OperationDescriptor) -> Failure<E> {
    Failure::standard(FailureCode::NotImplemented).with_detail(format!(
        "no handler is bound to `{}@{}`",
        operation.meta.key, operation.meta.version
    ))
}

#[cold]
fn bound_elsewhere<E>(operation: &'static OperationDescriptor) -> Failure<E> {
    Failure::standard(FailureCode::NotImplemented).with_detail(format!(
        "the handler of `{}@{}` is called with a runtime it is not bound to",
        operation.meta.key, operation.meta.version
    ))
}

#[cold]
fn panicked<E>(operation: &'static OperationDescriptor, span: &tracing::Span) -> Failure<E> {
    tracing::error!(parent: span, "the operation panicked");
    internal(format!(
        "`{}@{}` failed unexpectedly (it panicked)",
        operation.meta.key, operation.meta.version
    ))
}
