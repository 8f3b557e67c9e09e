#![doc = include_str!("docs/grpc.md")]

use core::cell::RefCell;
use core::future::Future;
use core::pin::Pin;
use core::task::{Context as TaskContext, Poll, ready};
use core::time::Duration;
use std::collections::HashMap;

use http::{Request, Response};
use tokio::task::futures::TaskLocalFuture;
use tonic::metadata::{MetadataMap, MetadataValue};
use tonic::{Code, Status};
use tonic_types::{ErrorDetails, FieldViolation, StatusExt};
use tower::{Layer, Service};

use crate::format::google_rpc::{self, Detail, details_of};
use crate::framework::FrameworkError;
use crate::telemetry::ErrorType;
use crate::web::context::RequestContext;
use crate::web::pipeline::{Run, Transport};
use crate::web::request_id;
use crate::web::settings::{ErrwireSettings, Steps};
use crate::{context::Context, error::ApiError};

/// The `Status` for `error` in the context `ctx` (see the [module table](self)); logged with
/// the request id when the `tracing` feature is on.
pub fn status(error: &(impl ApiError + ?Sized), ctx: &Context<'_>) -> Status {
    // Inside `GrpcLayer`, its settings say whether the source chain is logged.
    let source_chain = RequestContext::current().and_then(|request| request.source_chain());
    crate::telemetry::observe(error, ctx.request_id_ref(), source_chain);
    // Inside `GrpcLayer`, the call's span is told which error its `Status` came from.
    let _ = NOTED.try_with(|noted| *noted.borrow_mut() = Some(ErrorType::of(error)));
    // The same details, chosen in one place, as Google's JSON errors and Connect send them.
    let mut details = ErrorDetails::new();
    for detail in details_of(error, ctx) {
        match detail {
            Detail::ErrorInfo {
                reason,
                domain,
                metadata,
            } => {
                let metadata: HashMap<String, String> = metadata
                    .into_iter()
                    .map(|(name, value)| (String::from(name), value))
                    .collect();
                details.set_error_info(reason, domain, metadata);
            }
            Detail::RetryInfo { delay } => {
                details.set_retry_info(Some(delay));
            }
            Detail::Help { description, url } => {
                details.add_help_link(description, url);
            }
            Detail::LocalizedMessage { locale, message } => {
                details.set_localized_message(locale, message);
            }
            Detail::BadRequest { violations } => {
                details.set_bad_request(violations.into_iter().map(field_violation).collect::<Vec<_>>());
            }
            Detail::RequestInfo { request_id } => {
                details.set_request_info(request_id, "");
            }
        }
    }
    let mut metadata = MetadataMap::new();
    if let Some(id) = ctx.request_id_ref()
        && let Ok(value) = MetadataValue::try_from(id)
    {
        metadata.insert(crate::wire::X_REQUEST_ID_NAME, value);
    }
    Status::with_error_details_and_metadata(
        Code::from_i32(error.grpc_code().as_i32()),
        ctx.message(error).to_string(),
        details,
        metadata,
    )
}

tokio::task_local! {
    /// The error the last `Status` of a handler inside [`GrpcLayer`] was made from: the
    /// layer records it on the call's span when the response is that error.
    static NOTED: RefCell<Option<ErrorType>>;
}

/// One violation (its texts already cut, as in every other format).
fn field_violation(violation: google_rpc::FieldViolation<'_>) -> FieldViolation {
    let mut field = FieldViolation::new(violation.field, violation.description);
    field.reason = String::from(violation.reason);
    field
}

/// The client's side: a `Status` a gRPC client received, read back as a
/// [`RemoteError`](crate::client::RemoteError) (feature `client`).
#[cfg(feature = "client")]
mod received {
    use serde_json::Value;
    use tonic::Status;
    use tonic_types::StatusExt;

    use crate::client::{RemoteError, RemoteFormat};
    use crate::{spec::GrpcCode, violation::Violation};

