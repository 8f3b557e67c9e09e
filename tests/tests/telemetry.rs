//! The fleet's telemetry, read by tools other people wrote: `tracing-opentelemetry` with the
//! OpenTelemetry SDK's in-memory exporter behind axum, actix-web and tonic;
//! `opentelemetry-otlp` sending to an OTLP/HTTP receiver this test starts, decoded with
//! `opentelemetry-proto`; `sentry-core`'s test transport; and two services sharing a trace
//! through W3C `traceparent`.
//!
//! Its own test binary, because it turns errwire's process-wide source-chain switch off
//! (`errwire::log::log_source_chain(false)`) to check that, so set, no span attribute, span
//! event or tracker event carries a 5xx's `Display` text or a `sensitive` value. The suite
//! checks the switch's default (the chain in the logs and the `exception` event).

use std::sync::{Arc, Once};

use axum::Router;
use axum::routing::get;
use errwire::ApiError;
use errwire::format::Nested;
use errwire::tower::ErrwireLayer;
use opentelemetry::trace::{Status, TracerProvider as _};
use opentelemetry::{KeyValue, Value};
use opentelemetry_sdk::trace::{InMemorySpanExporter, SdkTracerProvider, SpanData};
use tracing_opentelemetry::OpenTelemetrySpanExt as _;
use tracing_subscriber::layer::SubscriberExt as _;

/// What a 5xx's `Display` says and a sensitive field holds: neither may reach telemetry.
const SECRET_DISPLAY: &str = "dial tcp 10.9.8.7:6379";
const SECRET_FIELD: &str = "tok_live_51Hxyz";

#[derive(Debug, thiserror::Error, ApiError)]
#[api(domain = "orders.example.com")]
enum OrderError {
    /// The order was already paid.
    #[error("order {0} already paid")]
    #[api(status = 409)]
    AlreadyPaid(u32),
    /// The order's state machine is corrupt: a bug, reported although it is a 409.
    #[error("state machine corrupt for {0}")]
    #[api(status = 409, report = "error")]
    Corrupt(u32),
    /// The payment backend failed.
    #[error("dial tcp 10.9.8.7:6379: connection refused (token {token})")]
    #[api(status = 502)]
    Backend {
        #[api(sensitive)]
        token: &'static str,
    },
}

async fn paid() -> Result<(), OrderError> {
    Err(OrderError::AlreadyPaid(7))
}

async fn corrupt() -> Result<(), OrderError> {
    Err(OrderError::Corrupt(7))
}

async fn backend() -> Result<(), OrderError> {
    Err(OrderError::Backend { token: SECRET_FIELD })
}

fn quiet_chain() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| errwire::log::log_source_chain(false));
}

/// A tracer provider exporting to memory, and a subscriber feeding it through
/// `tracing-opentelemetry`; the subscriber is this thread's default until the guard drops
/// (the tests run their servers on a one-thread runtime, on this thread).
fn otel() -> (
    InMemorySpanExporter,
    SdkTracerProvider,
    tracing::subscriber::DefaultGuard,
) {
    quiet_chain();
    let exporter = InMemorySpanExporter::default();
    let provider = SdkTracerProvider::builder()
        .with_simple_exporter(exporter.clone())
        .build();
    let subscriber = tracing_subscriber::registry()
        .with(tracing_subscriber::filter::LevelFilter::DEBUG)
        .with(tracing_opentelemetry::layer().with_tracer(provider.tracer("errwire-tests")));
    let guard = tracing::subscriber::set_default(subscriber);
    // tracing caches callsite interest globally: recompute it with this thread's subscriber.
    tracing::callsite::rebuild_interest_cache();
    (exporter, provider, guard)
}

fn attribute<'s>(span: &'s SpanData, key: &str) -> Option<&'s Value> {
    span.attributes
        .iter()
        .find(|kv| kv.key.as_str() == key)
        .map(|kv| &kv.value)
}

fn text(value: Option<&Value>) -> Option<String> {
    value.map(|v| v.as_str().into_owned())
}

/// The server span whose `key` attribute is `value` (the request's path or gRPC method).
fn span_where<'s>(spans: &'s [SpanData], key: &str, value: &str) -> &'s SpanData {
    spans
        .iter()
        .find(|s| text(attribute(s, key)).as_deref() == Some(value))
        .unwrap_or_else(|| panic!("no span with {key} = {value} in {spans:#?}"))
}

