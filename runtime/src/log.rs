//! Logging an error response (feature `tracing`): 5xx at error level with the code, request
//! id and the whole source chain; 4xx at debug. Logs are where internals belong; bodies never
//! get them.

use alloc::string::String;
use core::fmt::Write as _;

use crate::ApiError;

/// The error's `Display` and every `source()` below it: `outer: middle: root`.
#[must_use]
pub fn source_chain(error: &(impl ApiError + ?Sized)) -> Option<String> {
    let mut current = error.as_error()?;
    let mut chain = alloc::format!("{current}");
    while let Some(source) = current.source() {
        let _ = write!(chain, ": {source}");
        current = source;
    }
    Some(chain)
}

/// Logs the error of a response being sent.
pub fn log_response(error: &(impl ApiError + ?Sized), request_id: Option<&str>) {
    let status = error.status().as_u16();
    let code = error.code();
    let request_id = request_id.unwrap_or("");
    if status >= 500 {
        match source_chain(error) {
            Some(chain) => tracing::error!(status, code, request_id, error = %chain, "request failed"),
            None => tracing::error!(status, code, request_id, "request failed"),
        }
    } else {
        match source_chain(error) {
            Some(chain) => tracing::debug!(status, code, request_id, error = %chain, "request rejected"),
            None => tracing::debug!(status, code, request_id, "request rejected"),
        }
    }
}
