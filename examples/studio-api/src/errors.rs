//! Seed 002: the whole `contracts/error-codes.json` table, flat envelope, with domains.

use errwire::ApiError;

/// Every code of the seed's reference table, in its order.
#[derive(Debug, ApiError)]
#[api(rename_all = "SCREAMING_SNAKE_CASE", format = Flat)]
pub enum ContractError {
    /// The request is invalid.
    #[api(status = 400, domain = "common")]
    BadRequest,
    /// Invalid session.
    #[api(status = 401, domain = "auth")]
    AuthInvalidSession,
    /// Authentication required.
    #[api(status = 401, domain = "auth")]
    AuthRequired,
    /// Session expired.
    #[api(status = 401, domain = "auth")]
    AuthSessionExpired,
    /// User not available.
    #[api(status = 401, domain = "auth")]
    AuthUserUnavailable,
    /// Insufficient credits.
    #[api(status = 402, domain = "billing")]
    BillingInsufficientCredits,
    /// Admin console access denied.
    #[api(status = 403, domain = "auth")]
    AuthAdminAccessDenied,
    /// Admin role required.
    #[api(status = 403, domain = "auth")]
    AuthAdminRoleRequired,
    /// Forbidden.
    #[api(status = 403, domain = "common")]
    Forbidden,
    /// Resource not found.
    #[api(status = 404, domain = "common")]
    ResourceNotFound,
    /// The request conflicts with current state.
    #[api(status = 409, domain = "common")]
    Conflict,
    /// Studio audio export is blocked by missing or stale clips.
    #[api(status = 409, domain = "studio")]
    StudioAudioExportBlocked,
    /// Studio audio export requires compatible PCM WAV clip audio.
    #[api(status = 422, domain = "studio")]
    StudioAudioExportIncompatibleAudio,
    /// Studio audio export has no clip audio to export.
    #[api(status = 422, domain = "studio")]
    StudioAudioExportNoAudio,
    /// Studio audio export requires supported clip audio sources.
    #[api(status = 422, domain = "studio")]
    StudioAudioExportUnsupportedSource,
    /// Request validation failed.
    #[api(status = 422, domain = "common")]
    ValidationError,
    /// Generation is not ready yet.
    #[api(status = 425, domain = "generation")]
    GenerationNotReady,
    /// Your plan's concurrent generation limit was reached. Please retry shortly.
    #[api(status = 429, domain = "generation")]
    GenerationConcurrencyExceeded,
    /// Rate limit exceeded.
    #[api(status = 429, domain = "common")]
    RateLimited,
    /// Internal server error.
    #[api(status = 500, domain = "common")]
    InternalError,
    /// Studio audio export failed.
    #[api(status = 500, domain = "studio")]
    StudioAudioExportFailed,
    /// Generation failed.
    #[api(status = 502, domain = "generation")]
    GenerationFailed,
    /// Generation service returned an invalid response.
    #[api(status = 502, domain = "generation")]
    GenerationInvalidResponse,
    /// Analytics service request failed.
    #[api(status = 502, domain = "upstream")]
    UpstreamAnalyticsError,
    /// Billing service request failed.
    #[api(status = 502, domain = "upstream")]
    UpstreamBillingError,
    /// Generation service request failed.
    #[api(status = 502, domain = "upstream")]
    UpstreamGenerationError,
    /// Generation service request failed.
    #[api(status = 502, domain = "upstream", retry = false)]
    UpstreamGenerationServiceError,
    /// Voice clone failed.
    #[api(status = 502, domain = "voice")]
    VoiceCloneFailed,
    /// Voice design failed.
    #[api(status = 502, domain = "voice")]
    VoiceDesignFailed,
    /// Authentication is not configured correctly.
    #[api(status = 503, domain = "auth", retry = false)]
    AuthConfigMissing,
    /// Generation capacity is currently exhausted. Please try again shortly.
    #[api(status = 503, domain = "generation", retry = false)]
    GenerationCapacityExceeded,
    /// LLM feature is not configured.
    #[api(status = 503, domain = "upstream", retry = false)]
    LlmConfigNotFound,
    /// Studio audio export could not read clip audio from storage.
    #[api(status = 503, domain = "studio")]
    StudioAudioExportAssetReadFailed,
    /// Studio audio export could not write the result to storage.
    #[api(status = 503, domain = "studio")]
    StudioAudioExportAssetWriteFailed,
    /// Studio audio export storage is not configured.
    #[api(status = 503, domain = "studio", retry = false)]
    StudioAudioExportStorageUnconfigured,
    /// Audio asset storage failed.
    #[api(status = 503, domain = "upstream")]
    UpstreamAssetStorageError,
    /// Generation timed out. Please try again.
    #[api(status = 504, domain = "generation")]
    GenerationTimeout,
    /// Upstream request timed out.
    #[api(status = 504, domain = "upstream")]
    UpstreamTimeout,
}
