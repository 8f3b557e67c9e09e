//! [`CurrentContext`]: the request context a conversion (`From<E> for ErrorData`, …)
//! captures, owned because those conversions cannot borrow from a task-local.

use alloc::string::String;

use crate::Context;

/// The rendering context of the request being served, owned.
#[derive(Debug, Default)]
pub struct CurrentContext {
    request_id: Option<String>,
}

impl CurrentContext {
    /// Reads the errwire layer's request context, if any.
    #[must_use]
    pub fn capture() -> Self {
        #[cfg(any(feature = "tower", feature = "actix-web"))]
        if let Some(request) = crate::request::RequestContext::current() {
            return Self {
                request_id: request.request_id().map(String::from),
            };
        }
        Self::default()
    }

    /// As a rendering context.
    #[must_use]
    pub fn context(&self) -> Context<'_> {
        match &self.request_id {
            Some(id) => Context::new().request_id(id.as_str()),
            None => Context::new(),
        }
    }
}
