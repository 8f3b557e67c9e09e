#![doc = include_str!("docs/poem.md")]

use poem::error::{
    MethodNotAllowedError, NotFoundError, ParseJsonError, ParsePathError, ParseQueryError, ReadBodyError,
};
use poem::{Body, Endpoint, IntoResponse, Middleware, Request, Response, ResponseParts};

use crate::format::Nested;
use crate::framework::FrameworkError;
use crate::telemetry::ErrorType;
use crate::web::negotiate::accepts_problem;
use crate::web::pipeline::{Incoming, Transport};
use crate::web::render::render_current;
use crate::web::respond::{finish, unanswered};
use crate::web::settings::ErrwireSettings;
use crate::{error::ApiError, format::Format};

/// The poem response for `error` in format `F`, with the current request's id (the
/// middleware's format wins, as for axum: one service, one envelope).
pub fn into_response<F: Format>(error: &(impl ApiError + ?Sized)) -> Response {
    let response = from_http(render_current::<F>(error).map(Body::from));
    // poem replaces a response's extensions with its `Error`'s: the middleware puts the
    // mark back from here.
    let _ = RENDERED.try_with(|rendered| {
        *rendered.borrow_mut() = response.extensions().get::<ErrorType>().cloned();
    });
    response
}

tokio::task_local! {
    /// The error the handler's last errwire response was rendered from, inside
    /// [`ErrwireEndpoint`].
    static RENDERED: core::cell::RefCell<Option<ErrorType>>;
}

/// The poem response for `error` in its type's own format (the derive's `ResponseError`).
pub fn into_response_default<E: ApiError + crate::render::DefaultFormat + ?Sized>(error: &E) -> Response {
    into_response::<E::Format>(error)
}

/// The middleware; `F` is the service's envelope: `route.with(ErrwireMiddleware::<Problem>::new())`.
pub type ErrwireMiddleware<F = Nested> = ErrwireSettings<F>;

impl<E: Endpoint, F: Format + 'static> Middleware<E> for ErrwireSettings<F> {
    type Output = ErrwireEndpoint<E, F>;

    fn transform(&self, inner: E) -> Self::Output {
        ErrwireEndpoint {
            inner,
            settings: self.clone(),
        }
    }
}

/// The endpoint [`ErrwireMiddleware`] makes.
pub struct ErrwireEndpoint<E, F> {
    inner: E,
    settings: ErrwireSettings<F>,
}

impl<E, F> core::fmt::Debug for ErrwireEndpoint<E, F> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("ErrwireEndpoint")
            .field("settings", &self.settings)
            .finish_non_exhaustive()
    }
}

impl<E: Endpoint, F: Format + 'static> Endpoint for ErrwireEndpoint<E, F> {
    type Output = Response;

    async fn call(&self, mut request: Request) -> poem::Result<Response> {
        let steps = &self.settings.steps;
        let started = steps.start::<F>(Transport::Http, &incoming(&request));
        if let Some(value) = started.context.request_id_header() {
            request
                .headers_mut()
                .insert(crate::render::X_REQUEST_ID, value.clone());
        }
        let inner = &self.inner;
        let answer = async move {
            match inner.call(request).await {
                Ok(output) => output.into_response(),
                Err(error) => error_response(error),
            }
        };
        let handled = steps.run(started, RENDERED.scope(core::cell::RefCell::new(None), answer));
        let (served, outcome) = handled.await;
        let response = match outcome {
            Ok(response) => to_http(response),
            Err(error) => unanswered(error),
        };
        let mut response = served.in_span(|| finish::<F, Body>(response, &served.context));
        let error = response.extensions().get::<ErrorType>().cloned();
        steps.finish_headers(&served, response.headers_mut(), error.as_ref());
        Ok(from_http(response))
    }
}

/// What the pipeline reads of a poem request.
fn incoming(request: &Request) -> Incoming<'_> {
    let header = |name| request.headers().get(name).and_then(|v| v.to_str().ok());
    Incoming {
        request_id: header(crate::wire::X_REQUEST_ID),
        method: request.method().as_str(),
        path: request.uri().path(),
        accepts_problem: accepts_problem(request.headers()),
        accept_language: header(http::header::ACCEPT_LANGUAGE),
        traceparent: header(crate::wire::TRACEPARENT),
    }
}

/// A poem error as its response, marked with the [`FrameworkError`] it stands for when it is
/// one of poem's own (the router's, an extractor's): [`finish`] renders those in the envelope.
fn error_response(error: poem::Error) -> Response {
    let framework = framework_error_of(&error);
    let mut response = error.into_response();
    if let Some(framework) = framework {
        response.extensions_mut().insert(framework);
    }
    // A derived error's response lost its mark to the `Error`'s extensions: put it back.
    let rendered = RENDERED
        .try_with(|rendered| rendered.borrow_mut().take())
        .ok()
        .flatten();
    if let Some(rendered) = rendered.filter(|r| r.status() == response.status()) {
        response.extensions_mut().insert(rendered);
    }
    response
}

/// Which [`FrameworkError`] a poem error is: the router's 404 and 405, `Json`'s media type,
/// syntax and shape, a body over its limit, a query or path that does not parse. Any other
/// unrendered error response gets its status's code.
fn framework_error_of(error: &poem::Error) -> Option<FrameworkError> {
    if error.is::<NotFoundError>() {
        return Some(FrameworkError::RouteNotFound);
    }
    if error.is::<MethodNotAllowedError>() {
        return Some(FrameworkError::MethodNotAllowed);
    }
    if error.is::<ParseQueryError>() {
        return Some(FrameworkError::InvalidQuery);
    }
    if error.is::<ParsePathError>() {
        return Some(FrameworkError::InvalidPath);
    }
    if let Some(ReadBodyError::PayloadTooLarge) = error.downcast_ref::<ReadBodyError>() {
        return Some(FrameworkError::PayloadTooLarge);
    }
    match error.downcast_ref::<ParseJsonError>()? {
        ParseJsonError::InvalidContentType(_) | ParseJsonError::ContentTypeRequired => {
            Some(FrameworkError::UnsupportedMediaType)
        }
        ParseJsonError::Parse(e) if e.is_syntax() || e.is_eof() => Some(FrameworkError::MalformedJson),
        ParseJsonError::Parse(_) => Some(FrameworkError::InvalidBody),
    }
}

/// A poem response as an `http` one (poem's types are `http` 1's).
fn to_http(response: Response) -> http::Response<Body> {
    let (parts, body) = response.into_parts();
    let mut http = http::Response::new(body);
    *http.status_mut() = parts.status;
    *http.version_mut() = parts.version;
    *http.headers_mut() = parts.headers;
    *http.extensions_mut() = parts.extensions;
    http
}

/// An `http` response as a poem one, its extensions ([`ErrorType`]) kept.
fn from_http(response: http::Response<Body>) -> Response {
    let (parts, body) = response.into_parts();
    Response::from_parts(
        ResponseParts {
            status: parts.status,
            version: parts.version,
            headers: parts.headers,
            extensions: parts.extensions,
        },
        body,
    )
}
