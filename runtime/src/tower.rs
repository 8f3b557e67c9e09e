//! The errwire layer for tower services (feature `tower`): request ids, and the framework's
//! own error responses in the service's envelope.
//!
//! For each request it keeps a valid incoming `x-request-id` (see
//! [`crate::request::incoming_request_id`]) or makes one with tower-http's `MakeRequestUuid`,
//! stores it as tower-http's `RequestId` extension and on the request header (so handlers,
//! `TraceLayer` and logs see the same id), runs the inner service inside the request's
//! [`RequestContext`], echoes the id on the response, and replaces any error response that
//! errwire did not render — unknown route, wrong method, extractor rejections, a
//! `TimeoutLayer` timeout, a `CatchPanicLayer` panic — with a [`FrameworkError`] in format
//! `F`. Put it outermost:
//!
//! ```
//! # #[cfg(feature = "axum")] {
//! use std::time::Duration;
//!
//! use axum::{http::StatusCode, routing::get, Router};
//! use errwire::format::Problem;
//! use tower_http::catch_panic::CatchPanicLayer;
//! use tower_http::timeout::TimeoutLayer;
//!
//! let app: Router = Router::new()
//!     .route("/", get(|| async { "ok" }))
//!     .layer(TimeoutLayer::with_status_code(StatusCode::REQUEST_TIMEOUT, Duration::from_secs(30)))
//!     .layer(CatchPanicLayer::new())
//!     .layer(errwire::tower::ErrwireLayer::<Problem>::new().negotiate_problem(true));
//! # }
//! ```

use alloc::boxed::Box;
use core::future::Future;
use core::pin::Pin;
use core::task::{Context as TaskContext, Poll};

use http::header::{HeaderValue, CONTENT_LENGTH, CONTENT_TYPE};
use http::{Request, Response};
use tower::{Layer, Service};
use tower_http::request_id::{MakeRequestId, MakeRequestUuid, RequestId};

use crate::format::Nested;
use crate::framework::FrameworkError;
use crate::render::{render_in, Rendered};
use crate::request::{
    accepts_problem, guard, incoming_request_id, renderer, Errwire, Outcome, RequestContext,
};
use crate::{Format, X_REQUEST_ID};

/// The layer; `F` is the service's envelope.
pub type ErrwireLayer<F = Nested> = Errwire<F>;

impl<S, F> Layer<S> for Errwire<F> {
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
    settings: Errwire<F>,
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
    ResBody: From<alloc::vec::Vec<u8>> + Send + 'static,
{
    type Response = Response<ResBody>;
    type Error = S::Error;
    type Future = Pin<Box<dyn Future<Output = Result<Self::Response, Self::Error>> + Send>>;

    fn poll_ready(&mut self, cx: &mut TaskContext<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, mut request: Request<ReqBody>) -> Self::Future {
        let id = incoming_request_id(request.headers()).or_else(|| {
            MakeRequestUuid
                .make_request_id(&request)
                .and_then(|id| id.header_value().to_str().ok().map(alloc::string::String::from))
        });
        if let Some(value) = id.as_deref().and_then(|id| HeaderValue::from_str(id).ok()) {
            request.headers_mut().insert(X_REQUEST_ID, value.clone());
            request.extensions_mut().insert(RequestId::new(value));
        }
        let context = RequestContext {
            request_id: id,
            instance: Some(request.uri().path().into()),
            wants_problem: self.settings.negotiate && accepts_problem(request.headers()),
            renderer: Some(renderer::<F>()),
        };
        #[cfg(feature = "tracing")]
        let span = tracing::info_span!(
            "request",
            request_id = context.request_id.as_deref().unwrap_or(""),
            method = %request.method(),
            path = %request.uri().path(),
        );
        let future = self.inner.call(request);
        let (limit, catch_panics) = (self.settings.timeout, self.settings.catch_panics);
        let serve = async move {
            let outcome = context.clone().scope(guard(limit, catch_panics, future)).await;
            let response = match outcome {
                Outcome::Done(response) => response?,
                Outcome::TimedOut => failure(FrameworkError::RequestTimeout),
                Outcome::Panicked => failure(FrameworkError::Internal),
            };
            Ok(finish::<F, ResBody>(response, &context))
        };
        #[cfg(feature = "tracing")]
        let serve = tracing::Instrument::instrument(serve, span);
        Box::pin(serve)
    }
}

/// An empty response for a framework error; [`finish`] renders it.
fn failure<B: From<alloc::vec::Vec<u8>>>(error: FrameworkError) -> Response<B> {
    let mut response = Response::new(B::from(alloc::vec::Vec::new()));
    *response.status_mut() = crate::ApiError::status(&error);
    response.extensions_mut().insert(error);
    response
}

/// Echoes the request id, and puts a framework-made error response into the envelope.
fn finish<F: Format, B: From<alloc::vec::Vec<u8>>>(
    response: Response<B>,
    request: &RequestContext,
) -> Response<B> {
    let status = response.status();
    let unrendered_error = response.extensions().get::<Rendered>().is_none()
        && (status.is_client_error() || status.is_server_error());
    // A precise framework error (errwire's extractors mark theirs), else the status's code;
    // a status without one is left as it is.
    let framework_error = unrendered_error
        .then(|| {
            response
                .extensions()
                .get::<FrameworkError>()
                .copied()
                .or_else(|| FrameworkError::from_status(status))
        })
        .flatten();
    let mut response = if let Some(error) = framework_error {
        let (mut parts, _) = response.into_parts();
        let rendered = render_in::<F>(&error, request);
        let (new_parts, body) = rendered.into_parts();
        // Keep what the framework said (`Allow` on a 405…), replace what describes the body.
        parts.headers.remove(CONTENT_LENGTH);
        parts.headers.remove(CONTENT_TYPE);
        parts.headers.extend(new_parts.headers);
        parts.status = new_parts.status;
        parts.extensions.insert(Rendered);
        Response::from_parts(parts, B::from(body))
    } else {
        response
    };
    if let Some(id) = request
        .request_id
        .as_deref()
        .and_then(|id| HeaderValue::from_str(id).ok())
    {
        response.headers_mut().insert(X_REQUEST_ID, id);
    }
    response
}
