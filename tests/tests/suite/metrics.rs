//! Feature `metrics`: every error response errwire renders — an axum `IntoResponse`, a
//! framework-made error behind the layer's rendering, a gRPC `Status`, a GraphQL error —
//! increments `errwire_errors_total{code, status, domain}` once, through the `metrics`
//! facade (read back with metrics-util's debugging recorder).

use errwire::format::Nested;
use errwire::telemetry::ERRORS_TOTAL;
use errwire::{ApiError, Context};
use metrics_util::debugging::{DebugValue, DebuggingRecorder, Snapshotter};

#[derive(Debug, ApiError)]
#[api(domain = "billing")]
enum BillingError {
    /// The card was declined.
    #[api(status = 402)]
    CardDeclined,
    /// The ledger is unavailable.
    #[api(status = 503)]
    LedgerDown,
}

#[derive(Debug, ApiError)]
enum PlainError {
    /// The input is not valid.
    #[api(status = 400)]
    Invalid,
}

/// Each `errwire_errors_total` series as (code, status, domain) and its count, sorted.
fn counters(snapshotter: &Snapshotter) -> Vec<((String, String, String), u64)> {
    let mut series: Vec<_> = snapshotter
        .snapshot()
        .into_vec()
        .into_iter()
        .filter(|(key, ..)| key.key().name() == ERRORS_TOTAL)
        .map(|(key, _, _, value)| {
            let label = |name: &str| {
                key.key()
                    .labels()
                    .find(|l| l.key() == name)
                    .map(|l| l.value().to_owned())
                    .unwrap_or_else(|| panic!("no `{name}` label on {key:?}"))
            };
            let DebugValue::Counter(count) = value else {
                panic!("{ERRORS_TOTAL} is not a counter: {value:?}")
            };
            ((label("code"), label("status"), label("domain")), count)
        })
        .collect();
    series.sort();
    series
}

fn series(code: &str, status: &str, domain: &str, count: u64) -> ((String, String, String), u64) {
    ((code.into(), status.into(), domain.into()), count)
}

#[test]
fn every_rendered_error_is_counted_once_by_code_status_and_domain() {
    let recorder = DebuggingRecorder::new();
    let snapshotter = recorder.snapshotter();
    metrics::with_local_recorder(&recorder, || {
        // axum: a derived error as a response, twice; a boxed one.
        let _ = errwire::axum::into_response::<Nested>(&BillingError::CardDeclined);
        let _ = errwire::axum::into_response::<Nested>(&BillingError::CardDeclined);
        let boxed: Box<dyn ApiError + Send + Sync> = Box::new(BillingError::LedgerDown);
        let _ = axum::response::IntoResponse::into_response(boxed);
        // A framework-made error (domain `http`), and an error without a domain.
        let _ = errwire::axum::into_response::<Nested>(&errwire::FrameworkError::RouteNotFound);
        let _ = errwire::axum::into_response::<Nested>(&PlainError::Invalid);
        // gRPC and GraphQL conversions count too.
        let _ = errwire::tonic::status(&BillingError::LedgerDown, &Context::new());
        let _ = errwire::async_graphql::error(&BillingError::CardDeclined, &Context::new());
        // Rendering a body alone is not a response being sent: not counted.
        let _ = errwire::to_json::<Nested>(&BillingError::CardDeclined, &Context::new());
    });
    let not_found = ApiError::code(&errwire::FrameworkError::RouteNotFound);
    let mut expected = vec![
        series("card_declined", "402", "billing", 3),
        series("ledger_down", "503", "billing", 2),
        series(not_found, "404", "http", 1),
        series("invalid", "400", "", 1),
    ];
    expected.sort();
    assert_eq!(counters(&snapshotter), expected);
}
