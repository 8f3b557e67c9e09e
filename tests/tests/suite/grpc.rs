//! gRPC through tonic: the example service (`examples/grpc-service`) served on 127.0.0.1 by
//! tonic's server, called by tonic's client, its errors read back with
//! `tonic_types::StatusExt` and `RemoteError::from_grpc`; the status mapping checked against
//! the table `google.rpc.Code` documents; a property test through tonic's own header encoding.

use crate::generators;

use std::collections::HashMap;
use std::net::SocketAddr;
use std::time::{Duration, Instant};

use errwire::client::{RemoteError, RemoteFormat};
use errwire::http::StatusCode;
use errwire::{ApiError, GrpcCode, Violation};
use grpc_service::{Widget, WidgetError, WidgetsClient};
use proptest::prelude::*;
use tonic::{Code, Request, Status};
use tonic_types::{ErrorDetails, StatusExt};

/// Starts the example's server on a free port; it stops with the test's runtime.
async fn start() -> (SocketAddr, WidgetsClient) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(grpc_service::serve(listener));
    (addr, WidgetsClient::connect(addr).await.unwrap())
}

fn request(widget: Widget, request_id: Option<&str>) -> Request<Widget> {
    let mut request = Request::new(widget);
    if let Some(id) = request_id {
        request.metadata_mut().insert("x-request-id", id.parse().unwrap());
    }
    request
}

async fn call(client: &mut WidgetsClient, method: &str, widget: Widget, id: Option<&str>) -> Status {
    client.call(method, request(widget, id)).await.unwrap_err()
}

fn by_id(id: u64) -> Widget {
    Widget {
        id,
        ..Widget::default()
    }
}

fn named(name: &str, quantity: i64) -> Widget {
    Widget {
        name: name.into(),
        quantity,
        ..Widget::default()
    }
}

/// What a Go or Java client reads: every detail message, decoded by tonic-types.
fn details(status: &Status) -> ErrorDetails {
    status.check_error_details().expect("the details decode")
}

fn metadata(pairs: &[(&str, &str)]) -> HashMap<String, String> {
    pairs
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect()
}

#[tokio::test]
async fn a_derived_error_carries_the_rich_error_model() {
    let (_, mut client) = start().await;
    let status = call(&mut client, "GetWidget", by_id(7), Some("req-7")).await;
    assert_eq!(status.code(), Code::NotFound);
    assert_eq!(status.message(), "Widget 7 does not exist.");
    let details = details(&status);
    let info = details.error_info().unwrap();
    assert_eq!(info.reason, "widget_not_found");
    assert_eq!(info.domain, "widgets.example.com");
    assert_eq!(info.metadata, metadata(&[("id", "7")]));
    let help = details.help().unwrap();
    assert_eq!(help.links.len(), 1);
    assert_eq!(
        help.links[0].url,
        "https://docs.example.com/errors#widget_not_found"
    );
    assert_eq!(help.links[0].description, "Not Found");
    assert_eq!(details.request_info().unwrap().request_id, "req-7");
    assert!(details.retry_info().is_none());
    assert!(details.bad_request().is_none());
    assert_eq!(status.metadata().get("x-request-id").unwrap(), "req-7");

    let remote = RemoteError::from_grpc(&status);
    assert_eq!(remote.format(), RemoteFormat::Grpc);
    assert_eq!(remote.grpc_code(), Some(GrpcCode::NotFound));
    assert_eq!(remote.code(), Some("widget_not_found"));
    assert_eq!(remote.status(), StatusCode::NOT_FOUND);
    assert_eq!(remote.http_status(), StatusCode::OK);
    assert_eq!(remote.message(), Some("Widget 7 does not exist."));
    assert_eq!(
        remote.docs_url(),
        Some("https://docs.example.com/errors#widget_not_found")
    );
    assert_eq!(remote.request_id(), Some("req-7"));
    assert_eq!(remote.details().get("id"), Some(&serde_json::json!("7")));
    assert!(!remote.retryable());
    assert_eq!(
        remote.spec_in::<WidgetError>().unwrap().code(),
        "widget_not_found"
    );
}

#[tokio::test]
async fn the_grpc_attribute_overrides_the_status_mapping() {
    let (_, mut client) = start().await;
    let status = call(&mut client, "CreateWidget", named("gear", 3), None).await;
    // 409 alone would be ABORTED; the variant says ALREADY_EXISTS.
    assert_eq!(status.code(), Code::AlreadyExists);
    assert_eq!(status.message(), "The name 'gear' is already in use.");
    assert_eq!(details(&status).error_info().unwrap().reason, "name_taken");
}

