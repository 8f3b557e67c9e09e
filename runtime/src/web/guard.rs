//! The handler run with the settings' timeout and panic catching (actix-web has no
//! middleware for either; tower users may use tower-http's instead).

use core::future::Future;

/// What became of the handler.
pub(crate) enum Outcome<T> {
    /// It answered.
    Done(T),
    /// It took longer than the limit.
    TimedOut,
    /// It panicked.
    Panicked,
}

/// Runs the handler's future with the settings' timeout and panic catching.
pub(crate) async fn guard<T>(
    settings_timeout: Option<core::time::Duration>,
    catch_panics: bool,
    future: impl Future<Output = T>,
) -> Outcome<T> {
    let future = CatchUnwind {
        inner: Box::pin(future),
        enabled: catch_panics,
    };
    let result = match settings_timeout {
        Some(limit) => match tokio::time::timeout(limit, future).await {
            Ok(result) => result,
            Err(_) => return Outcome::TimedOut,
        },
        None => future.await,
    };
    match result {
        Ok(value) => Outcome::Done(value),
        Err(()) => Outcome::Panicked,
    }
}

/// A future whose panics become `Err(())` (when enabled), logged with their message.
struct CatchUnwind<F: ?Sized> {
    inner: core::pin::Pin<Box<F>>,
    enabled: bool,
}

impl<F: Future + ?Sized> Future for CatchUnwind<F> {
    type Output = Result<F::Output, ()>;

    fn poll(
        mut self: core::pin::Pin<&mut Self>,
        cx: &mut core::task::Context<'_>,
    ) -> core::task::Poll<Self::Output> {
        if !self.enabled {
            return self.inner.as_mut().poll(cx).map(Ok);
        }
        let inner = &mut self.inner;
        match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| inner.as_mut().poll(cx))) {
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
                core::task::Poll::Ready(Err(()))
            }
        }
    }
}

impl<T> Outcome<T> {
    /// The handler's answer, or the framework error for a handler that did not answer.
    pub(crate) fn into_result(self) -> Result<T, crate::framework::FrameworkError> {
        match self {
            Self::Done(value) => Ok(value),
            Self::TimedOut => Err(crate::FrameworkError::RequestTimeout),
            Self::Panicked => Err(crate::FrameworkError::Internal),
        }
    }
}
