//! The derive's constructor: `ErrorSpec::__derived`, one short call per code whose facts
//! that equal their default are left out (a chain of hidden setters adds the others), so a
//! plain variant costs the compiler a few tokens instead of a 25-field literal.

use core::time::Duration;

use http::StatusCode;

use super::flags;
use super::{ErrorSpec, GrpcCode, McpChannel, MessageSource, ReportClass, WireSafe};

const fn has(bits: u16, flag: u16) -> bool {
    bits & flag != 0
}

impl ErrorSpec {
    /// A derived code: its code, status, message template, title and JSON-RPC code (all
    /// answered by the derive), the yes/no facts as [`flags`] bits, and where it was declared
    /// (`variant` is empty for a struct). Not public API.
    #[doc(hidden)]
    #[must_use]
    #[allow(clippy::too_many_arguments)] // the derive's positional call, one per code
    pub const fn __derived(
        code: &'static str,
        status: StatusCode,
        message: &'static str,
        title: &'static str,
        jsonrpc_code: i32,
        bits: u16,
        type_name: &'static str,
        variant: &'static str,
    ) -> Self {
        Self {
            code,
            status,
            message,
            message_source: match bits & flags::SOURCE_MASK {
                flags::SOURCE_DOC_COMMENT => MessageSource::DocComment,
                flags::SOURCE_REASON_PHRASE => MessageSource::ReasonPhrase,
                _ => MessageSource::Attribute,
            },
            description: None,
            title: Some(title),
            retryable: has(bits, flags::RETRYABLE),
            retry_after: None,
            domain: None,
            help: None,
            docs_url: None,
            jsonrpc_code,
            mcp_channel: if has(bits, flags::MCP_PROTOCOL) {
                McpChannel::Protocol
            } else {
                McpChannel::Tool
            },
            report: if has(bits, flags::REPORT_ERROR) {
                ReportClass::Error
            } else {
                ReportClass::Expected
            },
            type_name,
            variant: if variant.is_empty() { None } else { Some(variant) },
            deprecated: has(bits, flags::DEPRECATED),
            in_band: has(bits, flags::IN_BAND),
            headers: &[],
            grpc: None,
            variables: &[],
            sensitive: &[],
            detail_names: &[],
            field_headers: &[],
            violations: has(bits, flags::VIOLATIONS),
            wire_safe: WireSafe {
                code_oauth: has(bits, flags::CODE_OAUTH),
                message_oauth: has(bits, flags::MESSAGE_OAUTH),
                docs_uri: has(bits, flags::DOCS_URI),
                message_static: has(bits, flags::MESSAGE_STATIC),
            },
        }
    }

    /// The docs URL, its check already answered in the flags (not public API).
    #[doc(hidden)]
    #[must_use]
    pub const fn __docs(mut self, url: &'static str) -> Self {
        self.docs_url = Some(url);
        self
    }

    /// The gRPC code `grpc = "…"` names (not public API).
    #[doc(hidden)]
    #[must_use]
    pub const fn __grpc(mut self, code: GrpcCode) -> Self {
        self.grpc = Some(code);
        self
    }

    /// The retry delay, in seconds (not public API).
    #[doc(hidden)]
    #[must_use]
    pub const fn __retry_after(mut self, secs: u64) -> Self {
        self.retry_after = Some(Duration::from_secs(secs));
        self
    }

    /// The names the body and a translation use: the Fluent variables, the `sensitive` fields,
    /// the details and the headers written from fields (not public API).
    #[doc(hidden)]
    #[must_use]
    pub const fn __names(
        mut self,
        variables: &'static [&'static str],
        sensitive: &'static [&'static str],
        detail_names: &'static [&'static str],
        field_headers: &'static [&'static str],
    ) -> Self {
        self.variables = variables;
        self.sensitive = sensitive;
        self.detail_names = detail_names;
        self.field_headers = field_headers;
        self
    }
}

impl ErrorSpec {
    /// Whether the recorded wire checks equal the runtime's predicates run now: what a test
    /// asserts for every derived spec, so the derive's answers can never drift from the
    /// runtime's (not public API).
    #[doc(hidden)]
    #[must_use]
    pub fn __wire_checks_hold(&self) -> bool {
        let mut recorded = self.wire_safe;
        recorded.message_static = false;
        recorded
            == WireSafe {
                code_oauth: crate::wire::is_clean_oauth_text(self.code),
                message_oauth: crate::wire::is_clean_oauth_text(self.message),
                docs_uri: self.docs_url.is_some_and(crate::wire::is_uri_reference),
                message_static: false,
            }
    }

    /// The message when the derive recorded it needs no formatting: what a derived type's
    /// `ApiError::static_message` answers, from the spec instead of one more `match` per
    /// variant (not public API).
    #[doc(hidden)]
    #[must_use]
    pub const fn __static_message(&self) -> Option<&'static str> {
        if self.wire_safe.message_static {
            Some(self.message)
        } else {
            None
        }
    }
}
