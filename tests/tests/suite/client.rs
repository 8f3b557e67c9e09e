//! `errwire::client`: every built-in format decodes back to what was rendered (a property
//! test over the format tests' own generators), hostile bodies never panic, and a decoded
//! code matches a catalogue with the compiler's help.

use crate::generators;

use std::time::Duration;

use errwire::client::{DecodeErrorKind, KnownCodes, MAX_BODY, RemoteError, RemoteFormat};
use errwire::format::{
    Connect, Flat, GoogleJson, JsonApi, JsonRpc, JsonRpcPlain, McpTool, Nested, OAuth, Problem, Simple, Twirp,
};
use errwire::http::{HeaderMap, HeaderValue, StatusCode};
use errwire::{ApiError, Format, MessageSource, Violation, to_response, wire};
use generators::{Generated, Request, for_each_error};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use serde_json::{Value, json};

/// Which facts a format carries in its body (the rest come from headers or defaults).
struct Carries {
    code: bool,
    body_status: bool,
    request_id: bool,
    retryable: bool,
    details: bool,
    violations: bool,
    /// Details come back as strings (a string as it is, anything else as its JSON text).
    details_as_text: bool,
    /// "Retryable" is a `RetryInfo`: present with a delay, else the status's default.
    retry_info: bool,
}

fn carries(format: RemoteFormat) -> Carries {
    let all = Carries {
        code: true,
        body_status: false,
        request_id: true,
        retryable: false,
        details: true,
        violations: true,
        details_as_text: false,
        retry_info: false,
    };
    match format {
        RemoteFormat::JsonApi => Carries {
            body_status: true,
            retryable: true,
            ..all
        },
        RemoteFormat::Twirp => Carries {
            body_status: true,
            retryable: true,
            details_as_text: true,
            ..all
        },
        RemoteFormat::GoogleJson => Carries {
            body_status: true,
            details_as_text: true,
            retry_info: true,
            ..all
        },
        RemoteFormat::Connect => Carries {
            details_as_text: true,
            retry_info: true,
            ..all
        },
        RemoteFormat::Nested | RemoteFormat::Flat => all,
        RemoteFormat::Problem => Carries {
            body_status: true,
            ..all
        },
        RemoteFormat::JsonRpc => Carries {
            body_status: true,
            retryable: true,
            ..all
        },
        RemoteFormat::McpTool => Carries {
            retryable: true,
            ..all
        },
        RemoteFormat::Simple => Carries {
            request_id: false,
            ..all
        },
        _ => Carries {
            code: format == RemoteFormat::OAuth,
            body_status: false,
            request_id: false,
            retryable: false,
            details: false,
            violations: false,
            details_as_text: false,
            retry_info: false,
        },
    }
}

