//! [`FrameworkError`]: the errors a web framework makes on its own — unknown route, wrong
//! method, unreadable body, timeout, panic — with catalogue codes of their own, so clients
//! see them in the service's envelope like any other error.

// linkme registers the catalogue with a `link_section` static, which `unsafe_code` flags.
#![allow(unsafe_code)]

// The derive, through the crate root (a trait and a derive share the name `ApiError`).
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
    #[api(status = 404, code = "route_not_found", grpc = "UNIMPLEMENTED")]
    RouteNotFound,
    /// The route does not allow this method.
    #[api(status = 405, code = "method_not_allowed", grpc = "UNIMPLEMENTED")]
    MethodNotAllowed,
    /// No representation matches the request's `Accept`.
    #[api(status = 406, code = "not_acceptable")]
    NotAcceptable,
    /// The server did not finish in time.
    #[api(status = 408, code = "request_timeout", grpc = "DEADLINE_EXCEEDED")]
    RequestTimeout,
    /// The request conflicts with the current state.
    #[api(status = 409, code = "conflict")]
    Conflict,
    /// The resource is gone.
    #[api(status = 410, code = "gone")]
    Gone,
    /// A precondition of the request failed.
    #[api(status = 412, code = "precondition_failed")]
    PreconditionFailed,
    /// The request body is too large.
    #[api(status = 413, code = "payload_too_large")]
    PayloadTooLarge,
    /// The request URI is too long.
    #[api(status = 414, code = "uri_too_long")]
    UriTooLong,
    /// The request's content type is not supported.
    #[api(status = 415, code = "unsupported_media_type")]
    UnsupportedMediaType,
    /// Too many requests.
    #[api(status = 429, code = "too_many_requests")]
    TooManyRequests,
    /// The request's headers are too large.
    #[api(status = 431, code = "headers_too_large")]
    HeadersTooLarge,
    /// The server failed unexpectedly.
    #[api(status = 500, code = "internal_error")]
    Internal,
    /// The server does not support this.
    #[api(status = 501, code = "not_implemented")]
    NotImplemented,
    /// An upstream service failed.
    #[api(status = 502, code = "bad_gateway")]
    BadGateway,
    /// The service is unavailable.
    #[api(status = 503, code = "service_unavailable")]
    Unavailable,
    /// The gateway timed out.
    #[api(status = 504, code = "gateway_timeout")]
    GatewayTimeout,
}

impl FrameworkError {
    /// The error for a response the framework made with `status` (no errwire body), if the
    /// status has a code here. `None` for any other status: the layer then leaves that
    /// response as it is, because it must never change the status a handler chose.
    #[must_use]
    pub fn from_status(status: http::StatusCode) -> Option<Self> {
        Some(match status.as_u16() {
            400 => Self::BadRequest,
            401 => Self::Unauthenticated,
            403 => Self::Forbidden,
            404 => Self::RouteNotFound,
            405 => Self::MethodNotAllowed,
            406 => Self::NotAcceptable,
            408 => Self::RequestTimeout,
            409 => Self::Conflict,
            410 => Self::Gone,
            412 => Self::PreconditionFailed,
            413 => Self::PayloadTooLarge,
            414 => Self::UriTooLong,
            415 => Self::UnsupportedMediaType,
            422 => Self::InvalidBody,
            429 => Self::TooManyRequests,
            431 => Self::HeadersTooLarge,
            500 => Self::Internal,
            501 => Self::NotImplemented,
            502 => Self::BadGateway,
            503 => Self::Unavailable,
            504 => Self::GatewayTimeout,
            _ => return None,
        })
    }
}

impl core::fmt::Display for FrameworkError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(self.spec().message())
    }
}

impl std::error::Error for FrameworkError {}
