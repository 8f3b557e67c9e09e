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

/// A violation's parameters: written as `params` where the format has room, in the order
/// given, valid against RFC 9457's schema, read back by the client; at most `MAX_PARAMS`.
#[test]
fn parameters_are_written_and_read_back() {
    let error = SignupError::Invalid(
        1,
        vec![
            Violation::new("name", "too_long", "At most 100 characters.")
                .param("max", 100)
                .param("actual", 140)
                .param("max", 120),
        ],
    );
    let params = json!({"max": 120, "actual": 140});
    assert_eq!(
        body::<Nested>(&error)["error"]["violations"][0],
        json!({"field": "name", "code": "too_long", "message": "At most 100 characters.", "params": params})
    );
    assert_eq!(body::<Flat>(&error)["violations"][0]["params"], params);
    assert_eq!(
        body::<JsonRpc>(&error)["error"]["data"]["violations"][0]["params"],
        params
    );
    assert_eq!(
        body::<McpTool>(&error)["structuredContent"]["violations"][0]["params"],
        params
    );
    let problem = body::<Problem>(&error);
    assert_eq!(
        problem["errors"][0],
        json!({"detail": "At most 100 characters.", "pointer": "#/name", "code": "too_long", "params": params})
    );
    let schema = common::validator(
        &serde_json::from_str(include_str!("../../standards/rfc9457-appendix-a.schema.json")).unwrap(),
    );
    assert!(schema.is_valid(&problem));
    // Exact bytes: the order given, the last value of a repeated name.
    assert!(to_json::<Nested>(&error, &Context::new()).contains(r#""params":{"max":120,"actual":140}"#));

    for text in [
        to_json::<Nested>(&error, &Context::new()),
        to_json::<Problem>(&error, &Context::new()),
    ] {
        let status = errwire::http::StatusCode::UNPROCESSABLE_ENTITY;
        let remote =
            errwire::client::RemoteError::decode(status, &errwire::http::HeaderMap::new(), text.as_bytes())
                .unwrap();
        let read: Vec<(String, Value)> = remote.violations()[0]
            .params()
            .map(|(name, value)| (name.to_owned(), value.clone()))
            .collect();
        assert_eq!(
            read,
            [("max".to_owned(), json!(120)), ("actual".to_owned(), json!(140))],
            "{text}"
        );
    }

    let many = (0..40).fold(Violation::new("f", "c", "m"), |v, i| v.param(format!("p{i}"), i));
    let error = SignupError::Invalid(1, vec![many]);
    let written = &body::<Nested>(&error)["error"]["violations"][0]["params"];
    assert_eq!(written.as_object().unwrap().len(), errwire::MAX_PARAMS);
    // No parameters, no member.
    assert!(
        body::<Nested>(&invalid())["error"]["violations"][0]
            .get("params")
            .is_none()
    );
}

/// A violation's message in the request's language: `violation-<code>` with its parameters as
/// Fluent variables, in every format and in gRPC's `BadRequest` (with the error's own message
/// as `LocalizedMessage`); an untranslated code keeps its message.
#[test]
fn violation_messages_are_translated_with_their_parameters() {
    use errwire::i18n::Translations;

    let fr = Translations::parse([(
        "fr",
        "invalid = Champs invalides : { $arg0 }.\nviolation-too_long = Au plus { $max } caractères ({ $actual } reçus).\n",
    )])
    .unwrap();
    let error = SignupError::Invalid(
        2,
        vec![
            Violation::new("name", "too_long", "At most 120 characters.")
                .param("max", 120)
                .param("actual", 140),
            Violation::new("email", "invalid_format", "Not an email address."),
        ],
    );
    let ctx = Context::new()
        .translations(&fr)
        .accept_language("fr-CA, en;q=0.5");
    let expected = "Au plus 120 caractères (140 reçus).";
    let nested: Value = serde_json::from_str(&to_json::<Nested>(&error, &ctx)).unwrap();
    assert_eq!(nested["error"]["violations"][0]["message"], expected);
    assert_eq!(
        nested["error"]["violations"][1]["message"],
        "Not an email address."
    );
    let problem: Value = serde_json::from_str(&to_json::<Problem>(&error, &ctx)).unwrap();
    assert_eq!(problem["errors"][0]["detail"], expected);
    let simple: Value = serde_json::from_str(&to_json::<Simple>(&error, &ctx)).unwrap();
    assert_eq!(simple["error_description"], "Champs invalides : 2.");
    // Without the translations, the violation's own message.
    let plain: Value = serde_json::from_str(&to_json::<Flat>(&error, &Context::new())).unwrap();
    assert_eq!(plain["violations"][0]["message"], "At most 120 characters.");

    let status = errwire::tonic::status(&error, &ctx);
    let details = tonic_types::StatusExt::get_error_details(&status);
    let bad_request = details.bad_request().unwrap();
    assert_eq!(bad_request.field_violations[0].description, expected);
    let localized = details.localized_message().unwrap();
    assert_eq!(
        (localized.locale.as_str(), localized.message.as_str()),
        ("fr", "Champs invalides : 2.")
    );
}

/// `Translations::check` holds the locales' violation messages to each other: each in every
/// locale, with the variables of the first.
#[test]
fn the_checker_compares_violation_messages_across_locales() {
    use errwire::i18n::{Mistake, check};

    let specs = SignupError::CATALOGUE;
    let all = "invalid = a\nbody = b\nmissing = c\n";
    let fr = format!("{all}violation-too_long = Au plus {{ $max }}.\n");
    let de = format!("{all}violation-too_long = Höchstens {{ $maximum }}.\n");
    let mistakes = check([("fr", fr.as_str()), ("de", de.as_str()), ("it", all)], specs).unwrap_err();
    assert_eq!(
        mistakes,
        [
            Mistake::Missing {
                code: "violation-too_long".into(),
                locale: "it".into()
            },
            Mistake::UnknownVariable {
                code: "violation-too_long".into(),
                variable: "maximum".into(),
                locale: "de".into(),
                file: "de.ftl".into(),
                line: 4
            },
        ]
    );
    // Agreeing locales pass (a violation message is not an unknown code).
    assert_eq!(check([("fr", fr.as_str()), ("de", fr.as_str())], specs), Ok(()));
}
