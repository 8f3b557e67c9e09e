//! The envelopes of round 3 — Google's JSON error (AIP-193), JSON:API, Twirp and Connect — on
//! exact bytes; Connect's details decoded as protobuf by `prost` with `tonic-types`' own
//! `google.rpc` messages, and equal to the gRPC conversion's; Twirp's and Connect's status
//! tables; every body decoded back by `RemoteError`.

use base64::Engine as _;
use errwire::client::{RemoteError, RemoteFormat};
use errwire::format::{Connect, GoogleJson, JsonApi, Twirp};
use errwire::{ApiError, Context, GrpcCode, Violation, to_json, to_response};
use prost::Message as _;
use serde_json::{Value, json};
use tonic_types::pb;

#[derive(Debug, ApiError)]
#[api(domain = "workspaces", docs = "https://docs.example.com/errors#{code}")]
enum Shapes {
    /// Resource not found.
    #[api(status = 404)]
    NotFound,
    #[api(
        status = 409,
        code = "workspace_slug_taken",
        message = "The slug '{0}' is already in use."
    )]
    Taken(String, #[api(detail = "suggestion")] &'static str),
    #[api(status = 429, message = "Slow down, {who}.", title = "Slow down")]
    Limited {
        who: String,
        #[api(retry_after)]
        wait: u64,
        #[api(detail)]
        scope: &'static str,
        #[api(detail)]
        burst: u32,
    },
    /// The body is not valid.
    #[api(status = 422, grpc = "INVALID_ARGUMENT")]
    Invalid {
        #[api(violations)]
        violations: Vec<Violation>,
    },
}

fn taken() -> Shapes {
    Shapes::Taken("acme".into(), "acme-corp")
}

fn limited() -> Shapes {
    Shapes::Limited {
        who: "Ada".into(),
        wait: 30,
        scope: "user",
        burst: 5,
    }
}

fn invalid() -> Shapes {
    Shapes::Invalid {
        violations: vec![
            Violation::new("name", "too_long", "At most 40 characters.").param("max", 40),
            Violation::new("items[2].sku", "required", "Required."),
        ],
    }
}

fn full() -> Context<'static> {
    Context::new().request_id("req_1")
}

#[test]
fn google_json() {
    assert_eq!(
        to_json::<GoogleJson>(&Shapes::NotFound, &Context::new()),
        r#"{"error":{"code":404,"message":"Resource not found.","status":"NOT_FOUND","details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"not_found","domain":"workspaces"},{"@type":"type.googleapis.com/google.rpc.Help","links":[{"description":"Not Found","url":"https://docs.example.com/errors#not_found"}]}]}}"#
    );
    assert_eq!(
        to_json::<GoogleJson>(&limited(), &full()),
        r#"{"error":{"code":429,"message":"Slow down, Ada.","status":"RESOURCE_EXHAUSTED","details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"limited","domain":"workspaces","metadata":{"scope":"user","burst":"5"}},{"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"30s"},{"@type":"type.googleapis.com/google.rpc.Help","links":[{"description":"Slow down","url":"https://docs.example.com/errors#limited"}]},{"@type":"type.googleapis.com/google.rpc.RequestInfo","requestId":"req_1"}]}}"#
    );
    assert_eq!(
        to_json::<GoogleJson>(&invalid(), &Context::new()),
        r#"{"error":{"code":422,"message":"The body is not valid.","status":"INVALID_ARGUMENT","details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"invalid","domain":"workspaces"},{"@type":"type.googleapis.com/google.rpc.Help","links":[{"description":"Unprocessable Entity","url":"https://docs.example.com/errors#invalid"}]},{"@type":"type.googleapis.com/google.rpc.BadRequest","fieldViolations":[{"field":"name","description":"At most 40 characters.","reason":"too_long"},{"field":"items[2].sku","description":"Required.","reason":"required"}]}]}}"#
    );
}

#[test]
fn json_api() {
    let response = to_response::<JsonApi>(&Shapes::NotFound, &Context::new());
    assert_eq!(response.headers()["content-type"], "application/vnd.api+json");
    assert_eq!(
        to_json::<JsonApi>(&limited(), &full()),
        r#"{"errors":[{"status":"429","code":"limited","title":"Slow down","detail":"Slow down, Ada.","links":{"about":"https://docs.example.com/errors#limited"},"meta":{"retryable":true,"retry_after":30,"request_id":"req_1","details":{"scope":"user","burst":5}}}]}"#
    );
    assert_eq!(
        to_json::<JsonApi>(&invalid(), &Context::new()),
        r#"{"errors":[{"status":"422","code":"invalid","title":"Unprocessable Entity","detail":"The body is not valid.","links":{"about":"https://docs.example.com/errors#invalid"},"meta":{"retryable":false}},{"status":"422","code":"invalid","title":"Unprocessable Entity","detail":"At most 40 characters.","source":{"pointer":"/name"},"meta":{"code":"too_long","params":{"max":40}}},{"status":"422","code":"invalid","title":"Unprocessable Entity","detail":"Required.","source":{"pointer":"/items/2/sku"},"meta":{"code":"required"}}]}"#
    );
}

