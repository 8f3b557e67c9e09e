//! Errors after the 200: SSE frames, WebSocket close frames and NDJSON records, read by
//! parsers and clients other people wrote — `eventsource-stream` (a conforming SSE parser),
//! `tokio-tungstenite` — over axum and actix-web servers, validated against the standards'
//! schemas, and decoded back by errwire's client.

use core::time::Duration;

use errwire::client::RemoteError;
use errwire::format::{Flat, JsonRpc, McpTool, Nested, OAuth, Problem, Simple};
use errwire::{ApiError, Context, Format};
use eventsource_stream::Eventsource as _;
use futures_util::{SinkExt as _, StreamExt as _};
use serde_json::Value;

use crate::common::{mcp_schema, validator};

#[derive(Debug, thiserror::Error, ApiError)]
#[api(docs = "https://docs.example.com/errors#{code}")]
enum FeedError {
    /// Too many subscribers: slow down.
    #[error("rate limited")]
    #[api(status = 429, retry_after = 3)]
    RateLimited,
    /// The feed failed.
    #[error("redis at 10.1.2.3 refused the subscription")]
    #[api(status = 503)]
    Down,
}

/// Every event of `text`, as `eventsource-stream` parses it: (event name, data, retry).
async fn parse_sse(text: &str) -> Vec<(String, String, Option<Duration>)> {
    let chunks = futures_util::stream::iter([Ok::<_, std::convert::Infallible>(text.as_bytes().to_vec())]);
    chunks
        .eventsource()
        .map(|event| {
            let event = event.unwrap();
            (event.event, event.data, event.retry)
        })
        .collect()
        .await
}

fn frame_of<F: Format>(error: &FeedError) -> String {
    errwire::sse::frame::<F>(error, &Context::new().request_id("req_1").instance("/feed"))
}

#[tokio::test]
async fn every_format_makes_a_frame_a_parser_reads_back_exactly() {
    fn check<F: Format>() -> (String, String) {
        let ctx = Context::new().request_id("req_1").instance("/feed");
        (
            frame_of::<F>(&FeedError::RateLimited),
            errwire::to_json::<F>(&FeedError::RateLimited, &ctx),
        )
    }
    let frames = [
        check::<Nested>(),
        check::<Flat>(),
        check::<Problem>(),
        check::<OAuth>(),
        check::<Simple>(),
        check::<JsonRpc>(),
        check::<McpTool>(),
    ];
    for (frame, expected) in frames {
        let events = parse_sse(&frame).await;
        assert_eq!(
            events,
            [("error".to_owned(), expected, Some(Duration::from_secs(3)))],
            "{frame}"
        );
        let remote = RemoteError::from_sse_frame(&frame).unwrap();
        assert_eq!(remote.code(), Some("rate_limited"), "{frame}");
        assert_eq!(remote.retry_after(), Some(Duration::from_secs(3)), "{frame}");
    }
    let with_id = errwire::sse::frame_with_id::<Nested>(&FeedError::Down, &Context::new(), "41");
    assert!(with_id.starts_with("event: error\nid: 41\ndata: "), "{with_id}");
}

#[test]
fn frames_hold_the_bodies_the_standards_describe() {
    let rfc9457: Value =
        serde_json::from_str(include_str!("../../standards/rfc9457-appendix-a.schema.json")).unwrap();
    let mcp = validator(&mcp_schema("2025-11-25", "CallToolResult"));
    let jsonrpc = validator(&mcp_schema("2025-11-25", "JSONRPCErrorResponse"));
    let problem = validator(&rfc9457);
    let ctx = Context::new().request_id("r").jsonrpc_id(3);
    for error in [FeedError::RateLimited, FeedError::Down] {
        for (frame, schema) in [
            (errwire::sse::frame::<Problem>(&error, &ctx), &problem),
            (errwire::sse::frame::<McpTool>(&error, &ctx), &mcp),
            (errwire::sse::frame::<JsonRpc>(&error, &ctx), &jsonrpc),
        ] {
            let data = frame.lines().find_map(|l| l.strip_prefix("data: ")).unwrap();
            let value: Value = serde_json::from_str(data).unwrap();
            let errors: Vec<String> = schema.iter_errors(&value).map(|e| e.to_string()).collect();
            assert!(errors.is_empty(), "{frame}\n{errors:#?}");
        }
        let record = errwire::ndjson::record::<Problem>(&error, &ctx);
        let record: Value = serde_json::from_str(&record).unwrap();
        assert!(problem.is_valid(&record["error"]), "{record}");
        assert_eq!(record["type"], "error");
    }
}

