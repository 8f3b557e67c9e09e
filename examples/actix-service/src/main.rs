//! An actix-web service: handlers return `Result<_, AccountsError>`; extractor errors and
//! actix's own errors come out in the same flat envelope, with the request id.
//!
//! ```text
//! cargo run -p actix-service-example               # listens on 127.0.0.1:3001 (ADDR=… to change)
//! curl -i localhost:3001/accounts/42
//! curl -i localhost:3001/accounts/abc              # invalid_path
//! curl -i -X DELETE localhost:3001/accounts/1      # method_not_allowed
//! ```

use actix_web::{App, HttpServer, web};
use errwire::actix::{ErrwireMiddleware, json_config, path_config, query_config};
use errwire::format::Flat;

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

async fn account(id: web::Path<u64>) -> Result<String, AccountsError> {
    match id.into_inner() {
        1 => Ok("account 1\n".into()),
        7 => Err(AccountsError::RateLimited(30)),
        id => Err(AccountsError::NotFound(id)),
    }
}

async fn create(new: web::Json<NewAccount>) -> Result<String, AccountsError> {
    let NewAccount { slug } = new.into_inner();
    if slug == "acme" {
        return Err(AccountsError::SlugTaken { slug });
    }
    Ok(format!("created {slug}\n"))
}

#[actix_web::main]
async fn main() -> std::io::Result<()> {
    tracing_subscriber::fmt()
        .with_max_level(tracing_subscriber::filter::LevelFilter::DEBUG)
        .init();
    let address = std::env::var("ADDR").unwrap_or_else(|_| "127.0.0.1:3001".into());
    let server = HttpServer::new(|| {
        App::new()
            .wrap(
                ErrwireMiddleware::<Flat>::new()
                    .negotiate_problem(true)
                    .timeout(std::time::Duration::from_secs(2))
                    .catch_panics(),
            )
            .app_data(json_config::<Flat>())
            .app_data(path_config::<Flat>())
            .app_data(query_config::<Flat>())
            .service(web::resource("/accounts/{id}").route(web::get().to(account)))
            .service(web::resource("/accounts").route(web::post().to(create)))
    })
    .bind(&address)?;
    for address in server.addrs() {
        println!("actix-service listening on http://{address}");
    }
    server.run().await
}
