//! The rules that keep anything from the request or the error safe on the wire, one module
//! per kind of value and one predicate per rule.
//!
//! - **Request ids** ([`request_id_header`], [`is_client_request_id`], [`request_id_body`]):
//!   two rules for two sources, on purpose. An id the application put in the `Context` is
//!   trusted: echoed in `x-request-id` when it is 1 to [`MAX_REQUEST_ID`] bytes of visible
//!   ASCII, else left out of the headers (never altered). An id a client sent is not: the
//!   errwire layer keeps it only when it is 1 to [`MAX_REQUEST_ID`] bytes of
//!   `[A-Za-z0-9-_.:/+=]`, because it also goes into logs and spans, and generates a new one
//!   otherwise. In a body, any request id is JSON-escaped and cut to [`MAX_REQUEST_ID`] bytes.
//! - **URI references** ([`uri_reference`]; problem `type` and `instance`, OAuth `error_uri`): kept
//!   when valid (RFC 3986), else every byte outside unreserved characters, sub-delims, `@`
//!   and `/` is percent-encoded (UTF-8) and the result is cut to [`MAX_URI`] bytes.
//! - **OAuth strings** ([`oauth_text`]; `error`, `error_description`): RFC 6749 allows only
//!   `%x20-21 / %x23-5B / %x5D-7E`. `"` becomes `'`, `\` becomes `/`, typographic dashes and
//!   quotes become their ASCII forms, line breaks and tabs become spaces, other characters
//!   become `?`; runs of spaces collapse, the ends are trimmed, and an `error` left empty
//!   becomes `server_error`.
//! - **`Retry-After`** ([`retry_after_seconds`]): whole seconds, rounded up, so a client never
//!   retries early.
//! - **Trace ids** ([`TraceId`]): from a W3C `traceparent` only when the whole header is
//!   valid by the recommendation's rules; a body carries the 32 hex digits, nothing else.
//! - **JSON-RPC codes** ([`jsonrpc_code`]): a code JSON-RPC reserves and does not define is
//!   replaced by the status's default mapping.

// One public path per item: `errwire::wire::…`. The files are private modules; the paths
// through them that 0.1 had (`wire::oauth::…`) stay for one release as deprecated aliases.
mod classes;
#[path = "oauth.rs"]
mod oauth_rules;
#[path = "request_id.rs"]
mod request_id_rules;
#[path = "retry_after.rs"]
mod retry_after_rules;
mod trace_context;
#[path = "uri.rs"]
mod uri_rules;

pub(crate) use classes::is_fragment_byte;
pub use oauth_rules::{OAuthText, is_clean_oauth_text, is_oauth_text, oauth_text};
#[cfg(any(feature = "actix-web", feature = "tonic"))]
pub(crate) use request_id_rules::X_REQUEST_ID_NAME;
pub use request_id_rules::{
    MAX_REQUEST_ID, X_REQUEST_ID, client_request_id, is_client_request_id, request_id_body, request_id_header,
};
pub use retry_after_rules::retry_after_seconds;
pub use trace_context::{TRACEPARENT, TraceId};
pub use uri_rules::{MAX_URI, is_uri_reference, uri_reference};

/// Deprecated path of the OAuth string rules: use the items at `errwire::wire`.
#[deprecated(since = "0.2.0", note = "use the same items at `errwire::wire`")]
#[doc(hidden)]
pub mod oauth {
    pub use super::oauth_rules::{OAuthText, is_clean_oauth_text, is_oauth_text, oauth_text};
}

/// Deprecated path of the request-id rules: use the items at `errwire::wire`.
#[deprecated(since = "0.2.0", note = "use the same items at `errwire::wire`")]
#[doc(hidden)]
pub mod request_id {
    pub use super::request_id_rules::{
        MAX_REQUEST_ID, X_REQUEST_ID, client_request_id, is_client_request_id, request_id_body,
        request_id_header,
    };
}

/// Deprecated path of the `Retry-After` rule: use the item at `errwire::wire`.
#[deprecated(since = "0.2.0", note = "use the same item at `errwire::wire`")]
#[doc(hidden)]
pub mod retry_after {
    pub use super::retry_after_rules::retry_after_seconds;
}

/// Deprecated path of the URI-reference rules: use the items at `errwire::wire`.
#[deprecated(since = "0.2.0", note = "use the same items at `errwire::wire`")]
#[doc(hidden)]
pub mod uri {
    pub use super::uri_rules::{MAX_URI, is_uri_reference, uri_reference};
}

use crate::rules::{default_jsonrpc_code, jsonrpc_code_is_allowed};

/// `text` cut to at most `max` bytes, at a character boundary.
#[must_use]
pub fn truncate(text: &str, max: usize) -> &str {
    if text.len() <= max {
        return text;
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// The JSON-RPC code sent for an error whose own code is `code` and whose status is
/// `status`: its own, unless JSON-RPC reserves that code and does not define it (a
/// hand-written spec can hold one; the derive refuses them), then the status's default.
/// `wire::jsonrpc_code(error.jsonrpc_code(), error.status())`.
#[must_use]
pub fn jsonrpc_code(code: i32, status: http::StatusCode) -> i32 {
    if jsonrpc_code_is_allowed(code) {
        code
    } else {
        default_jsonrpc_code(status.as_u16())
    }
}
