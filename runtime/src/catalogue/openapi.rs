//! [`openapi`]: a catalogue as an `OpenAPI` 3.1 document of its error responses — the
//! documented list of a service's errors, with no route table and no feature needed.

use crate::format::{Format, Nested};
use crate::spec::ErrorSpec;

/// An `OpenAPI` 3.1 document of `specs` in the [`Nested`] envelope; see [`openapi_for`].
#[must_use]
pub fn openapi(specs: &'static [ErrorSpec]) -> String {
    openapi_for::<Nested>(specs)
}

/// An `OpenAPI` 3.1 document of `specs` in envelope `F`. `components/schemas` holds
/// `ErrorCode`, an open string whose known values are its `examples` (a new code is not a
/// breaking change, so no `enum`), and `ErrorBody`, the envelope, whose code member refers
/// to `ErrorCode`: a generator makes one error type. `components/responses` holds one
/// response per status, each referring to `ErrorBody`, with every code under it as a named
/// example (its real body, rendered by errwire) and `Retry-After` where it can be retried.
/// Routes `$ref` the responses they answer with.
#[must_use]
pub fn openapi_for<F: Format>(specs: &'static [ErrorSpec]) -> String {
    let mut text =
        serde_json::to_string_pretty(&crate::openapi::catalogue_document::<F>(specs)).unwrap_or_default();
    text.push('\n');
    text
}
