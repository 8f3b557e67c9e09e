//! Errors inside a Server-Sent Events stream: once the `200` and its headers are sent, the
//! stream itself is the only channel left, so the error goes out as one last event.
//!
//! ```text
//! event: error
//! id: 7                       (when given)
//! retry: 3000                 (the error's retry_after, in milliseconds)
//! data: {"error":{"code":"rate_limited","message":"Slow down.","request_id":"req_1"}}
//!
//! ```
//!
//! `data` is the body a response would carry, in the same format and with the same
//! redaction, request id and translation ([`to_json`](crate::to_json)). JSON has no raw line
//! breaks, so the data is one `data:` line; any line break a custom format writes starts a
//! new `data:` line, as the SSE specification requires, so a conforming parser reads back
//! exactly the body. A client reads the event with
//! [`RemoteError::from_sse`](crate::client::RemoteError::from_sse) (event name and data) or
//! [`RemoteError::from_sse_frame`](crate::client::RemoteError::from_sse_frame) (the raw
//! frame, `retry` included).
//!
//! With feature `axum`, [`errwire::axum::sse`](crate::axum) turns a stream of
//! `Result<Event, E>` into an `Sse` response that ends with this frame; with `actix-web`,
//! [`errwire::actix::sse`](crate::actix) does the same for a stream of serializable items.
//!
//! ```
//! use errwire::{ApiError, Context, format::Nested};
//!
//! #[derive(Debug, ApiError)]
//! enum StreamError {
//!     /// Slow down.
//!     #[api(status = 429, retry_after = 3)]
//!     RateLimited,
//! }
//!
//! let frame = errwire::sse::frame::<Nested>(&StreamError::RateLimited, &Context::new().request_id("req_1"));
//! assert_eq!(
//!     frame,
//!     "event: error\nretry: 3000\ndata: {\"error\":{\"code\":\"rate_limited\",\"message\":\"Slow down.\",\"request_id\":\"req_1\"}}\n\n"
//! );
//! ```

use crate::context::Context;
use crate::error::ApiError;
use crate::format::Format;

/// The event name of an error frame.
pub const EVENT: &str = "error";

/// The SSE frame for `error`: `event: error`, `retry:` when the error has a delay, the body
/// as `data:` lines, and the blank line that ends the event.
#[must_use]
pub fn frame<F: Format>(error: &(impl ApiError + ?Sized), ctx: &Context<'_>) -> String {
    write_frame(&crate::to_json::<F>(error, ctx), None, error.retry_after())
}

/// [`frame`] with an `id:` line (the stream's last event id, for a client that reconnects).
/// An id with a line break or NUL, which SSE cannot carry, is left out.
#[must_use]
pub fn frame_with_id<F: Format>(error: &(impl ApiError + ?Sized), ctx: &Context<'_>, id: &str) -> String {
    write_frame(&crate::to_json::<F>(error, ctx), Some(id), error.retry_after())
}

/// An error frame around an already rendered body.
pub(crate) fn write_frame(data: &str, id: Option<&str>, retry: Option<core::time::Duration>) -> String {
    let mut out = String::with_capacity(data.len() + 48);
    out.push_str("event: ");
    out.push_str(EVENT);
    out.push('\n');
    if let Some(id) = id.filter(|id| is_field_value(id)) {
        out.push_str("id: ");
        out.push_str(id);
        out.push('\n');
    }
    if let Some(delay) = retry {
        out.push_str("retry: ");
        out.push_str(&retry_millis(delay).to_string());
        out.push('\n');
    }
    write_data(&mut out, data);
    out.push('\n');
    out
}

/// `data` as `data:` lines: one per line of `data`, split where an SSE parser splits (CRLF,
/// LF or CR), so the parser joins them back with LF.
pub(crate) fn write_data(out: &mut String, data: &str) {
    let mut rest = data;
    loop {
        let end = rest.find(['\r', '\n']).unwrap_or(rest.len());
        out.push_str("data: ");
        out.push_str(&rest[..end]);
        out.push('\n');
        if end == rest.len() {
            return;
        }
        let skip = if rest[end..].starts_with("\r\n") { 2 } else { 1 };
        rest = &rest[end + skip..];
    }
}

/// The `retry` field's value: the delay in whole milliseconds.
#[must_use]
pub fn retry_millis(delay: core::time::Duration) -> u64 {
    u64::try_from(delay.as_millis()).unwrap_or(u64::MAX)
}

/// Whether SSE can carry `value` in a field: no line break, no NUL.
fn is_field_value(value: &str) -> bool {
    !value.contains(['\r', '\n', '\0'])
}

/// One event read from SSE text by the specification's rules (fields, one leading space
/// stripped, data lines joined with LF), for the client side.
#[cfg(any(feature = "client", test))]
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct ParsedEvent {
    pub(crate) event: Option<String>,
    pub(crate) data: Option<String>,
    pub(crate) retry: Option<u64>,
}

/// The first event of `text` (an event ends at a blank line or at the end of the text).
#[cfg(any(feature = "client", test))]
pub(crate) fn parse_first(text: &str) -> ParsedEvent {
    let mut parsed = ParsedEvent::default();
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    for line in text.split('\n').map(|l| l.strip_suffix('\r').unwrap_or(l)) {
        if line.is_empty() {
            if parsed.data.is_some() {
                break;
            }
            continue;
        }
        let (field, value) = line.split_once(':').unwrap_or((line, ""));
        let value = value.strip_prefix(' ').unwrap_or(value);
        match field {
            "event" => parsed.event = Some(value.to_owned()),
            "data" => match &mut parsed.data {
                Some(data) => {
                    data.push('\n');
                    data.push_str(value);
                }
                None => parsed.data = Some(value.to_owned()),
            },
            "retry" if !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()) => {
                parsed.retry = value.parse().ok();
            }
            _ => {}
        }
    }
    parsed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_breaks_become_data_lines_and_come_back() {
        let frame = write_frame("a\r\nb\rc\nd", Some("7"), None);
        assert_eq!(
            frame,
            "event: error\nid: 7\ndata: a\ndata: b\ndata: c\ndata: d\n\n"
        );
        let parsed = parse_first(&frame);
        assert_eq!(parsed.data.as_deref(), Some("a\nb\nc\nd"));
        assert_eq!(parsed.event.as_deref(), Some("error"));
    }

    #[test]
    fn an_id_sse_cannot_carry_is_left_out() {
        assert_eq!(
            write_frame("{}", Some("a\nb"), None),
            "event: error\ndata: {}\n\n"
        );
    }
}
