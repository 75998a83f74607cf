//! The future of a typed call ([`Runtime::call`], [`BoundHandler::call`](super::BoundHandler)).
//!
//! Hand-written rather than an `async` block: the static policy is checked before it is built,
//! the handler's future is its only large part (the input lives in it, not next to it), and
//! the handler's output is returned as it comes out of the handler, with no intermediate
//! state to move it through.

use super::{panicked, record, BoxFuture, Runtime};
use crate::context::{CallState, Ctx};
use crate::events::Publisher;
use crate::failure::{Failure, Reply};
use crate::handler::{check_declared, trace_input, Outcome};
use crate::policy::PolicyDecider;
use contracts_core::Operation;
use std::future::Future;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::pin::Pin;
use std::sync::Arc;
use std::task::{ready, Context, Poll};

pin_project_lite::pin_project! {
    /// A typed call of operation `Op`: `S` starts the handler, whose future is `H`.
    ///
    /// The span is entered around each poll, and each piece of user code (starting the
    /// handler, polling it; the decider and the publisher guard themselves) runs under
    /// `catch_unwind`.
    pub(super) struct TypedCall<'a, Op: Operation, P, D, S, H> {
        runtime: &'a Runtime<P, D>,
        call: Arc<CallState>,
        span: tracing::Span,
        // The outcome was returned.
        done: bool,
        #[pin]
        stage: Stage<'a, Op, S, H>,
    }
}

pin_project_lite::pin_project! {
    /// Where a typed call is.
    #[project = StageProj]
    #[project_replace = StageOwned]
    pub(super) enum Stage<'a, Op: Operation, S, H> {
        /// The decider is asked; then the handler starts. Boxed, like publishing: only some
        /// calls need it, and it would double the size of every call's future.
        Deciding {
            decide: BoxFuture<'a, Result<(), Failure<Op::Errors>>>,
            start: S,
            input: Op::Input,
        },
        /// The handler runs.
        Running { #[pin] handler: H },
        /// The handler succeeded; the events it emitted are published.
        Publishing {
            publish: BoxFuture<'a, Result<(), Failure<Op::Errors>>>,
            reply: Reply<Op::Output>,
        },
        /// The call failed before its handler could run.
        Failed { failure: Failure<Op::Errors> },
        /// Between two stages.
        Done,
    }
}

impl<'a, Op: Operation, P, D, S, H> TypedCall<'a, Op, P, D, S, H> {
    /// A call at `stage`, in `span`.
    #[inline]
    pub(super) fn new(
        runtime: &'a Runtime<P, D>,
        call: Arc<CallState>,
        span: tracing::Span,
        stage: Stage<'a, Op, S, H>,
    ) -> Self {
        TypedCall {
            runtime,
            call,
            span,
            done: false,
            stage,
        }
    }
}

/// Starts the handler in the call's span, catching a panic: the stage it runs in, or the
/// failure.
#[inline]
pub(super) fn start<'a, Op: Operation, S, H>(
    start: S,
    input: Op::Input,
    call: &Arc<CallState>,
    span: &tracing::Span,
) -> Stage<'a, Op, S, H>
where
    S: FnOnce(Op::Input, Ctx<Op>) -> H,
{
    let _entered = span.enter();
    trace_input::<Op>(&input);
    let ctx = Ctx::attached(Arc::clone(call));
    match catch_unwind(AssertUnwindSafe(|| start(input, ctx))) {
        Ok(handler) => Stage::Running { handler },
        Err(_) => Stage::Failed {
            failure: panicked(Op::DESCRIPTOR, span),
        },
    }
}

impl<'a, Op, P, D, S, H> Future for TypedCall<'a, Op, P, D, S, H>
where
    Op: Operation,
    P: Publisher,
    D: PolicyDecider,
    S: FnOnce(Op::Input, Ctx<Op>) -> H,
    H: Future<Output = Outcome<Op>>,
{
    type Output = Outcome<Op>;

    #[inline]
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Outcome<Op>> {
        let mut this = self.project();
        let operation = Op::DESCRIPTOR;
        if *this.done {
            panic!("a contract call polled after it completed");
        }
        let _entered = this.span.enter();
        let outcome = loop {
            match this.stage.as_mut().project() {
                StageProj::Running { handler } => {
                    let reply = match catch_unwind(AssertUnwindSafe(|| handler.poll(cx))) {
                        Ok(Poll::Ready(Ok(reply))) => reply,
                        Ok(Poll::Pending) => return Poll::Pending,
                        Ok(Poll::Ready(Err(failure))) => break Err(check_declared::<Op>(failure)),
                        Err(_) => break Err(panicked(operation, this.span)),
                    };
                    match this.call.close() {
                        // The common case, returned from here: the reply is not moved through
                        // the outcome of the other cases.
                        None => {
                            *this.done = true;
                            record(this.span, reply.code().as_str(), reply.code().status());
                            return Poll::Ready(Ok(reply));
                        }
                        Some(emitted) => {
                            let span = this.span.clone();
                            let publish = this.runtime.publish_emitted(emitted, operation, span);
                            this.stage.set(Stage::Publishing { publish, reply });
                        }
                    }
                }
                StageProj::Deciding { decide, .. } => {
                    if let Err(failure) = ready!(decide.as_mut().poll(cx)) {
                        break Err(failure);
                    }
                    let StageOwned::Deciding {
                        start: begin,
                        input,
                        ..
                    } = this.stage.as_mut().project_replace(Stage::Done)
                    else {
                        unreachable!("the stage is `Deciding`")
                    };
                    let next = start(begin, input, this.call, this.span);
                    this.stage.as_mut().project_replace(next);
                }
                StageProj::Publishing { publish, .. } => {
                    if let Err(failure) = ready!(publish.as_mut().poll(cx)) {
                        break Err(failure);
                    }
                    let StageOwned::Publishing { reply, .. } =
                        this.stage.as_mut().project_replace(Stage::Done)
                    else {
                        unreachable!("the stage is `Publishing`")
                    };
                    break Ok(reply);
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
        match &outcome {
            Ok(reply) => record(this.span, reply.code().as_str(), reply.code().status()),
            Err(failure) => {
                this.call.discard();
                record(this.span, failure.code(), failure.status());
            }
        }
        Poll::Ready(outcome)
    }
}
