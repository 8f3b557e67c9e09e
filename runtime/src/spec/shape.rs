//! What a spec says of its response's and body's shape beyond the envelope: its headers,
//! its details' names, and whether it carries field violations — what the lock keeps.

use super::ErrorSpec;

impl ErrorSpec {
    /// Appends the constant headers ([`ErrorSpec::headers`]) to `headers`; a pair that is not
    /// a valid header (possible in a hand-built spec) is left out, never sent altered.
    pub(crate) fn write_headers(&self, headers: &mut http::HeaderMap) {
        for (name, value) in self.headers {
            if value.is_empty() || !crate::rules::is_header_value(value) {
                continue;
            }
            if let (Ok(name), Ok(value)) = (
                http::HeaderName::from_bytes(name.as_bytes()),
                http::HeaderValue::from_str(value),
            ) {
                headers.append(name, value);
            }
        }
    }

    /// The names of every header this code's responses carry: the constant ones
    /// ([`ErrorSpec::headers`]) and those written from the error's fields, lower-cased.
    pub fn header_names(&self) -> impl Iterator<Item = &'static str> {
        self.headers
            .iter()
            .map(|(name, _)| *name)
            .chain(self.field_headers.iter().copied())
    }

    /// Whether this code's errors carry field violations (`#[api(violations)]`).
    #[must_use]
    pub const fn carries_violations(&self) -> bool {
        self.violations
    }

    /// Declares the names of the details (the derive records them).
    #[must_use]
    pub const fn with_detail_names(mut self, names: &'static [&'static str]) -> Self {
        self.detail_names = names;
        self
    }

    /// Declares the headers written from the error's fields, by lower-case name (the derive
    /// records them).
    #[must_use]
    pub const fn with_field_headers(mut self, names: &'static [&'static str]) -> Self {
        self.field_headers = names;
        self
    }

    /// Declares that the errors of this code carry field violations (the derive records it).
    #[must_use]
    pub const fn with_violations(mut self, carries: bool) -> Self {
        self.violations = carries;
        self
    }
}
