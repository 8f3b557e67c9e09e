//! axum over real HTTP: a server on 127.0.0.1 port 0, reqwest as the client. Derived errors
//! from handlers and every error axum or a tower-http layer makes come out in one envelope,
//! with the request id.

use std::time::Duration;

use axum::Router;
use axum::extract::{DefaultBodyLimit, Path};
use axum::http::StatusCode;
use axum::routing::{get, post};
use errwire::ApiError;
use errwire::format::Problem;
use errwire::tower::ErrwireLayer;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::timeout::TimeoutLayer;

#[derive(Debug, thiserror::Error, ApiError)]
#[api(domain = "accounts", format = Problem)]
enum AccountError {
    #[error("account {0} missing from shard 7")]
    #[api(status = 404, message = "Account {0} not found.")]
    NotFound(u32),
    #[error("database down")]
    #[api(status = 503, retry_after = 7)]
    Database(#[source] std::io::Error),
}

#[derive(Debug, serde::Deserialize)]
struct NewAccount {
    #[allow(dead_code)] // read by serde only
    name: String,
}

async fn account(Path(id): Path<u32>) -> Result<String, AccountError> {
    if id == 1 {
        Ok("account 1".into())
    } else {
        Err(AccountError::NotFound(id))
    }
}

async fn create(errwire::axum::Json(_): errwire::axum::Json<NewAccount>) -> &'static str {
    "created"
}

async fn database() -> Result<String, AccountError> {
    Err(AccountError::Database(std::io::Error::other(
        "password=hunter2 refused",
    )))
}

async fn boxed() -> Result<String, Box<dyn ApiError + Send + Sync>> {
    Err(Box::new(AccountError::NotFound(9)))
}

/// Another crate's errors, in their own format.
#[derive(Debug, ApiError)]
#[api(format = Nested)]
enum OtherError {
    /// Nothing here.
    #[api(status = 404)]
    Gone,
}

async fn nested() -> Result<String, OtherError> {
    Err(OtherError::Gone)
}

/// A handler answering a bare status, not an errwire error.
async fn plain_status(Path(status): Path<u16>) -> (StatusCode, &'static str) {
    (StatusCode::from_u16(status).unwrap(), "plain body")
}

async fn slow() -> &'static str {
    tokio::time::sleep(Duration::from_secs(5)).await;
    "late"
}

async fn boom() -> &'static str {
    panic!("secret panic detail")
}

/// Never answers, and never waits: each receive is ready at once and spends tokio's
/// per-task budget, so a timeout that polled its clock under that budget would never fire.
async fn busy() -> &'static str {
    let (sender, mut receiver) = tokio::sync::mpsc::unbounded_channel();
    loop {
        let _ = sender.send(());
        let _ = receiver.recv().await;
    }
}

fn app() -> Router {
    routes().layer(ErrwireLayer::<Problem>::new().negotiate_problem(true))
}

fn routes() -> Router {
    Router::new()
        .route("/accounts/{id}", get(account))
        .route("/accounts", post(create))
        .route("/database", get(database))
        .route("/boxed", get(boxed))
        .route("/nested", get(nested))
        .route("/plain/{status}", get(plain_status))
        .route("/slow", get(slow))
        .route("/boom", get(boom))
        .layer(DefaultBodyLimit::max(64))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            Duration::from_millis(100),
        ))
        .layer(CatchPanicLayer::new())
}

/// Serves the app on 127.0.0.1:0; the server stops with the test's runtime.
async fn serve() -> String {
    serve_app(app()).await
}

async fn serve_app(app: Router) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    format!("http://{address}")
}

struct Reply {
    status: u16,
    headers: reqwest::header::HeaderMap,
    body: String,
}

impl Reply {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).map(|v| v.to_str().unwrap())
    }
}

async fn send(request: reqwest::RequestBuilder) -> Reply {
    let response = request.send().await.unwrap();
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    let body = response.text().await.unwrap();
    Reply {
        status,
        headers,
        body,
    }
}

#[tokio::test]
async fn a_derived_error_from_a_handler_with_the_clients_request_id() {
    let base = serve().await;
    let client = reqwest::Client::new();
    let reply = send(
        client
            .get(format!("{base}/accounts/42"))
            .header("x-request-id", "req-client-1"),
    )
    .await;
    assert_eq!(reply.status, 404);
    assert_eq!(reply.header("content-type"), Some("application/problem+json"));
    assert_eq!(reply.header("x-request-id"), Some("req-client-1"));
    assert_eq!(
        reply.body,
        r#"{"type":"about:blank","title":"Not Found","status":404,"detail":"Account 42 not found.","instance":"/accounts/42","code":"not_found","request_id":"req-client-1"}"#
    );
    let ok = send(client.get(format!("{base}/accounts/1"))).await;
    assert_eq!((ok.status, ok.body.as_str()), (200, "account 1"));
    assert!(ok.header("x-request-id").is_some(), "ids on every response");
}

