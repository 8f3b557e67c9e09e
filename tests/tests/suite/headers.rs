//! Response headers a variant declares, the HTTP rules around them (401 challenges, 3xx
//! `Location`), service-wide headers on the layer, and in-band errors.

use errwire::format::{JsonRpc, JsonRpcPlain, McpTool, Nested, Problem};
use errwire::http::StatusCode;
use errwire::{ApiError, Context, to_json, to_response};

#[derive(Debug, ApiError)]
#[api(challenge = "Bearer realm=\"api\"")]
enum AuthError {
    /// No token.
    #[api(status = 401)]
    MissingToken,
    /// A token that does not verify.
    #[api(
        status = 401,
        header(
            name = "WWW-Authenticate",
            value = "Bearer realm=\"api\", error=\"invalid_token\""
        )
    )]
    InvalidToken,
    /// Moved.
    #[api(status = 308)]
    Moved {
        #[api(header = "Location")]
        to: String,
    },
    /// Use the slash.
    #[api(status = 307, header(name = "Location", value = "/items/{id}/"))]
    Slash { id: u32 },
    /// Wrong method.
    #[api(status = 405, header(name = "Allow", value = "GET, HEAD"))]
    WrongMethod,
    /// Rate limited, with a hint of where to read more and an optional header.
    #[api(status = 429, header(name = "X-Limit", value = "100"))]
    Limited {
        #[api(header = "X-Window")]
        window: Option<String>,
    },
    /// Not found.
    #[api(status = 404)]
    Missing,
}

fn headers(error: &AuthError) -> Vec<(String, String)> {
    let response = to_response::<Nested>(error, &Context::new());
    let mut all: Vec<(String, String)> = response
        .headers()
        .iter()
        .filter(|(name, _)| *name != "content-type")
        .map(|(name, value)| (name.to_string(), value.to_str().unwrap().to_owned()))
        .collect();
    all.sort();
    all
}

fn pair(name: &str, value: &str) -> (String, String) {
    (name.to_owned(), value.to_owned())
}

#[test]
fn a_401_carries_the_enum_challenge_or_its_own() {
    assert_eq!(
        headers(&AuthError::MissingToken),
        [pair("www-authenticate", "Bearer realm=\"api\"")]
    );
    assert_eq!(
        headers(&AuthError::InvalidToken),
        [pair(
            "www-authenticate",
            "Bearer realm=\"api\", error=\"invalid_token\""
        )]
    );
}

#[test]
fn a_401_without_any_challenge_gets_bearer() {
    #[derive(ApiError)]
    #[api(status = 401)]
    struct Unauthenticated;
    let response = to_response::<Problem>(&Unauthenticated, &Context::new());
    assert_eq!(response.headers()["www-authenticate"], "Bearer");
    // The same rule for the framework's own 401.
    let response = to_response::<Nested>(&errwire::FrameworkError::Unauthenticated, &Context::new());
    assert_eq!(response.headers()["www-authenticate"], "Bearer");
}

#[test]
fn redirects_carry_location_from_a_field_or_a_template() {
    let moved = AuthError::Moved {
        to: "https://example.com/new".into(),
    };
    assert_eq!(headers(&moved), [pair("location", "https://example.com/new")]);
    assert_eq!(
        headers(&AuthError::Slash { id: 7 }),
        [pair("location", "/items/7/")]
    );
    assert_eq!(headers(&AuthError::WrongMethod), [pair("allow", "GET, HEAD")]);
}

#[test]
fn constant_headers_live_in_the_spec() {
    assert_eq!(AuthError::WrongMethod.spec().headers(), [("allow", "GET, HEAD")]);
    assert_eq!(
        AuthError::MissingToken.spec().headers(),
        [("www-authenticate", "Bearer realm=\"api\"")]
    );
    assert!(AuthError::Missing.spec().headers().is_empty());
    // A header that depends on a field is not in the spec.
    assert!(AuthError::Slash { id: 1 }.spec().headers().is_empty());
}