fn exceptions(span: &SpanData) -> Vec<&opentelemetry::trace::Event> {
    span.events
        .events
        .iter()
        .filter(|e| e.name == "exception")
        .collect()
}

/// What every exported span must say: (key, value) → error.type, span status, exception
/// events; and nothing secret anywhere.
fn assert_span(span: &SpanData, error_type: Option<&str>, failed: bool) {
    assert_eq!(
        text(attribute(span, "error.type")).as_deref(),
        error_type,
        "{span:#?}"
    );
    if failed {
        assert!(matches!(span.status, Status::Error { .. }), "{span:#?}");
        assert_eq!(exceptions(span).len(), 1, "one exception event: {span:#?}");
    } else {
        assert_eq!(span.status, Status::Unset, "{span:#?}");
        assert!(exceptions(span).is_empty(), "{span:#?}");
    }
    assert_eq!(span.span_kind, opentelemetry::trace::SpanKind::Server);
}

fn assert_nothing_secret(spans: &[SpanData]) {
    let values = spans.iter().flat_map(|s| {
        let events = s.events.events.iter().flat_map(|e| e.attributes.iter());
        s.attributes.iter().chain(events).map(KeyValue::to_owned)
    });
    for kv in values {
        let value = kv.value.as_str();
        for secret in [
            SECRET_DISPLAY,
            SECRET_FIELD,
            "already paid",
            "state machine",
            "widget store failed",
        ] {
            assert!(!value.contains(secret), "{secret} reached telemetry in {kv:?}");
        }
    }
}

fn orders_app() -> Router {
    Router::new()
        .route("/paid", get(paid))
        .route("/corrupt", get(corrupt))
        .route("/backend", get(backend))
        .route("/ok", get(|| async { "ok" }))
        .layer(ErrwireLayer::<Nested>::new().trace_context(true))
}

const PATHS: [&str; 4] = ["/paid", "/corrupt", "/backend", "/ok"];

/// The four requests' spans as OpenTelemetry exported them.
fn assert_orders(spans: &[SpanData], key: &str, value: impl Fn(&str) -> String) {
    let of = |path: &str| span_where(spans, key, &value(path));
    assert_span(of("/paid"), Some("already_paid"), false);
    assert_span(of("/corrupt"), Some("corrupt"), true);
    assert_span(of("/backend"), Some("backend"), true);
    assert_span(of("/ok"), None, false);
    let exception = exceptions(of("/backend"))[0];
    let exception_type = exception
        .attributes
        .iter()
        .find(|kv| kv.key.as_str() == "exception.type")
        .map(|kv| kv.value.as_str().into_owned());
    assert_eq!(exception_type.as_deref(), Some("telemetry::OrderError::Backend"));
    assert_nothing_secret(spans);
}

fn one_thread() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
}

async fn serve(app: Router) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    base
}

#[test]
fn axum_spans_export_the_error_type_status_and_exception() {
    let (exporter, _provider, _guard) = otel();
    one_thread().block_on(async {
        let base = serve(orders_app()).await;
        let client = reqwest::Client::new();
        for path in PATHS {
            client.get(format!("{base}{path}")).send().await.unwrap();
        }
    });
    let spans = exporter.get_finished_spans().unwrap();
    assert_orders(&spans, "path", str::to_owned);
}

#[test]
fn actix_spans_export_the_error_type_status_and_exception() {
    use actix_web::{App, test, web};

    let (exporter, _provider, _guard) = otel();
    actix_web::rt::System::new().block_on(async {
        let app = test::init_service(
            App::new()
                .wrap(errwire::actix::ErrwireMiddleware::<Nested>::new())
                .route("/paid", web::get().to(paid))
                .route("/corrupt", web::get().to(corrupt))
                .route("/backend", web::get().to(backend))
                .route("/ok", web::get().to(|| async { "ok" })),
        )
        .await;
        for path in PATHS {
            test::call_service(&app, test::TestRequest::get().uri(path).to_request()).await;
        }
    });
    let spans = exporter.get_finished_spans().unwrap();
    assert_orders(&spans, "path", str::to_owned);
}

