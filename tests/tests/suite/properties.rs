//! Property tests of every built-in format over generated errors and contexts: messages and
//! detail values of any Unicode, control characters and sizes up to 1 MB; request ids,
//! instances and JSON-RPC ids of any shape. For each: the body is valid JSON; `Problem`
//! validates against RFC 9457's schema and `McpTool` against MCP's; OAuth strings stay in
//! RFC 6749's set; every header is a valid, bounded `HeaderValue`; the body's status is the
//! HTTP status; the code, the message, the details and the request id arrive unchanged
//! (a format that truncated or re-escaped any of them would fail); nothing panics.
//!
//! 1,000 cases per format in the contributor's `cargo test`; `.ci/run` runs this module again
//! with `PROPTEST_CASES=10000` in a step of its own and checks the printed count.

use crate::common;
use crate::generators;

use std::sync::OnceLock;

use errwire::format::{Flat, JsonRpc, JsonRpcPlain, McpTool, Nested, OAuth, Problem, Simple};
use errwire::{ApiError, Format, Violation, to_response, wire};
use generators::{Generated, Request, for_each_error};
use proptest::prelude::*;
use serde_json::Value;

fn problem_schema() -> &'static jsonschema::Validator {
    static SCHEMA: OnceLock<jsonschema::Validator> = OnceLock::new();
    SCHEMA.get_or_init(|| {
        common::validator(
            &serde_json::from_str(include_str!("../../standards/rfc9457-appendix-a.schema.json")).unwrap(),
        )
    })
}

fn mcp_schemas() -> &'static [jsonschema::Validator; 2] {
    static SCHEMAS: OnceLock<[jsonschema::Validator; 2]> = OnceLock::new();
    SCHEMAS.get_or_init(|| {
        ["2025-06-18", "2025-11-25"]
            .map(|version| common::validator(&common::mcp_schema(version, "CallToolResult")))
    })
}

fn oauth_text(value: &Value) -> bool {
    value.as_str().is_some_and(|s| {
        !s.is_empty()
            && s.bytes()
                .all(|b| matches!(b, 0x20..=0x21 | 0x23..=0x5B | 0x5D..=0x7E))
    })
}

/// What a body must carry, computed from the error and the request, not from the body.
struct Expected {
    code: Value,
    message: Value,
    /// The details as a JSON object (empty when there are none).
    details: serde_json::Map<String, Value>,
    /// The request id as a body carries it: cut to `MAX_REQUEST_ID` bytes.
    request_id: Option<Value>,
    /// The error's violations, as given.
    violations: Vec<Violation>,
}

impl Expected {
    fn of(error: &Generated, request: &Request) -> Self {
        let details = match serde_json::to_value(error.details()).unwrap() {
            Value::Object(map) => map,
            other => panic!("details are not an object: {other}"),
        };
        Self {
            code: Value::from(error.code()),
            message: Value::from(error.message().into_owned()),
            details,
            request_id: request
                .id
                .as_deref()
                .map(|id| Value::from(wire::truncate(id, wire::MAX_REQUEST_ID))),
            violations: error.violations().to_vec(),
        }
    }

    /// `{"field","code","message"}` objects as every format but problem+json writes them:
    /// at most `MAX_VIOLATIONS`, each text cut to `MAX_VIOLATION_TEXT` bytes.
    fn field_list(&self) -> Option<Value> {
        let cut = |text: &str| Value::from(wire::truncate(text, errwire::MAX_VIOLATION_TEXT));
        (!self.violations.is_empty()).then(|| {
            self.violations
                .iter()
                .take(errwire::MAX_VIOLATIONS)
                .map(|v| serde_json::json!({"field": cut(v.field()), "code": cut(v.code()), "message": cut(v.message())}))
                .collect()
        })
    }

    /// How many violations were left out, when some were.
    fn omitted(&self) -> Option<Value> {
        self.violations
            .len()
            .checked_sub(errwire::MAX_VIOLATIONS)
            .filter(|n| *n > 0)
            .map(Value::from)
    }

    /// `Some(details)` when there are any: formats omit an empty `details`.
    fn details_member(&self) -> Option<Value> {
        (!self.details.is_empty()).then(|| Value::Object(self.details.clone()))
    }
}

fn equal(what: &str, found: Option<&Value>, expected: Option<&Value>) -> Result<(), String> {
    if found == expected {
        Ok(())
    } else {
        Err(format!("{what}: found {found:?}, expected {expected:?}"))
    }
}

/// Every detail is a top-level member with its value unchanged.
fn flattened(body: &Value, expected: &Expected) -> Result<(), String> {
    for (name, value) in &expected.details {
        equal(&format!("detail {name}"), body.get(name), Some(value))?;
    }
    Ok(())
}

