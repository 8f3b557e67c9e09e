//! OpenAPI through the `aide` feature, as `openapi.rs` checks it through utoipa: an aide
//! `ApiRouter` with errwire's extractors and derived errors, its generated document parsed by
//! `oas3` as OpenAPI 3.1, one response per status with every code a named example, the codes
//! as the examples of an open set, `Retry-After` where retryable, the merged responses of several types, and every
//! example body — and every real body — valid against the schema documented for it.

use crate::common;

use aide::axum::ApiRouter;
use aide::axum::routing::{get, post_with};
use aide::openapi::{Info, OpenApi};
use aide::transform::TransformOpenApi;
use common::validator;
use errwire::format::Problem;
use errwire::openapi::aide::document;
use errwire::openapi::{Framework, Responses, Served, WithProblem};
use errwire::{ApiError, Context, FrameworkError, to_json};
use serde_json::{Value, json};

#[derive(Debug, ApiError)]
#[api(domain = "orders", docs = "https://docs.example.com/errors#{code}", format = Problem)]
enum OrderError {
    /// No such order.
    #[api(status = 404)]
    OrderNotFound,
    /// At most 100 widgets per order.
    #[api(status = 422)]
    QuantityTooLarge,
    /// Too many orders; retry later.
    #[api(status = 429, retry_after = 30)]
    RateLimited,
    /// Another order holds the stock.
    #[api(status = 409)]
    StockHeld,
}

#[derive(serde::Deserialize, schemars::JsonSchema)]
struct NewOrder {
    quantity: u32,
}

#[derive(serde::Deserialize, schemars::JsonSchema)]
struct OrderId {
    id: u64,
}

async fn order(errwire::axum::Path(order): errwire::axum::Path<OrderId>) -> Result<String, OrderError> {
    match order.id {
        0 => Err(OrderError::StockHeld),
        _ => Err(OrderError::OrderNotFound),
    }
}

async fn create(errwire::axum::Json(new): errwire::axum::Json<NewOrder>) -> Result<String, OrderError> {
    if new.quantity > 100 {
        return Err(OrderError::QuantityTooLarge);
    }
    Err(OrderError::RateLimited)
}

