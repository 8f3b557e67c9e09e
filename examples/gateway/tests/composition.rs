//! The gateway's errors compose three crates' errors and a run-time plugin, and keep one
//! code per meaning across all of them.

use errwire::catalogue::check_unique;
use errwire::format::Nested;
use errwire::{ApiError, Context, to_json};
use gateway::{GatewayError, PluginError};

#[test]
fn the_catalogue_splices_every_service_in_and_has_no_duplicate() {
    let own = 2;
    let expected = own
        + studio_api::ContractError::CATALOGUE.len()
        + worldmonitor::WorldMonitorError::CATALOGUE.len()
        + wmstudio_mcp::McpServerError::CATALOGUE.len();
    assert_eq!(GatewayError::CATALOGUE.len(), expected);
    assert_eq!(check_unique(GatewayError::CATALOGUE), Ok(()));
    let codes: Vec<&str> = GatewayError::CATALOGUE.iter().map(|s| s.code()).collect();
    assert_eq!(&codes[..3], ["route_not_found", "gateway_timeout", "BAD_REQUEST"]);
    assert!(codes.contains(&"brief_not_found") && codes.contains(&"provider_unavailable"));
}

#[test]
fn errors_from_other_crates_pass_through_unchanged() {
    let studio: GatewayError = studio_api::ContractError::GenerationNotReady.into();
    assert_eq!(studio.code(), "GENERATION_NOT_READY");
    assert_eq!(studio.status().as_u16(), 425);
    assert!(studio.retryable());
    assert_eq!(studio.domain(), Some("generation"));
    let media: GatewayError = wmstudio_mcp::McpServerError::ProviderUnavailable {
        provider: "fal.ai".into(),
    }
    .into();
    assert_eq!(
        to_json::<Nested>(&media, &Context::new().request_id("req_1")),
        r#"{"error":{"code":"provider_unavailable","message":"Upstream model provider is temporarily down (fal.ai, OpenAI, etc.).","request_id":"req_1","details":{"provider":"fal.ai"}}}"#
    );
    assert_eq!(media.retry_after(), Some(std::time::Duration::from_secs(30)));
}

#[test]
fn a_plugin_error_known_only_at_run_time_travels_as_a_box() {
    let plugin = GatewayError::Plugin(Box::new(PluginError::QuotaExceeded));
    assert_eq!(plugin.code(), "plugin_quota_exceeded");
    assert_eq!(plugin.status().as_u16(), 429);
    assert_eq!(plugin.domain(), Some("plugins"));
    assert!(
        !GatewayError::CATALOGUE
            .iter()
            .any(|s| s.code() == "plugin_quota_exceeded")
    );
}

/// Codes that differ only in case are found too. The gateway passes three services' codes
/// through unchanged, and they spell some ideas in different cases: the studio API's codes
/// are SCREAMING_SNAKE_CASE (its contract), the others snake_case. Each is its own service's
/// contract and keeps its domain, so the gateway accepts these four — and only these: a new
/// case-only clash fails here. (`assert_unique_codes!(ignore_case; …)` would refuse them at
/// compile time; the gateway's const check stays exact for that reason.)
#[test]
fn case_only_clashes_are_known_and_no_more() {
    use errwire::catalogue::{CodeMatch, check_unique_by};
    let clashes = check_unique_by(GatewayError::CATALOGUE, CodeMatch::IgnoreAsciiCase).unwrap_err();
    let found: Vec<(&str, Vec<&str>)> = clashes
        .0
        .iter()
        .map(|d| (d.code, d.declared_by.iter().map(String::as_str).collect()))
        .collect();
    assert_eq!(
        found,
        [
            (
                "CONFLICT",
                vec![
                    "studio_api::errors::ContractError::Conflict",
                    "worldmonitor::errors::WorldMonitorError::Conflict (conflict)"
                ]
            ),
            (
                "INTERNAL_ERROR",
                vec![
                    "studio_api::errors::ContractError::InternalError",
                    "worldmonitor::errors::WorldMonitorError::InternalError (internal_error)"
                ]
            ),
            (
                "RATE_LIMITED",
                vec![
                    "studio_api::errors::ContractError::RateLimited",
                    "wmstudio_mcp::errors::McpServerError::RateLimited (rate_limited)"
                ]
            ),
            (
                "UPSTREAM_TIMEOUT",
                vec![
                    "studio_api::errors::ContractError::UpstreamTimeout",
                    "worldmonitor::errors::WorldMonitorError::UpstreamTimeout (upstream_timeout)"
                ]
            ),
        ]
    );
}
