//! What the layer costs: the same success and error routes with and without errwire.
//!
//! - `/cost/bare/ok` and `/cost/layered/ok`: a success, without any layer and behind
//!   `ErrwireLayer::<Nested>::new()`;
//! - `/cost/hand/ok`: the same success behind tower-http's two request-id layers alone, what
//!   a user adds to give every response an id without errwire (the floor for that job);
//! - `/cost/layered/error/{n}`: [`LoadError::SlugTaken`] behind the layer;
//! - `/cost/hand/error/{n}`: the mapping a user writes by hand for the same error — tower-http's
//!   request-id layers (set and echo `x-request-id`), the id read in the handler, and a
//!   `#[derive(Serialize)]` body — answering the same status, `content-type`, `x-request-id`
//!   and body bytes (the driver checks this before timing).

use axum::Router;
use axum::extract::Path;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header::CONTENT_TYPE};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use errwire::format::Nested;
use errwire::tower::ErrwireLayer;
use serde::Serialize;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};

use crate::LoadError;

async fn ok() -> &'static str {
    "ok"
}

async fn layered_error(Path(n): Path<u64>) -> Result<String, LoadError> {
    Err(slug_taken(n))
}

fn slug_taken(n: u64) -> LoadError {
    LoadError::SlugTaken {
        slug: format!("slug-{n}"),
        suggestion: format!("slug-{n}-x"),
    }
}

#[derive(Serialize)]
struct HandBody<'a> {
    error: HandInner<'a>,
}

#[derive(Serialize)]
struct HandInner<'a> {
    code: &'static str,
    message: String,
    request_id: &'a str,
    details: HandDetails<'a>,
}

#[derive(Serialize)]
struct HandDetails<'a> {
    suggestion: &'a str,
}

/// The error path written by hand: the same facts as `LoadError::SlugTaken`.
async fn hand_error(Path(n): Path<u64>, headers: HeaderMap) -> Response {
    let id = headers
        .get("x-request-id")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let suggestion = format!("slug-{n}-x");
    let body = HandBody {
        error: HandInner {
            code: "slug_taken",
            message: format!("The slug 'slug-{n}' is already in use."),
            request_id: id,
            details: HandDetails {
                suggestion: &suggestion,
            },
        },
    };
    let bytes = serde_json::to_vec(&body).unwrap_or_default();
    let mut response = (StatusCode::CONFLICT, bytes).into_response();
    response
        .headers_mut()
        .insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
    response
}

/// The cost routes: each pair differs only in errwire.
pub fn routes() -> Router {
    let layered = Router::new()
        .route("/ok", get(ok))
        .route("/error/{n}", get(layered_error))
        .layer(ErrwireLayer::<Nested>::new());
    let hand = Router::new()
        .route("/ok", get(ok))
        .route("/error/{n}", get(hand_error))
        .layer(PropagateRequestIdLayer::x_request_id())
        .layer(SetRequestIdLayer::x_request_id(MakeRequestUuid));
    // Nested like the others: axum's nesting rewrites the path, a cost all four pay alike.
    let bare = Router::new().route("/ok", get(ok));
    Router::new()
        .nest("/bare", bare)
        .nest("/layered", layered)
        .nest("/hand", hand)
}
