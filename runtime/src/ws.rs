//! Errors on a WebSocket: a close frame whose code says the status and whose reason is the
//! error's code, and — for clients that want the whole envelope — a final text message
//! before it.
//!
//! RFC 6455 leaves close codes 4000–4999 to applications. errwire's rule, one line each way
//! ([`close_code`], [`status_of_close`]):
//!
//! | status | close code |
//! |---|---|
//! | 4xx | 4000 + (status − 400): 404 → 4004, 429 → 4029 |
//! | 5xx | 4500 + (status − 500): 500 → 4500, 503 → 4503 |
//! | 3xx | 4300 + (status − 300) |
//!
//! The reason is the error's code, cut to the 123 bytes a close frame has room for, never
//! inside a character. Neither the reason nor the message carries anything a response would
//! not: the message is the response's body ([`to_json`](crate::to_json)).
//!
//! ```
//! use errwire::{ApiError, Context, format::Problem};
//!
//! #[derive(Debug, ApiError)]
//! enum FeedError {
//!     /// The feed is gone.
//!     #[api(status = 410)]
//!     FeedGone,
//! }
//!
//! assert_eq!(errwire::ws::close_frame(&FeedError::FeedGone), (4010, "feed_gone".to_owned()));
//! let last = errwire::ws::message::<Problem>(&FeedError::FeedGone, &Context::new());
//! assert_eq!(
//!     last,
//!     r#"{"type":"about:blank","title":"Gone","status":410,"detail":"The feed is gone.","code":"feed_gone"}"#
//! );
//! ```
//!
//! With axum: `socket.send(Message::Text(last.into()))`, then
//! `socket.send(Message::Close(Some(CloseFrame { code, reason: reason.into() })))`; with
//! actix-ws: `session.text(last)`, then `session.close(Some(CloseReason { code:
//! CloseCode::Other(code), description: Some(reason) }))`. A client reads the close frame
//! with [`RemoteError::from_close`](crate::client::RemoteError::from_close).

use http::StatusCode;

use crate::context::Context;
use crate::error::ApiError;
use crate::format::Format;

/// The longest close reason RFC 6455 allows, in bytes (a control frame's 125, less the code).
pub const MAX_REASON: usize = 123;

/// errwire's close-code rule: each status class (its first status) and the close code that
/// stands for that status. One table, read by [`close_code`], [`status_of_close`] and the
/// TypeScript module's `statusOfClose`.
pub const CLOSE_CODE_RULE: [(u16, u16); 3] = [(400, 4000), (500, 4500), (300, 4300)];

/// The close code for an error of `status` (see the module's table); a status outside
/// 300–599 is closed as 4500.
#[must_use]
pub const fn close_code(status: StatusCode) -> u16 {
    let status = status.as_u16();
    let mut i = 0;
    while i < CLOSE_CODE_RULE.len() {
        let (first, code) = CLOSE_CODE_RULE[i];
        if status >= first && status < first + 100 {
            return code + (status - first);
        }
        i += 1;
    }
    4500
}

/// The status a close code of errwire's rule stands for; `None` for any other code.
#[must_use]
pub fn status_of_close(code: u16) -> Option<StatusCode> {
    CLOSE_CODE_RULE
        .iter()
        .find(|(_, base)| (*base..*base + 100).contains(&code))
        .and_then(|(first, base)| StatusCode::from_u16(first + (code - base)).ok())
}

/// The close frame for `error`: its code and reason.
#[must_use]
pub fn close_frame(error: &(impl ApiError + ?Sized)) -> (u16, String) {
    let reason = crate::wire::truncate(error.code(), MAX_REASON);
    (close_code(error.status()), reason.to_owned())
}

/// The text message to send before the close frame: the body a response would carry.
#[must_use]
pub fn message<F: Format>(error: &(impl ApiError + ?Sized), ctx: &Context<'_>) -> String {
    crate::to_json::<F>(error, ctx)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_error_status_has_a_code_and_comes_back() {
        for status in 300..=599 {
            let status = StatusCode::from_u16(status).unwrap();
            let code = close_code(status);
            assert!((4000..=4999).contains(&code), "{status}");
            assert_eq!(status_of_close(code), Some(status));
        }
        assert_eq!(status_of_close(1000), None);
        assert_eq!(status_of_close(4200), None);
    }
}
