//! The `google.rpc` rich error details errwire sends with an error, chosen once here for every
//! transport that carries them: a gRPC `Status` (feature `tonic`), the Google JSON envelope
//! (their proto3 JSON form, [`Json`]) and Connect (their protobuf bytes, [`Detail::encode`],
//! with the JSON form beside them as `debug`).
//!
//! In this order: `ErrorInfo` (the code as `reason`, the domain, the details as string
//! `metadata`), `RetryInfo` (the delay), `Help` (the title and the docs URL), `LocalizedMessage`
//! (a translated message and its locale), `BadRequest` (the violations) and `RequestInfo` (the
//! request id).

use core::fmt::Write as _;
use core::time::Duration;
use std::borrow::Cow;

use serde::ser::{Serialize, SerializeMap, SerializeSeq, Serializer};
use serde_json::Value;

use crate::violation::{bounded, written};
use crate::{context::Context, error::ApiError};

/// The prefix of a detail's type URL in JSON (`@type`).
pub(crate) const TYPE_URL_PREFIX: &str = "type.googleapis.com/";

/// One `google.rpc` detail, as errwire fills it for an error.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Detail<'a> {
    /// `google.rpc.ErrorInfo`.
    ErrorInfo {
        reason: &'a str,
        domain: &'a str,
        metadata: Vec<(&'static str, String)>,
    },
    /// `google.rpc.RetryInfo`.
    RetryInfo { delay: Duration },
    /// `google.rpc.Help`, with one link.
    Help { description: String, url: &'a str },
    /// `google.rpc.LocalizedMessage` (feature `i18n`: only a translation has a locale).
    #[cfg_attr(not(feature = "i18n"), allow(dead_code))]
    LocalizedMessage { locale: &'a str, message: String },
    /// `google.rpc.BadRequest`.
    BadRequest { violations: Vec<FieldViolation<'a>> },
    /// `google.rpc.RequestInfo`.
    RequestInfo { request_id: &'a str },
}

/// One `google.rpc.BadRequest.FieldViolation`.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct FieldViolation<'a> {
    pub(crate) field: &'a str,
    pub(crate) description: Cow<'a, str>,
    pub(crate) reason: &'a str,
}

/// The details of `error` for this request, in the order of the module docs.
pub(crate) fn details_of<'a, E: ApiError + ?Sized>(error: &'a E, ctx: &'a Context<'a>) -> Vec<Detail<'a>> {
    let mut details = vec![Detail::ErrorInfo {
        reason: error.code(),
        domain: error.domain().unwrap_or(""),
        metadata: metadata_of(error),
    }];
    if let Some(delay) = error.retry_after() {
        details.push(Detail::RetryInfo { delay });
    }
    if let Some(url) = error.docs_url() {
        details.push(Detail::Help {
            description: ctx.title(error).to_string(),
            url,
        });
    }
    #[cfg(feature = "i18n")]
    if let Some(locale) = ctx.language_of(error) {
        details.push(Detail::LocalizedMessage {
            locale,
            message: ctx.message(error).to_string(),
        });
    }
    let violations = written(error.violations());
    if !violations.is_empty() {
        let violations = violations
            .iter()
            .map(|v| FieldViolation {
                field: bounded(v.field()),
                description: match ctx.violation_message(v) {
                    Cow::Borrowed(text) => Cow::Borrowed(bounded(text)),
                    Cow::Owned(text) => Cow::Owned(bounded(&text).to_owned()),
                },
                reason: bounded(v.code()),
            })
            .collect();
        details.push(Detail::BadRequest { violations });
    }
    // Proto3 has no empty string: an empty id is no id.
    if let Some(request_id) = ctx.request_id_ref().filter(|id| !id.is_empty()) {
        details.push(Detail::RequestInfo {
            request_id: crate::wire::request_id_body(request_id),
        });
    }
    details
}

/// The details as `ErrorInfo.metadata`, which holds strings only: a string detail as it is,
/// any other value as its JSON text.
fn metadata_of(error: &(impl ApiError + ?Sized)) -> Vec<(&'static str, String)> {
    let details = error.details();
    let mut metadata = Vec::with_capacity(details.len());
    details.for_each(|name, value| {
        let text = match serde_json::to_value(value) {
            Ok(Value::String(text)) => text,
            Ok(other) => other.to_string(),
            Err(_) => return,
        };
        metadata.push((name, text));
    });
    metadata
}

impl Detail<'_> {
    /// The message's full name: `google.rpc.ErrorInfo`.
    pub(crate) const fn type_name(&self) -> &'static str {
        match self {
            Self::ErrorInfo { .. } => "google.rpc.ErrorInfo",
            Self::RetryInfo { .. } => "google.rpc.RetryInfo",
            Self::Help { .. } => "google.rpc.Help",
            Self::LocalizedMessage { .. } => "google.rpc.LocalizedMessage",
            Self::BadRequest { .. } => "google.rpc.BadRequest",
            Self::RequestInfo { .. } => "google.rpc.RequestInfo",
        }
    }

    /// The message's protobuf encoding.
    pub(crate) fn encode(&self) -> Vec<u8> {
        let mut out = Vec::new();
        match self {
            Self::ErrorInfo {
                reason,
                domain,
                metadata,
            } => {
                proto::string(&mut out, 1, reason);
                proto::string(&mut out, 2, domain);
                for (key, value) in metadata {
                    let mut entry = Vec::new();
                    proto::string(&mut entry, 1, key);
                    proto::string(&mut entry, 2, value);
                    proto::message(&mut out, 3, &entry);
                }
            }
            Self::RetryInfo { delay } => {
                let mut duration = Vec::new();
                proto::varint_field(&mut duration, 1, delay.as_secs());
                proto::varint_field(&mut duration, 2, u64::from(delay.subsec_nanos()));
                proto::message(&mut out, 1, &duration);
            }
            Self::Help { description, url } => {
                let mut link = Vec::new();
                proto::string(&mut link, 1, description);
                proto::string(&mut link, 2, url);
                proto::message(&mut out, 1, &link);
            }
            Self::LocalizedMessage { locale, message } => {
                proto::string(&mut out, 1, locale);
                proto::string(&mut out, 2, message);
            }
            Self::BadRequest { violations } => {
                for v in violations {
                    let mut violation = Vec::new();
                    proto::string(&mut violation, 1, v.field);
                    proto::string(&mut violation, 2, &v.description);
                    proto::string(&mut violation, 3, v.reason);
                    proto::message(&mut out, 1, &violation);
                }
            }
            Self::RequestInfo { request_id } => proto::string(&mut out, 1, request_id),
        }
        out
    }
}

