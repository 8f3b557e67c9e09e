//! W3C trace context: a request's `traceparent` puts its trace id into the error body
//! (`trace_id`, where the format has room) when the settings turn it on, and a client reads
//! it back with `RemoteError::trace_id()`. Invalid headers and the default settings add
//! nothing.

use errwire::client::RemoteError;
use errwire::format::{Flat, JsonRpc, JsonRpcPlain, McpTool, Nested, OAuth, Problem, Simple};
use errwire::tower::ErrwireLayer;
use errwire::wire::TraceId;
use errwire::{ApiError, Context, Format, to_response};
use serde_json::{Value, json};

const TRACE: &str = "4bf92f3577b34da6a3ce929d0e0e4736";
const TRACEPARENT: &str = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

#[derive(Debug, thiserror::Error, ApiError)]
enum CartError {
    /// The cart is locked.
    #[error("cart locked")]
    #[api(status = 423)]
    Locked,
}

/// A format's render: its body and the trace id a client reads from it.
type Render = fn(Option<TraceId>) -> (Value, Option<String>);

/// The body's `trace_id` (wherever the format keeps errwire's facts), and what the decoder
/// reads back.
fn rendered<F: Format>(trace: Option<TraceId>) -> (Value, Option<String>) {
    let ctx = Context::new().request_id("req_1").trace_id(trace);
    let response = to_response::<F>(&CartError::Locked, &ctx);
    let body: Value = serde_json::from_slice(response.body()).unwrap();
    let remote = RemoteError::decode(response.status(), response.headers(), response.body()).unwrap();
    (body, remote.trace_id().map(str::to_owned))
}

#[test]
fn formats_with_room_carry_the_trace_id_and_clients_read_it() {
    let trace = TraceId::from_traceparent(TRACEPARENT);
    assert_eq!(trace.map(|t| t.to_string()).as_deref(), Some(TRACE));
    let cases: [(Render, &[&str]); 8] = [
        (rendered::<Nested>, &["error", "trace_id"]),
        (rendered::<Flat>, &["trace_id"]),
        (rendered::<Problem>, &["trace_id"]),
        (rendered::<JsonRpc>, &["error", "data", "trace_id"]),
        (rendered::<McpTool>, &["structuredContent", "trace_id"]),
        // No room: OAuth's members are fixed by RFC 6749; Simple and plain JSON-RPC carry
        // no facts object.
        (rendered::<OAuth>, &[]),
        (rendered::<Simple>, &[]),
        (rendered::<JsonRpcPlain>, &[]),
    ];
    for (render, path) in cases {
        let (body, read) = render(trace);
        let (without, read_without) = render(None);
        assert_eq!(read_without, None, "{without}");
        assert!(!without.to_string().contains("trace_id"), "{without}");
        if path.is_empty() {
            assert!(!body.to_string().contains(TRACE), "{body}");
            assert_eq!(read, None);
            continue;
        }
        let at = path.iter().fold(&body, |v, k| &v[*k]);
        assert_eq!(at, &json!(TRACE), "{body}");
        assert_eq!(read.as_deref(), Some(TRACE), "{body}");
    }
}

async fn locked() -> Result<(), CartError> {
    Err(CartError::Locked)
}

async fn body_for(layer: ErrwireLayer<Nested>, traceparent: Option<&str>) -> Value {
    let app = axum::Router::new()
        .route("/cart", axum::routing::get(locked))
        .layer(layer);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    let mut request = reqwest::Client::new().get(format!("{base}/cart"));
    if let Some(value) = traceparent {
        request = request.header("traceparent", value);
    }
    request.send().await.unwrap().json().await.unwrap()
}

#[tokio::test]
async fn the_layer_reads_traceparent_only_when_asked() {
    let on = || ErrwireLayer::<Nested>::new().trace_context(true);
    let body = body_for(on(), Some(TRACEPARENT)).await;
    assert_eq!(body["error"]["trace_id"], TRACE, "{body}");
    // The request id rules are unchanged: the layer still made one.
    assert!(body["error"]["request_id"].is_string(), "{body}");
    let off = body_for(ErrwireLayer::new(), Some(TRACEPARENT)).await;
    assert!(off["error"].get("trace_id").is_none(), "{off}");
    for invalid in [
        "00-00000000000000000000000000000000-00f067aa0ba902b7-01",
        "ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
        "00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01",
        "\"},\"injected\":1,\"x\":{\"",
    ] {
        let body = body_for(on(), Some(invalid)).await;
        assert!(body["error"].get("trace_id").is_none(), "{invalid}: {body}");
        assert!(!body.to_string().contains("injected"), "{body}");
    }
}

#[actix_web::test]
async fn the_actix_middleware_reads_traceparent() {
    use actix_web::{App, test, web};

    let app = test::init_service(
        App::new()
            .wrap(errwire::actix::ErrwireMiddleware::<Nested>::new().trace_context(true))
            .route("/cart", web::get().to(locked)),
    )
    .await;
    let request = test::TestRequest::get()
        .uri("/cart")
        .insert_header(("traceparent", TRACEPARENT))
        .to_request();
    let body: Value = test::call_and_read_body_json(&app, request).await;
    assert_eq!(body["error"]["trace_id"], TRACE, "{body}");
}
