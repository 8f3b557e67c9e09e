//! OpenAPI through the `utoipa` feature: one response per status, each code a named example
//! with its real body, the envelope's schema with the known codes as examples of an open set. The document is
//! serialized by utoipa, parsed by `oas3` as OpenAPI 3.1, and every real body (minimal and
//! with a full context) validates against the schema it documents.

use crate::common;

use common::validator;
use errwire::format::{Flat, Nested, Problem};
use errwire::{ApiError, Context, to_json};
use serde_json::{Value, json};
use utoipa::IntoResponses;
use utoipa::openapi::path::{HttpMethod, OperationBuilder, PathItem};
use utoipa::openapi::{InfoBuilder, OpenApiBuilder, PathsBuilder, ResponsesBuilder};

#[derive(Debug, ApiError)]
#[api(domain = "accounts", docs = "https://docs.example.com/errors#{code}", format = Problem)]
enum ProblemError {
    /// Slug already in use.
    #[api(status = 409, message = "The slug '{slug}' is already in use.")]
    SlugTaken {
        slug: String,
        #[api(detail)]
        suggestion: String,
    },
    /// Resource is in a state that doesn't allow this op.
    #[api(status = 409)]
    StateConflict,
    /// Too many requests.
    #[api(status = 429, retry_after = 30)]
    RateLimited,
    /// Some fields are invalid.
    #[api(status = 422)]
    Invalid(#[api(violations)] Vec<errwire::Violation>),
    /// The workspace moved.
    #[api(status = 308, header(name = "Location", value = "/v2/workspaces"))]
    Moved,
}

fn document() -> Value {
    let get = |responses| OperationBuilder::new().responses(responses).build();
    let paths = PathsBuilder::new()
        .path(
            "/accounts/{id}",
            PathItem::new(
                HttpMethod::Get,
                get(ResponsesBuilder::new()
                    .responses_from_into_responses::<accounts::AccountsError>()
                    .build()),
            ),
        )
        .path(
            "/workspaces",
            PathItem::new(
                HttpMethod::Post,
                get(ResponsesBuilder::new()
                    .responses_from_into_responses::<ProblemError>()
                    .build()),
            ),
        );
    let openapi = OpenApiBuilder::new()
        .info(InfoBuilder::new().title("errwire test").version("1.0.0").build())
        .paths(paths)
        .build();
    let text = openapi.to_pretty_json().unwrap();
    let parsed = oas3::from_json(&text).unwrap_or_else(|e| panic!("oas3 rejects the document: {e}\n{text}"));
    let version = parsed.validate_version().unwrap();
    assert_eq!((version.major, version.minor), (3, 1));
    serde_json::from_str(&text).unwrap()
}

#[test]
fn one_response_per_status_with_every_code_as_a_named_example() {
    let doc = document();
    let responses = &doc["paths"]["/workspaces"]["post"]["responses"];
    assert_eq!(
        responses.as_object().unwrap().keys().collect::<Vec<_>>(),
        ["308", "409", "422", "429"]
    );
    let conflict = &responses["409"];
    assert_eq!(conflict["description"], "Conflict");
    let content = &conflict["content"]["application/problem+json"];
    let examples = content["examples"].as_object().unwrap();
    assert_eq!(
        examples.keys().collect::<Vec<_>>(),
        ["slug_taken", "state_conflict"]
    );
    assert_eq!(
        examples["state_conflict"]["value"],
        json!({
            "type": "https://docs.example.com/errors#state_conflict",
            "title": "Conflict",
            "status": 409,
            "detail": "Resource is in a state that doesn't allow this op.",
            "code": "state_conflict"
        })
    );
    assert_eq!(examples["slug_taken"]["summary"], "Slug already in use.");
    // One schema for the type at every status: its codes are all the type's codes.
    assert_eq!(
        content["schema"]["properties"]["code"]["examples"],
        json!(["slug_taken", "state_conflict", "rate_limited", "invalid", "moved"])
    );
    assert_eq!(content["schema"]["title"], "ProblemError");
    assert_eq!(
        content["schema"],
        responses["429"]["content"]["application/problem+json"]["schema"]
    );
    assert!(responses["429"]["headers"]["Retry-After"].is_object());
    assert!(conflict["headers"].get("Retry-After").is_none());
}

#[test]
fn nested_envelopes_get_their_schema_and_known_codes_too() {
    let doc = document();
    let responses = &doc["paths"]["/accounts/{id}"]["get"]["responses"];
    let schema = &responses["404"]["content"]["application/json"]["schema"];
    assert_eq!(schema["required"], json!(["error"]));
    let error = &schema["properties"]["error"];
    let codes: Vec<&str> = accounts::AccountsError::CATALOGUE
        .iter()
        .map(|s| s.code())
        .collect();
    assert!(codes.contains(&"account_not_found"));
    assert_eq!(error["properties"]["code"]["examples"], json!(codes));
    assert_eq!(error["required"], json!(["code", "message"]));
    assert_eq!(error["properties"]["request_id"]["type"], "string");
    assert_eq!(error["properties"]["details"]["additionalProperties"], true);
}

#[test]
fn real_bodies_validate_against_the_documented_schemas() {
    let doc = document();
    let ctx = Context::new()
        .request_id("req_xyz123")
        .instance("/workspaces/acme")
        .jsonrpc_id(4);
    let problem = &doc["paths"]["/workspaces"]["post"]["responses"];
    let cases = [
        ProblemError::SlugTaken {
            slug: "acme".into(),
            suggestion: "acme-corp".into(),
        },
        ProblemError::StateConflict,
        ProblemError::RateLimited,
        ProblemError::Invalid(vec![
            errwire::Violation::new("members[3].email", "invalid_format", "Not an email address."),
            errwire::Violation::new("name", "too_long", "At most 40 characters."),
        ]),
        ProblemError::Moved,
    ];
    for error in &cases {
        let schema = &problem[error.status().as_str()]["content"]["application/problem+json"]["schema"];
        let validator = validator(schema);
        for ctx in [Context::new(), ctx.clone()] {
            let body: Value = serde_json::from_str(&to_json::<Problem>(error, &ctx)).unwrap();
            assert!(validator.is_valid(&body), "{body} against {schema}");
        }
    }
    let nested = &doc["paths"]["/accounts/{id}"]["get"]["responses"];
    for error in [
        accounts::AccountsError::NotFound(1),
        accounts::AccountsError::SlugTaken { slug: "acme".into() },
        accounts::AccountsError::RateLimited(30),
    ] {
        let schema = &nested[error.status().as_str()]["content"]["application/json"]["schema"];
        let body: Value = serde_json::from_str(&to_json::<Nested>(&error, &ctx)).unwrap();
        assert!(validator(schema).is_valid(&body), "{body} against {schema}");
    }
    // The code set is open: tomorrow's new code validates against today's document (a new
    // code is not a breaking change), a code that is not a string does not.
    let schema = &nested["404"]["content"]["application/json"]["schema"];
    assert!(validator(schema).is_valid(&json!({"error": {"code": "added_later", "message": "m"}})));
    assert!(!validator(schema).is_valid(&json!({"error": {"code": 7, "message": "m"}})));
    let code = &schema["properties"]["error"]["properties"]["code"];
    assert!(code.get("enum").is_none(), "{code}");
    assert!(
        code["description"].as_str().unwrap().contains("the set grows"),
        "{code}"
    );
}

#[test]
fn into_responses_is_the_same_as_the_function() {
    assert!(ProblemError::responses() == errwire::openapi::responses::<ProblemError>());
}

#[test]
fn violations_and_declared_headers_are_documented() {
    let doc = document();
    let responses = &doc["paths"]["/workspaces"]["post"]["responses"];
    let schema = &responses["422"]["content"]["application/problem+json"]["schema"];
    let errors = &schema["properties"]["errors"];
    assert_eq!(errors["type"], "array", "{schema}");
    let item = &errors["items"]["properties"];
    for member in ["detail", "pointer", "code"] {
        assert_eq!(item[member]["type"], "string", "{member} in {errors}");
    }
    let moved = &responses["308"];
    assert_eq!(
        moved["headers"]["location"]["schema"]["type"], "string",
        "{moved}"
    );
    assert_eq!(moved["headers"]["location"]["description"], "Sent with moved.");
    // A body with violations that does not match the documented shape is refused.
    let mut bad: Value = serde_json::from_str(&to_json::<Problem>(
        &ProblemError::Invalid(vec![errwire::Violation::new("a", "b", "c")]),
        &Context::new(),
    ))
    .unwrap();
    bad["errors"][0]["pointer"] = json!(7);
    assert!(!validator(schema).is_valid(&bad));
}

/// A domain error that shares 422 (and 404) with the framework's own errors.
#[derive(Debug, ApiError)]
#[api(format = Problem)]
enum WidgetError {
    /// Too many widgets in one order.
    #[api(status = 422)]
    QuantityTooLarge,
    /// No such widget.
    #[api(status = 404)]
    WidgetNotFound,
}

/// A type in another envelope with the same content type as `accounts::AccountsError`'s.
#[derive(Debug, ApiError)]
#[api(format = Flat)]
enum FlatError {
    /// Missing.
    #[api(status = 404)]
    Missing,
}

#[test]
fn types_sharing_a_status_are_merged_not_overwritten() {
    use errwire::FrameworkError;
    use errwire::openapi::{Framework, Responses};

    let merged = Responses::<(Framework<Problem>, WidgetError)>::responses();
    let as_json = |status: &str| serde_json::to_value(&merged[status]).unwrap();
    let r422 = as_json("422");
    let content = &r422["content"]["application/problem+json"];
    let examples: Vec<&String> = content["examples"].as_object().unwrap().keys().collect();
    assert_eq!(examples, ["invalid_body", "quantity_too_large"], "{r422}");
    let schema = validator(&content["schema"]);
    let ctx = Context::new().request_id("req_1").instance("/orders");
    for body in [
        to_json::<Problem>(&FrameworkError::InvalidBody, &ctx),
        to_json::<Problem>(&WidgetError::QuantityTooLarge, &ctx),
    ] {
        let body: Value = serde_json::from_str(&body).unwrap();
        assert!(schema.is_valid(&body), "{body} against {}", content["schema"]);
    }
    let mut unknown: Value =
        serde_json::from_str(&to_json::<Problem>(&WidgetError::QuantityTooLarge, &ctx)).unwrap();
    unknown["code"] = json!("added_later");
    assert!(schema.is_valid(&unknown), "the merged code set is open");
    unknown["code"] = json!(7);
    assert!(!schema.is_valid(&unknown), "the merged code is still a string");
    let r404 = as_json("404");
    let examples: Vec<&String> = r404["content"]["application/problem+json"]["examples"]
        .as_object()
        .unwrap()
        .keys()
        .collect();
    assert_eq!(examples, ["route_not_found", "widget_not_found"]);
    let schema404 = validator(&r404["content"]["application/problem+json"]["schema"]);
    for body in [
        to_json::<Problem>(&FrameworkError::RouteNotFound, &ctx),
        to_json::<Problem>(&WidgetError::WidgetNotFound, &ctx),
    ] {
        assert!(
            schema404.is_valid(&serde_json::from_str::<Value>(&body).unwrap()),
            "{body}"
        );
    }
    // Listed as utoipa lists two types, the last one wins: the bug this type fixes.
    let mut last_wins = <FrameworkError as IntoResponses>::responses();
    last_wins.extend(<WidgetError as IntoResponses>::responses());
    let lost = serde_json::to_value(&last_wins["422"]).unwrap();
    let kept: Vec<&String> = lost["content"]["application/problem+json"]["examples"]
        .as_object()
        .unwrap()
        .keys()
        .collect();
    assert_eq!(kept, ["quantity_too_large"], "{lost}");
    assert!(lost["content"].get("application/json").is_none());

    // The merged responses make a valid OpenAPI 3.1 document.
    let operation = OperationBuilder::new()
        .responses(
            ResponsesBuilder::new()
                .responses_from_into_responses::<Responses<(Framework<Problem>, WidgetError)>>()
                .build(),
        )
        .build();
    let openapi = OpenApiBuilder::new()
        .info(InfoBuilder::new().title("merge").version("1.0.0").build())
        .paths(PathsBuilder::new().path("/orders", PathItem::new(HttpMethod::Post, operation)))
        .build();
    let text = openapi.to_pretty_json().unwrap();
    oas3::from_json(&text).unwrap_or_else(|e| panic!("oas3 rejects the document: {e}\n{text}"));
}

#[test]
fn negotiated_problem_and_shared_content_types_are_documented() {
    use errwire::openapi::{Responses, WithProblem};

    // A Nested type behind a layer that negotiates problem+json: both content types.
    let both = WithProblem::<(accounts::AccountsError,)>::responses();
    let r404 = serde_json::to_value(&both["404"]).unwrap();
    let content = r404["content"].as_object().unwrap();
    assert!(
        content.contains_key("application/json") && content.contains_key("application/problem+json"),
        "{r404}"
    );
    let ctx = Context::new();
    let problem_body: Value =
        serde_json::from_str(&to_json::<Problem>(&accounts::AccountsError::NotFound(1), &ctx)).unwrap();
    assert!(validator(&content["application/problem+json"]["schema"]).is_valid(&problem_body));

    // Two envelopes with one content type at one status: a `oneOf`, both bodies valid.
    let shared = Responses::<(accounts::AccountsError, FlatError)>::responses();
    let r404 = serde_json::to_value(&shared["404"]).unwrap();
    let json_content = &r404["content"]["application/json"];
    assert_eq!(
        json_content["schema"]["oneOf"].as_array().map(Vec::len),
        Some(2),
        "{r404}"
    );
    let schema = validator(&json_content["schema"]);
    for body in [
        to_json::<Nested>(&accounts::AccountsError::NotFound(1), &ctx),
        to_json::<Flat>(&FlatError::Missing, &ctx),
    ] {
        let body: Value = serde_json::from_str(&body).unwrap();
        assert!(schema.is_valid(&body), "{body}");
    }
    assert!(json_content["examples"].get("missing").is_some());
}

/// The schema a response's content refers to, followed through `components/schemas`.
fn resolved<'d>(doc: &'d Value, schema: &'d Value) -> &'d Value {
    match schema["$ref"].as_str() {
        Some(reference) => {
            let name = reference.strip_prefix("#/components/schemas/").unwrap();
            &doc["components"]["schemas"][name]
        }
        None => schema,
    }
}

#[test]
fn the_modifier_makes_each_envelope_one_component_that_every_response_refers_to() {
    use utoipa::Modify;

    let mut openapi: utoipa::openapi::OpenApi = serde_json::from_value(document()).unwrap();
    errwire::openapi::ErrorSchemas.modify(&mut openapi);
    let text = openapi.to_pretty_json().unwrap();
    oas3::from_json(&text).unwrap_or_else(|e| panic!("oas3 rejects the shared document: {e}\n{text}"));
    let doc: Value = serde_json::from_str(&text).unwrap();
    let schemas = doc["components"]["schemas"].as_object().unwrap();
    assert_eq!(
        schemas.keys().collect::<Vec<_>>(),
        ["AccountsError", "ProblemError"]
    );
    assert!(!text.contains("x-errwire-schema"), "the marks are gone");
    let mut refs = 0;
    for (path, name, content_type) in [
        ("/workspaces", "post", "application/problem+json"),
        ("/accounts/{id}", "get", "application/json"),
    ] {
        for (status, response) in doc["paths"][path][name]["responses"].as_object().unwrap() {
            let content = &response["content"][content_type];
            let schema = &content["schema"];
            assert!(schema["$ref"].is_string(), "{path} {status}: {schema}");
            refs += 1;
            // Every documented example still validates against the shared schema.
            let validator = validator(resolved(&doc, schema));
            for example in content["examples"].as_object().unwrap().values() {
                assert!(
                    validator.is_valid(&example["value"]),
                    "{path} {status}: {example}"
                );
            }
        }
    }
    assert!(refs >= 5, "{refs}");
    assert_eq!(schemas["ProblemError"]["title"], "ProblemError");

    // Run again: nothing moves; a document errwire did not mark is left as it was.
    let before = serde_json::to_value(&openapi).unwrap();
    errwire::openapi::ErrorSchemas.modify(&mut openapi);
    assert_eq!(serde_json::to_value(&openapi).unwrap(), before);
}

#[test]
fn two_different_schemas_under_one_name_keep_both() {
    let mut doc = json!({"paths": {
        "/a": {"get": {"responses": {"400": {"content": {"application/json": {"schema":
            {"type": "object", "x-errwire-schema": "E"}}}}}}},
        "/b": {"get": {"responses": {"400": {"content": {"application/json": {"schema":
            {"type": "string", "x-errwire-schema": "E"}}}}}}},
    }});
    errwire::openapi::share_schemas(&mut doc);
    assert_eq!(
        doc["components"]["schemas"],
        json!({"E": {"type": "object"}, "E.2": {"type": "string"}})
    );
    assert_eq!(
        doc["paths"]["/b"]["get"]["responses"]["400"]["content"]["application/json"]["schema"],
        json!({"$ref": "#/components/schemas/E.2"})
    );
}

#[test]
fn a_type_in_a_format_not_its_own_is_named_for_the_format_too() {
    let responses =
        serde_json::to_value(errwire::openapi::responses_for::<Nested>(ProblemError::CATALOGUE)).unwrap();
    assert_eq!(
        responses["409"]["content"]["application/json"]["schema"]["title"],
        "ProblemError.Nested"
    );
}

/// Every envelope's catalogue document (`openapi::document_for`) is OpenAPI 3.1 to `oas3`,
/// answers each code at the status the envelope sends it with, and every real body of every
/// code validates against its `ErrorBody` schema, whose code member is `ErrorCode`.
#[test]
fn every_envelope_documents_the_bodies_it_sends() {
    let ctx = Context::new().request_id("req_1").instance("/w").jsonrpc_id(2);
    let cases = [
        ProblemError::SlugTaken {
            slug: "acme".into(),
            suggestion: "acme-corp".into(),
        },
        ProblemError::StateConflict,
        ProblemError::RateLimited,
        ProblemError::Invalid(vec![
            errwire::Violation::new("members[3].email", "invalid_format", "Not an email.")
                .param("kind", "email"),
            errwire::Violation::new("name", "too_long", "At most 40 characters."),
        ]),
        ProblemError::Moved,
    ];
    common::every_format!(F => {
        let text = errwire::openapi::document_for::<F>(ProblemError::CATALOGUE);
        let name = <F as errwire::Format>::DESCRIPTOR.map_or("", |d| d.name);
        let parsed = oas3::from_json(&text).unwrap_or_else(|e| panic!("{name}: oas3: {e}"));
        assert_eq!(parsed.validate_version().unwrap().minor, 1);
        let doc: Value = serde_json::from_str(&text).unwrap();
        let schema = json!({
            "$ref": "#/components/schemas/ErrorBody",
            "components": doc["components"],
        });
        let validator = validator(&schema);
        for error in &cases {
            let status = <F as errwire::Format>::status(error);
            let response = &doc["components"]["responses"][status.as_str()];
            assert!(response.is_object(), "{name}: no response for {status}");
            for ctx in [Context::new(), ctx.clone()] {
                let body: Value = serde_json::from_str(&to_json::<F>(error, &ctx)).unwrap();
                let errors: Vec<String> = validator.iter_errors(&body).map(|e| e.to_string()).collect();
                assert!(errors.is_empty(), "{name}: {body}\n{errors:?}");
            }
        }
        // The code member is the open `ErrorCode` string, where the descriptor says it lives.
        assert!(text.contains("\"$ref\": \"#/components/schemas/ErrorCode\"") || name == "JsonRpcPlain", "{name}");
    });
}
