//! Which request id a request gets: the client's when [`crate::wire::is_client_request_id`]
//! keeps it, else a new random UUID. The tower layer and the actix middleware both ask here.

/// The client's `x-request-id` value if it is kept, else a generated id; as a header value
/// (every id either way is one), the only copy the request's context keeps.
pub(crate) fn keep_or_generate(client: Option<&str>) -> http::HeaderValue {
    let kept = client
        .filter(|id| crate::wire::is_client_request_id(id))
        .and_then(|id| http::HeaderValue::from_str(id).ok());
    kept.unwrap_or_else(|| {
        // uuid's `fast-rng`: a thread-local generator seeded once, not a `getrandom` system
        // call per request (0.45 µs of a 7 µs request in the load test's cost run).
        let mut buffer = uuid::Uuid::encode_buffer();
        let id = uuid::Uuid::new_v4().hyphenated().encode_lower(&mut buffer);
        // A hyphenated UUID is always a header value; the arm keeps this path free of panics.
        http::HeaderValue::from_str(id).unwrap_or_else(|_| http::HeaderValue::from_static("-"))
    })
}

/// Puts the request's id on an `http` request: the `x-request-id` header and tower-http's
/// `RequestId` extension, so handlers, `TraceLayer` and logs see the same id (the tower and
/// gRPC layers; actix-web writes its own header types).
#[cfg(feature = "tower")]
pub(crate) fn attach<B>(request: &mut http::Request<B>, id: Option<&http::HeaderValue>) {
    if let Some(value) = id {
        request
            .headers_mut()
            .insert(crate::wire::X_REQUEST_ID, value.clone());
        request
            .extensions_mut()
            .insert(tower_http::request_id::RequestId::new(value.clone()));
    }
}