/// A detail in its proto3 JSON form: with `@type` as Google's JSON errors write it
/// (`typed`), without as Connect's `debug` (connect-go's form). Empty strings are left out,
/// as proto3 JSON does.
pub(crate) struct Json<'d, 'a> {
    pub(crate) detail: &'d Detail<'a>,
    pub(crate) typed: bool,
}

impl Serialize for Json<'_, '_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        if self.typed {
            map.serialize_entry("@type", &TypeUrl(self.detail.type_name()))?;
        }
        let text = |map: &mut S::SerializeMap, name: &str, value: &str| {
            if value.is_empty() {
                Ok(())
            } else {
                map.serialize_entry(name, value)
            }
        };
        match self.detail {
            Detail::ErrorInfo {
                reason,
                domain,
                metadata,
            } => {
                text(&mut map, "reason", reason)?;
                text(&mut map, "domain", domain)?;
                if !metadata.is_empty() {
                    map.serialize_entry("metadata", &Pairs(metadata))?;
                }
            }
            Detail::RetryInfo { delay } => map.serialize_entry("retryDelay", &duration_json(*delay))?,
            Detail::Help { description, url } => {
                map.serialize_entry("links", &[Link { description, url }])?;
            }
            Detail::LocalizedMessage { locale, message } => {
                text(&mut map, "locale", locale)?;
                text(&mut map, "message", message)?;
            }
            Detail::BadRequest { violations } => {
                map.serialize_entry("fieldViolations", &Violations(violations))?;
            }
            Detail::RequestInfo { request_id } => text(&mut map, "requestId", request_id)?,
        }
        map.end()
    }
}

/// The details as a JSON array, each with its `@type`.
pub(crate) struct JsonList<'d, 'a>(pub(crate) &'d [Detail<'a>]);

impl Serialize for JsonList<'_, '_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(self.0.len()))?;
        for detail in self.0 {
            seq.serialize_element(&Json { detail, typed: true })?;
        }
        seq.end()
    }
}

struct TypeUrl(&'static str);

impl Serialize for TypeUrl {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(&format_args!("{TYPE_URL_PREFIX}{}", self.0))
    }
}