#[test]
fn close_frames_and_records_decode_back() {
    let (code, reason) = errwire::ws::close_frame(&FeedError::RateLimited);
    assert_eq!((code, reason.as_str()), (4029, "rate_limited"));
    let remote = RemoteError::from_close(code, &reason).unwrap();
    assert_eq!(remote.status().as_u16(), 429);
    assert_eq!(remote.code(), Some("rate_limited"));
    assert!(remote.retryable(), "429 is retryable by default");
    assert!(RemoteError::from_close(1000, "bye").is_none());
    assert_eq!(errwire::ws::close_frame(&FeedError::Down).0, 4503);

    let record = errwire::ndjson::record::<Nested>(&FeedError::Down, &Context::new());
    assert_eq!(record.matches('\n').count(), 1, "one line: {record}");
    let remote = RemoteError::from_record(record.trim_end()).unwrap();
    assert_eq!(remote.code(), Some("down"));
    assert!(RemoteError::from_record(r#"{"type":"widget","id":1}"#).is_err());
    assert!(RemoteError::from_record(r#"{"id":1}"#).is_err());
}

/// A reason is cut to 123 bytes, never inside a character.
#[test]
fn a_long_code_is_cut_at_a_character_boundary() {
    struct Long;
    impl core::fmt::Debug for Long {
        fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
            f.write_str("Long")
        }
    }
    static SPEC: errwire::ErrorSpec = errwire::ErrorSpec::new(
        // 62 two-byte characters and one more: 125 bytes; 123 ends inside the 62nd.
        "éééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééé_",
        errwire::http::StatusCode::CONFLICT,
        "Conflict.",
    );
    impl ApiError for Long {
        fn spec(&self) -> &'static errwire::ErrorSpec {
            &SPEC
        }
    }
    let (code, reason) = errwire::ws::close_frame(&Long);
    assert_eq!(code, 4009);
    assert!(reason.len() <= errwire::ws::MAX_REASON, "{}", reason.len());
    assert_eq!(reason, "é".repeat(61));
}

// --- over real servers -------------------------------------------------------------------

fn feed_items() -> impl futures_util::Stream<Item = Result<u32, FeedError>> {
    futures_util::stream::iter([Ok(1), Ok(2), Err(FeedError::RateLimited), Ok(3)])
}

/// The raw SSE body of a stream that fails after two events: both events, then the error
/// frame, then the end (the item after the error is never sent).
async fn assert_sse_body(body: &str, request_id: &str) {
    let events = parse_sse(body).await;
    assert_eq!(events.len(), 3, "{body}");
    assert_eq!(events[0].1, "1");
    assert_eq!(events[1].1, "2");
    let (name, data, retry) = &events[2];
    assert_eq!(name, "error");
    assert_eq!(*retry, Some(Duration::from_secs(3)));
    let remote = RemoteError::from_sse(name, data).unwrap();
    assert_eq!(remote.code(), Some("rate_limited"));
    assert_eq!(remote.request_id(), Some(request_id), "the request's id: {data}");
    let last = body.rsplit("\n\n").nth(1).unwrap();
    let remote = RemoteError::from_sse_frame(last).unwrap();
    assert_eq!(remote.retry_after(), Some(Duration::from_secs(3)), "{last}");
}

#[tokio::test]
async fn axum_sse_ends_with_the_error_frame() {
    use axum::response::sse::Event;

    async fn feed() -> impl axum::response::IntoResponse {
        errwire::axum::sse(feed_items().map(|item| item.map(|n| Event::default().data(n.to_string()))))
    }
    let app = axum::Router::new()
        .route("/feed", axum::routing::get(feed))
        .layer(errwire::tower::ErrwireLayer::<Nested>::new());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    let response = reqwest::Client::new()
        .get(format!("{base}/feed"))
        .header("x-request-id", "req-sse-axum")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["content-type"], "text/event-stream");
    // The body ends: the server closed the stream after the error frame.
    let body = tokio::time::timeout(Duration::from_secs(5), response.text())
        .await
        .expect("the stream ends after the error")
        .unwrap();
    assert_sse_body(&body, "req-sse-axum").await;
}

#[actix_web::test]
async fn actix_sse_ends_with_the_error_frame() {
    use actix_web::{App, test, web};

    let app = test::init_service(
        App::new()
            .wrap(errwire::actix::ErrwireMiddleware::<Nested>::new())
            .route(
                "/feed",
                web::get().to(|| async { errwire::actix::sse(feed_items()) }),
            ),
    )
    .await;
    let request = test::TestRequest::get()
        .uri("/feed")
        .insert_header(("x-request-id", "req-sse-actix"))
        .to_request();
    let response = test::call_service(&app, request).await;
    assert_eq!(response.status(), 200);
    assert_eq!(
        response.headers().get("content-type").unwrap(),
        "text/event-stream"
    );
    let body = test::read_body(response).await;
    assert_sse_body(std::str::from_utf8(&body).unwrap(), "req-sse-actix").await;
}

/// What a WebSocket client of a failing route receives: a text message, then errwire's last
/// message and close frame (`code` at 503), checked on the client side; `secret` is the
/// error's `Display` text, which neither may carry.
async fn assert_ws_failure(url: &str, code: &str, secret: &str) {
    use tokio_tungstenite::tungstenite::Message;

    let (mut socket, _) = tokio_tungstenite::connect_async(url).await.unwrap();
    socket.send(Message::text("subscribe")).await.unwrap();
    let mut texts = Vec::new();
    let close = loop {
        match socket.next().await.unwrap().unwrap() {
            Message::Text(text) => texts.push(text.to_string()),
            Message::Close(frame) => break frame.expect("a close frame with a code"),
            _ => {}
        }
    };
    assert_eq!(texts.len(), 2, "{texts:?}");
    assert_eq!(texts[0], "tick");
    let headers = errwire::http::HeaderMap::new();
    let last = RemoteError::decode(errwire::http::StatusCode::OK, &headers, texts[1].as_bytes()).unwrap();
    assert_eq!(last.code(), Some(code));
    assert_eq!(u16::from(close.code), 4503);
    let remote = RemoteError::from_close(close.code.into(), close.reason.as_str()).unwrap();
    assert_eq!(remote.code(), Some(code));
    assert_eq!(remote.status().as_u16(), 503);
    for text in [&texts[1], &close.reason.to_string()] {
        assert!(!text.contains(secret), "{text}");
    }
}

/// The axum example service's `/ws`.
#[tokio::test]
async fn axum_websocket_closes_with_the_errors_code() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, axum_service::app()).await.unwrap() });
    assert_ws_failure(&format!("ws://{addr}/ws"), "warming_up", "attempt 7").await;
}