/// The `OpenApi` aide generates for the router, finished with `finish`.
fn generated(finish: fn(TransformOpenApi<'_>) -> TransformOpenApi<'_>) -> OpenApi {
    let mut api = OpenApi {
        info: Info {
            title: "orders".into(),
            version: "1.0.0".into(),
            ..Info::default()
        },
        ..OpenApi::default()
    };
    let _router: axum::Router = ApiRouter::new()
        .api_route("/orders/{id}", get(order))
        .api_route(
            "/orders",
            post_with(create, |op| {
                op.with(document::<WithProblem<(Framework<Problem>, OrderError)>>)
            }),
        )
        .finish_api_with(&mut api, finish);
    api
}

/// The document aide generates for a router using errwire's types.
fn document_json() -> Value {
    let api = generated(|api| api);
    let text = serde_json::to_string_pretty(&api).unwrap();
    let parsed = oas3::from_json(&text).unwrap_or_else(|e| panic!("oas3 rejects the document: {e}\n{text}"));
    assert_eq!(parsed.openapi, "3.1.0");
    serde_json::from_str(&text).unwrap()
}

#[test]
fn a_handlers_error_type_documents_every_code() {
    let doc = document_json();
    let responses = &doc["paths"]["/orders/{id}"]["get"]["responses"];
    let statuses: Vec<&String> = responses.as_object().unwrap().keys().collect();
    assert_eq!(statuses, ["200", "404", "409", "422", "429"], "{responses}");
    let content = &responses["404"]["content"]["application/problem+json"];
    assert_eq!(
        content["examples"]["order_not_found"]["value"],
        json!({
            "type": "https://docs.example.com/errors#order_not_found",
            "title": "Not Found",
            "status": 404,
            "detail": "No such order.",
            "code": "order_not_found"
        })
    );
    assert_eq!(
        content["examples"]["order_not_found"]["summary"],
        "No such order."
    );
    assert_eq!(
        content["schema"]["properties"]["code"]["examples"],
        json!([
            "order_not_found",
            "quantity_too_large",
            "rate_limited",
            "stock_held"
        ]),
        "one schema for the type, at every status"
    );
    assert_eq!(
        responses["429"]["headers"]["Retry-After"]["schema"]["type"],
        "integer"
    );
    assert!(responses["404"].get("headers").is_none());
    // errwire's `Path` documents the parameter as axum's does.
    let parameter = &doc["paths"]["/orders/{id}"]["get"]["parameters"][0];
    assert_eq!(
        (&parameter["name"], &parameter["in"]),
        (&json!("id"), &json!("path"))
    );
}

#[test]
fn merged_responses_list_the_frameworks_codes_and_problem_json() {
    let doc = document_json();
    let post = &doc["paths"]["/orders"]["post"];
    // errwire's `Json` documents the request body as axum's does.
    assert!(
        post["requestBody"]["content"]["application/json"]["schema"].is_object(),
        "{post}"
    );
    let r422 = &post["responses"]["422"]["content"]["application/problem+json"];
    let examples: Vec<&String> = r422["examples"].as_object().unwrap().keys().collect();
    assert_eq!(examples, ["invalid_body", "quantity_too_large"]);
    // One schema for the route's types at every status: every code of both.
    let codes = r422["schema"]["properties"]["code"]["examples"]
        .as_array()
        .unwrap();
    assert!(codes.contains(&json!("invalid_body")) && codes.contains(&json!("quantity_too_large")));
    assert_eq!(r422["schema"]["title"], "FrameworkErrorOrOrderError");
    let r400 = &post["responses"]["400"]["content"]["application/problem+json"]["examples"];
    for code in ["bad_request", "malformed_json", "invalid_path", "invalid_query"] {
        assert!(r400.get(code).is_some(), "{code} missing at 400: {r400}");
    }
}

#[test]
fn every_example_and_every_real_body_validates_against_its_schema() {
    let doc = document_json();
    let mut checked = 0;
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, operation) in item.as_object().unwrap() {
            for (status, response) in operation["responses"].as_object().unwrap() {
                let Some(content) = response.get("content").and_then(Value::as_object) else {
                    continue;
                };
                for (content_type, media) in content {
                    let Some(examples) = media.get("examples").and_then(Value::as_object) else {
                        continue;
                    };
                    let schema = validator(&media["schema"]);
                    for (code, example) in examples {
                        let body = &example["value"];
                        assert!(
                            schema.is_valid(body),
                            "{method} {path} {status} {content_type} {code}: {body} against {}",
                            media["schema"]
                        );
                        checked += 1;
                    }
                }
            }
        }
    }
    assert!(checked >= 30, "only {checked} examples");

    // Real bodies with a full context, framework-made and derived.
    let ctx = Context::new().request_id("req_1").instance("/orders");
    let post = &doc["paths"]["/orders"]["post"]["responses"];
    let bodies = [
        (422, to_json::<Problem>(&FrameworkError::InvalidBody, &ctx)),
        (422, to_json::<Problem>(&OrderError::QuantityTooLarge, &ctx)),
        (429, to_json::<Problem>(&OrderError::RateLimited, &ctx)),
        (400, to_json::<Problem>(&FrameworkError::MalformedJson, &ctx)),
    ];
    for (status, body) in bodies {
        let schema = &post[status.to_string()]["content"]["application/problem+json"]["schema"];
        let body: Value = serde_json::from_str(&body).unwrap();
        assert!(validator(schema).is_valid(&body), "{body} against {schema}");
    }
    // The code set is open: a new code validates, a code that is not a string does not.
    let mut unknown: Value =
        serde_json::from_str(&to_json::<Problem>(&OrderError::RateLimited, &ctx)).unwrap();
    unknown["code"] = json!("added_later");
    let schema = &post["429"]["content"]["application/problem+json"]["schema"];
    assert!(validator(schema).is_valid(&unknown));
    unknown["code"] = json!(7);
    assert!(!validator(schema).is_valid(&unknown));
}

