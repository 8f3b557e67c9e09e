#![doc = include_str!("docs/axum.md")]

use axum::body::Body;
use axum::extract::path::ErrorKind;
use axum::extract::rejection::PathRejection;
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::response::sse::{Event, Sse};
use axum::response::{IntoResponse, Response};
use core::convert::Infallible;
use futures_core::Stream;
use http::request::Parts;

use crate::format::Nested;
use crate::framework::FrameworkError;
use crate::web::context::RequestContext;
use crate::web::json::{Rejection, is_json_content_type, parse, violation};
use crate::web::render::render_current;
use crate::web::stream::{UntilError, error_body};
use crate::{error::ApiError, format::Format};

/// The axum response for `error` in format `F`, with the current request's id.
pub fn into_response<F: Format>(error: &(impl ApiError + ?Sized)) -> Response {
    render_current::<F>(error).map(Body::from)
}

/// The axum response for `error` in its type's own format (the derive's `IntoResponse`).
pub fn into_response_default<E: ApiError + crate::render::DefaultFormat + ?Sized>(error: &E) -> Response {
    into_response::<E::Format>(error)
}

/// An `Sse` response of `stream` that ends with its first error as errwire's `error`
/// event ([`crate::sse`]): `event: error`, `retry:` from the error's delay, and as `data` the
/// body a response would have had — the service's envelope, the request's id, its
/// language — logged and counted like a response. axum's own `Sse` would end the stream
/// silently on an `Err`.
///
/// ```
/// use axum::response::sse::Event;
/// use errwire::ApiError;
///
/// #[derive(Debug, ApiError)]
/// enum FeedError {
///     /// Slow down.
///     #[api(status = 429, retry_after = 3)]
///     RateLimited,
/// }
///
/// async fn feed() -> impl axum::response::IntoResponse {
///     let events = [
///         Ok(Event::default().data("one")),
///         Ok(Event::default().data("two")),
///         Err(FeedError::RateLimited),
///     ];
///     errwire::axum::sse(futures_util::stream::iter(events))
/// }
/// # let _ = axum::Router::<()>::new().route("/feed", axum::routing::get(feed));
/// ```
pub fn sse<S, E>(stream: S) -> Sse<impl Stream<Item = Result<Event, Infallible>> + Send + 'static>
where
    S: Stream<Item = Result<Event, E>> + Send + 'static,
    E: ApiError + crate::render::DefaultFormat,
{
    let request = RequestContext::current().unwrap_or_default();
    Sse::new(UntilError::new(stream, move |item| {
        Ok(match item {
            Ok(event) => event,
            Err(error) => error_event(&error, &request),
        })
    }))
}

/// `error` as axum's SSE event (axum writes the fields; errwire says what they hold).
fn error_event<E: ApiError + crate::render::DefaultFormat>(error: &E, request: &RequestContext) -> Event {
    let data = error_body::<E::Format>(error, request);
    let mut event = Event::default().event(crate::sse::EVENT);
    if let Some(delay) = error.retry_after() {
        event = event.retry(delay);
    }
    // axum splits data at LF and refuses CR; a parser treats CR as a line break too, so the
    // data reads back the same.
    event.data(data.replace("\r\n", "\n").replace('\r', "\n"))
}

impl IntoResponse for Box<dyn ApiError + Send + Sync> {
    fn into_response(self) -> Response {
        into_response::<Nested>(&*self)
    }
}

/// `axum::Json`, with rejections that say precisely what is wrong: `malformed_json` (400),
/// `invalid_body` (422) with a violation naming the field that failed (`items[2].name`, a
/// JSON Pointer in problem+json), `unsupported_media_type` (415), `payload_too_large` (413).
/// Behind [`crate::tower::ErrwireLayer`] they come out in the service's envelope.
#[derive(Debug, Clone, Copy, Default)]
pub struct Json<T>(pub T);

