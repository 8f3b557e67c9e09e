//! [`EventStream`]: the `200` of a route that streams Server-Sent Events and ends with
//! errwire's `error` event when it fails ([`crate::sse`]).
//!
//! `OpenAPI` 3.1 has no way to describe the events of a stream, so the response says it in
//! the places generators and readers look: `text/event-stream` with a string schema whose
//! description names the error event, every code's frame as a named example (the exact text
//! a client receives), and `x-errwire-error-event` holding the event's name and its data's
//! schema — the same envelope schema the route's error responses use (one component with
//! [`ErrorSchemas`](super::ErrorSchemas) or `aide::error_schemas`).

use core::marker::PhantomData;

use serde_json::{Map, Value, json};

use super::{body_schema, schema_name, type_names};
use crate::catalogue::{Catalogued, Example};
use crate::context::Context;
use crate::format::Format;
use crate::render::DefaultFormat;
use crate::spec::ErrorSpec;

/// The `200` response of an SSE route whose failures are `E`'s codes, sent as errwire's
/// `error` event in `E`'s format: with utoipa, list it among the path's responses
/// (`responses(EventStream<FeedError>, FeedError)`); with aide,
/// `op.with(errwire::openapi::aide::event_stream::<FeedError>)`.
pub struct EventStream<E: ?Sized>(PhantomData<E>);

impl<E: ?Sized> core::fmt::Debug for EventStream<E> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str("EventStream")
    }
}

/// The Response Object of [`EventStream<E>`].
pub(crate) fn event_stream_json<E: Catalogued + DefaultFormat + ?Sized>() -> Value {
    let specs: Vec<&'static ErrorSpec> = E::CATALOGUE.iter().collect();
    response::<E::Format>(&specs, &schema_name::<E::Format>(&type_names(&specs), true))
}

fn response<F: Format>(specs: &[&'static ErrorSpec], name: &str) -> Value {
    let data = body_schema::<F>(specs, name);
    let examples: Map<String, Value> = specs
        .iter()
        .map(|spec| {
            let summary = spec.description().unwrap_or_else(|| spec.message());
            let frame = crate::sse::frame::<F>(&Example(spec), &Context::new());
            (
                spec.code().to_owned(),
                json!({"summary": summary, "value": frame}),
            )
        })
        .collect();
    let event = crate::sse::EVENT;
    json!({
        "description": "An event stream; a failure after the 200 ends it with one error event.",
        "content": {
            "text/event-stream": {
                "schema": {
                    "type": "string",
                    "description": std::format!(
                        "Server-Sent Events. A failure ends the stream with one `{event}` event: \
                         `event: {event}`, `retry:` (milliseconds) when the error has a delay, and \
                         as `data` an error body (`x-errwire-error-event`); the examples are those \
                         events as sent."
                    ),
                },
                "x-errwire-error-event": {"event": event, "data": data},
                "examples": examples,
            }
        }
    })
}
