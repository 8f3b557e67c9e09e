//! [`ErrwireSettings`]: the one settings type behind the tower layer, the actix-web and poem
//! middleware, the salvo hoop, the rocket fairing and the gRPC layer.

use core::marker::PhantomData;
use std::sync::Arc;

use core::time::Duration;
use http::{HeaderName, HeaderValue};

/// The settings of the errwire layer (tower, axum), middleware (actix-web, poem), hoop
/// (salvo), fairing (rocket) and gRPC layer (tonic); `F` is the service's envelope (gRPC has
/// its own). Build it under its framework's name — `ErrwireLayer`, `ErrwireMiddleware`,
/// `ErrwireHoop`, `ErrwireFairing`, all this type:
/// `ErrwireLayer::<Problem>::new().negotiate_problem(true)`; for tonic, hand it to
/// `GrpcLayer::with` (feature `tonic`).
pub struct ErrwireSettings<F = crate::format::Nested> {
    pub(crate) steps: Steps,
    format: PhantomData<fn() -> F>,
}

/// The settings without the envelope: what the pipeline's steps read.
#[derive(Clone, Default)]
pub(crate) struct Steps {
    /// Set on every response that lacks them (a service's `x-served-by`, say).
    pub(crate) headers: Option<Arc<[(HeaderName, HeaderValue)]>>,
    pub(crate) negotiate: bool,
    pub(crate) timeout: Option<Duration>,
    pub(crate) catch_panics: bool,
    pub(crate) trace_context: bool,
    /// Whether error logs carry the source chain (`None`: the process default).
    pub(crate) log_source_chain: Option<bool>,
    #[cfg(feature = "i18n")]
    pub(crate) translations: Option<Arc<crate::i18n::Translations>>,
}

impl<F> Clone for ErrwireSettings<F> {
    fn clone(&self) -> Self {
        Self {
            steps: self.steps.clone(),
            format: PhantomData,
        }
    }
}

impl<F> core::fmt::Debug for ErrwireSettings<F> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("ErrwireSettings")
            .field("format", &core::any::type_name::<F>())
            .field("steps", &self.steps)
            .finish()
    }
}

impl core::fmt::Debug for Steps {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        let mut debug = f.debug_struct("Steps");
        debug
            .field("negotiate", &self.negotiate)
            .field("timeout", &self.timeout)
            .field("catch_panics", &self.catch_panics)
            .field("trace_context", &self.trace_context)
            .field("log_source_chain", &self.log_source_chain)
            .field("headers", &self.headers);
        #[cfg(feature = "i18n")]
        debug.field("translations", &self.translations);
        debug.finish()
    }
}

impl<F: crate::format::Format> Default for ErrwireSettings<F> {
    fn default() -> Self {
        Self::new()
    }
}

impl<F: crate::format::Format> ErrwireSettings<F> {
    /// The layer or middleware, without content negotiation, timeout or panic catching.
    #[must_use]
    pub const fn new() -> Self {
        Self {
            steps: Steps {
                headers: None,
                negotiate: false,
                timeout: None,
                catch_panics: false,
                trace_context: false,
                log_source_chain: None,
                #[cfg(feature = "i18n")]
                translations: None,
            },
            format: PhantomData,
        }
    }

    /// Answer `request_timeout` (408; gRPC `DEADLINE_EXCEEDED`) when the handler takes
    /// longer than `limit` (actix-web has no timeout middleware; tower users may use
    /// tower-http's `TimeoutLayer` instead). The clock starts when the service is called,
    /// which must then be inside a tokio runtime (servers always call it there).
    #[must_use]
    pub const fn timeout(mut self, limit: Duration) -> Self {
        self.steps.timeout = Some(limit);
        self
    }

    /// Answer `internal_error` (500; gRPC `INTERNAL`) when the handler panics; the panic
    /// message is logged (feature `tracing`), never sent (tower users may use tower-http's
    /// `CatchPanicLayer` instead).
    #[must_use]
    pub const fn catch_panics(mut self) -> Self {
        self.steps.catch_panics = true;
        self
    }

    /// Sets `name: value` on every response that does not already carry `name` — errors
    /// and successes alike, as a service stamps `x-served-by` or a trace id on everything.
    /// Repeat for more headers.
    ///
    /// ```
    /// use errwire::http::{HeaderName, HeaderValue};
    /// use errwire::request::ErrwireSettings;
    ///
    /// let settings = ErrwireSettings::<errwire::format::Simple>::new()
    ///     .header(HeaderName::from_static("x-served-by"), HeaderValue::from_static("iad1"));
    /// ```
    #[must_use]
    pub fn header(mut self, name: HeaderName, value: HeaderValue) -> Self {
        let mut all: Vec<(HeaderName, HeaderValue)> =
            self.steps.headers.as_deref().unwrap_or_default().to_vec();
        all.push((name, value));
        self.steps.headers = Some(all.into());
        self
    }

    /// Translate every error's message (feature `i18n`): each request's `Accept-Language`
    /// chooses the locale, once per request; responses carry `Content-Language` and
    /// `Vary: Accept-Language`.
    #[cfg(feature = "i18n")]
    #[must_use]
    pub fn translations(mut self, translations: Arc<crate::i18n::Translations>) -> Self {
        self.steps.translations = Some(translations);
        self
    }

    /// Read each request's W3C `traceparent` (opt-in): its trace id goes into every error
    /// body as `trace_id` where the format has room (Nested, Flat, Problem, JSON-RPC `data`,
    /// MCP `structuredContent`) and onto the request span as `trace_id`, so a client's bug
    /// report leads to the trace. An invalid header is ignored
    /// ([`TraceId::from_traceparent`](crate::wire::TraceId::from_traceparent)); request ids
    /// are unchanged.
    ///
    /// ```
    /// use errwire::request::ErrwireSettings;
    ///
    /// let settings = ErrwireSettings::<errwire::format::Problem>::new().trace_context(true);
    /// ```
    #[must_use]
    pub const fn trace_context(mut self, on: bool) -> Self {
        self.steps.trace_context = on;
        self
    }

    /// Whether this service's error logs and error-tracker events (features `tracing`,
    /// `sentry`) carry each error's `Display` and source chain. Unset, the process-wide
    /// default (`errwire::log::log_source_chain`, on) holds. `#[api(sensitive)]` keeps a
    /// field off the wire, but an `#[error("bad token {token}")]` prints it: turn this off to
    /// log only the code, status and request id.
    ///
    /// ```
    /// use errwire::request::ErrwireSettings;
    ///
    /// let settings = ErrwireSettings::<errwire::format::Problem>::new().log_source_chain(false);
    /// ```
    #[must_use]
    pub const fn log_source_chain(mut self, on: bool) -> Self {
        self.steps.log_source_chain = Some(on);
        self
    }

    /// Answer `application/problem+json` to clients whose `Accept` asks for it (opt-in).
    #[must_use]
    pub const fn negotiate_problem(mut self, on: bool) -> Self {
        self.steps.negotiate = on;
        self
    }
}
