//! poem over real HTTP: a server on 127.0.0.1 port 0, reqwest as the client. Derived errors
//! from handlers and poem's own errors — the router's 404 and 405, `Json`'s media type, syntax
//! and shape, a path or query that does not parse — come out in the service's envelope with
//! errwire's codes and the request id, as problem+json when the client asks for it. (The
//! steps every transport takes are proven in `pipeline.rs`.)

use errwire::ApiError;
use errwire::format::Nested;
use errwire::poem::ErrwireMiddleware;
use poem::web::{Json, Path, Query};
use poem::{EndpointExt as _, get, handler, post};

use crate::common;
use crate::common::http::send;

#[derive(Debug, thiserror::Error, ApiError)]
#[api(domain = "accounts")]
enum AccountError {
    /// Account not found.
    #[error("account {0} missing from shard 7")]
    #[api(status = 404, message = "Account {0} not found.")]
    NotFound(u64),
}

#[derive(Debug, serde::Deserialize)]
struct NewAccount {
    #[allow(dead_code)] // read by serde only
    name: String,
}

#[derive(Debug, serde::Deserialize)]
struct Page {
    #[allow(dead_code)] // read by serde only
    limit: u32,
}

#[handler]
fn account(Path(id): Path<u64>) -> poem::Result<String> {
    if id == 1 {
        return Ok("account 1".into());
    }
    Err(AccountError::NotFound(id))?
}

#[handler]
fn create(Json(_): Json<NewAccount>) -> &'static str {
    "created"
}

#[handler]
fn list(Query(_): Query<Page>) -> &'static str {
    "listed"
}

async fn serve() -> String {
    let app = poem::Route::new()
        .at("/accounts/:id", get(account))
        .at("/accounts", post(create).get(list))
        .with(ErrwireMiddleware::<Nested>::new().negotiate_problem(true));
    crate::pipeline::serve_poem(app).await
}

const ID: &str = "poem-1";

#[tokio::test]
async fn derived_and_poems_own_errors_come_out_in_the_envelope() {
    let base = serve().await;
    let http = reqwest::Client::new();
    let json = |body: &str| {
        http.post(format!("{base}/accounts"))
            .header("content-type", "application/json")
            .body(body.to_owned())
    };
    for (what, request, status, code) in [
        (
            "a derived error",
            http.get(format!("{base}/accounts/42")),
            404,
            "not_found",
        ),
        (
            "an unknown route",
            http.get(format!("{base}/nowhere")),
            404,
            "route_not_found",
        ),
        (
            "a wrong method",
            http.delete(format!("{base}/accounts/42")),
            405,
            "method_not_allowed",
        ),
        (
            "a path that does not parse",
            http.get(format!("{base}/accounts/abc")),
            400,
            "invalid_path",
        ),
        (
            "a query that does not parse",
            http.get(format!("{base}/accounts?limit=x")),
            400,
            "invalid_query",
        ),
        ("broken JSON", json("{"), 400, "malformed_json"),
        (
            "JSON of the wrong shape",
            json(r#"{"name": 7}"#),
            422,
            "invalid_body",
        ),
        (
            "not JSON",
            http.post(format!("{base}/accounts"))
                .header("content-type", "text/plain")
                .body("x"),
            415,
            "unsupported_media_type",
        ),
    ] {
        let reply = send(request, ID).await;
        assert_eq!(reply.status, status, "{what}: {}", reply.body);
        assert_eq!(reply.body["error"]["code"], code, "{what}: {}", reply.body);
        assert_eq!(reply.request_id.as_deref(), Some(ID), "{what}");
        assert_eq!(reply.content_type, "application/json", "{what}");
    }
    // Nothing internal: the derived error's `Display` stays in the logs.
    let reply = send(http.get(format!("{base}/accounts/42")), ID).await;
    assert_eq!(reply.body["error"]["message"], "Account 42 not found.");
    assert!(!reply.body.to_string().contains("shard"));
    // A success is untouched, and carries the id.
    let ok = http.get(format!("{base}/accounts/1")).send().await.unwrap();
    assert_eq!(ok.status(), 200);
    assert!(ok.headers().contains_key("x-request-id"));
    assert_eq!(ok.text().await.unwrap(), "account 1");
}

#[tokio::test]
async fn problem_json_is_negotiated_and_valid() {
    common::http::problem_json_is_negotiated(&serve().await, ID).await;
}
