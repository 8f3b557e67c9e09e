//! poem over real HTTP: a server on 127.0.0.1 port 0, reqwest as the client. Derived errors
//! from handlers and poem's own errors — the router's 404 and 405, `Json`'s media type, syntax
//! and shape, a path or query that does not parse — come out in the service's envelope with
//! errwire's codes and the request id, as problem+json when the client asks for it. (The
//! steps every transport takes are proven in `pipeline.rs`.)

use errwire::format::Nested;
use errwire::poem::ErrwireMiddleware;
use poem::web::{Json, Path, Query};
use poem::{EndpointExt as _, get, handler, post};

use crate::common;
use crate::common::http::{AccountError, NewAccount};

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
                "invalid_path",
            ),
            (
                "a query that does not parse",
                http.get(format!("{base}/accounts?limit=x")),
                400,
                "invalid_query",
            ),
            (
                "not JSON",
                http.post(format!("{base}/accounts"))
                    .header("content-type", "text/plain")
                    .body("x"),
                415,
                "unsupported_media_type",
            ),
        ],
    )
    .await;
    common::http::nothing_internal_and_success_untouched(&base, ID).await;
}

#[tokio::test]
async fn problem_json_is_negotiated_and_valid() {
    common::http::problem_json_is_negotiated(&serve().await, ID).await;
}
