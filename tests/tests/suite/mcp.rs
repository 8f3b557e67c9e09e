//! MCP end to end: the example server (rmcp, Streamable HTTP) on 127.0.0.1 port 0, called
//! with rmcp's client. Each tool failure arrives on its channel — a tool result with
//! `isError: true`, or a JSON-RPC protocol error — with the right code, message and
//! structured content, and every tool result validates against the MCP `CallToolResult`
//! schema of the protocol version the client negotiated.

use rmcp::model::{
    CallToolRequestParams, CallToolResult, ClientCapabilities, ClientConfig, Implementation, ProtocolVersion,
};
use rmcp::service::{RunningService, ServiceError};
use rmcp::transport::StreamableHttpClientTransport;
use rmcp::transport::streamable_http_client::StreamableHttpClientTransportConfig;
use rmcp::{RoleClient, ServiceExt};
use serde_json::{Value, json};

use crate::common;

async fn connect(version: ProtocolVersion) -> RunningService<RoleClient, ClientConfig> {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, mcp_server::router()).await.unwrap() });
    let transport = StreamableHttpClientTransport::from_config(
        StreamableHttpClientTransportConfig::with_uri(format!("http://{address}/mcp")),
    );
    ClientConfig::new(
        ClientCapabilities::default(),
        Implementation::new("errwire-tests", "0.1.0"),
    )
    .with_protocol_version(version)
    .serve(transport)
    .await
    .unwrap()
}

fn call(name: &'static str, arguments: Value) -> CallToolRequestParams {
    CallToolRequestParams::new(name).with_arguments(arguments.as_object().cloned().unwrap_or_default())
}

fn schema(version: &str) -> jsonschema::Validator {
    common::validator(&common::mcp_schema(version, "CallToolResult"))
}

/// A tool error: `isError`, the message as text, the facts as structured content.
fn assert_tool_error(
    result: &CallToolResult,
    message: &str,
    structured: Value,
    validator: &jsonschema::Validator,
) {
    assert_eq!(result.is_error, Some(true));
    let text: Vec<&str> = result
        .content
        .iter()
        .filter_map(|c| c.as_text().map(|t| t.text.as_str()))
        .collect();
    assert_eq!(text, [message]);
    assert_eq!(result.structured_content, Some(structured));
    let wire = serde_json::to_value(result).unwrap();
    let errors: Vec<String> = validator.iter_errors(&wire).map(|e| e.to_string()).collect();
    assert!(errors.is_empty(), "{wire}: {errors:?}");
}

async fn tool_errors_arrive_as_results(version: ProtocolVersion, schema_version: &str) {
    let client = connect(version).await;
    let validator = schema(schema_version);
    let cases = [
        (
            call("generate_image", json!({})),
            "Required parameter not supplied (e.g. `prompt` or `reference_image_url`).",
            json!({"code": "missing_required", "retryable": false, "details": {"param": "prompt"}}),
        ),
        (
            call("generate_image", json!({"prompt": "a fox", "model": "gpt-9"})),
            "Model id not enabled on this deployment.",
            json!({"code": "unsupported_model", "retryable": false}),
        ),
        (
            call("account_credits", json!({})),
            "Authorization header missing or malformed.",
            json!({"code": "missing_bearer", "retryable": false}),
        ),
        (
            call("render_video", json!({})),
            "Per-user or per-tool rate window exceeded.",
            json!({"code": "rate_limited", "retryable": true, "retry_after": 30}),
        ),
        (
            call("upscale", json!({})),
            "Upstream model provider is temporarily down (fal.ai, OpenAI, etc.).",
            json!({"code": "provider_unavailable", "retryable": true, "retry_after": 30, "details": {"provider": "fal.ai"}}),
        ),
    ];
    for (request, message, structured) in cases {
        let result = client
            .call_tool(request)
            .await
            .unwrap_or_else(|e| panic!("{message}: {e}"));
        assert_tool_error(&result, message, structured, &validator);
    }
    let ok = client
        .call_tool(call("generate_image", json!({"prompt": "a fox"})))
        .await
        .unwrap();
    assert_ne!(ok.is_error, Some(true));
    client.cancel().await.unwrap();
}

#[tokio::test]
async fn tool_errors_arrive_as_results_on_2025_06_18() {
    tool_errors_arrive_as_results(ProtocolVersion::V_2025_06_18, "2025-06-18").await;
}

#[tokio::test]
async fn tool_errors_arrive_as_results_on_2025_11_25() {
    tool_errors_arrive_as_results(ProtocolVersion::V_2025_11_25, "2025-11-25").await;
}

fn protocol_error(result: Result<CallToolResult, ServiceError>) -> rmcp::ErrorData {
    match result {
        Err(ServiceError::McpError(error)) => error,
        other => panic!("expected a protocol error, got {other:?}"),
    }
}

#[tokio::test]
async fn protocol_errors_arrive_as_json_rpc_errors() {
    let client = connect(ProtocolVersion::V_2025_11_25).await;
    let unknown = protocol_error(client.call_tool(call("teleport", json!({}))).await);
    assert_eq!(unknown.code.0, -32602);
    assert_eq!(unknown.message, "Unknown tool 'teleport'.");
    assert_eq!(
        unknown.data,
        Some(
            json!({"code": "unknown_tool", "status": 404, "retryable": false, "details": {"name": "teleport"}})
        )
    );
    let denied = protocol_error(
        client
            .call_tool(call("delete_file", json!({"agent": "my-first-agent"})))
            .await,
    );
    assert_eq!(denied.code.0, -32600);
    assert_eq!(
        denied.message,
        "Authorization denied: tool 'delete_file' is not permitted for agent 'my-first-agent'"
    );
    assert_eq!(
        denied.data,
        Some(json!({
            "code": "tool_denied",
            "status": 403,
            "retryable": false,
            "details": {"tool": "delete_file", "agent": "my-first-agent"}
        }))
    );
    client.cancel().await.unwrap();
}
