//! Seed 004: an MCP proxy's JSON-RPC errors, each with an HTTP status, and its dashboard's
//! REST errors.
//!
//! `errors.rs` declares them; this file adds realistic values for the codes that carry data.

mod errors;

pub use errors::{DashboardError, McpProxyError};

/// One realistic value for every code that carries fields.
#[must_use]
pub fn examples() -> Vec<McpProxyError> {
    vec![
        McpProxyError::ToolDenied {
            tool: "delete_file".into(),
            agent: "my-first-agent".into(),
        },
        McpProxyError::ServiceNotEnabled {
            service: "github".into(),
            agent: "my-first-agent".into(),
        },
        McpProxyError::NoCredentials {
            service: "github".into(),
        },
        McpProxyError::RateLimited(15),
    ]
}
