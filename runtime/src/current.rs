//! [`CurrentContext`]: the request context a conversion (`From<E> for ErrorData`, …)
//! captures, owned because those conversions cannot borrow from a task-local. Above the web
//! layer (it reads the layer's context) and below the integrations and the derive's glue,
//! which use it.

use crate::context::Context;

/// The rendering context of the request being served, owned (for generated code: not public
/// API).
#[doc(hidden)]
#[derive(Debug, Default)]
pub struct CurrentContext {
    request_id: Option<String>,
    #[cfg(feature = "i18n")]
    language: Option<(
        std::sync::Arc<crate::i18n::Translations>,
        crate::i18n::negotiate::Chain,
    )>,
}

impl CurrentContext {
    /// Reads the errwire layer's request context, if any.
    #[must_use]
    pub fn capture() -> Self {
        #[cfg(any(
            feature = "tower",
            feature = "actix-web",
            feature = "poem",
            feature = "salvo",
            feature = "rocket"
        ))]
        if let Some(request) = crate::request::RequestContext::current() {
            return Self {
                request_id: request.request_id().map(String::from),
                #[cfg(feature = "i18n")]
                language: request.language().cloned(),
            };
        }
        Self::default()
    }

    /// As a rendering context.
    #[must_use]
    pub fn context(&self) -> Context<'_> {
        let mut ctx = Context::new();
        if let Some(id) = &self.request_id {
            ctx = ctx.request_id(id.as_str());
        }
        #[cfg(feature = "i18n")]
        if let Some((translations, chain)) = &self.language {
            ctx = ctx.translations(translations).locale_chain(*chain);
        }
        ctx
    }
}
