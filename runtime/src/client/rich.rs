//! Reading the envelopes that carry `google.rpc` details in JSON (Google's JSON errors, and
//! Connect's details by their `debug` form) and Twirp's string `meta`.

use core::time::Duration;

use http::StatusCode;
use serde_json::{Map, Value};

use super::decode::with_params;
use super::{MAX_VIOLATIONS, RemoteError};
use crate::format::google_rpc::{TYPE_URL_PREFIX, parse_duration_json};
use crate::spec::GrpcCode;
use crate::violation::Violation;

/// One detail: the message's full name (`google.rpc.ErrorInfo`) and its JSON form.
pub(super) struct Entry<'v> {
    name: &'v str,
    fields: &'v Map<String, Value>,
}

/// A detail of Google's JSON error: its `@type` and its members.
pub(super) fn google_json(detail: &Value) -> Option<Entry<'_>> {
    let fields = detail.as_object()?;
    let type_url = fields.get("@type")?.as_str()?;
    Some(Entry {
        name: type_url.strip_prefix(TYPE_URL_PREFIX).unwrap_or(type_url),
        fields,
    })
}

/// A Connect detail, by its `debug` member (the JSON form errwire and connect-go write); a
/// detail without one is skipped (its protobuf bytes are not decoded).
pub(super) fn connect(detail: &Value) -> Option<Entry<'_>> {
    Some(Entry {
        name: detail.get("type")?.as_str()?,
        fields: detail.get("debug")?.as_object()?,
    })
}

/// The facts the details carry, as the gRPC conversion reads them from a `Status`:
/// `ErrorInfo` the code and the details (strings), `RetryInfo` the delay (and "retryable"),
/// `Help` the docs URL and title, `BadRequest` the violations, `RequestInfo` the request id.
pub(super) fn read<'v>(remote: &mut RemoteError, details: impl Iterator<Item = Entry<'v>>) {
    for Entry { name, fields } in details {
        match name {
            "google.rpc.ErrorInfo" => {
                remote.code = text(fields, "reason");
                remote.details = fields
                    .get("metadata")
                    .and_then(Value::as_object)
                    .into_iter()
                    .flatten()
                    .filter(|(_, value)| value.is_string())
                    .map(|(name, value)| (name.clone(), value.clone()))
                    .collect();
            }
            "google.rpc.RetryInfo" => {
                remote.retryable = Some(true);
                remote.retry_after = fields
                    .get("retryDelay")
                    .and_then(Value::as_str)
                    .and_then(parse_duration_json);
            }
            "google.rpc.Help" => {
                if let Some(link) = fields
                    .get("links")
                    .and_then(|links| links.get(0))
                    .and_then(Value::as_object)
                {
                    remote.docs_url = text(link, "url");
                    remote.title = text(link, "description");
                }
            }
            "google.rpc.BadRequest" => {
                let list = fields.get("fieldViolations").and_then(Value::as_array);
                remote.violations = list
                    .into_iter()
                    .flatten()
                    .filter_map(Value::as_object)
                    .take(MAX_VIOLATIONS)
                    .map(|v| {
                        Violation::new(
                            text(v, "field").unwrap_or_default(),
                            text(v, "reason").unwrap_or_default(),
                            text(v, "description").unwrap_or_default(),
                        )
                    })
                    .collect();
            }
            "google.rpc.RequestInfo" => remote.request_id = text(fields, "requestId"),
            _ => {}
        }
    }
}

/// Twirp's `meta`: errwire's members (`code`, `status`, `retryable`, `retry_after`,
/// `request_id`, `trace_id`, `violations`, else `argument` as the one violation), the rest as
/// details (strings, as Twirp sends them).
pub(super) fn read_twirp(remote: &mut RemoteError, object: &Map<String, Value>) {
    let twirp_code = object.get("code").and_then(Value::as_str).unwrap_or_default();
    remote.grpc_code = GrpcCode::from_snake_name(twirp_code).or(match twirp_code {
        "malformed" => Some(GrpcCode::InvalidArgument),
        "bad_route" => Some(GrpcCode::NotFound),
        _ => None,
    });
    let empty = Map::new();
    let meta = object.get("meta").and_then(Value::as_object).unwrap_or(&empty);
    remote.body_status = text(meta, "status")
        .and_then(|s| s.parse::<u16>().ok())
        .and_then(|s| StatusCode::from_u16(s).ok());
    remote.retryable = match meta.get("retryable").and_then(Value::as_str) {
        Some("true") => Some(true),
        Some("false") => Some(false),
        _ => None,
    };
    remote.retry_after = text(meta, "retry_after")
        .and_then(|s| s.parse::<u64>().ok())
        .map(Duration::from_secs);
    remote.request_id = text(meta, "request_id");
    remote.trace_id = text(meta, "trace_id");
    let listed = text(meta, "violations").and_then(|list| serde_json::from_str::<Value>(&list).ok());
    remote.violations = match (listed, text(meta, "argument")) {
        (Some(Value::Array(list)), _) => list
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
            .collect(),
        // A Twirp server's `InvalidArgumentError(argument, message)`.
        (_, Some(argument)) => vec![Violation::new(
            argument,
            String::new(),
            text(object, "msg").unwrap_or_default(),
        )],
        _ => Vec::new(),
    };
    remote.details = meta
        .iter()
        .filter(|(name, value)| {
            value.is_string() && !crate::format::Twirp::META_MEMBERS.contains(&name.as_str())
        })
        .map(|(name, value)| (name.clone(), value.clone()))
        .collect();
}

fn text(object: &Map<String, Value>, key: &str) -> Option<String> {
    object.get(key).and_then(Value::as_str).map(str::to_owned)
}
