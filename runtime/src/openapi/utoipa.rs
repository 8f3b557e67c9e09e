//! The responses in utoipa's types: `utoipa::IntoResponses` for derived types (through the
//! derive) and for [`Responses`] and [`WithProblem`].

use std::collections::BTreeMap;

use serde_json::Value;
use utoipa::openapi::RefOr;
use utoipa::openapi::response::Response;

use super::merged::{ErrorTypes, Merger};
use super::{Responses, WithProblem, responses_json};
use crate::catalogue::Catalogued;
use crate::spec::ErrorSpec;
use crate::{format::Format, render::DefaultFormat};

/// The responses of `E` in its default format.
#[must_use]
pub fn responses<E: Catalogued + DefaultFormat + ?Sized>() -> BTreeMap<String, RefOr<Response>> {
    responses_for::<E::Format>(E::CATALOGUE)
}

/// The responses of these codes in format `F`.
#[must_use]
pub fn responses_for<F: Format>(specs: &'static [ErrorSpec]) -> BTreeMap<String, RefOr<Response>> {
    convert(responses_json::<F>(specs))
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
