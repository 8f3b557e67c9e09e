//! `#[api(report = "error" | "expected")]`: how an error is reported to the people who run
//! the service — span status, log level, the contract and the list of error types. By
//! default a 5xx is a failure and everything else is expected.

use errwire::catalogue::{contract_json, error_types};
use errwire::{ApiError, ErrorType, ReportClass};

/// A sync service: a conflict here means two writers raced, a bug worth an alert.
#[derive(Debug, ApiError)]
#[api(report = "error")]
enum SyncError {
    /// Two writers raced.
    #[api(status = 409)]
    Conflict,
    /// The document is gone: routine.
    #[api(status = 404, report = "expected")]
    Missing,
}

#[derive(Debug, ApiError)]
enum ServingError {
    /// The backend is down.
    #[api(status = 503)]
    Down,
    /// Not found.
    #[api(status = 404)]
    Gone,
    /// The instance is draining for a deploy: routine, clients retry elsewhere.
    #[api(status = 503, report = "expected")]
    Draining,
}

#[test]
fn the_class_comes_from_the_variant_then_the_enum_then_the_status() {
    let class = |error: &dyn ApiError| error.spec().report();
    assert_eq!(class(&SyncError::Conflict), ReportClass::Error, "the enum's");
    assert_eq!(
        class(&SyncError::Missing),
        ReportClass::Expected,
        "the variant's over the enum's"
    );
    assert_eq!(class(&ServingError::Down), ReportClass::Error, "a 5xx by default");
    assert_eq!(
        class(&ServingError::Gone),
        ReportClass::Expected,
        "a 4xx by default"
    );
    assert_eq!(
        class(&ServingError::Draining),
        ReportClass::Expected,
        "the variant's over the status"
    );
}

#[test]
fn the_span_status_follows_the_class_not_the_status() {
    let status = |error: &dyn ApiError| ErrorType::of(error).otel_status_code();
    assert_eq!(status(&SyncError::Conflict), Some("ERROR"));
    assert_eq!(status(&ServingError::Draining), None);
    assert_eq!(status(&ServingError::Down), Some("ERROR"));
    assert_eq!(status(&ServingError::Gone), None);
}

#[test]
fn the_contract_says_the_class_only_where_it_is_not_the_default() {
    let contract: serde_json::Value = serde_json::from_str(&contract_json(
        &[SyncError::CATALOGUE, ServingError::CATALOGUE].concat(),
    ))
    .unwrap();
    let report = |code: &str| {
        contract["codes"]
            .as_array()
            .unwrap()
            .iter()
            .find(|entry| entry["code"] == code)
            .unwrap_or_else(|| panic!("{code} not in the contract"))
            .get("report")
            .cloned()
    };
    assert_eq!(report("conflict"), Some("error".into()));
    assert_eq!(report("draining"), Some("expected".into()));
    for default in ["missing", "down", "gone"] {
        assert_eq!(report(default), None, "{default}");
    }
}

#[test]
fn the_list_of_error_types_gives_each_class_its_span_status() {
    let list = error_types(&[SyncError::CATALOGUE, ServingError::CATALOGUE].concat());
    for row in [
        "| `conflict` | 409 | Error | — | Two writers raced. |",
        "| `draining` | 503 | Unset | — | The instance is draining for a deploy: routine, clients retry elsewhere. |",
        "| `down` | 503 | Error | — | The backend is down. |",
        "| `gone` | 404 | Unset | — | Not found. |",
    ] {
        assert!(list.contains(row), "{row} not in:\n{list}");
    }
}
