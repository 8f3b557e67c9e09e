use std::io;

use serde::ser::{Serialize, SerializeMap, SerializeSeq, Serializer};

use super::descriptor::{Descriptor, MemberKind};
use super::{Format, details_entry, request_id_entry, retry_after_entry, trace_id_entry, write_object};
use crate::violation::{self, Violation, bounded, omitted, written};
use crate::{context::Context, error::ApiError, wire};

/// JSON:API 1.1 errors, `application/vnd.api+json`: `{"errors":[…]}`.
///
/// The first error object is the error itself: `status` (the HTTP status as a string),
/// `code`, `title`, `detail` (the public message), `links.about` (the docs URL) and `meta`
/// holding errwire's facts (`retryable`, `retry_after`, `request_id`, `trace_id`, `details`,
/// `violations_omitted`). Then one object per violation, with the same `status`, `code` and
/// `title`, the violation's message as `detail`, its field as `source.pointer` (a JSON Pointer,
/// RFC 6901, from the request body's root: a field `data.attributes.title` points at a JSON:API
/// attribute) and `meta` holding the violation's code and parameters.
#[derive(Debug, Clone, Copy, Default)]
pub struct JsonApi;

impl Format for JsonApi {
    const CONTENT_TYPE: &'static str = DESCRIPTOR.content_type;
    const DESCRIPTOR: Option<&'static Descriptor> = Some(&DESCRIPTOR);

    fn write_body<E, W>(error: &E, ctx: &Context<'_>, out: W) -> serde_json::Result<()>
    where
        E: ApiError + ?Sized,
        W: io::Write,
    {
        write_object(out, |map| map.serialize_entry("errors", &Errors { error, ctx }))
    }
}

struct Errors<'a, E: ?Sized> {
    error: &'a E,
    ctx: &'a Context<'a>,
}

impl<E: ApiError + ?Sized> Serialize for Errors<'_, E> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let violations = written(self.error.violations());
        let mut seq = serializer.serialize_seq(None)?;
        seq.serialize_element(&Object {
            error: self.error,
            ctx: self.ctx,
            violation: None,
        })?;
        for (i, violation) in violations.iter().enumerate() {
            // JSON:API asks for distinct error objects (`uniqueItems`): a repeated violation
            // says nothing new.
            if violations[..i].contains(violation) {
                continue;
            }
            seq.serialize_element(&Object {
                error: self.error,
                ctx: self.ctx,
                violation: Some(violation),
            })?;
        }
        seq.end()
    }
}

/// One error object: the error's own (`violation: None`) or one violation's.
struct Object<'a, E: ?Sized> {
    error: &'a E,
    ctx: &'a Context<'a>,
    violation: Option<&'a Violation>,
}

impl<E: ApiError + ?Sized> Serialize for Object<'_, E> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let (error, ctx) = (self.error, self.ctx);
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("status", error.status().as_str())?;
        map.serialize_entry("code", error.code())?;
        map.serialize_entry("title", &ctx.title(error))?;
        match self.violation {
            None => {
                map.serialize_entry("detail", &ctx.message(error))?;
                if let Some(url) = error.docs_url() {
                    map.serialize_entry("links", &About(url))?;
                }
                map.serialize_entry("meta", &Facts { error, ctx })?;
            }
            Some(violation) => {
                map.serialize_entry("detail", bounded(&ctx.violation_message(violation)))?;
                map.serialize_entry("source", &Source(violation))?;
                map.serialize_entry("meta", &ViolationMeta(violation))?;
            }
        }
        map.end()
    }
}

/// `{"about": docs-url}`, the URL kept only when it is a valid URI reference.
struct About<'a>(&'a str);

impl Serialize for About<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(1))?;
        map.serialize_entry("about", &wire::uri_reference(self.0))?;
        map.end()
    }
}

/// errwire's facts, as the first object's `meta`.
struct Facts<'a, E: ?Sized> {
    error: &'a E,
    ctx: &'a Context<'a>,
}

impl<E: ApiError + ?Sized> Serialize for Facts<'_, E> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("retryable", &self.error.retryable())?;
        retry_after_entry(&mut map, self.error)?;
        request_id_entry(&mut map, self.ctx)?;
        trace_id_entry(&mut map, self.ctx)?;
        details_entry(&mut map, self.error)?;
        if let Some(count) = omitted(self.error.violations()) {
            map.serialize_entry("violations_omitted", &count)?;
        }
        map.end()
    }
}

/// `{"pointer": "/items/2/name"}`, cut like any violation text (never inside an escape).
struct Source<'a>(&'a Violation);

impl Serialize for Source<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let pointer = self.0.pointer();
        let pointer = bounded(&pointer);
        let mut map = serializer.serialize_map(Some(1))?;
        map.serialize_entry("pointer", pointer.strip_suffix('~').unwrap_or(pointer))?;
        map.end()
    }
}

/// A violation's `meta`: its code and parameters.
struct ViolationMeta<'a>(&'a Violation);

impl Serialize for ViolationMeta<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("code", bounded(self.0.code()))?;
        violation::params_entry(&mut map, self.0)?;
        map.end()
    }
}

/// What clients and generators know of this envelope (see [`Descriptor`]).
pub(crate) const DESCRIPTOR: Descriptor = Descriptor {
    name: "JsonApi",
    content_type: "application/vnd.api+json",
    members: &["errors"],
    flattens_details: false,
    detail_may_take: &[],
    code_at: Some(&["errors", "0", "code"]),
    message_at: &["errors", "0", "detail"],
    facts_at: Some(&["errors", "0", "meta"]),
    recognised_by: &[&[
        (&["errors", "0", "status"], MemberKind::String),
        (&["errors", "0", "code"], MemberKind::String),
    ]],
    content_type_identifies: true,
    typescript: "/** One JSON:API error object: the error's own first, then one per field violation
 * (`source.pointer`, and the violation's `code` and `params` in `meta`). */
export interface JsonApiError {
  readonly status: string;
  readonly code: AnyErrorCode;
  readonly title: string;
  readonly detail: string;
  readonly links?: { readonly about?: string };
  readonly source?: { readonly pointer?: string };
  readonly meta?: {
    readonly retryable?: boolean;
    readonly retry_after?: number;
    readonly request_id?: string;
    readonly trace_id?: string;
    readonly details?: Readonly<Record<string, unknown>>;
    readonly violations_omitted?: number;
    readonly code?: string;
    readonly params?: Readonly<Record<string, unknown>>;
  };
}

/** The error body: JSON:API 1.1 errors (`application/vnd.api+json`). */
export interface ErrorBody {
  readonly errors: readonly [JsonApiError, ...JsonApiError[]];
}

/** Whether `body` is this service's error body, whatever its code: a code added after this
 * module was generated is still an error body (narrow it with `isKnownErrorCode`). */
export function isErrorBody(body: unknown): body is ErrorBody {
  if (!isObject(body) || !Array.isArray(body.errors)) {
    return false;
  }
  const first: unknown = body.errors[0];
  return isObject(first) && typeof first.code === \"string\" && typeof first.status === \"string\";
}

",
};
