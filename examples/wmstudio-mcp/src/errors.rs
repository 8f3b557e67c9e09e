//! Seed 000: an MCP server's failure modes — transport, authentication, input validation and
//! runtime — with their recovery paths (the `help`).

use errwire::ApiError;

/// Every code of the seed's four tables, in the document's order.
///
/// The seed prints no body; its advice to "inspect `error.message`" means the nested
/// envelope, `{"error":{"code","message",…}}`.
///
/// Every 401 challenges for a bearer token (RFC 6750 §3); the token errors say which.
#[derive(Debug, ApiError)]
#[api(format = Nested, challenge = "Bearer realm=\"wmstudio-mcp\"")]
pub enum McpServerError {
    /// Request hit /mcp without trailing slash.
    // A redirect says where to go (RFC 9110 §15.4): the path with its trailing slash.
    #[api(
        status = 307,
        code = "307_redirect",
        header(name = "Location", value = "/mcp/"),
        domain = "transport",
        help = "Always call /mcp/ — many Streamable HTTP clients drop the connection on the redirect."
    )]
    Redirect,
    /// Production environment received a non-HTTPS request.
    #[api(
        status = 400,
        code = "400_https_required",
        domain = "transport",
        help = "Set ENVIRONMENT=production only behind an HTTPS proxy; otherwise unset ENFORCE_HTTPS."
    )]
    HttpsRequired,
    /// Inspector configured as STDIO with an HTTP URL as command.
    // The seed gives no status ("—"): the failure happens in the client's launcher. 400: the
    // client's configuration is wrong and retrying will not help.
    #[api(
        status = 400,
        domain = "transport",
        help = "Switch transport to Streamable HTTP. Use the URL field, not Command."
    )]
    SpawnEnoent,
    /// Authorization header missing or malformed.
    #[api(
        status = 401,
        domain = "auth",
        help = "Include `Authorization: Bearer <jwt>` on every request."
    )]
    MissingBearer,
    /// Token `aud` != wmstudio-mcp.
    #[api(
        status = 401,
        domain = "auth",
        // RFC 6750 §3.1: a token that is present but wrong is `invalid_token`.
        header(name = "WWW-Authenticate", value = "Bearer realm=\"wmstudio-mcp\", error=\"invalid_token\""),
        help = "Re-mint via /oauth/token or `create_test_token()` in development."
    )]
    InvalidAudience,
    /// Token present in Redis `mcp:tokens:revoked`.
    #[api(
        status = 401,
        domain = "auth",
        header(
            name = "WWW-Authenticate",
            value = "Bearer realm=\"wmstudio-mcp\", error=\"invalid_token\""
        ),
        help = "Restart the OAuth flow."
    )]
    RevokedToken,
    /// Supabase rejected a stale or duplicated state parameter.
    // The seed gives no status ("—"): a rejected OAuth `state` is a bad request (RFC 6749
    // answers it with `invalid_request`), so 400.
    #[api(
        status = 400,
        domain = "auth",
        help = "Most often a redirect_to misconfiguration — check the runbook in `oauth-fly-supabase-runbook.md`."
    )]
    BadOauthState,
    /// Required parameter not supplied (e.g. `prompt` or `reference_image_url`).
    #[api(
        status = 400,
        domain = "input",
        help = "Check the tool's `Parameters` table; required params are tagged."
    )]
    MissingRequired {
        /// The parameter that is missing.
        #[api(detail)]
        param: String,
    },
    /// Image URL is unreachable, not an image, or larger than 12MB.
    #[api(
        status = 400,
        domain = "input",
        help = "Re-host on a public CDN; PNG/JPG/WebP only; max 12MB."
    )]
    InvalidImage,
    /// Model id not enabled on this deployment.
    #[api(
        status = 400,
        domain = "input",
        help = "See `/docs/configuration#models` for the live catalogue."
    )]
    UnsupportedModel,
    /// Likeness or Digital Twin call missing `consent_acknowledged: true`.
    #[api(
        status = 403,
        domain = "input",
        help = "Surface a consent UI in your client and set the flag explicitly."
    )]
    ConsentRequired,
    /// User has insufficient WM Studio credits for the requested job.
    #[api(
        status = 402,
        domain = "runtime",
        help = "Direct user to /dashboard/credits to top up."
    )]
    InsufficientCredits,
    /// Per-user or per-tool rate window exceeded.
    #[api(
        status = 429,
        domain = "runtime",
        help = "Respect the `Retry-After` header; back off exponentially."
    )]
    RateLimited(#[api(retry_after)] u64),
    /// Upstream model provider is temporarily down (fal.ai, OpenAI, etc.).
    #[api(
        status = 503,
        domain = "runtime",
        retry_after = 30,
        help = "Retry after 30–60s. The provider is reported in the error body."
    )]
    ProviderUnavailable {
        /// "The provider is reported in the error body."
        #[api(detail)]
        provider: String,
    },
    /// Async job did not finish within its TTL (default 10 min).
    // The seed gives no status ("—"): the job outlived its deadline upstream, so 504, which
    // is retryable, as the recovery advises.
    #[api(
        status = 504,
        domain = "runtime",
        help = "Retry with a smaller batch or simpler prompt."
    )]
    JobTimeout,
    /// Provider returned a render failure.
    // The seed gives no status ("—"): the provider failed, so 502; not retryable, because a
    // render failure repeats for the same input. Its recovery says to read the provider's
    // reason in `error.message`, so the message carries it (and `details.reason` too).
    #[api(
        status = 502,
        retry = false,
        domain = "runtime",
        message = "Provider returned a render failure: {reason}",
        help = "Inspect `error.message` for the provider's reason."
    )]
    JobFailed {
        /// The provider's own reason, as it gave it (written for clients by the provider).
        #[api(detail)]
        reason: String,
    },
}