#[test]
fn grpc_spans_export_the_handlers_error() {
    use grpc_service::{Widget, WidgetsClient};

    let (exporter, _provider, _guard) = otel();
    one_thread().block_on(async {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        tokio::spawn(grpc_service::serve(listener));
        let mut client = WidgetsClient::connect(addr).await.unwrap();
        let call = |id: u64, name: &str| {
            tonic::Request::new(Widget {
                id,
                name: name.into(),
                quantity: 1,
            })
        };
        client.call("GetWidget", call(1, "")).await.unwrap();
        client.call("GetWidget", call(9, "")).await.unwrap_err();
        client.call("CreateWidget", call(0, "gear")).await.unwrap_err();
        client.call("Break", call(0, "")).await.unwrap_err();
        client.call("/other.Service/Nope", call(0, "")).await.unwrap_err();
    });
    let spans = exporter.get_finished_spans().unwrap();
    let method = |m: &str| span_where(&spans, "method", &format!("/widgets.Widgets/{m}"));
    let get_ok = spans
        .iter()
        .find(|s| {
            text(attribute(s, "method")).as_deref() == Some("/widgets.Widgets/GetWidget")
                && attribute(s, "error.type").is_none()
        })
        .expect("the successful call's span");
    assert_span(get_ok, None, false);
    let not_found = spans
        .iter()
        .find(|s| text(attribute(s, "error.type")).as_deref() == Some("widget_not_found"))
        .expect("the handler's 404");
    assert_span(not_found, Some("widget_not_found"), false);
    assert_span(method("CreateWidget"), Some("name_taken"), false);
    assert_span(method("Break"), Some("internal_error"), true);
    assert_span(
        span_where(&spans, "method", "/other.Service/Nope"),
        Some("route_not_found"),
        false,
    );
    assert_nothing_secret(&spans);
}

/// `opentelemetry-otlp` sends what the SDK recorded to an OTLP/HTTP receiver on 127.0.0.1;
/// decoded with `opentelemetry-proto`, the same attributes arrive.
#[test]
fn the_attributes_arrive_over_otlp() {
    use opentelemetry_otlp::WithExportConfig as _;
    use opentelemetry_proto::tonic::collector::trace::v1::ExportTraceServiceRequest;
    use opentelemetry_sdk::trace::SpanExporter as _;
    use prost::Message as _;

    let (exporter, _provider, _guard) = otel();
    let rt = one_thread();
    rt.block_on(async {
        let base = serve(orders_app()).await;
        for path in PATHS {
            reqwest::get(format!("{base}{path}")).await.unwrap();
        }
    });
    let spans = exporter.get_finished_spans().unwrap();
    let received: Arc<std::sync::Mutex<Vec<Vec<u8>>>> = Arc::default();
    let inbox = received.clone();
    rt.block_on(async move {
        let receiver = Router::new().route(
            "/v1/traces",
            axum::routing::post(move |body: axum::body::Bytes| {
                let inbox = inbox.clone();
                async move { inbox.lock().unwrap().push(body.to_vec()) }
            }),
        );
        let base = serve(receiver).await;
        let otlp = opentelemetry_otlp::SpanExporter::builder()
            .with_http()
            .with_endpoint(format!("{base}/v1/traces"))
            .build()
            .unwrap();
        otlp.export(spans).await.unwrap();
    });
    let bodies = received.lock().unwrap();
    assert_eq!(bodies.len(), 1);
    let request = ExportTraceServiceRequest::decode(bodies[0].as_slice()).unwrap();
    let wire: Vec<_> = request
        .resource_spans
        .iter()
        .flat_map(|r| &r.scope_spans)
        .flat_map(|s| &s.spans)
        .collect();
    assert_eq!(wire.len(), PATHS.len());
    let string = |attrs: &[opentelemetry_proto::tonic::common::v1::KeyValue], key: &str| {
        use opentelemetry_proto::tonic::common::v1::any_value::Value as Any;
        attrs
            .iter()
            .find(|kv| kv.key == key)
            .and_then(|kv| kv.value.as_ref()?.value.as_ref())
            .and_then(|v| match v {
                Any::StringValue(s) => Some(s.clone()),
                _ => None,
            })
    };
    // status code 2 is ERROR, 0 UNSET (opentelemetry-proto's `status::StatusCode`).
    for (path, error_type, status, exceptions) in [
        ("/paid", Some("already_paid"), 0, 0),
        ("/corrupt", Some("corrupt"), 2, 1),
        ("/backend", Some("backend"), 2, 1),
        ("/ok", None, 0, 0),
    ] {
        let span = wire
            .iter()
            .find(|s| string(&s.attributes, "path").as_deref() == Some(path))
            .unwrap_or_else(|| panic!("{path} not on the wire"));
        assert_eq!(
            string(&span.attributes, "error.type").as_deref(),
            error_type,
            "{path}"
        );
        assert_eq!(span.status.as_ref().map_or(0, |s| s.code), status, "{path}");
        let events = span.events.iter().filter(|e| e.name == "exception");
        assert_eq!(events.count(), exceptions, "{path}");
        let exception = span.events.iter().find(|e| e.name == "exception");
        if let Some(exception) = exception {
            let kind = string(&exception.attributes, "exception.type");
            assert_eq!(
                kind.as_deref(),
                Some(if path == "/corrupt" {
                    "telemetry::OrderError::Corrupt"
                } else {
                    "telemetry::OrderError::Backend"
                })
            );
        }
    }
    let raw = String::from_utf8_lossy(&bodies[0]);
    assert!(
        !raw.contains(SECRET_DISPLAY) && !raw.contains(SECRET_FIELD),
        "{raw}"
    );
}

