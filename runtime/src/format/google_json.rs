use std::io;

use serde::ser::{Serialize, SerializeMap, Serializer};

use super::descriptor::{Descriptor, MemberKind};
use super::google_rpc::{JsonList, details_of};
use super::{Format, JSON, status_number, write_object};
use crate::{context::Context, error::ApiError};

/// Google's JSON error (AIP-193, the HTTP mapping of `google.rpc.Status`):
/// `{"error":{"code":404,"message":m,"status":"NOT_FOUND","details":[…]}}`.
///
/// `code` is the HTTP status, `status` the name of the error's gRPC code (`grpc_code`), and
/// `details` the `google.rpc` messages the gRPC conversion sends, in their JSON form with
/// `@type`: always `ErrorInfo` first (`reason` the error's code, `domain`, the details as
/// string `metadata`), then `RetryInfo` (`retryDelay`), `Help` (the docs URL),
/// `LocalizedMessage` (a translated message), `BadRequest` (the violations, with their codes
/// as `reason`) and `RequestInfo` (`requestId`) where the error has them. AIP-193 asks for
/// `reason` in `UPPER_SNAKE_CASE`: `#[api(rename_all = "SCREAMING_SNAKE_CASE")]` gives it.
/// The envelope has no room for `retryable` (a `RetryInfo` says "retry"), the trace id or a
/// violation's parameters.
#[derive(Debug, Clone, Copy, Default)]
pub struct GoogleJson;

impl Format for GoogleJson {
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
        let mut map = serializer.serialize_map(Some(4))?;
        map.serialize_entry("code", &status_number(self.error))?;
        map.serialize_entry("message", &self.ctx.message(self.error))?;
        map.serialize_entry("status", self.error.grpc_code().name())?;
        map.serialize_entry("details", &JsonList(&details_of(self.error, self.ctx)))?;
        map.end()
    }
}

/// What clients and generators know of this envelope (see [`Descriptor`]).
pub(crate) const DESCRIPTOR: Descriptor = Descriptor {
    name: "GoogleJson",
    content_type: JSON,
    members: &["error"],
    flattens_details: false,
    detail_may_take: &[],
    code_at: Some(&["error", "details", "0", "reason"]),
    message_at: &["error", "message"],
    facts_at: None,
    recognised_by: &[&[(&["error", "code"], MemberKind::Integer), (&["error", "status"], MemberKind::String)]],
    content_type_identifies: false,
    typescript: "/** One `google.rpc` detail in its JSON form: `@type` names the message. */
export interface GoogleRpcDetail {
  readonly \"@type\": string;
  readonly [member: string]: unknown;
}

/** `google.rpc.ErrorInfo`, always the first detail: `reason` is the error's code. */
export interface ErrorInfo {
  readonly \"@type\": \"type.googleapis.com/google.rpc.ErrorInfo\";
  readonly reason: AnyErrorCode;
  readonly domain?: string;
  readonly metadata?: Readonly<Record<string, string>>;
}

/** The error body: Google's JSON error (AIP-193). */
export interface ErrorBody {
  readonly error: {
    readonly code: number;
    readonly message: string;
    readonly status: string;
    readonly details: readonly [ErrorInfo, ...GoogleRpcDetail[]];
  };
}

/** Whether `body` is this service's error body, whatever its code: a code added after this
 * module was generated is still an error body (narrow it with `isKnownErrorCode`). */
export function isErrorBody(body: unknown): body is ErrorBody {
  if (!isObject(body) || !isObject(body.error) || !Array.isArray(body.error.details)) {
    return false;
  }
  const info: unknown = body.error.details[0];
  return typeof body.error.code === \"number\" && typeof body.error.status === \"string\" && isObject(info) && typeof info.reason === \"string\";
}

",
};
