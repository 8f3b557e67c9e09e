use std::io;

use http::StatusCode;
use serde::ser::{Serialize, SerializeMap, SerializeSeq, Serializer};

use super::descriptor::{Descriptor, MemberKind};
use super::{Facts, Format, JSON, write_object};
use crate::{context::Context, error::ApiError};

/// An MCP tool execution error: a `CallToolResult` with `isError: true`, sent with HTTP 200
/// (the model reads it and can correct itself):
/// `{"content":[{"type":"text","text":m}],"isError":true,"structuredContent":{"code":c,
/// "retryable":b,"retry_after":secs,"request_id":r,"details":{…}}}`.
#[derive(Debug, Clone, Copy, Default)]
pub struct McpTool;

impl Format for McpTool {
    const CONTENT_TYPE: &'static str = DESCRIPTOR.content_type;
    const DESCRIPTOR: Option<&'static Descriptor> = Some(&DESCRIPTOR);

    fn status<E: ApiError + ?Sized>(_error: &E) -> StatusCode {
        StatusCode::OK
    }

    fn write_body<E, W>(error: &E, ctx: &Context<'_>, out: W) -> serde_json::Result<()>
    where
        E: ApiError + ?Sized,
        W: io::Write,
    {
        write_object(out, |map| {
            map.serialize_entry("content", &Content(error, ctx))?;
            map.serialize_entry("isError", &true)?;
            map.serialize_entry(
                "structuredContent",
                &Facts {
                    error,
                    ctx,
                    with_status: false,
                },
            )
        })
    }
}

/// `[{"type":"text","text":m}]`
struct Content<'a, E: ?Sized>(&'a E, &'a Context<'a>);

impl<E: ApiError + ?Sized> Serialize for Content<'_, E> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(1))?;
        seq.serialize_element(&Text(self.0, self.1))?;
        seq.end()
    }
}

struct Text<'a, E: ?Sized>(&'a E, &'a Context<'a>);

impl<E: ApiError + ?Sized> Serialize for Text<'_, E> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(2))?;
        map.serialize_entry("type", "text")?;
        map.serialize_entry("text", &self.1.message(self.0))?;
        map.end()
    }
}

/// What clients and generators know of this envelope (see [`Descriptor`]).
pub(crate) const DESCRIPTOR: Descriptor = Descriptor {
    name: "McpTool",
    content_type: JSON,
    members: &["content", "isError", "structuredContent"],
    flattens_details: false,
    detail_may_take: &[],
    code_at: Some(&["structuredContent", "code"]),
    message_at: &["content", "0", "text"],
    facts_at: Some(&["structuredContent"]),
    recognised_by: &[
        &[
            (&["isError"], MemberKind::Bool(true)),
            (&["content"], MemberKind::Array),
        ],
        &[
            (&["jsonrpc"], MemberKind::Text("2.0")),
            (&["result", "isError"], MemberKind::Bool(true)),
            (&["result", "content"], MemberKind::Array),
        ],
    ],
    content_type_identifies: false,
    typescript: "/** The error body: an MCP `CallToolResult` with `isError: true`. */
export interface ErrorBody {
  readonly content: readonly { readonly type: \"text\"; readonly text: string }[];
  readonly isError: true;
  readonly structuredContent: {
    readonly code: AnyErrorCode;
    readonly retryable: boolean;
    readonly retry_after?: number;
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
  return isObject(body) && body.isError === true && Array.isArray(body.content)
    && isObject(body.structuredContent) && typeof body.structuredContent.code === \"string\";
}

",
};
