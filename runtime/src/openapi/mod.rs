#![doc = include_str!("../docs/openapi.md")]

#[cfg(feature = "aide")]
pub mod aide;
mod infer;
#[cfg_attr(not(any(feature = "utoipa", feature = "aide")), allow(dead_code))]
mod merged;
#[cfg(feature = "poem-openapi")]
#[cfg_attr(docsrs, doc(cfg(feature = "poem-openapi")))]
pub mod poem;
#[cfg(feature = "salvo-oapi")]
#[cfg_attr(docsrs, doc(cfg(feature = "salvo-oapi")))]
pub mod salvo;
#[cfg_attr(not(any(feature = "utoipa", feature = "aide")), allow(dead_code))]
mod stream;
#[cfg(feature = "utoipa")]
mod utoipa;

pub use merged::{ErrorTypes, Framework, Listed, Merger, Responses, Served, WithProblem};
pub use stream::EventStream;
#[cfg(feature = "utoipa")]
pub use utoipa::{ErrorSchemas, responses, responses_for};

use std::collections::BTreeMap;

use serde_json::{Map, Value, json};

use infer::{OPEN_CODES, Probe, code_schema, infer, mark_codes, render};

use crate::catalogue::Example;
use crate::spec::ErrorSpec;
use crate::{context::Context, format::Format};

/// The `OpenAPI` Response Objects of these codes in format `F`, by status, all with the one
/// envelope schema named `name` (see [`share_schemas`]).
pub(crate) fn responses_json<F: Format>(specs: &'static [ErrorSpec], name: &str) -> BTreeMap<u16, Value> {
    let all: Vec<&'static ErrorSpec> = specs.iter().collect();
    let schema = body_schema::<F>(&all, name);
    let mut by_status: BTreeMap<u16, Vec<&'static ErrorSpec>> = BTreeMap::new();
    for spec in specs {
        by_status
            .entry(F::status(&Example(spec)).as_u16())
            .or_default()
            .push(spec);
    }
    by_status
        .into_iter()
        .map(|(status, specs)| (status, response::<F>(status, &specs, &schema)))
        .collect()
}

/// The member that marks an envelope schema errwire can share, holding its name: one per
/// error type (or set of types, on a merged route) and format, the same at every status.
const SHARED: &str = "x-errwire-schema";

/// The envelope schema of every code in `specs` in format `F`: inferred from real renders
/// (members in every minimal render are required; members a full context or a delay adds are
/// optional), the code member an open string with the codes as `examples`; titled and marked
/// with `name`, so [`share_schemas`] can make it one component.
pub(crate) fn body_schema<F: Format>(specs: &[&'static ErrorSpec], name: &str) -> Value {
    let minimal: Vec<Value> = specs
        .iter()
        .map(|s| render::<F>(&Example(s), &Context::new()))
        .collect();
    let full_context = Context::new()
        .trace_id(crate::wire::TraceId::parse("4bf92f3577b34da6a3ce929d0e0e4736"))
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
    if let Value::Object(members) = &mut schema {
        members.insert("title".into(), json!(name));
        members.insert(SHARED.into(), json!(name));
    }
    schema
}

/// The name of the envelope schema of `types` (their Rust names) in format `F`: the names
/// joined by `Or`, and `.Format` unless every type is in its own format. Only the characters
/// `OpenAPI` allows in a component name.
pub(crate) fn schema_name<F: Format>(types: &[&str], own_format: bool) -> String {
    let mut name = if types.is_empty() {
        "Error".to_string()
    } else {
        types.join("Or")
    };
    if !own_format {
        let format = F::DESCRIPTOR.map_or_else(
            || {
                let path = core::any::type_name::<F>();
                let path = path.split('<').next().unwrap_or(path);
                path.rsplit("::").next().unwrap_or(path)
            },
            |d| d.name,
        );
        name.push('.');
        name.push_str(format);
    }
    name.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') {
                c
            } else {
                '_'
            }
        })
        .collect()
}

