//! What a comparison of two contracts finds: each [`Change`] with its stable rule id and a
//! [`Severity`], which [`Rules`] may raise, lower or silence per rule and per code. The
//! [`Lock`](super::Lock) and `cargo errwire check` read the same rules.

use core::fmt;
use std::collections::BTreeMap;

use super::export::{Contract, Entry};

/// How much a finding matters. Ordered: `Allow` < `Info` < `Warning` < `Breaking`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// Silenced: not reported.
    Allow,
    /// Reported for the reader.
    Info,
    /// Reported; does not fail a check.
    Warning,
    /// Fails a check: clients built against the old contract may break.
    Breaking,
}

impl Severity {
    /// `breaking`, `warning`, `info` or `allow`: how configuration and reports spell it.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Allow => "allow",
            Self::Info => "info",
            Self::Warning => "warning",
            Self::Breaking => "breaking",
        }
    }

    /// The severity spelled `text`.
    #[must_use]
    pub fn parse(text: &str) -> Option<Self> {
        [Self::Allow, Self::Info, Self::Warning, Self::Breaking]
            .into_iter()
            .find(|s| s.as_str() == text)
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Every rule: its id and its default severity. Ids are stable: configuration and CI
/// scripts name them.
pub const RULES: &[(&str, Severity)] = &[
    ("code-removed", Severity::Breaking),
    ("code-renamed", Severity::Breaking),
    ("status-changed", Severity::Breaking),
    ("retry-changed", Severity::Breaking),
    ("in-band-changed", Severity::Breaking),
    ("jsonrpc-code-changed", Severity::Breaking),
    ("grpc-code-changed", Severity::Breaking),
    ("domain-changed", Severity::Breaking),
    ("mcp-channel-changed", Severity::Breaking),
    ("header-removed", Severity::Breaking),
    ("detail-removed", Severity::Breaking),
    ("violations-removed", Severity::Breaking),
    ("retry-after-shortened", Severity::Warning),
    ("code-added", Severity::Info),
    ("reworded", Severity::Info),
    ("deprecated", Severity::Info),
];

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

/// A change with the severity the rules give it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// What changed.
    pub change: Change,
    /// How much it matters, after the rules.
    pub severity: Severity,
}

impl Finding {
    /// The rule's id.
    #[must_use]
    pub const fn rule(&self) -> &'static str {
        self.change.rule()
    }
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} [{}] {}", self.severity, self.rule(), self.change)
    }
}

/// Severities changed from the defaults, per rule and per code: what
/// `[workspace.metadata.errwire]` (or `[package.metadata.errwire]`) says —
///
/// ```toml
/// [workspace.metadata.errwire.rules]
/// code-added = "warning"          # raise
/// retry-after-shortened = "allow" # silence
///
/// [workspace.metadata.errwire.codes.legacy_timeout]
/// code-removed = "warning"        # this code may go
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Rules {
    by_rule: BTreeMap<String, Severity>,
    by_code: BTreeMap<(String, String), Severity>,
}

/// A metadata table that is not what [`Rules::from_metadata`] reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RulesError(pub String);

impl fmt::Display for RulesError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for RulesError {}

impl Rules {
    /// The defaults of [`RULES`].
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// Gives `rule` this severity for every code.
    ///
    /// # Errors
    /// An unknown rule id.
    pub fn rule(mut self, rule: &str, severity: Severity) -> Result<Self, RulesError> {
        known(rule)?;
        self.by_rule.insert(rule.to_string(), severity);
        Ok(self)
    }

    /// Gives `rule` this severity for `code` only.
    ///
    /// # Errors
    /// An unknown rule id.
    pub fn for_code(mut self, code: &str, rule: &str, severity: Severity) -> Result<Self, RulesError> {
        known(rule)?;
        self.by_code
            .insert((code.to_string(), rule.to_string()), severity);
        Ok(self)
    }

