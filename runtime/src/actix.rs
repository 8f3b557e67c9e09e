#![doc = include_str!("docs/actix.md")]

use core::future::{Future, Ready, ready};
use core::pin::Pin;
use std::rc::Rc;

use actix_web::body::{EitherBody, MessageBody};
use actix_web::dev::{Service, ServiceRequest, ServiceResponse, Transform};
use actix_web::error::{InternalError, JsonPayloadError};
use actix_web::http::StatusCode;
use actix_web::http::header::{HeaderName, HeaderValue};
use actix_web::{HttpMessage as _, HttpResponse, ResponseError};

use crate::format::Nested;
use crate::framework::FrameworkError;
use crate::telemetry::ErrorType;
use crate::web::context::RequestContext;
use crate::web::json::{Rejection, is_json_content_type, parse};
use crate::web::negotiate::accepts_problem_in;
use crate::web::pipeline::{Headers, Incoming, Transport};
use crate::web::render::{REPLACED_HEADERS, framework_error_for, render_current, render_in};
use crate::web::settings::ErrwireSettings;
use crate::web::stream::{UntilError, error_body};
use crate::wire::X_REQUEST_ID_NAME;
use crate::{error::ApiError, format::Format};

/// The actix status of an error.
pub fn status_code(error: &(impl ApiError + ?Sized)) -> StatusCode {
    StatusCode::from_u16(error.status().as_u16()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
}

/// The actix response for `error` in format `F`, with the current request's id.
pub fn error_response<F: Format>(error: &(impl ApiError + ?Sized)) -> HttpResponse {
    to_actix(render_current::<F>(error))
}

/// The actix response for `error` in its type's own format (the derive's `ResponseError`).
pub fn error_response_default<E: ApiError + crate::render::DefaultFormat + ?Sized>(
    error: &E,
) -> HttpResponse {
    error_response::<E::Format>(error)
}

/// A `text/event-stream` response of `stream` that ends with its first error as errwire's
/// `error` event ([`crate::sse`]): each item is a `data:` event of its JSON; the error is
/// `event: error`, `retry:` from its delay, and as `data` the body a response would have had
/// (the service's envelope, the request's id, its language), logged and counted like a
/// response. An item that fails to serialize ends the stream as `internal_error`.
///
/// ```
/// use errwire::ApiError;
///
/// #[derive(Debug, thiserror::Error, ApiError)]
/// enum FeedError {
///     /// Slow down.
///     #[error("rate limited")]
///     #[api(status = 429, retry_after = 3)]
///     RateLimited,
/// }
///
/// async fn feed() -> actix_web::HttpResponse {
///     let items = [Ok(1), Ok(2), Err(FeedError::RateLimited)];
///     errwire::actix::sse(futures_util::stream::iter(items))
/// }
/// # let _ = actix_web::App::new().route("/feed", actix_web::web::get().to(feed));
/// ```
pub fn sse<S, T, E>(stream: S) -> HttpResponse
where
    S: futures_core::Stream<Item = Result<T, E>> + 'static,
    T: serde::Serialize,
    E: ApiError + crate::render::DefaultFormat,
{
    let request = RequestContext::current().unwrap_or_default();
    let frames = UntilError::new(stream, move |item: Result<T, E>| {
        let frame = match item.map(|data| serde_json::to_string(&data)) {
            Ok(Ok(data)) => data_frame(&data),
            Ok(Err(_)) => error_frame(&FrameworkError::Internal, &request),
            Err(error) => error_frame(&error, &request),
        };
        Ok::<_, core::convert::Infallible>(actix_web::web::Bytes::from(frame))
    });
    HttpResponse::Ok()
        .content_type("text/event-stream")
        .insert_header(("cache-control", "no-cache"))
        .streaming(frames)
}

/// A data event: `data:` lines and the blank line.
fn data_frame(data: &str) -> String {
    let mut frame = String::with_capacity(data.len() + 8);
    crate::sse::write_data(&mut frame, data);
    frame.push('\n');
    frame
}

/// `error`'s SSE frame, rendered for `request`.
fn error_frame<E: ApiError + crate::render::DefaultFormat + ?Sized>(
    error: &E,
    request: &RequestContext,
) -> String {
    crate::sse::write_frame(
        &error_body::<E::Format>(error, request),
        None,
        error.retry_after(),
    )
}

/// An `http` 1 response as an actix response, its [`ErrorType`] kept.
fn to_actix(response: http::Response<Vec<u8>>) -> HttpResponse {
    let (parts, body) = response.into_parts();
    let status = StatusCode::from_u16(parts.status.as_u16()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let mut builder = HttpResponse::build(status);
    for (name, value) in &parts.headers {
        if let (Ok(name), Ok(value)) = (
            HeaderName::from_bytes(name.as_str().as_bytes()),
            HeaderValue::from_bytes(value.as_bytes()),
        ) {
            builder.append_header((name, value));
        }
    }
    let mut response = builder.body(body);
    if let Some(error_type) = parts.extensions.get::<ErrorType>().cloned() {
        response.extensions_mut().insert(error_type);
    }
    response
}

impl ResponseError for Box<dyn ApiError + Send + Sync> {
    fn status_code(&self) -> StatusCode {
        status_code(&**self)
    }

    fn error_response(&self) -> HttpResponse {
        error_response::<Nested>(&**self)
    }
}

/// An actix error whose response is `error` rendered in format `F`.
fn framework_error<F: Format, C>(error: FrameworkError, cause: C) -> actix_web::Error
where
    C: core::fmt::Debug + core::fmt::Display + 'static,
{
    InternalError::from_response(cause, error_response::<F>(&error)).into()
}

/// `web::Json` errors in format `F`: too large → `payload_too_large` (413), wrong content
/// type → `unsupported_media_type` (415), broken JSON → `malformed_json` (400), the wrong
/// shape → `invalid_body` (422).
#[must_use]
pub fn json_config<F: Format>() -> actix_web::web::JsonConfig {
    actix_web::web::JsonConfig::default().error_handler(|error, _| {
        let kind = match &error {
            JsonPayloadError::OverflowKnownLength { .. } | JsonPayloadError::Overflow { .. } => {
                FrameworkError::PayloadTooLarge
            }
            JsonPayloadError::ContentType => FrameworkError::UnsupportedMediaType,
            JsonPayloadError::Deserialize(e) if e.is_syntax() || e.is_eof() => FrameworkError::MalformedJson,
            JsonPayloadError::Deserialize(_) => FrameworkError::InvalidBody,
            _ => FrameworkError::BadRequest,
        };
        framework_error::<F, _>(kind, error)
    })
}

/// A JSON body, like `web::Json`, with rejections that name the field that failed:
/// `invalid_body` (422) with a violation such as `items[2].name` (a JSON Pointer in
/// problem+json), `malformed_json` (400), `unsupported_media_type` (415),
/// `payload_too_large` (413, `web::PayloadConfig`'s limit). Behind [`ErrwireMiddleware`] the
/// rejection comes out in the service's envelope, with the request id.
#[derive(Debug, Clone, Copy, Default)]
pub struct Json<T>(pub T);

impl<T: serde::de::DeserializeOwned + 'static> actix_web::FromRequest for Json<T> {
    type Error = actix_web::Error;
    type Future = Pin<Box<dyn Future<Output = Result<Self, Self::Error>>>>;

    fn from_request(request: &actix_web::HttpRequest, payload: &mut actix_web::dev::Payload) -> Self::Future {
        let json = request
            .headers()
            .get(actix_web::http::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(is_json_content_type);
        let bytes = actix_web::web::Bytes::from_request(request, payload);
        Box::pin(async move {
            if !json {
                return Err(Rejection::new(FrameworkError::UnsupportedMediaType).into());
            }
            let bytes = bytes.await.map_err(|error| {
                let status = error.as_response_error().status_code().as_u16();
                let error = http::StatusCode::from_u16(status)
                    .ok()
                    .and_then(FrameworkError::from_status)
                    .unwrap_or(FrameworkError::BadRequest);
                Rejection::new(error)
            })?;
            parse(&bytes).map(Self).map_err(Into::into)
        })
    }
}

impl ResponseError for Rejection {
    fn status_code(&self) -> StatusCode {
        status_code(self)
    }

    fn error_response(&self) -> HttpResponse {
        // In the service's envelope behind the middleware; `Nested` on its own.
        error_response::<Nested>(self)
    }
}

/// Renamed [`errwire::request::Rejection`](crate::request::Rejection), which every extractor of errwire's
/// shares.
#[deprecated(note = "renamed `errwire::request::Rejection`")]
pub type JsonError = Rejection;

/// `web::Path` errors in format `F`: `invalid_path` (400).
#[must_use]
pub fn path_config<F: Format>() -> actix_web::web::PathConfig {
    actix_web::web::PathConfig::default()
        .error_handler(|error, _| framework_error::<F, _>(FrameworkError::InvalidPath, error))
}

/// `web::Query` errors in format `F`: `invalid_query` (400).
#[must_use]
pub fn query_config<F: Format>() -> actix_web::web::QueryConfig {
    actix_web::web::QueryConfig::default()
        .error_handler(|error, _| framework_error::<F, _>(FrameworkError::InvalidQuery, error))
}

/// The middleware; `F` is the service's envelope.
pub type ErrwireMiddleware<F = Nested> = ErrwireSettings<F>;

impl<S, B, F> Transform<S, ServiceRequest> for ErrwireSettings<F>
where
    S: Service<ServiceRequest, Response = ServiceResponse<B>, Error = actix_web::Error> + 'static,
    S::Future: 'static,
    B: MessageBody + 'static,
    F: Format + 'static,
{
    type Response = ServiceResponse<EitherBody<B>>;
    type Error = actix_web::Error;
    type Transform = ErrwireActixService<S, F>;
    type InitError = ();
    type Future = Ready<Result<Self::Transform, Self::InitError>>;

    fn new_transform(&self, service: S) -> Self::Future {
        ready(Ok(ErrwireActixService {
            service: Rc::new(service),
            settings: self.clone(),
        }))
    }
}

/// The service [`ErrwireMiddleware`] makes.
pub struct ErrwireActixService<S, F> {
    service: Rc<S>,
    settings: ErrwireSettings<F>,
}

impl<S, F> core::fmt::Debug for ErrwireActixService<S, F> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("ErrwireActixService")
            .field("settings", &self.settings)
            .finish_non_exhaustive()
    }
}

