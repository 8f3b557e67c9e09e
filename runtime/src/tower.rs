#![doc = include_str!("docs/web.md")]

use core::future::Future;
use core::pin::Pin;
use core::task::{Context as TaskContext, Poll};

use http::header::HeaderValue;
use http::{Request, Response};
use tower::{Layer, Service};

use crate::format::Nested;
use crate::telemetry::ErrorType;
use crate::web::negotiate::accepts_problem;
use crate::web::pipeline::{Incoming, Transport};
use crate::web::request_id;
use crate::web::respond::{finish, unanswered};
use crate::web::settings::ErrwireSettings;
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
    S::Future: Send + 'static,
    F: Format,
    ResBody: From<Vec<u8>> + Send + 'static,
{
    type Response = Response<ResBody>;
    type Error = S::Error;
    type Future = Pin<Box<dyn Future<Output = Result<Self::Response, Self::Error>> + Send>>;

    fn poll_ready(&mut self, cx: &mut TaskContext<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, mut request: Request<ReqBody>) -> Self::Future {
        let steps = &self.settings.steps;
        let started = steps.start::<F>(Transport::Http, &incoming(&request));
        request_id::attach(&mut request, started.context.request_id_header());
        let handled = steps.run(started, self.inner.call(request));
        let steps = steps.clone();
        Box::pin(async move {
            let (served, outcome) = handled.await;
            let response = match outcome {
                Ok(response) => response?,
                Err(error) => unanswered(error),
            };
            let mut response = served.in_span(|| finish::<F, ResBody>(response, &served.context));
            let error = response.extensions().get::<ErrorType>().cloned();
            steps.finish_headers(&served, response.headers_mut(), error.as_ref());
            Ok(response)
        })
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
