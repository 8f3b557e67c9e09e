//! [`FrameworkError`]: the errors a web framework makes on its own — unknown route, wrong
//! method, unreadable body, timeout, panic — with catalogue codes of their own, so clients
//! see them in the service's envelope like any other error.

// linkme registers the catalogue with a `link_section` static, which `unsafe_code` flags.
#![allow(unsafe_code)]

use crate::ApiError;

/// An error the framework or a middleware produced, not a handler.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ApiError)]
#[api(domain = "http")]
pub enum FrameworkError {
    /// The request is malformed.
    #[api(status = 400, code = "bad_request")]
    BadRequest,
    /// The request body is not valid JSON.
    #[api(status = 400, code = "malformed_json")]
    MalformedJson,
    /// The request body does not match the expected shape.
    #[api(status = 422, code = "invalid_body")]
    InvalidBody,
    /// A path parameter is invalid.
    #[api(status = 400, code = "invalid_path")]
    InvalidPath,
    /// A query parameter is invalid.
    #[api(status = 400, code = "invalid_query")]
    InvalidQuery,
    /// Authentication is required.
    #[api(status = 401, code = "unauthenticated")]
    Unauthenticated,
    /// Not allowed.
    #[api(status = 403, code = "forbidden")]
    Forbidden,
    /// No route matches the request.
    #[api(status = 404, code = "route_not_found")]
    RouteNotFound,
    /// The route does not allow this method.
    #[api(status = 405, code = "method_not_allowed")]
    MethodNotAllowed,
    /// The server did not finish in time.
    #[api(status = 408, code = "request_timeout")]
    RequestTimeout,
    /// The request body is too large.
    #[api(status = 413, code = "payload_too_large")]
    PayloadTooLarge,
    /// The request's content type is not supported.
    #[api(status = 415, code = "unsupported_media_type")]
    UnsupportedMediaType,
    /// Too many requests.
    #[api(status = 429, code = "too_many_requests")]
    TooManyRequests,
    /// The server failed unexpectedly.
    #[api(status = 500, code = "internal_error")]
    Internal,
    /// The service is unavailable.
    #[api(status = 503, code = "service_unavailable")]
    Unavailable,
    /// The gateway timed out.
    #[api(status = 504, code = "gateway_timeout")]
    GatewayTimeout,
}

impl FrameworkError {
    /// The error for a response the framework made with `status` (no errwire body):
    /// the matching code, else `bad_request` for 4xx and `internal_error` for 5xx.
    #[must_use]
    pub fn from_status(status: http::StatusCode) -> Self {
        match status.as_u16() {
            401 => Self::Unauthenticated,
            403 => Self::Forbidden,
            404 => Self::RouteNotFound,
            405 => Self::MethodNotAllowed,
            408 => Self::RequestTimeout,
            413 => Self::PayloadTooLarge,
            415 => Self::UnsupportedMediaType,
            422 => Self::InvalidBody,
            429 => Self::TooManyRequests,
            503 => Self::Unavailable,
            504 => Self::GatewayTimeout,
            500..=599 => Self::Internal,
            _ => Self::BadRequest,
        }
    }
}

impl core::fmt::Display for FrameworkError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(self.spec().message())
    }
}

impl std::error::Error for FrameworkError {}
