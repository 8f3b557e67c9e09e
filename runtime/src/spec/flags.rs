//! The bits of the derive's `flags` argument to `ErrorSpec::__derived`: the yes/no facts of
//! one code in one integer, so a variant's spec is one short call. Compiled into both crates
//! (`macros/src/spec_flags.rs` is this file), so the derive and the runtime read one table.

/// The message's source: the two lowest bits (0 attribute, 1 doc comment, 2 reason phrase).
pub(crate) const SOURCE_MASK: u16 = 0b11;
/// A doc-comment message.
pub(crate) const SOURCE_DOC_COMMENT: u16 = 1;
/// A reason-phrase message.
pub(crate) const SOURCE_REASON_PHRASE: u16 = 2;
/// The code may be retried.
pub(crate) const RETRYABLE: u16 = 1 << 2;
/// An MCP protocol error (else a tool error).
pub(crate) const MCP_PROTOCOL: u16 = 1 << 3;
/// `#[deprecated]`.
pub(crate) const DEPRECATED: u16 = 1 << 4;
/// Sent in band (JSON-RPC's result, not its error).
pub(crate) const IN_BAND: u16 = 1 << 5;
/// The variant carries field violations.
pub(crate) const VIOLATIONS: u16 = 1 << 6;
/// The code is clean RFC 6749 text.
pub(crate) const CODE_OAUTH: u16 = 1 << 7;
/// The message template is clean RFC 6749 text.
pub(crate) const MESSAGE_OAUTH: u16 = 1 << 8;
/// The docs URL is a valid URI reference.
pub(crate) const DOCS_URI: u16 = 1 << 9;
/// The template needs no formatting.
pub(crate) const MESSAGE_STATIC: u16 = 1 << 10;
/// Reported as a failure (`report = "error"`, or a 5xx without `report`).
pub(crate) const REPORT_ERROR: u16 = 1 << 11;
