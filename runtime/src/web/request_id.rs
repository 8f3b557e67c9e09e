//! Which request id a request gets: the client's when [`crate::wire::is_client_request_id`]
//! keeps it, else a new random UUID. The tower layer and the actix middleware both ask here.

use alloc::string::String;

/// The client's `x-request-id` value if it is kept, else a generated id.
pub(crate) fn keep_or_generate(client: Option<&str>) -> String {
    match client {
        Some(id) if crate::wire::is_client_request_id(id) => String::from(id),
        _ => uuid::Uuid::new_v4().to_string(),
    }
}

/// Gives an `http` request its id (kept or generated) on the `x-request-id` header and as
/// tower-http's `RequestId` extension, so handlers, `TraceLayer` and logs see the same id —
/// what the tower layer and the gRPC layer do first; returns the id.
#[cfg(feature = "tower")]
pub(crate) fn assign<B>(request: &mut http::Request<B>) -> String {
    let client = request
        .headers()
        .get(crate::X_REQUEST_ID)
        .and_then(|v| v.to_str().ok());
    let id = keep_or_generate(client);
    if let Ok(value) = http::HeaderValue::from_str(&id) {
        request.headers_mut().insert(crate::X_REQUEST_ID, value.clone());
        request
            .extensions_mut()
            .insert(tower_http::request_id::RequestId::new(value));
    }
    id
}
