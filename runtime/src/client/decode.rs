//! Recognising an envelope by content type and shape, and reading its members. Everything is
//! read from one parsed `serde_json::Value` of a body no longer than [`MAX_BODY`] (the parser
//! refuses nesting deeper than 128), so hostile bodies cost bounded time and memory.

use core::time::Duration;

use http::header::{CACHE_CONTROL, CONTENT_TYPE, PRAGMA};
use http::{HeaderMap, StatusCode};
use serde_json::{Map, Value};

use super::headers::apply_headers;
use super::rich;
use super::{DecodeError, DecodeErrorKind, MAX_BODY, MAX_VIOLATIONS, RemoteError, RemoteFormat};
use crate::format::{
    self, Connect, Descriptor, Flat, Format, GoogleJson, JsonApi, JsonRpc, JsonRpcPlain, McpTool, Nested,
    OAuth, Problem, Simple, Twirp,
};
use crate::spec::GrpcCode;
use crate::violation::Violation;

impl RemoteError {
    /// Decodes an error response in any built-in envelope, recognised by its content type
    /// (`application/problem+json`) and its shape.
    ///
    /// # Errors
    /// A body over [`MAX_BODY`], not JSON, or JSON in no envelope errwire knows; the
    /// [`DecodeError`] keeps the status ([`DecodeError::best_effort`]).
    pub fn decode(status: StatusCode, headers: &HeaderMap, body: &[u8]) -> Result<Self, DecodeError> {
        let value = parse(status, headers, body)?;
        let format = recognise(&value, headers)
            .ok_or_else(|| decode_error(status, headers, DecodeErrorKind::NotAnError))?;
        Ok(read(format, status, headers, &value))
    }

    /// Decodes a body known to be in format `F` (one of the built-in formats).
    ///
    /// # Errors
    /// As [`RemoteError::decode`], and [`DecodeErrorKind::NotAnError`] when the body is not
    /// in `F`'s shape, [`DecodeErrorKind::UnsupportedFormat`] for a custom format.
    pub fn decode_as<F: Format + 'static>(
        status: StatusCode,
        headers: &HeaderMap,
        body: &[u8],
    ) -> Result<Self, DecodeError> {
        let format = RemoteFormat::of::<F>()
            .ok_or_else(|| decode_error(status, headers, DecodeErrorKind::UnsupportedFormat))?;
        let value = parse(status, headers, body)?;
        if !fits(format, &value) {
            return Err(decode_error(status, headers, DecodeErrorKind::NotAnError));
        }
        Ok(read(format, status, headers, &value))
    }
}

impl RemoteFormat {
    /// The built-in format `F` is, if it is one.
    #[must_use]
    pub fn of<F: Format + 'static>() -> Option<Self> {
        let wanted = F::DESCRIPTOR?;
        format::BUILT_IN
            .into_iter()
            .position(|d| core::ptr::eq(d, wanted))
            .and_then(|i| Self::BUILT_IN.get(i).copied())
    }

    /// The built-in formats, in the order of [`format::BUILT_IN`].
    const BUILT_IN: [Self; 12] = [
        Self::McpTool,
        Self::JsonRpc,
        Self::JsonRpcPlain,
        Self::GoogleJson,
        Self::Nested,
        Self::Flat,
        Self::Twirp,
        Self::OAuth,
        Self::Simple,
        Self::JsonApi,
        Self::Problem,
        Self::Connect,
    ];

    /// The descriptor of the format this is, for the built-in formats.
    #[must_use]
    pub const fn descriptor(self) -> Option<&'static Descriptor> {
        match self {
            Self::Nested => Nested::DESCRIPTOR,
            Self::Flat => Flat::DESCRIPTOR,
            Self::Problem => Problem::DESCRIPTOR,
            Self::OAuth => OAuth::DESCRIPTOR,
            Self::Simple => Simple::DESCRIPTOR,
            Self::JsonRpc => JsonRpc::DESCRIPTOR,
            Self::JsonRpcPlain => JsonRpcPlain::DESCRIPTOR,
            Self::McpTool => McpTool::DESCRIPTOR,
            Self::GoogleJson => GoogleJson::DESCRIPTOR,
            Self::JsonApi => JsonApi::DESCRIPTOR,
            Self::Twirp => Twirp::DESCRIPTOR,
            Self::Connect => Connect::DESCRIPTOR,
            Self::Grpc | Self::Unrecognised => None,
        }
    }
}

