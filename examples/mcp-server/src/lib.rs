//! An MCP media server over Streamable HTTP whose tools fail in every way seeds 000 and 004
//! describe: input validation, authentication, a rate limit with a retry delay, an upstream
//! failure, a policy denial, an unknown tool. Tool execution errors reach the model as
//! results with `isError: true`; protocol errors as JSON-RPC error objects — each variant's
//! `mcp` channel decides, and the handlers just return `Result<_, ToolError>`.

use errwire::ApiError;
use rmcp::handler::server::router::tool::ToolRouter;
use rmcp::handler::server::tool::ToolCallContext;
use rmcp::handler::server::wrapper::Parameters;
use rmcp::model::{
    CallToolRequestParams, CallToolResponse, ListToolsResult, PaginatedRequestParams, ServerCapabilities,
    ServerConfig,
};
use rmcp::service::RequestContext;
use rmcp::transport::streamable_http_server::session::local::LocalSessionManager;
use rmcp::transport::streamable_http_server::{StreamableHttpServerConfig, StreamableHttpService};
use rmcp::{ErrorData, RoleServer, ServerHandler, schemars, tool, tool_router};

/// Everything a tool call can fail with.
#[derive(Debug, ApiError)]
#[api(domain = "media-mcp")]
pub enum ToolError {
    /// The media server's own codes (seed 000): validation, auth, rate limits, upstreams.
    #[api(transparent)]
    Media(wmstudio_mcp::McpServerError),
    /// A policy denied the call (seed 004): a protocol error, as the proxy sends it.
    #[api(
        status = 403,
        code = "tool_denied",
        mcp = "protocol",
        message = "Authorization denied: tool '{tool}' is not permitted for agent '{agent}'"
    )]
    ToolDenied {
        /// The tool.
        #[api(detail)]
        tool: String,
        /// The agent.
        #[api(detail)]
        agent: String,
    },
    /// The tool does not exist: a protocol error, -32602 as the MCP specification says.
    #[api(status = 404, code = "unknown_tool", mcp = "protocol", jsonrpc = -32602, message = "Unknown tool '{name}'.")]
    UnknownTool {
        /// The name asked for.
        #[api(detail)]
        name: String,
    },
}

impl From<wmstudio_mcp::McpServerError> for ToolError {
    fn from(error: wmstudio_mcp::McpServerError) -> Self {
        Self::Media(error)
    }
}

/// `generate_image`'s arguments.
#[derive(Debug, serde::Deserialize, schemars::JsonSchema)]
pub struct GenerateImage {
    /// What to draw.
    pub prompt: Option<String>,
    /// The model id.
    pub model: Option<String>,
}

/// `account_credits`'s arguments.
#[derive(Debug, serde::Deserialize, schemars::JsonSchema)]
pub struct AccountCredits {
    /// The bearer token.
    pub token: Option<String>,
}

/// `delete_file`'s arguments.
#[derive(Debug, serde::Deserialize, schemars::JsonSchema)]
pub struct DeleteFile {
    /// The agent calling.
    pub agent: String,
}

/// The server.
#[derive(Debug, Clone)]
pub struct MediaTools {
    tool_router: ToolRouter<Self>,
}

impl Default for MediaTools {
    fn default() -> Self {
        Self {
            tool_router: Self::tool_router(),
        }
    }
}

#[tool_router]
impl MediaTools {
    /// Validation errors are tool results: the model can fix its call.
    #[tool(description = "Generate an image from a prompt")]
    async fn generate_image(&self, Parameters(args): Parameters<GenerateImage>) -> Result<String, ToolError> {
        use wmstudio_mcp::McpServerError::{MissingRequired, UnsupportedModel};
        let prompt = args.prompt.ok_or(MissingRequired {
            param: "prompt".into(),
        })?;
        match args.model.as_deref() {
            None | Some("flux-1") => Ok(format!("image for '{prompt}'")),
            Some(_) => Err(UnsupportedModel.into()),
        }
    }

    /// Authentication failures.
    #[tool(description = "Show the account's credits")]
    async fn account_credits(
        &self,
        Parameters(args): Parameters<AccountCredits>,
    ) -> Result<String, ToolError> {
        match args.token.as_deref() {
            None => Err(wmstudio_mcp::McpServerError::MissingBearer.into()),
            Some("revoked") => Err(wmstudio_mcp::McpServerError::RevokedToken.into()),
            Some(_) => Ok("120 credits".into()),
        }
    }

    /// A rate limit with a retry delay.
    #[tool(description = "Render a video")]
    async fn render_video(&self) -> Result<String, ToolError> {
        Err(wmstudio_mcp::McpServerError::RateLimited(30).into())
    }

    /// An upstream provider failure.
    #[tool(description = "Upscale an image")]
    async fn upscale(&self) -> Result<String, ToolError> {
        Err(wmstudio_mcp::McpServerError::ProviderUnavailable {
            provider: "fal.ai".into(),
        }
        .into())
    }

    /// A policy denial.
    #[tool(description = "Delete a file")]
    async fn delete_file(&self, Parameters(args): Parameters<DeleteFile>) -> Result<String, ToolError> {
        Err(ToolError::ToolDenied {
            tool: "delete_file".into(),
            agent: args.agent,
        })
    }
}

impl ServerHandler for MediaTools {
    fn get_info(&self) -> ServerConfig {
        ServerConfig::new(ServerCapabilities::builder().enable_tools().build())
    }

    async fn list_tools(
        &self,
        _request: Option<PaginatedRequestParams>,
        _context: RequestContext<RoleServer>,
    ) -> Result<ListToolsResult, ErrorData> {
        Ok(ListToolsResult::with_all_items(self.tool_router.list_all()))
    }

    async fn call_tool(
        &self,
        request: CallToolRequestParams,
        context: RequestContext<RoleServer>,
    ) -> Result<CallToolResponse, ErrorData> {
        // An unknown tool is errwire's protocol error, not rmcp's generic one.
        if !self.tool_router.has_route(&request.name) {
            return Err(ToolError::UnknownTool {
                name: request.name.to_string(),
            }
            .into());
        }
        self.tool_router
            .call(ToolCallContext::new(self, request, context))
            .await
    }
}

/// The MCP endpoint, at `/mcp` of the returned router.
pub fn router() -> axum::Router {
    let service: StreamableHttpService<MediaTools, LocalSessionManager> = StreamableHttpService::new(
        || Ok(MediaTools::default()),
        Default::default(),
        StreamableHttpServerConfig::default(),
    );
    axum::Router::new().nest_service("/mcp", service)
}
