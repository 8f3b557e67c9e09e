//! Feature `tracing`: a 5xx is logged at error level with its code, request id and whole
//! source chain; a 4xx at debug; the body carries none of the internals.

use std::io::Write;
use std::sync::{Arc, Mutex};

use axum::Router;
use axum::routing::get;
use errwire::ApiError;
use errwire::format::Nested;
use errwire::tower::ErrwireLayer;

#[derive(Debug, thiserror::Error)]
#[error("connect to 10.0.3.7:5432 failed")]
struct ConnectError(#[source] std::io::Error);

#[derive(Debug, thiserror::Error, ApiError)]
enum StoreError {
    /// Storage is unavailable.
    #[error("store unavailable")]
    #[api(status = 503)]
    Unavailable(#[source] ConnectError),
    /// Item not found.
    #[error("item {0} not in table items_v2")]
    #[api(status = 404)]
    Missing(u32),
}

async fn unavailable() -> Result<(), StoreError> {
    Err(StoreError::Unavailable(ConnectError(std::io::Error::other(
        "password authentication failed for user svc",
    ))))
}

async fn missing() -> Result<(), StoreError> {
    Err(StoreError::Missing(3))
}

#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Captured {
    /// What was logged so far.
    fn text(&self) -> String {
        String::from_utf8(self.0.lock().unwrap().clone()).unwrap()
    }

    /// A debug-level subscriber writing here, the default on this thread until the guard
    /// drops.
    fn install() -> (Self, tracing::subscriber::DefaultGuard) {
        Self::install_with(tracing_subscriber::fmt::format::FmtSpan::NONE)
    }

    /// The same, also printing the span events `spans` names (with the span's fields).
    fn install_with(
        spans: tracing_subscriber::fmt::format::FmtSpan,
    ) -> (Self, tracing::subscriber::DefaultGuard) {
        let captured = Self::default();
        let subscriber = tracing_subscriber::fmt()
            .with_writer(captured.clone())
            .with_max_level(tracing::Level::DEBUG)
            .with_ansi(false)
            .with_span_events(spans)
            .finish();
        let guard = tracing::subscriber::set_default(subscriber);
        // tracing caches callsite interest globally; recompute it now that this thread's
        // subscriber is registered (another test's first hit of a callsite can race it).
        tracing::callsite::rebuild_interest_cache();
        (captured, guard)
    }
}

impl<'a> tracing_subscriber::fmt::MakeWriter<'a> for Captured {
    type Writer = Self;
    fn make_writer(&'a self) -> Self {
        self.clone()
    }
}

#[tokio::test]
async fn server_errors_are_logged_with_the_chain_and_request_id_and_bodies_stay_clean() {
    // The test's runtime has one thread: the server task logs to this subscriber.
    let (captured, _guard) = Captured::install();

    let app = Router::new()
        .route("/unavailable", get(unavailable))
        .route("/missing", get(missing))
        .layer(ErrwireLayer::<Nested>::new());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    let client = reqwest::Client::new();

    let response = client
        .get(format!("{base}/unavailable"))
        .header("x-request-id", "req-trace-1")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 503);
    let body = response.text().await.unwrap();
    assert_eq!(
        body,
        r#"{"error":{"code":"unavailable","message":"Storage is unavailable.","request_id":"req-trace-1"}}"#
    );
    let missing = client
        .get(format!("{base}/missing"))
        .header("x-request-id", "req-trace-2")
        .send()
        .await
        .unwrap();
    let missing_body = missing.text().await.unwrap();

    let logs = captured.text();
    let error_line = logs
        .lines()
        .find(|l| l.contains("ERROR"))
        .unwrap_or_else(|| panic!("no error line in:\n{logs}"));
    assert!(
        error_line.contains("code=\"unavailable\"") || error_line.contains("code=unavailable"),
        "{error_line}"
    );
    assert!(error_line.contains("req-trace-1"), "{error_line}");
    assert!(error_line.contains("status=503"), "{error_line}");
    // The failure's line is OpenTelemetry's `exception` event: the type, and the whole
    // source chain as its message (the switch is on by default).
    assert!(
        error_line.contains("exception.type=suite::tracing_capture::StoreError::Unavailable"),
        "{error_line}"
    );
    assert!(
        error_line.contains(
            "exception.message=\"store unavailable: connect to 10.0.3.7:5432 failed: password authentication failed for user svc\""
        ),
        "the whole source chain: {error_line}"
    );
    let debug_line = logs
        .lines()
        .find(|l| l.contains("DEBUG") && l.contains("req-trace-2"))
        .unwrap_or_else(|| panic!("{logs}"));
    assert!(
        debug_line.contains("item 3 not in table items_v2"),
        "{debug_line}"
    );
    for internal in ["10.0.3.7", "password", "items_v2", "store unavailable"] {
        assert!(
            !body.contains(internal) && !missing_body.contains(internal),
            "{internal} leaked"
        );
    }
}