#[test]
fn aide_and_utoipa_document_the_same_responses() {
    use utoipa::IntoResponses as _;
    let from_utoipa =
        serde_json::to_value(Responses::<(Framework<Problem>, OrderError)>::responses()).unwrap();
    let mut operation = aide::openapi::Operation::default();
    let _ = aide::transform::TransformOperation::new(&mut operation)
        .with(document::<Responses<(Framework<Problem>, OrderError)>>);
    let from_aide = serde_json::to_value(&operation).unwrap()["responses"].clone();
    for (status, response) in from_utoipa.as_object().unwrap() {
        assert_eq!(
            from_aide[status]["content"], response["content"],
            "{status}: aide and utoipa differ"
        );
        assert_eq!(from_aide[status]["description"], response["description"]);
    }
    assert_eq!(
        from_aide.as_object().unwrap().len(),
        from_utoipa.as_object().unwrap().len()
    );
}

#[derive(serde::Deserialize, schemars::JsonSchema)]
struct Search {
    limit: u8,
}

#[derive(Debug, ApiError)]
#[api(domain = "orders")]
enum StockError {
    /// No stock matches the search.
    #[api(status = 404)]
    NoStock,
}

async fn search(errwire::axum::Query(search): errwire::axum::Query<Search>) -> Result<String, StockError> {
    if search.limit > 0 {
        return Err(StockError::NoStock);
    }
    Ok("[]".into())
}

/// A live service documented by aide: a Nested service (its layer negotiates problem+json),
/// every route listing the framework's errors beside its own — `OrderError`'s own format is
/// `Problem`, but the layer sends it as Nested, and `Served` documents it so.
fn live_service() -> (axum::Router, Value) {
    use errwire::format::Nested;
    type Documented<E> = WithProblem<Served<Nested, (Framework<Nested>, E)>>;
    let mut api = OpenApi::default();
    let router: axum::Router = ApiRouter::new()
        .api_route(
            "/orders/{id}",
            aide::axum::routing::get_with(order, |op| op.with(document::<Documented<OrderError>>)),
        )
        .api_route(
            "/orders",
            post_with(create, |op| op.with(document::<Documented<OrderError>>)),
        )
        .api_route(
            "/stock",
            aide::axum::routing::get_with(search, |op| op.with(document::<Documented<StockError>>)),
        )
        .finish_api(&mut api)
        .layer(errwire::tower::ErrwireLayer::<Nested>::new().negotiate_problem(true));
    (router, serde_json::to_value(&api).unwrap())
}