/// The actix-web example service's `/ws` (actix-ws), on a real server.
#[test]
fn actix_websocket_closes_with_the_errors_code() {
    use actix_web::{App, HttpServer};

    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    let server = HttpServer::new(|| {
        App::new()
            .wrap(actix_service_example::middleware())
            .configure(actix_service_example::configure)
    })
    .workers(1)
    .listen(listener)
    .unwrap()
    .run();
    let handle = server.handle();
    let thread = std::thread::spawn(move || actix_web::rt::System::new().block_on(server));
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
        .block_on(assert_ws_failure(
            &format!("ws://{addr}/ws"),
            "unavailable",
            "10.0.0.5",
        ));
    actix_web::rt::System::new().block_on(handle.stop(true));
    thread.join().unwrap().unwrap();
}

// --- property ------------------------------------------------------------------------------

/// Any message, details and request id: a conforming SSE parser reads each format's frame
/// back as exactly one `error` event whose data is exactly the response's body.
#[test]
fn any_error_makes_one_event_with_exactly_its_body() {
    use futures_util::FutureExt as _;

    fn events_of(frame: &str) -> Vec<(String, String)> {
        let parsed = parse_sse(frame).now_or_never().expect("the input is all there");
        parsed.into_iter().map(|(event, data, _)| (event, data)).collect()
    }
    fn check<F: Format>(
        error: &crate::generators::Generated,
        ctx: &Context<'_>,
    ) -> Result<(), proptest::test_runner::TestCaseError> {
        let frame = errwire::sse::frame::<F>(error, ctx);
        let body = errwire::to_json::<F>(error, ctx);
        proptest::prop_assert_eq!(events_of(&frame), vec![("error".to_owned(), body)]);
        Ok(())
    }
    crate::generators::for_each_error(200, |error, request| {
        let ctx = request.context();
        check::<Nested>(error, &ctx)?;
        check::<Problem>(error, &ctx)?;
        check::<McpTool>(error, &ctx)?;
        check::<OAuth>(error, &ctx)
    });
}

