#![doc = include_str!("docs/salvo.md")]

use salvo::http::{ParseError, ResBody, StatusCode, StatusError};
use salvo::{Depot, FlowCtrl, Handler, Request, Response};

use crate::format::Nested;
use crate::framework::FrameworkError;
use crate::web::negotiate::accepts_problem;
use crate::web::pipeline::{Incoming, Transport};
use crate::web::render::render_current;
use crate::web::respond::{finish, unanswered};
use crate::web::settings::ErrwireSettings;
use crate::{error::ApiError, format::Format};

/// Writes `error` into salvo's response in format `F`, with the current request's id (the
/// hoop's format wins, as for axum: one service, one envelope). What a body or status written
/// before said is replaced.
pub fn render<F: Format>(error: &(impl ApiError + ?Sized), res: &mut Response) {
    write_http(res, render_current::<F>(error).map(ResBody::from));
}

/// [`render`] in the error's own format (the derive's `Scribe`).
pub fn render_default<E: ApiError + crate::render::DefaultFormat + ?Sized>(error: &E, res: &mut Response) {
    render::<E::Format>(error, res);
}

/// The hoop; `F` is the service's envelope:
/// `Service::new(router).hoop(ErrwireHoop::<Problem>::new())`. On the `Service` it also sees
/// requests no route matched (salvo's 404 and 405).
pub type ErrwireHoop<F = Nested> = ErrwireSettings<F>;

#[salvo::async_trait]
impl<F: Format + 'static> Handler for ErrwireSettings<F> {
    async fn handle(&self, req: &mut Request, depot: &mut Depot, res: &mut Response, ctrl: &mut FlowCtrl) {
        let steps = &self.steps;
        let started = steps.start::<F>(Transport::Http, &incoming(req));
        if let Some(value) = started.context.request_id_header() {
            req.headers_mut()
                .insert(crate::render::X_REQUEST_ID, value.clone());
        }
        let (served, outcome) = steps.run(started, ctrl.call_next(req, depot, res)).await;
        let response = match outcome {
            Ok(_) => take_http(res),
            Err(error) => {
                // The handler did not answer: nothing it wrote is sent, and nothing after it runs.
                ctrl.skip_rest();
                *res = Response::new();
                unanswered(error)
            }
        };
        let mut response = served.in_span(|| finish::<F, ResBody>(response, &served.context));
        let error = response.extensions().get::<crate::ErrorType>().cloned();
        steps.finish_headers(&served, response.headers_mut(), error.as_ref());
        write_http(res, response);
    }
}

/// What the pipeline reads of a salvo request.
fn incoming(req: &Request) -> Incoming<'_> {
    let header = |name| req.headers().get(name).and_then(|v| v.to_str().ok());
    Incoming {
        request_id: header(crate::wire::X_REQUEST_ID),
        method: req.method().as_str(),
        path: req.uri().path(),
        accepts_problem: accepts_problem(req.headers()),
        accept_language: header(http::header::ACCEPT_LANGUAGE),
        traceparent: header(crate::wire::TRACEPARENT),
    }
}

/// Salvo's response as an `http` one for step 4, marked with the [`FrameworkError`] a salvo
/// error body stands for.
fn take_http(res: &mut Response) -> http::Response<ResBody> {
    let body = res.take_body();
    let framework = match &body {
        ResBody::Error(error) => framework_error_of(error),
        _ => None,
    };
    let mut http = http::Response::new(body);
    *http.status_mut() = res.status_code.unwrap_or(StatusCode::OK);
    *http.headers_mut() = core::mem::take(&mut res.headers);
    *http.extensions_mut() = core::mem::take(&mut res.extensions);
    if let Some(framework) = framework {
        http.extensions_mut().insert(framework);
    }
    http
}

/// An `http` response written into salvo's: its status, headers, body and extensions
/// ([`ErrorType`](crate::ErrorType)) replace what was there.
fn write_http(res: &mut Response, response: http::Response<ResBody>) {
    let (parts, body) = response.into_parts();
    res.status_code = Some(parts.status);
    for name in crate::web::render::REPLACED_HEADERS {
        res.headers.remove(name);
    }
    res.headers.extend(parts.headers);
    res.extensions.extend(parts.extensions);
    res.body = body;
}

/// Which [`FrameworkError`] a salvo error body is: an extractor's `ParseError` (`JsonBody`'s
/// media type, syntax and shape, a body over its limit) or the status's own (the router's
/// 404 and 405, a path or query parameter that does not parse: salvo does not say which).
fn framework_error_of(error: &StatusError) -> Option<FrameworkError> {
    let parse = error.cause.as_deref()?.downcast_ref::<ParseError>()?;
    Some(match parse {
        ParseError::PayloadTooLarge => FrameworkError::PayloadTooLarge,
        ParseError::InvalidContentType => FrameworkError::UnsupportedMediaType,
        ParseError::SerdeJson(e) if e.is_syntax() || e.is_eof() => FrameworkError::MalformedJson,
        ParseError::SerdeJson(_) => FrameworkError::InvalidBody,
        _ => return None,
    })
}
