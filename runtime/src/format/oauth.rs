use std::io;

use http::header::{CACHE_CONTROL, PRAGMA};
use http::{HeaderMap, HeaderValue};
use serde::ser::SerializeMap;

use super::descriptor::{Descriptor, MemberKind};
use super::text::StackText;
use super::{Format, JSON, same_text, write_object};
use crate::{context::Context, error::ApiError, wire};

/// RFC 6749 §5.2: `{"error":c,"error_description":m,"error_uri":docs-url}`, with
/// `Cache-Control: no-store` and `Pragma: no-cache`.
///
/// `error` and `error_description` are mapped into the RFC's character set by the rule in
/// [`crate::wire`]; an `error_description` left empty is omitted, and `error_uri` is present
/// only when the code has a docs URL.
#[derive(Debug, Clone, Copy, Default)]
pub struct OAuth;

impl Format for OAuth {
    const CONTENT_TYPE: &'static str = DESCRIPTOR.content_type;
    const DESCRIPTOR: Option<&'static Descriptor> = Some(&DESCRIPTOR);

    fn extra_headers<E: ApiError + ?Sized>(_error: &E, headers: &mut HeaderMap) {
        headers.insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
        headers.insert(PRAGMA, HeaderValue::from_static("no-cache"));
    }

    fn write_body<E, W>(error: &E, ctx: &Context<'_>, out: W) -> serde_json::Result<()>
    where
        E: ApiError + ?Sized,
        W: io::Write,
    {
        write_object(out, |map| {
            let code = error.code();
            let spec = error.spec();
            // Checked when the spec was built, for the spec's own strings.
            let checked = |text: &str, of_spec: &str, clean: bool| clean && same_text(text, of_spec);
            if checked(code, spec.code(), spec.code_is_oauth_clean()) || wire::is_clean_oauth_text(code) {
                map.text_entry("error", code)?;
            } else {
                let code = wire::oauth_text(code);
                map.text_entry("error", if code.is_empty() { "server_error" } else { &code })?;
            }
            // A fixed message already in RFC 6749's set goes out as it is; anything else is
            // mapped as it streams.
            // A translation is formatted (and mapped) like any formatted message.
            match error.static_message().filter(|_| !translated(error, ctx)) {
                Some(text)
                    if checked(text, spec.message(), spec.message_is_oauth_clean())
                        || wire::is_clean_oauth_text(text) =>
                {
                    map.text_entry("error_description", text)?;
                }
                _ => {
                    // Formatted once into a stack buffer, then written as it is when it is
                    // already in RFC 6749's set (one scan), else mapped: one pass over the
                    // text, not a mapping layer under every piece `format_args!` writes.
                    let text = StackText::<256>::of(ctx.message(error));
                    let text = text.as_str();
                    if wire::is_clean_oauth_text(text) {
                        map.text_entry("error_description", text)?;
                    } else {
                        let mapped = wire::OAuthText(text);
                        if !mapped.is_empty() {
                            map.serialize_entry("error_description", &mapped)?;
                        }
                    }
                }
            }
            match error.docs_url() {
                Some(uri)
                    // By address, then by content: a spec's address is not stable (a
                    // constant's value may be materialised more than once), so identity
                    // alone missed in release builds and every render re-validated the URL.
                    if spec.docs_url_is_uri() && spec.docs_url().is_some_and(|own| same_text(own, uri)) =>
                {
                    map.text_entry("error_uri", uri)
                }
                Some(uri) => map.serialize_entry("error_uri", &wire::uri_reference(uri)),
                None => Ok(()),
            }
        })
    }
}

/// Whether the request's translations have `error`'s message.
fn translated(error: &(impl ApiError + ?Sized), ctx: &Context<'_>) -> bool {
    #[cfg(feature = "i18n")]
    {
        ctx.language_of(error).is_some()
    }
    #[cfg(not(feature = "i18n"))]
    {
        let _ = (error, ctx);
        false
    }
}

/// What clients and generators know of this envelope (see [`Descriptor`]).
pub(crate) const DESCRIPTOR: Descriptor = Descriptor {
    name: "OAuth",
    content_type: JSON,
    members: &["error", "error_description", "error_uri"],
    flattens_details: false,
    detail_may_take: &[],
    code_at: Some(&["error"]),
    message_at: &["error_description"],
    facts_at: None,
    recognised_by: &[&[(&["error"], MemberKind::String)]],
    content_type_identifies: false,
    typescript: "/** The error body: RFC 6749 §5.2. */
export interface ErrorBody {
  readonly error: AnyErrorCode;
  readonly error_description?: string;
  readonly error_uri?: string;
}

/** Whether `body` is this service's error body, whatever its code: a code added after this
 * module was generated is still an error body (narrow it with `isKnownErrorCode`). */
export function isErrorBody(body: unknown): body is ErrorBody {
  return isObject(body) && typeof body.error === \"string\";
}

",
};
