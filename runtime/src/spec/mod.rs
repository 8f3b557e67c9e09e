//! [`ErrorSpec`]: everything static about one error code. The derive's constructor is in
//! `parts.rs`, the bits of its flags in `flags.rs`, the small enums it holds in `kinds.rs`.

mod flags;
mod grpc;
mod kinds;
mod parts;
mod shape;

pub use grpc::GrpcCode;
pub(crate) use grpc::SNAKE_NAMES;
pub use kinds::{McpChannel, MessageSource, ReportClass};

use core::time::Duration;

use http::StatusCode;

/// Everything static about one error code: its API identity.
///
/// Every variant of a `#[derive(ApiError)]` type has one, built in `const` context; the type's
/// `CATALOGUE` lists them in declaration order. Hand-written [`ApiError`](crate::error::ApiError)
/// implementations build theirs with [`ErrorSpec::new`] and the `with_*` methods:
///
/// ```
/// use errwire::ErrorSpec;
/// use http::StatusCode;
///
/// const CONFLICT: ErrorSpec = ErrorSpec::new("state_conflict", StatusCode::CONFLICT, "Resource is busy.")
///     .with_domain("workspaces")
///     .with_help("Wait for provisioning to finish.");
///
/// const _: () = assert!(CONFLICT.status().as_u16() == 409);
/// assert_eq!(CONFLICT.code(), "state_conflict");
/// assert!(!CONFLICT.retryable());
/// assert_eq!(CONFLICT.jsonrpc_code(), -32000);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[allow(clippy::struct_excessive_bools)] // independent facts of one code, not a state machine
pub struct ErrorSpec {
    code: &'static str,
    status: StatusCode,
    message: &'static str,
    message_source: MessageSource,
    description: Option<&'static str>,
    title: Option<&'static str>,
    retryable: bool,
    retry_after: Option<Duration>,
    domain: Option<&'static str>,
    help: Option<&'static str>,
    docs_url: Option<&'static str>,
    jsonrpc_code: i32,
    mcp_channel: McpChannel,
    report: ReportClass,
    type_name: &'static str,
    variant: Option<&'static str>,
    deprecated: bool,
    in_band: bool,
    headers: &'static [(&'static str, &'static str)],
    grpc: Option<GrpcCode>,
    variables: &'static [&'static str],
    sensitive: &'static [&'static str],
    /// The names of the details, the headers written from fields, and whether the variant
    /// carries field violations: the shape of its body and response, which the lock keeps.
    detail_names: &'static [&'static str],
    field_headers: &'static [&'static str],
    violations: bool,
    /// Checked once, in `const` context, so formats need not scan at run time.
    wire_safe: WireSafe,
}

/// Which static texts already satisfy the wire rules (computed by the `const fn`s that set
/// them).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[allow(clippy::struct_excessive_bools)] // independent facts, each read by one format
struct WireSafe {
    code_oauth: bool,
    message_oauth: bool,
    docs_uri: bool,
    /// The message is the template as it is (no placeholder, no `{{` escape): set only by
    /// the derive, so formats write it without formatting.
    message_static: bool,
}

impl ErrorSpec {
    /// A spec with the given code, status and public message template; every other fact takes
    /// its default: retryable per [`default_retryable`], JSON-RPC code per
    /// [`default_jsonrpc_code`], MCP tool channel, no domain, help, docs or retry delay.
    #[must_use]
    pub const fn new(code: &'static str, status: StatusCode, message: &'static str) -> Self {
        Self {
            code,
            status,
            message,
            message_source: MessageSource::Attribute,
            description: None,
            title: None,
            retryable: default_retryable(status),
            retry_after: None,
            domain: None,
            help: None,
            docs_url: None,
            jsonrpc_code: default_jsonrpc_code(status),
            mcp_channel: McpChannel::Tool,
            report: ReportClass::default_for(status),
            type_name: "",
            variant: None,
            deprecated: false,
            in_band: false,
            headers: &[],
            grpc: None,
            variables: &[],
            sensitive: &[],
            detail_names: &[],
            field_headers: &[],
            violations: false,
            wire_safe: WireSafe {
                code_oauth: crate::wire::is_clean_oauth_text(code),
                message_oauth: crate::wire::is_clean_oauth_text(message),
                docs_uri: false,
                message_static: false,
            },
        }
    }

    /// Records where the message comes from (the derive sets it; the default is
    /// [`MessageSource::Attribute`]).
    #[must_use]
    pub const fn with_message_source(mut self, source: MessageSource) -> Self {
        self.message_source = source;
        self
    }

