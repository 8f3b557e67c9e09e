//! Logging an error response (feature `tracing`): errors reported as failures (5xx unless
//! `#[api(report = …)]` says otherwise) at error level, as OpenTelemetry's `exception`
//! event, with the code, request id, `exception.type` and the whole source chain; the
//! others at debug. Logs are where internals belong; bodies never
//! get them.

use core::sync::atomic::{AtomicBool, Ordering};

use crate::error::ApiError;

static LOG_SOURCE_CHAIN: AtomicBool = AtomicBool::new(true);

/// Whether error logs carry the error's `Display` and source chain (on by default): the
/// process-wide default. A service behind errwire's layer, middleware, hoop or fairing can
/// decide for itself with
/// [`ErrwireSettings::log_source_chain`](crate::request::ErrwireSettings::log_source_chain),
/// which wins for its requests; this default stays for errors converted outside one (a GraphQL
/// error, a `Status` made outside the gRPC layer).
///
/// `#[api(sensitive)]` keeps a field off the wire, but an error's `Display` is the
/// application's own text and may print that field (`#[error("bad token {token}")]`). Turn
/// this off to log only the code, status and request id, or keep sensitive fields out of
/// your `#[error(…)]` strings.
pub fn log_source_chain(on: bool) {
    LOG_SOURCE_CHAIN.store(on, Ordering::Relaxed);
}

/// Whether [`log_source_chain`] is on.
pub(crate) fn logs_source_chain() -> bool {
    LOG_SOURCE_CHAIN.load(Ordering::Relaxed)
}

/// The error's `Display` and every `source()` below it: `outer: middle: root`. A source
/// whose text the level above already ends with (`#[error("pricing: {0}")]` over a
/// `#[source]`) is not repeated.
#[must_use]
pub fn source_chain(error: &(impl ApiError + ?Sized)) -> Option<String> {
    let mut current = error.as_error()?;
    let mut chain = current.to_string();
    let mut above = chain.clone();
    while let Some(source) = current.source() {
        let text = source.to_string();
        if !above.ends_with(&text) {
            chain.push_str(": ");
            chain.push_str(&text);
        }
        above = text;
        current = source;
    }
    Some(chain)
}

/// Logs the error of a response being sent. A failure's line is OpenTelemetry's
/// `exception` event (no message; `exception.type = "<Type>::<Variant>"`, and the source
/// chain as `exception.message` only while [`log_source_chain`] is on), so
/// `tracing-opentelemetry` adds it to the request span as the conventions ask; the others
/// are `request rejected` at debug.
pub fn log_response(error: &(impl ApiError + ?Sized), request_id: Option<&str>) {
    log_response_as(error, request_id, logs_source_chain());
}

/// [`log_response`], with or without the source chain as the request's settings say.
pub(crate) fn log_response_as(error: &(impl ApiError + ?Sized), request_id: Option<&str>, with_chain: bool) {
    let status = error.status().as_u16();
    let code = error.code();
    let request_id = request_id.unwrap_or("");
    let chain = with_chain.then(|| source_chain(error)).flatten();
    // An absent `Option` field is left out of the event.
    let chain = chain.as_deref();
    // The reporting class, not the status: a routine 5xx can be `expected`, a 409 that
    // signals a bug can be `error`.
    if error.spec().report() == crate::spec::ReportClass::Error {
        let kind = ExceptionType(error.spec());
        tracing::error!(
            name: "exception",
            status,
            code,
            request_id,
            "exception.type" = %kind,
            "exception.message" = chain,
        );
    } else {
        tracing::debug!(status, code, request_id, error = chain, "request rejected");
    }
}

/// OpenTelemetry's `exception.type` of an error: `OrderError::Upstream` (the type alone for
/// a type without variants), written without allocating.
struct ExceptionType(&'static crate::spec::ErrorSpec);

impl core::fmt::Display for ExceptionType {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(self.0.type_name())?;
        match self.0.variant() {
            Some(variant) => write!(f, "::{variant}"),
            None => Ok(()),
        }
    }
}
