//! Field violations: `#[api(violations)]`, `Violation`, and how each format writes them —
//! golden bodies, RFC 9457 `errors` whose pointers resolve in the body they came from, and
//! the bounds (100 violations, 1 KiB per text).

use crate::common;

use errwire::format::{Flat, JsonRpc, McpTool, Nested, OAuth, Problem, Simple};
use errwire::{ApiError, Context, Violation, to_json};
use serde_json::{Value, json};

#[derive(Debug, ApiError)]
enum SignupError {
    /// The request has invalid fields.
    #[api(status = 422, message = "{0} field(s) are invalid.")]
    Invalid(usize, #[api(violations)] Vec<Violation>),
    /// The body is invalid.
    #[api(status = 400)]
    Body {
        #[api(violations)]
        violations: [Violation; 1],
    },
    /// Not found.
    #[api(status = 404)]
    Missing,
}

fn invalid() -> SignupError {
    SignupError::Invalid(
        2,
        vec![
            Violation::new("email", "invalid_format", "Not an email address."),
            Violation::new("items[2].name", "too_long", "At most 40 characters."),
        ],
    )
}

fn body<F: errwire::Format>(error: &SignupError) -> Value {
    serde_json::from_str(&to_json::<F>(
        error,
        &Context::new().request_id("req_1").jsonrpc_id(7),
    ))
    .unwrap()
}

#[test]
fn the_trait_returns_the_field() {
    assert_eq!(invalid().violations().len(), 2);
    assert_eq!(invalid().violations()[1].field(), "items[2].name");
    assert_eq!(invalid().violations()[1].code(), "too_long");
    assert_eq!(invalid().violations()[1].message(), "At most 40 characters.");
    assert!(SignupError::Missing.violations().is_empty());
    let boxed: Box<dyn ApiError + Send + Sync> = Box::new(invalid());
    assert_eq!(boxed.violations().len(), 2);
}

#[test]
fn golden_bodies_in_every_format() {
    let e = invalid();
    let list = json!([
        {"field": "email", "code": "invalid_format", "message": "Not an email address."},
        {"field": "items[2].name", "code": "too_long", "message": "At most 40 characters."}
    ]);
    assert_eq!(
        body::<Nested>(&e),
        json!({"error": {"code": "invalid", "message": "2 field(s) are invalid.", "request_id": "req_1", "violations": list}})
    );
    assert_eq!(
        body::<Flat>(&e),
        json!({"ok": false, "code": "invalid", "detail": "2 field(s) are invalid.", "error": "2 field(s) are invalid.", "request_id": "req_1", "violations": list})
    );
    assert_eq!(
        to_json::<Problem>(&e, &Context::new()),
        r##"{"type":"about:blank","title":"Unprocessable Entity","status":422,"detail":"2 field(s) are invalid.","code":"invalid","errors":[{"detail":"Not an email address.","pointer":"#/email","code":"invalid_format"},{"detail":"At most 40 characters.","pointer":"#/items/2/name","code":"too_long"}]}"##
    );
    assert_eq!(
        body::<JsonRpc>(&e)["error"]["data"],
        json!({"code": "invalid", "status": 422, "retryable": false, "request_id": "req_1", "violations": list})
    );
    assert_eq!(
        body::<McpTool>(&e)["structuredContent"],
        json!({"code": "invalid", "retryable": false, "request_id": "req_1", "violations": list})
    );
    // OAuth has no place for them.
    assert_eq!(
        body::<OAuth>(&e),
        json!({"error": "invalid", "error_description": "2 field(s) are invalid."})
    );
}

#[test]
fn simple_writes_the_first_violation_as_a_vercel_style_api_does() {
    // A message of its own: `error_description` is it, `field` the first violation's.
    assert_eq!(
        to_json::<Simple>(&invalid(), &Context::new()),
        r#"{"error":"invalid","error_description":"2 field(s) are invalid.","field":"email"}"#
    );
    // No message of its own (a doc comment): the violation's message describes the error.
    let body = SignupError::Body {
        violations: [Violation::new(
            "iso2",
            "invalid_request",
            "iso2 must be two letters.",
        )],
    };
    assert_eq!(
        to_json::<Simple>(&body, &Context::new()),
        r#"{"error":"body","error_description":"iso2 must be two letters.","field":"iso2"}"#
    );
}

#[test]
fn problem_errors_validate_and_every_pointer_resolves_in_the_body() {
    let request = json!({"email": "x", "items": [{}, {}, {"name": "n"}], "a/b": {"~c": 1}, "naïve key": 0});
    let error = SignupError::Invalid(
        4,
        vec![
            Violation::new("email", "invalid_format", "bad"),
            Violation::new("items[2].name", "too_long", "bad"),
            Violation::new("[\"a/b\"][\"~c\"]", "range", "bad"),
            Violation::new("naïve key", "unknown", "bad"),
        ],
    );
    let problem = body::<Problem>(&error);
    let schema = common::validator(
        &serde_json::from_str(include_str!("../../standards/rfc9457-appendix-a.schema.json")).unwrap(),
    );
    assert!(schema.is_valid(&problem), "{problem}");
    let uri = common::validator(&json!({"type": "string", "format": "uri-reference"}));
    for entry in problem["errors"].as_array().unwrap() {
        let fragment = entry["pointer"].as_str().unwrap();
        assert!(uri.is_valid(&entry["pointer"]), "{fragment}");
        let pointer = common::fragment_to_pointer(fragment);
        assert!(
            request.pointer(&pointer).is_some(),
            "{fragment} → {pointer} does not resolve"
        );
    }
}

#[test]
fn at_most_a_hundred_are_written_and_the_rest_are_counted() {
    let many: Vec<Violation> = (0..250)
        .map(|i| Violation::new(format!("items[{i}]"), "bad", "x".repeat(5000)))
        .collect();
    let error = SignupError::Invalid(250, many);
    let nested = body::<Nested>(&error);
    assert_eq!(
        nested["error"]["violations"].as_array().unwrap().len(),
        errwire::MAX_VIOLATIONS
    );
    assert_eq!(nested["error"]["violations_omitted"], 150);
    let message = nested["error"]["violations"][0]["message"].as_str().unwrap();
    assert_eq!(message.len(), errwire::MAX_VIOLATION_TEXT);
    let problem = body::<Problem>(&error);
    assert_eq!(problem["errors"].as_array().unwrap().len(), 100);
    assert_eq!(problem["errors_omitted"], 150);
}

#[test]
fn without_violations_nothing_is_written() {
    for text in [
        to_json::<Nested>(&SignupError::Missing, &Context::new()),
        to_json::<Problem>(&SignupError::Missing, &Context::new()),
        to_json::<Simple>(&SignupError::Missing, &Context::new()),
    ] {
        assert!(
            !text.contains("violations") && !text.contains("errors") && !text.contains("field"),
            "{text}"
        );
    }
}