    /// The rules of an `errwire` metadata table, as `cargo metadata` gives it in JSON:
    /// `{"rules": {"<rule>": "<severity>"}, "codes": {"<code>": {"<rule>": "<severity>"}}}`.
    ///
    /// # Errors
    /// An unknown rule id, an unknown severity, or a value of the wrong type, named.
    pub fn from_metadata(table: &serde_json::Value) -> Result<Self, RulesError> {
        let mut rules = Self::new();
        let entries = |value: &serde_json::Value, at: &str| -> Result<Vec<(String, Severity)>, RulesError> {
            let Some(object) = value.as_object() else {
                return Err(RulesError(std::format!(
                    "`{at}` must be a table of rule = \"severity\""
                )));
            };
            object
                .iter()
                .map(|(rule, severity)| {
                    let text = severity.as_str().unwrap_or_default();
                    let severity = Severity::parse(text).ok_or_else(|| {
                        RulesError(std::format!(
                            "`{at}.{rule}` = {severity}: expected \"breaking\", \"warning\", \"info\" or \"allow\""
                        ))
                    })?;
                    Ok((rule.clone(), severity))
                })
                .collect()
        };
        if let Some(by_rule) = table.get("rules") {
            for (rule, severity) in entries(by_rule, "errwire.rules")? {
                rules = rules.rule(&rule, severity)?;
            }
        }
        if let Some(codes) = table.get("codes") {
            let Some(codes) = codes.as_object() else {
                return Err(RulesError(
                    "`errwire.codes` must be a table of code tables".into(),
                ));
            };
            for (code, by_rule) in codes {
                for (rule, severity) in entries(by_rule, &std::format!("errwire.codes.{code}"))? {
                    rules = rules.for_code(code, &rule, severity)?;
                }
            }
        }
        Ok(rules)
    }

    /// These rules, then `other`'s on top (a package's table over the workspace's).
    #[must_use]
    pub fn merge(mut self, other: Self) -> Self {
        self.by_rule.extend(other.by_rule);
        self.by_code.extend(other.by_code);
        self
    }

    /// The severity of `change` under these rules.
    #[must_use]
    pub fn severity(&self, change: &Change) -> Severity {
        let rule = change.rule();
        self.by_code
            .get(&(change.code().to_string(), rule.to_string()))
            .or_else(|| self.by_rule.get(rule))
            .copied()
            .unwrap_or_else(|| change.default_severity())
    }

    /// `changes` as findings, the silenced ones left out, the most severe first.
    #[must_use]
    pub fn judge(&self, changes: Vec<Change>) -> Vec<Finding> {
        let mut findings: Vec<Finding> = changes
            .into_iter()
            .map(|change| Finding {
                severity: self.severity(&change),
                change,
            })
            .filter(|f| f.severity != Severity::Allow)
            .collect();
        findings.sort_by(|a, b| {
            b.severity
                .cmp(&a.severity)
                .then_with(|| a.change.code().cmp(b.change.code()))
        });
        findings
    }
}

fn known(rule: &str) -> Result<(), RulesError> {
    if RULES.iter().any(|(id, _)| *id == rule) {
        Ok(())
    } else {
        let ids: Vec<&str> = RULES.iter().map(|(id, _)| *id).collect();
        Err(RulesError(std::format!(
            "unknown errwire rule `{rule}`: the rules are {}",
            ids.join(", ")
        )))
    }
}

fn find<'a>(contract: &'a Contract, code: &str) -> Option<&'a Entry> {
    contract.codes.iter().find(|e| e.code == code)
}

/// `entry`'s counterpart in `other`: the same code declared by the same variant; else, when
/// `entry`'s own contract declares the code once (no two types share it there, as a user's
/// `gone` and errwire's own may), the one entry of `other` with that code — a type that
/// moved keeps its codes.
fn counterpart<'a>(entry: &Entry, own: &Contract, other: &'a Contract) -> Option<&'a Entry> {
    let declared_at = entry.declared_at();
    let mut same_code = other.codes.iter().filter(|e| e.code == entry.code);
    if let Some(same) = same_code.clone().find(|e| e.declared_at() == declared_at) {
        return Some(same);
    }
    let declared_once = own.codes.iter().filter(|e| e.code == entry.code).count() == 1;
    match (same_code.next(), same_code.next()) {
        (Some(only), None) if declared_once => Some(only),
        _ => None,
    }
}