/// The equivalent of a schema-driven tester: every error the live service sends — derived and
/// framework-made, in its own envelope and negotiated as problem+json — is looked up in the
/// document by route, method, status and content type, and must be documented there and
/// validate against that schema.
#[tokio::test]
async fn a_live_service_sends_only_documented_bodies() {
    let (router, doc) = live_service();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, router).await });
    let client = reqwest::Client::new();
    // (method, documented route, request, JSON body, expected status)
    type Call = (
        &'static str,
        &'static str,
        &'static str,
        Option<&'static str>,
        u16,
    );
    let calls: [Call; 9] = [
        ("get", "/orders/{id}", "/orders/7", None, 404),
        ("get", "/orders/{id}", "/orders/0", None, 409),
        ("get", "/orders/{id}", "/orders/seven", None, 400), // invalid_path
        ("post", "/orders", "/orders", Some(r#"{"quantity":500}"#), 422),
        ("post", "/orders", "/orders", Some(r#"{"quantity":5}"#), 429),
        ("post", "/orders", "/orders", Some(r#"{"quantity":"#), 400), // malformed_json
        ("post", "/orders", "/orders", Some(r#"{"quantity":"many"}"#), 422), // invalid_body
        ("get", "/stock", "/stock?limit=3", None, 404),
        ("get", "/stock", "/stock?limit=lots", None, 400), // invalid_query
    ];
    let mut checked = Vec::new();
    for accept in ["application/json", "application/problem+json"] {
        for (method, template, uri, body, expected) in calls {
            let url = format!("http://{addr}{uri}");
            let request = match body {
                Some(text) => client
                    .post(&url)
                    .header("content-type", "application/json")
                    .body(text),
                None => client.get(&url),
            };
            let response = request.header("accept", accept).send().await.unwrap();
            let status = response.status().as_u16();
            assert_eq!(status, expected, "{method} {uri}");
            let content_type = response.headers()["content-type"].to_str().unwrap().to_owned();
            let body: Value = response.json().await.unwrap();
            let documented = &doc["paths"][template][method]["responses"][status.to_string()];
            let schema = &documented["content"][content_type.as_str()]["schema"];
            assert!(
                schema.is_object(),
                "{method} {uri} sent {status} {content_type}, undocumented: {documented}"
            );
            assert!(
                validator(schema).is_valid(&body),
                "{method} {uri} {status} {content_type}: {body} against {schema}"
            );
            checked.push(
                body["code"]
                    .as_str()
                    .or(body["error"]["code"].as_str())
                    .unwrap()
                    .to_owned(),
            );
        }
    }
    checked.sort();
    checked.dedup();
    assert_eq!(
        checked,
        [
            "invalid_body",
            "invalid_path",
            "invalid_query",
            "malformed_json",
            "no_stock",
            "order_not_found",
            "quantity_too_large",
            "rate_limited",
            "stock_held"
        ]
    );
}

/// `Served` documents a type in the layer's format: without it a `format = Problem` type
/// behind a Nested layer is documented as problem+json only, though the layer sends Nested.
#[test]
fn served_documents_types_in_the_layers_format() {
    use errwire::format::Nested;
    use utoipa::IntoResponses as _;
    let own = serde_json::to_value(Responses::<(OrderError,)>::responses()).unwrap();
    assert!(own["404"]["content"].get("application/json").is_none());
    let served = serde_json::to_value(Responses::<Served<Nested, (OrderError,)>>::responses()).unwrap();
    let content = served["404"]["content"].as_object().unwrap();
    assert_eq!(content.keys().collect::<Vec<_>>(), ["application/json"]);
    let body: Value =
        serde_json::from_str(&to_json::<Nested>(&OrderError::OrderNotFound, &Context::new())).unwrap();
    assert!(validator(&content["application/json"]["schema"]).is_valid(&body));
}

#[test]
fn error_schemas_makes_each_envelope_one_component() {
    let api = generated(errwire::openapi::aide::error_schemas);
    let doc = serde_json::to_value(&api).unwrap();
    let schemas = doc["components"]["schemas"].as_object().unwrap();
    for name in ["OrderError", "FrameworkErrorOrOrderError"] {
        assert!(
            schemas.contains_key(name),
            "{name}: {:?}",
            schemas.keys().collect::<Vec<_>>()
        );
    }
    let get404 =
        &doc["paths"]["/orders/{id}"]["get"]["responses"]["404"]["content"]["application/problem+json"];
    let get409 =
        &doc["paths"]["/orders/{id}"]["get"]["responses"]["409"]["content"]["application/problem+json"];
    assert_eq!(
        get404["schema"],
        json!({"$ref": "#/components/schemas/OrderError"})
    );
    assert_eq!(
        get409["schema"], get404["schema"],
        "one schema for the type at every status"
    );
    let post422 = &doc["paths"]["/orders"]["post"]["responses"]["422"]["content"]["application/problem+json"];
    assert_eq!(
        post422["schema"],
        json!({"$ref": "#/components/schemas/FrameworkErrorOrOrderError"})
    );
    let shared = validator(&schemas["FrameworkErrorOrOrderError"]);
    for example in post422["examples"].as_object().unwrap().values() {
        assert!(shared.is_valid(&example["value"]), "{example}");
    }
}
