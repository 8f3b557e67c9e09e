#![doc = include_str!("../docs/openapi.md")]

#[cfg(feature = "aide")]
pub mod aide;
#[cfg_attr(not(any(feature = "utoipa", feature = "aide")), allow(dead_code))]
mod merged;
#[cfg(feature = "utoipa")]
mod utoipa;

pub use merged::{ErrorTypes, Framework, Listed, Merger, Responses, Served, WithProblem};
#[cfg(feature = "utoipa")]
pub use utoipa::{responses, responses_for};

use core::time::Duration;
use std::collections::BTreeMap;

use serde_json::{Map, Value, json};

use crate::catalogue::Example;
use crate::details::{DetailFields, Details};
use crate::format::MemberPath;
use crate::spec::ErrorSpec;
use crate::{context::Context, error::ApiError, format::Format, render::to_json};

/// The `OpenAPI` Response Objects of these codes in format `F`, by status.
pub(crate) fn responses_json<F: Format>(specs: &'static [ErrorSpec]) -> BTreeMap<u16, Value> {
    let mut by_status: BTreeMap<u16, Vec<&'static ErrorSpec>> = BTreeMap::new();
    for spec in specs {
        by_status
            .entry(F::status(&Example(spec)).as_u16())
            .or_default()
            .push(spec);
    }
    by_status
        .into_iter()
        .map(|(status, specs)| (status, response::<F>(status, &specs)))
        .collect()
}

/// One Response Object: the content type's schema and examples, and the headers.
fn response<F: Format>(status: u16, specs: &[&'static ErrorSpec]) -> Value {
    let minimal: Vec<Value> = specs
        .iter()
        .map(|s| render::<F>(&Example(s), &Context::new()))
        .collect();
    let full_context = Context::new()
        .request_id("req")
        .instance("/instance")
        .jsonrpc_id(1);
    let full: Vec<Value> = specs
        .iter()
        .map(|s| render::<F>(&Probe(s), &full_context))
        .collect();
    let codes: Vec<&str> = specs.iter().map(|s| s.code()).collect();
    let mut schema = infer(&minimal, &full);
    mark_codes(
        &mut schema,
        F::DESCRIPTOR.and_then(|d| d.code_at),
        &minimal,
        &codes,
    );
    let examples: Map<String, Value> = specs
        .iter()
        .zip(&minimal)
        .map(|(spec, body)| {
            let summary = spec.description().unwrap_or_else(|| spec.message());
            (
                spec.code().to_string(),
                json!({"summary": summary, "value": body}),
            )
        })
        .collect();
    let reason = http::StatusCode::from_u16(status)
        .ok()
        .and_then(|s| s.canonical_reason());
    let mut headers = Map::new();
    // The codes' own constant headers (`Location`, `WWW-Authenticate`, `Allow`, …).
    let mut declared: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for spec in specs {
        for (name, _) in spec.headers() {
            declared.entry(name).or_default().push(spec.code());
        }
    }
    for (name, codes) in declared {
        headers.insert(
            name.to_string(),
            json!({
                "schema": {"type": "string"},
                "description": std::format!("Sent with {}.", codes.join(", ")),
            }),
        );
    }
    if specs.iter().any(|s| s.retryable()) {
        headers.insert(
            "Retry-After".into(),
            json!({
                "schema": {"type": "integer", "minimum": 0},
                "description": "Seconds to wait before retrying, when known.",
            }),
        );
    }
    let mut response = json!({
        "description": reason.unwrap_or("Error"),
        "content": { F::CONTENT_TYPE: {"schema": schema, "examples": examples} },
    });
    if !headers.is_empty() {
        response["headers"] = Value::Object(headers);
    }
    response
}

fn render<F: Format>(error: &(impl ApiError + ?Sized), ctx: &Context<'_>) -> Value {
    serde_json::from_str(&to_json::<F>(error, ctx)).unwrap_or(Value::Null)
}

/// The detail name that shows where a format puts details.
const PROBE: &str = "errwire_probe_detail";

/// A code with a delay and one detail: its render shows every optional member.
struct Probe(&'static ErrorSpec);

impl ApiError for Probe {
    fn spec(&self) -> &'static ErrorSpec {
        self.0
    }
    fn message(&self) -> std::borrow::Cow<'static, str> {
        std::borrow::Cow::Borrowed(self.0.message())
    }
    fn static_message(&self) -> Option<&'static str> {
        Some(self.0.message())
    }
    fn retry_after(&self) -> Option<Duration> {
        Some(Duration::from_secs(1))
    }
    fn details(&self) -> Details<'_> {
        Details::new(self)
    }
    fn violations(&self) -> &[crate::violation::Violation] {
        // Where a format puts field violations, and their shape.
        static PROBE_VIOLATIONS: [crate::violation::Violation; 1] = [crate::Violation::from_static(
            "items[0].name",
            "too_long",
            "At most 40 characters.",
        )];
        &PROBE_VIOLATIONS
    }
}