#[test]
fn twirp() {
    let response = to_response::<Twirp>(&taken(), &full());
    // `ABORTED`, the default code of a 409: Twirp's table says 409 too.
    assert_eq!(response.status(), 409);
    assert_eq!(
        to_json::<Twirp>(&taken(), &full()),
        r#"{"code":"aborted","msg":"The slug 'acme' is already in use.","meta":{"code":"workspace_slug_taken","status":"409","retryable":"false","request_id":"req_1","suggestion":"acme-corp"}}"#
    );
    assert_eq!(
        to_json::<Twirp>(&limited(), &Context::new()),
        r#"{"code":"resource_exhausted","msg":"Slow down, Ada.","meta":{"code":"limited","status":"429","retryable":"true","retry_after":"30","scope":"user","burst":"5"}}"#
    );
    // A 422 is `invalid_argument`, which Twirp sends as 400; the error's own status stays
    // in `meta`.
    assert_eq!(to_response::<Twirp>(&invalid(), &Context::new()).status(), 400);
    assert_eq!(
        to_json::<Twirp>(&invalid(), &Context::new()),
        r#"{"code":"invalid_argument","msg":"The body is not valid.","meta":{"code":"invalid","status":"422","retryable":"false","argument":"name","violations":"[{\"field\":\"name\",\"code\":\"too_long\",\"message\":\"At most 40 characters.\",\"params\":{\"max\":40}},{\"field\":\"items[2].sku\",\"code\":\"required\",\"message\":\"Required.\"}]"}}"#
    );
}

#[test]
fn connect() {
    let response = to_response::<Connect>(&invalid(), &Context::new());
    assert_eq!(response.status(), 400, "Connect's status of invalid_argument");
    assert_eq!(
        to_json::<Connect>(&Shapes::NotFound, &Context::new()),
        r#"{"code":"not_found","message":"Resource not found.","details":[{"type":"google.rpc.ErrorInfo","value":"Cglub3RfZm91bmQSCndvcmtzcGFjZXM","debug":{"reason":"not_found","domain":"workspaces"}},{"type":"google.rpc.Help","value":"CjYKCU5vdCBGb3VuZBIpaHR0cHM6Ly9kb2NzLmV4YW1wbGUuY29tL2Vycm9ycyNub3RfZm91bmQ","debug":{"links":[{"description":"Not Found","url":"https://docs.example.com/errors#not_found"}]}}]}"#
    );
}

/// Each Connect detail's `value` is the protobuf encoding of its `debug`: decoded by `prost`
/// into `tonic-types`' own `google.rpc` messages. And the details are the ones the gRPC
/// conversion sends for the same error.
#[test]
fn connect_details_decode_as_protobuf_and_match_the_grpc_status() {
    let ctx = full();
    for error in [Shapes::NotFound, taken(), limited(), invalid()] {
        let body: Value = serde_json::from_str(&to_json::<Connect>(&error, &ctx)).unwrap();
        let details = body["details"].as_array().unwrap();
        assert_eq!(details[0]["type"], "google.rpc.ErrorInfo");
        let mut decoded = Vec::new();
        for detail in details {
            let bytes = base64::engine::general_purpose::STANDARD_NO_PAD
                .decode(detail["value"].as_str().unwrap())
                .unwrap();
            let kind = detail["type"].as_str().unwrap();
            let as_json = match kind {
                "google.rpc.ErrorInfo" => {
                    let m = pb::ErrorInfo::decode(&*bytes).unwrap();
                    let metadata: serde_json::Map<String, Value> =
                        m.metadata.into_iter().map(|(k, v)| (k, v.into())).collect();
                    let mut v = json!({"reason": m.reason, "domain": m.domain});
                    if !metadata.is_empty() {
                        v["metadata"] = metadata.into();
                    }
                    v
                }
                "google.rpc.RetryInfo" => {
                    let m = pb::RetryInfo::decode(&*bytes).unwrap();
                    let delay = m.retry_delay.unwrap();
                    assert_eq!(delay.nanos, 0);
                    json!({"retryDelay": format!("{}s", delay.seconds)})
                }
                "google.rpc.Help" => {
                    let m = pb::Help::decode(&*bytes).unwrap();
                    let links: Vec<Value> = m
                        .links
                        .into_iter()
                        .map(|l| json!({"description": l.description, "url": l.url}))
                        .collect();
                    json!({ "links": links })
                }
                "google.rpc.BadRequest" => {
                    let m = pb::BadRequest::decode(&*bytes).unwrap();
                    let list: Vec<Value> = m
                        .field_violations
                        .into_iter()
                        .map(|v| json!({"field": v.field, "description": v.description, "reason": v.reason}))
                        .collect();
                    json!({ "fieldViolations": list })
                }
                "google.rpc.RequestInfo" => {
                    let m = pb::RequestInfo::decode(&*bytes).unwrap();
                    json!({"requestId": m.request_id})
                }
                other => panic!("unexpected detail {other}"),
            };
            assert_eq!(
                detail["debug"], as_json,
                "{kind}: the bytes and the JSON form differ"
            );
            decoded.push(kind.to_owned());
        }
        // The gRPC conversion sends the same messages.
        let status = errwire::tonic::status(&error, &ctx);
        let grpc = tonic_types::StatusExt::get_error_details_vec(&status);
        assert_eq!(grpc.len(), decoded.len(), "{decoded:?}");
        assert_eq!(status.code() as i32, error.grpc_code().as_i32());
        assert_eq!(body["code"], error.grpc_code().snake_name());
    }
}

