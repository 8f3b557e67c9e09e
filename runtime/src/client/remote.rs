//! [`RemoteError`] and [`DecodeError`]: what a decoded error response holds.

use core::fmt;
use core::time::Duration;

use http::StatusCode;
use serde_json::{Map, Value};

use super::KnownCodes;

use crate::catalogue::Catalogued;
use crate::spec::ErrorSpec;
use crate::violation::Violation;

/// The largest body [`RemoteError::decode`] reads: 1 MiB. A longer one is refused
/// ([`DecodeErrorKind::TooLarge`]) before any of it is parsed.
pub const MAX_BODY: usize = 1 << 20;

/// The most violations kept from one body (the excess is dropped), as on the server side.
pub const MAX_VIOLATIONS: usize = crate::violation::MAX_VIOLATIONS;

/// Which envelope a body was recognised as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum RemoteFormat {
    /// `{"error":{"code","message",…}}`
    Nested,
    /// `{"ok":false,"code","detail","error",…}`
    Flat,
    /// RFC 9457 problem details.
    Problem,
    /// RFC 6749 §5.2 (`{"error","error_description","error_uri"}`).
    OAuth,
    /// `{"error":code,"error_description",…details}`
    Simple,
    /// JSON-RPC 2.0 with errwire's `data`.
    JsonRpc,
    /// JSON-RPC 2.0 with `code` and `message` only.
    JsonRpcPlain,
    /// An MCP `CallToolResult` with `isError: true` (bare or as a JSON-RPC `result`).
    McpTool,
    /// Google's JSON error (AIP-193) with its `google.rpc` details.
    GoogleJson,
    /// JSON:API errors (`{"errors":[…]}`).
    JsonApi,
    /// Twirp's `{"code","msg","meta"}`.
    Twirp,
    /// A Connect unary error (`{"code","message","details"}`).
    Connect,
    /// A gRPC `Status` with Google's rich error details (feature `tonic`:
    /// [`RemoteError::from_grpc`]).
    Grpc,
    /// No envelope: a [`RemoteError::from_status`] fallback built from the status and
    /// headers alone.
    Unrecognised,
}

/// An error response decoded from any built-in envelope.
///
/// Every accessor answers from what the body and headers carried; where an envelope has no
/// room for a fact, the documented fallback applies (see the [module table](crate::client)).
#[derive(Debug, Clone, PartialEq)]
pub struct RemoteError {
    pub(crate) http_status: StatusCode,
    pub(crate) format: RemoteFormat,
    pub(crate) body_status: Option<StatusCode>,
    pub(crate) code: Option<String>,
    pub(crate) message: Option<String>,
    pub(crate) title: Option<String>,
    pub(crate) docs_url: Option<String>,
    pub(crate) instance: Option<String>,
    pub(crate) request_id: Option<String>,
    pub(crate) trace_id: Option<String>,
    pub(crate) retryable: Option<bool>,
    pub(crate) retry_after: Option<Duration>,
    pub(crate) details: Map<String, Value>,
    pub(crate) violations: Vec<Violation>,
    pub(crate) jsonrpc_code: Option<i64>,
    pub(crate) grpc_code: Option<crate::spec::GrpcCode>,
}

impl RemoteError {
    /// The machine code (`None` only for `JsonRpcPlain`, which carries none).
    #[must_use]
    pub fn code(&self) -> Option<&str> {
        self.code.as_deref()
    }

    /// The error's status: the body's own (`Problem`'s `status`, JSON-RPC's `data.status`)
    /// where it carries one, else the HTTP status of the response.
    #[must_use]
    pub fn status(&self) -> StatusCode {
        self.body_status.unwrap_or(self.http_status)
    }

    /// The status of the HTTP response itself (200 for in-band errors and MCP tool results).
    #[must_use]
    pub fn http_status(&self) -> StatusCode {
        self.http_status
    }

    /// The public message.
    #[must_use]
    pub fn message(&self) -> Option<&str> {
        self.message.as_deref()
    }

    /// problem+json's `title`.
    #[must_use]
    pub fn title(&self) -> Option<&str> {
        self.title.as_deref()
    }

    /// The documentation URL: problem+json's `type` (unless `about:blank`), OAuth's
    /// `error_uri`.
    #[must_use]
    pub fn docs_url(&self) -> Option<&str> {
        self.docs_url.as_deref()
    }

    /// problem+json's `instance`.
    #[must_use]
    pub fn instance(&self) -> Option<&str> {
        self.instance.as_deref()
    }