impl DetailFields for Probe {
    fn visit_details(&self, visit: &mut dyn FnMut(&'static str, &dyn erased_serde::Serialize)) {
        visit(PROBE, &true);
    }
}

/// A JSON Schema for values like these: members always present in `required` renders are
/// required; members only in `optional` renders are optional; the probe detail becomes open
/// `additionalProperties`.
fn infer(required: &[Value], optional: &[Value]) -> Value {
    let all: Vec<&Value> = required.iter().chain(optional).collect();
    let types: Vec<&str> = {
        let mut types: Vec<&str> = all.iter().map(|v| type_name(v)).collect();
        types.sort_unstable();
        types.dedup();
        types
    };
    if types != ["object"] {
        let mut schema = Map::new();
        schema.insert(
            "type".into(),
            if types.len() == 1 {
                json!(types[0])
            } else {
                json!(types)
            },
        );
        let items: Vec<Value> = all
            .iter()
            .filter_map(|v| v.as_array())
            .flatten()
            .cloned()
            .collect();
        if types.contains(&"array") {
            schema.insert(
                "items".into(),
                if items.is_empty() {
                    json!({})
                } else {
                    infer(&items, &[])
                },
            );
        }
        return Value::Object(schema);
    }
    let mut names: Vec<&String> = all
        .iter()
        .filter_map(|v| v.as_object())
        .flat_map(Map::keys)
        .collect();
    names.sort();
    names.dedup();
    let mut properties = Map::new();
    let mut open = false;
    for name in names {
        if name == PROBE {
            open = true;
            continue;
        }
        let values = |renders: &[Value]| -> Vec<Value> {
            renders.iter().filter_map(|v| v.get(name).cloned()).collect()
        };
        let (req, opt) = (values(required), values(optional));
        properties.insert(name.clone(), infer(&req, &opt));
    }
    let required_names: Vec<&String> = properties
        .keys()
        .filter(|name| !required.is_empty() && required.iter().all(|v| v.get(name.as_str()).is_some()))
        .collect();
    let mut schema = json!({"type": "object", "properties": properties});
    if !required_names.is_empty() {
        schema["required"] = json!(required_names);
    }
    if open {
        schema["additionalProperties"] = json!(true);
    }
    schema
}

fn type_name(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(n) if n.is_i64() || n.is_u64() => "integer",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

/// What the code member's schema says of its values.
const OPEN_CODES: &str = "The error's stable machine code. The known codes are the \
     examples; the set grows, and a client must accept a code it does not know.";

/// Lists `codes` as the examples of the member that carries the code: where a built-in
/// format's descriptor says it lives, else (a format of your own) the string member that holds
/// the code in every render.
fn mark_codes(schema: &mut Value, code_at: Option<MemberPath>, renders: &[Value], codes: &[&str]) {
    if let Some(target) = code_schema(schema, code_at, renders, codes) {
        // An open set: a closed `enum` would make a client generated from today's document
        // reject tomorrow's new code, which the lock calls non-breaking.
        target["examples"] = json!(codes);
        target["description"] = json!(OPEN_CODES);
    }
}

/// The schema of the member that carries the code, inside the envelope's `schema`.
fn code_schema<'s>(
    schema: &'s mut Value,
    code_at: Option<MemberPath>,
    renders: &[Value],
    codes: &[&str],
) -> Option<&'s mut Value> {
    let path: Vec<String> = if let Some(path) = code_at {
        path.iter().map(|s| (*s).to_string()).collect()
    } else {
        let mut paths = Vec::new();
        string_paths(renders.first()?, &mut Vec::new(), &mut paths);
        let carries_code = |path: &[String]| {
            renders.iter().zip(codes).all(|(render, code)| {
                path.iter()
                    .try_fold(render, |v, key| v.get(key))
                    .and_then(Value::as_str)
                    == Some(*code)
            })
        };
        paths.into_iter().find(|p| carries_code(p))?
    };
    path.iter()
        .try_fold(schema, |s, key| s.get_mut("properties")?.get_mut(key))
}

