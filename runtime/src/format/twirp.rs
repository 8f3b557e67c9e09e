use std::io;

use http::StatusCode;
use serde::ser::{Serialize, SerializeMap, Serializer};
use serde_json::Value;

use super::descriptor::{Descriptor, MemberKind};
use super::{Format, JSON, write_object};
use crate::violation::{FieldList, written};
use crate::{context::Context, error::ApiError, wire};

/// Twirp's error (protocol v7): `{"code":"not_found","msg":m,"meta":{…}}`, with the HTTP status
/// Twirp's table gives the code.
///
/// `code` is the Twirp code of the error's gRPC code (`grpc_code`; the same names in lower
/// case, `canceled` with one `l`), so a 422 whose gRPC code is `INVALID_ARGUMENT` is sent as
/// `invalid_argument` with status 400: Twirp's clients and proxies read the code, and the
/// status follows it. `meta` holds strings only: errwire's `code`, the error's own `status`,
/// `retryable` (`"true"`/`"false"`), `retry_after` (seconds), `request_id`, `trace_id`, the
/// first violation's field as `argument` (Twirp's convention for `invalid_argument`), every
/// violation as `violations` (their JSON text), then the details (a string as it is, any other
/// value as its JSON text; a detail named like one of errwire's members is left out).
#[derive(Debug, Clone, Copy, Default)]
pub struct Twirp;

/// Twirp's codes and the HTTP status of each (the protocol's table): the sixteen of gRPC,
/// then `malformed` and `bad_route`, which only a Twirp server's router sends.
pub(crate) const CODES: [(&str, u16); 18] = [
    ("canceled", 408),
    ("unknown", 500),
    ("invalid_argument", 400),
    ("deadline_exceeded", 408),
    ("not_found", 404),
    ("already_exists", 409),
    ("permission_denied", 403),
    ("resource_exhausted", 429),
    ("failed_precondition", 412),
    ("aborted", 409),
    ("out_of_range", 400),
    ("unimplemented", 501),
    ("internal", 500),
    ("unavailable", 503),
    ("data_loss", 500),
    ("unauthenticated", 401),
    ("malformed", 400),
    ("bad_route", 404),
];

/// The names of [`CODES`], for the descriptor.
const NAMES: [&str; 18] = {
    let mut names = [""; 18];
    let mut i = 0;
    while i < CODES.len() {
        names[i] = CODES[i].0;
        i += 1;
    }
    names
};

/// The HTTP status Twirp's table gives `code` (500 for a code Twirp does not define).
#[must_use]
pub(crate) fn status_of(code: &str) -> StatusCode {
    CODES
        .iter()
        .find(|(name, _)| *name == code)
        .and_then(|(_, status)| StatusCode::from_u16(*status).ok())
        .unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
}

impl Twirp {
    /// errwire's own members of `meta`; a detail of one of these names is not sent (derived
    /// details cannot take `code`, `status`, `request_id` or `trace_id`: they are reserved).
    pub const META_MEMBERS: [&'static str; 8] = META_FACTS;
}

/// [`Twirp::META_MEMBERS`].
const META_FACTS: [&str; 8] = [
    "code",
    "status",
    "retryable",
    "retry_after",
    "request_id",
    "trace_id",
    "argument",
    "violations",
];

impl Format for Twirp {
    const CONTENT_TYPE: &'static str = DESCRIPTOR.content_type;
    const DESCRIPTOR: Option<&'static Descriptor> = Some(&DESCRIPTOR);

    fn status<E: ApiError + ?Sized>(error: &E) -> StatusCode {
        status_of(error.grpc_code().snake_name())
    }

    fn write_body<E, W>(error: &E, ctx: &Context<'_>, out: W) -> serde_json::Result<()>
    where
        E: ApiError + ?Sized,
        W: io::Write,
    {
        write_object(out, |map| {
            map.text_entry("code", error.grpc_code().snake_name())?;
            map.serialize_entry("msg", &ctx.message(error))?;
            map.serialize_entry("meta", &Meta { error, ctx })
        })
    }
}

struct Meta<'a, E: ?Sized> {
    error: &'a E,
    ctx: &'a Context<'a>,
}

impl<E: ApiError + ?Sized> Serialize for Meta<'_, E> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let (error, ctx) = (self.error, self.ctx);
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("code", error.code())?;
        map.serialize_entry("status", error.status().as_str())?;
        map.serialize_entry("retryable", if error.retryable() { "true" } else { "false" })?;
        if let Some(delay) = error.retry_after() {
            map.serialize_entry("retry_after", &wire::retry_after_seconds(delay).to_string())?;
        }
        if let Some(id) = ctx.request_id_ref() {
            map.serialize_entry("request_id", wire::request_id_body(id))?;
        }
        if let Some(id) = ctx.trace_id_ref() {
            map.serialize_entry("trace_id", &id.to_string())?;
        }
        let violations = error.violations();
        if let Some(first) = written(violations).first() {
            map.serialize_entry("argument", crate::violation::bounded(first.field()))?;
            let list = FieldList(violations, &|v| ctx.violation_message(v));
            let text = serde_json::to_string(&list).map_err(serde::ser::Error::custom)?;
            map.serialize_entry("violations", &text)?;
        }
        let mut result = Ok(());
        error.details().for_each(|name, value| {
            if result.is_err() || META_FACTS.contains(&name) {
                return;
            }
            result = match serde_json::to_value(value) {
                Ok(Value::String(text)) => map.serialize_entry(name, &text),
                Ok(other) => map.serialize_entry(name, &other.to_string()),
                Err(_) => Ok(()),
            };
        });
        result?;
        map.end()
    }
}

/// What clients and generators know of this envelope (see [`Descriptor`]).
pub(crate) const DESCRIPTOR: Descriptor = Descriptor {
    name: "Twirp",
    content_type: JSON,
    members: &["code", "msg", "meta"],
    flattens_details: false,
    detail_may_take: &[],
    code_at: Some(&["meta", "code"]),
    message_at: &["msg"],
    facts_at: None,
    recognised_by: &[&[(&["code"], MemberKind::OneOf(&NAMES)), (&["msg"], MemberKind::String)]],
    content_type_identifies: false,
    typescript: "/** The error body: Twirp's (`{\"code\",\"msg\",\"meta\"}`); `meta` holds strings only, the
 * error's code among them. */
export interface ErrorBody {
  readonly code: string;
  readonly msg: string;
  readonly meta: {
    readonly code: AnyErrorCode;
    readonly status: string;
    readonly retryable: \"true\" | \"false\";
    readonly retry_after?: string;
    readonly request_id?: string;
    readonly trace_id?: string;
    readonly argument?: string;
    readonly violations?: string;
    readonly [member: string]: string | undefined;
  };
}

/** Whether `body` is this service's error body, whatever its code: a code added after this
 * module was generated is still an error body (narrow it with `isKnownErrorCode`). */
export function isErrorBody(body: unknown): body is ErrorBody {
  return isObject(body) && typeof body.code === \"string\" && typeof body.msg === \"string\" && isObject(body.meta) && typeof body.meta.code === \"string\";
}

",
};

#[cfg(test)]
mod tests {
    /// Twirp's first sixteen codes are gRPC's, by the names errwire writes them with.
    #[test]
    fn the_table_starts_with_grpcs_codes() {
        let names: Vec<&str> = super::CODES[..16].iter().map(|(name, _)| *name).collect();
        assert_eq!(names, crate::spec::SNAKE_NAMES);
    }
}
