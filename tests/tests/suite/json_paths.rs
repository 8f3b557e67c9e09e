//! JSON bodies that do not fit, through real axum and actix-web servers on 127.0.0.1: the
//! `invalid_body` rejection names the field that failed, and in problem+json its `pointer`
//! resolves in the very body the client sent (nested objects and lists).

use crate::common;

use actix_web::{App, HttpServer, web};
use errwire::format::Problem;
use serde_json::{Value, json};

#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct Order {
    customer: Customer,
    items: Vec<Item>,
}

#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct Customer {
    email: String,
}

#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct Item {
    name: String,
    quantity: u32,
}

async fn axum_service() -> String {
    async fn create(errwire::axum::Json(order): errwire::axum::Json<Order>) -> String {
        format!("{} items", order.items.len())
    }
    let app = axum::Router::new()
        .route("/orders", axum::routing::post(create))
        .layer(errwire::tower::ErrwireLayer::<Problem>::new());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    format!("http://{address}/orders")
}

fn actix_service() -> (String, actix_web::dev::ServerHandle) {
    async fn create(order: errwire::actix::Json<Order>) -> String {
        format!("{} items", order.0.items.len())
    }
    let server = HttpServer::new(|| {
        App::new()
            .wrap(errwire::actix::ErrwireMiddleware::<Problem>::new())
            .service(web::resource("/orders").route(web::post().to(create)))
    })
    .workers(1)
    .bind(("127.0.0.1", 0))
    .unwrap();
    let address = server.addrs()[0];
    let server = server.run();
    let handle = server.handle();
    actix_web::rt::spawn(server);
    (format!("http://{address}/orders"), handle)
}

/// Bodies of the right JSON but the wrong shape, with the field each must name.
fn misfits() -> Vec<(Value, &'static str, &'static str)> {
    vec![
        (
            json!({"customer": {"email": "a@example.com"}, "items": [{"name": "a", "quantity": 1}, {"name": 7, "quantity": 1}]}),
            "#/items/1/name",
            "invalid_type",
        ),
        (
            json!({"customer": {"email": "a@example.com"}, "items": [{"name": "a", "quantity": -3}]}),
            "#/items/0/quantity",
            "invalid_value",
        ),
        (
            json!({"customer": {"email": 42}, "items": []}),
            "#/customer/email",
            "invalid_type",
        ),
        (
            json!({"customer": {"email": "a@example.com", "phone": "1"}, "items": []}),
            "#/customer/phone",
            "unknown_field",
        ),
    ]
}

async fn check(url: &str) {
    let client = reqwest::Client::new();
    let schema = common::validator(
        &serde_json::from_str(include_str!("../../standards/rfc9457-appendix-a.schema.json")).unwrap(),
    );
    for (sent, pointer, code) in misfits() {
        let response = client.post(url).json(&sent).send().await.unwrap();
        assert_eq!(response.status(), 422, "{url} {sent}");
        assert_eq!(response.headers()["content-type"], "application/problem+json");
        let body: Value = response.json().await.unwrap();
        assert!(schema.is_valid(&body), "{body}");
        assert_eq!(body["code"], "invalid_body");
        let error = &body["errors"][0];
        assert_eq!(error["pointer"], pointer, "{url} {sent}");
        assert_eq!(error["code"], code);
        // The pointer resolves in what the client sent.
        let resolved = sent.pointer(&common::fragment_to_pointer(pointer));
        assert!(resolved.is_some(), "{pointer} does not resolve in {sent}");
        // Nothing of serde's text (which quotes the input and our types) is sent.
        let text = body.to_string();
        for serde_words in [
            "invalid type:",
            "invalid value:",
            "expected u32",
            "unknown field `",
        ] {
            assert!(!text.contains(serde_words), "{body}");
        }
    }
    // A missing field is named where it should be; its parent resolves.
    let sent = json!({"customer": {}, "items": []});
    let body: Value = client
        .post(url)
        .json(&sent)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(body["errors"][0]["pointer"], "#/customer/email");
    assert_eq!(body["errors"][0]["code"], "missing_field");
    assert!(sent.pointer("/customer").is_some());
    // Broken JSON and the wrong content type stay what they were.
    let broken = client
        .post(url)
        .header("content-type", "application/json")
        .body("{")
        .send()
        .await
        .unwrap();
    assert_eq!(broken.status(), 400);
    let body: Value = broken.json().await.unwrap();
    assert_eq!(body["code"], "malformed_json");
    assert!(body.get("errors").is_none());
    let text = client.post(url).body("{}").send().await.unwrap();
    assert_eq!(text.status(), 415);
}

#[tokio::test]
async fn axum_json_rejections_name_the_field() {
    check(&axum_service().await).await;
}

#[actix_web::test]
async fn actix_json_rejections_name_the_field() {
    let (url, handle) = actix_service();
    check(&url).await;
    handle.stop(true).await;
}
