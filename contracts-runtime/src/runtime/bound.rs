//! Binding: why a handler could not be bound, and the typed handle of one that was.

use super::failures::bound_elsewhere;
use super::Runtime;
use crate::context::CallState;
use crate::events::Publisher;
use crate::failure::{Failure, Reply};
use crate::handler::{Bound, Handler};
use crate::policy::PolicyDecider;
use crate::CallContext;
use contracts_core::Operation;
use std::future::Future;
use std::sync::Arc;

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
    pub(super) bound: Arc<Bound<Op, H>>,
    /// The id of the runtime it is bound to.
    pub(super) runtime: u64,
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
