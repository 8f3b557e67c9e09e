//! `thiserror::Error` and `ApiError` on the same type: one for logs, one for the wire.

use std::error::Error as _;

use errwire::ApiError;

#[derive(Debug, thiserror::Error)]
#[error("connection refused to {host}")]
pub struct ConnectError {
    host: String,
}

#[derive(Debug, thiserror::Error, ApiError)]
#[api(domain = "upstream", rename_all = "SCREAMING_SNAKE_CASE")]
pub enum UpstreamError {
    /// Billing service request failed.
    #[error("billing call failed")]
    #[api(status = 502)]
    UpstreamBillingError(#[from] ConnectError),
    #[error("timed out after {0:?}")]
    #[api(status = 504, message = "Upstream request timed out.")]
    UpstreamTimeout(std::time::Duration),
    #[error(transparent)]
    #[api(status = 500, code = "INTERNAL_ERROR", message = "Internal server error.")]
    Other(#[from] std::io::Error),
}

#[test]
fn both_derives_live_side_by_side() {
    let error: UpstreamError = ConnectError {
        host: "10.0.0.7:443".into(),
    }
    .into();
    assert_eq!(error.to_string(), "billing call failed");
    assert_eq!(
        error.source().unwrap().to_string(),
        "connection refused to 10.0.0.7:443"
    );
    assert_eq!(error.code(), "UPSTREAM_BILLING_ERROR");
    assert_eq!(error.message(), "Billing service request failed.");
    assert!(!error.message().contains("10.0.0.7"));

    let timeout = UpstreamError::UpstreamTimeout(std::time::Duration::from_secs(30));
    assert_eq!(timeout.to_string(), "timed out after 30s");
    assert_eq!(timeout.message(), "Upstream request timed out.");

    let io: UpstreamError = std::io::Error::other("disk /var/secret full").into();
    assert_eq!(io.message(), "Internal server error.");
    assert_eq!(io.code(), "INTERNAL_ERROR");
    assert!(io.to_string().contains("/var/secret"));
}

#[test]
fn a_question_mark_converts_into_the_api_error() {
    fn call() -> Result<(), UpstreamError> {
        Err(ConnectError { host: "h".into() })?;
        Ok(())
    }
    assert_eq!(call().unwrap_err().status().as_u16(), 502);
}