#[derive(Debug, thiserror::Error)]
#[error("no price for plan pro")]
struct PriceMissing;

#[derive(Debug, thiserror::Error, ApiError)]
enum BillingError {
    /// Pricing failed.
    #[error("pricing: {0}")]
    #[api(status = 500)]
    Pricing(#[source] PriceMissing),
}

#[test]
fn a_source_already_in_the_display_is_not_repeated() {
    // `pricing: {0}` prints its source; the chain must not say it twice.
    let chain = errwire::log::source_chain(&BillingError::Pricing(PriceMissing));
    assert_eq!(chain.as_deref(), Some("pricing: no price for plan pro"));
    let chain = errwire::log::source_chain(&StoreError::Unavailable(ConnectError(std::io::Error::other(
        "refused",
    ))));
    assert_eq!(
        chain.as_deref(),
        Some("store unavailable: connect to 10.0.3.7:5432 failed: refused")
    );
}

/// gRPC: the errwire layer's span and the conversion's log line carry the call's request id
/// and the whole source chain; the status carries neither.
#[tokio::test]
async fn grpc_errors_are_logged_with_the_chain_and_request_id() {
    let (captured, _guard) = Captured::install();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(grpc_service::serve(listener));
    let mut client = grpc_service::WidgetsClient::connect(addr).await.unwrap();
    let mut request = tonic::Request::new(grpc_service::Widget::default());
    request
        .metadata_mut()
        .insert("x-request-id", "req-grpc-1".parse().unwrap());
    let status = client.call("Break", request).await.unwrap_err();
    assert_eq!(status.message(), "Something went wrong on our side.");

    let logs = captured.text();
    let error_line = logs
        .lines()
        .find(|l| l.contains("ERROR") && l.contains("errwire"))
        .unwrap_or_else(|| panic!("no error line in:\n{logs}"));
    assert!(error_line.contains("req-grpc-1"), "{error_line}");
    assert!(
        error_line.contains("/widgets.Widgets/Break"),
        "the gRPC span: {error_line}"
    );
    assert!(
        error_line.contains("widget store failed: disk /var/lib/widgets is full (secret-7f3a)"),
        "the whole source chain: {error_line}"
    );
    assert!(!format!("{status:?}").contains("secret-7f3a"));
}

/// The request span's close line, for the request whose id is `id`.
fn span_close_line<'l>(logs: &'l str, id: &str) -> &'l str {
    logs.lines()
        .find(|l| l.contains("close") && l.contains(id))
        .unwrap_or_else(|| panic!("no span close for {id} in:\n{logs}"))
}

/// `key=value` as tracing's fmt writes a string field (quoted) or a display one (bare).
fn has_field(line: &str, key: &str, value: &str) -> bool {
    line.contains(&format!("{key}=\"{value}\""))
        || line.contains(&format!("{key}={value} "))
        || line.contains(&format!("{key}={value}}}"))
}

