#![doc = include_str!("docs/web.md")]

use core::future::Future;
use core::pin::Pin;
use core::task::{Context as TaskContext, Poll};

use http::header::HeaderValue;
use http::{Request, Response};
use tower::{Layer, Service};

use crate::format::Nested;
use crate::framework::FrameworkError;
use crate::telemetry::ErrorType;
use crate::web::context::RequestContext;
#[cfg(feature = "axum")]
use crate::web::json::Rejection;
use crate::web::negotiate::accepts_problem;
use crate::web::pipeline::{Incoming, Transport};
use crate::web::render::{REPLACED_HEADERS, framework_error_for, render_in};
use crate::web::request_id;
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

/// An empty response standing for a handler that did not answer; [`finish`] renders it.
fn unanswered<B: From<Vec<u8>>>(error: FrameworkError) -> Response<B> {
    let mut response = Response::new(B::from(Vec::new()));
    *response.status_mut() = crate::ApiError::status(&error);
    response.extensions_mut().insert(error);
    response
}

/// `error` rendered; an extractor's rejection that named the failing field (errwire's axum
/// `Json`) keeps its violations.
fn render_framework<F: Format>(
    extensions: &http::Extensions,
    error: FrameworkError,
    request: &RequestContext,
) -> Response<Vec<u8>> {
    #[cfg(feature = "axum")]
    if let Some(rejection) = extensions.get::<Rejection>().filter(|r| r.error == error) {
        return render_in::<F>(rejection, request);
    }
    let _ = extensions;
    render_in::<F>(&error, request)
}

/// Puts a framework-made error response into the envelope.
fn finish<F: Format, B: From<Vec<u8>>>(response: Response<B>, request: &RequestContext) -> Response<B> {
    let framework_error = framework_error_for(
        response.status(),
        response.extensions().get::<ErrorType>().is_some(),
        response.extensions().get::<FrameworkError>().copied(),
    );
    match framework_error {
        Some(error) => {
            let (mut parts, _) = response.into_parts();
            let (rendered, body) = render_framework::<F>(&parts.extensions, error, request).into_parts();
            let error_type = rendered.extensions.get::<ErrorType>().cloned();
            // Keep what the framework said (`Allow` on a 405…), replace what describes the body.
            for name in REPLACED_HEADERS {
                parts.headers.remove(name);
            }
            parts.headers.extend(rendered.headers);
            parts.status = rendered.status;
            if let Some(error_type) = error_type {
                parts.extensions.insert(error_type);
            }
            Response::from_parts(parts, B::from(body))
        }
        None => response,
    }
}
