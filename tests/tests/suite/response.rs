//! `to_response`: status, headers and body together.

use errwire::format::{JsonRpc, McpTool, Nested, OAuth, Problem};
use errwire::http::StatusCode;
use errwire::http::header::{CACHE_CONTROL, CONTENT_TYPE, PRAGMA, RETRY_AFTER};
use errwire::{ApiError, Context, DefaultFormat, Format, to_json, to_response};

#[derive(Debug, ApiError)]
#[api(status = 429, format = Problem)]
enum Limited {
    /// Rate limit exceeded.
    Fixed(#[api(retry_after)] std::time::Duration),
    /// Try later.
    #[api(retry_after = 30)]
    Constant,
    /// Too many.
    Unknown,
}

fn header(
    response: &errwire::http::Response<Vec<u8>>,
    name: impl errwire::http::header::AsHeaderName,
) -> Option<&str> {
    response.headers().get(name).map(|v| v.to_str().unwrap())
}

#[test]
fn status_content_type_retry_after_and_request_id() {
    let ctx = Context::new().request_id("req_xyz123");
    let response = to_response::<Problem>(&Limited::Constant, &ctx);
    assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(header(&response, CONTENT_TYPE), Some("application/problem+json"));
    assert_eq!(header(&response, RETRY_AFTER), Some("30"));
    assert_eq!(header(&response, "x-request-id"), Some("req_xyz123"));
    assert_eq!(response.headers().len(), 3);
    assert_eq!(
        response.body(),
        to_json::<Problem>(&Limited::Constant, &ctx).as_bytes()
    );
}

#[test]
fn retry_after_is_whole_seconds_rounded_up_and_absent_when_unknown() {
    let response = to_response::<Nested>(
        &Limited::Fixed(std::time::Duration::from_millis(2500)),
        &Context::new(),
    );
    assert_eq!(header(&response, RETRY_AFTER), Some("3"));
    let response = to_response::<Nested>(&Limited::Unknown, &Context::new());
    assert_eq!(header(&response, RETRY_AFTER), None);
    assert_eq!(header(&response, "x-request-id"), None);
    assert_eq!(header(&response, CONTENT_TYPE), Some("application/json"));
}

#[test]
fn oauth_forbids_caching() {
    let response = to_response::<OAuth>(&Limited::Unknown, &Context::new());
    assert_eq!(header(&response, CACHE_CONTROL), Some("no-store"));
    assert_eq!(header(&response, PRAGMA), Some("no-cache"));
}

#[test]
fn mcp_tool_results_are_http_200_and_json_rpc_keeps_the_status() {
    let response = to_response::<McpTool>(&Limited::Unknown, &Context::new());
    assert_eq!(response.status(), StatusCode::OK);
    let response = to_response::<JsonRpc>(&Limited::Unknown, &Context::new());
    assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
}

#[test]
fn unsafe_request_ids_stay_out_of_headers_but_the_body_is_still_valid() {
    for id in ["a\r\nSet-Cookie: x=1", "caf\u{e9}", "with space", "\0", ""] {
        let response = to_response::<Nested>(&Limited::Unknown, &Context::new().request_id(id));
        assert_eq!(header(&response, "x-request-id"), None, "{id:?}");
        let body: serde_json::Value = serde_json::from_slice(response.body()).unwrap();
        assert_eq!(body["error"]["request_id"], id);
    }
}

#[test]
fn the_format_key_sets_the_default_format() {
    fn content_type<E: DefaultFormat>() -> &'static str {
        <E::Format as Format>::CONTENT_TYPE
    }
    assert_eq!(content_type::<Limited>(), "application/problem+json");

    #[derive(ApiError)]
    #[api(status = 400)]
    struct Plain;
    assert_eq!(content_type::<Plain>(), "application/json");
    fn is_nested<E: DefaultFormat<Format = Nested>>() {}
    is_nested::<Plain>();
    is_nested::<Box<dyn ApiError + Send + Sync>>();
}