/// The distinct Rust type names of `specs` (without their module path: two types of one name
/// in two modules get numbered names from [`share_schemas`]), in order.
pub(crate) fn type_names(specs: &[&'static ErrorSpec]) -> Vec<&'static str> {
    let mut names: Vec<&'static str> = Vec::new();
    for spec in specs {
        let path = spec.type_name();
        let name = path.rsplit("::").next().unwrap_or(path);
        if !name.is_empty() && !names.contains(&name) {
            names.push(name);
        }
    }
    names
}

/// Moves every envelope schema errwire marked in `document` (an `OpenAPI` document, as JSON)
/// to `components/schemas` under its name and leaves a `$ref` in its place, so a generator
/// makes one type per error type instead of one per response. A name whose schema differs from
/// one already there (two routes listing different types under one name cannot, but a schema
/// of your own can) gets a numbered name. Idempotent; a document without marks is unchanged.
pub fn share_schemas(document: &mut Value) {
    let Some(root) = document.as_object_mut() else {
        return;
    };
    let mut paths = root.remove("paths").unwrap_or(Value::Null);
    let mut components = root.remove("components").unwrap_or_else(|| json!({}));
    share_parts(&mut paths, &mut components);
    if !paths.is_null() {
        root.insert("paths".into(), paths);
    }
    if components.as_object().is_some_and(|c| !c.is_empty()) {
        root.insert("components".into(), components);
    }
}

/// [`share_schemas`] on a document's two parts (the Paths Object and the Components Object,
/// as JSON): the marked schemas under both move into the components' `schemas`.
pub(crate) fn share_parts(paths: &mut Value, components: &mut Value) {
    let mut shared = Map::new();
    hoist(paths, &mut shared);
    if let Some(responses) = components.get_mut("responses") {
        hoist(responses, &mut shared);
    }
    if shared.is_empty() {
        return;
    }
    if !components.is_object() {
        *components = json!({});
    }
    let schemas = components
        .as_object_mut()
        .map(|c| c.entry("schemas").or_insert_with(|| json!({})));
    if let Some(Value::Object(schemas)) = schemas {
        for (name, schema) in shared {
            schemas.entry(name).or_insert(schema);
        }
    }
}

/// Replaces each marked schema under `value` by a `$ref`, collecting it in `shared`.
fn hoist(value: &mut Value, shared: &mut Map<String, Value>) {
    match value {
        Value::Object(members) => {
            if let Some(Value::String(name)) = members.remove(SHARED) {
                let schema = Value::Object(core::mem::take(members));
                let mut unique = name.clone();
                let mut n = 1;
                while shared.get(&unique).is_some_and(|s| *s != schema) {
                    n += 1;
                    unique = std::format!("{name}.{n}");
                }
                shared.insert(unique.clone(), schema);
                *value = json!({"$ref": std::format!("#/components/schemas/{unique}")});
            } else {
                members.values_mut().for_each(|v| hoist(v, shared));
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|v| hoist(v, shared)),
        _ => {}
    }
}

/// One Response Object: `schema` under the content type, every code a named example, and
/// the headers.
fn response<F: Format>(status: u16, specs: &[&'static ErrorSpec], schema: &Value) -> Value {
    let minimal: Vec<Value> = specs
        .iter()
        .map(|s| render::<F>(&Example(s), &Context::new()))
        .collect();
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
        "content": { F::CONTENT_TYPE: {"schema": schema.clone(), "examples": examples} },
    });
    if !headers.is_empty() {
        response["headers"] = Value::Object(headers);
    }
    response
}

/// An `OpenAPI` 3.1 document of `specs` (a catalogue: `T::CATALOGUE`, or
/// `catalogue::all()`) in the [`Nested`](crate::format::Nested) envelope; see [`document_for`].
#[must_use]
pub fn document(specs: &'static [ErrorSpec]) -> String {
    document_for::<crate::format::Nested>(specs)
}

/// An `OpenAPI` 3.1 document of `specs` in envelope `F`, with no route table and no
/// framework feature: the documented list of a service's errors. `components/schemas` holds `ErrorCode`,
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
        body_schema::<F>(&all, "ErrorBody")
    };
    if let Value::Object(members) = &mut body {
        members.remove(SHARED);
    }
    let renders: Vec<Value> = all
        .iter()
        .map(|s| render::<F>(&Example(s), &Context::new()))
        .collect();
    if let Some(code) = code_schema(&mut body, F::DESCRIPTOR.and_then(|d| d.code_at), &renders, &codes) {
        *code = json!({"$ref": "#/components/schemas/ErrorCode"});
    }
    let mut responses = Map::new();
    for (status, mut response) in responses_json::<F>(specs, "ErrorBody") {
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
