//! The future of a call, typed ([`Runtime::call`], [`BoundHandler::call`](super::BoundHandler))
//! or not ([`Runtime::execute`]).
//!
//! Hand-written rather than an `async` block: the static policy is checked before it is built,
//! the handler's future is its only large part (the input lives in it, not next to it), and
//! the handler's output is returned as it comes out of the handler, with no intermediate
//! state to move it through.

use super::failures::{panicked, problem};
use super::{record, BoxFuture, Runtime};
use crate::context::CallState;
use crate::decode::JsonInput;
use crate::events::Publisher;
use crate::failure::{Failure, Reply};
use crate::handler::{check_declared, trace_input, Encoded, Outcome};
use crate::policy::{check_static, PolicyDecider};
use crate::result::{AnyError, ContractResult, Success};
use contracts_core::descriptors::OperationDescriptor;
use contracts_core::wire::OperationRef;
use contracts_core::Operation;
use std::future::Future;
use std::marker::PhantomData;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::pin::Pin;
use std::sync::Arc;
use std::task::{ready, Context, Poll};

/// What differs between a typed call and `execute`: what the handler takes and returns, and
/// what the call returns.
pub(super) trait Kind {
    /// What the handler is started with.
    type Input;
    /// What the handler returns when it succeeds.
    type Value;
    /// The errors of its failures.
    type Error: 'static;
    /// What the call returns.
    type Output;

    /// The operation called.
    fn operation(&self) -> &'static OperationDescriptor;

    /// Traces the input, before the handler starts.
    fn trace(input: &Self::Input);

    /// Checks a failure that the handler returned.
    fn check(failure: Failure<Self::Error>) -> Failure<Self::Error>;

    /// What a successful call returns; records its outcome in the span.
    fn succeeded(&self, value: Self::Value, call: &CallState, span: &tracing::Span)
        -> Self::Output;

    /// What a failed call returns; records its outcome in the span.
    fn failed(
        &self,
        failure: Failure<Self::Error>,
        call: &CallState,
        span: &tracing::Span,
    ) -> Self::Output;
}

/// A typed call of `Op`: its handler's reply or failure.
pub(super) struct Typed<Op>(PhantomData<fn() -> Op>);

impl<Op> Typed<Op> {
    pub(super) fn new() -> Self {
        Typed(PhantomData)
    }
}

impl<Op: Operation> Kind for Typed<Op> {
    type Input = Op::Input;
    type Value = Reply<Op::Output>;
    type Error = Op::Errors;
    type Output = Outcome<Op>;

    #[inline(always)]
    fn operation(&self) -> &'static OperationDescriptor {
        Op::DESCRIPTOR
    }

    #[inline(always)]
    fn trace(input: &Op::Input) {
        trace_input::<Op>(input);
    }

    #[inline]
    fn check(failure: Failure<Op::Errors>) -> Failure<Op::Errors> {
        check_declared::<Op>(failure)
    }

    #[inline]
    fn succeeded(&self, reply: Self::Value, _: &CallState, span: &tracing::Span) -> Outcome<Op> {
        record(span, || (reply.code().as_str(), reply.code().status()));
        Ok(reply)
    }

    #[inline]
    fn failed(
        &self,
        failure: Failure<Op::Errors>,
        _: &CallState,
        span: &tracing::Span,
    ) -> Outcome<Op> {
        record(span, || (failure.code(), failure.status()));
        Err(failure)
    }
}

/// A dynamic call of `operation`: JSON in (decoded and traced as the handler starts; its
/// failures are checked in its future), a [`ContractResult`] out.
pub(super) struct Json<'r> {
    pub(super) operation: &'static OperationDescriptor,
    pub(super) problem_base: &'r str,
}

impl<'r> Kind for Json<'r> {
    type Input = JsonInput<'r>;
    type Value = Encoded;
    type Error = AnyError;
    type Output = ContractResult;

