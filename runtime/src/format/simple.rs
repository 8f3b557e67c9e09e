use std::io;

use serde::ser::SerializeMap;

use super::descriptor::{Descriptor, MemberKind};
use super::{Format, JSON, flattened_details, write_object};
use crate::{context::Context, error::ApiError, spec::MessageSource, violation};

/// `{"error":c}`, plus `error_description` when the variant's message was written for the
/// wire (`message = "…"`, not a doc comment or reason phrase), plus details at the top level
/// (as a Vercel-style API answers: `{"error":"invalid_request","error_description":"…","field":"iso2"}`).
///
/// Field violations are written as such an API writes one: `field` is the first violation's
/// field (unless a detail is named `field`), and, when the variant has no message of its own,
/// `error_description` is that violation's message.
#[derive(Debug, Clone, Copy, Default)]
pub struct Simple;

impl Format for Simple {
    const CONTENT_TYPE: &'static str = DESCRIPTOR.content_type;
    const DESCRIPTOR: Option<&'static Descriptor> = Some(&DESCRIPTOR);

    fn write_body<E, W>(error: &E, ctx: &Context<'_>, out: W) -> serde_json::Result<()>
    where
        E: ApiError + ?Sized,
        W: io::Write,
    {
        write_object(out, |map| {
            map.text_entry("error", error.code())?;
            let first = error.violations().first();
            if error.spec().message_source() == MessageSource::Attribute {
                map.serialize_entry("error_description", &ctx.message(error))?;
            } else if let Some(violation) = first {
                map.serialize_entry(
                    "error_description",
                    violation::bounded(&ctx.violation_message(violation)),
                )?;
            }
            if let Some(violation) = first {
                let mut named_field = false;
                error.details().for_each(|name, _| named_field |= name == "field");
                if !named_field {
                    map.serialize_entry("field", violation::bounded(violation.field()))?;
                }
            }
            flattened_details(map, error)
        })
    }
}

/// What clients and generators know of this envelope (see [`Descriptor`]).
pub(crate) const DESCRIPTOR: Descriptor = Descriptor {
    name: "Simple",
    content_type: JSON,
    members: &["error", "error_description", "field"],
    flattens_details: true,
    detail_may_take: &["field"],
    code_at: Some(&["error"]),
    message_at: &["error_description"],
    facts_at: None,
    recognised_by: &[&[(&["error"], MemberKind::String)]],
    content_type_identifies: false,
    typescript: "/** The error body: `{\"error\":code,\"error_description\",…details}`. */
export interface ErrorBody {
  readonly error: AnyErrorCode;
  readonly error_description?: string;
  readonly field?: string;
  readonly [member: string]: unknown;
}

/** Whether `body` is this service's error body, whatever its code: a code added after this
 * module was generated is still an error body (narrow it with `isKnownErrorCode`). */
export function isErrorBody(body: unknown): body is ErrorBody {
  return isObject(body) && typeof body.error === \"string\";
}

",
};