#[test]
fn an_optional_header_field_is_left_out_when_none() {
    let limited = AuthError::Limited { window: None };
    assert_eq!(headers(&limited), [pair("x-limit", "100")]);
    let limited = AuthError::Limited {
        window: Some("60s".into()),
    };
    assert_eq!(
        headers(&limited),
        [pair("x-limit", "100"), pair("x-window", "60s")]
    );
}

#[test]
fn a_value_that_is_not_a_header_value_is_dropped_never_mangled() {
    for bad in ["a\r\nSet-Cookie: x=1", "é", "line\nbreak", "\0", ""] {
        let moved = AuthError::Moved { to: bad.into() };
        assert_eq!(headers(&moved), [], "{bad:?}");
        // The body still renders.
        let body: serde_json::Value =
            serde_json::from_str(&to_json::<Nested>(&moved, &Context::new())).unwrap();
        assert_eq!(body["error"]["code"], "moved");
    }
    let huge = AuthError::Moved {
        to: "x".repeat(100_000),
    };
    assert_eq!(headers(&huge), []);
}

#[test]
fn errors_without_headers_add_none() {
    assert_eq!(headers(&AuthError::Missing), []);
}

#[test]
fn a_hand_written_error_cannot_override_what_errwire_writes() {
    struct Sneaky;
    static SPEC: errwire::ErrorSpec = errwire::ErrorSpec::new("sneaky", StatusCode::BAD_REQUEST, "Bad.")
        .with_headers(&[
            ("content-type", "text/html"),
            ("x-request-id", "forged"),
            ("bad name", "x"),
            ("x-fine", "yes"),
        ]);
    impl ApiError for Sneaky {
        fn spec(&self) -> &'static errwire::ErrorSpec {
            &SPEC
        }
    }
    let response = to_response::<Nested>(&Sneaky, &Context::new().request_id("req_1"));
    assert_eq!(response.headers()["content-type"], "application/json");
    assert_eq!(response.headers()["x-request-id"], "req_1");
    assert_eq!(response.headers()["x-fine"], "yes");
    assert_eq!(response.headers().len(), 3);
}

#[derive(Debug, ApiError)]
enum ProxyError {
    /// A policy denied the call.
    #[api(status = 403, in_band, mcp = "protocol", message = "Denied: {tool}.")]
    Denied { tool: String },
    /// Unknown method.
    #[api(status = 404, in_band)]
    UnknownMethod,
    /// Rate limited.
    #[api(status = 429)]
    Limited,
}

#[test]
fn in_band_errors_are_http_200_in_the_json_rpc_formats_only() {
    let denied = ProxyError::Denied {
        tool: "delete_file".into(),
    };
    let ctx = Context::new().jsonrpc_id(1);
    for status in [
        to_response::<JsonRpc>(&denied, &ctx).status(),
        to_response::<JsonRpcPlain>(&denied, &ctx).status(),
        to_response::<McpTool>(&denied, &ctx).status(),
    ] {
        assert_eq!(status, StatusCode::OK);
    }
    assert_eq!(
        to_json::<JsonRpcPlain>(&denied, &ctx),
        r#"{"jsonrpc":"2.0","id":1,"error":{"code":-32600,"message":"Denied: delete_file."}}"#
    );
    // Its class stays: 403 in every other format, not retryable, -32600.
    assert_eq!(
        to_response::<Problem>(&denied, &ctx).status(),
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        to_response::<Nested>(&denied, &ctx).status(),
        StatusCode::FORBIDDEN
    );
    assert_eq!(denied.status(), StatusCode::FORBIDDEN);
    assert!(!denied.retryable());
    assert!(denied.in_band() && denied.spec().in_band());
    // The body's `data.status` still says what failed.
    let body: serde_json::Value = serde_json::from_str(&to_json::<JsonRpc>(&denied, &ctx)).unwrap();
    assert_eq!(body["error"]["data"]["status"], 403);
    assert_eq!(ProxyError::UnknownMethod.jsonrpc_code(), -32601);
    assert_eq!(to_response::<JsonRpc>(&ProxyError::Limited, &ctx).status(), 429);
    assert!(!ProxyError::Limited.in_band());
}

