//! The responses in aide's types (feature `aide`): `aide::OperationOutput` for derived types
//! (through the derive), so a handler returning `Result<Json<T>, MyError>` documents every
//! code of `MyError`, and [`document`] for the merged responses of several types.
//!
//! ```
//! use aide::openapi::Operation;
//! use aide::transform::{TransformOpenApi, TransformOperation};
//! use errwire::format::Problem;
//! use errwire::openapi::{aide::document, Framework, Responses};
//! use errwire::ApiError;
//!
//! #[derive(Debug, ApiError)]
//! #[api(format = Problem)]
//! enum OrderError {
//!     /// At most 100 per order.
//!     #[api(status = 422)]
//!     QuantityTooLarge,
//! }
//!
//! // With aide's axum router: `post_with(order, |op| op.with(document::<…>))`.
//! // `Framework<Problem>`: axum's own errors as the errwire layer renders them, so 422 lists
//! // `invalid_body` beside `quantity_too_large`.
//! let mut operation = Operation::default();
//! let _ = TransformOperation::new(&mut operation)
//!     .with(document::<Responses<(Framework<Problem>, OrderError)>>);
//! let doc = serde_json::to_value(&operation).unwrap();
//! let examples = &doc["responses"]["422"]["content"]["application/problem+json"]["examples"];
//! assert!(examples.get("invalid_body").is_some() && examples.get("quantity_too_large").is_some());
//! ```

use std::collections::BTreeMap;

use aide::openapi::{ReferenceOr, Response, StatusCode};
use aide::transform::{TransformOpenApi, TransformOperation};
use serde_json::Value;

use super::merged::{ErrorTypes, Merger};
use super::{Responses, WithProblem, responses_json, schema_name, share_parts, type_names};
use crate::catalogue::Catalogued;
use crate::render::DefaultFormat;

/// The responses of `E` in its default format, as aide's `inferred_responses` returns them.
#[must_use]
pub fn responses<E: Catalogued + DefaultFormat + ?Sized>() -> Vec<(Option<u16>, Response)> {
    let name = schema_name::<E::Format>(&type_names(&E::CATALOGUE.iter().collect::<Vec<_>>()), true);
    convert(responses_json::<E::Format>(E::CATALOGUE, &name))
}

/// Moves each error envelope schema errwire wrote inline into `components/schemas`, named for
/// its type, and `$ref`s it from every response (see
/// [`ErrorSchemas`](super::ErrorSchemas) for utoipa): use it where aide finishes the document,
/// `router.finish_api_with(&mut api, errwire::openapi::aide::error_schemas)`. Without it the
/// schemas stay inline (titled with the same name), and the document is just as valid.
pub fn error_schemas(mut api: TransformOpenApi<'_>) -> TransformOpenApi<'_> {
    // By parts: aide's `OpenApi` holds a `&'static str` and cannot be read back from JSON.
    let openapi = api.inner_mut();
    let parts = (
        serde_json::to_value(&openapi.paths),
        serde_json::to_value(openapi.components.clone().unwrap_or_default()),
    );
    if let (Ok(mut paths), Ok(mut components)) = parts {
        share_parts(&mut paths, &mut components);
        if let (Ok(paths), Ok(components)) =
            (serde_json::from_value(paths), serde_json::from_value(components))
        {
            openapi.paths = paths;
            openapi.components = Some(components);
        }
    }
    api
}

/// `OpenAPI` JSON as aide's types; every Response Object errwire builds is valid `OpenAPI`,
/// which aide reads (tested: the documents parse as `OpenAPI` 3.1 and every example validates).
fn convert(responses: BTreeMap<u16, Value>) -> Vec<(Option<u16>, Response)> {
    responses
        .into_iter()
        .filter_map(|(status, response)| Some((Some(status), serde_json::from_value(response).ok()?)))
        .collect()
}

/// Error types whose responses are merged per status: [`Responses`] and [`WithProblem`].
pub trait Merged {
    /// The merged responses.
    #[doc(hidden)]
    fn merged() -> BTreeMap<u16, Value>;
}

impl<T: ErrorTypes> Merged for Responses<T> {
    fn merged() -> BTreeMap<u16, Value> {
        Merger::of::<T>(false)
    }
}

impl<T: ErrorTypes> Merged for WithProblem<T> {
    fn merged() -> BTreeMap<u16, Value> {
        Merger::of::<T>(true)
    }
}

/// Documents the merged responses of `M` on an aide operation: each status gets every code of
/// every listed type (replacing what a handler's return type inferred for that status, which
/// `M` lists too). Use as `post_with(handler, |op| op.with(document::<Responses<(…)>>))`.
pub fn document<M: Merged>(mut op: TransformOperation<'_>) -> TransformOperation<'_> {
    let operation = op.inner_mut();
    let responses = operation.responses.get_or_insert_with(Default::default);
    for (status, response) in convert(M::merged()) {
        if let (Some(status), response) = (status, response) {
            responses
                .responses
                .insert(StatusCode::Code(status), ReferenceOr::Item(response));
        }
    }
    op
}

/// Documents the `200` of an SSE route whose failures are `E`'s codes
/// ([`EventStream`](super::EventStream)): `get_with(feed, |op| op.with(event_stream::<FeedError>))`.
pub fn event_stream<E: Catalogued + DefaultFormat + ?Sized>(
    mut op: TransformOperation<'_>,
) -> TransformOperation<'_> {
    let operation = op.inner_mut();
    let responses = operation.responses.get_or_insert_with(Default::default);
    let stream = BTreeMap::from([(200, super::stream::event_stream_json::<E>())]);
    for (status, response) in convert(stream) {
        if let Some(status) = status {
            responses
                .responses
                .insert(StatusCode::Code(status), ReferenceOr::Item(response));
        }
    }
    op
}

/// errwire's axum extractors document their input as axum's own do, so they can stand in
/// aide's `ApiRouter` handlers.
#[cfg(feature = "axum")]
mod extractors {
    use aide::OperationInput;
    use aide::generate::GenContext;
    use aide::openapi::{Operation, Response};

    use crate::axum::{Json, Path, Query};

    macro_rules! input_as {
        ($ours:ident, $axum:ty) => {
            impl<T> OperationInput for $ours<T>
            where
                $axum: OperationInput,
            {
                fn operation_input(ctx: &mut GenContext, operation: &mut Operation) {
                    <$axum>::operation_input(ctx, operation);
                }

                fn inferred_early_responses(
                    ctx: &mut GenContext,
                    operation: &mut Operation,
                ) -> Vec<(Option<u16>, Response)> {
                    <$axum>::inferred_early_responses(ctx, operation)
                }
            }
        };
    }

    input_as!(Json, axum::Json<T>);
    input_as!(Path, axum::extract::Path<T>);
    input_as!(Query, axum::extract::Query<T>);
}
