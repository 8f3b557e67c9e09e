//! What the errwire layer (tower, axum) or middleware (actix-web) knows about the request
//! being served, for code that wants it: the request id a handler should log, the settings
//! type, and the rules the layer applies.
//!
//! A framework's `IntoResponse` or `ResponseError` never sees the request. The layer
//! therefore runs the handler inside a task-local [`RequestContext`], and rendering reads
//! it: every error body carries the request id the logs have, with no bound on the error
//! type.

use http::HeaderMap;

pub use crate::web::context::RequestContext;
#[cfg(any(feature = "axum", feature = "actix-web"))]
pub use crate::web::json::Rejection;
pub use crate::web::negotiate::accepts_problem;
pub use crate::web::settings::ErrwireSettings;

/// The `x-request-id` a client sent, if the layer keeps it: 1 to
/// [`MAX_REQUEST_ID`](crate::wire::MAX_REQUEST_ID) bytes of letters, digits and `-_.:/+=`
/// (see [`crate::wire`] for why a client's id is held to a stricter rule than
/// one the application sets). Anything else is replaced by a generated UUID.
#[must_use]
pub fn incoming_request_id(headers: &HeaderMap) -> Option<String> {
    crate::wire::client_request_id(headers)
}