    #[inline(always)]
    fn operation(&self) -> &'static OperationDescriptor {
        self.operation
    }

    #[inline(always)]
    fn trace(_: &JsonInput<'r>) {}

    #[inline(always)]
    fn check(failure: Failure<AnyError>) -> Failure<AnyError> {
        failure
    }

    #[inline]
    fn succeeded(
        &self,
        encoded: Encoded,
        call: &CallState,
        span: &tracing::Span,
    ) -> ContractResult {
        record(span, || (encoded.code.as_str(), encoded.code.status()));
        ContractResult::Success(Success {
            code: encoded.code,
            data: encoded.data,
            trace_id: call.context.trace_id().clone(),
        })
    }

    #[inline]
    fn failed(
        &self,
        failure: Failure<AnyError>,
        call: &CallState,
        span: &tracing::Span,
    ) -> ContractResult {
        let operation = OperationRef::of(self.operation);
        let result = problem(failure, operation, call, self.problem_base);
        record(span, || (result.code(), result.status()));
        result
    }
}

pin_project_lite::pin_project! {
    /// A call of `operation`, of kind `K`: `S` starts the handler, whose future is `H`.
    ///
    /// The span is entered around each poll, and each piece of user code (starting the
    /// handler, polling it; the decider and the publisher guard themselves) runs under
    /// `catch_unwind`.
    pub(super) struct Call<'a, K: Kind, P, D, S, H> {
        runtime: &'a Runtime<P, D>,
        call: Arc<CallState>,
        span: tracing::Span,
        kind: K,
        // The outcome was returned.
        done: bool,
        #[pin]
        stage: Stage<'a, K, S, H>,
    }
}

pin_project_lite::pin_project! {
    /// Where a call is.
    #[project = StageProj]
    #[project_replace = StageOwned]
    pub(super) enum Stage<'a, K: Kind, S, H> {
        /// The decider is asked; then the handler starts. Boxed, like publishing: only some
        /// calls need it, and it would double the size of every call's future.
        Deciding {
            decide: BoxFuture<'a, Result<(), Failure<K::Error>>>,
            start: Result<S, Failure<K::Error>>,
            input: K::Input,
        },
        /// The handler runs.
        Running { #[pin] handler: H },
        /// The handler succeeded; the events it emitted are published.
        Publishing {
            publish: BoxFuture<'a, Result<(), Failure<K::Error>>>,
            value: K::Value,
        },
        /// The call failed before its handler could run.
        Failed { failure: Failure<K::Error> },
        /// Between two stages.
        Done,
    }
}

impl<'a, K, P, D, S, H> Call<'a, K, P, D, S, H>
where
    K: Kind,
    P: Publisher,
    D: PolicyDecider,
    S: FnOnce(K::Input, Arc<CallState>) -> Result<H, Failure<K::Error>>,
{
    /// A call of the operation of `kind` in `span`, with `start` to start its handler, or the
    /// failure that prevents it (no handler).
    ///
    /// The contract's `auth` and `flags` are checked now, and the handler started if the
    /// decider has nothing to decide; otherwise the decider runs at the first poll, and the
    /// handler after it. The policy comes first: a caller it refuses learns nothing of the
    /// handler, not even whether there is one.
    #[inline(always)]
    pub(super) fn new(
        runtime: &'a Runtime<P, D>,
        kind: K,
        call: Arc<CallState>,
        span: tracing::Span,
        start: Result<S, Failure<K::Error>>,
        input: K::Input,
    ) -> Self {
        let operation = kind.operation();
        let stage = match check_static(operation, &call.context) {
            Err(failure) => Stage::Failed { failure },
            Ok(()) if D::ALLOWS_EVERY_CALL && operation.policy.escalate.is_none() => match start {
                Ok(begin) => start_handler(begin, input, &call, &span, operation),
                Err(failure) => Stage::Failed { failure },
            },
            Ok(()) => Stage::Deciding {
                decide: Box::pin(runtime.decide_owned(operation, Arc::clone(&call), span.clone())),
                start,
                input,
            },
        };
        Call {
            runtime,
            call,
            span,
            kind,
            done: false,
            stage,
        }
    }
}

/// Starts the handler in the call's span, catching a panic: the stage it runs in, or the
/// failure (`start` may fail, as when the input does not decode).
#[inline(always)]
fn start_handler<'a, K: Kind, S, H>(
    start: S,
    input: K::Input,
    call: &Arc<CallState>,
    span: &tracing::Span,
    operation: &'static OperationDescriptor,
) -> Stage<'a, K, S, H>
where
    S: FnOnce(K::Input, Arc<CallState>) -> Result<H, Failure<K::Error>>,
{
    let _entered = span.enter();
    K::trace(&input);
    let call = Arc::clone(call);
    match catch_unwind(AssertUnwindSafe(|| start(input, call))) {
        Ok(Ok(handler)) => Stage::Running { handler },
        Ok(Err(failure)) => Stage::Failed { failure },
        Err(_) => Stage::Failed {
            failure: panicked(operation, span),
        },
    }
}

