//! The rules that keep anything from the request or the error safe on the wire, one module
//! per kind of value and one predicate per rule.
//!
//! - **Request ids** ([`request_id`]): an id the application set is echoed in `x-request-id`
//!   only when 1 to [`MAX_REQUEST_ID`] bytes of visible ASCII; an id a client sent is kept
//!   by the errwire layer only when it is 1 to [`MAX_REQUEST_ID`] bytes of `[A-Za-z0-9-_.:/+=]`.
//!   In a body, any request id is JSON-escaped and cut to [`MAX_REQUEST_ID`] bytes.
//! - **URI references** ([`uri`]; problem `type` and `instance`, OAuth `error_uri`): kept
//!   when valid (RFC 3986), else every byte outside unreserved characters, sub-delims, `@`
//!   and `/` is percent-encoded (UTF-8) and the result is cut to [`MAX_URI`] bytes.
//! - **OAuth strings** ([`oauth`]; `error`, `error_description`): RFC 6749 allows only
//!   `%x20-21 / %x23-5B / %x5D-7E`. `"` becomes `'`, `\` becomes `/`, typographic dashes and
//!   quotes become their ASCII forms, line breaks and tabs become spaces, other characters
//!   become `?`; runs of spaces collapse, the ends are trimmed, and an `error` left empty
//!   becomes `server_error`.
//! - **`Retry-After`** ([`retry_after`]): whole seconds, rounded up, so a client never
//!   retries early.
//! - **JSON-RPC codes** ([`jsonrpc_code`]): a code JSON-RPC reserves and does not define is
//!   replaced by the status's default mapping.

mod classes;
pub mod oauth;
pub mod request_id;
pub mod retry_after;
pub mod uri;

pub(crate) use classes::is_fragment_byte;
pub use oauth::{OAuthText, is_clean_oauth_text, is_oauth_text, oauth_text};
pub use request_id::{
    MAX_REQUEST_ID, client_request_id, is_client_request_id, request_id_body, request_id_header,
};
pub use retry_after::retry_after_seconds;
pub use uri::{MAX_URI, is_uri_reference, uri_reference};

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