/// Twirp's table (its protocol's, with `malformed` and `bad_route`) and Connect's (the one
/// `google.rpc.Code` documents) give each code's HTTP status; the names are gRPC's in lower
/// case, `canceled` with one `l`.
#[test]
fn twirp_and_connect_statuses_follow_their_tables() {
    #[derive(Debug, ApiError)]
    enum ByCode {
        /// Cancelled by the client.
        #[api(status = 499)]
        Cancelled,
        #[api(status = 504)]
        Deadline,
        #[api(status = 412)]
        Precondition,
        #[api(status = 401)]
        Unauthenticated,
        #[api(status = 503)]
        Unavailable,
        #[api(status = 400, grpc = "DATA_LOSS")]
        Lost,
    }
    for (error, twirp_code, twirp_status, connect_status) in [
        (ByCode::Cancelled, "canceled", 408, 499),
        (ByCode::Deadline, "deadline_exceeded", 408, 504),
        (ByCode::Precondition, "failed_precondition", 412, 400),
        (ByCode::Unauthenticated, "unauthenticated", 401, 401),
        (ByCode::Unavailable, "unavailable", 503, 503),
        (ByCode::Lost, "data_loss", 500, 500),
    ] {
        let twirp = to_response::<Twirp>(&error, &Context::new());
        assert_eq!(twirp.status(), twirp_status, "{error:?}");
        let body: Value = serde_json::from_slice(twirp.body()).unwrap();
        assert_eq!(body["code"], twirp_code);
        let connect = to_response::<Connect>(&error, &Context::new());
        assert_eq!(connect.status(), connect_status, "{error:?}");
        let body: Value = serde_json::from_slice(connect.body()).unwrap();
        assert_eq!(body["code"], twirp_code);
        // Both read back to the error's own code, gRPC code and status.
        for response in [twirp, connect] {
            let remote = RemoteError::decode(response.status(), response.headers(), response.body()).unwrap();
            assert_eq!(remote.code(), Some(error.code()));
            assert_eq!(remote.grpc_code(), Some(error.grpc_code()));
        }
    }
    for number in 1..=16 {
        let code = GrpcCode::from_i32(number).unwrap();
        let expected = if code == GrpcCode::Cancelled {
            "canceled".to_owned()
        } else {
            code.name().to_ascii_lowercase()
        };
        assert_eq!(code.snake_name(), expected);
        assert_eq!(GrpcCode::from_snake_name(&expected), Some(code));
        assert_eq!(GrpcCode::from_name(code.name()), Some(code));
    }
    assert_eq!(GrpcCode::from_snake_name("cancelled"), None);
    assert_eq!(GrpcCode::from_name("OK"), None);
}

