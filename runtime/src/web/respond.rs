//! Step 4 for the transports whose responses are `http` 1's (the tower layer, poem): an
//! error response the framework made is put into the service's envelope.

use http::Response;

use super::context::RequestContext;
#[cfg(feature = "axum")]
use super::json::Rejection;
use super::render::{REPLACED_HEADERS, framework_error_for, render_in};
use crate::format::Format;
use crate::framework::FrameworkError;
use crate::telemetry::ErrorType;

/// An empty response standing for a handler that did not answer; [`finish`] renders it.
pub(crate) fn unanswered<B: From<Vec<u8>>>(error: FrameworkError) -> Response<B> {
    let mut response = Response::new(B::from(Vec::new()));
    *response.status_mut() = crate::ApiError::status(&error);
    response.extensions_mut().insert(error);
    response
}

/// `error` rendered; an extractor's rejection that named the failing field (errwire's axum
/// `Json`) keeps its violations.
fn render_framework<F: Format>(
    extensions: &http::Extensions,
    error: FrameworkError,
    request: &RequestContext,
) -> Response<Vec<u8>> {
    #[cfg(feature = "axum")]
    if let Some(rejection) = extensions.get::<Rejection>().filter(|r| r.error == error) {
        return render_in::<F>(rejection, request);
    }
    let _ = extensions;
    render_in::<F>(&error, request)
}

/// Puts a framework-made error response into the envelope.
pub(crate) fn finish<F: Format, B: From<Vec<u8>>>(
    response: Response<B>,
    request: &RequestContext,
) -> Response<B> {
    let framework_error = framework_error_for(
        response.status(),
        response.extensions().get::<ErrorType>().is_some(),
        response.extensions().get::<FrameworkError>().copied(),
    );
    match framework_error {
        Some(error) => {
            let (mut parts, _) = response.into_parts();
            let (rendered, body) = render_framework::<F>(&parts.extensions, error, request).into_parts();
            let error_type = rendered.extensions.get::<ErrorType>().cloned();
            // Keep what the framework said (`Allow` on a 405…), replace what describes the body.
            for name in REPLACED_HEADERS {
                parts.headers.remove(name);
            }
            parts.headers.extend(rendered.headers);
            parts.status = rendered.status;
            if let Some(error_type) = error_type {
                parts.extensions.insert(error_type);
            }
            Response::from_parts(parts, B::from(body))
        }
        None => response,
    }
}
