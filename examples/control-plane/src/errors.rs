//! Seed 001: a control plane's REST API and MCP server (nested envelope), and the OAuth 2
//! errors its instances return.

use errwire::ApiError;

/// The control-plane codes: the seed's HTTP table, then its list of further codes.
#[derive(Debug, ApiError)]
#[api(format = Nested)]
pub enum ControlPlaneError {
    /// Malformed parameter. Check message for detail.
    #[api(status = 400)]
    InvalidRequest,
    /// Field validation failure (slug too short, invalid hex color, etc).
    #[api(status = 400)]
    ValidationFailed,
    /// No token or expired token.
    #[api(status = 401)]
    Unauthorized,
    /// Token doesn’t sign with the expected key. Maybe you rotated the machine key.
    #[api(status = 401)]
    InvalidToken,
    /// Your token lacks scope for this action.
    #[api(status = 403)]
    ForbiddenByScope,
    /// Destructive op, missing confirmed: true.
    #[api(status = 403)]
    RequiresConfirmation,
    /// Resource doesn’t exist or you can’t see it.
    #[api(status = 404)]
    NotFound,
    /// Slug already in use.
    #[api(
        status = 409,
        message = "The slug '{slug}' is already in use. Try '{suggestion}' or pick another."
    )]
    WorkspaceSlugTaken {
        /// The slug asked for.
        slug: String,
        /// A free alternative.
        suggestion: String,
    },
    /// Resource is in a state that doesn’t allow this op (e.g. delete while provisioning).
    #[api(status = 409)]
    StateConflict,
    /// Action only available on Enterprise plan.
    #[api(status = 422)]
    EnterpriseOnly,
    /// Action only on Pro+.
    #[api(status = 422)]
    ProRequired,
    /// Too many requests. Check Retry-After header.
    #[api(status = 429)]
    RateLimited(#[api(retry_after)] u64),
    /// Bug on our side. Report with request_id.
    // Not retryable, although 500 is by default: the seed says to report it, not to retry
    // (it says "Retry" for 502 and 503 only), and a bug repeats.
    #[api(status = 500, retry = false)]
    InternalError,
    /// Something upstream failed. Retry with backoff.
    #[api(status = 502)]
    UpstreamError,
    /// Maintenance or partial degradation. Retry.
    #[api(status = 503)]
    ServiceUnavailable,
    // The seed lists the codes below without statuses; each choice is the status of the
    // table row it belongs with.
    /// disallowed chars (only a-z 0-9 -).
    #[api(status = 400)] // a validation failure
    WorkspaceSlugInvalid,
    /// minimum 3 chars.
    #[api(status = 400)] // a validation failure
    WorkspaceSlugTooShort,
    /// reserved word (auth, api, app, admin, etc.).
    #[api(status = 409)] // the slug is taken, by the platform
    WorkspaceSlugReserved,
    /// initial provisioning blew up. Check details.
    #[api(status = 500)] // "blew up": our side; retryable (500's default): provisioning can be re-run
    WorkspaceProvisioningFailed {
        /// "Check details."
        #[api(detail)]
        step: String,
    },
    /// not a valid URL or uses a forbidden scheme.
    #[api(status = 400)] // a validation failure
    RedirectUriInvalid,
    /// http://localhost dev-only (Pro+ allows override).
    #[api(status = 422)] // a plan restriction, like pro_required
    RedirectUriLocalhostOnlyDev,
    /// secret is no longer valid. You rotated more than 24h ago.
    #[api(status = 401)] // a credential that no longer signs, like invalid_token
    ClientSecretRevoked,
    /// Google/GitHub/MS rejected the credentials. Verify client_id/secret.
    #[api(status = 502, retry = false)] // the upstream IdP refused; retrying repeats it
    IdpOauthFailed,
    /// SAML XML malformed or unsigned.
    #[api(status = 400)] // a validation failure
    IdpMetadataInvalid,
    /// provider already in this workspace.
    #[api(status = 409)] // a state conflict
    IdpAlreadyConfigured,
    /// you moved to Pro with no valid card.
    #[api(status = 402)] // payment
    PaymentMethodRequired,
    /// you need to resolve payment to continue.
    #[api(status = 402)] // payment
    SubscriptionPastDue,
    /// you hit your spending cap. Raise it or wait for next period.
    #[api(status = 402)] // payment
    SignupsBlocked,
    /// URL is not https or doesn’t respond to HEAD.
    #[api(status = 400)] // a validation failure
    WebhookUrlInvalid,
    /// endpoint registered but missing secret (rare, our bug).
    #[api(status = 500, retry = false)] // "our bug": like internal_error, reported, not retried
    WebhookSecretRequired,
}

/// The OAuth 2 errors an instance returns (RFC 6749 §5.2 codes).
///
/// The seed gives no statuses: RFC 6749 §5.2 answers token-endpoint errors with 400, and
/// `invalid_client` with 401 (the client authenticated and failed); `access_denied` is an
/// authorization-endpoint error (§4.1.2.1) the user caused by refusing consent: 403.
#[derive(Debug, ApiError)]
#[api(format = OAuth)]
pub enum InstanceOAuthError {
    /// code expired, redirect_uri mismatch, code reused.
    #[api(status = 400)]
    InvalidGrant,
    /// client_id/secret wrong.
    #[api(status = 401)]
    InvalidClient,
    /// you passed a grant type we didn’t enable for your app.
    #[api(status = 400)]
    UnsupportedGrantType,
    /// user aborted consent.
    #[api(status = 403)]
    AccessDenied,
}
