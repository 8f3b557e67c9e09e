//! The catalogue exported: the JSON contract and Markdown reference tables.

use serde::{Deserialize, Serialize};

use super::unique::declared_at;
use crate::spec::{ErrorSpec, McpChannel, ReportClass};
use crate::wire;

/// The version of the JSON contract's shape; bumped when members are added or change meaning.
/// Version 2 added `grpc_code`, `headers`, `details` and `violations`; a lock file of
/// version 1 is still read, and the rules over those members wait until it is rewritten.
pub const FORMAT_VERSION: u32 = 2;

/// The contract file: `{"format_version":1,"codes":[…]}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct Contract {
    pub(crate) format_version: u32,
    pub(crate) codes: Vec<Entry>,
}

/// One code in the contract. Absent facts are omitted.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[allow(clippy::struct_excessive_bools)] // one flag per fact of the contract
pub(crate) struct Entry {
    pub(crate) code: String,
    pub(crate) status: u16,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) domain: Option<String>,
    pub(crate) retryable: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) retry_after: Option<u64>,
    pub(crate) message: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) description: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) help: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) docs_url: Option<String>,
    pub(crate) jsonrpc_code: i32,
    #[serde(default, skip_serializing_if = "is_false")]
    pub(crate) mcp_protocol: bool,
    #[serde(default, skip_serializing_if = "is_false")]
    pub(crate) in_band: bool,
    /// The gRPC code's name (`NOT_FOUND`); absent in a version 1 contract.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) grpc_code: Option<String>,
    /// The headers its responses carry, lower-cased and sorted.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) headers: Vec<String>,
    /// The names of its details, sorted.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) details: Vec<String>,
    /// Whether its errors carry field violations.
    #[serde(default, skip_serializing_if = "is_false")]
    pub(crate) violations: bool,
    /// How it is reported (`"error"` or `"expected"`), written only where it is not its
    /// status's default — so a contract written before `report` existed reads the same.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) report: Option<String>,
    #[serde(rename = "type")]
    pub(crate) type_name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) variant: Option<String>,
    #[serde(default, skip_serializing_if = "is_false")]
    pub(crate) deprecated: bool,
    /// The locales whose translations cover the code (feature `i18n`, when given).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) locales: Vec<String>,
}

fn sorted(names: impl Iterator<Item = String>) -> Vec<String> {
    let mut names: Vec<String> = names.collect();
    names.sort_unstable();
    names.dedup();
    names
}

#[allow(clippy::trivially_copy_pass_by_ref)] // serde's skip_serializing_if passes a reference
fn is_false(value: &bool) -> bool {
    !*value
}

impl Entry {
    pub(crate) fn new(spec: &ErrorSpec) -> Self {
        Self {
            code: spec.code().to_string(),
            status: spec.status().as_u16(),
            domain: spec.domain().map(String::from),
            retryable: spec.retryable(),
            retry_after: spec.retry_after().map(wire::retry_after_seconds),
            message: spec.message().to_string(),
            description: spec.description().map(String::from),
            help: spec.help().map(String::from),
            docs_url: spec.docs_url().map(String::from),
            jsonrpc_code: spec.jsonrpc_code(),
            mcp_protocol: spec.mcp_channel() == McpChannel::Protocol,
            in_band: spec.in_band(),
            grpc_code: Some(spec.grpc_code().name().to_string()),
            headers: sorted(spec.header_names().map(str::to_ascii_lowercase)),
            details: sorted(spec.detail_names().iter().map(|name| (*name).to_string())),
            violations: spec.carries_violations(),
            report: (spec.report() != ReportClass::default_for(spec.status()))
                .then(|| spec.report().as_str().to_string()),
            type_name: spec.type_name().to_string(),
            variant: spec.variant().map(String::from),
            deprecated: spec.deprecated(),
            locales: Vec::new(),
        }
    }

    /// How the code is reported, its status's default when the contract does not say.
    pub(crate) fn report(&self) -> &str {
        self.report
            .as_deref()
            .unwrap_or(if crate::rules::default_reported_as_error(self.status) {
                ReportClass::Error.as_str()
            } else {
                ReportClass::Expected.as_str()
            })
    }

