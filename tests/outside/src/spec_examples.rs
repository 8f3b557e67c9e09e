//! The attribute examples of the SPEC, as written there.

use std::time::Duration;

use errwire::ApiError;

/// Every key of the SPEC's attribute tables in use.
#[derive(Debug, thiserror::Error, ApiError)]
#[api(
    domain = "billing",
    status = 500,
    rename_all = "snake_case",
    docs = "https://docs.example.com/errors#{code}"
)]
pub enum SpecError {
    /// The slug is taken.
    #[error("slug {slug} taken")]
    #[api(
        status = 409,
        code = "state_conflict",
        message = "The slug '{slug}' is already in use."
    )]
    SlugTaken {
        /// The slug asked for.
        slug: String,
    },
    /// Conflicts by constant name.
    #[error("conflict")]
    #[api(status = StatusCode::CONFLICT)]
    ConflictByPath,
    /// Conflicts by bare constant.
    #[error("conflict")]
    #[api(status = CONFLICT)]
    ConflictByName,
    /// Rate limit exceeded.
    #[error("rate limited")]
    #[api(
        status = 429,
        retry = true,
        retry_after = 30,
        domain = "auth",
        help = "Respect the Retry-After header."
    )]
    RateLimited,
    /// A field gives the delay.
    #[error("wait")]
    #[api(status = 503)]
    Busy(#[api(retry_after)] Duration),
    /// With a title and a JSON-RPC code.
    #[error("upstream")]
    #[api(status = 502, title = "Upstream failure", jsonrpc = -32001)]
    Upstream,
    /// Sent as a protocol error over MCP.
    #[error("unknown tool")]
    #[api(status = 404, mcp = "protocol")]
    UnknownTool {
        /// Published under `param`.
        #[api(detail = "param")]
        name: String,
        /// Never sent.
        #[api(sensitive)]
        token: String,
    },
    /// Wraps a struct error.
    #[error(transparent)]
    #[api(transparent)]
    Wrapped(Gone),
}

/// A struct error with its own identity.
#[derive(Debug, thiserror::Error, ApiError)]
#[error("gone")]
#[api(status = 410, code = "gone_for_good")]
pub struct Gone;
