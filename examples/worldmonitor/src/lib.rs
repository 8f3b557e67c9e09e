//! Seed 003: an API answering `{"error": …}`, with a retry policy per status, and the same
//! errors as MCP tool results.
//!
//! `errors.rs` declares them; this file adds realistic values for the codes that carry data.

mod errors;

pub use errors::{WorldMonitorError, WorldMonitorOAuthError};

/// One realistic value for every code that carries fields.
#[must_use]
pub fn examples() -> Vec<WorldMonitorError> {
    vec![
        WorldMonitorError::RateLimitExceeded(60),
        WorldMonitorError::InvalidRequest {
            description: "iso2 must be a 2-letter uppercase country code".into(),
            field: "iso2".into(),
        },
    ]
}
