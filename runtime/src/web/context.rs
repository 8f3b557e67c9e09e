//! [`RequestContext`]: what the request being served tells an error response, kept in a
//! task-local by the errwire layer (tower) or middleware (actix-web).

use core::future::Future;

use crate::context::Context;

/// Renders an error in one format: `to_response::<F>`.
pub(crate) type Renderer = fn(&(dyn crate::error::ApiError + '_), &Context<'_>) -> http::Response<Vec<u8>>;

/// The renderer of format `F`.
pub(crate) fn renderer<F: crate::format::Format>() -> Renderer {
    |error, ctx| crate::to_response::<F>(error, ctx)
}

/// What the request being served tells an error response: its id, its path, and whether
/// it asked for problem+json. Set by [`ErrwireLayer`](crate::tower::ErrwireLayer) or
/// [`ErrwireMiddleware`](crate::actix::ErrwireMiddleware); read it in a handler with
/// [`RequestContext::current`].
#[derive(Debug, Clone, Default)]
pub struct RequestContext {
    /// The id, as a header value made once: the request's header, tower-http's `RequestId`,
    /// the response's echo and the body share it (every id the layer keeps or makes is
    /// visible ASCII, so it reads back as text).
    request_id: Option<http::HeaderValue>,
    instance: Option<String>,
    wants_problem: bool,
    /// The W3C trace id of the request's `traceparent`, when the settings read it.
    trace_id: Option<crate::wire::TraceId>,
    /// The service's envelope, set by the layer: every error of the request renders in it,
    /// whatever its type's own `format`, so a client sees one envelope.
    // Read when a handler's error renders: axum's `IntoResponse`, actix's `ResponseError`.
    #[cfg_attr(
        not(any(
            feature = "axum",
            feature = "actix-web",
            feature = "poem",
            feature = "salvo",
            feature = "rocket"
        )),
        allow(dead_code)
    )]
    renderer: Option<Renderer>,
    /// Whether the service's settings log the source chain (`None`: the process default).
    source_chain: Option<bool>,
    /// The service's translations and the locales this request's `Accept-Language` chose.
    #[cfg(feature = "i18n")]
    language: Option<(
        std::sync::Arc<crate::i18n::Translations>,
        crate::i18n::negotiate::Chain,
    )>,
}

tokio::task_local! {
    static CURRENT: RequestContext;
}

impl RequestContext {
    /// The context of a request the layer serves in format `F`.
    pub(crate) fn new<F: crate::format::Format>(
        request_id: http::HeaderValue,
        instance: &str,
        wants_problem: bool,
    ) -> Self {
        Self {
            request_id: Some(request_id),
            instance: Some(instance.into()),
            wants_problem,
            trace_id: None,
            renderer: Some(renderer::<F>()),
            source_chain: None,
            #[cfg(feature = "i18n")]
            language: None,
        }
    }

    /// The context of the request being served, if the errwire layer is in front.
    #[must_use]
    pub fn current() -> Option<Self> {
        CURRENT.try_with(Clone::clone).ok()
    }

