//! Request ids: which ones go into a header, and how one is written in a body.
//!
//! Two rules, for two sources, on purpose:
//! - an id **the application put in the [`Context`](crate::context::Context)** is trusted: it is
//!   echoed in `x-request-id` when it is a valid header value of 1 to [`MAX_REQUEST_ID`]
//!   bytes of visible ASCII ([`request_id_header`]), else left out of the headers (never
//!   altered);
//! - an id **a client sent** is not: the errwire layer keeps it only when it is 1 to
//!   [`MAX_REQUEST_ID`] bytes of letters, digits and `-_.:/+=` ([`is_client_request_id`]),
//!   because it also goes into logs and spans, and generates a new one otherwise.
//!
//! In a body any id is JSON-escaped and cut to [`MAX_REQUEST_ID`] bytes at a character
//! boundary ([`request_id_body`]).

use http::{HeaderMap, HeaderValue};

use super::truncate;

/// The longest request id echoed, in bytes.
pub const MAX_REQUEST_ID: usize = 200;

/// The header that carries the request id.
pub const X_REQUEST_ID: http::HeaderName = http::HeaderName::from_static(X_REQUEST_ID_NAME);

/// [`X_REQUEST_ID`]'s name, for frameworks with header types of their own (actix-web).
pub(crate) const X_REQUEST_ID_NAME: &str = "x-request-id";

/// The request id as a header value, if it is safe to echo unchanged.
#[must_use]
pub fn request_id_header(id: &str) -> Option<HeaderValue> {
    let safe = !id.is_empty() && id.len() <= MAX_REQUEST_ID && id.bytes().all(|b| b.is_ascii_graphic());
    safe.then(|| HeaderValue::from_str(id).ok()).flatten()
}

/// The request id as written in a body: cut to [`MAX_REQUEST_ID`] bytes.
#[must_use]
pub fn request_id_body(id: &str) -> &str {
    truncate(id, MAX_REQUEST_ID)
}

/// Whether a request id **a client sent** is kept by the errwire layer: 1 to
/// [`MAX_REQUEST_ID`] bytes of letters, digits and `-_.:/+=` (no spaces, quotes or anything
/// a log or header could misread).
#[must_use]
pub fn is_client_request_id(value: &str) -> bool {
    !value.is_empty()
        && value.len() <= MAX_REQUEST_ID
        && value
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-_.:/+=".contains(&b))
}

/// The `x-request-id` a client sent, if [`is_client_request_id`] keeps it.
#[must_use]
pub fn client_request_id(headers: &HeaderMap) -> Option<String> {
    let value = headers.get(X_REQUEST_ID)?.to_str().ok()?;
    is_client_request_id(value).then(|| String::from(value))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn client_ids_are_stricter_than_echoed_ones() {
        assert!(is_client_request_id("req_xyz-1.2:3/4+5="));
        for bad in ["", "\"quoted\"", "a b", "a;b", "é"] {
            assert!(!is_client_request_id(bad), "{bad:?}");
        }
        assert!(
            request_id_header("\"quoted\"").is_some(),
            "an application's own id may hold quotes"
        );
    }

    #[test]
    fn request_ids_with_unsafe_bytes_are_not_echoed() {
        assert!(request_id_header("req_xyz123").is_some());
        assert!(request_id_header("\"quoted\"").is_some());
        for bad in ["", "a\r\nb", "a b", "a\0", "é"] {
            assert!(request_id_header(bad).is_none(), "{bad:?}");
        }
        assert!(request_id_header(&"a".repeat(MAX_REQUEST_ID + 1)).is_none());
        assert_eq!(request_id_body(&"é".repeat(200)).len(), MAX_REQUEST_ID);
    }
}
