//! Seed 000: the error catalogue of an MCP server that generates media.
//!
//! `errors.rs` declares it; this file adds realistic values for the codes that carry data.

mod errors;

pub use errors::McpServerError;

/// One realistic value for every code that carries fields.
#[must_use]
pub fn examples() -> Vec<McpServerError> {
    vec![
        McpServerError::MissingRequired {
            param: "prompt".into(),
        },
        McpServerError::RateLimited(45),
        McpServerError::ProviderUnavailable {
            provider: "fal.ai".into(),
        },
        McpServerError::JobFailed {
            reason: "NSFW filter rejected the output".into(),
        },
    ]
}
