//! salvo-oapi: a derived type is an `EndpointOutRegister` — every status documented, every code
//! a named example, the envelope one component schema whose code member knows every code — and,
//! behind the errwire hoop, the endpoint's errors come out in that envelope over real HTTP;
//! every body validates against the schema the document gives it.

use errwire::format::Problem;
use errwire::salvo::ErrwireHoop;
use salvo::{Router, Service, Writer as _};
use salvo_oapi::extract::PathParam;
use salvo_oapi::{OpenApi, endpoint};
use serde_json::{Value, json};

// The same type poem-openapi's test documents: one error type, two OpenAPI crates.
use crate::poem_openapi::OrderError;

/// One order.
#[endpoint]
async fn order(id: PathParam<u64>) -> Result<&'static str, OrderError> {
    match *id {
        1 => Ok("order 1"),
        7 => Err(OrderError::RateLimited),
        8 => Err(OrderError::Shipped),
        9 => Err(OrderError::Locked),
        id => Err(OrderError::NotFound(id)),
    }
}

#[tokio::test]
async fn every_status_is_documented_and_every_body_fits_its_schema() {
    let router = Router::with_path("orders/{id}").get(order);
    let spec = serde_json::to_value(OpenApi::new("orders", "1").merge_router(&router)).unwrap();
    let responses = &spec["paths"]["/orders/{id}"]["get"]["responses"];
    for status in ["404", "409", "429"] {
        assert_eq!(
            responses[status]["content"]["application/problem+json"]["schema"]["$ref"],
            "#/components/schemas/OrderError",
            "{status}: {responses}"
        );
    }
    // One status, two codes: each a named example.
    let examples = &responses["409"]["content"]["application/problem+json"]["examples"];
    assert!(
        examples.get("locked").is_some() && examples.get("shipped").is_some(),
        "{examples}"
    );
    assert!(
        responses["429"]["headers"].get("Retry-After").is_some(),
        "{responses}"
    );
    let code = &spec["components"]["schemas"]["OrderError"]["properties"]["code"]["examples"];
    for known in ["not_found", "locked", "shipped", "rate_limited"] {
        assert!(code.as_array().unwrap().contains(&json!(known)), "{code}");
    }

    let service = Service::new(router).hoop(ErrwireHoop::<Problem>::new());
    let base = crate::pipeline::serve_salvo(service).await;
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
}
