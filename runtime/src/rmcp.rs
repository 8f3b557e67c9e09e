//! MCP through rmcp (feature `rmcp`): the right channel for every error.
//!
//! MCP has two error channels. A tool execution error is a normal result with
//! `isError: true` — the model reads it and can correct itself (input validation errors
//! belong here too, since the 2025-11-25 revision). A protocol error (unknown tool, malformed
//! request) is a JSON-RPC error object. Each variant picks its channel with
//! `#[api(mcp = "protocol")]`; the default is the tool result.
//!
//! Every derived type implements rmcp's `IntoCallToolResult`, so a tool handler returns
//! `Result<T, MyError>` and rmcp sends the error on its channel; and `From<MyError> for
//! ErrorData`, for handlers that return rmcp's error type.
//!
//! The tool result: text content with the public message, `structuredContent` with `code`,
//! `retryable`, `retry_after` (seconds), `request_id` and `details` — the [`McpTool`]
//! format's. The protocol error: the JSON-RPC code from the mapping, the public message, and
//! `data` with the [`JsonRpc`] format's facts.
//!
//! [`McpTool`]: crate::format::McpTool
//! [`JsonRpc`]: crate::format::JsonRpc

use rmcp::model::{CallToolResult, ContentBlock, ErrorCode, ErrorData};

use crate::format::Facts;
use crate::wire::jsonrpc_code;
use crate::{ApiError, Context, McpChannel};

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
        ErrorCode(jsonrpc_code(error)),
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
