#![doc = include_str!("docs/rocket.md")]

use std::io::Cursor;
use std::sync::Mutex;

use rocket::catcher::{BoxFuture, Catcher};
use rocket::fairing::{self, Fairing, Info, Kind};
use rocket::http::{Header, Status};
use rocket::{Build, Data, Request, Response, Rocket};

use crate::format::Nested;
use crate::framework::FrameworkError;
use crate::telemetry::ErrorType;
use crate::web::context::RequestContext;
use crate::web::negotiate::accepts_problem_in;
use crate::web::pipeline::{Headers, Incoming, Served, Transport};
use crate::web::render::{render_in, render_with};
use crate::web::settings::ErrwireSettings;
use crate::{error::ApiError, format::Format};

/// The rocket response for `error` in format `F`, with the request's id, language and span
/// (the fairing's format wins, as for axum: one service, one envelope).
///
/// # Errors
///
/// Never: the `Result` is rocket's `Responder` signature; an error is always answered.
pub fn respond<F: Format>(
    error: &(impl ApiError + ?Sized),
    request: &Request<'_>,
) -> rocket::response::Result<'static> {
    let rendered = match served(request) {
        Some(served) => served.in_span(|| render_with::<F>(error, &served.context)),
        None => render_with::<F>(error, &RequestContext::default()),
    };
    Ok(to_rocket(mark(request, rendered)))
}

/// [`respond`] in the error's own format (the derive's `Responder`).
///
/// # Errors
///
/// Never, as [`respond`].
pub fn respond_default<E: ApiError + crate::render::DefaultFormat + ?Sized>(
    error: &E,
    request: &Request<'_>,
) -> rocket::response::Result<'static> {
    respond::<E::Format>(error, request)
}

/// The fairing; `F` is the service's envelope: `rocket::build().attach(ErrwireFairing::<Problem>::new())`.
/// It registers [`catchers`] when rocket ignites.
pub type ErrwireFairing<F = Nested> = ErrwireSettings<F>;

/// A default catcher that answers rocket's own errors (no route, a guard that failed, a
/// handler that panicked) in `F`, with errwire's codes. [`ErrwireFairing`] registers it; a
/// catcher of your own for a status still wins.
#[must_use]
pub fn catchers<F: Format + 'static>() -> Vec<Catcher> {
    vec![Catcher::new(None, catch::<F>)]
}

fn catch<'r, F: Format + 'static>(status: Status, request: &'r Request<'_>) -> BoxFuture<'r> {
    Box::pin(async move {
        let error = framework_error_of(status, request);
        let context = served(request).map(|s| &s.context).cloned().unwrap_or_default();
        let render = || render_in::<F>(&error, &context);
        let rendered = match served(request) {
            Some(served) => served.in_span(render),
            None => render(),
        };
        Ok(to_rocket(mark(request, rendered)))
    })
}

/// Which [`FrameworkError`] a status from rocket is. rocket 0.5 tells a catcher only the
/// status: a `Json` body of the wrong shape and a path or query parameter that does not parse
/// are both 422, told apart by the request's media type; broken JSON is 400. rocket has no
/// 405: a method no route serves is 404.
fn framework_error_of(status: Status, request: &Request<'_>) -> FrameworkError {
    let json = request.content_type().is_some_and(|media| media.is_json());
    match status.code {
        400 if json => FrameworkError::MalformedJson,
        422 if json => FrameworkError::InvalidBody,
        422 => FrameworkError::BadRequest,
        code => http::StatusCode::from_u16(code)
            .ok()
            .and_then(FrameworkError::from_status)
            .unwrap_or(FrameworkError::Internal),
    }
}

#[rocket::async_trait]
impl<F: Format + 'static> Fairing for ErrwireSettings<F> {
    fn info(&self) -> Info {
        Info {
            name: "errwire",
            kind: Kind::Ignite | Kind::Request | Kind::Response,
        }
    }

    async fn on_ignite(&self, rocket: Rocket<Build>) -> fairing::Result {
        Ok(rocket.register("/", catchers::<F>()))
    }

    async fn on_request(&self, request: &mut Request<'_>, _: &mut Data<'_>) {
        let started = {
            let header = |name: &http::HeaderName| request.headers().get_one(name.as_str());
            self.steps.start::<F>(
                Transport::Http,
                &Incoming {
                    request_id: header(&crate::wire::X_REQUEST_ID),
                    method: request.method().as_str(),
                    path: request.uri().path().as_str(),
                    accepts_problem: accepts_problem_in(request.headers().get("accept")),
                    accept_language: header(&http::header::ACCEPT_LANGUAGE),
                    traceparent: header(&crate::wire::TRACEPARENT),
                },
            )
        };
        if let Some(id) = started.context.request_id() {
            request.replace_header(Header::new(
                crate::wire::X_REQUEST_ID.as_str().to_owned(),
                id.to_owned(),
            ));
        }
        let served = started.into_served();
        request.local_cache(|| Some(served));
    }

    async fn on_response<'r>(&self, request: &'r Request<'_>, response: &mut Response<'r>) {
        let Some(served) = served(request) else { return };
        let error = rendered(request).lock().ok().and_then(|mut e| e.take());
        self.steps
            .finish_headers(served, &mut RocketHeaders(response), error.as_ref());
    }
}

/// The request as the fairing started it (none without the fairing).
fn served<'a>(request: &'a Request<'_>) -> Option<&'a Served> {
    request.local_cache(|| None::<Served>).as_ref()
}

/// The error the request's response was rendered from, for the span (step 5).
fn rendered<'a>(request: &'a Request<'_>) -> &'a Mutex<Option<ErrorType>> {
    request.local_cache(|| Mutex::new(None::<ErrorType>))
}

/// Keeps the rendered response's [`ErrorType`] for step 5 (rocket responses have no
/// extensions).
fn mark(request: &Request<'_>, rendered_response: http::Response<Vec<u8>>) -> http::Response<Vec<u8>> {
    if let (Some(error), Ok(mut slot)) = (
        rendered_response.extensions().get::<ErrorType>(),
        rendered(request).lock(),
    ) {
        *slot = Some(error.clone());
    }
    rendered_response
}

/// An `http` response as rocket's.
fn to_rocket(response: http::Response<Vec<u8>>) -> Response<'static> {
    let (parts, body) = response.into_parts();
    let mut builder = Response::build();
    builder.status(Status::new(parts.status.as_u16()));
    for (name, value) in &parts.headers {
        builder.header_adjoin(header(name, value));
    }
    builder.sized_body(body.len(), Cursor::new(body));
    builder.finalize()
}

/// An `http` header as rocket's (whose values are text).
fn header(name: &http::HeaderName, value: &http::HeaderValue) -> Header<'static> {
    Header::new(
        name.as_str().to_owned(),
        String::from_utf8_lossy(value.as_bytes()).into_owned(),
    )
}

/// Step 5 writes into rocket's response headers.
struct RocketHeaders<'a, 'r>(&'a mut Response<'r>);

impl Headers for RocketHeaders<'_, '_> {
    fn has(&self, name: &http::HeaderName) -> bool {
        self.0.headers().contains(name.as_str())
    }

    fn set(&mut self, name: &http::HeaderName, value: &http::HeaderValue) {
        self.0.set_header(header(name, value));
    }
}
