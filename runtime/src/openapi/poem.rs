//! The responses in poem-openapi's types (feature `poem-openapi`): derived types are
//! `poem_openapi::ApiResponse`, so an operation returning `Result<Json<T>, MyError>` documents
//! every status of `MyError` — the envelope as one component schema whose code member lists
//! every code, each status's description naming its codes, `Retry-After` where a code can be
//! retried — and sends it in the envelope poem's errwire middleware renders.
//!
//! ```
//! use errwire::format::Problem;
//! use poem_openapi::{OpenApi, OpenApiService, payload::PlainText};
//!
//! #[derive(Debug, thiserror::Error, errwire::ApiError)]
//! #[api(format = Problem)]
//! enum OrderError {
//!     /// No such order.
//!     #[error("order {0} not found")]
//!     #[api(status = 404)]
//!     NotFound(u64),
//!     /// Too many requests.
//!     #[error("rate limited")]
//!     #[api(status = 429, retry_after = 30)]
//!     RateLimited,
//! }
//!
//! struct Orders;
//!
//! #[OpenApi]
//! impl Orders {
//!     #[oai(path = "/orders/:id", method = "get")]
//!     async fn order(&self, id: poem_openapi::param::Path<u64>) -> Result<PlainText<String>, OrderError> {
//!         Err(OrderError::NotFound(id.0))
//!     }
//! }
//!
//! let spec: serde_json::Value =
//!     serde_json::from_str(&OpenApiService::new(Orders, "orders", "1").spec()).unwrap();
//! let responses = &spec["paths"]["/orders/{id}"]["get"]["responses"];
//! assert_eq!(
//!     responses["404"]["content"]["application/problem+json"]["schema"]["$ref"],
//!     "#/components/schemas/OrderError"
//! );
//! assert!(responses["429"]["headers"].get("Retry-After").is_some());
//! ```

use std::collections::BTreeSet;
use std::sync::Mutex;

use poem_openapi::registry::{
    MetaHeader, MetaMediaType, MetaResponse, MetaResponses, MetaSchema, MetaSchemaRef, Registry,
};
use serde_json::Value;

use super::{SHARED, body_schema, responses_json, schema_name, type_names};
use crate::catalogue::{Catalogued, Example};
use crate::format::Format;
use crate::render::DefaultFormat;
use crate::spec::ErrorSpec;

/// The responses of `E` in its default format, as `ApiResponse::meta` gives them.
#[must_use]
pub fn meta<E: Catalogued + DefaultFormat + ?Sized>() -> MetaResponses {
    meta_for::<E::Format>(E::CATALOGUE)
}

/// The envelope schema of `E`, put in poem-openapi's registry (`ApiResponse::register`).
pub fn register<E: Catalogued + DefaultFormat + ?Sized>(registry: &mut Registry) {
    register_for::<E::Format>(E::CATALOGUE, registry);
}

/// The name of the envelope schema of `specs` in `F`.
fn name_of<F: Format>(specs: &'static [ErrorSpec]) -> String {
    schema_name::<F>(&type_names(&specs.iter().collect::<Vec<_>>()), true)
}

/// The responses of `specs` in format `F`, by status, each referring to the one envelope
/// schema [`register_for`] registers.
#[must_use]
pub fn meta_for<F: Format>(specs: &'static [ErrorSpec]) -> MetaResponses {
    let name = name_of::<F>(specs);
    let responses = responses_json::<F>(specs, &name)
        .into_iter()
        .map(|(status, response)| MetaResponse {
            description: intern(&describe::<F>(
                response["description"].as_str().unwrap_or_default(),
                status,
                specs,
            )),
            status: Some(status),
            status_range: None,
            content: vec![MetaMediaType {
                content_type: F::CONTENT_TYPE,
                schema: MetaSchemaRef::Reference(name.clone()),
            }],
            headers: headers(&response["headers"]),
        })
        .collect();
    MetaResponses { responses }
}

