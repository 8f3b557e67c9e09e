//! Seed 004: an MCP proxy's JSON-RPC errors (each with an HTTP status) and its dashboard's
//! REST errors.

use errwire::ApiError;

/// The MCP proxy's errors: the seed's common messages, with the status and JSON-RPC code its
/// tables give each.
///
/// The seed's example error object carries only `code` and `message`: `JsonRpcPlain`.
#[derive(Debug, ApiError)]
#[api(format = JsonRpcPlain)]
pub enum McpProxyError {
    /// Request body is not valid JSON.
    #[api(status = 400, jsonrpc = -32700, mcp = "protocol", message = "Parse error")]
    ParseError,
    /// Missing/invalid jsonrpc or method field.
    #[api(status = 400, jsonrpc = -32600, mcp = "protocol", message = "Invalid request")]
    InvalidRequest,
    /// Missing Bearer token.
    #[api(
        status = 401,
        message = "Missing Bearer token — add your member key to the MCP client config",
        help = "Add Authorization: Bearer <member-key> to your client config"
    )]
    MissingBearer,
    /// Unknown or invalid member key.
    #[api(
        status = 401,
        message = "Unknown member key — re-authenticate at the UI to get a new key",
        help = "Your key was rotated or revoked — generate a new one from the Members tab"
    )]
    UnknownMemberKey,
    /// Agent is disabled.
    #[api(
        status = 403,
        message = "Agent is disabled — contact the agent owner",
        help = "The owner toggled the agent off"
    )]
    AgentDisabled,
    /// Membership is not approved.
    #[api(
        status = 403,
        message = "Membership not approved — contact the agent owner",
        help = "Your join request is still pending or was rejected"
    )]
    MembershipNotApproved,
    /// A policy denied the tool call.
    // The seed answers policy denials with "200 + error object": in band, a JSON-RPC
    // protocol error; its class stays 403 (not retryable, -32600 as the seed's code table says).
    #[api(
        status = 403,
        in_band,
        mcp = "protocol",
        message = "Authorization denied: tool '{tool}' is not permitted for agent '{agent}'",
        help = "A policy denied the call — check the Audit tab for the matched policy"
    )]
    ToolDenied {
        /// The tool called.
        #[api(detail)]
        tool: String,
        /// The agent.
        #[api(detail)]
        agent: String,
    },
    /// The service is not enabled for the agent.
    // As above: "200 + error object" in the seed; class 403, JSON-RPC -32600.
    #[api(
        status = 403,
        in_band,
        mcp = "protocol",
        message = "Authorization denied: service '{service}' is not enabled for agent '{agent}'",
        help = "The owner has not enabled this connector on the agent"
    )]
    ServiceNotEnabled {
        /// The service.
        #[api(detail)]
        service: String,
        /// The agent.
        #[api(detail)]
        agent: String,
    },
    /// A tools/call name without the service__ prefix.
    #[api(
        status = 400,
        message = "Tool name must be prefixed with service name, e.g. 'github__get_file_contents'",
        help = "Use the prefixed tool name from tools/list"
    )]
    UnprefixedToolName,
    /// Unknown method, unknown service prefix, or unsupported operation.
    // "200 + error object" in the seed ("unsupported method"): in band, class 404, which maps
    // to -32601 as the seed's code table says.
    #[api(status = 404, in_band, mcp = "protocol", message = "Method not found")]
    MethodNotFound,
    /// GET request to /mcp — MCP message exchange is POST-only.
    #[api(status = 405, jsonrpc = -32600, mcp = "protocol", message = "Method not allowed")]
    GetNotAllowed,
    /// Tool call was authorized, but you have no credentials connected for that service.
    #[api(
        status = 412,
        jsonrpc = -32603,
        message = "No {service} credentials configured. Connect your {service} account in the UI.",
        help = "Complete the connector OAuth flow from the Members tab"
    )]
    NoCredentials {
        /// The service.
        #[api(detail)]
        service: String,
    },
    /// Rate limit exceeded for your member key.
    // The seed's JSON-RPC table lists no code for a rate limit: -32000, the first of the
    // server-defined codes (and 429's default mapping), written out so the choice is visible.
    #[api(
        status = 429,
        jsonrpc = -32000,
        message = "Rate limit exceeded — too many requests per key",
        help = "Slow down; see Rate limits"
    )]
    RateLimited(#[api(retry_after)] u64),
    /// Upstream MCP server unreachable, or internal proxy error.
    #[api(status = 502, message = "Upstream error")]
    UpstreamUnreachable,
    /// Upstream MCP server did not respond within the timeout (30 s).
    #[api(status = 504, message = "Upstream timeout")]
    UpstreamTimeout,
    /// GitHub App installation not registered — re-provision required.
    // The seed gives only the JSON-RPC code: the proxy cannot reach GitHub for this
    // installation, an upstream failure, so 502; not retryable, because nothing changes until
    // someone re-provisions.
    #[api(status = 502, retry = false, jsonrpc = -32001)]
    GithubAppNotInstalled,
}

/// The dashboard REST API's errors; `help` is the seed's "Common cause".
///
/// The seed lists statuses and meanings but prints no body: the nested envelope is the
/// sensible default.
#[derive(Debug, ApiError)]
#[api(format = Nested)]
pub enum DashboardError {
    /// Malformed request or failed validation
    #[api(
        status = 400,
        help = "Missing required field, invalid value, or invalid policy configuration (e.g. deny message over 500 characters)"
    )]
    BadRequest,
    /// Not authenticated
    #[api(status = 401, help = "No session — sign in again")]
    Unauthorized,
    /// Authenticated but not allowed
    #[api(status = 403, help = "Caller is not the agent owner, or member not approved")]
    Forbidden,
    /// Resource does not exist
    #[api(status = 404, help = "Wrong agent ID, deleted policy, or member not found")]
    NotFound,
    /// State conflict
    #[api(
        status = 409,
        help = "A policy with that name already exists (create or rename)"
    )]
    Conflict,
    /// Rate limit exceeded
    #[api(
        status = 429,
        help = "Too many sign-in codes requested (15 per email per hour)"
    )]
    TooManyRequests,
    /// Unexpected server error
    #[api(status = 500, help = "Retry; contact support if it persists")]
    InternalServerError,
}
