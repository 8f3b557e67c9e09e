//! The handler run with the settings' timeout and panic catching (actix-web has no
//! middleware for either; tower users may use tower-http's instead).
//!
//! [`Guarded`] is a named future rather than an `async fn`: the handler's future lives in it
//! once, not once per nested `async` level (each level of a chain of `async` blocks keeps
//! its own copy of what it was given and moves it into the next; BENCHMARKS.md, "What the
//! layer costs", has the measurement).

use core::future::Future;
use core::pin::Pin;
use core::task::{Context, Poll, ready};
use core::time::Duration;

use crate::framework::FrameworkError;

pin_project_lite::pin_project! {
    /// The handler's future, with the settings' timeout and panic catching: a handler that
    /// did not answer is `request_timeout` or `internal_error`. The timeout is tokio's own
    /// `Timeout`, which still fires when the handler spends its task's whole budget on every
    /// poll.
    #[project = GuardedProjection]
    pub(crate) enum Guarded<H> {
        Limited { #[pin] timeout: tokio::time::Timeout<CatchPanics<H>> },
        Unlimited { #[pin] handler: CatchPanics<H> },
    }
}

impl<H: Future> Guarded<H> {
    /// Guards `handler`. A timeout starts now, and needs tokio's timer: call this where the
    /// request arrives, inside the runtime.
    pub(crate) fn new(limit: Option<Duration>, catch_panics: bool, handler: H) -> Self {
        let handler = CatchPanics {
            handler,
            enabled: catch_panics,
        };
        match limit {
            Some(limit) => Self::Limited {
                timeout: tokio::time::timeout(limit, handler),
            },
            None => Self::Unlimited { handler },
        }
    }
}

impl<H: Future> Future for Guarded<H> {
    type Output = Result<H::Output, FrameworkError>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let answered = match self.project() {
            GuardedProjection::Limited { timeout } => match ready!(timeout.poll(cx)) {
                Ok(answered) => answered,
                Err(_) => return Poll::Ready(Err(FrameworkError::RequestTimeout)),
            },
            GuardedProjection::Unlimited { handler } => ready!(handler.poll(cx)),
        };
        Poll::Ready(answered.map_err(|Panicked| FrameworkError::Internal))
    }
}

/// The handler panicked (its message is logged, never sent).
pub(crate) struct Panicked;

pin_project_lite::pin_project! {
    /// A future whose panics become `Err(Panicked)` (when enabled), logged with their message.
    pub(crate) struct CatchPanics<F> {
        #[pin]
        handler: F,
        enabled: bool,
    }
}

impl<F: Future> Future for CatchPanics<F> {
    type Output = Result<F::Output, Panicked>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = self.project();
        if !*this.enabled {
            return this.handler.poll(cx).map(Ok);
        }
        let handler = this.handler;
        match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| handler.poll(cx))) {
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
}
