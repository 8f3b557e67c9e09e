#![doc = include_str!("../docs/format.md")]

mod connect;
mod descriptor;
mod flat;
mod google_json;
pub(crate) mod google_rpc;
mod json_api;
mod jsonrpc;
mod mcp_tool;
mod nested;
mod oauth;
mod object;
mod problem;
mod simple;
pub(crate) mod text;
mod twirp;

use std::io;

use http::{HeaderMap, StatusCode};
use serde::ser::SerializeMap;

pub use connect::Connect;
pub use descriptor::{BUILT_IN, Descriptor, MemberKind, MemberPath, built_in};
pub use flat::Flat;
pub use google_json::GoogleJson;
pub use json_api::JsonApi;
pub use jsonrpc::{JsonRpc, JsonRpcPlain};
pub use mcp_tool::McpTool;
pub use nested::Nested;
pub use oauth::OAuth;
pub use problem::Problem;
pub use simple::Simple;
pub use twirp::Twirp;

use crate::context::Context;
use crate::error::ApiError;
use crate::wire;
use object::Object;

/// An error envelope: how an [`ApiError`] looks on the wire.
///
/// Implement it to add your own; the built-in formats use nothing else. A format is a type
/// (usually a unit struct) chosen at compile time: `to_json::<Problem>(&err, &ctx)`.
///
/// ```
/// use std::io;
///
/// use errwire::{ApiError, Context, Format};
/// use serde::ser::{SerializeMap, Serializer as _};
///
/// /// `{"message": "…", "kind": "…"}`
/// struct Minimal;
///
/// impl Format for Minimal {
///     const CONTENT_TYPE: &'static str = "application/json";
///
///     fn write_body<E, W>(error: &E, ctx: &Context<'_>, out: W) -> serde_json::Result<()>
///     where
///         E: ApiError + ?Sized,
///         W: io::Write,
///     {
///         let mut serializer = serde_json::Serializer::new(out);
///         let mut map = serializer.serialize_map(Some(2))?;
///         map.serialize_entry("message", &ctx.message(error))?;
///         map.serialize_entry("kind", error.code())?;
///         map.end()
///     }
/// }
///
/// #[derive(ApiError)]
/// #[api(status = 404)]
/// struct NotFound;
///
/// assert_eq!(errwire::to_json::<Minimal>(&NotFound, &Context::new()), r#"{"message":"Not Found","kind":"not_found"}"#);
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not an errwire format",
    label = "not an errwire format",
    note = "use a built-in format (`Nested`, `Flat`, `Problem`, `OAuth`, `Simple`, `JsonRpc`, `JsonRpcPlain`, `McpTool`, `GoogleJson`, `JsonApi`, `Twirp`, `Connect`) or implement `errwire::Format` for `{Self}`"
)]
pub trait Format {
    /// The `content-type` of the body.
    const CONTENT_TYPE: &'static str;

    /// What clients and generators know of a built-in envelope (its members, where its code
    /// and message live, how it is recognised); `None` for a format of your own.
    const DESCRIPTOR: Option<&'static Descriptor> = None;

    /// The HTTP status of the response: the error's, unless the envelope says otherwise
    /// (an MCP tool result is a successful response).
    fn status<E: ApiError + ?Sized>(error: &E) -> StatusCode {
        error.status()
    }

    /// Headers beyond `content-type`, `Retry-After` and `x-request-id`.
    fn extra_headers<E: ApiError + ?Sized>(error: &E, headers: &mut HeaderMap) {
        let _ = (error, headers);
    }

