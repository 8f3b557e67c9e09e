//! Building a type's specs and its `CATALOGUE` in `const` context.

use http::StatusCode;

use crate::spec::ErrorSpec;

/// A status from its number; the derive has checked the range, so the fallback is never taken.
#[must_use]
pub const fn status(code: u16) -> StatusCode {
    match StatusCode::from_u16(code) {
        Ok(status) => status,
        Err(_) => StatusCode::INTERNAL_SERVER_ERROR,
    }
}

/// A spec that only fills arrays before they are written.
pub const PLACEHOLDER: ErrorSpec = ErrorSpec::new("", StatusCode::INTERNAL_SERVER_ERROR, "");

/// Copies `specs` into `out` from index `at`; returns the next free index. For catalogues
/// that splice in a `transparent` field's specs.
#[must_use]
pub const fn splice(out: &mut [ErrorSpec], at: usize, specs: &[ErrorSpec]) -> usize {
    let mut i = 0;
    while i < specs.len() {
        out[at + i] = specs[i];
        i += 1;
    }
    at + i
}
