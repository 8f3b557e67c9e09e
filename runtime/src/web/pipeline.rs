//! The steps every transport takes for a request, written once. The tower layer (axum and
//! any tower service), the actix-web middleware and the gRPC layer each read their
//! framework's request into an [`Incoming`], then:
//!
//! 1. `Steps::start`: the request id (the client's if it is kept, else a new
//!    one), the request's context (id, path, negotiated envelope), its language, and the
//!    request span;
//! 2. the transport writes the id onto its request (its own header types);
//! 3. `Steps::run`: the handler inside the context and the span, guarded by the
//!    timeout and panic catching — a handler that did not answer is a [`FrameworkError`];
//! 4. the transport renders what needs rendering (a framework-made error, in its envelope);
//! 5. `Steps::finish_headers`: the id echoed and the service's headers on
//!    every response, and the response's error ([`ErrorType`]) recorded on the span.

use core::future::Future;
use core::pin::Pin;
use core::task::{Context, Poll, ready};

use super::context::RequestContext;
use super::guard::Guarded;
use super::request_id::keep_or_generate;
use super::settings::Steps;
use crate::format::Format;
use crate::framework::FrameworkError;
use crate::telemetry::ErrorType;

/// What the pipeline reads of a request, whatever the framework's types.
pub(crate) struct Incoming<'a> {
    /// The client's `x-request-id`, if it sent one.
    pub(crate) request_id: Option<&'a str>,
    /// The method (or, for gRPC, nothing: the path names the method).
    pub(crate) method: &'a str,
    /// The request path: problem+json's `instance`, the span's `path`.
    pub(crate) path: &'a str,
    /// Whether `Accept` asks for problem+json.
    pub(crate) accepts_problem: bool,
    /// The `Accept-Language` value.
    pub(crate) accept_language: Option<&'a str>,
    /// The W3C `traceparent` value.
    pub(crate) traceparent: Option<&'a str>,
}

/// Which transport a span belongs to: its name and fields differ, its steps do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Transport {
    /// HTTP: the tower layer or the actix-web middleware; span `request`.
    Http,
    /// gRPC: the tonic layer; span `grpc`.
    #[cfg_attr(not(feature = "tonic"), allow(dead_code))]
    Grpc,
}

/// The request's span (`tracing`), or nothing without the feature.
#[cfg(feature = "tracing")]
type RequestSpan = tracing::Span;
#[cfg(not(feature = "tracing"))]
type RequestSpan = ();

/// A future inside the request's span: entered on each poll and when it is dropped (a
/// cancelled handler's drop logs there too), as `tracing::Instrument` does; the future
/// itself without the feature.
#[cfg(feature = "tracing")]
type InSpan<F> = tracing::instrument::Instrumented<F>;
#[cfg(not(feature = "tracing"))]
type InSpan<F> = F;

/// A request the pipeline has started: its context and its span.
pub(crate) struct Started {
    pub(crate) context: RequestContext,
    // `()` without `tracing`: nothing to read.
    #[cfg_attr(not(feature = "tracing"), allow(dead_code))]
    span: RequestSpan,
}

/// A request the handler has answered (or failed to): its context, and its span for step 5.
pub(crate) struct Served {
    pub(crate) context: RequestContext,
    // `()` without `tracing`: nothing to read.
    #[cfg_attr(not(feature = "tracing"), allow(dead_code))]
    span: RequestSpan,
}

impl Served {
    /// Runs `f` inside the request span: what the transport renders after the handler (a
    /// framework-made error) is logged there, as the handler's own errors are.
    pub(crate) fn in_span<R>(&self, f: impl FnOnce() -> R) -> R {
        #[cfg(feature = "tracing")]
        return self.span.in_scope(f);
        #[cfg(not(feature = "tracing"))]
        f()
    }
}

/// The guarded handler inside the request's context, the task-local a handler's error reads.
type Scoped<H> = tokio::task::futures::TaskLocalFuture<RequestContext, Guarded<H>>;

pin_project_lite::pin_project! {
    /// Step 3 under way: the guarded handler inside the request's context and span. Named,
    /// not `async`, so the handler's future is held once (see `guard.rs`).
    pub(crate) struct Run<H> {
        #[pin]
        handler: InSpan<Scoped<H>>,
    }
}

impl<H: Future> Future for Run<H> {
    type Output = (Served, Result<H::Output, FrameworkError>);

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let mut handler = self.project().handler;
        let outcome = ready!(handler.as_mut().poll(cx));
        // The context is handed back from the task-local, not cloned before.
        #[cfg(feature = "tracing")]
        let (span, mut handler) = (handler.span().clone(), handler.inner_pin_mut());
        #[cfg(not(feature = "tracing"))]
        let span = ();
        let context = handler.as_mut().take_value().unwrap_or_default();
        Poll::Ready((Served { context, span }, outcome))
    }
}

