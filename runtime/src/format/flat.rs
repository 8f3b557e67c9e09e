use std::io;

use serde::ser::SerializeMap;

use super::descriptor::{Descriptor, MemberKind};
use super::{Format, JSON, details_entry, request_id_entry, trace_id_entry, write_object};
use crate::{context::Context, error::ApiError, violation};

/// `{"ok":false,"code":c,"detail":m,"error":m,"request_id":r,"details":{…}}` (the `ok: false` envelope of Slack-style APIs).
#[derive(Debug, Clone, Copy, Default)]
pub struct Flat;

impl Format for Flat {
    const CONTENT_TYPE: &'static str = DESCRIPTOR.content_type;
    const DESCRIPTOR: Option<&'static Descriptor> = Some(&DESCRIPTOR);

    fn write_body<E, W>(error: &E, ctx: &Context<'_>, out: W) -> serde_json::Result<()>
    where
        E: ApiError + ?Sized,
        W: io::Write,
    {
        write_object(out, |map| {
            map.serialize_entry("ok", &false)?;
            map.text_entry("code", error.code())?;
            map.serialize_entry("detail", &ctx.message(error))?;
            map.serialize_entry("error", &ctx.message(error))?;
            request_id_entry(map, ctx)?;
            trace_id_entry(map, ctx)?;
            details_entry(map, error)?;
            violation::field_entries(map, error.violations(), &|v| ctx.violation_message(v))
        })
    }
}

/// What clients and generators know of this envelope (see [`Descriptor`]).
pub(crate) const DESCRIPTOR: Descriptor = Descriptor {
    name: "Flat",
    content_type: JSON,
    members: &["ok", "code", "detail", "error", "request_id", "trace_id", "details", "violations", "violations_omitted"],
    flattens_details: false,
    detail_may_take: &[],
    code_at: Some(&["code"]),
    message_at: &["detail"],
    facts_at: Some(&[]),
    recognised_by: &[&[(&["ok"], MemberKind::Bool(false)), (&["code"], MemberKind::String)]],
    content_type_identifies: false,
    typescript: "/** The error body: `{\"ok\":false,\"code\",\"detail\",\"error\",…}`. */
export interface ErrorBody {
  readonly ok: false;
  readonly code: AnyErrorCode;
  readonly detail: string;
  readonly error: string;
  readonly request_id?: string;
  readonly trace_id?: string;
  readonly details?: Readonly<Record<string, unknown>>;
  readonly violations?: readonly Violation[];
  readonly violations_omitted?: number;
}

/** Whether `body` is this service's error body, whatever its code: a code added after this
 * module was generated is still an error body (narrow it with `isKnownErrorCode`). */
export function isErrorBody(body: unknown): body is ErrorBody {
  return isObject(body) && body.ok === false && typeof body.code === \"string\" && typeof body.detail === \"string\";
}

",
};
