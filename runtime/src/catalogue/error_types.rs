//! The catalogue as OpenTelemetry's "documented list of errors": every value a service
//! reports as `error.type`, with the span status it gets.

use core::fmt::Write as _;

use crate::spec::ErrorSpec;

/// The documented list of errors OpenTelemetry's semantic conventions ask instrumentations
/// for: a Markdown section naming every `error.type` value the service reports (the span
/// attribute, and the label of `http.server.request.duration`), one row per code, sorted by
/// code, with the HTTP status and the span status it ends with (`Error` for an error
/// reported as a failure — a 5xx unless `#[api(report = …)]` says otherwise — else unset). `cargo errwire export --format otel` writes it for a whole workspace.
///
/// ```
/// #[derive(errwire::ApiError)]
/// #[api(domain = "billing")]
/// enum BillingError {
///     /// The ledger is unavailable.
///     #[api(status = 503)]
///     LedgerDown,
///     /// The card was declined.
///     #[api(status = 402)]
///     CardDeclined,
/// }
///
/// let section = errwire::catalogue::error_types(BillingError::CATALOGUE);
/// assert!(section.ends_with("\
/// | `error.type` | HTTP status | span status | domain | description |
/// |---|---|---|---|---|
/// | `card_declined` | 402 | Unset | billing | The card was declined. |
/// | `ledger_down` | 503 | Error | billing | The ledger is unavailable. |
/// "));
/// ```
#[must_use]
pub fn error_types(specs: &[ErrorSpec]) -> String {
    let mut rows: Vec<&ErrorSpec> = specs.iter().collect();
    rows.sort_by_key(|spec| spec.code());
    let mut out = String::from(
        "## Error types\n\n\
         The values this service reports as OpenTelemetry's `error.type`: on the request span, \
         and as the label of `http.server.request.duration`. A server span ends with status \
         `Error` for an error reported as a failure; for any other error it is left unset.\n\n\
         | `error.type` | HTTP status | span status | domain | description |\n\
         |---|---|---|---|---|\n",
    );
    for spec in rows {
        let span_status = if spec.report().otel_status_code().is_some() {
            "Error"
        } else {
            "Unset"
        };
        let description = spec
            .description()
            .unwrap_or("")
            .replace('\n', " ")
            .replace('|', "\\|");
        // Writing into a `String` cannot fail.
        let _ = writeln!(
            out,
            "| `{}` | {} | {span_status} | {} | {description} |",
            spec.code(),
            spec.status().as_u16(),
            spec.domain().unwrap_or("—"),
        );
    }
    out
}