#[tokio::test]
async fn a_missing_or_unsafe_request_id_is_replaced_by_a_generated_one() {
    let base = serve().await;
    let client = reqwest::Client::new();
    for sent in [
        None,
        Some("has spaces"),
        Some("quote\"d"),
        Some(&*"x".repeat(300)),
    ] {
        let mut request = client.get(format!("{base}/database"));
        if let Some(id) = sent {
            request = request.header("x-request-id", id);
        }
        let reply = send(request).await;
        let id = reply.header("x-request-id").unwrap().to_string();
        assert_eq!(id.len(), 36, "a UUID: {id}");
        assert_ne!(Some(id.as_str()), sent);
        assert_eq!(reply.status, 503);
        assert_eq!(reply.header("retry-after"), Some("7"));
        assert_eq!(
            reply.body,
            format!(
                r#"{{"type":"about:blank","title":"Service Unavailable","status":503,"detail":"Service Unavailable","instance":"/database","code":"database","request_id":"{id}"}}"#
            )
        );
        assert!(!reply.body.contains("hunter2") && !reply.body.contains("database down"));
    }
}

/// A framework-made error: its status, code and exact body for request id `r`.
async fn framework_error(
    request: reqwest::RequestBuilder,
    status: u16,
    code: &str,
    title: &str,
    detail: &str,
    path: &str,
) -> Reply {
    let reply = send(request.header("x-request-id", "r")).await;
    assert_eq!(reply.status, status, "{code}: {}", reply.body);
    assert_eq!(
        reply.header("content-type"),
        Some("application/problem+json"),
        "{code}"
    );
    assert_eq!(reply.header("x-request-id"), Some("r"));
    assert_eq!(
        reply.body,
        format!(
            r#"{{"type":"about:blank","title":"{title}","status":{status},"detail":"{detail}","instance":"{path}","code":"{code}","request_id":"r"}}"#
        )
    );
    reply
}

