//! How much a change matters: [`Severity`], the [`RULES`] with their defaults, [`Finding`]
//! (a change with its severity), and [`Rules`], the severities a workspace changes per rule
//! and per code.

use std::collections::BTreeMap;
use std::fmt;

use super::change::Change;

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
    ("report-changed", Severity::Info),
];

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
