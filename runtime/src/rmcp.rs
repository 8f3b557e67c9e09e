#![doc = include_str!("docs/mcp.md")]

use rmcp::model::{CallToolResult, ContentBlock, ErrorCode, ErrorData};

use crate::format::Facts;
use crate::wire::jsonrpc_code;
use crate::{context::Context, error::ApiError, spec::McpChannel};

/// The tool result for `error`: `isError: true`, the message as text, the facts as
/// `structuredContent`.
pub fn tool_result(error: &(impl ApiError + ?Sized), ctx: &Context<'_>) -> CallToolResult {
    let mut result = CallToolResult::error(vec![ContentBlock::text(ctx.message(error).to_string())]);
    result.structured_content = serde_json::to_value(Facts {
        error,
        ctx,
        with_status: false,
    })
    .ok();
    result
}

/// The JSON-RPC protocol error for `error`.
pub fn error_data(error: &(impl ApiError + ?Sized), ctx: &Context<'_>) -> ErrorData {
    let data = serde_json::to_value(Facts {
        error,
        ctx,
        with_status: true,
    })
    .ok();
    ErrorData::new(
        ErrorCode(jsonrpc_code(error.jsonrpc_code(), error.status())),
        ctx.message(error).to_string(),
        data,
    )
}

/// `error` on its channel: `Ok` with a tool result, or `Err` with a protocol error — what
/// rmcp's `IntoCallToolResult` returns.
///
/// # Errors
/// The protocol error, for variants with `mcp = "protocol"`.
pub fn into_call_tool_result(
    error: &(impl ApiError + ?Sized),
    ctx: &Context<'_>,
) -> Result<rmcp::model::CallToolResponse, ErrorData> {
    match error.mcp_channel() {
        McpChannel::Tool => Ok(tool_result(error, ctx).into()),
        McpChannel::Protocol => Err(error_data(error, ctx)),
    }
}
