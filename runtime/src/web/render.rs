//! Rendering an error for the request being served, and deciding which responses a
//! framework made on its own are put into the service's envelope.

use http::StatusCode;

use super::context::RequestContext;
use crate::format::Problem;
use crate::framework::FrameworkError;
use crate::telemetry::ErrorType;
use crate::{error::ApiError, format::Format, render::to_response};

/// The response for `error` with the current request's id and path, logged when the
/// `tracing` feature is on. The envelope: problem+json if the request negotiated it, else
/// the service's (the layer's) format, else `F`, the type's own.
#[cfg(any(feature = "axum", feature = "actix-web", feature = "poem", feature = "salvo"))]
pub(crate) fn render_current<F: Format>(error: &(impl ApiError + ?Sized)) -> http::Response<Vec<u8>> {
    RequestContext::with_current(|request| render_with::<F>(error, request))
}

/// [`render_current`] for a request whose context was taken earlier (a stream's).
#[cfg(any(
    feature = "axum",
    feature = "actix-web",
    feature = "poem",
    feature = "salvo",
    feature = "rocket"
))]
pub(crate) fn render_with<F: Format>(
    error: &(impl ApiError + ?Sized),
    request: &RequestContext,
) -> http::Response<Vec<u8>> {
    render_for(error, request, |error, ctx| {
        match (request.wants_problem(), request.renderer()) {
            (true, _) => to_response::<Problem>(error, ctx),
            // `&E` is an `ApiError` and sized: it coerces to the renderer's `&dyn ApiError`.
            (false, Some(render)) => render(&error, ctx),
            (false, None) => to_response::<F>(error, ctx),
        }
    })
}

/// `error` in the service's format `F` — problem+json if the request negotiated it — with
/// the request's id, logged and marked (framework-made errors).
pub(crate) fn render_in<F: Format>(
    error: &(impl ApiError + ?Sized),
    request: &RequestContext,
) -> http::Response<Vec<u8>> {
    render_for(error, request, |error, ctx| {
        if request.wants_problem() {
            to_response::<Problem>(error, ctx)
        } else {
            to_response::<F>(error, ctx)
        }
    })
}

/// Renders with `render` in the request's context, logs, and marks the response with its
/// [`ErrorType`]: metrics read it, and the layer and middleware leave a marked body alone.
fn render_for<E: ApiError + ?Sized>(
    error: &E,
    request: &RequestContext,
    render: impl FnOnce(&E, &crate::context::Context<'_>) -> http::Response<Vec<u8>>,
) -> http::Response<Vec<u8>> {
    crate::telemetry::observe(error, request.request_id(), request.source_chain());
    let mut response = render(error, &request.as_context());
    response.extensions_mut().insert(ErrorType::of(error));
    response
}

/// The one decision behind the layer and the middleware: which [`FrameworkError`] a
/// response becomes. Only an error response errwire did not render is replaced: by the
/// precise error a marked rejection carries (errwire's extractors mark theirs), else by the
/// status's own code; a status without one is left as it is, because the layer must never
/// change the status a handler chose.
pub(crate) fn framework_error_for(
    status: StatusCode,
    rendered: bool,
    marked: Option<FrameworkError>,
) -> Option<FrameworkError> {
    let unrendered_error = !rendered && (status.is_client_error() || status.is_server_error());
    if !unrendered_error {
        return None;
    }
    marked.or_else(|| FrameworkError::from_status(status))
}

/// The headers of a framework-made response that describe its old body: dropped when
/// errwire replaces the body; every other header (`Allow` on a 405…) is kept.
pub(crate) const REPLACED_HEADERS: [&str; 2] = ["content-type", "content-length"];
