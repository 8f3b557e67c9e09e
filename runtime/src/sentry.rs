//! Feature `sentry` (with `tracing`): errors reported as failures captured by Sentry, one issue per code.
//!
//! An error tracker groups events by their stack trace and message; every errwire failure is
//! rendered by the same code, so without help they would all fall into one issue. Each
//! captured event carries:
//!
//! - the fingerprint `[domain, code]` (the type's name when it has no domain): one issue per
//!   stable code, whatever the message;
//! - the tags `code`, `status`, `request_id` (when the request has one) and
//!   `error.cause.type` (a downstream service's code, as on the request span);
//! - the exceptions: `<Type>::<Variant>` with the source chain below it — each error's
//!   `Display`, as the logs carry it, and only while
//!   [`log::log_source_chain`](crate::log::log_source_chain) is on; with it off, the
//!   public message alone.
//!
//! Only errors whose reporting class is `error` are captured (a 5xx unless
//! `#[api(report = …)]` says otherwise): a routine 404 stays out of the tracker. Nothing
//! `sensitive` is sent: details are not part of the event. Events go to `sentry-core`'s
//! current hub: the `sentry` crate's `init` sets it up, and a test can read them with
//! `sentry_core::test::with_captured_events`.

use sentry_core::protocol::{Event, Exception, Level};

use crate::error::ApiError;

/// Captures `error`, a failure being answered to a request with `request_id`; `cause` is the
/// downstream service's code it wraps, if any. The caller decides what is a failure (one
/// rule for span, log and tracker: the reporting class).
pub(crate) fn capture(
    error: &(impl ApiError + ?Sized),
    request_id: Option<&str>,
    cause: Option<&str>,
    with_chain: bool,
) {
    sentry_core::Hub::with_active(|hub| {
        hub.capture_event(event(error, request_id, cause, with_chain));
    });
}

/// The event for `error` (see the module docs).
fn event(
    error: &(impl ApiError + ?Sized),
    request_id: Option<&str>,
    cause: Option<&str>,
    with_chain: bool,
) -> Event<'static> {
    let spec = error.spec();
    let code = error.code();
    let mut event = match error.as_error().filter(|_| with_chain) {
        Some(source) => sentry_core::event_from_error(source),
        None => Event {
            exception: vec![Exception {
                value: Some(error.message().into_owned()),
                ..Exception::default()
            }]
            .into(),
            ..Event::default()
        },
    };
    // Sentry lists the chain innermost first: the error itself is the last exception.
    if let Some(outer) = event.exception.values.last_mut() {
        outer.ty = match spec.variant() {
            Some(variant) => format!("{}::{variant}", spec.type_name()),
            None => spec.type_name().to_owned(),
        };
    }
    event.level = Level::Error;
    event.logger = Some("errwire".into());
    let group = error.domain().unwrap_or(spec.type_name());
    event.fingerprint = vec![group.to_owned().into(), code.to_owned().into()].into();
    event.tags.insert("code".into(), code.into());
    event.tags.insert("status".into(), error.status().as_str().into());
    if let Some(id) = request_id {
        event.tags.insert("request_id".into(), id.into());
    }
    if let Some(cause) = cause {
        event.tags.insert("error.cause.type".into(), cause.into());
    }
    event
}
