//! A rocket service: handlers return `Result<_, E>` with a derived error; rocket's own errors
//! (unknown route, bad JSON, JSON of the wrong shape, a parameter that does not parse, a body
//! over its limit, panics) come out in the same Problem envelope through the catcher the
//! fairing registers, with the request id the logs have.
//!
//! ```text
//! cargo run -p rocket-service                      # listens on 127.0.0.1:3005 (ROCKET_PORT=… to change)
//! curl -i localhost:3005/accounts/42               # a derived error
//! curl -i -X POST localhost:3005/accounts -H 'content-type: application/json' -d '{'
//! curl -i localhost:3005/accounts/abc              # rocket's own: bad_request
//! curl -i localhost:3005/boom                      # a panic: internal_error
//! ```

use errwire::format::Problem;
use errwire::rocket::ErrwireFairing;
use rocket::serde::json::Json;

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

#[derive(serde::Deserialize)]
struct NewAccount {
    slug: String,
}

#[rocket::get("/accounts/<id>")]
fn account(id: u64) -> Result<String, AccountsError> {
    match id {
        1 => Ok("account 1\n".into()),
        id => Err(AccountsError::NotFound(id)),
    }
}

#[rocket::post("/accounts", data = "<new>")]
fn create(new: Json<NewAccount>) -> Result<String, AccountsError> {
    let NewAccount { slug } = new.into_inner();
    if slug == "acme" {
        return Err(AccountsError::SlugTaken { slug });
    }
    Ok(format!("created {slug}\n"))
}

#[rocket::get("/boom")]
fn boom() -> &'static str {
    panic!("the handler failed")
}

#[rocket::launch]
fn rocket() -> _ {
    tracing_subscriber::fmt()
        .with_max_level(tracing_subscriber::filter::LevelFilter::DEBUG)
        .init();
    let config = rocket::Config::figment()
        .merge(("address", "127.0.0.1"))
        .merge(("port", 3005));
    rocket::custom(config)
        .mount("/", rocket::routes![account, create, boom])
        .attach(ErrwireFairing::<Problem>::new())
}