/// Renders `error` in `F`, decodes the response, and checks every fact came back.
fn round_trip<F: Format + 'static>(error: &Generated, request: &Request) -> Result<(), TestCaseError> {
    let ctx = request.context();
    let response = to_response::<F>(error, &ctx);
    let decoded = RemoteError::decode(response.status(), response.headers(), response.body());
    if response.body().len() > MAX_BODY {
        let refused = decoded.expect_err("a body over MAX_BODY is refused");
        prop_assert_eq!(refused.kind(), DecodeErrorKind::TooLarge);
        prop_assert_eq!(refused.best_effort().status(), response.status());
        return Ok(());
    }
    let remote = decoded
        .map_err(|e| TestCaseError::fail(format!("{e}: {}", String::from_utf8_lossy(response.body()))))?;
    let format = RemoteFormat::of::<F>().unwrap();
    prop_assert_eq!(remote.format(), format);
    let carried = carries(format);

    prop_assert_eq!(remote.code(), carried.code.then(|| error.code()));
    prop_assert_eq!(remote.http_status(), response.status());
    if carried.body_status || response.status() == error.status() {
        prop_assert_eq!(remote.status(), error.status());
    }
    let message = error.message();
    let expected_message = match format {
        RemoteFormat::OAuth => Some(wire::oauth_text(&message).into_owned()).filter(|m| !m.is_empty()),
        RemoteFormat::Simple if error.spec().message_source() != MessageSource::Attribute => error
            .violations()
            .first()
            .map(|v| wire::truncate(v.message(), errwire::MAX_VIOLATION_TEXT).to_owned()),
        _ => Some(message.into_owned()),
    };
    prop_assert_eq!(remote.message(), expected_message.as_deref());

    let header_id = response
        .headers()
        .get("x-request-id")
        .map(|v| v.to_str().unwrap().to_owned());
    let expected_id = if carried.request_id {
        request
            .id
            .as_deref()
            .map(|id| wire::truncate(id, wire::MAX_REQUEST_ID).to_owned())
            // A `RequestInfo` (protobuf's messages) has no empty string: no id at all.
            .filter(|id| !(carried.retry_info && id.is_empty()))
    } else {
        header_id
    };
    prop_assert_eq!(remote.request_id(), expected_id.as_deref());

    let expected_retryable = if carried.retryable {
        error.retryable()
    } else if carried.retry_info && error.retry_after().is_some() {
        true
    } else {
        errwire::rules::default_retryable(remote.status().as_u16())
    };
    prop_assert_eq!(remote.retryable(), expected_retryable);
    let wait = error
        .retry_after()
        .map(|d| Duration::from_secs(wire::retry_after_seconds(d)));
    prop_assert_eq!(remote.retry_after(), wait);

    let details = match serde_json::to_value(error.details()).unwrap() {
        Value::Object(map) if carried.details_as_text => map
            .into_iter()
            .map(|(name, value)| {
                let text = value.as_str().map_or_else(|| value.to_string(), str::to_owned);
                (name, Value::String(text))
            })
            // Twirp's `meta` keeps errwire's own members.
            .filter(|(name, _)| {
                format != RemoteFormat::Twirp || !Twirp::META_MEMBERS.contains(&name.as_str())
            })
            .collect(),
        Value::Object(map) if carried.details => map,
        _ => serde_json::Map::new(),
    };
    prop_assert_eq!(remote.details(), &details);

    if carried.violations {
        let cut = |t: &str| wire::truncate(t, errwire::MAX_VIOLATION_TEXT).to_owned();
        let sent: Vec<&Violation> = error.violations().iter().take(errwire::MAX_VIOLATIONS).collect();
        let mut sent = if format == RemoteFormat::Simple {
            sent[..sent.len().min(1)].to_vec()
        } else {
            sent
        };
        if format == RemoteFormat::JsonApi {
            // JSON:API's error objects are distinct: a repeated violation is written once.
            let mut distinct: Vec<&Violation> = Vec::new();
            for v in sent {
                if !distinct.contains(&v) {
                    distinct.push(v);
                }
            }
            sent = distinct;
        }
        prop_assert_eq!(remote.violations().len(), sent.len());
        for (got, want) in remote.violations().iter().zip(sent) {
            // The message travels in every format; problem+json carries the field as a
            // pointer cut to the URI bound, `Simple` no violation code.
            prop_assert_eq!(
                got.message(),
                if format == RemoteFormat::Simple {
                    expected_message.clone().unwrap_or_default()
                } else {
                    cut(want.message())
                }
            );
            if format != RemoteFormat::Simple {
                prop_assert_eq!(got.code(), cut(want.code()));
            }
            match format {
                RemoteFormat::Problem if want.pointer().len() * 3 < wire::MAX_URI => {
                    prop_assert_eq!(got.pointer(), want.pointer());
                }
                RemoteFormat::JsonApi if want.pointer().len() < errwire::MAX_VIOLATION_TEXT => {
                    prop_assert_eq!(got.pointer(), want.pointer());
                }
                RemoteFormat::Problem | RemoteFormat::JsonApi => {}
                _ => prop_assert_eq!(got.field(), cut(want.field())),
            }
        }
    } else {
        prop_assert!(remote.violations().is_empty());
    }
    if matches!(format, RemoteFormat::JsonRpc | RemoteFormat::JsonRpcPlain) {
        prop_assert_eq!(
            remote.jsonrpc_code(),
            Some(i64::from(wire::jsonrpc_code(
                error.jsonrpc_code(),
                error.status()
            )))
        );
    }
    Ok(())
}

fn run<F: Format + 'static>() {
    for_each_error(2_000, round_trip::<F>);
}

#[test]
fn nested_round_trips() {
    run::<Nested>();
}

#[test]
fn flat_round_trips() {
    run::<Flat>();
}

#[test]
fn problem_round_trips() {
    run::<Problem>();
}

#[test]
fn oauth_round_trips() {
    run::<OAuth>();
}

#[test]
fn simple_round_trips() {
    run::<Simple>();
}

#[test]
fn jsonrpc_round_trips() {
    run::<JsonRpc>();
}

#[test]
fn jsonrpc_plain_round_trips() {
    run::<JsonRpcPlain>();
}

#[test]
fn mcp_tool_round_trips() {
    run::<McpTool>();
}

#[test]
fn google_json_round_trips() {
    run::<GoogleJson>();
}

#[test]
fn json_api_round_trips() {
    run::<JsonApi>();
}

#[test]
fn twirp_round_trips() {
    run::<Twirp>();
}

#[test]
fn connect_round_trips() {
    run::<Connect>();
}

// ------------------------------------------------------------------ hostile bodies

fn decode(status: u16, body: &[u8]) -> Result<RemoteError, errwire::client::DecodeError> {
    RemoteError::decode(StatusCode::from_u16(status).unwrap(), &HeaderMap::new(), body)
}