    /// Calls `f` with the context of the request being served (an empty one without the
    /// errwire layer), borrowed from the task-local: rendering a handler's error reads it
    /// without the clone [`RequestContext::current`] makes.
    #[cfg_attr(
        not(any(feature = "axum", feature = "actix-web", feature = "poem", feature = "salvo")),
        allow(dead_code)
    )]
    pub(crate) fn with_current<R>(f: impl Fn(&Self) -> R) -> R {
        CURRENT.try_with(&f).unwrap_or_else(|_| f(&Self::default()))
    }

    /// The request id (the client's, if valid, else a generated one).
    #[must_use]
    pub fn request_id(&self) -> Option<&str> {
        // Every id the layer keeps or makes is visible ASCII (checked when it was made), so it
        // is read back as UTF-8 without `HeaderValue::to_str` checking each byte again.
        self.request_id
            .as_ref()
            .and_then(|id| core::str::from_utf8(id.as_bytes()).ok())
    }

    /// The request id as a header value (every id the layer gives is one).
    pub(crate) const fn request_id_header(&self) -> Option<&http::HeaderValue> {
        self.request_id.as_ref()
    }

    /// The request path: the problem+json `instance`.
    #[must_use]
    pub fn instance(&self) -> Option<&str> {
        self.instance.as_deref()
    }

    /// Whether the client asked for `application/problem+json` and the service negotiates.
    #[must_use]
    pub const fn wants_problem(&self) -> bool {
        self.wants_problem
    }

    /// The request's W3C trace id (from `traceparent`, when the settings read it).
    #[must_use]
    pub const fn trace_id(&self) -> Option<&crate::wire::TraceId> {
        self.trace_id.as_ref()
    }

    /// Whether the service's settings log the source chain (`None`: the process default).
    pub(crate) const fn source_chain(&self) -> Option<bool> {
        self.source_chain
    }

    pub(crate) const fn with_source_chain(mut self, on: Option<bool>) -> Self {
        self.source_chain = on;
        self
    }

    pub(crate) const fn with_trace_id(mut self, trace_id: Option<crate::wire::TraceId>) -> Self {
        self.trace_id = trace_id;
        self
    }

    #[cfg_attr(
        not(any(
            feature = "axum",
            feature = "actix-web",
            feature = "poem",
            feature = "salvo",
            feature = "rocket"
        )),
        allow(dead_code)
    )]
    pub(crate) const fn renderer(&self) -> Option<Renderer> {
        self.renderer
    }

    /// Translates this request's errors with `translations`, in the locales its
    /// `Accept-Language` value chooses.
    #[cfg(feature = "i18n")]
    pub(crate) fn with_language(
        mut self,
        translations: Option<&std::sync::Arc<crate::i18n::Translations>>,
        accept_language: Option<&str>,
    ) -> Self {
        if let Some(translations) = translations {
            let chain = accept_language.map_or(crate::i18n::negotiate::Chain::EMPTY, |h| {
                translations.negotiate(h)
            });
            self.language = Some((std::sync::Arc::clone(translations), chain));
        }
        self
    }

    /// The service's translations and this request's locales, if the layer has translations.
    #[cfg(feature = "i18n")]
    pub(crate) fn language(
        &self,
    ) -> Option<&(
        std::sync::Arc<crate::i18n::Translations>,
        crate::i18n::negotiate::Chain,
    )> {
        self.language.as_ref()
    }

    /// `future` with this context as the current one while it runs; `take_value` hands the
    /// context back when it is done (not cloned before: two allocations a request).
    pub(crate) fn scope<F: Future>(self, future: F) -> tokio::task::futures::TaskLocalFuture<Self, F> {
        CURRENT.scope(self, future)
    }

    /// The rendering context.
    #[must_use]
    pub fn as_context(&self) -> Context<'_> {
        let mut ctx = Context::new().trace_id(self.trace_id);
        #[cfg(feature = "i18n")]
        if let Some((translations, chain)) = &self.language {
            ctx = ctx.translations(translations).locale_chain(*chain);
        }
        if let (Some(id), Some(header)) = (self.request_id(), &self.request_id) {
            ctx.request_id = Some(crate::context::RequestId {
                text: id.into(),
                header: Some(header),
            });
        }
        if let Some(instance) = &self.instance {
            ctx = ctx.instance(instance.as_str());
        }
        ctx
    }
}

#[cfg(test)]
mod tests {
    use super::RequestContext;
    use crate::format::Nested;
    use crate::web::request_id::keep_or_generate;

    /// The header value the layer makes once is the one the header rule would make from the
    /// id, so a response rendered in the layer's context echoes the same bytes.
    #[test]
    fn the_layers_header_value_is_the_header_rules() {
        let longest = "a".repeat(crate::wire::MAX_REQUEST_ID);
        for client in [
            Some("req_xyz-1.2:3/4+5="),
            Some(longest.as_str()),
            Some("not kept"),
            None,
        ] {
            let request = RequestContext::new::<Nested>(keep_or_generate(client), "/x", false);
            let id = request.request_id().expect("an id");
            if client == Some("not kept") || client.is_none() {
                assert_eq!(id.len(), 36, "a generated UUID: {id}");
            } else {
                assert_eq!(Some(id), client);
            }
            let ctx = request.as_context();
            assert_eq!(ctx.request_id_ref(), Some(id));
            // The header value is a cache: the context equals one built by hand.
            assert_eq!(ctx, crate::Context::new().request_id(id).instance("/x"));
            let header = ctx.request_id_header_value();
            assert!(header.is_some());
            assert_eq!(header, crate::wire::request_id_header(id));
            // An id set anew is checked anew: this one is not echoed.
            assert_eq!(ctx.request_id("two words").request_id_header_value(), None);
        }
    }
}