impl<S, B, F> Service<ServiceRequest> for ErrwireActixService<S, F>
where
    S: Service<ServiceRequest, Response = ServiceResponse<B>, Error = actix_web::Error> + 'static,
    S::Future: 'static,
    B: MessageBody + 'static,
    F: Format + 'static,
{
    type Response = ServiceResponse<EitherBody<B>>;
    type Error = actix_web::Error;
    type Future = Pin<Box<dyn Future<Output = Result<Self::Response, Self::Error>>>>;

    actix_web::dev::forward_ready!(service);

    fn call(&self, mut request: ServiceRequest) -> Self::Future {
        let steps = &self.settings.steps;
        let header = |name: &str| request.headers().get(name).and_then(|v| v.to_str().ok());
        let accept = request
            .headers()
            .get_all(actix_web::http::header::ACCEPT)
            .filter_map(|v| v.to_str().ok());
        let started = steps.start::<F>(
            Transport::Http,
            &Incoming {
                request_id: header(X_REQUEST_ID_NAME),
                method: request.method().as_str(),
                path: request.path(),
                accepts_problem: accepts_problem_in(accept),
                accept_language: header(actix_web::http::header::ACCEPT_LANGUAGE.as_str()),
                traceparent: header(crate::wire::TRACEPARENT.as_str()),
            },
        );
        if let Ok(value) = HeaderValue::from_str(started.request_id()) {
            request.headers_mut().insert(x_request_id(), value);
        }
        request.extensions_mut().insert(started.context.clone());
        let service = Rc::clone(&self.service);
        let handled = steps.run(started, async move { service.call(request).await });
        let steps = steps.clone();
        Box::pin(async move {
            let (served, outcome) = handled.await;
            match outcome {
                Ok(response) => {
                    let response = response?;
                    let mut response = served.in_span(|| finish::<F, B>(response, &served.context));
                    let error = response.response().extensions().get::<ErrorType>().cloned();
                    steps.finish_headers(&served, &mut ActixHeaders(response.headers_mut()), error.as_ref());
                    Ok(response)
                }
                Err(error) => {
                    // The request went to the handler: there is no `HttpRequest` left to build a
                    // response from, so actix sends the response this error carries.
                    let mut response = to_actix(served.in_span(|| render_in::<F>(&error, &served.context)));
                    let error_type = response.extensions().get::<ErrorType>().cloned();
                    steps.finish_headers(
                        &served,
                        &mut ActixHeaders(response.headers_mut()),
                        error_type.as_ref(),
                    );
                    Err(InternalError::from_response(error, response).into())
                }
            }
        })
    }
}