#[test]
fn any_bytes_decode_or_fail_cleanly_with_the_status() {
    let mut runner = TestRunner::new(Config {
        cases: 5_000,
        failure_persistence: None,
        ..Config::default()
    });
    runner
        .run(&prop::collection::vec(any::<u8>(), 0..512), |bytes| {
            match decode(503, &bytes) {
                Ok(remote) => prop_assert_eq!(remote.http_status(), StatusCode::SERVICE_UNAVAILABLE),
                Err(error) => {
                    prop_assert_eq!(error.status(), StatusCode::SERVICE_UNAVAILABLE);
                    prop_assert_eq!(error.best_effort().status(), StatusCode::SERVICE_UNAVAILABLE);
                    prop_assert!(error.best_effort().retryable());
                }
            }
            Ok(())
        })
        .unwrap();
}

#[test]
fn json_of_any_shape_never_panics() {
    let mut runner = TestRunner::new(Config {
        cases: 3_000,
        failure_persistence: None,
        ..Config::default()
    });
    let keys = prop::sample::select(vec![
        "error",
        "code",
        "message",
        "ok",
        "detail",
        "status",
        "type",
        "title",
        "jsonrpc",
        "data",
        "result",
        "isError",
        "content",
        "structuredContent",
        "violations",
        "errors",
        "details",
        "retry_after",
        "retryable",
        "request_id",
        "field",
        "pointer",
        "error_description",
        "error_uri",
    ]);
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        Just(json!("2.0")),
        Just(json!(true)),
        "[a-z#/%~0-9]{0,8}".prop_map(Value::from),
    ];
    let shapes = leaf.prop_recursive(4, 32, 6, move |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::btree_map(keys.clone(), inner, 0..6)
                .prop_map(|m| Value::Object(m.into_iter().map(|(k, v)| (k.to_owned(), v)).collect())),
        ]
    });
    runner
        .run(&shapes, |value| {
            let body = serde_json::to_vec(&value).unwrap();
            let _ = decode(400, &body);
            for problem in [true, false] {
                let mut headers = HeaderMap::new();
                if problem {
                    headers.insert(
                        "content-type",
                        HeaderValue::from_static("application/problem+json"),
                    );
                }
                headers.insert(
                    "retry-after",
                    HeaderValue::from_static("Sun, 06 Nov 2099 08:49:37 GMT"),
                );
                let _ = RemoteError::decode(StatusCode::BAD_REQUEST, &headers, &body);
            }
            Ok(())
        })
        .unwrap();
}

