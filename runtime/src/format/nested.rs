use std::io;

use serde::ser::{Serialize, SerializeMap, Serializer};

use super::descriptor::{Descriptor, MemberKind};
use super::{Format, JSON, details_entry, request_id_entry, trace_id_entry, write_object};
use crate::{context::Context, error::ApiError, violation};

/// `{"error":{"code":c,"message":m,"request_id":r,"details":{…}}}` (the envelope of Stripe-style APIs).
#[derive(Debug, Clone, Copy, Default)]
pub struct Nested;

impl Format for Nested {
    const CONTENT_TYPE: &'static str = DESCRIPTOR.content_type;
    const DESCRIPTOR: Option<&'static Descriptor> = Some(&DESCRIPTOR);

    fn write_body<E, W>(error: &E, ctx: &Context<'_>, out: W) -> serde_json::Result<()>
    where
        E: ApiError + ?Sized,
        W: io::Write,
    {
        write_object(out, |map| map.serialize_entry("error", &Inner { error, ctx }))
    }
}

struct Inner<'a, E: ?Sized> {
    error: &'a E,
    ctx: &'a Context<'a>,
}

impl<E: ApiError + ?Sized> Serialize for Inner<'_, E> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("code", self.error.code())?;
        map.serialize_entry("message", &self.ctx.message(self.error))?;
        request_id_entry(&mut map, self.ctx)?;
        trace_id_entry(&mut map, self.ctx)?;
        details_entry(&mut map, self.error)?;
        violation::field_entries(&mut map, self.error.violations(), &|v| {
            self.ctx.violation_message(v)
        })?;
        map.end()
    }
}

/// What clients and generators know of this envelope (see [`Descriptor`]).
pub(crate) const DESCRIPTOR: Descriptor = Descriptor {
    name: "Nested",
    content_type: JSON,
    members: &["error"],
    flattens_details: false,
    detail_may_take: &[],
    code_at: Some(&["error", "code"]),
    message_at: &["error", "message"],
    facts_at: Some(&["error"]),
    recognised_by: &[&[(&["error", "code"], MemberKind::String)]],
    content_type_identifies: false,
    typescript: "/** The error body: `{\"error\":{\"code\",\"message\",…}}`. */
export interface ErrorBody {
  readonly error: {
    readonly code: AnyErrorCode;
    readonly message: string;
    readonly request_id?: string;
  readonly trace_id?: string;
    readonly details?: Readonly<Record<string, unknown>>;
    readonly violations?: readonly Violation[];
    readonly violations_omitted?: number;
  };
}

/** Whether `body` is this service's error body, whatever its code: a code added after this
 * module was generated is still an error body (narrow it with `isKnownErrorCode`). */
export function isErrorBody(body: unknown): body is ErrorBody {
  return isObject(body) && isObject(body.error) && typeof body.error.code === \"string\" && typeof body.error.message === \"string\";
}

",
};
