//! Logging an error response (feature `tracing`): errors reported as failures (5xx unless
//! `#[api(report = …)]` says otherwise) at error level with the code, request id and the
//! whole source chain; the others at debug. Logs are where internals belong; bodies never
//! get them.

use core::sync::atomic::{AtomicBool, Ordering};

use crate::error::ApiError;

static LOG_SOURCE_CHAIN: AtomicBool = AtomicBool::new(true);

/// Whether error logs carry the error's `Display` and source chain (on by default).
///
/// `#[api(sensitive)]` keeps a field off the wire, but an error's `Display` is the
/// application's own text and may print that field (`#[error("bad token {token}")]`). Turn
/// this off to log only the code, status and request id, or keep sensitive fields out of
/// your `#[error(…)]` strings.
pub fn log_source_chain(on: bool) {
    LOG_SOURCE_CHAIN.store(on, Ordering::Relaxed);
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

/// Logs the error of a response being sent.
pub fn log_response(error: &(impl ApiError + ?Sized), request_id: Option<&str>) {
    let status = error.status().as_u16();
    let code = error.code();
    let request_id = request_id.unwrap_or("");
    let chain = || {
        LOG_SOURCE_CHAIN
            .load(Ordering::Relaxed)
            .then(|| source_chain(error))
            .flatten()
    };
    // The reporting class, not the status: a routine 5xx can be `expected`, a 409 that
    // signals a bug can be `error`.
    let failure = error.spec().report() == crate::spec::ReportClass::Error;
    match (failure, chain()) {
        (true, Some(chain)) => tracing::error!(status, code, request_id, error = %chain, "request failed"),
        (true, None) => tracing::error!(status, code, request_id, "request failed"),
        (false, Some(chain)) => tracing::debug!(status, code, request_id, error = %chain, "request rejected"),
        (false, None) => tracing::debug!(status, code, request_id, "request rejected"),
    }
}
