//! What a fleet's telemetry reads of an error response: [`ErrorType`], in the response's
//! extensions; and, with feature `tracing`, the request span's fields.
//!
//! OpenTelemetry's semantic conventions ask that `error.type` be predictable and of low
//! cardinality, and that instrumentations document the errors they report: an errwire
//! error's stable code is exactly that, and the catalogue is the list
//! ([`catalogue::error_types`](fn@crate::catalogue::error_types)). The span fields are plain
//! `tracing` fields that `tracing-opentelemetry` maps to the span's attributes, kind and
//! status, so errwire needs no OpenTelemetry dependency for them:
//!
//! | field or event | when | value |
//! |---|---|---|
//! | `otel.kind` | always | `server` |
//! | `trace_id` | `trace_context(true)` and a valid `traceparent` | the W3C trace id (also in the body) |
//! | `error.type` | the response is an error | its code |
//! | `error.cause.type` | the error wraps a downstream [`RemoteError`] (feature `client`: the decoder) | the downstream code |
//! | `otel.status_code` | the error is reported as a failure ([`ReportClass`](crate::spec::ReportClass)) | `ERROR` (else unset) |
//! | event `exception` | the same | `exception.type` = `path::Type::Variant`; `exception.message` = the source chain while [`log::log_source_chain`](crate::log::log_source_chain) is on |
//!
//! Feature `metrics` counts every error response ([`ERRORS_TOTAL`]); feature `sentry` sends
//! each failure to the error tracker, one issue per code (`errwire::sentry`).

use std::sync::Arc;

#[cfg(feature = "client")]
use crate::client::RemoteError;
use crate::error::ApiError;
use crate::spec::ErrorSpec;

/// The error an errwire response carries, as telemetry names it: its code (OpenTelemetry's
/// `error.type`), its spec (status, domain, reporting class: [`ErrorType::spec`]), and — when
/// it wraps an error a downstream service answered — that service's code as its cause.
///
/// Every response the errwire layer or middleware lets through with an error, and every
/// error an `IntoResponse` (axum) or `ResponseError` (actix-web) implementation of errwire
/// renders, carries one in its extensions (`http::Response::extensions`,
/// `actix_web::HttpResponse::extensions`). So an HTTP metrics middleware placed outside the
/// errwire layer can label `http.server.request.duration` with `error.type`:
///
/// ```
/// use errwire::{ApiError, ErrorType};
///
/// #[derive(Debug, ApiError)]
/// enum OrderError {
///     /// The order is already paid.
///     #[api(status = 409)]
///     AlreadyPaid,
/// }
///
/// // What a metrics middleware does with a response it sees go by:
/// fn error_type_label<B>(response: &errwire::http::Response<B>) -> Option<&'static str> {
///     response.extensions().get::<ErrorType>().map(ErrorType::code)
/// }
///
/// let mut response = errwire::http::Response::new(());
/// response.extensions_mut().insert(ErrorType::of(&OrderError::AlreadyPaid));
/// assert_eq!(error_type_label(&response), Some("already_paid"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ErrorType {
    // The spec is the one home of the code's facts; this only points at it.
    spec: &'static ErrorSpec,
    cause: Option<Arc<str>>,
}

impl ErrorType {
    /// The telemetry name of `error`.
    #[must_use]
    pub fn of(error: &(impl ApiError + ?Sized)) -> Self {
        Self {
            spec: error.spec(),
            cause: downstream_code(error).map(Arc::from),
        }
    }

    /// The code of the downstream service's error this one wraps: the first
    /// [`RemoteError`] with a code in the error's source chain (a `#[source]` field of a
    /// `thiserror` type, or a `client::reqwest::CallError`'s). The span records it as
    /// `error.cause.type`; the response body says only what this error says.
    #[must_use]
    pub fn cause(&self) -> Option<&str> {
        self.cause.as_deref()
    }