struct Pairs<'a>(&'a [(&'static str, String)]);

impl Serialize for Pairs<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (key, value) in self.0 {
            map.serialize_entry(key, value)?;
        }
        map.end()
    }
}

#[derive(serde::Serialize)]
struct Link<'a> {
    description: &'a str,
    url: &'a str,
}

struct Violations<'d, 'a>(&'d [FieldViolation<'a>]);

impl Serialize for Violations<'_, '_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(self.0.len()))?;
        for v in self.0 {
            let mut entry = serde_json::Map::new();
            for (name, value) in [
                ("field", v.field),
                ("description", v.description.as_ref()),
                ("reason", v.reason),
            ] {
                if !value.is_empty() {
                    entry.insert(name.into(), value.into());
                }
            }
            seq.serialize_element(&entry)?;
        }
        seq.end()
    }
}

/// A `google.protobuf.Duration` in proto3 JSON: seconds with 0, 3, 6 or 9 fractional digits
/// and an `s` (`"3s"`, `"1.500s"`).
pub(crate) fn duration_json(delay: Duration) -> String {
    let mut text = delay.as_secs().to_string();
    let nanos = delay.subsec_nanos();
    if nanos != 0 {
        let digits = if nanos.is_multiple_of(1_000_000) {
            3
        } else if nanos.is_multiple_of(1_000) {
            6
        } else {
            9
        };
        let fraction = nanos / 10u32.pow(9 - digits);
        let _ = write!(text, ".{fraction:0width$}", width = digits as usize);
    }
    text.push('s');
    text
}

/// A proto3 JSON duration (`"3s"`, `"1.5s"`, `"-1s"` refused) as a `Duration`: the client's
/// side of [`duration_json`], kept beside it.
#[cfg(any(feature = "client", test))]
pub(crate) fn parse_duration_json(text: &str) -> Option<Duration> {
    let number = text.strip_suffix('s')?;
    let (secs, fraction) = number.split_once('.').unwrap_or((number, ""));
    if secs.is_empty() || !secs.bytes().all(|b| b.is_ascii_digit()) || fraction.len() > 9 {
        return None;
    }
    if !fraction.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let nanos = if fraction.is_empty() {
        0
    } else {
        fraction.parse::<u32>().ok()? * 10u32.pow(9 - u32::try_from(fraction.len()).ok()?)
    };
    Some(Duration::new(secs.parse().ok()?, nanos))
}

/// The protobuf wire format, for the few messages above: varints and length-delimited fields.
mod proto {
    /// `value` as a varint.
    fn varint(out: &mut Vec<u8>, mut value: u64) {
        while value >= 0x80 {
            // The low seven bits, with the continuation bit.
            out.push((value & 0x7f) as u8 | 0x80);
            value >>= 7;
        }
        #[allow(clippy::cast_possible_truncation)] // below 0x80 here
        out.push(value as u8);
    }

    /// A varint field; a zero is left out, as proto3 does.
    pub(super) fn varint_field(out: &mut Vec<u8>, number: u32, value: u64) {
        if value != 0 {
            varint(out, u64::from(number) << 3);
            varint(out, value);
        }
    }

    /// A length-delimited field holding `bytes` (wire type 2).
    pub(super) fn message(out: &mut Vec<u8>, number: u32, bytes: &[u8]) {
        varint(out, (u64::from(number) << 3) | 2);
        varint(out, bytes.len() as u64);
        out.extend_from_slice(bytes);
    }

    /// A string field; an empty string is left out, as proto3 does.
    pub(super) fn string(out: &mut Vec<u8>, number: u32, text: &str) {
        if !text.is_empty() {
            message(out, number, text.as_bytes());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_are_written_as_proto3_json_and_read_back() {
        for (delay, text) in [
            (Duration::from_secs(3), "3s"),
            (Duration::from_millis(1500), "1.500s"),
            (Duration::from_micros(1_000_001), "1.000001s"),
            (Duration::new(0, 1), "0.000000001s"),
        ] {
            assert_eq!(duration_json(delay), text);
            assert_eq!(parse_duration_json(text), Some(delay));
        }
        assert_eq!(parse_duration_json("1.5s"), Some(Duration::from_millis(1500)));
        for bad in ["", "s", "-1s", "1", "1.s5", "1.0000000001s", "x s"] {
            assert_eq!(parse_duration_json(bad), None, "{bad}");
        }
    }
}
