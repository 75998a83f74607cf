//! Handlers: typed functions bound to operations, and their type-erased forms.

use crate::context::{CallState, Ctx};
use crate::decode::{decode, JsonInput};
use crate::failure::{Failure, IntoReply, Reply};
use crate::redact::redact;
use crate::result::AnyError;
use contracts_core::wire::{FailureCode, SuccessCode};
use contracts_core::{ErrorCatalog, ModelKind, Operation};
use std::future::Future;
use std::marker::PhantomData;
use std::pin::Pin;
use std::sync::Arc;

/// A handler of operation `Op`: an async function of the operation's input and a [`Ctx`]
/// returning its output or a [`Failure`] of its declared errors.
///
/// Implemented by every `Fn(Op::Input, Ctx<Op>) -> impl Future<Output = R> + Send` where `R`
/// is `Result<Op::Output, Failure<Op::Errors>>` or `Result<Reply<Op::Output>,
/// Failure<Op::Errors>>`: plain `async fn`s and closures returning `async move` blocks. A
/// function with other types is not a handler, so binding it does not compile.
///
/// ```
/// use contracts_core::{query, registry, Model};
/// use contracts_runtime::{Ctx, Failure, FailureCode, Handler};
///
/// /// Read a user's name.
/// #[query(key = "demo.user.get", version = "1.0.0", output = String, policy(auth = "user"))]
/// #[derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema, Model)]
/// pub struct GetUser { pub id: String }
///
/// registry! { pub static DEMO; defaults(owners = ["team.demo"], stability = "beta"); contracts(GetUser); }
///
/// async fn get_user(input: GetUser, _ctx: Ctx<GetUser>) -> Result<String, Failure> {
///     match input.id.as_str() {
///         "u-1" => Ok("Ada".to_owned()),
///         _ => Err(Failure::standard(FailureCode::NotFound)),
///     }
/// }
///
/// fn is_handler<Op: contracts_core::Operation>(_: impl Handler<Op>) {}
/// # fn main() {
/// is_handler::<GetUser>(get_user);
/// # }
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a handler of the operation `{Op}`",
    label = "not a handler of `{Op}`",
    note = "a handler of `{Op}` is an `async fn(<{Op} as Operation>::Input, Ctx<{Op}>) -> Result<<{Op} as Operation>::Output, Failure<<{Op} as Operation>::Errors>>` (or returns `Result<Reply<Output>, ...>`) whose future is `Send`"
)]
pub trait Handler<Op: Operation>: Send + Sync + 'static {
    /// Handles one call.
    fn call(
        &self,
        input: Op::Input,
        ctx: Ctx<Op>,
    ) -> impl Future<Output = Result<Reply<Op::Output>, Failure<Op::Errors>>> + Send;
}

impl<Op, F, Fut> Handler<Op> for F
where
    Op: Operation,
    F: Fn(Op::Input, Ctx<Op>) -> Fut + Send + Sync + 'static,
    Fut: Future + Send,
    Fut::Output: IntoReply<Op::Output, Op::Errors>,
{
    #[inline]
    fn call(
        &self,
        input: Op::Input,
        ctx: Ctx<Op>,
    ) -> impl Future<Output = Result<Reply<Op::Output>, Failure<Op::Errors>>> + Send {
        IntoReplyFuture {
            inner: self(input, ctx),
            op: PhantomData::<fn() -> Op>,
        }
    }
}

pin_project_lite::pin_project! {
    /// The future of a function handler: its function's future, whose output is made a reply.
    ///
    /// Not an `async fn`, whose state would keep room for the input and context besides the
    /// function's future: this one is the function's future alone, polled in place.
    struct IntoReplyFuture<F, Op> {
        #[pin]
        inner: F,
        op: PhantomData<fn() -> Op>,
    }
}

impl<F, Op> Future for IntoReplyFuture<F, Op>
where
    Op: Operation,
    F: Future,
    F::Output: IntoReply<Op::Output, Op::Errors>,
{
    type Output = Result<Reply<Op::Output>, Failure<Op::Errors>>;

    #[inline]
    fn poll(
        self: Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Self::Output> {
        self.project().inner.poll(cx).map(IntoReply::into_reply)
    }
}

pub(crate) type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// The typed outcome of a handler.
pub(crate) type Outcome<Op> =
    Result<Reply<<Op as Operation>::Output>, Failure<<Op as Operation>::Errors>>;

/// A handler of `Op` whose own type is erased, for the typed path.
pub(crate) trait DynHandler<Op: Operation>: Send + Sync {
    fn call_boxed(&self, input: Op::Input, ctx: Ctx<Op>) -> BoxFuture<'_, Outcome<Op>>;
}

/// A successful call's output, serialized.
pub(crate) struct Encoded {
    pub(crate) code: SuccessCode,
    pub(crate) data: Option<String>,
}

/// The future of a JSON call's handler: its output encoded, or its failure erased.
pub(crate) type JsonFuture<'a> = BoxFuture<'a, Result<Encoded, Failure<AnyError>>>;

/// A handler whose operation is erased too, for the JSON path.
pub(crate) trait JsonHandler: Send + Sync {
    /// Decodes the input and starts the handler with a context of `call`: its future, whose
    /// output is encoded; or why the input does not decode.
    ///
    /// Decoding runs the input type's `Deserialize` (user code): the runtime calls this in the
    /// call's span, catching panics.
    fn call_json<'a>(
        &'a self,
        input: JsonInput<'a>,
        call: Arc<CallState>,
    ) -> Result<JsonFuture<'a>, Failure<AnyError>>;
}