#[tokio::test]
async fn axum_and_tower_http_errors_come_out_in_the_same_envelope() {
    let base = serve().await;
    let client = reqwest::Client::new();
    let url = |path: &str| format!("{base}{path}");
    framework_error(
        client.get(url("/nowhere")),
        404,
        "route_not_found",
        "Not Found",
        "No route matches the request.",
        "/nowhere",
    )
    .await;
    let reply = framework_error(
        client.delete(url("/accounts/1")),
        405,
        "method_not_allowed",
        "Method Not Allowed",
        "The route does not allow this method.",
        "/accounts/1",
    )
    .await;
    assert_eq!(
        reply.header("allow"),
        Some("GET,HEAD"),
        "the framework's Allow header is kept"
    );
    let json = |body: &'static str| {
        client
            .post(url("/accounts"))
            .header("content-type", "application/json")
            .body(body)
    };
    framework_error(
        json(r#"{"name":"#),
        400,
        "malformed_json",
        "Bad Request",
        "The request body is not valid JSON.",
        "/accounts",
    )
    .await;
    // The wrong shape names the field that failed (RFC 9457 `errors` with a JSON Pointer).
    let reply = send(json(r#"{"nom":"x"}"#).header("x-request-id", "r")).await;
    assert_eq!(reply.status, 422);
    assert_eq!(
        reply.body,
        r##"{"type":"about:blank","title":"Unprocessable Entity","status":422,"detail":"The request body does not match the expected shape.","instance":"/accounts","code":"invalid_body","request_id":"r","errors":[{"detail":"This field is required.","pointer":"#/name","code":"missing_field"}]}"##
    );
    framework_error(
        client
            .post(url("/accounts"))
            .header("content-type", "text/plain")
            .body("name"),
        415,
        "unsupported_media_type",
        "Unsupported Media Type",
        "The request's content type is not supported.",
        "/accounts",
    )
    .await;
    let large = format!(r#"{{"name":"{}"}}"#, "x".repeat(500));
    framework_error(
        client
            .post(url("/accounts"))
            .header("content-type", "application/json")
            .body(large),
        413,
        "payload_too_large",
        "Payload Too Large",
        "The request body is too large.",
        "/accounts",
    )
    .await;
    framework_error(
        client.get(url("/slow")),
        408,
        "request_timeout",
        "Request Timeout",
        "The server did not finish in time.",
        "/slow",
    )
    .await;
    let reply = framework_error(
        client.get(url("/boom")),
        500,
        "internal_error",
        "Internal Server Error",
        "The server failed unexpectedly.",
        "/boom",
    )
    .await;
    assert!(!reply.body.contains("secret panic detail"));
}

#[tokio::test]
async fn behind_the_layer_every_error_is_in_the_services_envelope() {
    let base = serve().await;
    let client = reqwest::Client::new();
    // A boxed error (Nested on its own) and a type whose own format is Nested.
    for path in ["/boxed", "/nested"] {
        let reply = send(client.get(format!("{base}{path}")).header("x-request-id", "b1")).await;
        assert_eq!(reply.status, 404, "{path}");
        assert_eq!(
            reply.header("content-type"),
            Some("application/problem+json"),
            "{path}"
        );
        assert!(
            reply
                .body
                .starts_with(r#"{"type":"about:blank","title":"Not Found","status":404,"#),
            "{}",
            reply.body
        );
    }
    // Without a layer, a type renders in its own format.
    let response = axum::response::IntoResponse::into_response(OtherError::Gone);
    assert_eq!(response.headers()["content-type"], "application/json");
    let boxed: Box<dyn ApiError + Send + Sync> = Box::new(OtherError::Gone);
    let response = axum::response::IntoResponse::into_response(boxed);
    let body = axum::body::to_bytes(response.into_body(), 1024).await.unwrap();
    assert_eq!(
        &body[..],
        br#"{"error":{"code":"gone","message":"Nothing here."}}"#
    );
}

#[tokio::test]
async fn problem_json_is_negotiated_for_clients_that_ask() {
    // A service speaking Nested, which negotiates problem+json.
    let base =
        serve_app(routes().layer(ErrwireLayer::<errwire::format::Nested>::new().negotiate_problem(true)))
            .await;
    let client = reqwest::Client::new();
    let asks = send(
        client
            .get(format!("{base}/nested"))
            .header("accept", "application/problem+json, application/json;q=0.5"),
    )
    .await;
    assert_eq!(asks.header("content-type"), Some("application/problem+json"));
    assert!(
        asks.body
            .starts_with(r#"{"type":"about:blank","title":"Not Found","status":404"#),
        "{}",
        asks.body
    );
    let framework = send(
        client
            .get(format!("{base}/nowhere"))
            .header("accept", "application/problem+json"),
    )
    .await;
    assert_eq!(framework.header("content-type"), Some("application/problem+json"));
    let refuses = send(
        client
            .get(format!("{base}/nested"))
            .header("accept", "application/problem+json;q=0"),
    )
    .await;
    assert_eq!(refuses.header("content-type"), Some("application/json"));
    assert!(
        refuses.body.starts_with(r#"{"error":{"code":"gone""#),
        "{}",
        refuses.body
    );
    let plain = send(client.get(format!("{base}/nested"))).await;
    assert_eq!(plain.header("content-type"), Some("application/json"));
}

#[tokio::test]
async fn the_layer_can_time_out_and_catch_panics_itself() {
    let app = Router::new()
        .route("/slow", get(slow))
        .route("/busy", get(busy))
        .route("/boom", get(boom))
        .layer(
            ErrwireLayer::<errwire::format::Nested>::new()
                .timeout(Duration::from_millis(100))
                .catch_panics(),
        );
    let base = serve_app(app).await;
    let client = reqwest::Client::new();
    for (path, status, code, message) in [
        (
            "/slow",
            408,
            "request_timeout",
            "The server did not finish in time.",
        ),
        (
            "/busy",
            408,
            "request_timeout",
            "The server did not finish in time.",
        ),
        ("/boom", 500, "internal_error", "The server failed unexpectedly."),
    ] {
        // A layer whose timeout never fires would leave the client waiting: fail instead.
        let request = client.get(format!("{base}{path}")).header("x-request-id", "t");
        let reply = send(request.timeout(Duration::from_secs(10))).await;
        assert_eq!(reply.status, status);
        assert_eq!(
            reply.body,
            format!(r#"{{"error":{{"code":"{code}","message":"{message}","request_id":"t"}}}}"#)
        );
    }
}

#[tokio::test]
async fn the_layer_never_changes_the_status_a_handler_chose() {
    let base = serve().await;
    let client = reqwest::Client::new();
    for (status, code, title, detail) in [
        (
            409,
            "conflict",
            "Conflict",
            "The request conflicts with the current state.",
        ),
        (410, "gone", "Gone", "The resource is gone."),
        (
            501,
            "not_implemented",
            "Not Implemented",
            "The server does not support this.",
        ),
        (502, "bad_gateway", "Bad Gateway", "An upstream service failed."),
    ] {
        let path = format!("/plain/{status}");
        framework_error(
            client.get(format!("{base}{path}")),
            status,
            code,
            title,
            detail,
            &path,
        )
        .await;
    }
    // A status without a code of its own is left exactly as the handler made it.
    let reply = send(
        client
            .get(format!("{base}/plain/418"))
            .header("x-request-id", "r"),
    )
    .await;
    assert_eq!(reply.status, 418);
    assert_eq!(reply.body, "plain body");
    assert_eq!(reply.header("x-request-id"), Some("r"));
}
