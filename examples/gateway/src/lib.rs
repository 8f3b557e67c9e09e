//! A gateway in front of three services: their errors pass through unchanged, across crate
//! boundaries, next to the gateway's own; plugins add errors known only at run time.

use errwire::ApiError;

/// Everything a client of the gateway can receive.
#[derive(Debug, ApiError)]
#[api(domain = "gateway", format = Nested)]
pub enum GatewayError {
    /// No route matches the request.
    #[api(status = 404, code = "route_not_found")]
    RouteNotFound {
        /// The path asked for.
        #[api(detail)]
        path: String,
    },
    /// The upstream service did not answer in time.
    #[api(status = 504, code = "gateway_timeout", retry_after = 5)]
    Timeout,
    /// The studio API's errors, unchanged.
    #[api(transparent)]
    Studio(studio_api::ContractError),
    /// The world-monitor API's errors, unchanged.
    #[api(transparent)]
    WorldMonitor(worldmonitor::WorldMonitorError),
    /// The media MCP server's errors, unchanged.
    #[api(transparent)]
    Media(Box<wmstudio_mcp::McpServerError>),
    /// A plugin's error: any `ApiError`, known only at run time.
    #[api(transparent)]
    Plugin(Box<dyn ApiError + Send + Sync>),
}

// One code, one meaning, across all four crates — or the gateway does not compile.
errwire::assert_unique_codes!(
    GatewayError,
    studio_api::ContractError,
    worldmonitor::WorldMonitorError,
    wmstudio_mcp::McpServerError,
);

impl From<studio_api::ContractError> for GatewayError {
    fn from(error: studio_api::ContractError) -> Self {
        Self::Studio(error)
    }
}

impl From<worldmonitor::WorldMonitorError> for GatewayError {
    fn from(error: worldmonitor::WorldMonitorError) -> Self {
        Self::WorldMonitor(error)
    }
}

impl From<wmstudio_mcp::McpServerError> for GatewayError {
    fn from(error: wmstudio_mcp::McpServerError) -> Self {
        Self::Media(Box::new(error))
    }
}

/// One realistic value for the codes that carry fields, and one from each service.
#[must_use]
pub fn examples() -> Vec<GatewayError> {
    vec![
        GatewayError::RouteNotFound {
            path: "/v2/briefs".into(),
        },
        GatewayError::Timeout,
        studio_api::ContractError::GenerationNotReady.into(),
        worldmonitor::WorldMonitorError::BriefNotFound.into(),
        wmstudio_mcp::McpServerError::ProviderUnavailable {
            provider: "fal.ai".into(),
        }
        .into(),
        GatewayError::Plugin(Box::new(PluginError::QuotaExceeded)),
    ]
}

/// A plugin's own errors, registered at run time.
#[derive(Debug, ApiError)]
#[api(domain = "plugins")]
pub enum PluginError {
    /// The plugin's quota is exhausted.
    #[api(status = 429, code = "plugin_quota_exceeded")]
    QuotaExceeded,
}
