//! Every built-in format on errors of every shape, checked on exact bytes.

use errwire::format::{Flat, JsonRpc, JsonRpcPlain, McpTool, Nested, OAuth, Problem, Simple};
use errwire::{ApiError, Context, to_json};

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
    #[api(
        status = 429,
        message = "Slow down, {who}.",
        title = "Slow down",
        help = "Respect the Retry-After header."
    )]
    Limited {
        who: String,
        #[api(retry_after)]
        wait: u64,
        #[api(detail)]
        scope: &'static str,
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
    }
}

fn full() -> Context<'static> {
    Context::new()
        .request_id("req_xyz123")
        .instance("/accounts/1")
        .jsonrpc_id(7)
}

#[test]
fn nested() {
    assert_eq!(
        to_json::<Nested>(&Shapes::NotFound, &Context::new()),
        r#"{"error":{"code":"not_found","message":"Resource not found."}}"#
    );
    assert_eq!(
        to_json::<Nested>(&taken(), &full()),
        r#"{"error":{"code":"workspace_slug_taken","message":"The slug 'acme' is already in use.","request_id":"req_xyz123","details":{"suggestion":"acme-corp"}}}"#
    );
}

#[test]
fn flat() {
    assert_eq!(
        to_json::<Flat>(&limited(), &full()),
        r#"{"ok":false,"code":"limited","detail":"Slow down, Ada.","error":"Slow down, Ada.","request_id":"req_xyz123","details":{"scope":"user"}}"#
    );
    assert_eq!(
        to_json::<Flat>(&Shapes::NotFound, &Context::new()),
        r#"{"ok":false,"code":"not_found","detail":"Resource not found.","error":"Resource not found."}"#
    );
}

#[test]
fn problem() {
    assert_eq!(
        to_json::<Problem>(&Shapes::NotFound, &full()),
        r#"{"type":"https://docs.example.com/errors#not_found","title":"Not Found","status":404,"detail":"Resource not found.","instance":"/accounts/1","code":"not_found","request_id":"req_xyz123"}"#
    );
    assert_eq!(
        to_json::<Problem>(&limited(), &Context::new()),
        r#"{"type":"https://docs.example.com/errors#limited","title":"Slow down","status":429,"detail":"Slow down, Ada.","code":"limited","scope":"user"}"#
    );
}

#[derive(Debug, ApiError)]
#[api(status = 400)]
enum Undocumented {
    /// The request is invalid.
    BadRequest,
}

#[test]
fn problem_type_is_about_blank_without_docs() {
    assert_eq!(
        to_json::<Problem>(&Undocumented::BadRequest, &Context::new()),
        r#"{"type":"about:blank","title":"Bad Request","status":400,"detail":"The request is invalid.","code":"bad_request"}"#
    );
}

#[test]
fn oauth() {
    assert_eq!(
        to_json::<OAuth>(&taken(), &full()),
        r#"{"error":"workspace_slug_taken","error_description":"The slug 'acme' is already in use.","error_uri":"https://docs.example.com/errors#workspace_slug_taken"}"#
    );
    assert_eq!(
        to_json::<OAuth>(&Undocumented::BadRequest, &Context::new()),
        r#"{"error":"bad_request","error_description":"The request is invalid."}"#
    );
}

#[test]
fn simple() {
    assert_eq!(
        to_json::<Simple>(&Shapes::NotFound, &full()),
        r#"{"error":"not_found"}"#
    );
    assert_eq!(
        to_json::<Simple>(&taken(), &full()),
        r#"{"error":"workspace_slug_taken","error_description":"The slug 'acme' is already in use.","suggestion":"acme-corp"}"#
    );
}

