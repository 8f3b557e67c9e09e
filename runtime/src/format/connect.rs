use std::io;

use http::StatusCode;
use serde::ser::{Serialize, SerializeMap, SerializeSeq, Serializer};

use super::descriptor::{Descriptor, MemberKind};
use super::google_rpc::{Detail, Json, details_of};
use super::{Format, JSON, write_object};
use crate::spec::SNAKE_NAMES;
use crate::{context::Context, error::ApiError};

/// The Connect protocol's unary error: `{"code":"not_found","message":m,"details":[…]}`,
/// with the HTTP status Connect's table gives the code.
///
/// `code` is the error's gRPC code (`grpc_code`) as Connect names it (`not_found`, `canceled`
/// with one `l`); the HTTP status is Connect's for that code (`google.rpc.Code`'s mapping: a
/// 422 whose code is `INVALID_ARGUMENT` is sent as 400), because Connect's clients read the
/// code and the status follows it. `details` are the `google.rpc` messages the gRPC conversion
/// sends — `ErrorInfo` first, whose `reason` is the error's code — each as Connect writes a
/// detail: `type` (the message's full name), `value` (its protobuf encoding, base64 without
/// padding) and `debug` (its JSON form, as connect-go writes it), so Connect's Go and TypeScript clients decode them
/// like any other detail. The envelope has no room for `retryable`, the trace id or a
/// violation's parameters.
#[derive(Debug, Clone, Copy, Default)]
pub struct Connect;

impl Format for Connect {
    const CONTENT_TYPE: &'static str = DESCRIPTOR.content_type;
    const DESCRIPTOR: Option<&'static Descriptor> = Some(&DESCRIPTOR);

    fn status<E: ApiError + ?Sized>(error: &E) -> StatusCode {
        error.grpc_code().http_status()
    }

    fn write_body<E, W>(error: &E, ctx: &Context<'_>, out: W) -> serde_json::Result<()>
    where
        E: ApiError + ?Sized,
        W: io::Write,
    {
        write_object(out, |map| {
            map.text_entry("code", error.grpc_code().snake_name())?;
            map.serialize_entry("message", &ctx.message(error))?;
            map.serialize_entry("details", &Details(&details_of(error, ctx)))
        })
    }
}

struct Details<'d, 'a>(&'d [Detail<'a>]);

impl Serialize for Details<'_, '_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(self.0.len()))?;
        for detail in self.0 {
            seq.serialize_element(&ConnectDetail(detail))?;
        }
        seq.end()
    }
}

struct ConnectDetail<'d, 'a>(&'d Detail<'a>);

impl Serialize for ConnectDetail<'_, '_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(3))?;
        map.serialize_entry("type", self.0.type_name())?;
        map.serialize_entry("value", &Base64(&self.0.encode()))?;
        map.serialize_entry(
            "debug",
            &Json {
                detail: self.0,
                typed: false,
            },
        )?;
        map.end()
    }
}

/// Standard base64 (RFC 4648 §4) without padding, as Connect writes a detail's bytes.
struct Base64<'a>(&'a [u8]);

impl Serialize for Base64<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&base64(self.0))
    }
}

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// `bytes` in standard base64 without padding.
pub(crate) fn base64(bytes: &[u8]) -> String {
    let mut text = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [chunk[0], *chunk.get(1).unwrap_or(&0), *chunk.get(2).unwrap_or(&0)];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        // A chunk of k bytes makes k + 1 characters.
        for i in 0..=chunk.len() {
            text.push(char::from(ALPHABET[(n >> (18 - 6 * i)) as usize & 63]));
        }
    }
    text
}

/// What clients and generators know of this envelope (see [`Descriptor`]).
pub(crate) const DESCRIPTOR: Descriptor = Descriptor {
    name: "Connect",
    content_type: JSON,
    members: &["code", "message", "details"],
    flattens_details: false,
    detail_may_take: &[],
    code_at: Some(&["details", "0", "debug", "reason"]),
    message_at: &["message"],
    facts_at: None,
    recognised_by: &[&[(&["code"], MemberKind::OneOf(&SNAKE_NAMES))]],
    content_type_identifies: false,
    typescript: "/** One Connect error detail: the message's full name, its protobuf bytes (base64), and
 * its JSON form. */
export interface ConnectDetail {
  readonly type: string;
  readonly value: string;
  readonly debug?: Readonly<Record<string, unknown>>;
}

/** `google.rpc.ErrorInfo`, always the first detail: its `reason` is the error's code. */
export interface ConnectErrorInfo extends ConnectDetail {
  readonly type: \"google.rpc.ErrorInfo\";
  readonly debug: {
    readonly reason: AnyErrorCode;
    readonly domain?: string;
    readonly metadata?: Readonly<Record<string, string>>;
  };
}

/** The error body: a Connect unary error. */
export interface ErrorBody {
  readonly code: string;
  readonly message: string;
  readonly details: readonly [ConnectErrorInfo, ...ConnectDetail[]];
}

/** Whether `body` is this service's error body, whatever its code: a code added after this
 * module was generated is still an error body (narrow it with `isKnownErrorCode`). */
export function isErrorBody(body: unknown): body is ErrorBody {
  if (!isObject(body) || !Array.isArray(body.details)) {
    return false;
  }
  const info: unknown = body.details[0];
  return typeof body.code === \"string\" && isObject(info) && isObject(info.debug) && typeof info.debug.reason === \"string\";
}

",
};

#[cfg(test)]
mod tests {
    /// RFC 4648 §10's test vectors, without their padding.
    #[test]
    fn base64_is_rfc_4648_without_padding() {
        for (bytes, text) in [
            ("", ""),
            ("f", "Zg"),
            ("fo", "Zm8"),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg"),
            ("fooba", "Zm9vYmE"),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(super::base64(bytes.as_bytes()), text);
        }
        assert_eq!(super::base64(&[0xfb, 0xff, 0xbf]), "+/+/");
    }
}