    /// Sets the catalogue description (for derived types: the variant's doc comment).
    #[must_use]
    pub const fn with_description(mut self, description: &'static str) -> Self {
        self.description = Some(description);
        self
    }

    /// Sets the problem+json `title` (default: the status's reason phrase).
    #[must_use]
    pub const fn with_title(mut self, title: &'static str) -> Self {
        self.title = Some(title);
        self
    }

    /// Sets whether a client may retry.
    #[must_use]
    pub const fn with_retryable(mut self, retryable: bool) -> Self {
        self.retryable = retryable;
        self
    }

    /// Sets the delay a client should wait before retrying.
    #[must_use]
    pub const fn with_retry_after(mut self, delay: Duration) -> Self {
        self.retry_after = Some(delay);
        self
    }

    /// Sets the domain (group) of the code.
    #[must_use]
    pub const fn with_domain(mut self, domain: &'static str) -> Self {
        self.domain = Some(domain);
        self
    }

    /// Sets the recovery advice.
    #[must_use]
    pub const fn with_help(mut self, help: &'static str) -> Self {
        self.help = Some(help);
        self
    }

    /// Sets the documentation URL of this code.
    #[must_use]
    pub const fn with_docs_url(mut self, url: &'static str) -> Self {
        self.docs_url = Some(url);
        self.wire_safe.docs_uri = crate::wire::is_uri_reference(url);
        self
    }

    /// Sets the JSON-RPC error code.
    #[must_use]
    pub const fn with_jsonrpc_code(mut self, code: i32) -> Self {
        self.jsonrpc_code = code;
        self
    }

    /// Sets the MCP channel.
    #[must_use]
    pub const fn with_mcp_channel(mut self, channel: McpChannel) -> Self {
        self.mcp_channel = channel;
        self
    }

    /// Sets how the error is reported (span status, log level, error trackers).
    #[must_use]
    pub const fn with_report(mut self, report: ReportClass) -> Self {
        self.report = report;
        self
    }

    /// Records which Rust type (and variant, for enums) declares this code.
    #[must_use]
    pub const fn with_source(mut self, type_name: &'static str, variant: Option<&'static str>) -> Self {
        self.type_name = type_name;
        self.variant = variant;
        self
    }

    /// Marks the code as deprecated: it stays in the catalogue, flagged.
    #[must_use]
    pub const fn with_deprecated(mut self, deprecated: bool) -> Self {
        self.deprecated = deprecated;
        self
    }

    /// Marks the error as sent in band: in the JSON-RPC formats the HTTP status is 200 and
    /// the error lives in the body (the status stays the error's class everywhere else).
    #[must_use]
    pub const fn with_in_band(mut self, in_band: bool) -> Self {
        self.in_band = in_band;
        self
    }

    /// Sets the constant response headers of the code, as `(name, value)` pairs
    /// (`#[api(header(name = "…", value = "…"))]` without placeholders). A pair that is not a
    /// valid header is left out when rendered.
    #[must_use]
    pub const fn with_headers(mut self, headers: &'static [(&'static str, &'static str)]) -> Self {
        self.headers = headers;
        self
    }