    /// The request id: the body's, else the `x-request-id` header.
    #[must_use]
    pub fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }

    /// The W3C trace id the service wrote in the body (`trace_id`, when its settings turn
    /// trace context on): the trace to look up in the fleet's tracing backend.
    #[must_use]
    pub fn trace_id(&self) -> Option<&str> {
        self.trace_id.as_deref()
    }

    /// Whether a retry may succeed: the body's own flag where the format carries one, else
    /// the default for [`status`](Self::status), [`default_retryable`](crate::spec::default_retryable)
    /// (408, 425, 429, 500, 502, 503, 504).
    #[must_use]
    pub fn retryable(&self) -> bool {
        self.retryable
            .unwrap_or_else(|| crate::rules::default_retryable(self.status().as_u16()))
    }

    /// How long to wait before retrying: the `Retry-After` header (seconds, or an HTTP date
    /// counted from now), else the body's `retry_after`.
    #[must_use]
    pub fn retry_after(&self) -> Option<Duration> {
        self.retry_after
    }

    /// The details, as a JSON object (empty when there are none). For `Problem` and `Simple`,
    /// which write details as top-level members, every member that is not the format's own.
    #[must_use]
    pub fn details(&self) -> &Map<String, Value> {
        &self.details
    }

    /// The field violations, where the format carries them (at most [`MAX_VIOLATIONS`]).
    #[must_use]
    pub fn violations(&self) -> &[Violation] {
        &self.violations
    }

    /// Which envelope the body was.
    #[must_use]
    pub fn format(&self) -> RemoteFormat {
        self.format
    }

    /// The JSON-RPC error code, for the JSON-RPC formats.
    #[must_use]
    pub fn jsonrpc_code(&self) -> Option<i64> {
        self.jsonrpc_code
    }

    /// The gRPC status code, for [`RemoteFormat::Grpc`].
    #[must_use]
    pub fn grpc_code(&self) -> Option<crate::spec::GrpcCode> {
        self.grpc_code
    }

    /// The spec of this error's code in `T`'s catalogue, if `T` declares it: how a client
    /// learns everything the catalogue says about a code it received.
    #[must_use]
    pub fn spec_in<T: Catalogued + ?Sized>(&self) -> Option<&'static ErrorSpec> {
        let code = self.code()?;
        T::CATALOGUE.iter().find(|spec| spec.code() == code)
    }

    /// This error's code as one of `C`, the code enum the derive writes for
    /// `#[api(codes = "…")]`: a `match` over it is checked by the compiler, so a misspelt
    /// or removed code is a compile error, not a silent fallthrough.
    ///
    /// `None` when the body has no code, or a code `C` does not know: the set of codes is
    /// open (a service may add one without a breaking change), so a client keeps a branch for
    /// codes it was not built with.
    #[must_use]
    pub fn code_in<C: KnownCodes>(&self) -> Option<C> {
        C::from_code(self.code()?)
    }

    /// Whether this error has `code` — pass a constant from a code enum or a spec
    /// (`AccountCode::NotFound.code()`) rather than a string literal.
    #[must_use]
    pub fn has_code(&self, code: &str) -> bool {
        self.code() == Some(code)
    }

    /// A `RemoteError` that knows only the response's status (and headers): what a caller
    /// falls back to when the body was not a recognised envelope.
    #[must_use]
    pub fn from_status(status: StatusCode, headers: &http::HeaderMap) -> Self {
        let mut remote = Self::empty(status, RemoteFormat::Unrecognised);
        super::headers::apply_headers(&mut remote, headers);
        remote
    }

    pub(crate) fn empty(status: StatusCode, format: RemoteFormat) -> Self {
        Self {
            http_status: status,
            format,
            body_status: None,
            code: None,
            message: None,
            title: None,
            docs_url: None,
            instance: None,
            request_id: None,
            trace_id: None,
            retryable: None,
            retry_after: None,
            details: Map::new(),
            violations: Vec::new(),
            jsonrpc_code: None,
            grpc_code: None,
        }
    }
}

impl fmt::Display for RemoteError {
    /// `409 workspace_slug_taken: The slug 'acme' is already in use.`
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.status().as_u16())?;
        if let Some(code) = self.code() {
            write!(f, " {code}")?;
        }
        if let Some(message) = self.message() {
            write!(f, ": {message}")?;
        }
        Ok(())
    }
}

impl std::error::Error for RemoteError {}

/// Why a body could not be decoded. The response's status is kept, so a caller can still
/// fall back to [`DecodeError::best_effort`].
#[derive(Debug, Clone, PartialEq)]
pub struct DecodeError {
    pub(super) status: StatusCode,
    pub(super) kind: DecodeErrorKind,
    pub(super) remote: Box<RemoteError>,
}

impl DecodeError {
    /// The HTTP status of the response.
    #[must_use]
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// What was wrong with the body.
    #[must_use]
    pub fn kind(&self) -> DecodeErrorKind {
        self.kind
    }

    /// A [`RemoteError`] built from the status and headers alone.
    #[must_use]
    pub fn best_effort(&self) -> RemoteError {
        (*self.remote).clone()
    }
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let what = match self.kind {
            DecodeErrorKind::TooLarge => "the body is larger than errwire::client::MAX_BODY",
            DecodeErrorKind::NotJson => "the body is not JSON",
            DecodeErrorKind::NotAnError => "the body is JSON but no error envelope errwire knows",
            DecodeErrorKind::UnsupportedFormat => "errwire cannot decode this format (a custom `Format`)",
        };
        write!(
            f,
            "cannot decode the {} error response: {what}",
            self.status.as_u16()
        )
    }
}

impl std::error::Error for DecodeError {}

/// What [`DecodeError`] found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum DecodeErrorKind {
    /// More than [`MAX_BODY`] bytes.
    TooLarge,
    /// Not JSON (or nested deeper than the parser's limit).
    NotJson,
    /// JSON, but not the envelope asked for (or none of the built-in ones).
    NotAnError,
    /// [`RemoteError::decode_as`] with a format that is not built in.
    UnsupportedFormat,
}
