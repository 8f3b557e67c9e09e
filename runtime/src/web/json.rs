//! JSON request bodies, parsed so a failure names the field: the axum and actix-web `Json`
//! extractors share it. `serde_path_to_error` tracks the path (`items[2].name`) while
//! `serde_json` deserializes, so nothing is parsed twice.

use std::borrow::Cow;

use serde::de::DeserializeOwned;

use crate::error::ApiError;
use crate::framework::FrameworkError;
use crate::violation::Violation;

/// Why one of errwire's extractors (axum's `Json`, `Path`, `Query`; actix-web's `Json`)
/// refused a request: the framework error, and the field or parameter that failed, if one
/// did. It is an [`ApiError`] (the framework error's code, with the violations), a response
/// in both frameworks, and behind the errwire layer or middleware it comes out in the
/// service's envelope with the request id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rejection {
    pub(crate) error: FrameworkError,
    pub(crate) violations: Vec<Violation>,
}

impl Rejection {
    pub(crate) const fn new(error: FrameworkError) -> Self {
        Self {
            error,
            violations: Vec::new(),
        }
    }

    /// The error: `malformed_json`, `invalid_body`, `unsupported_media_type`,
    /// `invalid_path`, `invalid_query`, …
    #[must_use]
    pub const fn error(&self) -> FrameworkError {
        self.error
    }

    /// The field or parameter that failed.
    #[must_use]
    pub fn violations(&self) -> &[Violation] {
        &self.violations
    }
}

/// The public message: what a client may read.
impl core::fmt::Display for Rejection {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(self.spec().message())
    }
}

impl std::error::Error for Rejection {}

impl ApiError for Rejection {
    fn spec(&self) -> &'static crate::spec::ErrorSpec {
        self.error.spec()
    }
    fn static_message(&self) -> Option<&'static str> {
        self.error.static_message()
    }
    fn violations(&self) -> &[Violation] {
        &self.violations
    }
}

/// Whether a `content-type` is JSON: `application/json` or `application/…+json`.
pub(crate) fn is_json_content_type(value: &str) -> bool {
    let media = value.split(';').next().unwrap_or("").trim();
    let Some((kind, subtype)) = media.split_once('/') else {
        return false;
    };
    kind.eq_ignore_ascii_case("application")
        && (subtype.eq_ignore_ascii_case("json")
            || subtype.len() > 5 && subtype[subtype.len() - 5..].eq_ignore_ascii_case("+json"))
}

/// `bytes` as a `T`: broken JSON is `malformed_json`; JSON of the wrong shape is
/// `invalid_body` with one violation naming the field, a code for what is wrong
/// (`missing_field`, `unknown_field`, `invalid_type`, `invalid_value`, `invalid_length`) and a
/// message written for the wire — serde's own text quotes the client's input and our types,
/// so it is never sent.
pub(crate) fn parse<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, Rejection> {
    let mut deserializer = serde_json::Deserializer::from_slice(bytes);
    let value = match serde_path_to_error::deserialize(&mut deserializer) {
        Ok(value) => value,
        Err(error) => {
            let path = error.path().to_string();
            let inner = error.into_inner();
            if inner.is_syntax() || inner.is_eof() || inner.is_io() {
                return Err(Rejection::new(FrameworkError::MalformedJson));
            }
            return Err(Rejection {
                error: FrameworkError::InvalidBody,
                violations: vec![violation(&path, &inner.to_string())],
            });
        }
    };
    // Trailing characters after the value.
    deserializer
        .end()
        .map_err(|_| Rejection::new(FrameworkError::MalformedJson))?;
    Ok(value)
}

/// The violation for serde's `message` at `path` (`.` is `serde_path_to_error`'s root).
pub(crate) fn violation(path: &str, message: &str) -> Violation {
    let path = if path == "." { "" } else { path };
    let (code, text, field): (&str, &str, Cow<'_, str>) =
        if let Some(name) = quoted_after(message, "missing field `") {
            // The path is the object that lacks it; the violation is the field itself.
            let field = if path.is_empty() {
                Cow::Owned(String::from(name))
            } else {
                Cow::Owned(std::format!("{path}.{name}"))
            };
            ("missing_field", "This field is required.", field)
        } else if message.starts_with("unknown field") {
            ("unknown_field", "This field is not allowed.", path.into())
        } else if message.starts_with("invalid type") {
            ("invalid_type", "This field has the wrong type.", path.into())
        } else if message.starts_with("invalid length") {
            (
                "invalid_length",
                "This field has the wrong number of elements.",
                path.into(),
            )
        } else {
            ("invalid_value", "This field has an invalid value.", path.into())
        };
    Violation::new(String::from(field), code, text)
}

/// The text between `prefix` and the next backtick: serde's quoting of a field name.
fn quoted_after<'a>(message: &'a str, prefix: &str) -> Option<&'a str> {
    let rest = message.strip_prefix(prefix)?;
    rest.split('`').next()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Order {
        items: Vec<Item>,
        note: Option<String>,
    }

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Item {
        name: String,
        quantity: u32,
    }

    fn refused(body: &str) -> Rejection {
        parse::<Order>(body.as_bytes()).unwrap_err()
    }

    #[test]
    fn each_failure_names_its_field() {
        let wrong_type = refused(r#"{"items":[{"name":"a","quantity":1},{"name":7,"quantity":1}]}"#);
        assert_eq!(wrong_type.error, FrameworkError::InvalidBody);
        assert_eq!(
            wrong_type.violations,
            [Violation::new(
                "items[1].name",
                "invalid_type",
                "This field has the wrong type."
            )]
        );
        let missing = refused(r#"{"items":[{"name":"a"}]}"#);
        assert_eq!(missing.violations[0].field(), "items[0].quantity");
        assert_eq!(missing.violations[0].code(), "missing_field");
        let unknown = refused(r#"{"items":[],"extra":1}"#);
        assert_eq!(unknown.violations[0].code(), "unknown_field");
        assert_eq!(unknown.violations[0].field(), "extra");
        let missing_top = refused("{}");
        assert_eq!(missing_top.violations[0].field(), "items");
        let negative = refused(r#"{"items":[{"name":"a","quantity":-1}]}"#);
        assert_eq!(negative.violations[0].field(), "items[0].quantity");
    }

    #[test]
    fn broken_json_is_malformed() {
        for body in ["{", "nope", r#"{"items":[]} trailing"#, ""] {
            let rejection = refused(body);
            assert_eq!(rejection.error, FrameworkError::MalformedJson, "{body}");
            assert!(rejection.violations.is_empty());
        }
    }

    #[test]
    fn json_content_types() {
        for yes in [
            "application/json",
            "Application/JSON; charset=utf-8",
            "application/problem+json",
        ] {
            assert!(is_json_content_type(yes), "{yes}");
        }
        for no in [
            "text/json",
            "application/jsonx",
            "application/x-www-form-urlencoded",
            "",
            "json",
        ] {
            assert!(!is_json_content_type(no), "{no}");
        }
    }
}