    #[cfg_attr(docsrs, doc(cfg(all(feature = "tonic", feature = "client"))))]
    impl RemoteError {
        /// The error a gRPC client received, read from its code, message, metadata and rich
        /// details (`ErrorInfo`, `RetryInfo`, `Help`, `BadRequest`, `RequestInfo`): the
        /// inverse of [`status`](super::status). Details come back as strings (gRPC's
        /// `ErrorInfo.metadata` holds nothing else); [`RemoteError::status`] is the HTTP status
        /// `google.rpc.Code` documents for the code, and [`RemoteError::http_status`] is 200, as
        /// gRPC sends it. A `Status` without details (or with undecodable ones) keeps its code
        /// and message.
        #[must_use]
        pub fn from_grpc(status: &Status) -> Self {
            let grpc = GrpcCode::from_i32(status.code() as i32);
            let mut remote = Self::empty(http::StatusCode::OK, RemoteFormat::Grpc);
            remote.grpc_code = grpc;
            remote.body_status = grpc.map(GrpcCode::http_status);
            remote.message = Some(String::from(status.message()));
            let details = status.get_error_details();
            if let Some(info) = details.error_info() {
                remote.code = Some(info.reason.clone());
                remote.details = info
                    .metadata
                    .iter()
                    .map(|(name, value)| (name.clone(), Value::String(value.clone())))
                    .collect();
            }
            if let Some(retry) = details.retry_info() {
                remote.retryable = Some(true);
                remote.retry_after = retry.retry_delay;
            }
            if let Some(help) = details.help()
                && let Some(link) = help.links.first()
            {
                remote.docs_url = Some(link.url.clone());
                remote.title = Some(link.description.clone());
            }
            if let Some(bad) = details.bad_request() {
                remote.violations = bad
                    .field_violations
                    .iter()
                    .take(crate::violation::MAX_VIOLATIONS)
                    .map(|v| Violation::new(v.field.clone(), v.reason.clone(), v.description.clone()))
                    .collect();
            }
            remote.request_id = details
                .request_info()
                .map(|info| info.request_id.clone())
                .filter(|id| !id.is_empty())
                .or_else(|| {
                    let id = status.metadata().get(crate::wire::X_REQUEST_ID_NAME)?;
                    id.to_str().ok().map(String::from)
                });
            remote
        }
    }

    impl From<&Status> for RemoteError {
        fn from(status: &Status) -> Self {
            Self::from_grpc(status)
        }
    }

    impl From<Status> for RemoteError {
        fn from(status: Status) -> Self {
            Self::from_grpc(&status)
        }
    }
}

/// The tower layer for a tonic server: request ids, translations, service headers, and
/// tonic's own errors under errwire's codes — the steps of the HTTP layers, with the same
/// settings type. Put it on the server: `Server::builder().layer(GrpcLayer::new())`, or
/// `GrpcLayer::with(ErrwireSettings::new().timeout(limit).translations(t))`.
///
/// For each call it keeps a valid incoming `x-request-id` or makes a UUID, puts it on the
/// request, runs the service inside the request's context and `grpc` span (so a derived
/// error converted in a handler carries the id in `RequestInfo`, and its message is
/// translated for the call's `accept-language`), and echoes the id and the service headers
/// on the response. A response that is a gRPC error errwire did not render (no rich details)
/// and whose code is `UNIMPLEMENTED` — tonic's answer to an unknown service or method —
/// becomes `route_not_found`; with a timeout a call that outlives the limit becomes
/// `request_timeout` (`DEADLINE_EXCEEDED`), and with panic catching a handler's panic becomes
/// `internal_error` (`INTERNAL`). A status a handler made by hand is left as it is. The span
/// records the error of a call that failed (`error.type`, `otel.status_code`): the layer's
/// own, or the one a handler's `Status` was made from by errwire.
#[derive(Debug, Clone, Default)]
pub struct GrpcLayer {
    steps: Steps,
}

impl GrpcLayer {
    /// The layer, without timeout, panic catching, translations or service headers.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// The layer with these settings (the envelope `F` does not apply: gRPC has its own).
    #[must_use]
    pub fn with<F>(settings: ErrwireSettings<F>) -> Self {
        Self {
            steps: settings.steps,
        }
    }

    /// Answer `request_timeout` (`DEADLINE_EXCEEDED`) when a call takes longer than `limit`.
    #[deprecated(note = "set it on the settings: `GrpcLayer::with(ErrwireSettings::new().timeout(limit))`")]
    #[must_use]
    pub const fn timeout(mut self, limit: Duration) -> Self {
        self.steps.timeout = Some(limit);
        self
    }

    /// Answer `internal_error` (`INTERNAL`) when a handler panics.
    #[deprecated(note = "set it on the settings: `GrpcLayer::with(ErrwireSettings::new().catch_panics())`")]
    #[must_use]
    pub const fn catch_panics(mut self) -> Self {
        self.steps.catch_panics = true;
        self
    }
}

impl<S> Layer<S> for GrpcLayer {
    type Service = GrpcService<S>;

    fn layer(&self, inner: S) -> Self::Service {
        GrpcService {
            inner,
            steps: self.steps.clone(),
        }
    }
}