// --- OpenAPI -------------------------------------------------------------------------------

/// The `200` of an SSE route, as utoipa and aide document it: `text/event-stream`, every
/// code's frame as sent as an example, the error event's data schema (validating each frame's
/// data), in a document `oas3` reads as OpenAPI 3.1.
#[test]
fn an_event_stream_route_documents_its_error_event() {
    use errwire::openapi::EventStream;
    use utoipa::openapi::path::{HttpMethod, OperationBuilder, PathItem};
    use utoipa::openapi::{InfoBuilder, OpenApiBuilder, PathsBuilder, ResponsesBuilder};

    let operation = OperationBuilder::new()
        .responses(
            ResponsesBuilder::new()
                .responses_from_into_responses::<EventStream<FeedError>>()
                .responses_from_into_responses::<FeedError>()
                .build(),
        )
        .build();
    let mut openapi = OpenApiBuilder::new()
        .info(InfoBuilder::new().title("feed").version("1.0.0").build())
        .paths(PathsBuilder::new().path("/feed", PathItem::new(HttpMethod::Get, operation)))
        .build();
    utoipa::Modify::modify(&errwire::openapi::ErrorSchemas, &mut openapi);
    let text = openapi.to_pretty_json().unwrap();
    oas3::from_json(&text).unwrap_or_else(|e| panic!("oas3 rejects the document: {e}\n{text}"));
    let doc: Value = serde_json::from_str(&text).unwrap();
    let stream = &doc["paths"]["/feed"]["get"]["responses"]["200"]["content"]["text/event-stream"];
    assert_event_stream(&doc, stream);
    // The error event's data and the 429 response share one schema component.
    let r429 = &doc["paths"]["/feed"]["get"]["responses"]["429"]["content"]["application/json"];
    assert_eq!(stream["x-errwire-error-event"]["data"], r429["schema"]);

    // aide documents the same 200.
    let mut operation = aide::openapi::Operation::default();
    let _ = aide::transform::TransformOperation::new(&mut operation)
        .with(errwire::openapi::aide::event_stream::<FeedError>);
    let aide_doc = serde_json::to_value(&operation).unwrap();
    let aide_stream = &aide_doc["responses"]["200"]["content"]["text/event-stream"];
    assert_event_stream(&aide_doc, aide_stream);
    assert_eq!(aide_stream["examples"], stream["examples"]);
}

fn assert_event_stream(doc: &Value, stream: &Value) {
    let event = &stream["x-errwire-error-event"];
    assert_eq!(event["event"], "error", "{stream}");
    let mut data = &event["data"];
    if let Some(reference) = data["$ref"].as_str() {
        let name = reference.rsplit('/').next().unwrap();
        data = &doc["components"]["schemas"][name];
    }
    let schema = validator(data);
    let examples = stream["examples"].as_object().unwrap();
    assert_eq!(examples.len(), FeedError::CATALOGUE.len());
    for (code, example) in examples {
        let frame = example["value"].as_str().unwrap();
        let remote = RemoteError::from_sse_frame(frame).unwrap();
        assert_eq!(remote.code(), Some(code.as_str()));
        let body: Value =
            serde_json::from_str(frame.lines().find_map(|l| l.strip_prefix("data: ")).unwrap()).unwrap();
        assert!(schema.is_valid(&body), "{body} against {data}");
    }
    assert!(
        examples["rate_limited"]["value"]
            .as_str()
            .unwrap()
            .contains("\nretry: 3000\n")
    );
}