/// An `OpenAPI` 3.1 document of `specs` (a catalogue: `T::CATALOGUE`, or
/// `catalogue::all()`) in the [`Nested`](crate::format::Nested) envelope; see [`document_for`].
#[must_use]
pub fn document(specs: &'static [ErrorSpec]) -> String {
    document_for::<crate::format::Nested>(specs)
}

/// An `OpenAPI` 3.1 document of `specs` in envelope `F`, with no route table and no feature
/// needed: the documented list of a service's errors. `components/schemas` holds `ErrorCode`,
/// an open string whose known values are its `examples` (a new code is not a breaking change,
/// so no `enum`), and `ErrorBody`, the envelope, whose code member refers to `ErrorCode`: a
/// generator makes one error type. `components/responses` holds one response per status,
/// each referring to `ErrorBody`, with every code under it as a named example (its real body,
/// rendered by errwire) and `Retry-After` where it can be retried. Routes `$ref` the responses
/// they answer with.
#[must_use]
pub fn document_for<F: Format>(specs: &'static [ErrorSpec]) -> String {
    let mut text = serde_json::to_string_pretty(&catalogue_document::<F>(specs)).unwrap_or_default();
    text.push('\n');
    text
}

fn catalogue_document<F: Format>(specs: &'static [ErrorSpec]) -> Value {
    let all: Vec<&'static ErrorSpec> = specs.iter().collect();
    let codes: Vec<&str> = specs.iter().map(ErrorSpec::code).collect();
    let mut body = if all.is_empty() {
        json!({"type": "object"})
    } else {
        response::<F>(0, &all)["content"][F::CONTENT_TYPE]["schema"].take()
    };
    let renders: Vec<Value> = all
        .iter()
        .map(|s| render::<F>(&Example(s), &Context::new()))
        .collect();
    if let Some(code) = code_schema(&mut body, F::DESCRIPTOR.and_then(|d| d.code_at), &renders, &codes) {
        *code = json!({"$ref": "#/components/schemas/ErrorCode"});
    }
    let mut responses = Map::new();
    for (status, mut response) in responses_json::<F>(specs) {
        response["content"][F::CONTENT_TYPE]["schema"] = json!({"$ref": "#/components/schemas/ErrorBody"});
        responses.insert(status.to_string(), response);
    }
    json!({
        "openapi": "3.1.0",
        "info": {"title": "Error catalogue", "version": "1"},
        "paths": {},
        "components": {
            "schemas": {
                "ErrorCode": {"type": "string", "description": OPEN_CODES, "examples": codes},
                "ErrorBody": body,
            },
            "responses": responses,
        },
    })
}

fn string_paths(value: &Value, at: &mut Vec<String>, out: &mut Vec<Vec<String>>) {
    match value {
        Value::String(_) => out.push(at.clone()),
        Value::Object(map) => {
            for (key, inner) in map {
                at.push(key.clone());
                string_paths(inner, at, out);
                at.pop();
            }
        }
        _ => {}
    }
}