/// Sentry's test transport: a routine 409 captures nothing; a 502 one event with the
/// fingerprint `[domain, code]` and the tags; a 409 reported as `error` is captured too.
#[test]
fn sentry_captures_failures_grouped_by_code() {
    quiet_chain();
    let events = sentry_core::test::with_captured_events(|| {
        one_thread().block_on(async {
            let base = serve(orders_app()).await;
            let client = reqwest::Client::new();
            for (path, id) in [
                ("/paid", "req-s-1"),
                ("/backend", "req-s-2"),
                ("/corrupt", "req-s-3"),
                ("/ok", "req-s-4"),
            ] {
                let request = client.get(format!("{base}{path}")).header("x-request-id", id);
                request.send().await.unwrap().bytes().await.unwrap();
            }
        });
    });
    assert_eq!(events.len(), 2, "{events:#?}");
    let backend = &events[0];
    let fingerprint: Vec<&str> = backend.fingerprint.iter().map(AsRef::as_ref).collect();
    assert_eq!(fingerprint, ["orders.example.com", "backend"]);
    assert_eq!(backend.tags["code"], "backend");
    assert_eq!(backend.tags["status"], "502");
    assert_eq!(backend.tags["request_id"], "req-s-2");
    assert_eq!(backend.level, sentry_core::Level::Error);
    assert_eq!(
        backend.exception.values.last().unwrap().ty,
        "telemetry::OrderError::Backend"
    );
    let corrupt = &events[1];
    assert_eq!(corrupt.tags["code"], "corrupt");
    assert_eq!(corrupt.tags["status"], "409");
    let everything = format!("{events:?}");
    assert!(!everything.contains(SECRET_DISPLAY), "{everything}");
    assert!(!everything.contains(SECRET_FIELD), "{everything}");
}

/// Service B answers a 404 in its envelope, with the trace id of the `traceparent` it got.
#[derive(Debug, thiserror::Error, ApiError)]
enum InventoryError {
    /// The item is out of stock.
    #[error("sku {0} out of stock")]
    #[api(status = 409)]
    OutOfStock(u32),
}