    /// `path::Type::Variant`.
    pub(crate) fn declared_at(&self) -> String {
        match &self.variant {
            Some(variant) => std::format!("{}::{variant}", self.type_name),
            None => self.type_name.clone(),
        }
    }
}

impl Contract {
    pub(crate) fn new(specs: &[ErrorSpec]) -> Self {
        let mut codes: Vec<Entry> = specs.iter().map(Entry::new).collect();
        codes.sort_by(|a, b| (&a.code, a.declared_at()).cmp(&(&b.code, b.declared_at())));
        codes.dedup();
        Self {
            format_version: FORMAT_VERSION,
            codes,
        }
    }

    /// Lists, for every code, the locales of `translations` that translate its message.
    #[cfg(feature = "i18n")]
    pub(crate) fn with_locales(mut self, translations: &crate::i18n::Translations) -> Self {
        for entry in &mut self.codes {
            entry.locales = translations.locales_for(&entry.code).map(String::from).collect();
        }
        self
    }

    pub(crate) fn to_pretty_json(&self) -> String {
        let mut text = serde_json::to_string_pretty(self).unwrap_or_default();
        text.push('\n');
        text
    }
}

/// The JSON contract of `specs` (like a `contracts/error-codes.json` a service publishes
/// for its clients): sorted by code,
/// pretty-printed, ending in a newline, identical for identical input.
///
/// Per code: `code`, `status`, `domain`, `retryable`, `retry_after` (seconds), `message` (the
/// template), `description` (the doc comment), `help`, `docs_url`, `jsonrpc_code`,
/// `mcp_protocol`, `in_band`, `grpc_code`, `headers`, `details`, `violations`, `report` (only
/// where it is not the status's default), `type` and `variant` (where it is declared) and
/// `deprecated`; absent facts are omitted.
#[must_use]
pub fn contract_json(specs: &[ErrorSpec]) -> String {
    Contract::new(specs).to_pretty_json()
}

/// A column of a reference table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    /// The code (header `Code`).
    Code,
    /// The status number (`Status`).
    Status,
    /// The status with its reason phrase, `400 Bad Request` (`Status`).
    StatusLine,
    /// The domain, `—` when none (`Domain`).
    Domain,
    /// `Yes` or `No` (`Retry?`).
    Retry,
    /// The message template (`Default message`).
    Message,
    /// The doc comment (`Description`).
    Description,
    /// The recovery advice (`Help`).
    Help,
    /// The JSON-RPC code (`JSON-RPC`).
    JsonRpc,
    /// The docs URL (`Docs`).
    Docs,
    /// Where it is declared (`Declared by`).
    Declared,
}

impl Column {
    /// The default header.
    #[must_use]
    pub const fn header(self) -> &'static str {
        match self {
            Self::Code => "Code",
            Self::Status | Self::StatusLine => "Status",
            Self::Domain => "Domain",
            Self::Retry => "Retry?",
            Self::Message => "Default message",
            Self::Description => "Description",
            Self::Help => "Help",
            Self::JsonRpc => "JSON-RPC",
            Self::Docs => "Docs",
            Self::Declared => "Declared by",
        }
    }

    fn cell(self, spec: &ErrorSpec) -> String {
        let text = match self {
            Self::Code => spec.code().to_string(),
            // As JSON-RPC gateways document an in-band error: a 200 carrying the error.
            Self::Status if spec.in_band() => String::from("200 + error object"),
            Self::Status => spec.status().as_u16().to_string(),
            Self::StatusLine => {
                let status = spec.status();
                std::format!("{} {}", status.as_u16(), status.canonical_reason().unwrap_or(""))
                    .trim_end()
                    .to_string()
            }
            Self::Domain => spec.domain().unwrap_or("—").to_string(),
            Self::Retry => if spec.retryable() { "Yes" } else { "No" }.to_string(),
            Self::Message => spec.message().to_string(),
            Self::Description => spec.description().unwrap_or("").to_string(),
            Self::Help => spec.help().unwrap_or("").to_string(),
            Self::JsonRpc => spec.jsonrpc_code().to_string(),
            Self::Docs => spec.docs_url().unwrap_or("").to_string(),
            Self::Declared => declared_at(spec),
        };
        // A cell is one line, and `|` would end it.
        text.replace('\n', " ").replace('|', "\\|")
    }
}

