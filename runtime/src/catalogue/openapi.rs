//! [`openapi`]: a catalogue as an `OpenAPI` 3.1 document of its error responses — the
//! documented list of a service's errors, without a route table (feature-free: plain JSON).

use serde_json::{Map, Value, json};

use super::Example;
use crate::format::{Format, Nested};
use crate::render::to_json;
use crate::spec::ErrorSpec;

/// What the code member's schema says of its values: the set is open.
const OPEN_CODES: &str = "The error's stable machine code. The known codes are the examples; \
     the set grows, and a client must accept a code it does not know.";

/// An `OpenAPI` 3.1 document of `specs` in the [`Nested`] envelope; see [`openapi_for`].
#[must_use]
pub fn openapi(specs: &'static [ErrorSpec]) -> String {
    openapi_for::<Nested>(specs)
}

/// An `OpenAPI` 3.1 document of `specs` in envelope `F`: `components/schemas/ErrorCode`, an
/// open string whose known values are its `examples` (a new code is not a breaking change,
/// so no `enum`); and one response per code under `components/responses`, named by the code,
/// with its status in `x-status`, its real body (rendered by errwire) as the example, and
/// `Retry-After` where it can be retried. Routes `$ref` the responses they answer with.
#[must_use]
pub fn openapi_for<F: Format>(specs: &'static [ErrorSpec]) -> String {
    let codes: Vec<&str> = specs.iter().map(ErrorSpec::code).collect();
    let mut responses = Map::new();
    for spec in specs {
        let body: Value = serde_json::from_str(&to_json::<F>(&Example(spec), &crate::Context::new()))
            .unwrap_or(Value::Null);
        let mut response = json!({
            "description": spec.description().unwrap_or_else(|| spec.message()),
            "x-status": spec.status().as_u16(),
            "content": {F::CONTENT_TYPE: {"example": body}},
        });
        if spec.retryable() {
            response["headers"] = json!({"Retry-After": {
                "schema": {"type": "integer", "minimum": 0},
                "description": "Seconds to wait before retrying, when known.",
            }});
        }
        responses.insert(spec.code().into(), response);
    }
    let document = json!({
        "openapi": "3.1.0",
        "info": {"title": "Error catalogue", "version": "1"},
        "paths": {},
        "components": {
            "schemas": {"ErrorCode": {"type": "string", "description": OPEN_CODES, "examples": codes}},
            "responses": responses,
        },
    });
    let mut text = serde_json::to_string_pretty(&document).unwrap_or_default();
    text.push('\n');
    text
}
