//! The rules both crates must agree on, written once.
//!
//! This file is compiled into the runtime (`errwire::rules`, hidden) and into the derive
//! (`errwire-macros` links it as `src/rules.rs`, a symbolic link to this file — serde shares
//! `serde_derive_internals` the same way), so a default the derive bakes into a spec at
//! compile time is the default the runtime applies to a hand-written spec. It depends on
//! nothing but `core`; every rule is a `const fn` or a `const`.

/// Whether a client may retry this status by default: 408, 425, 429, 500, 502, 503, 504.
#[must_use]
pub const fn default_retryable(status: u16) -> bool {
    matches!(status, 408 | 425 | 429 | 500 | 502 | 503 | 504)
}

/// Whether errors of this status are reported as failures by default (`report = "error"`):
/// 5xx are the server's; everything else is expected (a client's mistake, a routine 404).
#[must_use]
pub const fn default_reported_as_error(status: u16) -> bool {
    status >= 500
}

/// The default JSON-RPC code of a status: 400 and 422 → −32602 (invalid params), 401 and
/// 403 → −32600 (invalid request), 404 → −32601 (method not found), 5xx → −32603 (internal
/// error), anything else → −32000 (server error).
#[must_use]
pub const fn default_jsonrpc_code(status: u16) -> i32 {
    match status {
        400 | 422 => -32602,
        401 | 403 => -32600,
        404 => -32601,
        500..=599 => -32603,
        _ => -32000,
    }
}

/// Whether JSON-RPC 2.0 lets an application send `code`: anything outside the reserved
/// range −32768..=−32000, or one of the codes the specification defines in it (−32700,
/// −32600..=−32603) or leaves to servers (−32099..=−32000).
#[must_use]
pub const fn jsonrpc_code_is_allowed(code: i32) -> bool {
    let reserved = code >= -32768 && code <= -32000;
    let defined = code == -32700 || (code >= -32603 && code <= -32600) || (code >= -32099 && code <= -32000);
    !reserved || defined
}

/// Whether `status` may be an error's status class: 300–599.
#[must_use]
pub const fn is_error_status(status: u16) -> bool {
    status >= 300 && status <= 599
}

/// Member names a detail may not take: every top-level member of a built-in format that
/// writes details at the top level (its `Descriptor::members`, less the few it yields to a
/// detail), and errwire's own names for the facts of an error, which the other envelopes
/// write beside `details` (`message`, `violations`, OAuth's members). A detail with one of
/// these names would be dropped or would overwrite the format's own. The runtime's format
/// descriptors are held to this list by a test; the derive reads it from this file.
pub const RESERVED_MEMBER_NAMES: &[&str] = &[
    "type",
    "title",
    "status",
    "detail",
    "instance",
    "code",
    "message",
    "error",
    "error_description",
    "error_uri",
    "request_id",
    "trace_id",
    "errors",
    "errors_omitted",
    "violations",
];

/// The built-in formats, by the names `#[api(format = …)]` finds without an import; each
/// is a type in `errwire::format` with a `Descriptor` (a test holds the two lists equal).
pub const BUILT_IN_FORMAT_NAMES: &[&str] = &[
    "Nested",
    "Flat",
    "Problem",
    "OAuth",
    "Simple",
    "JsonRpc",
    "JsonRpcPlain",
    "McpTool",
    "GoogleJson",
    "JsonApi",
    "Twirp",
    "Connect",
];

/// Whether `name` is one of [`RESERVED_MEMBER_NAMES`].
#[must_use]
pub const fn is_reserved_member_name(name: &str) -> bool {
    let mut i = 0;
    while i < RESERVED_MEMBER_NAMES.len() {
        if str_eq(RESERVED_MEMBER_NAMES[i], name) {
            return true;
        }
        i += 1;
    }
    false
}

/// RFC 9457 §3.2: an extension member name starts with a letter and continues with
/// letters, digits or `_`.
#[must_use]
pub const fn is_member_name(name: &str) -> bool {
    let bytes = name.as_bytes();
    if bytes.is_empty() || !bytes[0].is_ascii_alphabetic() {
        return false;
    }
    let mut i = 1;
    while i < bytes.len() {
        if !(bytes[i].is_ascii_alphanumeric() || bytes[i] == b'_') {
            return false;
        }
        i += 1;
    }
    true
}

/// RFC 3986 `unreserved`: `ALPHA / DIGIT / "-" / "." / "_" / "~"`, the bytes a code keeps
/// when it is put into a URL (`docs = "…#{code}"`); every other byte is percent-encoded.
#[must_use]
pub const fn is_unreserved(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~')
}

