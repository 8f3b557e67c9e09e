//! [`SpecParts`]: every fact of a spec in one struct, so the derive builds each spec with a
//! single `const` call (cheaper for the const evaluator than a chain of builders).

use core::time::Duration;

use http::StatusCode;

use super::{ErrorSpec, McpChannel, MessageSource, WireSafe};

/// Every fact of a spec, for the derive's one-call constructor (not public API).
#[doc(hidden)]
#[derive(Debug, Clone, Copy)]
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
            wire_safe: WireSafe {
                code_oauth: crate::wire::is_clean_oauth_text(parts.code),
                message_oauth: crate::wire::is_clean_oauth_text(parts.message),
                docs_uri: match parts.docs_url {
                    Some(url) => crate::wire::is_uri_reference(url),
                    None => false,
                },
            },
        }
    }
}