impl<T, S> FromRequest<S> for Json<T>
where
    T: serde::de::DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = Rejection;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        let json = request
            .headers()
            .get(http::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(is_json_content_type);
        if !json {
            return Err(Rejection::new(FrameworkError::UnsupportedMediaType));
        }
        // `Bytes` applies axum's body limit (`DefaultBodyLimit`): too large is a 413.
        let bytes = axum::body::Bytes::from_request(request, state)
            .await
            .map_err(|rejection| {
                Rejection::new(
                    FrameworkError::from_status(rejection.status()).unwrap_or(FrameworkError::BadRequest),
                )
            })?;
        parse(&bytes).map(Self)
    }
}

/// `axum::extract::Path`, with a rejection in errwire's codes: a parameter that does not
/// parse is `invalid_path` (400) with a violation naming it (`code` `invalid_value`, a message
/// written for the wire: axum's own text quotes our types). A route without the parameters
/// the type asks for is the server's bug: `internal_error` (500).
#[derive(Debug, Clone, Copy, Default)]
pub struct Path<T>(pub T);

impl<T, S> FromRequestParts<S> for Path<T>
where
    T: serde::de::DeserializeOwned + Send,
    S: Send + Sync,
{
    type Rejection = Rejection;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        match axum::extract::Path::<T>::from_request_parts(parts, state).await {
            Ok(axum::extract::Path(value)) => Ok(Self(value)),
            Err(PathRejection::FailedToDeserializePathParams(error)) => {
                // The route's parameter names, for errors that give only a position.
                let names: Vec<String> = axum::extract::RawPathParams::from_request_parts(parts, state)
                    .await
                    .map(|params| params.iter().map(|(name, _)| String::from(name)).collect())
                    .unwrap_or_default();
                let field = match error.kind() {
                    ErrorKind::ParseErrorAtKey { key, .. }
                    | ErrorKind::InvalidUtf8InPathParam { key }
                    | ErrorKind::DeserializeError { key, .. } => key.clone(),
                    ErrorKind::ParseErrorAtIndex { index, .. } => {
                        names.get(*index).cloned().unwrap_or_default()
                    }
                    _ if names.len() == 1 => names[0].clone(),
                    _ => String::new(),
                };
                Err(Rejection {
                    error: FrameworkError::InvalidPath,
                    violations: std::vec![crate::Violation::new(
                        field,
                        "invalid_value",
                        "This path parameter has an invalid value.",
                    )],
                })
            }
            Err(other) => Err(Rejection::new(
                FrameworkError::from_status(other.status()).unwrap_or(FrameworkError::Internal),
            )),
        }
    }
}

/// `axum::extract::Query`, with a rejection in errwire's codes: a query string of the wrong
/// shape is `invalid_query` (400) with a violation naming the parameter and what is wrong
/// (`missing_field`, `unknown_field`, `invalid_type`, `invalid_value`), as
/// [`Json`] does for bodies.
#[derive(Debug, Clone, Copy, Default)]
pub struct Query<T>(pub T);

impl<T, S> FromRequestParts<S> for Query<T>
where
    T: serde::de::DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = Rejection;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        let query = parts.uri.query().unwrap_or_default();
        let deserializer = serde_urlencoded::Deserializer::new(form_urlencoded::parse(query.as_bytes()));
        serde_path_to_error::deserialize(deserializer)
            .map(Self)
            .map_err(|error| {
                let path = error.path().to_string();
                Rejection {
                    error: FrameworkError::InvalidQuery,
                    violations: std::vec![violation(&path, &error.into_inner().to_string())],
                }
            })
    }
}

impl IntoResponse for Rejection {
    fn into_response(self) -> Response {
        // A valid `Nested` body on its own; not marked as rendered, so the errwire layer
        // renders the precise error again in the service's format, with the request id.
        let response = crate::to_response::<Nested>(&self, &crate::Context::new());
        let mut response = response.map(Body::from);
        response.extensions_mut().insert(self.error);
        response.extensions_mut().insert(self);
        response
    }
}

/// Renamed [`errwire::request::Rejection`](crate::request::Rejection), which every extractor of errwire's
/// shares.
#[deprecated(note = "renamed `errwire::request::Rejection`")]
pub type JsonError = Rejection;

/// Renamed [`errwire::request::Rejection`](crate::request::Rejection), which every extractor of errwire's
/// shares.
#[deprecated(note = "renamed `errwire::request::Rejection`")]
pub type ExtractError = Rejection;
