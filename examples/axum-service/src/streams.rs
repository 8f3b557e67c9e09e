//! Errors after the 200: a feed that fails after two events (SSE), a socket that fails after
//! one message (WebSocket), an export that fails after two records (NDJSON).
//!
//! ```text
//! curl -N localhost:3000/feed       # two events, then `event: error` with `retry: 3000`
//! curl -N localhost:3000/export     # two records, then {"type":"error","error":{…}}
//! websocat ws://localhost:3000/ws   # send anything: "tick", the error body, close 4503
//! ```

use axum::body::Body;
use axum::extract::ws::{CloseFrame, Message, WebSocket, WebSocketUpgrade};
use axum::response::sse::Event;
use axum::response::{IntoResponse, Response};
use errwire::format::Problem;

use crate::AccountsError;

/// Two events, then a 429 with a three-second delay: the stream's last event.
pub async fn feed() -> impl IntoResponse {
    let events = [
        Ok(Event::default().data("tick 1")),
        Ok(Event::default().data("tick 2")),
        Err(AccountsError::RateLimited(3)),
    ];
    errwire::axum::sse(futures_util::stream::iter(events))
}

/// Two records, then the terminal error record.
pub async fn export() -> Response {
    let context = errwire::request::RequestContext::current().unwrap_or_default();
    let mut body = String::from("{\"id\":1,\"slug\":\"acme\"}\n{\"id\":2,\"slug\":\"globex\"}\n");
    body.push_str(&errwire::ndjson::record::<Problem>(
        &AccountsError::NotFound(3),
        &context.as_context(),
    ));
    ([("content-type", "application/x-ndjson")], Body::from(body)).into_response()
}

/// Answers the first message with "tick", then fails: the error's body as the last message,
/// and a close frame with its code (4503) and reason (its code).
pub async fn socket(upgrade: WebSocketUpgrade) -> Response {
    upgrade.on_upgrade(fail_after_one)
}

async fn fail_after_one(mut socket: WebSocket) {
    let _ = socket.recv().await;
    let _ = socket.send(Message::Text("tick".into())).await;
    let error = AccountsError::WarmingUp(7);
    let last = errwire::ws::message::<Problem>(&error, &errwire::Context::new());
    let _ = socket.send(Message::Text(last.into())).await;
    let (code, reason) = errwire::ws::close_frame(&error);
    let close = CloseFrame {
        code,
        reason: reason.into(),
    };
    let _ = socket.send(Message::Close(Some(close))).await;
}
