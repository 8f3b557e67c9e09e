//! A salvo service: handlers return `Result<_, E>` with a derived error; the salvo-oapi
//! endpoints document every code of their error type; salvo's own errors (unknown route, wrong
//! method, bad JSON, a body over its limit, timeouts, panics) come out in the same Problem
//! envelope, with the request id the logs have.
//!
//! ```text
//! cargo run -p salvo-service                       # listens on 127.0.0.1:3004 (ADDR=… to change)
//! curl -i localhost:3004/accounts/42               # a derived error
//! curl -i -X POST localhost:3004/accounts -H 'content-type: application/json' -d '{'
//! curl -i -X DELETE localhost:3004/accounts/42     # salvo's own: method_not_allowed
//! curl -i localhost:3004/orders/7                  # a salvo-oapi endpoint: 429 + Retry-After
//! curl -s localhost:3004/openapi.json              # every code of OrderError documented
//! ```

use std::time::Duration;

use errwire::format::Problem;
use errwire::salvo::ErrwireHoop;
use salvo::conn::TcpListener;
use salvo::extract::{JsonBody, PathParam};
use salvo::{Listener as _, Router, Server, Service, Writer as _, handler};
use salvo_oapi::{OpenApi, endpoint};

/// The accounts' errors.
#[derive(Debug, thiserror::Error, errwire::ApiError)]
#[api(domain = "accounts", docs = "https://docs.example.com/errors#{code}")]
enum AccountsError {
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
}

/// The orders' errors, documented by salvo-oapi.
#[derive(Debug, thiserror::Error, errwire::ApiError)]
#[api(domain = "orders", format = Problem)]
enum OrderError {
    /// No such order.
    #[error("order {0} not found")]
    #[api(status = 404, code = "order_not_found")]
    NotFound(u64),
    /// Too many requests.
    #[error("rate limited")]
    #[api(status = 429, retry_after = 30)]
    RateLimited,
}

#[derive(serde::Deserialize)]
struct NewAccount {
    slug: String,
}

#[handler]
async fn account(id: PathParam<u64>) -> Result<String, AccountsError> {
    match *id {
        1 => Ok("account 1\n".into()),
        id => Err(AccountsError::NotFound(id)),
    }
}

#[handler]
async fn create(new: JsonBody<NewAccount>) -> Result<String, AccountsError> {
    let NewAccount { slug } = new.into_inner();
    if slug == "acme" {
        return Err(AccountsError::SlugTaken { slug });
    }
    Ok(format!("created {slug}\n"))
}

#[handler]
async fn boom() -> &'static str {
    panic!("the handler failed")
}

/// One order.
#[endpoint]
async fn order(id: salvo_oapi::extract::PathParam<u64>) -> Result<String, OrderError> {
    match *id {
        1 => Ok("order 1\n".into()),
        7 => Err(OrderError::RateLimited),
        id => Err(OrderError::NotFound(id)),
    }
}

#[tokio::main]
async fn main() {
    tracing_subscriber::fmt()
        .with_max_level(tracing_subscriber::filter::LevelFilter::DEBUG)
        .init();
    let router = Router::new()
        .push(Router::with_path("accounts/{id}").get(account))
        .push(Router::with_path("accounts").post(create))
        .push(Router::with_path("boom").get(boom))
        .push(Router::with_path("orders/{id}").get(order));
    let document = OpenApi::new("orders", "1").merge_router(&router);
    let router = router.push(document.into_router("/openapi.json"));
    let service = Service::new(router).hoop(
        ErrwireHoop::<Problem>::new()
            .timeout(Duration::from_secs(2))
            .catch_panics(),
    );
    let address = std::env::var("ADDR").unwrap_or_else(|_| "127.0.0.1:3004".into());
    let acceptor = TcpListener::new(address).bind().await;
    println!("salvo-service listening");
    Server::new(acceptor).serve(service).await;
}
