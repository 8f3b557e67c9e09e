use std::io;

use http::StatusCode;
use serde::ser::{Serialize, SerializeMap, SerializeSeq, Serializer};

use super::{Facts, Format, JSON, write_object};
use crate::{ApiError, Context};

/// An MCP tool execution error: a `CallToolResult` with `isError: true`, sent with HTTP 200
/// (the model reads it and can correct itself):
/// `{"content":[{"type":"text","text":m}],"isError":true,"structuredContent":{"code":c,
/// "retryable":b,"retry_after":secs,"request_id":r,"details":{…}}}`.
#[derive(Debug, Clone, Copy, Default)]
pub struct McpTool;

impl Format for McpTool {
    const CONTENT_TYPE: &'static str = JSON;

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
