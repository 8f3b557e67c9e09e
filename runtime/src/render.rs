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
            (false, Some(render)) => render(&Shown(error), ctx),
            (false, None) => to_response::<F>(error, ctx),
        }
    })
}

/// Any error, sized for a `dyn` renderer.
struct Shown<'a, E: ?Sized>(&'a E);

impl<E: ApiError + ?Sized> ApiError for Shown<'_, E> {
    fn spec(&self) -> &'static crate::ErrorSpec {
        self.0.spec()
    }
    fn status(&self) -> http::StatusCode {
        self.0.status()
    }
    fn code(&self) -> &'static str {
        self.0.code()
    }
    fn message(&self) -> alloc::borrow::Cow<'static, str> {
        self.0.message()
    }
    fn write_message(&self, out: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        self.0.write_message(out)
    }
    fn retryable(&self) -> bool {
        self.0.retryable()
    }
    fn retry_after(&self) -> Option<core::time::Duration> {
        self.0.retry_after()
    }
    fn domain(&self) -> Option<&'static str> {
        self.0.domain()
    }
    fn help(&self) -> Option<&'static str> {
        self.0.help()
    }
    fn title(&self) -> &'static str {
        self.0.title()
    }
    fn docs_url(&self) -> Option<&'static str> {
        self.0.docs_url()
    }
    fn jsonrpc_code(&self) -> i32 {
        self.0.jsonrpc_code()
    }
    fn mcp_channel(&self) -> crate::McpChannel {
        self.0.mcp_channel()
    }
    fn details(&self) -> crate::Details<'_> {
        self.0.details()
    }
    fn as_error(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.0.as_error()
    }
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