pub(super) fn decode_error(status: StatusCode, headers: &HeaderMap, kind: DecodeErrorKind) -> DecodeError {
    DecodeError {
        status,
        kind,
        remote: Box::new(RemoteError::from_status(status, headers)),
    }
}

fn parse(status: StatusCode, headers: &HeaderMap, body: &[u8]) -> Result<Value, DecodeError> {
    if body.len() > MAX_BODY {
        return Err(decode_error(status, headers, DecodeErrorKind::TooLarge));
    }
    serde_json::from_slice(body).map_err(|_| decode_error(status, headers, DecodeErrorKind::NotJson))
}

/// Which envelope `value` is: by a content type that identifies one (problem+json), then by
/// the first shape it fits, in the order of [`format::BUILT_IN`].
fn recognise(value: &Value, headers: &HeaderMap) -> Option<RemoteFormat> {
    let object = value.as_object()?;
    let media_type = headers
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .map(str::trim);
    let by_type = RemoteFormat::BUILT_IN.into_iter().find(|f| {
        f.descriptor().is_some_and(|d| {
            d.content_type_identifies && media_type.is_some_and(|t| t.eq_ignore_ascii_case(d.content_type))
        })
    });
    if by_type.is_some() {
        return by_type;
    }
    let found = RemoteFormat::BUILT_IN
        .into_iter()
        .find(|f| f.descriptor().is_some_and(|d| d.fits(value)))?;
    if !matches!(found, RemoteFormat::OAuth | RemoteFormat::Simple) {
        return Some(found);
    }
    // `Simple` and `OAuth` share a shape; only OAuth has `error_uri` and is sent with
    // `Cache-Control: no-store` and `Pragma: no-cache`.
    let no_store =
        header_contains(headers, &CACHE_CONTROL, "no-store") && header_contains(headers, &PRAGMA, "no-cache");
    let oauth_only = object
        .keys()
        .all(|k| OAuth::DESCRIPTOR.is_some_and(|d| d.members.contains(&k.as_str())));
    Some(if object.contains_key("error_uri") || (no_store && oauth_only) {
        RemoteFormat::OAuth
    } else {
        RemoteFormat::Simple
    })
}

fn header_contains(headers: &HeaderMap, name: &http::HeaderName, needle: &str) -> bool {
    headers
        .get_all(name)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .any(|v| v.to_ascii_lowercase().contains(needle))
}

/// Whether `value` has the shape of `format`. A format whose content type identifies it
/// (problem+json) takes any object: the caller said the body is in it.
fn fits(format: RemoteFormat, value: &Value) -> bool {
    format
        .descriptor()
        .is_some_and(|d| value.is_object() && (d.content_type_identifies || d.fits(value)))
}