/// Service A wraps B's answer.
#[derive(Debug, thiserror::Error, ApiError)]
enum CheckoutError {
    /// The inventory service refused the reservation.
    #[error("inventory answered")]
    #[api(status = 502)]
    Inventory(#[source] errwire::client::RemoteError),
}

/// A middleware as a user writes it with OpenTelemetry: the incoming `traceparent` becomes
/// the parent of the request's span (errwire's span is opened inside it).
async fn continue_trace(
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    use opentelemetry::propagation::TextMapPropagator as _;
    let headers: std::collections::HashMap<String, String> = request
        .headers()
        .iter()
        .filter_map(|(k, v)| Some((k.as_str().to_owned(), v.to_str().ok()?.to_owned())))
        .collect();
    let parent = opentelemetry_sdk::propagation::TraceContextPropagator::new().extract(&headers);
    let span = tracing::info_span!("incoming");
    let _ = span.set_parent(parent);
    tracing::Instrument::instrument(next.run(request), span).await
}

#[test]
fn a_downstream_code_is_the_cause_and_both_services_share_the_trace() {
    let (exporter, _provider, _guard) = otel();
    let mut seen_trace_id = "";
    let tracked = sentry_core::test::with_captured_events(|| {
        seen_trace_id = one_thread().block_on(checkout_calls_inventory());
    });
    let spans = exporter.get_finished_spans().unwrap();
    let checkout = span_where(&spans, "path", "/checkout");
    let inventory = span_where(&spans, "path", "/reserve");
    assert_eq!(
        text(attribute(checkout, "error.cause.type")).as_deref(),
        Some("out_of_stock")
    );
    assert_eq!(
        text(attribute(checkout, "error.type")).as_deref(),
        Some("inventory")
    );
    assert_eq!(
        text(attribute(inventory, "error.type")).as_deref(),
        Some("out_of_stock")
    );
    let trace_id = checkout.span_context.trace_id();
    assert_eq!(trace_id.to_string(), seen_trace_id);
    assert_eq!(
        inventory.span_context.trace_id(),
        trace_id,
        "one trace across both services"
    );
    assert_eq!(
        text(attribute(inventory, "trace_id")).as_deref(),
        Some(seen_trace_id)
    );
    // The tracker: B's 409 is expected (nothing captured); A's 502 names B's code as its cause.
    assert_eq!(tracked.len(), 1, "{tracked:#?}");
    assert_eq!(tracked[0].tags["code"], "inventory");
    assert_eq!(tracked[0].tags["error.cause.type"], "out_of_stock");
}

/// A calls B with `traceparent`; B answers a 409; A fails with a 502 wrapping B's answer.
/// Returns the trace id the client started, after checking A's body carries it.
async fn checkout_calls_inventory() -> &'static str {
    use errwire::client::reqwest::ResponseExt as _;
    use opentelemetry::propagation::TextMapPropagator as _;

    let inventory = Router::new()
        .route(
            "/reserve",
            get(|| async { Err::<(), _>(InventoryError::OutOfStock(42)) }),
        )
        .layer(ErrwireLayer::<Nested>::new().trace_context(true))
        .layer(axum::middleware::from_fn(continue_trace));
    let inventory = serve(inventory).await;
    let checkout = Router::new()
        .route(
            "/checkout",
            get(move || {
                let inventory = inventory.clone();
                async move {
                    // The outgoing call carries this span's context as `traceparent`.
                    let mut headers = std::collections::HashMap::new();
                    let cx = tracing::Span::current().context();
                    opentelemetry_sdk::propagation::TraceContextPropagator::new()
                        .inject_context(&cx, &mut headers);
                    let mut request = reqwest::Client::new().get(format!("{inventory}/reserve"));
                    for (name, value) in headers {
                        request = request.header(name, value);
                    }
                    let response = request.send().await.unwrap();
                    response
                        .error_for_api()
                        .await
                        .map_err(CheckoutError::Inventory)
                        .map(drop)
                }
            }),
        )
        .layer(ErrwireLayer::<Nested>::new().trace_context(true))
        .layer(axum::middleware::from_fn(continue_trace));
    let checkout = serve(checkout).await;
    // The client starts the trace.
    let trace = "4bf92f3577b34da6a3ce929d0e0e4736";
    let response = reqwest::Client::new()
        .get(format!("{checkout}/checkout"))
        .header("traceparent", format!("00-{trace}-00f067aa0ba902b7-01"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 502);
    let remote = errwire::client::RemoteError::decode(
        response.status(),
        &response.headers().clone(),
        &response.bytes().await.unwrap(),
    )
    .unwrap();
    assert_eq!(remote.code(), Some("inventory"));
    assert_eq!(remote.trace_id(), Some(trace), "A's body carries the trace id");
    trace
}