/// `x-request-id`, in actix-web's header types.
fn x_request_id() -> HeaderName {
    HeaderName::from_static(X_REQUEST_ID_NAME)
}

/// actix-web 4's headers (`http` 0.2) for the pipeline: names and values carried over as bytes.
struct ActixHeaders<'a>(&'a mut actix_web::http::header::HeaderMap);

impl Headers for ActixHeaders<'_> {
    fn has(&self, name: &http::HeaderName) -> bool {
        self.0.contains_key(name.as_str())
    }

    fn set(&mut self, name: &http::HeaderName, value: &http::HeaderValue) {
        if let (Ok(name), Ok(value)) = (
            HeaderName::from_bytes(name.as_str().as_bytes()),
            HeaderValue::from_bytes(value.as_bytes()),
        ) {
            self.0.insert(name, value);
        }
    }
}

/// Puts an actix-made error response into the envelope.
fn finish<F: Format, B: MessageBody + 'static>(
    response: ServiceResponse<B>,
    request: &RequestContext,
) -> ServiceResponse<EitherBody<B>> {
    let status = response.status();
    let framework_error = http::StatusCode::from_u16(status.as_u16())
        .ok()
        .and_then(|status| {
            framework_error_for(
                status,
                response.response().extensions().get::<ErrorType>().is_some(),
                response.response().extensions().get::<FrameworkError>().copied(),
            )
        });
    match framework_error {
        Some(error) => {
            // Keep what the framework said (`Allow` on a 405…), replace what describes the body.
            let kept: Vec<(HeaderName, HeaderValue)> = response
                .headers()
                .iter()
                .filter(|(name, _)| !REPLACED_HEADERS.contains(&name.as_str()))
                .map(|(name, value)| (name.clone(), value.clone()))
                .collect();
            let rendered = to_actix(render_in::<F>(&error, request));
            let mut response = response.into_response(rendered).map_into_right_body();
            for (name, value) in kept {
                if !response.headers().contains_key(&name) {
                    response.headers_mut().append(name, value);
                }
            }
            response
        }
        None => response.map_into_left_body(),
    }
}