#[test]
fn in_band_can_be_the_enums_default() {
    #[derive(ApiError)]
    #[api(in_band)]
    enum AllInBand {
        #[api(status = 400)]
        Invalid,
        #[api(status = 404)]
        Missing,
    }
    assert!(AllInBand::Invalid.in_band() && AllInBand::Missing.in_band());
    assert_eq!(
        to_response::<JsonRpc>(&AllInBand::Missing, &Context::new()).status(),
        200
    );
}

#[test]
fn the_table_and_the_contract_show_in_band_rows() {
    use errwire::catalogue::{Column, Table, contract_json};
    let table = Table::new([Column::Code, Column::Status]).render(ProxyError::CATALOGUE);
    assert!(table.contains("| denied | 200 + error object |"), "{table}");
    assert!(table.contains("| limited | 429 |"), "{table}");
    let contract: serde_json::Value = serde_json::from_str(&contract_json(ProxyError::CATALOGUE)).unwrap();
    let denied = contract["codes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["code"] == "denied")
        .unwrap();
    assert_eq!(denied["in_band"], true);
    assert_eq!(denied["status"], 403);
}

#[tokio::test]
async fn the_layer_adds_service_wide_headers_and_the_errors_own() {
    use axum::body::Body;
    use axum::routing::get;
    use errwire::http::{HeaderName, HeaderValue, Request};
    use tower::ServiceExt as _;

    async fn moved() -> Result<&'static str, AuthError> {
        Err(AuthError::Slash { id: 3 })
    }
    let app = axum::Router::new()
        .route("/ok", get(|| async { "ok" }))
        .route("/moved", get(moved))
        .layer(errwire::tower::ErrwireLayer::<Nested>::new().header(
            HeaderName::from_static("x-served-by"),
            HeaderValue::from_static("iad1"),
        ));
    for (path, status) in [("/ok", 200), ("/moved", 307), ("/nowhere", 404)] {
        let request = Request::builder().uri(path).body(Body::empty()).unwrap();
        let response = app.clone().oneshot(request).await.unwrap();
        assert_eq!(response.status(), status, "{path}");
        assert_eq!(response.headers()["x-served-by"], "iad1", "{path}");
        if path == "/moved" {
            assert_eq!(response.headers()["location"], "/items/3/");
        }
    }
}

#[actix_web::test]
async fn the_actix_middleware_adds_service_wide_headers_and_the_errors_own() {
    use actix_web::{App, test, web};
    use errwire::http::{HeaderName, HeaderValue};

    #[derive(Debug, thiserror::Error, ApiError)]
    enum Moved {
        /// Moved.
        #[error("moved")]
        #[api(status = 307, header(name = "Location", value = "/items/{0}/"))]
        Slash(u32),
    }
    async fn moved() -> Result<&'static str, Moved> {
        Err(Moved::Slash(3))
    }
    async fn slow() -> &'static str {
        tokio::time::sleep(std::time::Duration::from_secs(5)).await;
        "late"
    }
    let app = test::init_service(
        App::new()
            .wrap(
                errwire::actix::ErrwireMiddleware::<Nested>::new()
                    .timeout(std::time::Duration::from_millis(50))
                    .header(
                        HeaderName::from_static("x-served-by"),
                        HeaderValue::from_static("iad1"),
                    ),
            )
            .route("/ok", web::get().to(|| async { "ok" }))
            .route("/moved", web::get().to(moved))
            .route("/slow", web::get().to(slow)),
    )
    .await;
    for (path, status) in [("/ok", 200), ("/moved", 307), ("/nowhere", 404), ("/slow", 408)] {
        let request = test::TestRequest::get().uri(path).to_request();
        let response = match test::try_call_service(&app, request).await {
            Ok(response) => response.into_parts().1.map_into_boxed_body(),
            // A timed-out handler: actix sends the response the error carries.
            Err(error) => error.error_response(),
        };
        assert_eq!(response.status().as_u16(), status, "{path}");
        assert_eq!(response.headers().get("x-served-by").unwrap(), "iad1", "{path}");
        if path == "/moved" {
            assert_eq!(response.headers().get("location").unwrap(), "/items/3/");
        }
    }
}
