//! Handler state: what the handlers of a runtime share (a store, a pool, a client), given once
//! and handed to each call, as axum's `State` extractor does.

use crate::context::Ctx;
use crate::events::Publisher;
use crate::failure::{Failure, IntoReply, Reply};
use crate::handler::Handler;
use crate::policy::PolicyDecider;
use crate::runtime::{BindError, BoundHandler, Runtime};
use contracts_core::Operation;
use std::future::Future;
use std::marker::PhantomData;
use std::sync::Arc;

/// The state a handler bound with [`Runtime::with_state`] receives first: shared by every
/// call (one `Arc`, never cloned deeply), read through `Deref`.
///
/// ```
/// use contracts_runtime::State;
///
/// let State(counter) = State::new(41);
/// assert_eq!(*counter + 1, 42);
/// ```
#[derive(Debug)]
pub struct State<S>(pub Arc<S>);

impl<S> State<S> {
    /// The state `value`.
    pub fn new(value: S) -> State<S> {
        State(Arc::new(value))
    }
}

impl<S> Clone for State<S> {
    fn clone(&self) -> Self {
        State(Arc::clone(&self.0))
    }
}

impl<S> core::ops::Deref for State<S> {
    type Target = S;

    fn deref(&self) -> &S {
        &self.0
    }
}

/// A handler of operation `Op` that takes the runtime's [`State`] first: an
/// `async fn(State<S>, Op::Input, Ctx<Op>) -> Result<Op::Output, Failure<Op::Errors>>` (or
/// returning `Result<Reply<Op::Output>, ...>`), as [`Handler`] is without state.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a handler of the operation `{Op}` with state `{S}`",
    label = "not a handler of `{Op}` with state `{S}`",
    note = "a handler with state is an `async fn(State<{S}>, <{Op} as Operation>::Input, Ctx<{Op}>) -> Result<<{Op} as Operation>::Output, Failure<<{Op} as Operation>::Errors>>` (or returns `Result<Reply<Output>, ...>`) whose future is `Send`"
)]
pub trait StatefulHandler<Op: Operation, S>: Send + Sync + 'static {
    /// Handles one call.
    fn call(
        &self,
        state: State<S>,
        input: Op::Input,
        ctx: Ctx<Op>,
    ) -> impl Future<Output = Result<Reply<Op::Output>, Failure<Op::Errors>>> + Send;
}

impl<Op, S, F, Fut> StatefulHandler<Op, S> for F
where
    Op: Operation,
    F: Fn(State<S>, Op::Input, Ctx<Op>) -> Fut + Send + Sync + 'static,
    Fut: Future + Send,
    Fut::Output: IntoReply<Op::Output, Op::Errors>,
{
    #[inline]
    fn call(
        &self,
        state: State<S>,
        input: Op::Input,
        ctx: Ctx<Op>,
    ) -> impl Future<Output = Result<Reply<Op::Output>, Failure<Op::Errors>>> + Send {
        let future = self(state, input, ctx);
        async move { future.await.into_reply() }
    }
}

/// A [`StatefulHandler`] with its state: a [`Handler`].
struct Stateful<H, S, Op> {
    handler: H,
    state: State<S>,
    op: PhantomData<fn() -> Op>,
}

impl<Op, S, H> Handler<Op> for Stateful<H, S, Op>
where
    Op: Operation,
    S: Send + Sync + 'static,
    H: StatefulHandler<Op, S>,
{
    #[inline]
    fn call(
        &self,
        input: Op::Input,
        ctx: Ctx<Op>,
    ) -> impl Future<Output = Result<Reply<Op::Output>, Failure<Op::Errors>>> + Send {
        self.handler.call(self.state.clone(), input, ctx)
    }
}

/// Binds handlers that share a state onto a runtime: see [`Runtime::with_state`].
pub struct WithState<'r, P, D, S> {
    runtime: &'r mut Runtime<P, D>,
    state: State<S>,
}

impl<P, D, S> core::fmt::Debug for WithState<'_, P, D, S> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("WithState").finish_non_exhaustive()
    }
}

impl<P: Publisher, D: PolicyDecider> Runtime<P, D> {
    /// Binds handlers that take `state` first, as axum handlers take `State`: the state is
    /// given once, shared by every call (an `Arc`), with no clone per handler to write.
    ///
    /// ```
    /// use contracts_core::{command, registry, Model};
    /// use contracts_runtime::{Actor, CallContext, Ctx, Failure, Runtime, State};
    /// use std::sync::Mutex;
    ///
    /// /// Count one more.
    /// #[command(key = "demo.counter.add", version = "1.0.0", output = u64, policy(auth = "anonymous"))]
    /// #[derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema, Model)]
    /// pub struct Add { pub by: u64 }
    ///
    /// registry! { pub static DEMO; defaults(owners = ["team.demo"], stability = "beta"); contracts(Add); }
    ///
    /// #[derive(Default)]
    /// struct Counter(Mutex<u64>);
    ///
    /// async fn add(State(counter): State<Counter>, input: Add, _ctx: Ctx<Add>) -> Result<u64, Failure> {
    ///     let mut total = counter.0.lock().unwrap();
    ///     *total += input.by;
    ///     Ok(*total)
    /// }
    ///
    /// # fn main() {
    /// let mut runtime = Runtime::new(&DEMO);
    /// runtime.with_state(Counter::default()).bind::<Add>(add).unwrap();
    /// # block_on(async {
    /// let call = || runtime.call::<Add>(Add { by: 2 }, CallContext::anonymous());
    /// assert_eq!(call().await.unwrap().into_value(), 2);
    /// assert_eq!(call().await.unwrap().into_value(), 4);
    /// # });
    /// # }
    /// # fn block_on<F: std::future::Future>(f: F) -> F::Output {
    /// #     let mut f = std::pin::pin!(f);
    /// #     let mut cx = std::task::Context::from_waker(std::task::Waker::noop());
    /// #     loop { if let std::task::Poll::Ready(v) = f.as_mut().poll(&mut cx) { return v; } }
    /// # }
    /// ```
    pub fn with_state<S: Send + Sync + 'static>(&mut self, state: S) -> WithState<'_, P, D, S> {
        WithState {
            runtime: self,
            state: State::new(state),
        }
    }
}

impl<P: Publisher, D: PolicyDecider, S: Send + Sync + 'static> WithState<'_, P, D, S> {
    /// Binds `handler` to operation `Op`, as [`Runtime::bind`] does, with the state.
    pub fn bind<Op: Operation>(
        &mut self,
        handler: impl StatefulHandler<Op, S>,
    ) -> Result<&mut Self, BindError> {
        self.runtime.bind::<Op>(self.stateful(handler))?;
        Ok(self)
    }

    /// Binds `handler` to operation `Op`, as [`Runtime::bind_typed`] does, with the state.
    pub fn bind_typed<Op: Operation, H: StatefulHandler<Op, S>>(
        &mut self,
        handler: H,
    ) -> Result<BoundHandler<Op, impl Handler<Op>>, BindError> {
        let handler = self.stateful(handler);
        self.runtime.bind_typed::<Op, _>(handler)
    }

    /// The state.
    pub fn state(&self) -> &State<S> {
        &self.state
    }

    fn stateful<Op: Operation, H: StatefulHandler<Op, S>>(&self, handler: H) -> Stateful<H, S, Op> {
        Stateful {
            handler,
            state: self.state.clone(),
            op: PhantomData,
        }
    }
}