#[tokio::test]
async fn violations_are_a_bad_request() {
    let (_, mut client) = start().await;
    let status = call(&mut client, "CreateWidget", named(" ", 0), None).await;
    assert_eq!(status.code(), Code::InvalidArgument);
    let bad = details(&status).bad_request().unwrap().clone();
    let read: Vec<_> = bad
        .field_violations
        .iter()
        .map(|v| (v.field.as_str(), v.reason.as_str(), v.description.as_str()))
        .collect();
    assert_eq!(
        read,
        [
            ("name", "required", "A widget needs a name."),
            ("quantity", "out_of_range", "Order 1 to 100 widgets."),
        ]
    );
    assert_eq!(
        RemoteError::from_grpc(&status).violations(),
        [
            Violation::new("name", "required", "A widget needs a name."),
            Violation::new("quantity", "out_of_range", "Order 1 to 100 widgets."),
        ]
    );
}

#[tokio::test]
async fn a_retry_delay_is_retry_info() {
    let (_, mut client) = start().await;
    let status = call(&mut client, "CreateWidget", named("flood", 3), None).await;
    assert_eq!(status.code(), Code::ResourceExhausted);
    assert_eq!(
        details(&status).retry_info().unwrap().retry_delay,
        Some(Duration::from_secs(30))
    );
    let remote = RemoteError::from_grpc(&status);
    assert!(remote.retryable());
    assert_eq!(remote.retry_after(), Some(Duration::from_secs(30)));
}

#[tokio::test]
async fn nothing_internal_reaches_the_wire() {
    let (_, mut client) = start().await;
    let status = call(&mut client, "Break", Widget::default(), None).await;
    assert_eq!(status.code(), Code::Internal);
    assert_eq!(status.message(), "Something went wrong on our side.");
    // The source error's text is in the log, and nowhere in what the client received.
    let wire = format!("{status:?} {:?} {:?}", status.details(), status.metadata());
    for secret in ["secret-7f3a", "/var/lib/widgets", "widget store failed"] {
        assert!(!wire.contains(secret), "{secret} leaked: {wire}");
    }
    assert!(!String::from_utf8_lossy(status.details()).contains("secret"));
}

#[tokio::test]
async fn the_request_id_is_generated_when_the_client_sends_none() {
    let (_, mut client) = start().await;
    let status = call(&mut client, "GetWidget", by_id(9), None).await;
    let id = details(&status).request_info().unwrap().request_id.clone();
    assert_eq!(id.len(), 36, "a UUID: {id}");
    assert_eq!(
        status.metadata().get("x-request-id").unwrap().to_str().unwrap(),
        id
    );
    // An invalid client id is replaced, not echoed.
    let status = call(&mut client, "GetWidget", by_id(9), Some("a b")).await;
    assert_ne!(details(&status).request_info().unwrap().request_id, "a b");
}

#[tokio::test]
async fn tonics_own_errors_come_under_errwires_codes() {
    let (_, mut client) = start().await;
    // An unknown method of a known service, and an unknown service (tonic's router).
    for path in ["Nope", "/other.Service/Method"] {
        let status = call(&mut client, path, Widget::default(), Some("req-u")).await;
        assert_eq!(status.code(), Code::Unimplemented, "{path}");
        let details = details(&status);
        let info = details.error_info().unwrap();
        assert_eq!(
            (info.reason.as_str(), info.domain.as_str()),
            ("route_not_found", "http")
        );
        assert_eq!(details.request_info().unwrap().request_id, "req-u");
    }
    // A panic: INTERNAL, the panic's message not sent.
    let status = call(&mut client, "Crash", Widget::default(), None).await;
    assert_eq!(status.code(), Code::Internal);
    assert_eq!(details(&status).error_info().unwrap().reason, "internal_error");
    assert!(!status.message().contains("on purpose"));
    // A call past the layer's limit: DEADLINE_EXCEEDED, answered at the limit.
    let started = Instant::now();
    let status = call(&mut client, "Slow", Widget::default(), None).await;
    assert_eq!(status.code(), Code::DeadlineExceeded);
    assert_eq!(details(&status).error_info().unwrap().reason, "request_timeout");
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "{:?}",
        started.elapsed()
    );
}

#[tokio::test]
async fn a_success_passes_untouched() {
    let (_, mut client) = start().await;
    let widget = client.call("GetWidget", request(by_id(2), None)).await.unwrap();
    assert_eq!(widget.name, "sprocket");
}

