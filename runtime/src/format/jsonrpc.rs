use std::io;

use http::StatusCode;

use serde::ser::{Serialize, SerializeMap, Serializer};

use super::descriptor::{Descriptor, MemberKind};
use super::{Facts, Format, JSON, write_object};
use crate::{context::Context, error::ApiError};

/// A JSON-RPC 2.0 error response (JSON-RPC 2.0 §5.1), with the API facts in `data`:
/// `{"jsonrpc":"2.0","id":id,"error":{"code":j,"message":m,"data":{"code":c,"status":s,
/// "retryable":b,"retry_after":secs,"request_id":r,"details":{…}}}}`.
///
/// `id` is the context's, else `null`. A code inside JSON-RPC's reserved range that the
/// specification does not define is replaced by the status's default mapping.
#[derive(Debug, Clone, Copy, Default)]
pub struct JsonRpc;

/// A JSON-RPC 2.0 error response with only `code` and `message` in `error`, as many MCP
/// servers print it: `{"jsonrpc":"2.0","id":1,"error":{"code":-32600,"message":"…"}}`.
#[derive(Debug, Clone, Copy, Default)]
pub struct JsonRpcPlain;

impl Format for JsonRpc {
    const CONTENT_TYPE: &'static str = DESCRIPTOR.content_type;
    const DESCRIPTOR: Option<&'static Descriptor> = Some(&DESCRIPTOR);

    /// 200 for an in-band error (`#[api(in_band)]`), else the error's status.
    fn status<E: ApiError + ?Sized>(error: &E) -> StatusCode {
        transport_status(error)
    }

    fn write_body<E, W>(error: &E, ctx: &Context<'_>, out: W) -> serde_json::Result<()>
    where
        E: ApiError + ?Sized,
        W: io::Write,
    {
        write_response(error, ctx, out, true)
    }
}

impl Format for JsonRpcPlain {
    const CONTENT_TYPE: &'static str = PLAIN_DESCRIPTOR.content_type;
    const DESCRIPTOR: Option<&'static Descriptor> = Some(&PLAIN_DESCRIPTOR);

    /// 200 for an in-band error (`#[api(in_band)]`), else the error's status.
    fn status<E: ApiError + ?Sized>(error: &E) -> StatusCode {
        transport_status(error)
    }

    fn write_body<E, W>(error: &E, ctx: &Context<'_>, out: W) -> serde_json::Result<()>
    where
        E: ApiError + ?Sized,
        W: io::Write,
    {
        write_response(error, ctx, out, false)
    }
}

/// An in-band error travels in a successful HTTP response; the body says what failed.
fn transport_status<E: ApiError + ?Sized>(error: &E) -> StatusCode {
    if error.in_band() {
        StatusCode::OK
    } else {
        error.status()
    }
}

fn write_response<E, W>(error: &E, ctx: &Context<'_>, out: W, with_data: bool) -> serde_json::Result<()>
where
    E: ApiError + ?Sized,
    W: io::Write,
{
    write_object(out, |map| {
        map.text_entry("jsonrpc", "2.0")?;
        map.serialize_entry("id", ctx.jsonrpc_id_ref())?;
        map.serialize_entry(
            "error",
            &ErrorObject {
                error,
                ctx,
                with_data,
            },
        )
    })
}

struct ErrorObject<'a, E: ?Sized> {
    error: &'a E,
    ctx: &'a Context<'a>,
    with_data: bool,
}

impl<E: ApiError + ?Sized> Serialize for ErrorObject<'_, E> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(if self.with_data { 3 } else { 2 }))?;
        map.serialize_entry(
            "code",
            &crate::wire::jsonrpc_code(self.error.jsonrpc_code(), self.error.status()),
        )?;
        map.serialize_entry("message", &self.ctx.message(self.error))?;
        if self.with_data {
            map.serialize_entry(
                "data",
                &Facts {
                    error: self.error,
                    ctx: self.ctx,
                    with_status: true,
                },
            )?;
        }
        map.end()
    }
}

/// What clients and generators know of this envelope (see [`Descriptor`]).
pub(crate) const DESCRIPTOR: Descriptor = Descriptor {
    name: "JsonRpc",
    content_type: JSON,
    members: &["jsonrpc", "id", "error"],
    flattens_details: false,
    detail_may_take: &[],
    code_at: Some(&["error", "data", "code"]),
    message_at: &["error", "message"],
    facts_at: Some(&["error", "data"]),
    recognised_by: &[&[(&["jsonrpc"], MemberKind::Text("2.0")), (&["error", "data", "code"], MemberKind::String)]],
    content_type_identifies: false,
    typescript: "/** The error body: a JSON-RPC 2.0 error response with the API facts in `data`. */
export interface ErrorBody {
  readonly jsonrpc: \"2.0\";
  readonly id: string | number | null;
  readonly error: {
    readonly code: number;
    readonly message: string;
    readonly data: {
      readonly code: AnyErrorCode;
      readonly status: number;
      readonly retryable: boolean;
      readonly retry_after?: number;
      readonly request_id?: string;
      readonly trace_id?: string;
      readonly details?: Readonly<Record<string, unknown>>;
      readonly violations?: readonly Violation[];
      readonly violations_omitted?: number;
    };
  };
}

/** Whether `body` is this service's error body, whatever its code: a code added after this
 * module was generated is still an error body (narrow it with `isKnownErrorCode`). */
export function isErrorBody(body: unknown): body is ErrorBody {
  return isObject(body) && body.jsonrpc === \"2.0\" && isObject(body.error) && typeof body.error.code === \"number\"
    && isObject(body.error.data) && typeof body.error.data.code === \"string\";
}

",
};

/// What clients and generators know of this envelope (see [`Descriptor`]).
pub(crate) const PLAIN_DESCRIPTOR: Descriptor = Descriptor {
    name: "JsonRpcPlain",
    content_type: JSON,
    members: &["jsonrpc", "id", "error"],
    flattens_details: false,
    detail_may_take: &[],
    code_at: None,
    message_at: &["error", "message"],
    facts_at: None,
    recognised_by: &[&[(&["jsonrpc"], MemberKind::Text("2.0")), (&["error", "code"], MemberKind::Integer)]],
    content_type_identifies: false,
    typescript: "/** The error body: a JSON-RPC 2.0 error response (`code` and `message` only: the API
 * code travels in no member, so `ErrorCode` is for reference). */
export interface ErrorBody {
  readonly jsonrpc: \"2.0\";
  readonly id: string | number | null;
  readonly error: {
    readonly code: number;
    readonly message: string;
  };
}

/** Whether `body` is a JSON-RPC error response. */
export function isErrorBody(body: unknown): body is ErrorBody {
  return isObject(body) && body.jsonrpc === \"2.0\" && isObject(body.error) && typeof body.error.code === \"number\"
    && typeof body.error.message === \"string\";
}

",
};