/// Every property that holds for every format, plus `check` for this one.
fn holds<F: Format>(
    error: &Generated,
    request: &Request,
    check: impl Fn(&Value, u16, &Expected) -> Result<(), String>,
) -> Result<(), TestCaseError> {
    let ctx = request.context();
    let response = to_response::<F>(error, &ctx);
    let body: Value = serde_json::from_slice(response.body())
        .map_err(|e| TestCaseError::fail(format!("invalid JSON: {e}")))?;
    for (name, value) in response.headers() {
        prop_assert!(
            value
                .as_bytes()
                .iter()
                .all(|b| b.is_ascii_graphic() || *b == b' '),
            "header {name} unsafe"
        );
        let bound = if name == "x-request-id" {
            wire::MAX_REQUEST_ID
        } else {
            8 * 1024
        };
        prop_assert!(value.len() <= bound, "header {name} is {} bytes", value.len());
    }
    // A field-built header goes out exactly when it is a valid value, and unchanged.
    if let Generated::Fields { hint, .. } = error {
        let valid = !hint.is_empty()
            && hint.len() <= 8 * 1024
            && !hint.starts_with(' ')
            && !hint.ends_with(' ')
            && hint.bytes().all(|b| (0x20..0x7f).contains(&b));
        let sent = response.headers().get("x-hint").map(|v| v.to_str().unwrap());
        prop_assert_eq!(sent, valid.then_some(hint.as_str()));
    }
    if let Some(id) = response.headers().get("x-request-id") {
        prop_assert_eq!(Some(id.to_str().unwrap()), request.id.as_deref());
    }
    let expected = Expected::of(error, request);
    check(&body, response.status().as_u16(), &expected).map_err(TestCaseError::fail)
}

fn run<F: Format>(check: impl Fn(&Value, u16, &Expected) -> Result<(), String>) {
    for_each_error(1_000, |error, request| holds::<F>(error, request, &check));
}

fn same_status(body_status: Option<&Value>, http: u16) -> Result<(), String> {
    match body_status {
        Some(status) if status.as_u64() == Some(u64::from(http)) => Ok(()),
        other => Err(format!("body status {other:?} is not HTTP {http}")),
    }
}

/// RFC 9457 `errors`: one entry per written violation, each pointer a valid URI reference
/// holding a valid JSON Pointer that is the violation's own (cut only at the URI bound).
fn problem_errors(body: &Value, expected: &Expected) -> Result<(), String> {
    let Some(errors) = body.get("errors") else {
        return if expected.violations.is_empty() {
            Ok(())
        } else {
            Err("no errors member".into())
        };
    };
    let errors = errors.as_array().ok_or("errors is not a list")?;
    if errors.len() != expected.violations.len().min(errwire::MAX_VIOLATIONS) {
        return Err(format!(
            "{} errors for {} violations",
            errors.len(),
            expected.violations.len()
        ));
    }
    let cut = |text: &str| Value::from(wire::truncate(text, errwire::MAX_VIOLATION_TEXT));
    for (entry, violation) in errors.iter().zip(&expected.violations) {
        if !uri_reference().is_valid(&entry["pointer"]) {
            return Err(format!("pointer {} is not a URI reference", entry["pointer"]));
        }
        let pointer = common::fragment_to_pointer(entry["pointer"].as_str().ok_or("pointer")?);
        if !is_json_pointer(&pointer) || !violation.pointer().starts_with(&pointer) {
            return Err(format!("pointer {pointer:?} for field {:?}", violation.field()));
        }
        equal(
            "errors.detail",
            entry.get("detail"),
            Some(&cut(violation.message())),
        )?;
        equal("errors.code", entry.get("code"), Some(&cut(violation.code())))?;
    }
    Ok(())
}

/// RFC 6901: empty, or `/` segments whose every `~` is followed by `0` or `1`.
fn is_json_pointer(pointer: &str) -> bool {
    (pointer.is_empty() || pointer.starts_with('/'))
        && pointer
            .split('~')
            .skip(1)
            .all(|rest| rest.starts_with('0') || rest.starts_with('1'))
}

fn uri_reference() -> &'static jsonschema::Validator {
    static SCHEMA: OnceLock<jsonschema::Validator> = OnceLock::new();
    SCHEMA
        .get_or_init(|| common::validator(&serde_json::json!({"type": "string", "format": "uri-reference"})))
}

#[test]
fn nested() {
    run::<Nested>(|body, _, expected| {
        let inner = &body["error"];
        equal("code", inner.get("code"), Some(&expected.code))?;
        equal("message", inner.get("message"), Some(&expected.message))?;
        equal(
            "request_id",
            inner.get("request_id"),
            expected.request_id.as_ref(),
        )?;
        equal(
            "details",
            inner.get("details"),
            expected.details_member().as_ref(),
        )?;
        equal(
            "violations",
            inner.get("violations"),
            expected.field_list().as_ref(),
        )?;
        equal(
            "violations_omitted",
            inner.get("violations_omitted"),
            expected.omitted().as_ref(),
        )
    });
}

