//! The routes that fail the way production does: a handler that panics, one that passes the
//! timeout, one whose error carries internal text, a JSON body (malformed, mistyped,
//! oversized, of the wrong media type), and a translated error for hostile
//! `Accept-Language` and request-id headers — all behind one errwire layer that catches
//! panics, times out and translates.

use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::extract::{DefaultBodyLimit, Path};
use axum::routing::{get, post};
use errwire::ApiError;
use errwire::format::Nested;
use errwire::i18n::Translations;
use errwire::tower::ErrwireLayer;

/// Text that must never reach the wire: it is in a panic message and an error's source.
pub const SECRET: &str = "INTERNAL-SECRET";

/// The handler's timeout; `slow` sleeps [`SLOW`], well past it.
pub const TIMEOUT: Duration = Duration::from_millis(100);

/// How long `slow` sleeps.
pub const SLOW: Duration = Duration::from_millis(300);

/// The body limit of `/faults/order`.
pub const BODY_LIMIT: usize = 4096;

/// The errors of the fault routes.
#[derive(Debug, thiserror::Error, ApiError)]
#[api(domain = "load")]
pub enum FaultError {
    /// The database failed; its error (with the secret) is the source.
    #[error("database said: {0}")]
    #[api(status = 500, message = "The service failed.")]
    Database(#[source] std::io::Error),
    /// A translated error with a placeholder.
    #[error("slug taken")]
    #[api(status = 409, message = "The slug '{slug}' is already in use.")]
    SlugTaken {
        /// The slug.
        slug: String,
    },
}

/// The body of `/faults/order`.
#[derive(Debug, serde::Deserialize)]
pub struct Order {
    name: String,
    count: u32,
}

async fn panics(Path(n): Path<u64>) -> String {
    panic!("{SECRET} panic {n}")
}

async fn slow(Path(n): Path<u64>) -> String {
    tokio::time::sleep(SLOW).await;
    format!("late {n}")
}

async fn internal(Path(n): Path<u64>) -> Result<String, FaultError> {
    Err(FaultError::Database(std::io::Error::other(format!(
        "{SECRET} password=hunter{n}"
    ))))
}

async fn taken(Path(n): Path<u64>) -> Result<String, FaultError> {
    Err(FaultError::SlugTaken {
        slug: format!("slug-{n}"),
    })
}

async fn order(errwire::axum::Json(order): errwire::axum::Json<Order>) -> String {
    format!("{} x{}", order.name, order.count)
}

/// The French text of `slug_taken`, so a negotiated request is seen to be translated.
pub const FRENCH: &str = "est déjà pris";

/// The fault routes, behind one layer.
pub fn routes() -> Router {
    let french = format!("slug_taken = Le slug « {{ $slug }} » {FRENCH}.\n");
    let translations = Translations::parse([("fr", french)]).expect("the French translation parses");
    Router::new()
        .route("/panic/{n}", get(panics))
        .route("/slow/{n}", get(slow))
        .route("/internal/{n}", get(internal))
        .route("/taken/{n}", get(taken))
        .route("/order", post(order))
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .layer(
            ErrwireLayer::<Nested>::new()
                .timeout(TIMEOUT)
                .catch_panics()
                .translations(Arc::new(translations)),
        )
}