/// What the telemetry sees of each request, checked the same way for every transport: the
/// span's `error.type` and `otel.status_code`, and the `ErrorType` a metrics middleware
/// outside the layer reads.
fn assert_telemetry(logs: &str, seen: &[(String, Option<&'static str>)]) {
    let not_found = errwire::ApiError::code(&errwire::FrameworkError::RouteNotFound);
    let expected: [(&str, Option<&str>, Option<&str>); 5] = [
        // (request id, error.type, otel.status_code)
        ("req-otel-503", Some("unavailable"), Some("ERROR")),
        ("req-otel-502", Some("payments_failed"), Some("ERROR")),
        ("req-otel-404", Some("missing"), None),
        ("req-otel-route", Some(not_found), None),
        ("req-otel-ok", None, None),
    ];
    for (id, error_type, status) in expected {
        let line = span_close_line(logs, id);
        match error_type {
            Some(code) => assert!(has_field(line, "error.type", code), "{id}: {line}"),
            None => assert!(!line.contains("error.type"), "{id}: {line}"),
        }
        // Only the error that wraps the downstream answer names a cause.
        if id == "req-otel-502" {
            assert!(
                has_field(line, "error.cause.type", "card_declined"),
                "{id}: {line}"
            );
        } else {
            assert!(!line.contains("error.cause.type"), "{id}: {line}");
        }
        match status {
            Some(status) => assert!(has_field(line, "otel.status_code", status), "{id}: {line}"),
            // A 4xx leaves the server span's status unset.
            None => assert!(!line.contains("otel.status_code"), "{id}: {line}"),
        }
        let metric = seen
            .iter()
            .find(|(seen_id, _)| seen_id == id)
            .unwrap_or_else(|| panic!("the metrics middleware did not see {id}: {seen:?}"));
        assert_eq!(metric.1, error_type, "{id}: ErrorType in the response extensions");
    }
}

type Seen = Arc<Mutex<Vec<(String, Option<&'static str>)>>>;

#[derive(Debug, thiserror::Error, ApiError)]
enum GatewayError {
    /// The payment service refused the charge.
    #[error("payments answered: {0}")]
    #[api(status = 502)]
    PaymentsFailed(#[source] errwire::client::RemoteError),
}

/// A handler whose error wraps what the downstream payments service answered.
async fn upstream() -> Result<(), GatewayError> {
    let body = br#"{"error":{"code":"card_declined","message":"The card was declined."}}"#;
    let remote = errwire::client::RemoteError::decode(
        errwire::http::StatusCode::PAYMENT_REQUIRED,
        &errwire::http::HeaderMap::new(),
        body,
    )
    .unwrap();
    Err(GatewayError::PaymentsFailed(remote))
}

/// The requests of the telemetry tests: (path, request id).
const TELEMETRY_REQUESTS: [(&str, &str); 5] = [
    ("/unavailable", "req-otel-503"),
    ("/upstream", "req-otel-502"),
    ("/missing", "req-otel-404"),
    ("/nowhere", "req-otel-route"),
    ("/ok", "req-otel-ok"),
];

async fn drive_telemetry_requests(base: &str) {
    let client = reqwest::Client::new();
    for (path, id) in TELEMETRY_REQUESTS {
        let response = client
            .get(format!("{base}{path}"))
            .header("x-request-id", id)
            .send()
            .await
            .unwrap();
        assert_upstream_body_is_its_own(path, &response.bytes().await.unwrap());
    }
}

/// The body of the error that wraps a downstream answer says only what that error says.
fn assert_upstream_body_is_its_own(path: &str, body: &[u8]) {
    let body = String::from_utf8_lossy(body);
    if path == "/upstream" {
        assert!(body.contains("\"payments_failed\""), "{body}");
        for downstream in ["card_declined", "The card was declined", "payments answered"] {
            assert!(
                !body.contains(downstream),
                "{downstream} reached the body: {body}"
            );
        }
    }
}

/// axum: the span names the error for OpenTelemetry, and every errwire response carries
/// `ErrorType` for the metrics middleware outside the layer.
#[tokio::test]
async fn the_axum_request_span_and_response_name_the_error() {
    let (captured, _guard) = Captured::install_with(tracing_subscriber::fmt::format::FmtSpan::CLOSE);
    let seen: Seen = Arc::default();
    let metrics = seen.clone();
    let app = Router::new()
        .route("/unavailable", get(unavailable))
        .route("/missing", get(missing))
        .route("/upstream", get(upstream))
        .route("/ok", get(|| async { "ok" }))
        .layer(ErrwireLayer::<Nested>::new())
        .layer(axum::middleware::map_response(
            move |response: axum::response::Response| {
                let metrics = metrics.clone();
                async move {
                    let id = response.headers()["x-request-id"].to_str().unwrap().to_owned();
                    let error_type = response.extensions().get::<errwire::ErrorType>();
                    metrics
                        .lock()
                        .unwrap()
                        .push((id, error_type.map(errwire::ErrorType::code)));
                    response
                }
            },
        ));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    drive_telemetry_requests(&base).await;
    let logs = captured.text();
    assert_telemetry(&logs, &seen.lock().unwrap());
}

/// actix-web: the same, through the middleware and actix's own `ResponseError`. In-process
/// (`actix_web::test`), so the handlers run on this thread, where the subscriber is.
#[actix_web::test]
async fn the_actix_request_span_and_response_name_the_error() {
    use actix_web::{App, test, web};

    let (captured, _guard) = Captured::install_with(tracing_subscriber::fmt::format::FmtSpan::CLOSE);
    let seen: Seen = Arc::default();
    let metrics = seen.clone();
    // The last `wrap` is the outermost: the metrics middleware sees what errwire answered.
    let app = test::init_service(
        App::new()
            .wrap(errwire::actix::ErrwireMiddleware::<Nested>::new())
            .wrap_fn(move |request, service| {
                let metrics = metrics.clone();
                let response = actix_web::dev::Service::call(service, request);
                async move {
                    let response = response.await?;
                    let id = response
                        .headers()
                        .get("x-request-id")
                        .and_then(|v| v.to_str().ok())
                        .unwrap_or_default()
                        .to_owned();
                    let error_type = response
                        .response()
                        .extensions()
                        .get::<errwire::ErrorType>()
                        .map(errwire::ErrorType::code);
                    metrics.lock().unwrap().push((id, error_type));
                    Ok(response)
                }
            })
            .route("/unavailable", web::get().to(unavailable))
            .route("/missing", web::get().to(missing))
            .route("/upstream", web::get().to(upstream))
            .route("/ok", web::get().to(|| async { "ok" })),
    )
    .await;
    for (path, id) in TELEMETRY_REQUESTS {
        let request = test::TestRequest::get()
            .uri(path)
            .insert_header(("x-request-id", id))
            .to_request();
        let response = test::call_service(&app, request).await;
        assert_upstream_body_is_its_own(path, &test::read_body(response).await);
    }
    let logs = captured.text();
    assert_telemetry(&logs, &seen.lock().unwrap());
}

/// Logs when it is dropped.
struct LogsOnDrop;

impl Drop for LogsOnDrop {
    fn drop(&mut self) {
        tracing::info!("handler dropped");
    }
}

#[test]
fn a_cancelled_handler_is_dropped_inside_the_request_span() {
    use std::task::{Context, Waker};
    use tower::{Layer, Service};

    let (captured, _guard) = Captured::install();
    let handler = tower::service_fn(|_request: http::Request<()>| async {
        let _held = LogsOnDrop;
        std::future::pending::<Result<http::Response<Vec<u8>>, std::convert::Infallible>>().await
    });
    let mut service = ErrwireLayer::<Nested>::new().layer(handler);
    let request = http::Request::get("/cancelled")
        .header("x-request-id", "cancel-1")
        .body(())
        .unwrap();
    let mut answer = Box::pin(service.call(request));
    // Polled once, the handler holds its guard and waits; then the client goes away.
    assert!(
        answer
            .as_mut()
            .poll(&mut Context::from_waker(Waker::noop()))
            .is_pending()
    );
    drop(answer);

    let logs = captured.text();
    let Some(line) = logs.lines().find(|l| l.contains("handler dropped")) else {
        panic!("no drop line in:\n{logs}");
    };
    assert!(
        line.contains("request{") && line.contains("cancel-1"),
        "outside the request span: {line}"
    );
}
