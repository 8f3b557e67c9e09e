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
//! ```

use std::time::Duration;

use axum::extract::Path;
use axum::http::StatusCode;
use axum::routing::get;
use axum::Router;
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

/// The service: routes, then tower-http's layers, then errwire outermost.
fn app() -> Router {
    Router::new()
        .route("/accounts/{id}", get(account))
        .route("/accounts", axum::routing::post(create))
        .route("/slow", get(slow))
        .route("/boom", get(boom))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            Duration::from_secs(2),
        ))
        .layer(CatchPanicLayer::new())
        .layer(ErrwireLayer::<Problem>::new().negotiate_problem(true))
}

#[tokio::main]
async fn main() -> std::io::Result<()> {
    tracing_subscriber::fmt()
        .with_max_level(tracing_subscriber::filter::LevelFilter::DEBUG)
        .init();
    let address = std::env::var("ADDR").unwrap_or_else(|_| "127.0.0.1:3000".into());
    let listener = tokio::net::TcpListener::bind(&address).await?;
    println!("axum-service listening on http://{}", listener.local_addr()?);
    axum::serve(listener, app())
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await
}