impl<'a, K, P, D, S, H> Future for Call<'a, K, P, D, S, H>
where
    K: Kind,
    P: Publisher,
    D: PolicyDecider,
    S: FnOnce(K::Input, Arc<CallState>) -> Result<H, Failure<K::Error>>,
    H: Future<Output = Result<K::Value, Failure<K::Error>>>,
{
    type Output = K::Output;

    #[inline]
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<K::Output> {
        let mut this = self.project();
        let operation = this.kind.operation();
        if *this.done {
            panic!("a contract call polled after it completed");
        }
        let _entered = this.span.enter();
        let outcome = loop {
            match this.stage.as_mut().project() {
                StageProj::Running { handler } => {
                    let value = match catch_unwind(AssertUnwindSafe(|| handler.poll(cx))) {
                        Ok(Poll::Ready(Ok(value))) => value,
                        Ok(Poll::Pending) => return Poll::Pending,
                        Ok(Poll::Ready(Err(failure))) => break Err(K::check(failure)),
                        Err(_) => break Err(panicked(operation, this.span)),
                    };
                    match this.call.close() {
                        // The common case, returned from here: the value is not moved through
                        // the outcome of the other cases.
                        None => {
                            *this.done = true;
                            return Poll::Ready(this.kind.succeeded(value, this.call, this.span));
                        }
                        Some(emitted) => {
                            let span = this.span.clone();
                            let publish = this.runtime.publish_emitted(emitted, operation, span);
                            this.stage.set(Stage::Publishing { publish, value });
                        }
                    }
                }
                StageProj::Deciding { decide, .. } => {
                    if let Err(failure) = ready!(decide.as_mut().poll(cx)) {
                        break Err(failure);
                    }
                    let StageOwned::Deciding { start, input, .. } =
                        this.stage.as_mut().project_replace(Stage::Done)
                    else {
                        unreachable!("the stage is `Deciding`")
                    };
                    let next = match start {
                        Ok(begin) => start_handler(begin, input, this.call, this.span, operation),
                        Err(failure) => Stage::Failed { failure },
                    };
                    this.stage.as_mut().project_replace(next);
                }
                StageProj::Publishing { publish, .. } => {
                    if let Err(failure) = ready!(publish.as_mut().poll(cx)) {
                        break Err(failure);
                    }
                    let StageOwned::Publishing { value, .. } =
                        this.stage.as_mut().project_replace(Stage::Done)
                    else {
                        unreachable!("the stage is `Publishing`")
                    };
                    break Ok(value);
                }
                StageProj::Failed { .. } => {
                    let StageOwned::Failed { failure } =
                        this.stage.as_mut().project_replace(Stage::Done)
                    else {
                        unreachable!("the stage is `Failed`")
                    };
                    break Err(failure);
                }
                StageProj::Done => unreachable!("a call is never left between two stages"),
            }
        };
        *this.done = true;
        Poll::Ready(match outcome {
            Ok(value) => this.kind.succeeded(value, this.call, this.span),
            Err(failure) => {
                this.call.discard();
                this.kind.failed(failure, this.call, this.span)
            }
        })
    }
}

pin_project_lite::pin_project! {
    /// The future of [`Runtime::execute`]: the call of the operation found, or the result of
    /// one whose operation was not found.
    #[project = ExecuteProj]
    pub(super) enum Execute<F> {
        /// The operation was found.
        Found { #[pin] call: F },
        /// It was not: the result, until it is returned.
        NotFound { result: Option<ContractResult> },
    }
}

impl<F: Future<Output = ContractResult>> Future for Execute<F> {
    type Output = ContractResult;

    #[inline]
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<ContractResult> {
        match self.project() {
            ExecuteProj::Found { call } => call.poll(cx),
            ExecuteProj::NotFound { result } => match result.take() {
                Some(result) => Poll::Ready(result),
                None => panic!("a contract call polled after it completed"),
            },
        }
    }
}
