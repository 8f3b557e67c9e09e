//! salvo over real HTTP: a server on 127.0.0.1 port 0, reqwest as the client. Derived errors
//! from handlers and salvo's own errors — the router's 404 and 405, `JsonBody`'s media type,
//! syntax and shape, a body over its limit, a path that does not parse — come out in the
//! service's envelope with errwire's codes and the request id, as problem+json when the client
//! asks for it. (The steps every transport takes are proven in `pipeline.rs`.)

use errwire::format::Nested;
use errwire::salvo::ErrwireHoop;
use salvo::extract::{JsonBody, PathParam};
use salvo::{Router, Service, Writer as _, handler};

use crate::common;
use crate::common::http::{AccountError, NewAccount};

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
    common::http::expect_errors(
        &base,
        ID,
        vec![
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
            (
                "a body over its limit",
                http.post(format!("{base}/uploads")).body("x".repeat(64)),
                413,
                "payload_too_large",
            ),
        ],
    )
    .await;
    common::http::nothing_internal_and_success_untouched(&base, ID).await;
    // salvo's 405 keeps its `Allow` header.
    let response = http.delete(format!("{base}/accounts/42")).send().await.unwrap();
    assert!(
        response.headers().contains_key("allow"),
        "{:?}",
        response.headers()
    );
}

#[tokio::test]
async fn problem_json_is_negotiated_and_valid() {
    common::http::problem_json_is_negotiated(&serve().await, ID).await;
}
