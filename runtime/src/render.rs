//! Rendering an error in a format: [`to_json`] (the body), [`to_response`] (the whole HTTP
//! response) and [`DefaultFormat`] (the envelope a type renders in by default).

use http::header::{CONTENT_TYPE, HeaderValue, RETRY_AFTER, WWW_AUTHENTICATE};
use http::{Response, StatusCode};

use crate::details::Details;
use crate::error::ApiError;
use crate::format::{Format, Nested};
use crate::{context::Context, rules, wire};

pub use crate::wire::X_REQUEST_ID;

/// The envelope a type renders in by default: `#[api(format = Problem)]` on the type, else
/// [`Nested`]. Framework integrations read it.
pub trait DefaultFormat {
    /// The format.
    type Format: Format;
}

/// A run-time error of any type renders in the default envelope, [`Nested`].
impl DefaultFormat for dyn ApiError + Send + Sync {
    type Format = Nested;
}

impl<T: DefaultFormat + ?Sized> DefaultFormat for Box<T> {
    type Format = T::Format;
}

/// The body of `error` in format `F`, as a `String`.
///
/// Never fails: if a detail's `Serialize` implementation fails, the error is rendered again
/// without its details, so the client still gets a valid envelope.
#[must_use]
pub fn to_json<F: Format>(error: &(impl ApiError + ?Sized), ctx: &Context<'_>) -> String {
    let bytes = body::<F, _>(error, ctx);
    // serde_json writes UTF-8 only.
    String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// The whole HTTP response for `error` in format `F`: status, body, `content-type`,
/// `Retry-After` when a delay is known, `x-request-id` when the context has a safe one, the
/// format's own headers, and the error's ([`ApiError::headers`]); a 401 always carries
/// `WWW-Authenticate` (the error's, else `Bearer`).
#[must_use]
pub fn to_response<F: Format>(error: &(impl ApiError + ?Sized), ctx: &Context<'_>) -> Response<Vec<u8>> {
    let mut response = Response::new(body::<F, _>(error, ctx));
    let status = F::status(error);
    *response.status_mut() = status;
    let headers = response.headers_mut();
    error.headers(headers);
    if !headers.is_empty() {
        // A hand-written `headers()` may not take what errwire writes (the derive refuses).
        for name in rules::OWNED_HEADERS {
            headers.remove(*name);
        }
    }
    // RFC 9110 §15.5.2: a 401 carries a challenge; `Bearer` (RFC 6750) when the error gives none.
    if status == StatusCode::UNAUTHORIZED && !headers.contains_key(WWW_AUTHENTICATE) {
        headers.insert(WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
    }
    headers.insert(CONTENT_TYPE, HeaderValue::from_static(F::CONTENT_TYPE));
    if let Some(delay) = error.retry_after() {
        headers.insert(RETRY_AFTER, HeaderValue::from(wire::retry_after_seconds(delay)));
    }
    if let Some(id) = ctx.request_id_header_value() {
        headers.insert(X_REQUEST_ID, id);
    }
    #[cfg(feature = "i18n")]
    language_headers(error, ctx, headers);
    F::extra_headers(error, headers);
    response
}

fn body<F: Format, E: ApiError + ?Sized>(error: &E, ctx: &Context<'_>) -> Vec<u8> {
    let mut out = Vec::with_capacity(128);
    if F::write_body(error, ctx, &mut out).is_ok() {
        return out;
    }
    out.clear();
    if F::write_body(&WithoutDetails(error), ctx, &mut out).is_ok() {
        return out;
    }
    // Only a broken user-defined format gets here.
    out.clear();
    out.extend_from_slice(br#"{"error":"internal_error"}"#);
    out
}

/// The error with its details withheld: the fallback when a detail cannot be serialized.
/// Everything else is the error's own (its message variables, gRPC code, headers…).
struct WithoutDetails<'a, E: ?Sized>(&'a E);

impl<E: ?Sized> core::ops::Deref for WithoutDetails<'_, E> {
    type Target = E;
    fn deref(&self) -> &E {
        self.0
    }
}

impl<E: ApiError + ?Sized> ApiError for WithoutDetails<'_, E> {
    crate::error::forward_api_error!(@except_details);
    fn details(&self) -> Details<'_> {
        Details::none()
    }
}

/// `Vary: Accept-Language` when the context carries translations (the body depends on the
/// header), and `Content-Language` when the message went out translated.
#[cfg(feature = "i18n")]
fn language_headers(error: &(impl ApiError + ?Sized), ctx: &Context<'_>, headers: &mut http::HeaderMap) {
    if !ctx.has_translations() {
        return;
    }
    headers.append(http::header::VARY, HeaderValue::from_static("Accept-Language"));
    if let Some(value) = ctx
        .language_of(error)
        .and_then(|tag| HeaderValue::from_str(tag).ok())
    {
        headers.insert(http::header::CONTENT_LANGUAGE, value);
    }
}
