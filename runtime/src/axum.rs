//! axum (feature `axum`): derived errors are `IntoResponse` in their `format`, so `?` in a
//! handler just works; so is `Box<dyn ApiError + Send + Sync>` (in `Nested`). Put
//! [`crate::tower::ErrwireLayer`] in front for request ids and axum's own errors.
//!
//! ```
//! use axum::{routing::get, Router};
//! use errwire::ApiError;
//!
//! #[derive(Debug, ApiError)]
//! #[api(format = Problem)]
//! enum AccountError {
//!     /// Account not found.
//!     #[api(status = 404)]
//!     NotFound,
//! }
//!
//! async fn account() -> Result<String, AccountError> {
//!     Err(AccountError::NotFound)
//! }
//!
//! let app: Router = Router::new()
//!     .route("/accounts/{id}", get(account))
//!     .layer(errwire::tower::ErrwireLayer::<errwire::format::Problem>::new());
//! ```

use axum::body::Body;
use axum::extract::{FromRequest, Request};
use axum::response::{IntoResponse, Response};

use crate::format::Nested;
use crate::framework::FrameworkError;
use crate::web::json::{is_json_content_type, parse, Rejection};
use crate::web::render::render_current;
use crate::{ApiError, Format};

/// The axum response for `error` in format `F`, with the current request's id.
pub fn into_response<F: Format>(error: &(impl ApiError + ?Sized)) -> Response {
    render_current::<F>(error).map(Body::from)
}

/// The axum response for `error` in its type's own format (the derive's `IntoResponse`).
pub fn into_response_default<E: ApiError + crate::DefaultFormat + ?Sized>(error: &E) -> Response {
    into_response::<E::Format>(error)
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
    type Rejection = JsonError;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        let json = request
            .headers()
            .get(http::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(is_json_content_type);
        if !json {
            return Err(JsonError(Rejection::new(FrameworkError::UnsupportedMediaType)));
        }
        // `Bytes` applies axum's body limit (`DefaultBodyLimit`): too large is a 413.
        let bytes = axum::body::Bytes::from_request(request, state)
            .await
            .map_err(|rejection| {
                JsonError(Rejection::new(
                    FrameworkError::from_status(rejection.status()).unwrap_or(FrameworkError::BadRequest),
                ))
            })?;
        parse(&bytes).map(Self).map_err(JsonError)
    }
}

/// Why [`Json`] refused a body: the framework error, and the field that failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsonError(Rejection);

impl JsonError {
    /// The error: `malformed_json`, `invalid_body`, `unsupported_media_type`, …
    #[must_use]
    pub const fn error(&self) -> FrameworkError {
        self.0.error
    }

    /// The field that failed, for `invalid_body`.
    #[must_use]
    pub fn violations(&self) -> &[crate::Violation] {
        &self.0.violations
    }
}

impl IntoResponse for JsonError {
    fn into_response(self) -> Response {
        // A valid `Nested` body on its own; not marked as rendered, so the errwire layer
        // renders the precise error again in the service's format, with the request id.
        let response = crate::to_response::<Nested>(&self.0, &crate::Context::new());
        let mut response = response.map(Body::from);
        response.extensions_mut().insert(self.0.error);
        response.extensions_mut().insert(self.0);
        response
    }
}