/// A status's description: the reason phrase, then each code sent with it and its message
/// (poem-openapi's media types have no room for named examples).
fn describe<F: Format>(reason: &str, status: u16, specs: &'static [ErrorSpec]) -> String {
    let codes: Vec<String> = specs
        .iter()
        .filter(|spec| F::status(&Example(spec)).as_u16() == status)
        .map(|spec| format!("`{}`: {}", spec.code(), spec.message()))
        .collect();
    format!("{reason}. {}", codes.join(" "))
}

/// Registers the envelope schema of `specs` in format `F` under its name.
pub fn register_for<F: Format>(specs: &'static [ErrorSpec], registry: &mut Registry) {
    let name = name_of::<F>(specs);
    if let std::collections::btree_map::Entry::Vacant(entry) = registry.schemas.entry(name) {
        let mut schema = body_schema::<F>(&specs.iter().collect::<Vec<_>>(), entry.key());
        if let Value::Object(members) = &mut schema {
            members.remove(SHARED);
        }
        entry.insert(to_meta(&schema));
    }
}

/// A response's headers (`Retry-After`, declared headers) as poem-openapi's.
fn headers(headers: &Value) -> Vec<MetaHeader> {
    let Some(headers) = headers.as_object() else {
        return Vec::new();
    };
    headers
        .iter()
        .map(|(name, header)| MetaHeader {
            name: name.clone(),
            description: header["description"].as_str().map(String::from),
            required: header["required"].as_bool().unwrap_or(false),
            deprecated: false,
            schema: MetaSchemaRef::Inline(Box::new(to_meta(&header["schema"]))),
        })
        .collect()
}

/// A JSON Schema errwire inferred, as poem-openapi's: types, properties, required members,
/// items, an open object, the title, and the description; the code member's `examples` (the
/// known codes) become its `example` and join its description.
fn to_meta(schema: &Value) -> MetaSchema {
    let ty = match &schema["type"] {
        Value::String(ty) => type_name(ty),
        // A member of several types: the first that is not `null`.
        Value::Array(types) => types
            .iter()
            .filter_map(Value::as_str)
            .find(|t| *t != "null")
            .map_or("", type_name),
        _ => "",
    };
    let mut meta = MetaSchema::new(ty);
    meta.title = schema["title"].as_str().map(String::from);
    let examples = schema["examples"].as_array().filter(|e| !e.is_empty());
    meta.description = match (schema["description"].as_str(), examples) {
        (Some(text), Some(codes)) => {
            let codes: Vec<&str> = codes.iter().filter_map(Value::as_str).collect();
            Some(intern(&format!("{text} Known: {}.", codes.join(", "))))
        }
        (text, _) => text.map(intern),
    };
    meta.example = examples.and_then(|e| e.first()).cloned();
    meta.required = schema["required"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .map(intern)
        .collect();
    meta.properties = schema["properties"]
        .as_object()
        .into_iter()
        .flatten()
        .map(|(name, member)| (intern(name), MetaSchemaRef::Inline(Box::new(to_meta(member)))))
        .collect();
    meta.items = schema
        .get("items")
        .map(|items| Box::new(MetaSchemaRef::Inline(Box::new(to_meta(items)))));
    if schema["additionalProperties"] == Value::Bool(true) {
        meta.additional_properties = Some(Box::new(MetaSchemaRef::Inline(Box::new(MetaSchema::ANY))));
    }
    meta
}

/// JSON Schema's type names, as the `&'static str` poem-openapi keeps.
fn type_name(name: &str) -> &'static str {
    match name {
        "object" => "object",
        "array" => "array",
        "string" => "string",
        "integer" => "integer",
        "number" => "number",
        "boolean" => "boolean",
        "null" => "null",
        _ => "",
    }
}

/// `text` as a `&'static str`, each distinct text leaked once: poem-openapi's model keeps
/// descriptions and member names as `&'static str`, and builds its document more than once.
fn intern(text: &str) -> &'static str {
    static TEXTS: Mutex<BTreeSet<&'static str>> = Mutex::new(BTreeSet::new());
    let mut texts = TEXTS.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    if let Some(known) = texts.get(text) {
        return known;
    }
    let leaked: &'static str = Box::leak(text.to_owned().into_boxed_str());
    texts.insert(leaked);
    leaked
}
