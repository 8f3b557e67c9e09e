//! Errors inside an NDJSON (JSON Lines) stream: a terminal record that carries the envelope,
//! told apart from data records by its `type` member.
//!
//! ```text
//! {"id":1,"name":"gear"}
//! {"id":2,"name":"sprocket"}
//! {"type":"error","error":{"error":{"code":"export_failed","message":"The export failed."}}}
//! ```
//!
//! The record is `{"type":"error","error":<body>}`: `body` is what a response would carry, in
//! the service's format, with the same redaction, request id and translation. Data records
//! must not have `"type": "error"`; a client checks the member
//! ([`RemoteError::from_record`](crate::client::RemoteError::from_record)) and stops reading.
//!
//! ```
//! use errwire::{ApiError, Context, format::Flat};
//!
//! #[derive(Debug, ApiError)]
//! enum ExportError {
//!     /// The export failed.
//!     #[api(status = 500)]
//!     ExportFailed,
//! }
//!
//! let record = errwire::ndjson::record::<Flat>(&ExportError::ExportFailed, &Context::new());
//! assert_eq!(
//!     record,
//!     "{\"type\":\"error\",\"error\":{\"ok\":false,\"code\":\"export_failed\",\"detail\":\"The export failed.\",\"error\":\"The export failed.\"}}\n"
//! );
//! ```

use crate::context::Context;
use crate::error::ApiError;
use crate::format::Format;

/// The member that marks the terminal error record, and its value.
pub const TYPE_MEMBER: (&str, &str) = ("type", "error");

/// The member that holds the body.
pub const ERROR_MEMBER: &str = "error";

/// The terminal record for `error`, one line ending in `\n`.
#[must_use]
pub fn record<F: Format>(error: &(impl ApiError + ?Sized), ctx: &Context<'_>) -> String {
    let body = crate::to_json::<F>(error, ctx);
    let (member, value) = TYPE_MEMBER;
    // A JSON body has no raw line breaks (serde escapes them): the record is one line. A
    // custom format that writes something else travels as a JSON string.
    let body = match serde_json::from_str::<serde_json::Value>(&body) {
        Ok(_) if !body.contains(['\n', '\r']) => body,
        Ok(value) => value.to_string(),
        Err(_) => serde_json::Value::String(body).to_string(),
    };
    format!("{{\"{member}\":\"{value}\",\"{ERROR_MEMBER}\":{body}}}\n")
}