    /// Writes the body into `out`, straight from the error (no intermediate value).
    ///
    /// # Errors
    /// Those of `out`, or a detail whose `Serialize` fails; [`crate::render::to_json`] then renders
    /// the error again without its details.
    fn write_body<E, W>(error: &E, ctx: &Context<'_>, out: W) -> serde_json::Result<()>
    where
        E: ApiError + ?Sized,
        W: io::Write;
}

/// The body's top-level JSON object: `entries` fills it, in order.
fn write_object<W: io::Write>(
    out: W,
    entries: impl FnOnce(&mut Object<W>) -> serde_json::Result<()>,
) -> serde_json::Result<()> {
    let mut object = Object::begin(out)?;
    entries(&mut object)?;
    object.end()
}

/// `"request_id": …` when the context has one.
fn request_id_entry<M: SerializeMap>(map: &mut M, ctx: &Context<'_>) -> Result<(), M::Error> {
    match ctx.request_id_ref() {
        Some(id) => map.serialize_entry("request_id", wire::request_id_body(id)),
        None => Ok(()),
    }
}

/// `"trace_id": …` when the context has one (a W3C trace id: 32 hex digits).
fn trace_id_entry<M: SerializeMap>(map: &mut M, ctx: &Context<'_>) -> Result<(), M::Error> {
    match ctx.trace_id_ref() {
        Some(id) => map.serialize_entry("trace_id", id),
        None => Ok(()),
    }
}

/// `"details": {…}` when there are any.
fn details_entry<M: SerializeMap, E: ApiError + ?Sized>(map: &mut M, error: &E) -> Result<(), M::Error> {
    let details = error.details();
    if details.is_empty() {
        return Ok(());
    }
    map.serialize_entry("details", &details)
}

/// Details as members of `map` itself, leaving out the names a format writes itself
/// ([`RESERVED_MEMBER_NAMES`](crate::rules::RESERVED_MEMBER_NAMES): the derive refuses them,
/// a hand-written `details()` may still hold one).
fn flattened_details<M: SerializeMap, E: ApiError + ?Sized>(map: &mut M, error: &E) -> Result<(), M::Error> {
    let mut result = Ok(());
    let details = error.details();
    // Derived details had their names checked at compile time.
    let checked = details.names_checked();
    details.for_each_value(|name, value| {
        if result.is_ok() && (checked || !crate::rules::is_reserved_member_name(name)) {
            result = map.serialize_entry(name, &value);
        }
    });
    result
}

/// `"retry_after": seconds` when a delay is known.
fn retry_after_entry<M: SerializeMap, E: ApiError + ?Sized>(map: &mut M, error: &E) -> Result<(), M::Error> {
    match error.retry_after() {
        Some(delay) => map.serialize_entry("retry_after", &wire::retry_after_seconds(delay)),
        None => Ok(()),
    }
}

/// The facts a client without HTTP headers needs: `code`, `status` (when asked),
/// `retryable`, `retry_after`, `request_id`, `trace_id`, `details`. JSON-RPC's `data` carries them with
/// the status, MCP's `structuredContent` without (the result is an HTTP 200).
pub(crate) struct Facts<'a, E: ?Sized> {
    pub(crate) error: &'a E,
    pub(crate) ctx: &'a Context<'a>,
    pub(crate) with_status: bool,
}

impl<E: ApiError + ?Sized> serde::Serialize for Facts<'_, E> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("code", self.error.code())?;
        if self.with_status {
            map.serialize_entry("status", &status_number(self.error))?;
        }
        map.serialize_entry("retryable", &self.error.retryable())?;
        retry_after_entry(&mut map, self.error)?;
        request_id_entry(&mut map, self.ctx)?;
        trace_id_entry(&mut map, self.ctx)?;
        details_entry(&mut map, self.error)?;
        crate::violation::field_entries(&mut map, self.error.violations(), &|v| {
            self.ctx.violation_message(v)
        })?;
        map.end()
    }
}

/// Whether two texts are equal, the same address and length first (the common case: both
/// are the spec's own `&'static str`), then by content.
fn same_text(a: &str, b: &str) -> bool {
    (core::ptr::eq(a.as_ptr(), b.as_ptr()) && a.len() == b.len()) || a == b
}

/// The status as a JSON number.
fn status_number<E: ApiError + ?Sized>(error: &E) -> u16 {
    error.status().as_u16()
}

const JSON: &str = "application/json";