    /// The stable code: the value of OpenTelemetry's `error.type`.
    #[must_use]
    pub const fn code(&self) -> &'static str {
        self.spec.code()
    }

    /// Everything static about the code: status, domain, how it is reported
    /// ([`ErrorSpec::report`]), …
    #[must_use]
    pub const fn spec(&self) -> &'static ErrorSpec {
        self.spec
    }

    /// The HTTP status the error maps to (the spec's).
    #[must_use]
    pub const fn status(&self) -> http::StatusCode {
        self.spec.status()
    }

    /// The error's domain, if it has one (the spec's).
    #[must_use]
    pub const fn domain(&self) -> Option<&'static str> {
        self.spec.domain()
    }

    /// How the error is reported (the spec's: `#[api(report = …)]`, by default a failure for
    /// a 5xx).
    #[must_use]
    pub const fn report(&self) -> crate::spec::ReportClass {
        self.spec.report()
    }

    /// The OpenTelemetry status of a server span that ended with this error: `"ERROR"` for
    /// an error reported as a failure (a 5xx, unless `report` says otherwise), and none (left
    /// unset) otherwise — a client's mistake is not the server's failure.
    #[must_use]
    pub fn otel_status_code(&self) -> Option<&'static str> {
        self.spec.report().otel_status_code()
    }
}

/// The code of the first decoded downstream error in `error`'s source chain.
#[cfg(feature = "client")]
fn downstream_code(error: &(impl ApiError + ?Sized)) -> Option<&str> {
    let mut current = error.as_error();
    while let Some(error) = current {
        if let Some(code) = error.downcast_ref::<RemoteError>().and_then(RemoteError::code) {
            return Some(code);
        }
        current = error.source();
    }
    None
}

/// Without feature `client` there is no decoded downstream error to find.
#[cfg(not(feature = "client"))]
fn downstream_code(_: &(impl ApiError + ?Sized)) -> Option<&str> {
    None
}

/// The counter feature `metrics` increments for every error response errwire renders, with
/// the labels `code`, `status` (`"404"`) and `domain` (`""` when the error has none).
pub const ERRORS_TOTAL: &str = "errwire_errors_total";

/// An error response is being sent: logged (feature `tracing`, [`crate::log`]) and counted
/// (feature `metrics`, [`ERRORS_TOTAL`]). Every place errwire renders for a request calls
/// this, once per response.
#[cfg_attr(
    not(any(
        feature = "tower",
        feature = "actix-web",
        feature = "tonic",
        feature = "async-graphql"
    )),
    allow(dead_code)
)]
pub(crate) fn observe(
    error: &(impl ApiError + ?Sized),
    request_id: Option<&str>,
    source_chain: Option<bool>,
) {
    // The request's settings, else the process-wide default.
    #[cfg(feature = "tracing")]
    let source_chain = source_chain.unwrap_or_else(crate::log::logs_source_chain);
    #[cfg(feature = "tracing")]
    crate::log::log_response_as(error, request_id, source_chain);
    #[cfg(feature = "metrics")]
    metrics::counter!(
        ERRORS_TOTAL,
        "code" => error.code(),
        "status" => error.status().as_str().to_owned(),
        "domain" => error.domain().unwrap_or(""),
    )
    .increment(1);
    #[cfg(feature = "sentry")]
    if error.spec().report() == crate::spec::ReportClass::Error {
        crate::sentry::capture(error, request_id, downstream_code(error), source_chain);
    }
    let _ = (error, request_id, source_chain);
}

/// Records `error` on the request span (feature `tracing`): `error.type`, the downstream
/// cause's `error.cause.type`, and, for a 5xx, `otel.status_code = "ERROR"`. The span
/// declares the fields empty when it opens.
#[cfg(all(
    feature = "tracing",
    any(
        feature = "tower",
        feature = "actix-web",
        feature = "poem",
        feature = "salvo",
        feature = "rocket"
    )
))]
pub(crate) fn record(span: &tracing::Span, error: Option<&ErrorType>) {
    if let Some(error) = error {
        span.record("error.type", error.code());
        if let Some(cause) = error.cause() {
            span.record("error.cause.type", cause);
        }
        if let Some(status) = error.otel_status_code() {
            span.record("otel.status_code", status);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::framework::FrameworkError;
    use http::StatusCode;

    #[test]
    fn only_server_errors_set_the_span_status() {
        let server = ErrorType::of(&FrameworkError::Internal);
        assert_eq!(server.code(), "internal_error");
        assert_eq!(server.otel_status_code(), Some("ERROR"));
        let client = ErrorType::of(&FrameworkError::RouteNotFound);
        assert_eq!(client.spec().status(), StatusCode::NOT_FOUND);
        assert_eq!(client.otel_status_code(), None);
    }
}
