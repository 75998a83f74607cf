//! A resolved operation: what servers hold for each route or tool, and call with JSON.

use super::Runtime;
use crate::context::CallState;
use crate::decode::JsonInput;
use crate::events::Publisher;
use crate::policy::PolicyDecider;
use crate::result::ContractResult;
use crate::CallContext;
use contracts_core::descriptors::OperationDescriptor;
use contracts_core::Registry;
use std::future::Future;

/// An operation of a registry, resolved once: where servers keep what a route or a tool
/// calls, so a request runs its operation without looking it up again.
///
/// Get one from [`Runtime::operation`] (by key, and version or latest) or
/// [`Runtime::operations`] (every operation), and call it with
/// [`execute`](OperationHandle::execute). It is an index into its registry
/// ([`index`](OperationHandle::index)): it works with any runtime of the same registry, and is
/// `Copy`.
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
/// runtime.bind::<Double>(double).unwrap();
/// // Resolved once, when a server builds its routes...
/// let handle = runtime.operation("demo.number.double", None).unwrap();
/// assert_eq!(handle.descriptor().meta.version.as_str(), "1.0.0");
/// # block_on(async {
/// // ...and called for each request.
/// let context = CallContext::new(Actor::user("u-1"));
/// let result = handle.execute(&runtime, r#"{"n": 21}"#, context).await;
/// assert_eq!(result.data(), Some("42"));
/// # });
/// # }
/// # fn block_on<F: std::future::Future>(f: F) -> F::Output {
/// #     let mut f = std::pin::pin!(f);
/// #     let mut cx = std::task::Context::from_waker(std::task::Waker::noop());
/// #     loop { if let std::task::Poll::Ready(v) = f.as_mut().poll(&mut cx) { return v; } }
/// # }
/// ```
#[derive(Clone, Copy)]
pub struct OperationHandle {
    pub(super) registry: &'static Registry,
    pub(super) index: usize,
    pub(super) operation: &'static OperationDescriptor,
}

impl core::fmt::Debug for OperationHandle {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        let meta = &self.operation.meta;
        f.debug_struct("OperationHandle")
            .field("operation", &format_args!("{}@{}", meta.key, meta.version))
            .field("index", &self.index)
            .finish()
    }
}

impl PartialEq for OperationHandle {
    fn eq(&self, other: &Self) -> bool {
        self.index == other.index && std::ptr::eq(self.registry, other.registry)
    }
}

impl Eq for OperationHandle {}

impl OperationHandle {
    /// The operation's descriptor.
    pub fn descriptor(&self) -> &'static OperationDescriptor {
        self.operation
    }

    /// The operation's position in its registry's
    /// [`entries`](contracts_core::Registry::entries).
    pub fn index(&self) -> usize {
        self.index
    }

    /// Executes the operation on JSON `input`, as [`Runtime::execute`] does once it has found
    /// it: the same steps, failures and result, without the lookup.
    ///
    /// Called with a runtime of another registry, it fails with `NOT_IMPLEMENTED` without
    /// running.
    #[inline]
    pub fn execute<'r, P: Publisher, D: PolicyDecider>(
        self,
        runtime: &'r Runtime<P, D>,
        input: impl Into<JsonInput<'r>>,
        context: CallContext,
    ) -> impl Future<Output = ContractResult> + Send + 'r {
        let call = CallState::new(context);
        runtime.execute_resolved(self, input.into(), call)
    }
}
