//! The responses in salvo-oapi's types (feature `salvo-oapi`): derived types are
//! `salvo_oapi::EndpointOutRegister`, so an `#[endpoint]` returning `Result<T, MyError>`
//! documents every status of `MyError` — every code a named example, `Retry-After` where a code
//! can be retried — with the envelope as one component schema (named for the type, its code
//! member listing every code) that each response `$ref`s, as errwire's salvo hoop sends it.
//!
//! ```
//! use errwire::format::Problem;
//! use salvo_oapi::{OpenApi, endpoint, extract::PathParam};
//! use salvo::{Router, Writer as _};
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
//! #[endpoint]
//! async fn order(id: PathParam<u64>) -> Result<&'static str, OrderError> {
//!     Err(OrderError::NotFound(*id))
//! }
//!
//! let router = Router::with_path("orders/{id}").get(order);
//! let spec = serde_json::to_value(OpenApi::new("orders", "1").merge_router(&router)).unwrap();
//! let responses = &spec["paths"]["/orders/{id}"]["get"]["responses"];
//! assert_eq!(
//!     responses["404"]["content"]["application/problem+json"]["schema"]["$ref"],
//!     "#/components/schemas/OrderError"
//! );
//! assert!(responses["429"]["headers"].get("Retry-After").is_some());
//! ```

use salvo_oapi::{Components, Operation, RefOr, Response, Schema};
use serde_json::{Value, json};

use super::{responses_json, schema_name, share_parts, type_names};
use crate::catalogue::Catalogued;
use crate::format::Format;
use crate::render::DefaultFormat;
use crate::spec::ErrorSpec;

/// Documents `E` in its default format on `operation` (`EndpointOutRegister::register`).
pub fn register<E: Catalogued + DefaultFormat + ?Sized>(
    components: &mut Components,
    operation: &mut Operation,
) {
    register_for::<E::Format>(E::CATALOGUE, components, operation);
}

/// Documents `specs` in format `F` on `operation`: one response per status, the envelope
/// schema put in `components` once and `$ref`d. The same Response Objects as utoipa's and
/// aide's, read through salvo-oapi's `serde` model.
pub fn register_for<F: Format>(
    specs: &'static [ErrorSpec],
    components: &mut Components,
    operation: &mut Operation,
) {
    let name = schema_name::<F>(&type_names(&specs.iter().collect::<Vec<_>>()), true);
    let mut responses: Value = responses_json::<F>(specs, &name)
        .into_iter()
        .map(|(status, response)| (status.to_string(), response))
        .collect::<serde_json::Map<_, _>>()
        .into();
    let mut shared = json!({});
    share_parts(&mut responses, &mut shared);
    for (name, schema) in shared["schemas"].as_object().into_iter().flatten() {
        if !components.schemas.contains_key(name)
            && let Ok(schema) = serde_json::from_value::<RefOr<Schema>>(schema.clone())
        {
            components.schemas.insert(name.clone(), schema);
        }
    }
    for (status, response) in responses.as_object().into_iter().flatten() {
        if let Ok(response) = serde_json::from_value::<Response>(response.clone()) {
            operation.responses.insert(status.clone(), response);
        }
    }
}