/// The service [`GrpcLayer`] makes.
#[derive(Debug, Clone)]
pub struct GrpcService<S> {
    inner: S,
    steps: Steps,
}

impl<S, ReqBody, ResBody> Service<Request<ReqBody>> for GrpcService<S>
where
    S: Service<Request<ReqBody>, Response = Response<ResBody>>,
    ResBody: Default,
{
    type Response = Response<ResBody>;
    type Error = S::Error;
    type Future = ResponseFuture<S::Future>;

    fn poll_ready(&mut self, cx: &mut TaskContext<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, mut request: Request<ReqBody>) -> Self::Future {
        let mut incoming = crate::tower::incoming(&request);
        // gRPC answers in its own envelope: no problem+json to negotiate.
        incoming.accepts_problem = false;
        let started = self
            .steps
            .start::<crate::format::Nested>(Transport::Grpc, &incoming);
        request_id::attach(&mut request, started.context.request_id_header());
        let noting = Noting {
            scoped: NOTED.scope(RefCell::new(None), self.inner.call(request)),
        };
        ResponseFuture {
            run: self.steps.run(started, noting),
            steps: self.steps.clone(),
        }
    }
}

pin_project_lite::pin_project! {
    /// The handler's future inside the call's `NOTED` scope: its output, and the error the
    /// handler's last `Status` was made from, if errwire made it.
    struct Noting<F> {
        #[pin]
        scoped: TaskLocalFuture<RefCell<Option<ErrorType>>, F>,
    }
}

impl<F: Future> Future for Noting<F> {
    type Output = (F::Output, Option<ErrorType>);

    fn poll(self: Pin<&mut Self>, cx: &mut TaskContext<'_>) -> Poll<Self::Output> {
        let mut scoped = self.project().scoped;
        let output = ready!(scoped.as_mut().poll(cx));
        let noted = scoped.take_value().and_then(RefCell::into_inner);
        Poll::Ready((output, noted))
    }
}

pin_project_lite::pin_project! {
    /// The future [`GrpcService`] answers with: the handler's, run inside the call's context
    /// and span, then tonic's own errors replaced and the id and service headers echoed.
    /// Named rather than boxed: no allocation of its own, and the handler's future is held
    /// once.
    pub struct ResponseFuture<Fut> {
        #[pin]
        run: Run<Noting<Fut>>,
        steps: Steps,
    }
}

impl<Fut> core::fmt::Debug for ResponseFuture<Fut> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("ResponseFuture").finish_non_exhaustive()
    }
}

impl<Fut, ResBody, E> Future for ResponseFuture<Fut>
where
    Fut: Future<Output = Result<Response<ResBody>, E>>,
    ResBody: Default,
{
    type Output = Result<Response<ResBody>, E>;

    fn poll(self: Pin<&mut Self>, cx: &mut TaskContext<'_>) -> Poll<Self::Output> {
        let this = self.project();
        let (served, outcome) = ready!(this.run.poll(cx));
        let (mut response, error) = match outcome {
            Ok((response, noted)) => {
                let response = response?;
                // A handler's error is named on the span when the answer is an error
                // (a trailers-only response: the status is in the headers).
                let failed = response
                    .headers()
                    .get(Status::GRPC_STATUS)
                    .is_some_and(|code| code.as_bytes() != b"0");
                let noted = noted.filter(|_| failed);
                served.in_span(|| replace_unimplemented(response, &served.context, noted))
            }
            Err(error) => (
                served.in_span(|| framework_response(error, &served.context)),
                Some(ErrorType::of(&error)),
            ),
        };
        this.steps
            .finish_headers(&served, response.headers_mut(), error.as_ref());
        Poll::Ready(Ok(response))
    }
}

/// tonic's `UNIMPLEMENTED` without details (an unknown service or method) as
/// `route_not_found`; every other response as it is, with the error it carries.
fn replace_unimplemented<B: Default>(
    response: Response<B>,
    context: &RequestContext,
    noted: Option<ErrorType>,
) -> (Response<B>, Option<ErrorType>) {
    let headers = response.headers();
    let unimplemented = headers
        .get(Status::GRPC_STATUS)
        .is_some_and(|code| code.as_bytes() == b"12");
    if unimplemented && !headers.contains_key(Status::GRPC_STATUS_DETAILS) {
        let error = FrameworkError::RouteNotFound;
        return (framework_response(error, context), Some(ErrorType::of(&error)));
    }
    (response, noted)
}

/// A trailers-only gRPC response for a framework-made error.
fn framework_response<B: Default>(error: FrameworkError, context: &RequestContext) -> Response<B> {
    status(&error, &context.as_context()).into_http()
}
