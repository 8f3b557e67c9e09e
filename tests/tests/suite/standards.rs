//! What we emit, checked by other people's code: the RFC 9457 JSON Schema and the official
//! MCP schemas (with `jsonschema`, formats validated), `jsonrpsee-types` for JSON-RPC and the
//! `oauth2` crate's error response for OAuth, the JSON:API 1.1 schema for JSON:API.

use errwire::format::{JsonApi, JsonRpc, JsonRpcPlain, McpTool, OAuth, Problem};
use errwire::{ApiError, Context, Violation, to_json};
use serde_json::{Value, json};

const RFC9457: &str = include_str!("../../standards/rfc9457-appendix-a.schema.json");
/// JSON:API 1.1's schema (see `tests/standards/jsonapi/SOURCE.txt`).
const JSON_API: &str = include_str!("../../standards/jsonapi/schema-1.1.json");
use crate::common;

use common::{mcp_schema, validator};

#[derive(Debug, ApiError)]
#[api(domain = "tools", docs = "https://docs.example.com/errors#{code}")]
enum Sample {
    /// Required parameter not supplied.
    #[api(status = 400)]
    MissingRequired(#[api(detail = "param")] String),
    #[api(
        status = 503,
        retry_after = 30,
        message = "Provider {provider} is down — retry in 30–60s."
    )]
    ProviderUnavailable {
        #[api(detail)]
        provider: String,
    },
    /// Token doesn’t sign with the expected key.
    #[api(status = 401, code = "invalid_token")]
    InvalidToken,
    #[api(
        status = 404,
        code = "Rate limit exceeded",
        message = "Quote \" backslash \\ newline \n tab \t 日本"
    )]
    Odd,
    #[api(status = 418, jsonrpc = 42, message = "{0}")]
    Echo(String),
}

/// Every shape and odd message, and hostile contexts.
fn samples() -> Vec<Sample> {
    vec![
        Sample::MissingRequired("prompt".into()),
        Sample::ProviderUnavailable {
            provider: "fal.ai".into(),
        },
        Sample::InvalidToken,
        Sample::Odd,
        Sample::Echo("\u{0}\u{7f}\u{2028}\u{1F600}\"\\".into()),
        Sample::Echo(String::new()),
    ]
}

fn contexts() -> Vec<Context<'static>> {
    vec![
        Context::new(),
        Context::new()
            .request_id("req_xyz123")
            .instance("/accounts/1")
            .jsonrpc_id(1),
        Context::new()
            .request_id("bad\r\nid")
            .instance("/path with spaces/é?q=\"x\"#%zz")
            .jsonrpc_id("id-1"),
        Context::new()
            .request_id("x".repeat(100_000))
            .instance("\u{0}\r\n".repeat(10_000))
            .jsonrpc_id(u64::MAX),
    ]
}

fn assert_valid(validator: &jsonschema::Validator, body: &str) {
    let value: Value = serde_json::from_str(body).unwrap();
    let errors: Vec<String> = validator.iter_errors(&value).map(|e| e.to_string()).collect();
    assert!(errors.is_empty(), "{body}\n{errors:#?}");
}

#[test]
fn problem_validates_against_the_rfc_9457_schema() {
    let validator = validator(&serde_json::from_str(RFC9457).unwrap());
    for error in samples() {
        for ctx in contexts() {
            let body = to_json::<Problem>(&error, &ctx);
            assert_valid(&validator, &body);
            let value: Value = serde_json::from_str(&body).unwrap();
            assert_eq!(value["status"], error.status().as_u16());
            assert!(
                value["type"]
                    .as_str()
                    .unwrap()
                    .starts_with("https://docs.example.com/errors#")
            );
        }
    }
}