    /// The constant response headers of the code (headers whose value depends on the error's
    /// fields are added by [`ApiError::headers`](crate::ApiError::headers) at run time).
    #[must_use]
    pub const fn headers(&self) -> &'static [(&'static str, &'static str)] {
        self.headers
    }

    /// Whether the error is sent in band (`#[api(in_band)]`): HTTP 200 with the error object
    /// in the JSON-RPC formats.
    #[must_use]
    pub const fn in_band(&self) -> bool {
        self.in_band
    }

    /// The stable machine code.
    #[must_use]
    pub const fn code(&self) -> &'static str {
        self.code
    }

    /// The HTTP status.
    #[must_use]
    pub const fn status(&self) -> StatusCode {
        self.status
    }

    /// The public message **template**, in `format!` syntax: `{field}` and `{0}` name the
    /// variant's fields and `{{`/`}}` stand for literal braces. An error value's filled-in
    /// message is [`ApiError::message`](crate::ApiError::message).
    #[must_use]
    pub const fn message(&self) -> &'static str {
        self.message
    }

    /// Where the message comes from. Formats that carry a message only when one was written
    /// for the wire (`Simple`'s `error_description`) read it.
    #[must_use]
    pub const fn message_source(&self) -> MessageSource {
        self.message_source
    }

    /// The catalogue description (for derived types: the whole doc comment).
    #[must_use]
    pub const fn description(&self) -> Option<&'static str> {
        self.description
    }

    /// The problem+json `title`: the one given, else the status's reason phrase, else
    /// `"Error"` for a status without one — what [`ApiError::title`](crate::ApiError::title)
    /// returns. (The derive resolves it at compile time; a spec built with
    /// [`ErrorSpec::new`] without [`ErrorSpec::with_title`] resolves it here.)
    #[must_use]
    pub fn title(&self) -> &'static str {
        match self.title {
            Some(title) => title,
            None => self.status.canonical_reason().unwrap_or("Error"),
        }
    }

    /// Whether a client may retry.
    #[must_use]
    pub const fn retryable(&self) -> bool {
        self.retryable
    }

    /// The constant retry delay, if the code has one.
    #[must_use]
    pub const fn retry_after(&self) -> Option<Duration> {
        self.retry_after
    }

    /// The domain (group) of the code.
    #[must_use]
    pub const fn domain(&self) -> Option<&'static str> {
        self.domain
    }

    /// Recovery advice.
    #[must_use]
    pub const fn help(&self) -> Option<&'static str> {
        self.help
    }

    /// The documentation URL of this code.
    #[must_use]
    pub const fn docs_url(&self) -> Option<&'static str> {
        self.docs_url
    }

    /// The JSON-RPC error code.
    #[must_use]
    pub const fn jsonrpc_code(&self) -> i32 {
        self.jsonrpc_code
    }

    /// The MCP channel.
    #[must_use]
    pub const fn mcp_channel(&self) -> McpChannel {
        self.mcp_channel
    }

    /// How the error is reported: [`ReportClass::Error`] (span status `ERROR`, error-level
    /// log) or [`ReportClass::Expected`].
    #[must_use]
    pub const fn report(&self) -> ReportClass {
        self.report
    }

    /// The Rust type that declares this code, with its module path
    /// (`my_crate::errors::BillingError`); empty when not recorded.
    #[must_use]
    pub const fn type_name(&self) -> &'static str {
        self.type_name
    }

    /// The enum variant that declares this code; `None` for a struct.
    #[must_use]
    pub const fn variant(&self) -> Option<&'static str> {
        self.variant
    }

    /// Whether the code is deprecated (`#[deprecated]` on its variant).
    #[must_use]
    pub const fn deprecated(&self) -> bool {
        self.deprecated
    }

    /// The gRPC status code: `#[api(grpc = "…")]`, else [`GrpcCode::from_status`].
    #[must_use]
    pub const fn grpc_code(&self) -> GrpcCode {
        match self.grpc {
            Some(code) => code,
            None => GrpcCode::from_status(self.status),
        }
    }

    /// The names a translation of the message may use as Fluent variables: the template's
    /// placeholders (`{0}` is `arg0`), then the details' names.
    #[must_use]
    pub const fn variables(&self) -> &'static [&'static str] {
        self.variables
    }

    /// The `sensitive` fields (by the same naming), which a translation must not use.
    #[must_use]
    pub const fn sensitive(&self) -> &'static [&'static str] {
        self.sensitive
    }

    /// The names of the details (`#[api(detail)]` fields) this code's bodies carry.
    #[must_use]
    pub const fn detail_names(&self) -> &'static [&'static str] {
        self.detail_names
    }

    /// Declares the variables a translation may use (the derive records them).
    #[must_use]
    pub const fn with_variables(mut self, variables: &'static [&'static str]) -> Self {
        self.variables = variables;
        self
    }

    /// Sets the gRPC status code, overriding the status mapping.
    #[must_use]
    pub const fn with_grpc_code(mut self, code: GrpcCode) -> Self {
        self.grpc = Some(code);
        self
    }

    /// Whether the code is already in RFC 6749's character set, as OAuth sends it.
    pub(crate) const fn code_is_oauth_clean(&self) -> bool {
        self.wire_safe.code_oauth
    }

    /// Whether the message template, sent as it is, is in RFC 6749's character set.
    pub(crate) const fn message_is_oauth_clean(&self) -> bool {
        self.wire_safe.message_oauth
    }

    /// Whether the docs URL is already a valid URI reference.
    pub(crate) const fn docs_url_is_uri(&self) -> bool {
        self.wire_safe.docs_uri
    }
}

/// Whether a status is retryable by default: 408, 425, 429, 500, 502, 503 and 504.
#[must_use]
pub const fn default_retryable(status: StatusCode) -> bool {
    crate::rules::default_retryable(status.as_u16())
}

/// The default JSON-RPC code of a status: 400 and 422 → −32602 (invalid params), 401 and
/// 403 → −32600 (invalid request), 404 → −32601 (method not found), 5xx → −32603 (internal
/// error), anything else → −32000 (server error).
#[must_use]
pub const fn default_jsonrpc_code(status: StatusCode) -> i32 {
    crate::rules::default_jsonrpc_code(status.as_u16())
}
