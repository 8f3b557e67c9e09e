#![doc = include_str!("docs/web.md")]

use core::future::Future;
use core::marker::PhantomData;
use core::pin::Pin;
use core::task::{Context as TaskContext, Poll, ready};

use http::header::HeaderValue;
use http::{Request, Response};
use tower::{Layer, Service};

use crate::format::Nested;
use crate::telemetry::ErrorType;
use crate::web::negotiate::accepts_problem;
use crate::web::pipeline::{Incoming, Run, Transport};
use crate::web::request_id;
use crate::web::respond::{finish, unanswered};
use crate::web::settings::{ErrwireSettings, Steps};
use crate::{format::Format, render::X_REQUEST_ID};

/// The layer; `F` is the service's envelope.
pub type ErrwireLayer<F = Nested> = ErrwireSettings<F>;

impl<S, F> Layer<S> for ErrwireSettings<F> {
    type Service = ErrwireService<S, F>;

    fn layer(&self, inner: S) -> Self::Service {
        ErrwireService {
            inner,
            settings: self.clone(),
        }
    }
}

/// The service [`ErrwireLayer`] makes.
pub struct ErrwireService<S, F> {
    inner: S,
    settings: ErrwireSettings<F>,
}

impl<S: Clone, F> Clone for ErrwireService<S, F> {
    fn clone(&self) -> Self {
        Self {
            inner: self.inner.clone(),
            settings: self.settings.clone(),
        }
    }
}

impl<S: core::fmt::Debug, F> core::fmt::Debug for ErrwireService<S, F> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("ErrwireService")
            .field("inner", &self.inner)
            .finish_non_exhaustive()
    }
}

impl<S, F, ReqBody, ResBody> Service<Request<ReqBody>> for ErrwireService<S, F>
where
    S: Service<Request<ReqBody>, Response = Response<ResBody>>,
    F: Format,
    ResBody: From<Vec<u8>>,
{
    type Response = Response<ResBody>;
    type Error = S::Error;
    type Future = ResponseFuture<S::Future, F>;

    fn poll_ready(&mut self, cx: &mut TaskContext<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, mut request: Request<ReqBody>) -> Self::Future {
        let steps = &self.settings.steps;
        let started = steps.start::<F>(Transport::Http, &incoming(&request));
        request_id::attach(&mut request, started.context.request_id_header());
        ResponseFuture {
            run: steps.run(started, self.inner.call(request)),
            steps: steps.clone(),
            format: PhantomData,
        }
    }
}

pin_project_lite::pin_project! {
    /// The future [`ErrwireService`] answers with: the inner service's, run inside the
    /// request's context, then steps 4 and 5 (a framework-made error put into the envelope,
    /// the id echoed). Named rather than boxed: no allocation of its own, and the inner
    /// future is held once.
    pub struct ResponseFuture<Fut, F> {
        #[pin]
        run: Run<Fut>,
        steps: Steps,
        format: PhantomData<fn() -> F>,
    }
}

impl<Fut, F> core::fmt::Debug for ResponseFuture<Fut, F> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("ResponseFuture").finish_non_exhaustive()
    }
}

impl<Fut, F, ResBody, E> Future for ResponseFuture<Fut, F>
where
    Fut: Future<Output = Result<Response<ResBody>, E>>,
    F: Format,
    ResBody: From<Vec<u8>>,
{
    type Output = Result<Response<ResBody>, E>;

    fn poll(self: Pin<&mut Self>, cx: &mut TaskContext<'_>) -> Poll<Self::Output> {
        let this = self.project();
        let (served, outcome) = ready!(this.run.poll(cx));
        let response = match outcome {
            Ok(response) => response?,
            Err(error) => unanswered(error),
        };
        let mut response = served.in_span(|| finish::<F, ResBody>(response, &served.context));
        let error = response.extensions().get::<ErrorType>().cloned();
        this.steps
            .finish_headers(&served, response.headers_mut(), error.as_ref());
        Poll::Ready(Ok(response))
    }
}

/// What the pipeline reads of an `http` request.
pub(crate) fn incoming<B>(request: &Request<B>) -> Incoming<'_> {
    let header = |name| {
        request
            .headers()
            .get(name)
            .and_then(|v: &HeaderValue| v.to_str().ok())
    };
    Incoming {
        request_id: header(X_REQUEST_ID),
        method: request.method().as_str(),
        path: request.uri().path(),
        accepts_problem: accepts_problem(request.headers()),
        accept_language: header(http::header::ACCEPT_LANGUAGE),
        traceparent: header(crate::wire::TRACEPARENT),
    }
}