#[test]
fn oversized_and_deep_bodies_are_refused() {
    let huge = vec![b' '; MAX_BODY + 1];
    assert_eq!(decode(500, &huge).unwrap_err().kind(), DecodeErrorKind::TooLarge);
    let deep = "[".repeat(100_000);
    assert_eq!(
        decode(500, deep.as_bytes()).unwrap_err().kind(),
        DecodeErrorKind::NotJson
    );
    let deep_object = format!("{}{}", r#"{"error":"#.repeat(10_000), "1");
    assert_eq!(
        decode(500, deep_object.as_bytes()).unwrap_err().kind(),
        DecodeErrorKind::NotJson
    );
    assert_eq!(
        decode(500, b"<html>oops</html>").unwrap_err().kind(),
        DecodeErrorKind::NotJson
    );
    assert_eq!(
        decode(500, b"[1,2]").unwrap_err().kind(),
        DecodeErrorKind::NotAnError
    );
    assert_eq!(
        decode(500, br#"{"hello":"world"}"#).unwrap_err().kind(),
        DecodeErrorKind::NotAnError
    );
}

#[test]
fn wrong_types_give_what_can_be_read() {
    let remote = decode(
        429,
        br#"{"error":{"code":"rate_limited","message":7,"details":[1],"violations":"x","retry_after":-1,"request_id":{}}}"#,
    )
    .unwrap();
    assert_eq!(remote.code(), Some("rate_limited"));
    assert_eq!(remote.message(), None);
    assert!(remote.details().is_empty());
    assert!(remote.violations().is_empty());
    assert_eq!(remote.retry_after(), None);
    assert_eq!(remote.request_id(), None);
    assert!(remote.retryable(), "429's default");

    let remote = decode(200, br#"{"jsonrpc":"2.0","id":1,"error":{"code":-32000,"message":"x","data":{"code":"c","status":99999,"retryable":"yes"}}}"#).unwrap();
    assert_eq!(remote.format(), RemoteFormat::JsonRpc);
    assert_eq!(
        remote.status(),
        StatusCode::OK,
        "an impossible body status is ignored"
    );
    assert!(!remote.retryable());
}

#[test]
fn headers_fill_what_the_body_lacks() {
    let mut headers = HeaderMap::new();
    headers.insert("x-request-id", HeaderValue::from_static("req_h"));
    headers.insert("retry-after", HeaderValue::from_static("7"));
    headers.insert("cache-control", HeaderValue::from_static("no-store"));
    headers.insert("pragma", HeaderValue::from_static("no-cache"));
    let remote = RemoteError::decode(
        StatusCode::SERVICE_UNAVAILABLE,
        &headers,
        br#"{"error":"temporarily_unavailable","error_description":"Try later."}"#,
    )
    .unwrap();
    assert_eq!(remote.format(), RemoteFormat::OAuth);
    assert_eq!(remote.request_id(), Some("req_h"));
    assert_eq!(remote.retry_after(), Some(Duration::from_secs(7)));
    assert_eq!(remote.to_string(), "503 temporarily_unavailable: Try later.");
    // Without OAuth's cache headers the same shape is `Simple`.
    let simple = decode(400, br#"{"error":"invalid_field","error_description":"Bad."}"#).unwrap();
    assert_eq!(simple.format(), RemoteFormat::Simple);
}

#[test]
fn decode_as_checks_the_shape() {
    let body = br#"{"error":{"code":"x","message":"m"}}"#;
    let ok = RemoteError::decode_as::<Nested>(StatusCode::CONFLICT, &HeaderMap::new(), body).unwrap();
    assert_eq!(ok.code(), Some("x"));
    let wrong = RemoteError::decode_as::<Flat>(StatusCode::CONFLICT, &HeaderMap::new(), body).unwrap_err();
    assert_eq!(wrong.kind(), DecodeErrorKind::NotAnError);

    /// A format errwire did not write.
    struct Custom;
    impl Format for Custom {
        const CONTENT_TYPE: &'static str = "application/json";
        fn write_body<E, W>(_: &E, _: &errwire::Context<'_>, mut out: W) -> serde_json::Result<()>
        where
            E: ApiError + ?Sized,
            W: std::io::Write,
        {
            out.write_all(b"{}").map_err(serde_json::Error::io)
        }
    }
    let custom = RemoteError::decode_as::<Custom>(StatusCode::CONFLICT, &HeaderMap::new(), body).unwrap_err();
    assert_eq!(custom.kind(), DecodeErrorKind::UnsupportedFormat);
}

// ------------------------------------------------------------------ typed matching

/// A service's errors, with the code enum a client matches on.
#[derive(Debug, ApiError)]
#[api(codes = "AccountCode")]
enum AccountError {
    /// No account with that id.
    #[api(status = 404)]
    NotFound,
    #[api(status = 409, message = "The slug '{slug}' is already in use.")]
    SlugTaken { slug: String },
    /// Slow down.
    #[api(status = 429)]
    RateLimited,
}

#[test]
fn a_decoded_code_matches_the_catalogue() {
    let response = to_response::<Nested>(
        &AccountError::SlugTaken { slug: "acme".into() },
        &errwire::Context::new(),
    );
    let remote = RemoteError::decode(response.status(), response.headers(), response.body()).unwrap();
    let spec = remote.spec_in::<AccountError>().unwrap();
    assert_eq!(spec.variant(), Some("SlugTaken"));
    assert_eq!(spec.status(), StatusCode::CONFLICT);
    // Exhaustive: a code added to or removed from the service breaks this `match`.
    let what = match remote.code_in::<AccountCode>() {
        Some(AccountCode::NotFound) => "create it",
        Some(AccountCode::SlugTaken) => "pick another slug",
        Some(AccountCode::RateLimited) => "wait",
        None => "unknown",
    };
    assert_eq!(what, "pick another slug");
    assert!(remote.has_code(AccountCode::SlugTaken.code()));
    assert_eq!(AccountCode::SlugTaken.spec().code(), "slug_taken");
    assert_eq!(AccountCode::ALL.len(), 3);
    assert_eq!(
        AccountCode::from_code("rate_limited"),
        Some(AccountCode::RateLimited)
    );
    assert_eq!(AccountCode::from_code("rate-limited"), None);

    for (error, code) in [
        (AccountError::NotFound, AccountCode::NotFound),
        (
            AccountError::SlugTaken { slug: "a".into() },
            AccountCode::SlugTaken,
        ),
        (AccountError::RateLimited, AccountCode::RateLimited),
    ] {
        let response = to_response::<Problem>(&error, &errwire::Context::new());
        let remote = RemoteError::decode(response.status(), response.headers(), response.body()).unwrap();
        assert_eq!(remote.code_in::<AccountCode>(), Some(code));
        assert_eq!(code.spec(), error.spec());
    }

    let unknown = decode(404, br#"{"error":{"code":"gone","message":"?"}}"#).unwrap();
    assert_eq!(unknown.spec_in::<AccountError>(), None);
    assert_eq!(unknown.code_in::<AccountCode>(), None);
}
