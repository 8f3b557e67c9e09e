//! An actix-web service: handlers return `Result<_, AccountsError>`; extractor errors and
//! actix's own errors come out in the same flat envelope, with the request id.
//!
//! ```text
//! cargo run -p actix-service-example               # listens on 127.0.0.1:3001 (ADDR=… to change)
//! curl -i localhost:3001/accounts/42
//! curl -i localhost:3001/accounts/abc              # invalid_path
//! curl -i -X DELETE localhost:3001/accounts/1      # method_not_allowed
//! curl -N localhost:3001/feed                      # an SSE feed that fails after two events
//! websocat ws://localhost:3001/ws                  # send anything: "tick", the error, close 4503
//! ```
//!
//! The routes and middleware are a library (`actix_service_example::configure`,
//! `middleware`), so tests run the very service this example serves.

use actix_web::web;
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
    /// The service is unavailable (what failed is logged, never sent).
    #[error("accounts database at 10.0.0.5 unavailable")]
    #[api(status = 503)]
    Unavailable,
}

/// Two events, then a 429 with a three-second delay: the stream's last event.
async fn feed() -> actix_web::HttpResponse {
    let items = [Ok("tick 1"), Ok("tick 2"), Err(AccountsError::RateLimited(3))];
    errwire::actix::sse(futures_util::stream::iter(items))
}

/// Answers the first message with "tick", then fails: the error's body as the last message,
/// and a close frame with its code (4503) and reason (its code).
async fn socket(
    request: actix_web::HttpRequest,
    body: web::Payload,
) -> actix_web::Result<actix_web::HttpResponse> {
    let (response, mut session, mut messages) = actix_ws::handle(&request, body)?;
    actix_web::rt::spawn(async move {
        let _ = messages.recv().await;
        let _ = session.text("tick").await;
        let error = AccountsError::Unavailable;
        let _ = session
            .text(errwire::ws::message::<Flat>(&error, &errwire::Context::new()))
            .await;
        let (code, reason) = errwire::ws::close_frame(&error);
        let reason = actix_ws::CloseReason {
            code: actix_ws::CloseCode::Other(code),
            description: Some(reason),
        };
        let _ = session.close(Some(reason)).await;
    });
    Ok(response)
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

/// The errwire middleware of the service: the flat envelope, problem+json to clients that ask,
/// a two-second limit per request, panics caught.
#[must_use]
pub fn middleware() -> ErrwireMiddleware<Flat> {
    ErrwireMiddleware::<Flat>::new()
        .negotiate_problem(true)
        .timeout(std::time::Duration::from_secs(2))
        .catch_panics()
}

/// The service's routes and extractor configs: `App::new().wrap(middleware()).configure(configure)`.
pub fn configure(config: &mut web::ServiceConfig) {
    config
        .app_data(json_config::<Flat>())
        .app_data(path_config::<Flat>())
        .app_data(query_config::<Flat>())
        .service(web::resource("/accounts/{id}").route(web::get().to(account)))
        .service(web::resource("/accounts").route(web::post().to(create)))
        .route("/feed", web::get().to(feed))
        .route("/ws", web::get().to(socket));
}
