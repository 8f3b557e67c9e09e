//! salvo over real HTTP: a server on 127.0.0.1 port 0, reqwest as the client. Derived errors
//! from handlers and salvo's own errors — the router's 404 and 405, `JsonBody`'s media type,
//! syntax and shape, a body over its limit, a path that does not parse — come out in the
//! service's envelope with errwire's codes and the request id, as problem+json when the client
//! asks for it. (The steps every transport takes are proven in `pipeline.rs`.)

use errwire::ApiError;
use errwire::format::Nested;
use errwire::salvo::ErrwireHoop;
use salvo::extract::{JsonBody, PathParam};
use salvo::{Router, Service, Writer as _, handler};

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

#[handler]
async fn account(id: PathParam<u64>) -> Result<&'static str, AccountError> {
    match *id {
        1 => Ok("account 1"),
        id => Err(AccountError::NotFound(id)),
    }
}

#[handler]
async fn create(_new: JsonBody<NewAccount>) -> &'static str {
    "created"
}

#[handler]
async fn upload(req: &mut salvo::Request) -> Result<&'static str, salvo::http::ParseError> {
    req.payload_with_max_size(16).await?;
    Ok("uploaded")
}

async fn serve() -> String {
    let router = Router::new()
        .push(Router::with_path("accounts/{id}").get(account))
        .push(Router::with_path("accounts").post(create))
        .push(Router::with_path("uploads").post(upload));
    let service = Service::new(router).hoop(ErrwireHoop::<Nested>::new().negotiate_problem(true));
    crate::pipeline::serve_salvo(service).await
}

const ID: &str = "salvo-1";

#[tokio::test]
async fn derived_and_salvos_own_errors_come_out_in_the_envelope() {
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
            "bad_request",
        ),
        ("broken JSON", json("{"), 400, "malformed_json"),
        (
            "JSON of the wrong shape",
            json(r#"{"name": 7}"#),
            422,
            "invalid_body",
        ),
        (
            "a body over its limit",
            http.post(format!("{base}/uploads")).body("x".repeat(64)),
            413,
            "payload_too_large",
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
    // salvo's 405 keeps its `Allow` header.
    let response = http.delete(format!("{base}/accounts/42")).send().await.unwrap();
    assert!(
        response.headers().contains_key("allow"),
        "{:?}",
        response.headers()
    );
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