#[test]
fn flat() {
    run::<Flat>(|body, _, expected| {
        equal("ok", body.get("ok"), Some(&Value::Bool(false)))?;
        equal("code", body.get("code"), Some(&expected.code))?;
        equal("detail", body.get("detail"), Some(&expected.message))?;
        equal("error", body.get("error"), Some(&expected.message))?;
        equal("request_id", body.get("request_id"), expected.request_id.as_ref())?;
        equal("details", body.get("details"), expected.details_member().as_ref())?;
        equal(
            "violations",
            body.get("violations"),
            expected.field_list().as_ref(),
        )
    });
}

#[test]
fn problem() {
    run::<Problem>(|body, http, expected| {
        let errors: Vec<String> = problem_schema()
            .iter_errors(body)
            .map(|e| e.to_string())
            .collect();
        if !errors.is_empty() {
            return Err(format!("{errors:?}"));
        }
        equal("code", body.get("code"), Some(&expected.code))?;
        equal("detail", body.get("detail"), Some(&expected.message))?;
        equal("request_id", body.get("request_id"), expected.request_id.as_ref())?;
        equal(
            "errors_omitted",
            body.get("errors_omitted"),
            expected.omitted().as_ref(),
        )?;
        problem_errors(body, expected)?;
        flattened(body, expected)?;
        same_status(body.get("status"), http)
    });
}

#[test]
fn oauth() {
    run::<OAuth>(|body, _, expected| {
        if !oauth_text(&body["error"]) {
            return Err(format!("error {}", body["error"]));
        }
        // Codes are printable ASCII without `"` or `\`: they go out unchanged.
        equal("error", body.get("error"), Some(&expected.code))?;
        if body.get("violations").is_some() || body.get("errors").is_some() {
            return Err("OAuth has no place for violations".into());
        }
        match body.get("error_description") {
            Some(description) if !oauth_text(description) => Err(format!("error_description {description}")),
            _ => Ok(()),
        }
    });
}

#[test]
fn simple() {
    run::<Simple>(|body, _, expected| {
        equal("error", body.get("error"), Some(&expected.code))?;
        // Every generated variant but `Fixed` has a message written for the wire.
        let description = (expected.code != "fixed").then_some(&expected.message);
        equal("error_description", body.get("error_description"), description)?;
        let field = expected
            .violations
            .first()
            .map(|v| Value::from(wire::truncate(v.field(), errwire::MAX_VIOLATION_TEXT)));
        equal("field", body.get("field"), field.as_ref())?;
        flattened(body, expected)
    });
}

#[test]
fn jsonrpc() {
    run::<JsonRpc>(|body, http, expected| {
        let id = &body["id"];
        if !(id.is_null() || id.is_number() || id.is_string()) {
            return Err(format!("id {id}"));
        }
        if body["error"].as_object().is_none_or(|e| {
            e.keys()
                .any(|k| !["code", "message", "data"].contains(&k.as_str()))
        }) {
            return Err(format!("error object {}", body["error"]));
        }
        let data = &body["error"]["data"];
        equal("message", body["error"].get("message"), Some(&expected.message))?;
        equal("data.code", data.get("code"), Some(&expected.code))?;
        equal(
            "data.request_id",
            data.get("request_id"),
            expected.request_id.as_ref(),
        )?;
        equal(
            "data.details",
            data.get("details"),
            expected.details_member().as_ref(),
        )?;
        equal(
            "data.violations",
            data.get("violations"),
            expected.field_list().as_ref(),
        )?;
        same_status(data.get("status"), http)
    });
}

#[test]
fn jsonrpc_plain() {
    run::<JsonRpcPlain>(|body, _, expected| {
        let code = body["error"]["code"].as_i64().ok_or("no code")?;
        equal("message", body["error"].get("message"), Some(&expected.message))?;
        (body["error"].as_object().map(serde_json::Map::len) == Some(2) && code != 0)
            .then_some(())
            .ok_or_else(|| body.to_string())
    });
}

#[test]
fn mcp_tool() {
    run::<McpTool>(|body, http, expected| {
        for schema in mcp_schemas() {
            let errors: Vec<String> = schema.iter_errors(body).map(|e| e.to_string()).collect();
            if !errors.is_empty() {
                return Err(format!("{errors:?}"));
            }
        }
        let structured = &body["structuredContent"];
        equal("text", body["content"][0].get("text"), Some(&expected.message))?;
        equal("code", structured.get("code"), Some(&expected.code))?;
        equal(
            "request_id",
            structured.get("request_id"),
            expected.request_id.as_ref(),
        )?;
        equal(
            "details",
            structured.get("details"),
            expected.details_member().as_ref(),
        )?;
        equal(
            "violations",
            structured.get("violations"),
            expected.field_list().as_ref(),
        )?;
        (http == 200 && body["isError"] == true)
            .then_some(())
            .ok_or_else(|| body.to_string())
    });
}
