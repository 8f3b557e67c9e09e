//! The gateway's errors compose three crates' errors and a run-time plugin, and keep one
//! code per meaning across all of them.

use errwire::catalogue::check_unique;
use errwire::format::Nested;
use errwire::{to_json, ApiError, Context};
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
    assert!(!GatewayError::CATALOGUE
        .iter()
        .any(|s| s.code() == "plugin_quota_exceeded"));
}
