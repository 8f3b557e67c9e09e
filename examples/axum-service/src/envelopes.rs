//! The same errors as other protocols' clients receive them: a Twirp service, a Connect
//! service, a Google-style API and a JSON:API server, each answering in its envelope.
//!
//! ```text
//! curl -s -X POST localhost:3000/twirp/accounts.v1.Accounts/CreateAccount -H 'content-type: application/json' -d '{}'
//! curl -s -X POST localhost:3000/connect/accounts.v1.Accounts/GetAccount -H 'content-type: application/json' -d '{}'
//! curl -s localhost:3000/google/accounts/7         # 429 with RetryInfo
//! curl -s localhost:3000/jsonapi/accounts/42       # application/vnd.api+json
//! ```

use axum::Router;
use axum::extract::Path;
use axum::routing::{get, post};
use errwire::format::{Connect, GoogleJson, JsonApi, Twirp};
use errwire::tower::ErrwireLayer;

use crate::AccountsError;

/// The four services, each behind its own errwire layer: the layer's format is the envelope
/// its errors (derived and axum's own) come out in.
pub fn router() -> Router {
    let twirp = Router::new()
        .route("/twirp/{service}/{method}", post(procedure))
        .layer(ErrwireLayer::<Twirp>::new());
    let connect = Router::new()
        .route("/connect/{service}/{method}", post(procedure))
        .layer(ErrwireLayer::<Connect>::new());
    let google = Router::new()
        .route("/google/accounts/{id}", get(account))
        .layer(ErrwireLayer::<GoogleJson>::new());
    let json_api = Router::new()
        .route("/jsonapi/accounts/{id}", get(account))
        .layer(ErrwireLayer::<JsonApi>::new());
    twirp.merge(connect).merge(google).merge(json_api)
}

/// A remote procedure: `CreateAccount` finds the slug taken, `GetAccount` is rate limited,
/// anything else finds no account.
async fn procedure(Path((_service, method)): Path<(String, String)>) -> Result<(), AccountsError> {
    Err(match method.as_str() {
        "CreateAccount" => AccountsError::SlugTaken { slug: "acme".into() },
        "GetAccount" => AccountsError::RateLimited(30),
        _ => AccountsError::NotFound(0),
    })
}

/// Account `id`: 7 is rate limited, 409 has its slug taken, the rest are not found.
async fn account(Path(id): Path<u64>) -> Result<(), AccountsError> {
    Err(match id {
        7 => AccountsError::RateLimited(30),
        409 => AccountsError::SlugTaken { slug: "acme".into() },
        id => AccountsError::NotFound(id),
    })
}
