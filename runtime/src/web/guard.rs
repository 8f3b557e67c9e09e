//! The handler run with the settings' timeout and panic catching (actix-web has no
//! middleware for either; tower users may use tower-http's instead).
//!
//! [`Guarded`] is a named future rather than an `async fn`: the handler's future lives in it
//! once, not once per nested `async` level (each level of a chain of `async` blocks keeps
//! its own copy of what it was given and moves it into the next: measured, a request behind
//! the tower layer copied ~10 KB with the `async` version).

use core::future::Future;
use core::pin::Pin;
use core::task::{Context, Poll};
use core::time::Duration;

use crate::framework::FrameworkError;

pin_project_lite::pin_project! {
    /// The handler's future, with the settings' timeout and panic catching: a handler that
    /// did not answer is `request_timeout` or `internal_error`.
    pub(crate) struct Guarded<H> {
        #[pin]
        handler: H,
        #[pin]
        deadline: Option<tokio::time::Sleep>,
        catch_panics: bool,
    }
}

impl<H> Guarded<H> {
    /// Guards `handler`; the timeout starts now (call it where the request arrives, inside
    /// the runtime: a timeout needs tokio's timer).
    pub(crate) fn new(limit: Option<Duration>, catch_panics: bool, handler: H) -> Self {
        Self {
            handler,
            deadline: limit.map(tokio::time::sleep),
            catch_panics,
        }
    }
}

impl<H: Future> Future for Guarded<H> {
    type Output = Result<H::Output, FrameworkError>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = self.project();
        // The handler first, as `tokio::time::timeout` does: an answer ready at the deadline
        // is still the answer.
        match poll_catching(this.handler, cx, *this.catch_panics) {
            Poll::Ready(Ok(output)) => return Poll::Ready(Ok(output)),
            Poll::Ready(Err(Panicked)) => return Poll::Ready(Err(FrameworkError::Internal)),
            Poll::Pending => {}
        }
        match this.deadline.as_pin_mut().map(|deadline| deadline.poll(cx)) {
            Some(Poll::Ready(())) => Poll::Ready(Err(FrameworkError::RequestTimeout)),
            _ => Poll::Pending,
        }
    }
}

/// The handler panicked (its message is logged, never sent).
struct Panicked;

/// Polls `future`; a panic becomes `Err(Panicked)` (when `enabled`), logged with its message.
fn poll_catching<F: Future>(
    future: Pin<&mut F>,
    cx: &mut Context<'_>,
    enabled: bool,
) -> Poll<Result<F::Output, Panicked>> {
    if !enabled {
        return future.poll(cx).map(Ok);
    }
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| future.poll(cx))) {
        Ok(poll) => poll.map(Ok),
        Err(payload) => {
            let message = payload
                .downcast_ref::<&str>()
                .map(|s| String::from(*s))
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_default();
            #[cfg(feature = "tracing")]
            tracing::error!(panic = %message, "handler panicked");
            let _ = message;
            Poll::Ready(Err(Panicked))
        }
    }
}