/// The HTTP → gRPC table `google.rpc.Code` documents (each code's "HTTP Mapping" line, read
/// backwards), with the choices where several codes share a status: 400 `INVALID_ARGUMENT` (not
/// `FAILED_PRECONDITION` or `OUT_OF_RANGE`), 409 ABORTED (not `ALREADY_EXISTS`), 500 INTERNAL (not
/// UNKNOWN or `DATA_LOSS`); 412 and 416 from Google's HTTP → RPC table.
#[test]
fn the_status_mapping_is_googles() {
    let table = [
        (400, GrpcCode::InvalidArgument),
        (401, GrpcCode::Unauthenticated),
        (403, GrpcCode::PermissionDenied),
        (404, GrpcCode::NotFound),
        (409, GrpcCode::Aborted),
        (412, GrpcCode::FailedPrecondition),
        (416, GrpcCode::OutOfRange),
        (429, GrpcCode::ResourceExhausted),
        (499, GrpcCode::Cancelled),
        (501, GrpcCode::Unimplemented),
        (503, GrpcCode::Unavailable),
        (504, GrpcCode::DeadlineExceeded),
        (405, GrpcCode::FailedPrecondition),
        (422, GrpcCode::FailedPrecondition),
        (500, GrpcCode::Internal),
        (502, GrpcCode::Internal),
        (507, GrpcCode::Internal),
        (308, GrpcCode::Unknown),
    ];
    for (status, code) in table {
        let status = StatusCode::from_u16(status).unwrap();
        assert_eq!(GrpcCode::from_status(status), code, "{status}");
    }
    // And back: the status each code documents, and the numbers on the wire.
    for number in 1..=16 {
        let code = GrpcCode::from_i32(number).unwrap();
        assert_eq!(code.as_i32(), number);
        assert_eq!(Code::from_i32(number) as i32, number);
        assert_eq!(format!("{code}"), code.name());
    }
    assert_eq!(GrpcCode::from_i32(0), None);
    assert_eq!(GrpcCode::from_i32(17), None);
    assert_eq!(GrpcCode::AlreadyExists.http_status(), StatusCode::CONFLICT);
    assert_eq!(GrpcCode::Cancelled.http_status().as_u16(), 499);
    assert_eq!(GrpcCode::DataLoss.name(), "DATA_LOSS");
}

#[test]
fn a_hand_written_spec_takes_a_grpc_code_too() {
    let spec = errwire::ErrorSpec::new("locked", StatusCode::CONFLICT, "Locked.");
    assert_eq!(spec.grpc_code(), GrpcCode::Aborted);
    assert_eq!(
        spec.with_grpc_code(GrpcCode::FailedPrecondition).grpc_code(),
        GrpcCode::FailedPrecondition
    );
    assert_eq!(
        WidgetError::NameTaken { name: "x".into() }.grpc_code(),
        GrpcCode::AlreadyExists
    );
    assert_eq!(WidgetError::RateLimited.grpc_code(), GrpcCode::ResourceExhausted);
}

/// Any error, any context: the `Status` tonic puts on the wire (its own header encoding:
/// percent-encoded message, base64 details) reads back as the error that was sent.
#[test]
fn every_error_round_trips_through_tonics_encoding() {
    generators::for_each_error(500, |error, request| {
        let status = errwire::tonic::status(error, &request.context());
        let response = status.into_http::<()>();
        let received = Status::from_header_map(response.headers()).expect("a gRPC status header");
        let remote = RemoteError::from_grpc(&received);
        prop_assert_eq!(remote.grpc_code(), Some(error.grpc_code()));
        prop_assert_eq!(remote.code(), Some(error.code()));
        prop_assert_eq!(remote.message(), Some(&*error.message()));
        // protobuf's `Duration` stops at 315,576,000,000 s (10,000 years): longer delays are
        // sent as that.
        let longest = Duration::new(315_576_000_000, 999_999_999);
        prop_assert_eq!(remote.retry_after(), error.retry_after().map(|d| d.min(longest)));
        let cut = |t: &str| errwire::wire::truncate(t, errwire::MAX_VIOLATION_TEXT).to_owned();
        let sent: Vec<Violation> = error
            .violations()
            .iter()
            .take(errwire::MAX_VIOLATIONS)
            .map(|v| Violation::new(cut(v.field()), cut(v.code()), cut(v.message())))
            .collect();
        prop_assert_eq!(remote.violations(), &sent[..]);
        prop_assert_eq!(remote.docs_url(), error.docs_url());
        let mut sent = serde_json::Map::new();
        error.details().for_each(|name, value| {
            let value = serde_json::to_value(value).unwrap();
            let text = value.as_str().map_or_else(|| value.to_string(), str::to_owned);
            sent.insert(name.to_owned(), serde_json::Value::String(text));
        });
        prop_assert_eq!(remote.details(), &sent);
        // The request id as sent, cut like in every body (`RequestInfo` carries any text).
        if let Some(id) = request.id.as_deref().filter(|id| !id.is_empty()) {
            prop_assert_eq!(remote.request_id(), Some(errwire::wire::request_id_body(id)));
        }
        Ok(())
    });
}
