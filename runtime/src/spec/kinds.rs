//! The small enums an [`ErrorSpec`](super::ErrorSpec) holds: the MCP channel, the reporting
//! class, where the message comes from.

use http::StatusCode;

/// The channel an error takes when it is returned from an MCP tool.
///
/// MCP has two error channels: a tool execution error is a normal result with `isError: true`
/// that the model can read and act on; a protocol error (unknown tool, malformed request) is a
/// JSON-RPC error object. Set with `#[api(mcp = "protocol")]`; the default is [`McpChannel::Tool`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum McpChannel {
    /// A `CallToolResult` with `isError: true` (the default, as the MCP specification asks).
    Tool,
    /// A JSON-RPC error object.
    Protocol,
}

/// How an error is reported to the people who run the service: as a failure, or as an
/// expected outcome. Decides the request span's status, the log level and whether an
/// error tracker captures it. Set with `#[api(report = "error" | "expected")]` on a variant or
/// the enum; the default is [`ReportClass::Error`] for a 5xx and [`ReportClass::Expected`]
/// otherwise.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ReportClass {
    /// A failure: span status `ERROR`, logged at error level.
    Error,
    /// An expected outcome (a routine 404, a validation error): span status unset, logged at
    /// debug level.
    Expected,
}

impl ReportClass {
    /// The default class of a status: [`Error`](Self::Error) for a 5xx, else
    /// [`Expected`](Self::Expected).
    #[must_use]
    pub const fn default_for(status: StatusCode) -> Self {
        if crate::rules::default_reported_as_error(status.as_u16()) {
            Self::Error
        } else {
            Self::Expected
        }
    }

    /// The rule behind a server span's status, in one place (the span and the catalogue's
    /// list of error types read it): `"ERROR"` for a failure, else unset.
    pub(crate) const fn otel_status_code(self) -> Option<&'static str> {
        match self {
            Self::Error => Some("ERROR"),
            Self::Expected => None,
        }
    }

    /// `"error"` or `"expected"`, as the attribute and the contract JSON spell it.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Error => "error",
            Self::Expected => "expected",
        }
    }
}

/// Where a code's public message comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MessageSource {
    /// Written for the wire: `#[api(message = "…")]`, or given to [`ErrorSpec::new`](super::ErrorSpec::new).
    Attribute,
    /// The first line of the variant's doc comment.
    DocComment,
    /// The status's reason phrase.
    ReasonPhrase,
}