impl Started {
    /// The request as served without step 3: rocket runs its handlers itself (its fairings
    /// cannot wrap them), and catches their panics on its own.
    #[cfg(feature = "rocket")]
    pub(crate) fn into_served(self) -> Served {
        Served {
            context: self.context,
            span: self.span,
        }
    }

    /// The request id the pipeline gave the request (actix-web writes it with its own
    /// header types).
    #[cfg_attr(not(feature = "actix-web"), allow(dead_code))]
    pub(crate) fn request_id(&self) -> &str {
        self.context.request_id().unwrap_or_default()
    }
}

/// Where the transport's response headers are: `http` 1's or actix-web's (`http` 0.2).
pub(crate) trait Headers {
    /// Whether the response carries `name`.
    fn has(&self, name: &http::HeaderName) -> bool;
    /// Sets `name` to `value`, replacing what was there.
    fn set(&mut self, name: &http::HeaderName, value: &http::HeaderValue);
}

impl Headers for http::HeaderMap {
    fn has(&self, name: &http::HeaderName) -> bool {
        self.contains_key(name)
    }

    fn set(&mut self, name: &http::HeaderName, value: &http::HeaderValue) {
        self.insert(name.clone(), value.clone());
    }
}

impl Steps {
    /// Step 1: the request's id, context (rendering in `F`), language and span.
    pub(crate) fn start<F: Format>(&self, transport: Transport, incoming: &Incoming<'_>) -> Started {
        let id = keep_or_generate(incoming.request_id);
        let wants_problem = self.negotiate && incoming.accepts_problem;
        let trace_id = incoming
            .traceparent
            .filter(|_| self.trace_context)
            .and_then(crate::wire::TraceId::from_traceparent);
        let context = RequestContext::new::<F>(id, incoming.path, wants_problem)
            .with_trace_id(trace_id)
            .with_source_chain(self.log_source_chain);
        #[cfg(feature = "i18n")]
        let context = context.with_language(self.translations.as_ref(), incoming.accept_language);
        #[cfg(feature = "tracing")]
        let span = match transport {
            // `error.type` and `otel.status_code` are recorded in step 5, when the response
            // is known (`tracing-opentelemetry` maps both).
            Transport::Http => tracing::info_span!(
                "request",
                request_id = context.request_id().unwrap_or(""),
                method = incoming.method,
                path = incoming.path,
                "otel.kind" = "server",
                trace_id = trace_id.as_ref().map(crate::wire::TraceId::as_str),
                "error.type" = tracing::field::Empty,
                "error.cause.type" = tracing::field::Empty,
                "otel.status_code" = tracing::field::Empty,
            ),
            Transport::Grpc => tracing::info_span!(
                "grpc",
                request_id = context.request_id().unwrap_or(""),
                method = incoming.path,
                "otel.kind" = "server",
                trace_id = trace_id.as_ref().map(crate::wire::TraceId::as_str),
                "error.type" = tracing::field::Empty,
                "error.cause.type" = tracing::field::Empty,
                "otel.status_code" = tracing::field::Empty,
            ),
        };
        let _ = (transport, incoming.method, incoming.accept_language);
        #[cfg(not(feature = "tracing"))]
        let span = ();
        Started { context, span }
    }

    /// Step 3: the handler's future inside the request's context and span, with the timeout
    /// and panic catching; a handler that did not answer is `request_timeout` or
    /// `internal_error`.
    pub(crate) fn run<H: Future>(&self, started: Started, handler: H) -> Run<H> {
        let scoped = started
            .context
            .scope(Guarded::new(self.timeout, self.catch_panics, handler));
        #[cfg(feature = "tracing")]
        let scoped = tracing::Instrument::instrument(scoped, started.span);
        Run { handler: scoped }
    }

    /// Step 5: the request id echoed, each service header the response lacks, and the
    /// response's error (if it carries one) recorded on the request span.
    pub(crate) fn finish_headers(
        &self,
        served: &Served,
        headers: &mut impl Headers,
        error: Option<&ErrorType>,
    ) {
        #[cfg(feature = "tracing")]
        crate::telemetry::record(&served.span, error);
        let _ = error;
        if let Some(id) = served.context.request_id_header() {
            headers.set(&crate::wire::X_REQUEST_ID, id);
        }
        for (name, value) in self.headers.as_deref().unwrap_or_default() {
            if !headers.has(name) {
                headers.set(name, value);
            }
        }
    }
}