/// Byte-wise string equality in `const` context.
#[must_use]
pub const fn str_eq(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

/// [`str_eq`], ignoring ASCII case.
#[must_use]
pub const fn str_eq_ignore_ascii_case(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if !a[i].eq_ignore_ascii_case(&b[i]) {
            return false;
        }
        i += 1;
    }
    true
}

/// Response headers errwire writes itself (`content-type`, `content-length`, `retry-after`,
/// `x-request-id`): an error may not set them.
pub const OWNED_HEADERS: &[&str] = &["content-type", "content-length", "retry-after", "x-request-id"];

/// Whether `name` (any case) is one of [`OWNED_HEADERS`].
#[must_use]
pub const fn is_owned_header(name: &str) -> bool {
    let mut i = 0;
    while i < OWNED_HEADERS.len() {
        if str_eq_ignore_ascii_case(OWNED_HEADERS[i], name) {
            return true;
        }
        i += 1;
    }
    false
}

/// RFC 9110 §5.1: a field name is a `token`, one or more `tchar`s.
#[must_use]
pub const fn is_header_name(name: &str) -> bool {
    let bytes = name.as_bytes();
    if bytes.is_empty() {
        return false;
    }
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let tchar = b.is_ascii_alphanumeric()
            || matches!(
                b,
                b'!' | b'#'
                    | b'$'
                    | b'%'
                    | b'&'
                    | b'\''
                    | b'*'
                    | b'+'
                    | b'-'
                    | b'.'
                    | b'^'
                    | b'_'
                    | b'`'
                    | b'|'
                    | b'~'
            );
        if !tchar {
            return false;
        }
        i += 1;
    }
    true
}

/// Whether `text` arrives as a header value exactly as it is sent: visible ASCII and inner
/// spaces. No line breaks or other controls (a header injection), no bytes above 0x7F (read
/// as Latin-1), no tabs and no space at either end (HTTP parsers strip edge whitespace).
#[must_use]
pub const fn is_header_value(text: &str) -> bool {
    let bytes = text.as_bytes();
    if !bytes.is_empty() && (bytes[0] == b' ' || bytes[bytes.len() - 1] == b' ') {
        return false;
    }
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if !(b >= 0x20 && b < 0x7f) {
            return false;
        }
        i += 1;
    }
    true
}

/// The canonical gRPC status codes, by number (`google.rpc.Code`): what
/// `#[api(grpc = "…")]` accepts, less `OK`, which is not an error.
pub const GRPC_CODES: [&str; 17] = [
    "OK",
    "CANCELLED",
    "UNKNOWN",
    "INVALID_ARGUMENT",
    "DEADLINE_EXCEEDED",
    "NOT_FOUND",
    "ALREADY_EXISTS",
    "PERMISSION_DENIED",
    "RESOURCE_EXHAUSTED",
    "FAILED_PRECONDITION",
    "ABORTED",
    "OUT_OF_RANGE",
    "UNIMPLEMENTED",
    "INTERNAL",
    "UNAVAILABLE",
    "DATA_LOSS",
    "UNAUTHENTICATED",
];

/// The default gRPC code (its number in [`GRPC_CODES`]) of an HTTP status, by the mapping
/// `google.rpc.Code` documents, read from HTTP to gRPC: 400 `INVALID_ARGUMENT`, 401
/// UNAUTHENTICATED, 403 `PERMISSION_DENIED`, 404 `NOT_FOUND`, 409 ABORTED, 412
/// `FAILED_PRECONDITION`, 416 `OUT_OF_RANGE`, 429 `RESOURCE_EXHAUSTED`, 499 CANCELLED, 501
/// UNIMPLEMENTED, 503 UNAVAILABLE, 504 `DEADLINE_EXCEEDED`; any other 4xx `FAILED_PRECONDITION`,
/// any other 5xx INTERNAL, anything below 400 UNKNOWN.
#[must_use]
pub const fn default_grpc_code(status: u16) -> u8 {
    match status {
        400 => 3,
        401 => 16,
        403 => 7,
        404 => 5,
        409 => 10,
        416 => 11,
        429 => 8,
        499 => 1,
        // Every other 4xx, 412 among them: FAILED_PRECONDITION.
        402 | 405..=408 | 410..=415 | 417..=428 | 430..=498 => 9,
        501 => 12,
        503 => 14,
        504 => 4,
        500 | 502 | 505..=599 => 13,
        _ => 2,
    }
}
