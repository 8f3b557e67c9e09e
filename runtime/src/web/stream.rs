//! A response stream that ends with its first error: the adapter behind `errwire::axum::sse`
//! and `errwire::actix::sse`. The error is rendered with the context of the request that
//! opened the stream (captured when the stream is made: the body is polled after the
//! handler, outside the layer's task-local), in the service's envelope, logged and counted
//! like a response.

use core::pin::Pin;
use core::task::{Context as TaskContext, Poll};

use futures_core::Stream;

use super::context::RequestContext;
use super::render::render_with;
use crate::error::ApiError;
use crate::format::Format;

/// The items of `inner`, each mapped by `map`, until the first error, which `map` turns into
/// the stream's last item.
pub(crate) struct UntilError<S, M> {
    inner: Option<Pin<Box<S>>>,
    map: M,
}

impl<S, M> UntilError<S, M> {
    pub(crate) fn new(inner: S, map: M) -> Self {
        Self {
            inner: Some(Box::pin(inner)),
            map,
        }
    }
}

impl<S, M, T, E, Out> Stream for UntilError<S, M>
where
    S: Stream<Item = Result<T, E>>,
    M: FnMut(Result<T, E>) -> Out + Unpin,
{
    type Item = Out;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut TaskContext<'_>) -> Poll<Option<Out>> {
        let Some(inner) = self.inner.as_mut() else {
            return Poll::Ready(None);
        };
        match inner.as_mut().poll_next(cx) {
            Poll::Pending => Poll::Pending,
            Poll::Ready(None) => {
                self.inner = None;
                Poll::Ready(None)
            }
            Poll::Ready(Some(item)) => {
                if item.is_err() {
                    // The error is the last event: the stream ends after it.
                    self.inner = None;
                }
                Poll::Ready(Some((self.map)(item)))
            }
        }
    }
}

/// The body `error` would have had as a response to the request that opened the stream
/// (the service's envelope, its id, its language), logged and counted.
pub(crate) fn error_body<F: Format>(error: &(impl ApiError + ?Sized), request: &RequestContext) -> String {
    let body = render_with::<F>(error, request).into_body();
    String::from_utf8(body).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}
