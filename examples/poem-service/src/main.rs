//! A poem service: handlers return `poem::Result<_>` with a derived error and `?` just works;
//! the poem-openapi operations document every code of their error type; poem's own errors
//! (unknown route, wrong method, bad JSON, a path that does not parse, timeouts, panics) come
//! out in the same Problem envelope, with the request id the logs have.
//!
//! ```text
//! cargo run -p poem-service                        # listens on 127.0.0.1:3003 (ADDR=… to change)
//! curl -i localhost:3003/accounts/42               # a derived error
//! curl -i -X POST localhost:3003/accounts -H 'content-type: application/json' -d '{'
//! curl -i localhost:3003/accounts/abc              # poem's own: invalid_path
//! curl -i localhost:3003/orders/7                  # a poem-openapi operation: 429 + Retry-After
//! curl -s localhost:3003/openapi.json              # every code of OrderError documented
//! ```

use std::time::Duration;

use errwire::format::Problem;
use errwire::poem::ErrwireMiddleware;
use poem::listener::{Acceptor as _, Listener as _, TcpListener};
use poem::web::{Json, Path};
use poem::{EndpointExt as _, Route, Server, get, handler, post};
use poem_openapi::payload::PlainText;
use poem_openapi::{OpenApi, OpenApiService};

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

/// The orders' errors, documented by poem-openapi.
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
fn account(Path(id): Path<u64>) -> poem::Result<String> {
    if id == 1 {
        return Ok("account 1\n".into());
    }
    Err(AccountsError::NotFound(id))?
}

#[handler]
fn create(Json(new): Json<NewAccount>) -> poem::Result<String> {
    if new.slug == "acme" {
        return Err(AccountsError::SlugTaken { slug: new.slug }.into());
    }
    Ok(format!("created {}\n", new.slug))
}

#[handler]
fn boom() -> &'static str {
    panic!("the handler failed")
}

struct Orders;

#[OpenApi]
impl Orders {
    /// One order.
    #[oai(path = "/orders/:id", method = "get")]
    async fn order(&self, id: poem_openapi::param::Path<u64>) -> Result<PlainText<String>, OrderError> {
        match id.0 {
            1 => Ok(PlainText("order 1\n".into())),
            7 => Err(OrderError::RateLimited),
            id => Err(OrderError::NotFound(id)),
        }
    }
}

#[tokio::main]
async fn main() -> std::io::Result<()> {
    tracing_subscriber::fmt()
        .with_max_level(tracing_subscriber::filter::LevelFilter::DEBUG)
        .init();
    let orders = OpenApiService::new(Orders, "orders", "1");
    let spec = orders.spec_endpoint();
    let app = Route::new()
        .at("/accounts/:id", get(account))
        .at("/accounts", post(create))
        .at("/boom", get(boom))
        .at("/openapi.json", spec)
        .nest("/", orders)
        .with(
            ErrwireMiddleware::<Problem>::new()
                .timeout(Duration::from_secs(2))
                .catch_panics(),
        );
    let address = std::env::var("ADDR").unwrap_or_else(|_| "127.0.0.1:3003".into());
    let acceptor = TcpListener::bind(address).into_acceptor().await?;
    let local = acceptor.local_addr();
    let shown = local.first().and_then(|a| a.as_socket_addr().copied());
    match shown {
        Some(address) => println!("poem-service listening on http://{address}"),
        None => println!("poem-service listening"),
    }
    Server::new_with_acceptor(acceptor)
        .run_with_graceful_shutdown(
            app,
            async {
                let _ = tokio::signal::ctrl_c().await;
            },
            None,
        )
        .await
}
