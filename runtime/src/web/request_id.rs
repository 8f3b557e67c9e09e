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