fn read(format: RemoteFormat, status: StatusCode, headers: &HeaderMap, value: &Value) -> RemoteError {
    let mut remote = RemoteError::empty(status, format);
    let Some(descriptor) = format.descriptor() else {
        return remote;
    };
    // An MCP tool result may come inside a JSON-RPC response: the paths start at `result`.
    let root = match value.get("result") {
        Some(result) if format == RemoteFormat::McpTool && value.get("jsonrpc").is_some() => result,
        _ => value,
    };
    if let Some(facts) = descriptor
        .facts_at
        .and_then(|path| Descriptor::at(root, path))
        .and_then(Value::as_object)
    {
        read_facts(&mut remote, facts);
    }
    remote.code = descriptor.code_of(root).map(str::to_owned);
    remote.message = descriptor.message_of(root).map(str::to_owned);
    let empty = Map::new();
    let object = root.as_object().unwrap_or(&empty);
    match format {
        // Flat writes the message twice; an older body may carry only `error`.
        RemoteFormat::Flat if remote.message.is_none() => remote.message = text(object, "error"),
        RemoteFormat::Problem => read_problem(&mut remote, object, descriptor),
        RemoteFormat::OAuth => remote.docs_url = text(object, "error_uri"),
        RemoteFormat::Simple => {
            if let Some(field) = text(object, "field") {
                let message = remote.message.clone().unwrap_or_default();
                remote
                    .violations
                    .push(Violation::new(field, String::new(), message));
            }
            remote.details = members_except(object, descriptor.members);
        }
        RemoteFormat::JsonRpc | RemoteFormat::JsonRpcPlain => {
            let error = object.get("error").and_then(Value::as_object).unwrap_or(&empty);
            remote.jsonrpc_code = error.get("code").and_then(Value::as_i64);
            remote.body_status = error
                .get("data")
                .and_then(|d| d.get("status"))
                .and_then(status_of);
        }
        RemoteFormat::GoogleJson => {
            let error = object.get("error").and_then(Value::as_object).unwrap_or(&empty);
            remote.body_status = error.get("code").and_then(status_of);
            remote.grpc_code = text(error, "status").and_then(|name| GrpcCode::from_name(&name));
            let details = error.get("details").and_then(Value::as_array);
            rich::read(
                &mut remote,
                details.into_iter().flatten().filter_map(rich::google_json),
            );
        }
        RemoteFormat::Connect => {
            remote.grpc_code = text(object, "code").and_then(|name| GrpcCode::from_snake_name(&name));
            let details = object.get("details").and_then(Value::as_array);
            rich::read(
                &mut remote,
                details.into_iter().flatten().filter_map(rich::connect),
            );
        }
        RemoteFormat::Twirp => rich::read_twirp(&mut remote, object),
        RemoteFormat::JsonApi => read_json_api(&mut remote, object),
        _ => {}
    }
    apply_headers(&mut remote, headers);
    remote
}

/// errwire's own members (`code`, `retryable`, `retry_after`, `request_id`, `trace_id`, `details`,
/// `violations`), wherever a format nests them.
fn read_facts(remote: &mut RemoteError, object: &Map<String, Value>) {
    remote.code = text(object, "code");
    remote.retryable = object.get("retryable").and_then(Value::as_bool);
    remote.retry_after = object
        .get("retry_after")
        .and_then(Value::as_u64)
        .map(Duration::from_secs);
    remote.request_id = text(object, "request_id");
    remote.trace_id = text(object, "trace_id");
    remote.details = object
        .get("details")
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default();
    if let Some(list) = object.get("violations").and_then(Value::as_array) {
        remote.violations = list
            .iter()
            .filter_map(Value::as_object)
            .take(MAX_VIOLATIONS)
            .map(|v| {
                let violation = Violation::new(
                    text(v, "field").unwrap_or_default(),
                    text(v, "code").unwrap_or_default(),
                    text(v, "message").unwrap_or_default(),
                );
                with_params(violation, v)
            })
            .collect();
    }
}

fn read_problem(remote: &mut RemoteError, object: &Map<String, Value>, descriptor: &Descriptor) {
    remote.title = text(object, "title");
    remote.docs_url = text(object, "type").filter(|t| t != "about:blank");
    remote.instance = text(object, "instance");
    remote.request_id = text(object, "request_id");
    remote.trace_id = text(object, "trace_id");
    remote.body_status = object.get("status").and_then(status_of);
    if let Some(list) = object.get("errors").and_then(Value::as_array) {
        remote.violations = list
            .iter()
            .filter_map(Value::as_object)
            .take(MAX_VIOLATIONS)
            .map(|v| {
                let field = text(v, "pointer")
                    .map(|p| field_of_pointer(&p))
                    .unwrap_or_default();
                let violation = Violation::new(
                    field,
                    text(v, "code").unwrap_or_default(),
                    text(v, "detail").unwrap_or_default(),
                );
                with_params(violation, v)
            })
            .collect();
    }
    remote.details = members_except(object, descriptor.members);
}

