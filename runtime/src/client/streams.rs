//! A [`RemoteError`] from inside a stream: an SSE error event, a WebSocket close frame, an
//! NDJSON terminal record (the frames `errwire::sse`, `errwire::ws` and `errwire::ndjson`
//! write).

use core::time::Duration;

use http::{HeaderMap, StatusCode};

use super::decode::decode_error;
use super::{DecodeError, DecodeErrorKind, RemoteError, RemoteFormat};

impl RemoteError {
    /// The error an SSE `error` event carries: `event` is the event's name (`"error"`;
    /// anything else is [`DecodeErrorKind::NotAnError`]), `data` its data, the envelope a
    /// response would have had. The stream's response was a 200: [`RemoteError::status`] is
    /// the body's status where the format writes one, else 200.
    ///
    /// # Errors
    /// As [`RemoteError::decode`].
    pub fn from_sse(event: &str, data: &str) -> Result<Self, DecodeError> {
        if event != crate::sse::EVENT {
            return Err(decode_error(
                StatusCode::OK,
                &HeaderMap::new(),
                DecodeErrorKind::NotAnError,
            ));
        }
        Self::decode(StatusCode::OK, &HeaderMap::new(), data.as_bytes())
    }

    /// The error of a raw SSE frame (`event: error`, `data:` lines, `retry:`), read by the
    /// specification's parsing rules; the frame's `retry` is the delay when the body has
    /// none.
    ///
    /// # Errors
    /// As [`RemoteError::from_sse`]; a frame without data is
    /// [`DecodeErrorKind::NotAnError`].
    pub fn from_sse_frame(frame: &str) -> Result<Self, DecodeError> {
        let parsed = crate::sse::parse_first(frame);
        let event = parsed.event.as_deref().unwrap_or("message");
        let Some(data) = parsed.data.as_deref() else {
            return Err(decode_error(
                StatusCode::OK,
                &HeaderMap::new(),
                DecodeErrorKind::NotAnError,
            ));
        };
        let mut remote = Self::from_sse(event, data)?;
        if remote.retry_after.is_none() {
            remote.retry_after = parsed.retry.map(Duration::from_millis);
        }
        Ok(remote)
    }

    /// The error a WebSocket close frame of errwire's rule carries: the status from the
    /// code ([`crate::ws::status_of_close`]), the error's code from the reason. `None` for a
    /// close code outside the rule (a normal closure, a protocol error…).
    #[must_use]
    pub fn from_close(code: u16, reason: &str) -> Option<Self> {
        let status = crate::ws::status_of_close(code)?;
        let mut remote = Self::empty(status, RemoteFormat::Unrecognised);
        remote.code = (!reason.is_empty()).then(|| reason.to_owned());
        Some(remote)
    }

    /// The error of an NDJSON terminal record (`{"type":"error","error":<body>}`, one line).
    ///
    /// # Errors
    /// [`DecodeErrorKind::NotAnError`] for a data record; else as [`RemoteError::decode`].
    pub fn from_record(line: &str) -> Result<Self, DecodeError> {
        let not_an_error = || decode_error(StatusCode::OK, &HeaderMap::new(), DecodeErrorKind::NotAnError);
        let value: serde_json::Value = serde_json::from_str(line)
            .map_err(|_| decode_error(StatusCode::OK, &HeaderMap::new(), DecodeErrorKind::NotJson))?;
        let (member, marker) = crate::ndjson::TYPE_MEMBER;
        if value.get(member).and_then(serde_json::Value::as_str) != Some(marker) {
            return Err(not_an_error());
        }
        let body = value.get(crate::ndjson::ERROR_MEMBER).ok_or_else(not_an_error)?;
        let bytes = serde_json::to_vec(body).map_err(|_| not_an_error())?;
        Self::decode(StatusCode::OK, &HeaderMap::new(), &bytes)
    }
}