/// Every change from `locked` to `live`, in the order of [`RULES`] per code.
pub(crate) fn changes(locked: &Contract, live: &Contract) -> Vec<Change> {
    let mut changes = Vec::new();
    // A version 1 lock has no record of these: their rules wait until it is rewritten.
    let shape_known = locked.format_version >= 2;
    for old in &locked.codes {
        let Some(new) = counterpart(old, locked, live) else {
            // The same variant with a new code is a rename; otherwise the code is gone.
            let renamed = live
                .codes
                .iter()
                .find(|e| e.declared_at() == old.declared_at() && find(locked, &e.code).is_none());
            changes.push(match renamed {
                Some(new) => Change::Renamed {
                    from: old.code.clone(),
                    to: new.code.clone(),
                    declared_by: old.declared_at(),
                },
                None => Change::Removed {
                    code: old.code.clone(),
                    declared_by: old.declared_at(),
                },
            });
            continue;
        };
        compare_entry(old, new, shape_known, &mut changes);
    }
    for new in &live.codes {
        let renamed_to = changes
            .iter()
            .any(|c| matches!(c, Change::Renamed { to, .. } if *to == new.code));
        if counterpart(new, live, locked).is_none() && !renamed_to {
            changes.push(Change::Added {
                code: new.code.clone(),
                declared_by: new.declared_at(),
            });
        }
    }
    changes
}

fn compare_entry(old: &Entry, new: &Entry, shape_known: bool, changes: &mut Vec<Change>) {
    let code = || old.code.clone();
    if old.status != new.status {
        changes.push(Change::Status {
            code: code(),
            from: old.status,
            to: new.status,
        });
    }
    if old.retryable != new.retryable {
        changes.push(Change::Retry {
            code: code(),
            from: old.retryable,
            to: new.retryable,
        });
    }
    if old.in_band != new.in_band {
        changes.push(Change::InBand {
            code: code(),
            from: old.in_band,
            to: new.in_band,
        });
    }
    if old.jsonrpc_code != new.jsonrpc_code {
        changes.push(Change::JsonRpc {
            code: code(),
            from: old.jsonrpc_code,
            to: new.jsonrpc_code,
        });
    }
    if let (Some(from), Some(to)) = (&old.grpc_code, &new.grpc_code)
        && from != to
    {
        changes.push(Change::Grpc {
            code: code(),
            from: from.clone(),
            to: to.clone(),
        });
    }
    if old.domain != new.domain {
        changes.push(Change::Domain {
            code: code(),
            from: old.domain.clone(),
            to: new.domain.clone(),
        });
    }
    if old.mcp_protocol != new.mcp_protocol {
        changes.push(Change::McpChannel {
            code: code(),
            from_protocol: old.mcp_protocol,
        });
    }
    if shape_known {
        for header in old.headers.iter().filter(|h| !new.headers.contains(h)) {
            changes.push(Change::HeaderRemoved {
                code: code(),
                header: header.clone(),
            });
        }
        for detail in old.details.iter().filter(|d| !new.details.contains(d)) {
            changes.push(Change::DetailRemoved {
                code: code(),
                detail: detail.clone(),
            });
        }
        if old.violations && !new.violations {
            changes.push(Change::ViolationsRemoved { code: code() });
        }
    }
    if let Some(from) = old.retry_after {
        let to = new.retry_after.unwrap_or(0);
        if to < from {
            changes.push(Change::RetryAfterShortened {
                code: code(),
                from,
                to,
            });
        }
    }
    let wording = |e: &Entry| {
        (
            e.message.clone(),
            e.description.clone(),
            e.help.clone(),
            e.docs_url.clone(),
            e.locales.clone(),
        )
    };
    if wording(old) != wording(new) {
        changes.push(Change::Reworded { code: code() });
    }
    if !old.deprecated && new.deprecated {
        changes.push(Change::Deprecated { code: code() });
    }
}

/// The changes between two contracts in their JSON form ([`contract_json`](super::contract_json)
/// output or a lock file), judged by `rules`: what `cargo errwire check` reports.
///
/// # Errors
/// Either text is not an errwire contract.
pub fn compare(locked: &str, live: &str, rules: &Rules) -> Result<Vec<Finding>, serde_json::Error> {
    let locked: Contract = serde_json::from_str(locked)?;
    let live: Contract = serde_json::from_str(live)?;
    Ok(rules.judge(changes(&locked, &live)))
}
