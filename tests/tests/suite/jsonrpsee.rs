//! JSON-RPC end to end with jsonrpsee: a server on 127.0.0.1 port 0 whose methods return
//! derived errors, a jsonrpsee client that receives their codes (mapped and custom) and
//! `data` intact.

use errwire::ApiError;
use jsonrpsee::core::client::{ClientT, Error as ClientError};
use jsonrpsee::http_client::HttpClientBuilder;
use jsonrpsee::rpc_params;
use jsonrpsee::server::{RpcModule, Server};
use serde_json::{Value, json};

#[derive(Debug, ApiError)]
#[api(domain = "github")]
enum ProxyError {
    /// GitHub App installation not registered — re-provision required.
    #[api(status = 502, retry = false, jsonrpc = -32001)]
    GithubAppNotInstalled,
    #[api(
        status = 403,
        message = "Authorization denied: tool '{tool}' is not permitted for agent '{agent}'"
    )]
    ToolDenied {
        #[api(detail)]
        tool: String,
        #[api(detail)]
        agent: String,
    },
    /// Rate limit exceeded — too many requests per key.
    #[api(status = 429)]
    RateLimited(#[api(retry_after)] u64),
    /// A custom application code outside JSON-RPC's reserved range.
    #[api(status = 409, jsonrpc = 4090, code = "state_conflict")]
    Conflict,
}

async fn serve() -> (String, jsonrpsee::server::ServerHandle) {
    let server = Server::builder().build("127.0.0.1:0").await.unwrap();
    let address = server.local_addr().unwrap();
    let mut module = RpcModule::new(());
    module
        .register_method("install", |_, _, _| -> Result<String, ProxyError> {
            Err(ProxyError::GithubAppNotInstalled)
        })
        .unwrap();
    module
        .register_method("call_tool", |params, _, _| -> Result<String, ProxyError> {
            let (tool, agent): (String, String) = params.parse().map_err(|_| ProxyError::Conflict)?;
            Err(ProxyError::ToolDenied { tool, agent })
        })
        .unwrap();
    module
        .register_method("busy", |_, _, _| -> Result<String, ProxyError> {
            Err(ProxyError::RateLimited(15))
        })
        .unwrap();
    module
        .register_method("conflict", |_, _, _| -> Result<String, ProxyError> {
            Err(ProxyError::Conflict)
        })
        .unwrap();
    (format!("http://{address}"), server.start(module))
}

async fn error(
    client: &impl ClientT,
    method: &str,
    params: jsonrpsee::core::params::ArrayParams,
) -> (i32, String, Value) {
    match client.request::<String, _>(method, params).await {
        Err(ClientError::Call(object)) => {
            let data = object
                .data()
                .map(|raw| serde_json::from_str(raw.get()).unwrap())
                .unwrap_or(Value::Null);
            (object.code(), object.message().to_owned(), data)
        }
        other => panic!("expected a call error, got {other:?}"),
    }
}

#[tokio::test]
async fn custom_codes_and_data_arrive_intact() {
    let (url, handle) = serve().await;
    let client = HttpClientBuilder::default().build(url).unwrap();

    assert_eq!(
        error(&client, "install", rpc_params![]).await,
        (
            -32001,
            "GitHub App installation not registered — re-provision required.".into(),
            json!({"code": "github_app_not_installed", "status": 502, "retryable": false})
        )
    );
    assert_eq!(
        error(&client, "call_tool", rpc_params!["delete_file", "my-first-agent"]).await,
        (
            -32600,
            "Authorization denied: tool 'delete_file' is not permitted for agent 'my-first-agent'".into(),
            json!({
                "code": "tool_denied",
                "status": 403,
                "retryable": false,
                "details": {"tool": "delete_file", "agent": "my-first-agent"}
            })
        )
    );
    assert_eq!(
        error(&client, "busy", rpc_params![]).await,
        (
            -32000,
            "Rate limit exceeded — too many requests per key.".into(),
            json!({"code": "rate_limited", "status": 429, "retryable": true, "retry_after": 15})
        )
    );
    assert_eq!(
        error(&client, "conflict", rpc_params![]).await,
        (
            4090,
            "A custom application code outside JSON-RPC's reserved range.".into(),
            json!({"code": "state_conflict", "status": 409, "retryable": false})
        )
    );
    handle.stop().unwrap();
}

#[test]
fn errors_convert_into_error_objects_with_question_mark() {
    fn method() -> Result<(), jsonrpsee::types::ErrorObjectOwned> {
        Err(ProxyError::Conflict)?;
        Ok(())
    }
    let object = method().unwrap_err();
    assert_eq!(object.code(), 4090);
    assert_eq!(ProxyError::Conflict.jsonrpc_code(), 4090);
}
