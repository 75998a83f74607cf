//! The panic guard: user code a call runs (handler, decider, publisher) is polled in the call's
//! span, and a panic ends the call instead of the process.

use std::future::Future;
use std::panic::AssertUnwindSafe;
use std::pin::Pin;
use std::task::{Context, Poll};

/// A panic was caught.
pub(super) struct Panicked;

/// Polls the steps of a call in its span, catching any panic of the user code they run; the
/// panic's payload is dropped unread (it may hold personal data).
#[inline]
pub(super) fn guard<'a, F: Future + ?Sized>(
    span: &'a tracing::Span,
    future: Pin<&'a mut F>,
) -> Guard<'a, F> {
    Guard { span, future }
}

pub(super) struct Guard<'a, F: ?Sized> {
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
