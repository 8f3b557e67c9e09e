//! An axum service: handlers return `Result<_, AccountsError>` and `?` just works; axum's own
//! errors (unknown route, wrong method, bad JSON, timeouts, panics) come out in the same
//! Problem envelope, with the request id the logs have.
//!
//! ```text
//! cargo run -p axum-service                        # listens on 127.0.0.1:3000 (ADDR=… to change)
//! curl -i localhost:3000/accounts/42               # a derived error
//! curl -i -H 'x-request-id: abc-1' localhost:3000/accounts/42
//! curl -i -X POST localhost:3000/accounts -H 'content-type: application/json' -d '{'
//! curl -i localhost:3000/slow                      # TimeoutLayer → request_timeout
//! curl -i localhost:3000/warming-up                # 503 + Retry-After: 1, twice, then 200
//! curl -N localhost:3000/feed                     # an SSE feed that fails after two events
//! curl -s localhost:3000/google/accounts/7         # the same errors in other envelopes (envelopes.rs)
//! curl -s localhost:3000/graphql -H 'content-type: application/json' -d '{"query":"{ account(id: 42) }"}'
//! ```
//!
//! The router is a library (`axum_service::app()`), so tests and clients (the reqwest
//! extension's tests) run the very service this example serves.

pub mod envelopes;
pub mod graphql;
pub mod streams;

use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;

use axum::Router;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::routing::get;
use errwire::format::Problem;
use errwire::tower::ErrwireLayer;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::timeout::TimeoutLayer;

/// The service's errors: what a handler returns with `?`.
#[derive(Debug, thiserror::Error, errwire::ApiError)]
#[api(domain = "accounts", docs = "https://docs.example.com/errors#{code}")]
pub enum AccountsError {
    /// Account not found.
    #[error("account {0} not found")]
    #[api(status = 404, code = "account_not_found")]
    NotFound(u64),
    /// Slug already in use.
    #[error("slug {slug} taken")]
    #[api(status = 409, message = "The slug '{slug}' is already in use.")]
    SlugTaken {
        /// The slug asked for.
        #[api(detail)]
        slug: String,
    },
    /// Too many requests.
    #[error("rate limited")]
    #[api(status = 429, help = "Respect the Retry-After header.")]
    RateLimited(#[api(retry_after)] u64),
    /// The service is warming up: retry shortly.
    #[error("warming up, attempt {0}")]
    #[api(status = 503, retry_after = 1)]
    WarmingUp(u32),
}

#[derive(serde::Deserialize)]
struct NewAccount {
    slug: String,
}

async fn account(Path(id): Path<u64>) -> Result<String, AccountsError> {
    match id {
        1 => Ok("account 1\n".into()),
        7 => Err(AccountsError::RateLimited(30)),
        id => Err(AccountsError::NotFound(id)),
    }
}

async fn create(errwire::axum::Json(new): errwire::axum::Json<NewAccount>) -> Result<String, AccountsError> {
    if new.slug == "acme" {
        return Err(AccountsError::SlugTaken { slug: new.slug });
    }
    Ok(format!("created {}\n", new.slug))
}

async fn slow() -> &'static str {
    tokio::time::sleep(Duration::from_secs(10)).await;
    "late\n"
}

async fn boom() -> &'static str {
    panic!("the handler failed")
}

/// Answers 503 (retry after 1 s) to the first two requests of this router, then 200: what a
/// client's retry loop meets when a service restarts.
async fn warming_up(State(calls): State<Arc<AtomicU32>>) -> Result<&'static str, AccountsError> {
    let call = calls.fetch_add(1, Ordering::SeqCst) + 1;
    if call <= 2 {
        return Err(AccountsError::WarmingUp(call));
    }
    Ok("ready\n")
}

/// The service: routes, then tower-http's layers, then errwire outermost; beside them, the
/// same errors for Twirp, Connect, Google and JSON:API clients, each behind its own layer.
pub fn app() -> Router {
    Router::new()
        .route("/accounts/{id}", get(account))
        .route("/accounts", axum::routing::post(create))
        .route("/slow", get(slow))
        .route("/boom", get(boom))
        .route("/warming-up", get(warming_up))
        .route("/feed", get(streams::feed))
        .route("/export", get(streams::export))
        .route("/ws", get(streams::socket))
        .with_state(Arc::new(AtomicU32::new(0)))
        .route(
            "/graphql",
            axum::routing::post(graphql::endpoint).with_state(graphql::schema()),
        )
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            Duration::from_secs(2),
        ))
        .layer(CatchPanicLayer::new())
        .layer(ErrwireLayer::<Problem>::new().negotiate_problem(true))
        .merge(envelopes::router())
}