/// Every body, with violations of odd fields (repeated, empty, escaped, very long), is a
/// JSON:API 1.1 error document.
#[test]
fn json_api_validates_against_the_json_api_1_1_schema() {
    #[derive(Debug, ApiError)]
    #[api(status = 422, docs = "https://docs.example.com/errors#{code}")]
    struct Invalid(#[api(violations)] Vec<Violation>);

    let validator = validator(&serde_json::from_str(JSON_API).unwrap());
    let odd = Invalid(vec![
        Violation::new("name", "too_long", "At most 40.").param("max", 40),
        Violation::new("name", "too_long", "At most 40.").param("max", 40),
        Violation::new("", "invalid", "The whole body."),
        Violation::new("a/b~c[\"x.y\"][3]", "odd", "Escaped."),
        Violation::new("~".repeat(2_000), "long", "Cut, never inside an escape."),
    ]);
    let many = Invalid(
        (0..150)
            .map(|i| Violation::new(format!("items[{i}]"), "bad", "Bad."))
            .collect(),
    );
    for ctx in contexts() {
        for error in samples() {
            assert_valid(&validator, &to_json::<JsonApi>(&error, &ctx));
        }
        assert_valid(&validator, &to_json::<JsonApi>(&odd, &ctx));
        let body: Value = serde_json::from_str(&to_json::<JsonApi>(&many, &ctx)).unwrap();
        assert_valid(&validator, &body.to_string());
        assert_eq!(
            body["errors"].as_array().unwrap().len(),
            1 + errwire::MAX_VIOLATIONS
        );
        assert_eq!(body["errors"][0]["meta"]["violations_omitted"], 50);
    }
    // The validator is not a rubber stamp: a status as a number, an unknown member, a
    // document with no errors are refused.
    for bad in [
        json!({"errors": [{"status": 422, "code": "x"}]}),
        json!({"errors": [{"code": "x", "extra": 1}]}),
        json!({"errors": [{"code": "x"}], "data": null}),
        json!({"errors": [{"source": {"pointer": "no-slash"}}]}),
    ] {
        assert!(!validator.is_valid(&bad), "{bad}");
    }
}

#[test]
fn the_problem_validator_rejects_what_it_should() {
    // The schema check is not vacuous: a wrong status type or a non-URI instance fails.
    let validator = validator(&serde_json::from_str(RFC9457).unwrap());
    assert!(!validator.is_valid(&json!({"status": "404"})));
    assert!(!validator.is_valid(&json!({"instance": "/a b"})));
}

#[test]
fn mcp_tool_validates_against_call_tool_result_for_every_protocol_version() {
    // 2026-07-28 adds a required `resultType` that the SPEC's body does not carry: the MCP
    // issue decides how errwire speaks that revision.
    for version in ["2025-06-18", "2025-11-25"] {
        let validator = validator(&mcp_schema(version, "CallToolResult"));
        assert!(
            !validator.is_valid(&json!({"content": "not an array"})),
            "{version}"
        );
        for error in samples() {
            for ctx in contexts() {
                assert_valid(&validator, &to_json::<McpTool>(&error, &ctx));
            }
        }
    }
}

#[test]
fn json_rpc_validates_against_the_mcp_error_response_schemas() {
    for (version, definition) in [
        ("2025-06-18", "JSONRPCError"),
        ("2025-11-25", "JSONRPCErrorResponse"),
    ] {
        let validator = validator(&mcp_schema(version, definition));
        for error in samples() {
            // MCP requires a request id on an error response it can attribute.
            let ctx = Context::new().request_id("r").jsonrpc_id(3);
            assert_valid(&validator, &to_json::<JsonRpc>(&error, &ctx));
            assert_valid(&validator, &to_json::<JsonRpcPlain>(&error, &ctx));
        }
    }
}

#[test]
fn json_rpc_parses_with_jsonrpsee() {
    use jsonrpsee_types::{Response, ResponsePayload};
    for error in samples() {
        for ctx in contexts() {
            for body in [
                to_json::<JsonRpc>(&error, &ctx),
                to_json::<JsonRpcPlain>(&error, &ctx),
            ] {
                let response: Response<'_, Value> =
                    serde_json::from_str(&body).unwrap_or_else(|e| panic!("{e}: {body}"));
                let ResponsePayload::Error(object) = response.payload else {
                    panic!("not an error: {body}")
                };
                assert_eq!(object.code(), error.jsonrpc_code());
                assert_eq!(object.message(), error.message());
            }
        }
    }
    let body = to_json::<JsonRpc>(&Sample::InvalidToken, &Context::new().request_id("r1"));
    let response: Response<'_, Value> = serde_json::from_str(&body).unwrap();
    let ResponsePayload::Error(object) = response.payload else {
        panic!()
    };
    let data: Value = serde_json::from_str(object.data().unwrap().get()).unwrap();
    assert_eq!(
        data,
        json!({"code": "invalid_token", "status": 401, "retryable": false, "request_id": "r1"})
    );
}

#[test]
fn oauth_parses_with_the_oauth2_crate_and_stays_in_the_rfc_character_set() {
    use oauth2::basic::{BasicErrorResponse, BasicErrorResponseType};
    let allowed = |s: &str| {
        !s.is_empty()
            && s.bytes()
                .all(|b| matches!(b, 0x20..=0x21 | 0x23..=0x5B | 0x5D..=0x7E))
    };
    for error in samples() {
        let body = to_json::<OAuth>(&error, &Context::new());
        let response: BasicErrorResponse =
            serde_json::from_str(&body).unwrap_or_else(|e| panic!("{e}: {body}"));
        let code = response.error().as_ref();
        assert!(allowed(code), "{body}");
        assert_eq!(code, error.code());
        if let Some(description) = response.error_description() {
            assert!(allowed(description), "{body}");
        }
        assert!(response.error_uri().is_some());
    }
    let body = to_json::<OAuth>(&Sample::InvalidToken, &Context::new());
    let response: BasicErrorResponse = serde_json::from_str(&body).unwrap();
    assert_eq!(
        response.error_description().unwrap(),
        "Token doesn't sign with the expected key."
    );
    assert_eq!(
        *response.error(),
        BasicErrorResponseType::Extension("invalid_token".into())
    );
    let odd: BasicErrorResponse =
        serde_json::from_str(&to_json::<OAuth>(&Sample::Odd, &Context::new())).unwrap();
    assert_eq!(
        odd.error_description().unwrap(),
        "Quote ' backslash / newline tab ??"
    );
    // An all-whitespace message leaves no description rather than an empty one.
    let empty: BasicErrorResponse =
        serde_json::from_str(&to_json::<OAuth>(&Sample::Echo(" \n ".into()), &Context::new())).unwrap();
    assert_eq!(empty.error_description(), None);
}