/// JSON:API's errors: the first object is the error (its `meta` holds the facts, read by the
/// descriptor's `facts_at`), each later one a violation (`source.pointer`, `meta.code`,
/// `meta.params`).
fn read_json_api(remote: &mut RemoteError, object: &Map<String, Value>) {
    let empty = Map::new();
    let errors = object.get("errors").and_then(Value::as_array);
    let mut objects = errors.into_iter().flatten().filter_map(Value::as_object);
    let first = objects.next().unwrap_or(&empty);
    remote.title = text(first, "title");
    remote.body_status = text(first, "status")
        .and_then(|s| s.parse::<u16>().ok())
        .and_then(|s| StatusCode::from_u16(s).ok());
    remote.docs_url = first.get("links").and_then(|links| match links.get("about")? {
        Value::String(url) => Some(url.clone()),
        link => link.get("href")?.as_str().map(str::to_owned),
    });
    remote.violations = objects
        .take(MAX_VIOLATIONS)
        .map(|v| {
            let pointer = v
                .get("source")
                .and_then(|s| s.get("pointer"))
                .and_then(Value::as_str);
            let meta = v.get("meta").and_then(Value::as_object).unwrap_or(&empty);
            let violation = Violation::new(
                pointer.map(field_of_json_pointer).unwrap_or_default(),
                text(meta, "code").unwrap_or_default(),
                text(v, "detail").unwrap_or_default(),
            );
            with_params(violation, meta)
        })
        .collect();
}

/// The violation with the `params` its entry carries (at most [`crate::MAX_PARAMS`]).
pub(super) fn with_params(violation: Violation, entry: &Map<String, Value>) -> Violation {
    let params = entry.get("params").and_then(Value::as_object);
    params
        .into_iter()
        .flatten()
        .take(crate::MAX_PARAMS)
        .fold(violation, |v, (name, value)| v.param(name.clone(), value.clone()))
}

fn text(object: &Map<String, Value>, key: &str) -> Option<String> {
    object.get(key).and_then(Value::as_str).map(str::to_owned)
}

fn status_of(value: &Value) -> Option<StatusCode> {
    let number = u16::try_from(value.as_u64()?).ok()?;
    StatusCode::from_u16(number).ok()
}

fn members_except(object: &Map<String, Value>, own: &[&str]) -> Map<String, Value> {
    object
        .iter()
        .filter(|(name, _)| !own.contains(&name.as_str()) && !name.ends_with("_omitted"))
        .map(|(name, value)| (name.clone(), value.clone()))
        .collect()
}

/// A problem+json `pointer` (`#/items/2/name`, percent-encoded) back to errwire's field path
/// (`items[2].name`): the inverse of [`Violation::pointer`].
fn field_of_pointer(pointer: &str) -> String {
    field_of_json_pointer(&percent_decode(pointer.strip_prefix('#').unwrap_or(pointer)))
}

/// A JSON Pointer (RFC 6901, `/items/2/name`) back to errwire's field path (`items[2].name`).
pub(super) fn field_of_json_pointer(decoded: &str) -> String {
    let mut field = String::new();
    for segment in decoded.split('/').skip(1) {
        let segment = segment.replace("~1", "/").replace("~0", "~");
        if !segment.is_empty() && segment.bytes().all(|b| b.is_ascii_digit()) {
            field.push('[');
            field.push_str(&segment);
            field.push(']');
        } else if !segment.is_empty() && !segment.contains(['.', '[', ']', '"', '\\']) {
            if !field.is_empty() {
                field.push('.');
            }
            field.push_str(&segment);
        } else {
            field.push_str("[\"");
            for c in segment.chars() {
                if matches!(c, '"' | '\\') {
                    field.push('\\');
                }
                field.push(c);
            }
            field.push_str("\"]");
        }
    }
    field
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| char::from(b).to_digit(16);
        match (
            bytes[i],
            bytes.get(i + 1).copied().and_then(hex),
            bytes.get(i + 2).copied().and_then(hex),
        ) {
            (b'%', Some(high), Some(low)) => {
                out.push(u8::try_from(high * 16 + low).unwrap_or(b'?'));
                i += 3;
            }
            (byte, _, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pointers_map_back_to_field_paths() {
        for field in [
            "items[2].name",
            "email",
            "",
            "labels[\"a.b\"]",
            "a/b~c",
            "x[0][1].y",
        ] {
            let violation = Violation::new(field.to_owned(), "c", "m");
            let pointer = format!("#{}", violation.pointer());
            let back = Violation::new(field_of_pointer(&pointer), "c", "m");
            assert_eq!(back.pointer(), violation.pointer(), "{field} -> {pointer}");
        }
        assert_eq!(field_of_pointer("#/items/2/name"), "items[2].name");
        assert_eq!(field_of_pointer("#/a%20b"), "a b");
    }
}
