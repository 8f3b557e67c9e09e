//! The responses in utoipa's types: `utoipa::IntoResponses` for derived types (through the
//! derive) and for [`Responses`] and [`WithProblem`], and [`ErrorSchemas`], the modifier that
//! makes each envelope schema one component.

use std::collections::BTreeMap;

use serde_json::Value;
use utoipa::openapi::RefOr;
use utoipa::openapi::response::Response;

use super::merged::{ErrorTypes, Merger};
use super::{Responses, WithProblem, responses_json, schema_name, share_schemas, type_names};
use crate::catalogue::Catalogued;
use crate::spec::ErrorSpec;
use crate::{format::Format, render::DefaultFormat};

/// The responses of `E` in its default format.
#[must_use]
pub fn responses<E: Catalogued + DefaultFormat + ?Sized>() -> BTreeMap<String, RefOr<Response>> {
    let name = schema_name::<E::Format>(&type_names(&E::CATALOGUE.iter().collect::<Vec<_>>()), true);
    convert(responses_json::<E::Format>(E::CATALOGUE, &name))
}

/// The responses of these codes in format `F`.
#[must_use]
pub fn responses_for<F: Format>(specs: &'static [ErrorSpec]) -> BTreeMap<String, RefOr<Response>> {
    let name = schema_name::<F>(&type_names(&specs.iter().collect::<Vec<_>>()), false);
    convert(responses_json::<F>(specs, &name))
}

/// A `utoipa::Modify` that moves each error envelope schema errwire wrote inline into
/// `components/schemas`, named for its type (`OrderError`; `OrderError.Problem` in a format
/// not its own; `FrameworkErrorOrOrderError` for a merged route), and `$ref`s it from every
/// response: a client generator then makes one error type per envelope, not one per response.
/// utoipa gives `IntoResponses` no way to register a schema, hence the modifier:
/// `#[openapi(paths(…), modifiers(&ErrorSchemas))]`. Without it the schemas
/// stay inline (titled with the same name), and the document is just as valid.
#[derive(Debug, Clone, Copy, Default)]
pub struct ErrorSchemas;

impl utoipa::Modify for ErrorSchemas {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let Ok(mut document) = serde_json::to_value(&*openapi) else {
            return;
        };
        share_schemas(&mut document);
        if let Ok(shared) = serde_json::from_value(document) {
            *openapi = shared;
        }
    }
}

/// `OpenAPI` JSON as utoipa's types; every Response Object errwire builds is valid `OpenAPI`,
/// which utoipa reads (tested: the documents validate against the `OpenAPI` 3.1 schema).
fn convert(responses: BTreeMap<u16, Value>) -> BTreeMap<String, RefOr<Response>> {
    responses
        .into_iter()
        .filter_map(|(status, response)| {
            let response = serde_json::from_value::<Response>(response).ok()?;
            Some((status.to_string(), RefOr::T(response)))
        })
        .collect()
}

impl<T: ErrorTypes> utoipa::IntoResponses for Responses<T> {
    fn responses() -> BTreeMap<String, RefOr<Response>> {
        convert(Merger::of::<T>(false))
    }
}

impl<T: ErrorTypes> utoipa::IntoResponses for WithProblem<T> {
    fn responses() -> BTreeMap<String, RefOr<Response>> {
        convert(Merger::of::<T>(true))
    }
}

impl<E: Catalogued + DefaultFormat + ?Sized> utoipa::IntoResponses for super::EventStream<E> {
    fn responses() -> BTreeMap<String, RefOr<Response>> {
        convert(BTreeMap::from([(200, super::stream::event_stream_json::<E>())]))
    }
}
