//! rocket over real HTTP: a server on 127.0.0.1 port 0, reqwest as the client. Derived errors
//! from handlers and rocket's own errors — no route, a method no route serves (rocket answers
//! 404), `Json`'s broken JSON and wrong shape, a path parameter that does not parse, a body
//! over its limit — come out in the service's envelope with errwire's codes and the request
//! id, as problem+json when the client asks for it, through the catcher the fairing
//! registers; a catcher of the user's own still wins. (The steps every transport takes are
//! proven in `pipeline.rs`.)

use errwire::format::Nested;
use errwire::rocket::ErrwireFairing;
use rocket::serde::json::Json;

use crate::common;
use crate::common::http::{AccountError, NewAccount};

#[rocket::get("/accounts/<id>")]
fn account(id: u64) -> Result<&'static str, AccountError> {
    match id {
        1 => Ok("account 1"),
        id => Err(AccountError::NotFound(id)),
    }
}

#[rocket::post("/accounts", data = "<_new>")]
fn create(_new: Json<NewAccount>) -> &'static str {
    "created"
}

#[rocket::catch(418)]
fn teapot() -> &'static str {
    "the user's own catcher"
}

async fn serve() -> String {
    let limits = rocket::data::Limits::default().limit("json", rocket::data::ByteUnit::Byte(64));
    let rocket = rocket::custom(rocket::Config::figment().merge(("limits", limits)))
        .mount("/", rocket::routes![account, create])
        .register("/", rocket::catchers![teapot])
        .attach(ErrwireFairing::<Nested>::new().negotiate_problem(true));
    crate::pipeline::serve_rocket(rocket).await
}

const ID: &str = "rocket-1";

#[tokio::test]
async fn derived_and_rockets_own_errors_come_out_in_the_envelope() {
    let base = serve().await;
    let http = reqwest::Client::new();
    let json = |body: &str| {
        http.post(format!("{base}/accounts"))
            .header("content-type", "application/json")
            .body(body.to_owned())
    };
    common::http::expect_errors(
        &base,
        ID,
        vec![
            (
                "a method no route serves",
                http.delete(format!("{base}/accounts/42")),
                404,
                "route_not_found",
            ),
            (
                "a path that does not parse",
                http.get(format!("{base}/accounts/abc")),
                400,
                "bad_request",
            ),
            (
                "a body over its limit",
                json(&format!(r#"{{"name": "{}"}}"#, "x".repeat(100))),
                413,
                "payload_too_large",
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

#[rocket::get("/tea")]
fn tea() -> rocket::http::Status {
    rocket::http::Status::ImATeapot
}

#[tokio::test]
async fn a_catcher_of_the_users_own_still_wins() {
    let rocket = rocket::build()
        .mount("/", rocket::routes![tea])
        .register("/", rocket::catchers![teapot])
        .attach(ErrwireFairing::<Nested>::new());
    let base = crate::pipeline::serve_rocket(rocket).await;
    let response = reqwest::get(format!("{base}/tea")).await.unwrap();
    assert_eq!(response.status(), 418);
    assert!(response.headers().contains_key("x-request-id"));
    assert_eq!(response.text().await.unwrap(), "the user's own catcher");
}