/// The order of a table's rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Order {
    /// As given (for a type's `CATALOGUE`: declaration order).
    #[default]
    AsGiven,
    /// By code.
    Code,
    /// By status, then code (a service's reference table).
    StatusThenCode,
}

/// A Markdown reference table with the columns you choose.
///
/// ```
/// use errwire::catalogue::{Column, Order, Table};
///
/// #[derive(errwire::ApiError)]
/// #[api(domain = "auth", status = 401, rename_all = "SCREAMING_SNAKE_CASE")]
/// enum AuthError {
///     /// Session expired.
///     AuthSessionExpired,
///     /// Authentication required.
///     AuthRequired,
/// }
///
/// let table = Table::new([Column::Code, Column::Status, Column::Domain, Column::Retry, Column::Message])
///     .order(Order::StatusThenCode)
///     .render(AuthError::CATALOGUE);
/// assert_eq!(table, "\
/// | Code | Status | Domain | Retry? | Default message |
/// |---|---|---|---|---|
/// | AUTH_REQUIRED | 401 | auth | No | Authentication required. |
/// | AUTH_SESSION_EXPIRED | 401 | auth | No | Session expired. |
/// ");
/// ```
#[derive(Debug, Clone)]
pub struct Table {
    columns: Vec<(Column, String)>,
    order: Order,
}

impl Table {
    /// A table of these columns, with their default headers, rows as given.
    #[must_use]
    pub fn new(columns: impl IntoIterator<Item = Column>) -> Self {
        Self {
            columns: columns.into_iter().map(|c| (c, c.header().to_string())).collect(),
            order: Order::AsGiven,
        }
    }

    /// Renames a column's header (a reference may call `Help` "Recovery").
    #[must_use]
    pub fn header(mut self, column: Column, header: impl Into<String>) -> Self {
        let header = header.into();
        for (c, h) in &mut self.columns {
            if *c == column {
                h.clone_from(&header);
            }
        }
        self
    }

    /// Sets the row order.
    #[must_use]
    pub const fn order(mut self, order: Order) -> Self {
        self.order = order;
        self
    }

    /// The table, one line per row, ending in a newline.
    #[must_use]
    pub fn render(&self, specs: &[ErrorSpec]) -> String {
        let mut rows: Vec<&ErrorSpec> = specs.iter().collect();
        match self.order {
            Order::AsGiven => {}
            Order::Code => rows.sort_by_key(|s| s.code()),
            Order::StatusThenCode => rows.sort_by_key(|s| (s.status().as_u16(), s.code())),
        }
        let mut out = String::new();
        let line = |cells: Vec<String>| std::format!("| {} |\n", cells.join(" | "));
        out.push_str(&line(self.columns.iter().map(|(_, h)| h.clone()).collect()));
        out.push_str(&line(self.columns.iter().map(|_| "---".to_string()).collect()).replace(' ', ""));
        for spec in rows {
            out.push_str(&line(self.columns.iter().map(|(c, _)| c.cell(spec)).collect()));
        }
        out
    }
}

/// [`contract_json`] with, for every code, the locales whose translations cover it
/// (`"locales": ["de", "fr"]`; feature `i18n`).
#[cfg(feature = "i18n")]
#[must_use]
pub fn contract_json_with_locales(specs: &[ErrorSpec], translations: &crate::i18n::Translations) -> String {
    Contract::new(specs).with_locales(translations).to_pretty_json()
}

/// The JSON contract of `specs`.
#[deprecated(
    since = "0.2.0",
    note = "renamed `contract_json`: `errwire::to_json` renders an error body"
)]
#[must_use]
pub fn to_json(specs: &[ErrorSpec]) -> String {
    contract_json(specs)
}