#[test]
fn jsonrpc() {
    assert_eq!(
        to_json::<JsonRpc>(&limited(), &full()),
        r#"{"jsonrpc":"2.0","id":7,"error":{"code":-32000,"message":"Slow down, Ada.","data":{"code":"limited","status":429,"retryable":true,"retry_after":30,"request_id":"req_xyz123","details":{"scope":"user"}}}}"#
    );
    assert_eq!(
        to_json::<JsonRpc>(&Shapes::NotFound, &Context::new()),
        r#"{"jsonrpc":"2.0","id":null,"error":{"code":-32601,"message":"Resource not found.","data":{"code":"not_found","status":404,"retryable":false}}}"#
    );
    assert_eq!(
        to_json::<JsonRpcPlain>(&taken(), &Context::new().jsonrpc_id("abc")),
        r#"{"jsonrpc":"2.0","id":"abc","error":{"code":-32000,"message":"The slug 'acme' is already in use."}}"#
    );
}

#[test]
fn mcp_tool() {
    assert_eq!(
        to_json::<McpTool>(&limited(), &full()),
        r#"{"content":[{"type":"text","text":"Slow down, Ada."}],"isError":true,"structuredContent":{"code":"limited","retryable":true,"retry_after":30,"request_id":"req_xyz123","details":{"scope":"user"}}}"#
    );
    assert_eq!(
        to_json::<McpTool>(&Shapes::NotFound, &Context::new()),
        r#"{"content":[{"type":"text","text":"Resource not found."}],"isError":true,"structuredContent":{"code":"not_found","retryable":false}}"#
    );
}

#[test]
fn concrete_and_dyn_errors_render_the_same() {
    let error = limited();
    let boxed: Box<dyn ApiError + Send + Sync> = Box::new(limited());
    let by_ref: &dyn ApiError = &error;
    let ctx = full();
    assert_eq!(to_json::<Problem>(&error, &ctx), to_json::<Problem>(by_ref, &ctx));
    assert_eq!(to_json::<Problem>(&error, &ctx), to_json::<Problem>(&boxed, &ctx));
    assert_eq!(to_json::<Nested>(&error, &ctx), to_json::<Nested>(&*boxed, &ctx));
}

/// A detail whose `Serialize` fails.
struct Unserializable;

impl serde::Serialize for Unserializable {
    fn serialize<S: serde::Serializer>(&self, _: S) -> Result<S::Ok, S::Error> {
        Err(serde::ser::Error::custom("refuses"))
    }
}

#[derive(ApiError)]
#[api(status = 500)]
enum Broken {
    /// Internal server error.
    Internal(#[api(detail = "state")] Unserializable),
}

#[test]
fn a_failing_detail_renders_the_error_without_details() {
    let error = Broken::Internal(Unserializable);
    assert_eq!(
        to_json::<Nested>(&error, &Context::new()),
        r#"{"error":{"code":"internal","message":"Internal server error."}}"#
    );
    assert_eq!(
        to_json::<Problem>(&error, &Context::new()),
        r#"{"type":"about:blank","title":"Internal Server Error","status":500,"detail":"Internal server error.","code":"internal"}"#
    );
}

/// The formats that put details at the top level write only member names the derive keeps
/// details from taking (`errwire::rules::RESERVED_MEMBER_NAMES`): the rule and the formats
/// agree, so no detail is ever dropped or overwritten.
#[test]
fn flattening_formats_write_only_reserved_member_names() {
    #[derive(ApiError)]
    #[api(docs = "https://docs.example.com/errors#{code}")]
    enum Full {
        #[api(status = 409, message = "Taken: {slug}.", title = "Slug taken")]
        Taken {
            slug: String,
            #[api(detail)]
            suggestion: String,
        },
    }
    let error = Full::Taken {
        slug: "acme".into(),
        suggestion: "acme-corp".into(),
    };
    let ctx = Context::new()
        .request_id("req_1")
        .instance("/accounts/1")
        .jsonrpc_id(1);
    for body in [
        errwire::to_json::<errwire::format::Problem>(&error, &ctx),
        errwire::to_json::<errwire::format::Simple>(&error, &ctx),
    ] {
        let body: serde_json::Value = serde_json::from_str(&body).unwrap();
        let own: Vec<&String> = body
            .as_object()
            .unwrap()
            .keys()
            .filter(|k| k.as_str() != "suggestion")
            .collect();
        assert!(own.len() >= 2, "{body}");
        for name in own {
            assert!(
                errwire::rules::is_reserved_member_name(name),
                "`{name}` is written at the top level but a detail may take it"
            );
        }
    }
}
