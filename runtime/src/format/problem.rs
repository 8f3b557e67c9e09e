use std::io;

use serde::ser::SerializeMap;

use super::descriptor::{Descriptor, MemberKind};
use super::{
    Format, flattened_details, request_id_entry, same_text, status_number, trace_id_entry, write_object,
};
use crate::{context::Context, error::ApiError, violation, wire};

/// RFC 9457 problem details, `application/problem+json`:
/// `{"type","title","status","detail","instance","code","request_id",…details}`.
///
/// `type` is the code's docs URL, else `about:blank`; `title` is the variant's `title`, else
/// the reason phrase; `status` is always the response's status; details are extension
/// members at the top level (the derive requires names RFC 9457 §3.2 recommends: a letter,
/// then letters, digits or `_`).
#[derive(Debug, Clone, Copy, Default)]
pub struct Problem;

impl Format for Problem {
    const CONTENT_TYPE: &'static str = DESCRIPTOR.content_type;
    const DESCRIPTOR: Option<&'static Descriptor> = Some(&DESCRIPTOR);

    fn write_body<E, W>(error: &E, ctx: &Context<'_>, out: W) -> serde_json::Result<()>
    where
        E: ApiError + ?Sized,
        W: io::Write,
    {
        write_object(out, |map| {
            // The spec's docs URL was checked once, when the spec was built.
            let spec = error.spec();
            match error.docs_url() {
                None => map.text_entry("type", "about:blank")?,
                Some(url)
                    // Compared by content when the addresses differ: a spec's address is not
                    // stable (a constant's value may be materialised more than once), so
                    // pointer identity alone missed in release builds and every render
                    // re-validated the URL.
                    if spec.docs_url_is_uri() && spec.docs_url().is_some_and(|own| same_text(own, url)) =>
                {
                    map.text_entry("type", url)?;
                }
                Some(url) => map.serialize_entry("type", &wire::uri_reference(url))?,
            }
            map.serialize_entry("title", &ctx.title(error))?;
            map.serialize_entry("status", &status_number(error))?;
            map.serialize_entry("detail", &ctx.message(error))?;
            if let Some(instance) = ctx.instance_on_wire() {
                map.serialize_entry("instance", &instance)?;
            }
            map.text_entry("code", error.code())?;
            request_id_entry(map, ctx)?;
            trace_id_entry(map, ctx)?;
            violation::problem_entries(map, error.violations(), &|v| ctx.violation_message(v))?;
            flattened_details(map, error)
        })
    }
}

/// What clients and generators know of this envelope (see [`Descriptor`]).
pub(crate) const DESCRIPTOR: Descriptor = Descriptor {
    name: "Problem",
    content_type: "application/problem+json",
    members: &["type", "title", "status", "detail", "instance", "code", "request_id", "trace_id", "errors", "errors_omitted"],
    flattens_details: true,
    detail_may_take: &[],
    code_at: Some(&["code"]),
    message_at: &["detail"],
    facts_at: None,
    recognised_by: &[&[(&["status"], MemberKind::Integer), (&["title"], MemberKind::String)], &[(&["status"], MemberKind::Integer), (&["type"], MemberKind::String)]],
    content_type_identifies: true,
    typescript: "/** One RFC 9457 `errors` entry: a message, a JSON Pointer (as a URI fragment), a code, and the constraint's parameters. */
export interface ProblemViolation {
  readonly detail: string;
  readonly pointer: string;
  readonly code: string;
  readonly params?: Readonly<Record<string, unknown>>;
}

/** The error body: RFC 9457 problem details (`application/problem+json`); details are
 * top-level members. */
export interface ErrorBody {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  readonly instance?: string;
  readonly code: AnyErrorCode;
  readonly request_id?: string;
  readonly trace_id?: string;
  readonly errors?: readonly ProblemViolation[];
  readonly errors_omitted?: number;
  readonly [member: string]: unknown;
}

/** Whether `body` is this service's error body, whatever its code: a code added after this
 * module was generated is still an error body (narrow it with `isKnownErrorCode`). */
export function isErrorBody(body: unknown): body is ErrorBody {
  return isObject(body) && typeof body.code === \"string\" && typeof body.status === \"number\" && typeof body.title === \"string\";
}

",
};
