//! [`Change`]: one difference between a locked contract and the live one, with its rule's
//! stable id.

use std::fmt;

use super::severity::{RULES, Severity};

/// One difference between the locked contract and the live one.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Change {
    /// A code is gone (`code-removed`).
    Removed {
        /// The code.
        code: String,
        /// Where it was declared.
        declared_by: String,
    },
    /// The variant that declared a code now declares another (`code-renamed`).
    Renamed {
        /// The code in the lock.
        from: String,
        /// The code now.
        to: String,
        /// The variant.
        declared_by: String,
    },
    /// A code's status changed (`status-changed`).
    Status {
        /// The code.
        code: String,
        /// In the lock.
        from: u16,
        /// Now.
        to: u16,
    },
    /// A code's retry class changed (`retry-changed`).
    Retry {
        /// The code.
        code: String,
        /// In the lock.
        from: bool,
        /// Now.
        to: bool,
    },
    /// A code moved in or out of band (`in-band-changed`): its JSON-RPC responses now answer
    /// another HTTP status.
    InBand {
        /// The code.
        code: String,
        /// In the lock.
        from: bool,
        /// Now.
        to: bool,
    },
    /// A code's JSON-RPC code changed (`jsonrpc-code-changed`).
    JsonRpc {
        /// The code.
        code: String,
        /// In the lock.
        from: i32,
        /// Now.
        to: i32,
    },
    /// A code's gRPC code changed (`grpc-code-changed`).
    Grpc {
        /// The code.
        code: String,
        /// In the lock.
        from: String,
        /// Now.
        to: String,
    },
    /// A code's domain changed (`domain-changed`): AIP-193's `reason` is unique only
    /// within its domain, so a client keys on both.
    Domain {
        /// The code.
        code: String,
        /// In the lock.
        from: Option<String>,
        /// Now.
        to: Option<String>,
    },
    /// A code moved between MCP's tool result and protocol error (`mcp-channel-changed`).
    McpChannel {
        /// The code.
        code: String,
        /// Whether it was a protocol error.
        from_protocol: bool,
    },
    /// How the code is reported changed, `error` or `expected` (`report-changed`): what
    /// alerts and error trackers see, not what clients see.
    Report {
        /// The code.
        code: String,
        /// In the lock.
        from: String,
        /// Now.
        to: String,
    },
    /// A header its responses carried is gone (`header-removed`).
    HeaderRemoved {
        /// The code.
        code: String,
        /// The header.
        header: String,
    },
    /// A detail its bodies carried is gone or renamed (`detail-removed`): once present,
    /// metadata keys must stay (AIP-193).
    DetailRemoved {
        /// The code.
        code: String,
        /// The detail.
        detail: String,
    },
    /// Its errors no longer carry field violations (`violations-removed`).
    ViolationsRemoved {
        /// The code.
        code: String,
    },
    /// Its retry delay got shorter (`retry-after-shortened`).
    RetryAfterShortened {
        /// The code.
        code: String,
        /// In the lock, seconds.
        from: u64,
        /// Now, seconds (0: no delay any more).
        to: u64,
    },
    /// A new code (`code-added`).
    Added {
        /// The code.
        code: String,
        /// Where it is declared.
        declared_by: String,
    },
    /// Its message, description, help, docs URL or translations changed (`reworded`).
    Reworded {
        /// The code.
        code: String,
    },
    /// It became deprecated (`deprecated`).
    Deprecated {
        /// The code.
        code: String,
    },
}

