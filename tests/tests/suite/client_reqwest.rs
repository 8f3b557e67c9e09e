//! The reqwest extension and the retry loop against the axum example (`examples/axum-service`)
//! served on 127.0.0.1: real responses, real headers, real waiting.

use std::time::{Duration, Instant};

use errwire::client::RemoteFormat;
use errwire::client::reqwest::{CallError, ResponseExt as _, Retry};

/// The axum example on a free port, for as long as the test runs.
async fn serve() -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, axum_service::app()).await.unwrap() });
    format!("http://{address}")
}

#[tokio::test]
async fn a_success_passes_and_an_error_decodes() {
    let base = serve().await;
    let client = reqwest::Client::new();
    let ok = client
        .get(format!("{base}/accounts/1"))
        .send()
        .await
        .unwrap()
        .error_for_api()
        .await
        .unwrap();
    assert_eq!(ok.text().await.unwrap(), "account 1\n");

    let remote = client
        .get(format!("{base}/accounts/42"))
        .header("x-request-id", "req-client-1")
        .send()
        .await
        .unwrap()
        .error_for_api()
        .await
        .unwrap_err();
    assert_eq!(remote.format(), RemoteFormat::Problem);
    assert_eq!(remote.code(), Some("account_not_found"));
    assert_eq!(remote.status(), 404);
    assert_eq!(remote.message(), Some("Account not found."));
    assert_eq!(remote.request_id(), Some("req-client-1"));
    assert_eq!(
        remote.docs_url(),
        Some("https://docs.example.com/errors#account_not_found")
    );
    assert_eq!(remote.instance(), Some("/accounts/42"));
    assert!(!remote.retryable());
    assert_eq!(
        remote
            .spec_in::<axum_service::AccountsError>()
            .map(errwire::ErrorSpec::status),
        Some(errwire::http::StatusCode::NOT_FOUND)
    );

    let limited = client
        .get(format!("{base}/accounts/7"))
        .send()
        .await
        .unwrap()
        .error_for_api()
        .await
        .unwrap_err();
    assert_eq!(limited.code(), Some("rate_limited"));
    assert!(limited.retryable());
    assert_eq!(limited.retry_after(), Some(Duration::from_secs(30)));

    // axum's own rejection, in the same envelope: decoded the same way.
    let bad_json = client
        .post(format!("{base}/accounts"))
        .header("content-type", "application/json")
        .body("{")
        .send()
        .await
        .unwrap()
        .api_error()
        .await
        .unwrap();
    assert_eq!(bad_json.status(), 400);
    assert!(bad_json.code().is_some());
}

#[tokio::test]
async fn the_retry_loop_waits_what_the_server_says() {
    let base = serve().await;
    let client = reqwest::Client::new();
    let url = format!("{base}/warming-up");
    let started = Instant::now();
    let response = Retry::new(3, Duration::from_secs(5))
        .send(|| client.get(&url).send())
        .await
        .unwrap();
    let waited = started.elapsed();
    assert_eq!(response.text().await.unwrap(), "ready\n");
    // Two 503s with `Retry-After: 1`: two waits of one second, not the 100 ms backoff.
    assert!(waited >= Duration::from_secs(2), "{waited:?}");
    assert!(waited < Duration::from_secs(4), "{waited:?}");
}

#[tokio::test]
async fn the_retry_loop_stops_at_its_bounds() {
    let base = serve().await;
    let client = reqwest::Client::new();

    // Two attempts allowed, the service needs three: the last error comes back.
    let url = format!("{base}/warming-up");
    let error = Retry::new(2, Duration::from_secs(5))
        .send(|| client.get(&url).send())
        .await
        .unwrap_err();
    assert_eq!(error.api().and_then(|r| r.code()), Some("warming_up"));

    // The server asks for 30 s, more than the 5 s allowed: no waiting at all.
    let started = Instant::now();
    let url = format!("{base}/accounts/7");
    let error = Retry::new(5, Duration::from_secs(5))
        .send(|| client.get(&url).send())
        .await
        .unwrap_err();
    assert!(started.elapsed() < Duration::from_secs(1));
    assert_eq!(
        error.api().and_then(|r| r.retry_after()),
        Some(Duration::from_secs(30))
    );

    // Not retryable: one attempt.
    let url = format!("{base}/accounts/42");
    let error = Retry::new(5, Duration::from_secs(5))
        .send(|| client.get(&url).send())
        .await
        .unwrap_err();
    assert!(matches!(&error, CallError::Api(r) if r.code() == Some("account_not_found")));
    assert!(
        error
            .to_string()
            .starts_with("the API answered 404 account_not_found"),
        "{error}"
    );

    // Nobody listening: a transport error, not retried.
    let closed = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap()
    };
    let url = format!("http://{closed}/x");
    let error = Retry::new(3, Duration::from_secs(5))
        .send(|| client.get(&url).send())
        .await
        .unwrap_err();
    assert!(matches!(error, CallError::Transport(_)));
}
