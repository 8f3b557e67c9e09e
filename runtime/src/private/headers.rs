//! Writing a variant's declared headers: a value that is not a valid header value is left
//! out, never sent altered, never a panic.

use core::fmt::{self, Write as _};

use http::{HeaderMap, HeaderName, HeaderValue};

use crate::rules;
use crate::spec::ErrorSpec;

/// The longest header value an error writes, in bytes: a longer one is left out.
const MAX_HEADER_VALUE: usize = 8 * 1024;

/// The spec's constant headers: what generated code writes before its field-made ones.
pub fn spec_headers(spec: &ErrorSpec, headers: &mut HeaderMap) {
    spec.write_headers(headers);
}

/// A value with placeholders, or a field's `Display`.
pub fn header_fmt(headers: &mut HeaderMap, name: HeaderName, value: fmt::Arguments<'_>) {
    let mut text = String::new();
    let written = match value.as_str() {
        Some(fixed) => text.write_str(fixed),
        None => text.write_fmt(value),
    };
    // `HeaderValue` accepts bytes above 0x7F, which clients read as Latin-1: mangled. Only
    // visible ASCII goes out.
    // An empty value says nothing (and an empty `Location` is broken): left out too.
    if written.is_err() || text.is_empty() || text.len() > MAX_HEADER_VALUE || !rules::is_header_value(&text)
    {
        return;
    }
    if let Ok(value) = HeaderValue::from_str(&text) {
        headers.append(name, value);
    }
}
