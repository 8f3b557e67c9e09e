//! poem-openapi: a derived type is an `ApiResponse` — every status documented, the envelope
//! one component schema whose code member knows every code — and, behind the errwire
//! middleware, the operation's errors come out in that envelope over real HTTP; every body
//! validates against the schema the document gives it.

use errwire::ApiError;
use errwire::format::Problem;
use errwire::poem::ErrwireMiddleware;
use poem::EndpointExt as _;
use poem_openapi::param::Path;
use poem_openapi::payload::PlainText;
use poem_openapi::{OpenApi, OpenApiService};
use serde_json::{Value, json};

/// The orders' errors; `salvo_oapi.rs` documents the same type with salvo-oapi.
#[derive(Debug, thiserror::Error, ApiError)]
#[api(format = Problem, docs = "https://docs.example.com/errors#{code}")]
pub(crate) enum OrderError {
    /// No such order.
    #[error("order {0} not found in shard 3")]
    #[api(status = 404)]
    NotFound(u64),
    /// The order is locked.
    #[error("locked")]
    #[api(status = 409)]
    Locked,
    /// The order was already shipped.
    #[error("shipped")]
    #[api(status = 409)]
    Shipped,
    /// Too many requests.
    #[error("rate limited")]
    #[api(status = 429, retry_after = 30)]
    RateLimited,
}

struct Orders;

#[OpenApi]
impl Orders {
    #[oai(path = "/orders/:id", method = "get")]
    async fn order(&self, id: Path<u64>) -> Result<PlainText<String>, OrderError> {
        match id.0 {
            1 => Ok(PlainText("order 1".into())),
            7 => Err(OrderError::RateLimited),
            8 => Err(OrderError::Shipped),
            9 => Err(OrderError::Locked),
            id => Err(OrderError::NotFound(id)),
        }
    }
}

#[tokio::test]
async fn every_status_is_documented_and_every_body_fits_its_schema() {
    let service = OpenApiService::new(Orders, "orders", "1");
    let spec: Value = serde_json::from_str(&service.spec()).unwrap();
    let responses = &spec["paths"]["/orders/{id}"]["get"]["responses"];
    for status in ["404", "409", "429"] {
        assert_eq!(
            responses[status]["content"]["application/problem+json"]["schema"]["$ref"],
            "#/components/schemas/OrderError",
            "{status}: {responses}"
        );
    }
    // One status, two codes: the description names both.
    let conflict = responses["409"]["description"].as_str().unwrap();
    assert!(
        conflict.contains("locked") && conflict.contains("shipped"),
        "{conflict}"
    );
    assert!(
        responses["429"]["headers"].get("Retry-After").is_some(),
        "{responses}"
    );
    let schema = &spec["components"]["schemas"]["OrderError"];
    let code = schema["properties"]["code"]["description"].as_str().unwrap();
    for known in ["not_found", "locked", "shipped", "rate_limited"] {
        assert!(code.contains(known), "{code}");
    }

    let app = poem::Route::new()
        .nest("/", service)
        .with(ErrwireMiddleware::<Problem>::new());
    let base = crate::pipeline::serve_poem(app).await;
    let validator = crate::common::validator(&json!({
        "$ref": "#/components/schemas/OrderError",
        "components": spec["components"],
    }));
    for (id, status, code) in [
        (42, 404, "not_found"),
        (8, 409, "shipped"),
        (9, 409, "locked"),
        (7, 429, "rate_limited"),
    ] {
        let response = reqwest::get(format!("{base}/orders/{id}")).await.unwrap();
        assert_eq!(response.status(), status);
        assert_eq!(response.headers()["content-type"], "application/problem+json");
        assert!(response.headers().contains_key("x-request-id"));
        let body: Value = response.json().await.unwrap();
        assert_eq!(body["code"], code);
        assert!(!body.to_string().contains("shard"), "{body}");
        assert!(validator.is_valid(&body), "{body}");
    }
    // poem-openapi's own error (a path parameter that does not parse), in the envelope.
    let response = reqwest::get(format!("{base}/orders/abc")).await.unwrap();
    assert_eq!(response.status(), 400);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["code"], "bad_request", "{body}");
}
