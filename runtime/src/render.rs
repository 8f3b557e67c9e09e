//! Rendering an error for the request being served (the integrations' common path).

use alloc::vec::Vec;

use crate::format::Problem;
use crate::request::RequestContext;
use crate::{to_response, ApiError, Format};

/// Marks a response errwire rendered, so the layer and middleware leave its body alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rendered;

/// The response for `error` with the current request's id and path, logged when the
/// `tracing` feature is on. The envelope: problem+json if the request negotiated it, else
/// the service's (the layer's) format, else `F`, the type's own.
pub fn render_current<F: Format>(error: &(impl ApiError + ?Sized)) -> http::Response<Vec<u8>> {
    let request = RequestContext::current().unwrap_or_default();
    render_for(error, &request, |error, ctx| {
        match (request.wants_problem, request.renderer) {
            (true, _) => to_response::<Problem>(error, ctx),
            // `&E` is an `ApiError` and sized: it coerces to the renderer's `&dyn ApiError`.
            (false, Some(render)) => render(&error, ctx),
            (false, None) => to_response::<F>(error, ctx),
        }
    })
}

/// Renders with `render` in the request's context, logs, and marks the response.
pub fn render_for<E: ApiError + ?Sized>(
    error: &E,
    request: &RequestContext,
    render: impl FnOnce(&E, &crate::Context<'_>) -> http::Response<Vec<u8>>,
) -> http::Response<Vec<u8>> {
    #[cfg(feature = "tracing")]
    crate::log::log_response(error, request.request_id.as_deref());
    let mut response = render(error, &request.as_context());
    response.extensions_mut().insert(Rendered);
    response
}

/// `error` in the service's format `F` — problem+json if the request negotiated it — with
/// the request's id, logged and marked (framework-made errors).
pub fn render_in<F: Format>(
    error: &(impl ApiError + ?Sized),
    request: &RequestContext,
) -> http::Response<Vec<u8>> {
    render_for(error, request, |error, ctx| {
        if request.wants_problem {
            to_response::<Problem>(error, ctx)
        } else {
            to_response::<F>(error, ctx)
        }
    })
}