/// A bound handler.
pub(crate) struct Bound<Op, H> {
    handler: H,
    op: PhantomData<fn() -> Op>,
}

impl<Op, H> Bound<Op, H> {
    pub(crate) fn new(handler: H) -> Self {
        Bound {
            handler,
            op: PhantomData,
        }
    }

    /// The handler.
    #[inline]
    pub(crate) fn handler(&self) -> &H {
        &self.handler
    }
}

impl<Op: Operation, H: Handler<Op>> DynHandler<Op> for Bound<Op, H> {
    #[inline]
    fn call_boxed(&self, input: Op::Input, ctx: Ctx<Op>) -> BoxFuture<'_, Outcome<Op>> {
        Box::pin(self.handler.call(input, ctx))
    }
}

impl<Op: Operation, H: Handler<Op>> JsonHandler for Bound<Op, H> {
    #[inline]
    fn call_json<'a>(
        &'a self,
        input: JsonInput<'a>,
        call: Arc<CallState>,
    ) -> Result<JsonFuture<'a>, Failure<AnyError>> {
        let object = matches!(Op::DESCRIPTOR.input.info.kind, ModelKind::Struct(_));
        let input: Op::Input = decode(input, object)?;
        trace_input::<Op>(&input);
        Ok(Box::pin(EncodeFuture::<_, Op> {
            inner: self.handler.call(input, Ctx::attached(call)),
            op: PhantomData,
        }))
    }
}

pin_project_lite::pin_project! {
    /// A handler's future whose output is encoded and whose failure is checked and erased.
    struct EncodeFuture<F, Op> {
        #[pin]
        inner: F,
        op: PhantomData<fn() -> Op>,
    }
}

impl<F, Op> Future for EncodeFuture<F, Op>
where
    Op: Operation,
    F: Future<Output = Outcome<Op>>,
{
    type Output = Result<Encoded, Failure<AnyError>>;

    #[inline]
    fn poll(
        self: Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Self::Output> {
        self.project().inner.poll(cx).map(|outcome| match outcome {
            Ok(reply) => encode::<Op>(reply),
            Err(failure) => Err(erase::<Op>(failure)),
        })
    }
}

/// Logs the input, redacted, when TRACE is enabled.
#[inline(always)]
pub(crate) fn trace_input<Op: Operation>(input: &Op::Input) {
    // Only the level check is inlined in the call path.
    if tracing::enabled!(tracing::Level::TRACE) {
        trace_input_now::<Op>(input);
    }
}

#[cold]
#[inline(never)]
fn trace_input_now<Op: Operation>(input: &Op::Input) {
    if let Ok(mut json) = serde_json::to_value(input) {
        redact(&mut json, Op::DESCRIPTOR.policy.pii);
        tracing::trace!(input = %json, "contract input (pii redacted)");
    }
}

/// Serializes the output.
#[inline]
fn encode<Op: Operation>(reply: Reply<Op::Output>) -> Result<Encoded, Failure<AnyError>> {
    let code = reply.code();
    if code == SuccessCode::NoContent {
        return Ok(Encoded { code, data: None });
    }
    match serde_json::to_string(reply.value()) {
        Ok(data) => Ok(Encoded {
            code,
            data: Some(data),
        }),
        Err(error) => {
            tracing::error!(%error, "output does not serialize");
            Err(
                Failure::standard(FailureCode::InternalError).with_detail(format!(
                    "the output of `{}` does not serialize to JSON",
                    Op::DESCRIPTOR.meta.key
                )),
            )
        }
    }
}

/// Replaces a declared error that the operation does not actually declare (possible with a
/// hand-written [`ErrorCatalog`]) with `INTERNAL_ERROR`, keeping the original code in the
/// metadata; a declared one takes the operation's declared status.
pub(crate) fn check_declared<Op: Operation>(failure: Failure<Op::Errors>) -> Failure<Op::Errors> {
    let Some(spec) = failure.spec() else {
        return failure;
    };
    if Op::DESCRIPTOR
        .errors
        .iter()
        .any(|declared| declared.code == spec.code && declared.http == spec.http)
    {
        return failure;
    }
    tracing::error!(
        code = spec.code,
        "the handler returned an error its operation does not declare"
    );
    let mut internal = Failure::standard(FailureCode::InternalError)
        .with_detail(format!("undeclared contract failure: {}", spec.code));
    internal.extra_mut().metadata = Some(serde_json::json!({
        "originalCode": spec.code,
        "originalStatus": spec.http,
    }));
    internal
}

/// Checks a failure and erases its operation.
fn erase<Op: Operation>(failure: Failure<Op::Errors>) -> Failure<AnyError> {
    check_declared::<Op>(failure).map_declared(|e| {
        let spec = e.spec();
        // Report the status the operation declares for this code.
        let declared = Op::DESCRIPTOR
            .errors
            .iter()
            .find(|d| d.code == spec.code)
            .unwrap_or(spec);
        AnyError(declared)
    })
}
