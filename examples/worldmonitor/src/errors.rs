//! Seed 003: an API whose errors are `{"error": "<code>"}`, with a retry policy per status,
//! its common error strings, and RFC 6749 codes on its OAuth endpoints.

use errwire::ApiError;

/// The common error strings, then one code for each status row without one.
///
/// HTTP endpoints answer in the `Simple` envelope; the MCP server sends the same errors as
/// tool results (`McpTool`: `isError: true` and a text explanation), as the seed says.
#[derive(Debug, ApiError)]
#[api(format = Simple)]
pub enum WorldMonitorError {
    /// No valid Clerk JWT or API key.
    #[api(status = 401, code = "UNAUTHENTICATED")]
    Unauthenticated,
    /// Authenticated, but account is not PRO.
    #[api(status = 403)]
    ProRequired,
    /// Body failed schema validation.
    #[api(status = 400)]
    InvalidPayload,
    /// Date param not `YYYY-MM-DD`.
    #[api(status = 400)]
    InvalidDateShape,
    /// No composed brief for the requested `{userId, issueDate}`.
    #[api(status = 404)]
    BriefNotFound,
    /// 429 fired; honor `Retry-After`.
    #[api(status = 429, code = "Rate limit exceeded")]
    RateLimitExceeded(#[api(retry_after)] u64),
    /// Upstash or another hard dependency missing at request time.
    #[api(status = 503, code = "Service temporarily unavailable")]
    DependencyMissing,
    /// Signing secret / required env not configured.
    #[api(status = 503)]
    ServiceUnavailable,
    /// Redis pipeline failure on `/api/scenario/v1/run-scenario`.
    // The seed names no status: a failing Redis pipeline is a dependency failure, 502. Not
    // retryable although the 502 row says "Yes": the seed's retry strategy says
    // `run-scenario` is not idempotent ("it enqueues a new job on each call"), and this code
    // is only ever returned by it.
    #[api(status = 502, retry = false, code = "Failed to enqueue scenario job")]
    EnqueueFailed,
    // The codes below are ours: the seed's status table names no `error` string for these
    // rows, so each is the row's meaning in snake_case (`invalid_request` is the one the
    // seed's own example body uses), with the row's status and its Retry? column.
    /// Bad request — validation error
    #[api(status = 400, message = "{description}")]
    InvalidRequest {
        /// The `error_description`.
        description: String,
        /// The offending field (`"field": "iso2"`).
        #[api(detail)]
        field: String,
    },
    /// Method not allowed
    #[api(status = 405)]
    MethodNotAllowed,
    /// Conflict (duplicate webhook registration, etc.)
    #[api(status = 409)]
    Conflict,
    /// Payload too large
    #[api(status = 413)]
    PayloadTooLarge,
    /// Server bug
    #[api(status = 500)]
    InternalError,
    /// Upstream timeout
    #[api(status = 504)]
    UpstreamTimeout,
}

/// The RFC 6749 §5.2 codes its OAuth endpoints use.
///
/// The seed names the codes, not their statuses: RFC 6749 §5.2 answers 400 for all of them,
/// except `invalid_client`, which is 401 when the client authenticated with a header.
#[derive(Debug, ApiError)]
#[api(status = 400, format = OAuth)]
pub enum WorldMonitorOAuthError {
    /// The request is missing a parameter or is otherwise malformed.
    InvalidRequest,
    /// Client authentication failed.
    #[api(status = 401)]
    InvalidClient,
    /// The grant is invalid, expired or revoked.
    InvalidGrant,
    /// The grant type is not supported.
    UnsupportedGrantType,
    /// The requested scope is invalid.
    InvalidScope,
}
