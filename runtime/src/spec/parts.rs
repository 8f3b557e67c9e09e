//! [`SpecParts`]: every fact of a spec in one struct, so the derive builds each spec with a
//! single `const` call (cheaper for the const evaluator than a chain of builders).

use core::time::Duration;

use http::StatusCode;

use super::{ErrorSpec, McpChannel, MessageSource, WireSafe};

/// Every fact of a spec, for the derive's one-call constructor (not public API).
#[doc(hidden)]
#[derive(Debug, Clone, Copy)]
#[allow(clippy::struct_excessive_bools)] // a record of facts the derive answered, not a state machine
pub struct SpecParts {
    pub code: &'static str,
    pub status: StatusCode,
    pub message: &'static str,
    pub message_source: MessageSource,
    pub description: Option<&'static str>,
    pub title: Option<&'static str>,
    pub retryable: bool,
    pub retry_after: Option<Duration>,
    pub domain: Option<&'static str>,
    pub help: Option<&'static str>,
    pub docs_url: Option<&'static str>,
    pub jsonrpc_code: i32,
    pub mcp_channel: McpChannel,
    pub type_name: &'static str,
    pub variant: Option<&'static str>,
    pub deprecated: bool,
    pub in_band: bool,
    pub headers: &'static [(&'static str, &'static str)],
    /// `grpc = "…"`; `None` takes the status mapping.
    pub grpc: Option<super::GrpcCode>,
    /// The Fluent variables a translation may use: placeholders, then details.
    pub variables: &'static [&'static str],
    /// The `sensitive` fields, which a translation must not use.
    pub sensitive: &'static [&'static str],
    /// The details' names (what the lock keeps of the body's shape).
    pub detail_names: &'static [&'static str],
    /// The headers written from fields, lower-cased.
    pub field_headers: &'static [&'static str],
    /// Whether the variant carries field violations.
    pub violations: bool,
    /// The wire checks, answered by the derive with the runtime's own predicates
    /// (`wire/classes.rs` is compiled into both crates): whether `code` and `message` are clean
    /// RFC 6749 text and `docs_url` a valid URI reference. Left to the `const` evaluator they
    /// were a third of the type check of a 500-variant enum.
    pub code_oauth: bool,
    pub message_oauth: bool,
    pub docs_uri: bool,
    /// The template needs no formatting (see `ApiError::static_message`).
    pub message_static: bool,
}

impl ErrorSpec {
    /// One call instead of a chain of builders: what the derive emits, so a 500-variant
    /// enum costs the const evaluator one constructor per code.
    #[doc(hidden)]
    #[must_use]
    pub const fn __from_parts(parts: SpecParts) -> Self {
        Self {
            code: parts.code,
            status: parts.status,
            message: parts.message,
            message_source: parts.message_source,
            description: parts.description,
            title: parts.title,
            retryable: parts.retryable,
            retry_after: parts.retry_after,
            domain: parts.domain,
            help: parts.help,
            docs_url: parts.docs_url,
            jsonrpc_code: parts.jsonrpc_code,
            mcp_channel: parts.mcp_channel,
            type_name: parts.type_name,
            variant: parts.variant,
            deprecated: parts.deprecated,
            in_band: parts.in_band,
            headers: parts.headers,
            grpc: parts.grpc,
            variables: parts.variables,
            sensitive: parts.sensitive,
            detail_names: parts.detail_names,
            field_headers: parts.field_headers,
            violations: parts.violations,
            wire_safe: WireSafe {
                code_oauth: parts.code_oauth,
                message_oauth: parts.message_oauth,
                docs_uri: parts.docs_uri,
                message_static: parts.message_static,
            },
        }
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