impl Change {
    /// The rule's stable id (`code-removed`, …; see [`RULES`]).
    #[must_use]
    pub const fn rule(&self) -> &'static str {
        match self {
            Self::Removed { .. } => "code-removed",
            Self::Renamed { .. } => "code-renamed",
            Self::Status { .. } => "status-changed",
            Self::Retry { .. } => "retry-changed",
            Self::InBand { .. } => "in-band-changed",
            Self::JsonRpc { .. } => "jsonrpc-code-changed",
            Self::Grpc { .. } => "grpc-code-changed",
            Self::Domain { .. } => "domain-changed",
            Self::McpChannel { .. } => "mcp-channel-changed",
            Self::Report { .. } => "report-changed",
            Self::HeaderRemoved { .. } => "header-removed",
            Self::DetailRemoved { .. } => "detail-removed",
            Self::ViolationsRemoved { .. } => "violations-removed",
            Self::RetryAfterShortened { .. } => "retry-after-shortened",
            Self::Added { .. } => "code-added",
            Self::Reworded { .. } => "reworded",
            Self::Deprecated { .. } => "deprecated",
        }
    }

    /// The rule's default severity.
    #[must_use]
    pub fn default_severity(&self) -> Severity {
        let rule = self.rule();
        RULES
            .iter()
            .find(|(id, _)| *id == rule)
            .map_or(Severity::Breaking, |(_, severity)| *severity)
    }

    /// The code it is about (the old code, for a rename).
    #[must_use]
    pub fn code(&self) -> &str {
        match self {
            Self::Renamed { from, .. } => from,
            Self::Removed { code, .. }
            | Self::Status { code, .. }
            | Self::Retry { code, .. }
            | Self::InBand { code, .. }
            | Self::JsonRpc { code, .. }
            | Self::Grpc { code, .. }
            | Self::Domain { code, .. }
            | Self::McpChannel { code, .. }
            | Self::Report { code, .. }
            | Self::HeaderRemoved { code, .. }
            | Self::DetailRemoved { code, .. }
            | Self::ViolationsRemoved { code }
            | Self::RetryAfterShortened { code, .. }
            | Self::Added { code, .. }
            | Self::Reworded { code }
            | Self::Deprecated { code } => code,
        }
    }
}

impl fmt::Display for Change {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let yes_no = |retry: bool| if retry { "retryable" } else { "not retryable" };
        let band = |in_band: bool| {
            if in_band {
                "in band (HTTP 200)"
            } else {
                "its own status"
            }
        };
        let channel = |protocol: bool| if protocol { "protocol error" } else { "tool result" };
        let or_none = |domain: &Option<String>| domain.clone().unwrap_or_else(|| "(none)".into());
        match self {
            Self::Removed { code, declared_by } => write!(f, "- `{code}` removed (was {declared_by})"),
            Self::Renamed {
                from,
                to,
                declared_by,
            } => write!(f, "~ `{from}` renamed to `{to}` ({declared_by})"),
            Self::Status { code, from, to } => write!(f, "~ `{code}` status {from} -> {to}"),
            Self::Retry { code, from, to } => {
                write!(f, "~ `{code}` retry class {} -> {}", yes_no(*from), yes_no(*to))
            }
            Self::InBand { code, from, to } => write!(
                f,
                "~ `{code}` JSON-RPC transport {} -> {}",
                band(*from),
                band(*to)
            ),
            Self::JsonRpc { code, from, to } => write!(f, "~ `{code}` JSON-RPC code {from} -> {to}"),
            Self::Grpc { code, from, to } => write!(f, "~ `{code}` gRPC code {from} -> {to}"),
            Self::Domain { code, from, to } => {
                write!(f, "~ `{code}` domain {} -> {}", or_none(from), or_none(to))
            }
            Self::McpChannel { code, from_protocol } => write!(
                f,
                "~ `{code}` MCP channel {} -> {}",
                channel(*from_protocol),
                channel(!*from_protocol)
            ),
            Self::Report { code, from, to } => write!(f, "~ `{code}` reported as {from} -> {to}"),
            Self::HeaderRemoved { code, header } => write!(f, "- `{code}` no longer sends `{header}`"),
            Self::DetailRemoved { code, detail } => write!(f, "- `{code}` lost the detail `{detail}`"),
            Self::ViolationsRemoved { code } => write!(f, "- `{code}` no longer carries field violations"),
            Self::RetryAfterShortened { code, from, to } => {
                write!(f, "~ `{code}` retry delay {from} s -> {to} s")
            }
            Self::Added { code, declared_by } => write!(f, "+ `{code}` added ({declared_by})"),
            Self::Reworded { code } => write!(f, "~ `{code}` reworded"),
            Self::Deprecated { code } => write!(f, "~ `{code}` deprecated"),
        }
    }
}