/// What each envelope carries comes back from `RemoteError`, with the envelope's own
/// limits: details as strings where the envelope holds strings only.
#[test]
fn every_fact_reads_back() {
    let ctx = full();
    for (format, response) in [
        (
            RemoteFormat::GoogleJson,
            to_response::<GoogleJson>(&limited(), &ctx),
        ),
        (RemoteFormat::Connect, to_response::<Connect>(&limited(), &ctx)),
        (RemoteFormat::Twirp, to_response::<Twirp>(&limited(), &ctx)),
        (RemoteFormat::JsonApi, to_response::<JsonApi>(&limited(), &ctx)),
    ] {
        let remote = RemoteError::decode(response.status(), response.headers(), response.body()).unwrap();
        assert_eq!(remote.format(), format);
        assert_eq!(remote.code(), Some("limited"), "{format:?}");
        assert_eq!(remote.message(), Some("Slow down, Ada."), "{format:?}");
        assert_eq!(remote.status(), 429, "{format:?}");
        assert_eq!(remote.request_id(), Some("req_1"), "{format:?}");
        assert!(remote.retryable(), "{format:?}");
        assert_eq!(
            remote.retry_after(),
            Some(std::time::Duration::from_secs(30)),
            "{format:?}"
        );
        let burst = if format == RemoteFormat::JsonApi {
            json!(5)
        } else {
            json!("5")
        };
        assert_eq!(remote.details().get("burst"), Some(&burst), "{format:?}");
        assert_eq!(remote.details().get("scope"), Some(&json!("user")), "{format:?}");
    }
    for (format, response) in [
        (
            RemoteFormat::GoogleJson,
            to_response::<GoogleJson>(&invalid(), &ctx),
        ),
        (RemoteFormat::Connect, to_response::<Connect>(&invalid(), &ctx)),
        (RemoteFormat::Twirp, to_response::<Twirp>(&invalid(), &ctx)),
        (RemoteFormat::JsonApi, to_response::<JsonApi>(&invalid(), &ctx)),
    ] {
        let remote = RemoteError::decode(response.status(), response.headers(), response.body()).unwrap();
        let got: Vec<(&str, &str, &str)> = remote
            .violations()
            .iter()
            .map(|v| (v.field(), v.code(), v.message()))
            .collect();
        assert_eq!(
            got,
            [
                ("name", "too_long", "At most 40 characters."),
                ("items[2].sku", "required", "Required.")
            ],
            "{format:?}"
        );
        // Parameters travel where the envelope has room for them.
        let params: Vec<_> = remote.violations()[0].params().collect();
        let room = matches!(format, RemoteFormat::Twirp | RemoteFormat::JsonApi);
        assert_eq!(params.len(), usize::from(room), "{format:?}");
        assert_eq!(
            remote.status(),
            if format == RemoteFormat::Connect { 400 } else { 422 }
        );
    }
}

/// The axum example's Twirp, Connect, Google and JSON:API routes over real HTTP: each
/// behind its own layer, derived errors and axum's own (a wrong method) come out in that
/// envelope with the client's request id, and decode back.
#[tokio::test]
async fn the_example_serves_each_envelope_over_http() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, axum_service::app()).await.unwrap() });
    let http = reqwest::Client::new();
    let json_api = crate::common::validator(
        &serde_json::from_str(include_str!("../../standards/jsonapi/schema-1.1.json")).unwrap(),
    );
    for (method, path, format, status, code) in [
        (
            "POST",
            "/twirp/accounts.v1.Accounts/CreateAccount",
            RemoteFormat::Twirp,
            409,
            "slug_taken",
        ),
        (
            "POST",
            "/connect/accounts.v1.Accounts/GetAccount",
            RemoteFormat::Connect,
            429,
            "rate_limited",
        ),
        (
            "GET",
            "/google/accounts/42",
            RemoteFormat::GoogleJson,
            404,
            "account_not_found",
        ),
        (
            "GET",
            "/jsonapi/accounts/7",
            RemoteFormat::JsonApi,
            429,
            "rate_limited",
        ),
        // axum's own: the method is not allowed, in the route's envelope.
        (
            "GET",
            "/twirp/accounts.v1.Accounts/CreateAccount",
            RemoteFormat::Twirp,
            405,
            "method_not_allowed",
        ),
        (
            "DELETE",
            "/jsonapi/accounts/7",
            RemoteFormat::JsonApi,
            405,
            "method_not_allowed",
        ),
    ] {
        let request = http
            .request(method.parse().unwrap(), format!("{base}{path}"))
            .header("x-request-id", "req-envelopes-1")
            .header("content-type", "application/json")
            .body("{}");
        let response = request.send().await.unwrap();
        let (http_status, headers) = (response.status(), response.headers().clone());
        let body = response.bytes().await.unwrap();
        assert_eq!(headers["x-request-id"], "req-envelopes-1", "{path}");
        let remote = RemoteError::decode(http_status, &headers, &body)
            .unwrap_or_else(|e| panic!("{path}: {e}: {}", String::from_utf8_lossy(&body)));
        assert_eq!(remote.format(), format, "{path}");
        assert_eq!(remote.code(), Some(code), "{path}");
        assert_eq!(remote.request_id(), Some("req-envelopes-1"), "{path}");
        if format != RemoteFormat::Connect {
            assert_eq!(remote.status(), status, "{path}");
        }
        if format == RemoteFormat::JsonApi {
            assert_eq!(headers["content-type"], "application/vnd.api+json");
            let body: Value = serde_json::from_slice(&body).unwrap();
            assert!(json_api.is_valid(&body), "{body}");
        }
    }
}
